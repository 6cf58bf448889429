package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// env is what every screen needs besides its store: the window for dialogs,
// the preferences, and the clock. Screens get it by value so none of them
// reaches for global state.
type env struct {
	window   fyne.Window
	prefs    fyne.Preferences
	clock    func() time.Time
	language string // "da" or "en", the language in use
	// keys routes Ctrl+S, Esc, Ctrl+N and Ctrl+F to the form or section on
	// screen; nil in tests of single screens (every method is nil-safe).
	keys *keymap
}

// now is the current instant in Danish time; every day boundary in the UI is
// a Danish day, whatever zone the PC is set to.
func (e env) now() time.Time { return e.clock().In(data.Zone()) }

// today is the current Danish calendar day.
func (e env) today() data.Date { return data.DateOf(e.now()) }

// showError tells the user, in the interface language, that something could
// not be done; the technical cause follows for support.
func (e env) showError(err error) {
	if err == nil || e.window == nil {
		return
	}
	msg := lang.X("error.load", "Data kunne ikke hentes fra databasen.")
	dialog.ShowError(errors.New(msg+"\n\n"+err.Error()), e.window)
}

// dayStart is midnight in Danish time at the start of d.
func dayStart(d data.Date) time.Time { return d.In(data.Zone()) }

// dateText shows a civil date as dd-mm-yyyy, or a dash when unset.
func dateText(d data.Date) string {
	if d.IsZero() {
		return "–"
	}
	return dk.FormatDate(dayStart(d))
}

// periodText shows "01-09-2026 – 28-02-2027".
// An open end reads "fra 01-09-2026" rather than a dangling dash.
func periodText(from, to data.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return "–"
	case to.IsZero():
		return lang.X("period.from", "fra {{.Date}}", map[string]string{"Date": dateText(from)})
	case from.IsZero():
		return lang.X("period.until", "til {{.Date}}", map[string]string{"Date": dateText(to)})
	}
	return dateText(from) + " – " + dateText(to)
}

// timeSpan shows "09:00–10:30" in Danish time.
func timeSpan(from, to time.Time) string {
	return dk.FormatTime(from.In(data.Zone())) + "–" + dk.FormatTime(to.In(data.Zone()))
}

// usedOfGranted shows "12,5 t af 26 t".
func usedOfGranted(usedMin, grantedMin int) string {
	return lang.X("hours.used_of_granted", "{{.Used}} t af {{.Granted}} t", map[string]string{
		"Used": dk.FormatHours(usedMin), "Granted": dk.FormatHours(grantedMin),
	})
}

// percentText shows a share as a whole percentage, "87 %" (Danish puts a
// space before the sign).
func percentText(share float64) string {
	return dk.FormatDecimal(share*100, 0) + " %"
}

// orDash shows a dash for an empty value, so an empty field reads as "not
// filled in" rather than as a layout glitch.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// capitalize upper-cases the first letter: Danish weekday and month names are
// lower case mid-sentence but start a heading.
func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// isActive tells whether a course counts as active: support is being given
// (aktiv) or retention support after job start (fastholdelse).
func isActive(s data.CourseStatus) bool {
	return s == data.CourseActive || s == data.CourseRetention
}

// byID indexes records by their id.
func byID[T any](items []T, id func(T) data.ID) map[data.ID]T {
	out := make(map[data.ID]T, len(items))
	for _, it := range items {
		out[id(it)] = it
	}
	return out
}

// heading is a section title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// bold is a bold label.
func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// cell is a one-line label that truncates with an ellipsis, so long names
// cannot push a table row wider than the window.
func cell(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// wrapped is a label that wraps at word boundaries, for free text.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// muted is a label for secondary information and empty states. It is
// italic rather than pale: pale grey on white is too hard to read.
func muted(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// iconLine is an icon followed by a one-line text: status is told by icon
// and words, never by colour alone.
func iconLine(icon fyne.Resource, text string, imp widget.Importance) fyne.CanvasObject {
	l := cell(text)
	l.Importance = imp
	return container.NewBorder(nil, nil, widget.NewIcon(icon), nil, l)
}

// readOnlyForm lays out label/value pairs like a form, for details views.
func readOnlyForm(pairs ...string) *widget.Form {
	f := widget.NewForm()
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Append(pairs[i], wrapped(orDash(pairs[i+1])))
	}
	return f
}

// moreLine says how many items a capped list leaves out.
func moreLine(n int) fyne.CanvasObject {
	return muted(lang.X("list.more", "… og {{.Count}} til", map[string]int{"Count": n}))
}

// columns lays objects out side by side. A positive width is fixed; zero
// means "share what is left". Table-like rows and their header use the same
// widths so the columns line up.
type columns []float32

// Layout places each object in its column.
func (c columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := c.split(len(objects))
	free := size.Width - fixed - pad*float32(max(len(objects)-1, 0))
	flexWidth := float32(0)
	if flex > 0 {
		flexWidth = max(free/float32(flex), 0)
	}
	x := float32(0)
	for i, o := range objects {
		w := flexWidth
		if i < len(c) && c[i] > 0 {
			w = c[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the fixed widths plus the flexible columns' own minimum.
func (c columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i, o := range objects {
		m := o.MinSize()
		if i < len(c) && c[i] > 0 {
			w += c[i]
		} else {
			w += m.Width
		}
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+pad*float32(max(len(objects)-1, 0)), h)
}

func (c columns) split(n int) (fixed float32, flex int) {
	for i := 0; i < n; i++ {
		if i < len(c) && c[i] > 0 {
			fixed += c[i]
		} else {
			flex++
		}
	}
	return fixed, flex
}

// row builds one table row of cells with the given column widths.
func (c columns) row(cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(c, cells...)
}

// header builds a bold header row.
func (c columns) header(titles ...string) *fyne.Container {
	cells := make([]fyne.CanvasObject, len(titles))
	for i, t := range titles {
		l := cell(t)
		l.TextStyle = fyne.TextStyle{Bold: true}
		cells[i] = l
	}
	return c.row(cells...)
}

// setRow writes texts into a row built by row() from labels.
func setRow(row fyne.CanvasObject, texts ...string) {
	cells := row.(*fyne.Container).Objects
	for i, t := range texts {
		if l, ok := cells[i].(*widget.Label); ok {
			setLabel(l, t)
		}
	}
}

// setLabel changes a label's text only when it differs: setting a
// truncated label's text shapes it again, which is most of what redrawing
// a list costs.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// minWidth is a layout that gives its objects the full space but asks for
// at least the given width, e.g. to keep the navigation from shrinking to
// its longest label.
type minWidth float32

// Layout stretches every object over the whole area.
func (w minWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the objects' minimum, widened to w.
func (w minWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	min := fyne.NewSize(float32(w), 0)
	for _, o := range objects {
		min = min.Max(o.MinSize())
	}
	return min
}
