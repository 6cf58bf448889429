package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// conflicted shows why a save was refused: someone else saved the record
// after this form opened it. Every typed value stays. The form's reload
// (when set) makes the stored version the base of the next save, so
// pressing Gem again puts what is typed on top of it, after the user has
// looked at what changed ("Vis den nye version").
func (ed *editor) conflicted(conflict *data.ConflictError) {
	ed.listed = false
	ed.latest = nil
	text := conflict.Error()
	if ed.reload != nil {
		latest, err := ed.reload(context.Background())
		if err != nil {
			text += "\n" + lang.X("conflict.reload_failed", "Den nye version kunne ikke hentes: {{.Error}}", map[string]string{"Error": err.Error()})
		} else {
			ed.latest = latest
		}
	}
	setProblem(ed.general, text)
	if ed.conflict != nil {
		if ed.latest != nil {
			ed.conflict.Show()
		} else {
			ed.conflict.Hide()
		}
	}
	ed.relayout()
}

// conflictActions is "Vis den nye version", hidden until a save is
// refused; it sits in the button row, left of Annullér and Gem.
func (ed *editor) conflictActions() fyne.CanvasObject {
	show := widget.NewButtonWithIcon(lang.X("conflict.show", "Vis den nye version"), theme.VisibilityIcon(), ed.showLatest)
	ed.conflict = container.NewHBox(show)
	ed.conflict.Hide()
	return ed.conflict
}

// conflictDifferences lists, field by field in form order, where the
// stored version differs from what is typed: the field's label, the stored
// text and the typed one.
func (ed *editor) conflictDifferences() [][3]string {
	var out [][3]string
	for _, f := range ed.fields {
		stored, ok := ed.latest[f.name]
		if !ok || stored == f.get() {
			continue
		}
		out = append(out, [3]string{f.label, stored, f.get()})
	}
	return out
}

// showLatest shows the fields the stored version has otherwise than the
// form, with both values, so the user can bring the other user's change
// into what they typed before saving again.
func (ed *editor) showLatest() {
	diffs := ed.conflictDifferences()
	var body fyne.CanvasObject
	if len(diffs) == 0 {
		body = wrapped(lang.X("conflict.same", "Den nye version har de samme værdier som formularen. Tryk Gem for at gemme."))
	} else {
		rows := container.NewVBox(wrapped(lang.X("conflict.intro",
			"Disse felter er gemt anderledes, end de står i formularen. Ret formularen, hvis den andens ændring skal med, og tryk Gem igen.")))
		for _, d := range diffs {
			title := widget.NewLabelWithStyle(d[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			rows.Add(title)
			rows.Add(wrapped(lang.X("conflict.stored", "Gemt nu: {{.Value}}", map[string]string{"Value": conflictValue(d[1])})))
			rows.Add(wrapped(lang.X("conflict.typed", "I formularen: {{.Value}}", map[string]string{"Value": conflictValue(d[2])})))
		}
		body = rows
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(560, 320))
	dialog.ShowCustom(lang.X("conflict.title", "Den nye version"), lang.X("conflict.close", "Luk"), scroll, ed.env.window)
}

// conflictValue shows an empty value as a word, not as nothing.
func conflictValue(v string) string {
	if strings.TrimSpace(v) == "" {
		return lang.X("conflict.empty", "(tom)")
	}
	return v
}

// fieldTexts is every field's text by name, as the form shows it: what a
// form built on the stored record shows, for "Vis den nye version".
func (ed *editor) fieldTexts() map[string]string {
	out := make(map[string]string, len(ed.fields))
	for _, f := range ed.fields {
		out[f.name] = f.get()
	}
	return out
}

// sessionReload is the reload of the session forms: the stored session
// becomes the base of the next save (its fields are then read from the
// form again). The calendar behind the form shows the new version, so the
// form lists no values itself. Nil for a session not saved yet.
func (s *calendarScreen) sessionReload(original *data.Session) func(ctx context.Context) (map[string]string, error) {
	if original.ID == 0 {
		return nil
	}
	return func(ctx context.Context) (map[string]string, error) {
		fresh, err := s.st.Session(ctx, original.ID)
		if err != nil {
			return nil, err
		}
		*original = fresh
		return nil, nil
	}
}
