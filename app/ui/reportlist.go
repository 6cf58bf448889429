package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// writtenColumns: kind, citizen, period, status, action.
var writtenColumns = columns{130, 0, 200, 140, 100}

// writtenReports lists the status reports due and the written reports
// (opstartsnotat, statusrapport, slutrapport) with their status.
type writtenReports struct {
	st       reportsStore
	env      env
	onChange func()
	due      *fyne.Container
	list     *fyne.Container
	status   *widget.Select
	root     fyne.CanvasObject

	citizens map[data.ID]string // names of the courses' citizens
	courses  map[data.ID]data.Course
	munis    map[data.ID]data.Municipality
	shown    []data.Report
	dueNow   []data.DueReport
	form     *reportForm // the form opened last (tests reach it here)
}

func newWrittenReports(st reportsStore, e env, onChange func()) *writtenReports {
	w := &writtenReports{st: st, env: e, onChange: onChange, due: container.NewVBox(), list: container.NewVBox()}
	options := []string{lang.X("report.all_statuses", "Alle")}
	for _, s := range data.ReportStatuses {
		options = append(options, s.Label())
	}
	w.status = widget.NewSelect(options, nil)
	w.status.SetSelectedIndex(0) // before OnChanged: building the screen reads nothing yet
	w.status.OnChanged = func(string) { w.env.showError(w.load(context.Background())) }
	filter := container.NewHBox(widget.NewLabel(lang.X("report.status_filter", "Status")), container.New(minWidth(180), w.status))
	header := writtenColumns.header(lang.X("report.col_kind", "Type"), lang.X("reports.col_citizen", "Borger"),
		lang.X("report.col_period", "Periode"), lang.X("report.col_status", "Status"), "")
	content := container.NewVBox(
		heading(lang.X("report.due_title", "Forfaldne statusrapporter")), w.due, widget.NewSeparator(),
		container.NewBorder(nil, nil, heading(lang.X("report.written_title", "Skrevne rapporter")), filter),
		header, w.list)
	w.root = container.NewVScroll(content)
	return w
}

func (w *writtenReports) view() fyne.CanvasObject { return w.root }

// load reads the reports, the courses and who they are about.
func (w *writtenReports) load(ctx context.Context) error {
	courses, err := w.st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return err
	}
	munis, err := w.st.Municipalities(ctx, true)
	if err != nil {
		return err
	}
	ids := make([]data.ID, 0, len(courses))
	for _, c := range courses {
		ids = append(ids, c.CitizenID)
	}
	// Only the names: the list and the course choice show nothing else.
	if w.citizens, err = w.st.CitizenNames(ctx, ids); err != nil {
		return err
	}
	w.courses = byID(courses, func(c data.Course) data.ID { return c.ID })
	w.munis = byID(munis, func(m data.Municipality) data.ID { return m.ID })
	var f data.ReportFilter
	if i := w.status.SelectedIndex(); i > 0 {
		f.Statuses = []data.ReportStatus{data.ReportStatuses[i-1]}
	}
	if w.shown, err = w.st.Reports(ctx, f); err != nil {
		return err
	}
	all, err := w.st.Reports(ctx, data.ReportFilter{Kinds: []data.ReportKind{data.KindStatus}})
	if err != nil {
		return err
	}
	active, err := w.st.Agreements(ctx, 0, w.env.today())
	if err != nil {
		return err
	}
	w.dueNow = data.DueStatusReports(w.env.today(), data.DueInput{Courses: courses, Agreements: active, Municipalities: munis, Reports: all})
	w.render()
	return nil
}

// courseTitle is "Anna Bøgh · forløb 12" (screens may show names; files
// and logs never do).
func (w *writtenReports) courseTitle(courseID data.ID) string {
	c := w.courses[courseID]
	return fmt.Sprintf("%s · %s", w.citizens[c.CitizenID], lang.X("report.course_no", "forløb {{.ID}}", map[string]any{"ID": courseID}))
}

func (w *writtenReports) render() {
	w.due.Objects, w.list.Objects = nil, nil
	// The scroll must lay out again: the lists may have shrunk.
	defer w.root.Refresh()
	if len(w.dueNow) == 0 {
		w.due.Add(muted(lang.X("report.none_due", "Ingen statusrapporter forfalder i dag.")))
	}
	for _, d := range w.dueNow {
		d := d
		write := widget.NewButtonWithIcon(lang.X("report.write", "Skriv"), theme.DocumentCreateIcon(), func() { w.writeDue(d) })
		text := lang.X("report.due_line", "{{.Course}} · {{.Municipality}} · {{.Period}} · forfalden {{.Due}}", map[string]string{
			"Course": w.courseTitle(d.Course.ID), "Municipality": d.Municipality.Name,
			"Period": periodText(d.From, d.To), "Due": dateText(d.DueOn)})
		w.due.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), write, cell(text)))
	}
	if len(w.shown) == 0 {
		w.list.Add(muted(lang.X("report.none_written", "Der er ingen skrevne rapporter.")))
	}
	for _, r := range w.shown {
		r := r
		open := widget.NewButtonWithIcon(lang.X("report.open", "Åbn"), theme.DocumentCreateIcon(), func() { w.open(r) })
		w.list.Add(writtenColumns.row(cell(r.Kind.Label()), cell(w.courseTitle(r.CourseID)),
			cell(periodText(r.PeriodStart, r.PeriodEnd)), iconLine(statusIcon(r.Status), r.Status.Label(), statusImportance(r.Status)), open))
	}
}

func statusIcon(s data.ReportStatus) fyne.Resource {
	switch s {
	case data.ReportSubmitted:
		return theme.MailSendIcon()
	case data.ReportApproved:
		return theme.ConfirmIcon()
	case data.ReportSent:
		return theme.MailForwardIcon()
	}
	return theme.DocumentCreateIcon()
}

func statusImportance(s data.ReportStatus) widget.Importance {
	switch s {
	case data.ReportSubmitted:
		return widget.WarningImportance
	case data.ReportApproved, data.ReportSent:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// open shows a written report in the form.
func (w *writtenReports) open(r data.Report) {
	w.form = newReportForm(w.st, w.env, r, r.Kind.Label()+" · "+w.courseTitle(r.CourseID), w.changed)
	w.form.show()
}

func (w *writtenReports) changed() {
	w.env.showError(w.load(context.Background()))
	if w.onChange != nil {
		w.onChange()
	}
}

// writeDue starts a due status report, prefilled from the data.
func (w *writtenReports) writeDue(d data.DueReport) {
	w.env.showError(w.start(data.KindStatus, d.Course.ID, d.From, d.To))
}

// start prefills a new report and opens it in the form (not saved yet).
func (w *writtenReports) start(kind data.ReportKind, courseID data.ID, from, to data.Date) error {
	r, err := reports.Prefill(context.Background(), w.st, kind, courseID, from, to)
	if err != nil {
		return err
	}
	w.form = newReportForm(w.st, w.env, r, kind.Label()+" · "+w.courseTitle(courseID), w.changed)
	w.form.show()
	return nil
}

// newReport asks for kind, course and period, then opens the form.
func (w *writtenReports) newReport() {
	if w.env.window == nil {
		return
	}
	if w.courses == nil {
		if err := w.load(context.Background()); err != nil {
			w.env.showError(err)
			return
		}
	}
	kinds := []data.ReportKind{data.KindStart, data.KindStatus, data.KindFinal}
	var kindNames []string
	for _, k := range kinds {
		kindNames = append(kindNames, k.Label())
	}
	var courses []data.Course
	for _, c := range w.courses {
		courses = append(courses, c)
	}
	slices.SortFunc(courses, func(a, b data.Course) int { return int(a.ID - b.ID) })
	dk.SortBy(courses, func(c data.Course) string { return w.citizens[c.CitizenID] })
	var courseNames []string
	for _, c := range courses {
		courseNames = append(courseNames, w.courseTitle(c.ID)+" · "+c.Status.Label())
	}
	kind := widget.NewSelect(kindNames, nil)
	kind.SetSelectedIndex(1)
	course := widget.NewSelectEntry(courseNames)
	course.PlaceHolder = lang.X("report.pick_course", "Skriv for at søge borger")
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder("dd-mm-åååå")
	to.SetPlaceHolder("dd-mm-åååå")
	to.SetText(dateText(w.env.today()))
	msg := problemLabel()
	var dlg *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.X("report.begin", "Skriv rapport"), theme.DocumentCreateIcon(), func() {
		i := slices.Index(courseNames, course.Text)
		if i < 0 {
			msg.SetText(lang.X("report.course_missing", "Forløb skal vælges fra listen."))
			msg.Show()
			return
		}
		k := kinds[max(kind.SelectedIndex(), 0)]
		fromDay, err1 := parseDayField(from.Text)
		toDay, err2 := parseDayField(to.Text)
		if err1 != nil || err2 != nil {
			msg.SetText(lang.X("report.bad_period", "Periode: skriv datoerne som dd-mm-åååå."))
			msg.Show()
			return
		}
		if err := w.start(k, courses[i].ID, fromDay, toDay); err != nil {
			msg.SetText(err.Error())
			msg.Show()
			return
		}
		dlg.Hide()
	})
	ok.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.X("report.col_kind", "Type"), kind),
		widget.NewFormItem(lang.X("report.course", "Forløb"), course),
		widget.NewFormItem(lang.X("report.from", "Fra"), from),
		widget.NewFormItem(lang.X("report.to", "Til"), to))
	hint := muted(lang.X("report.period_hint", "Perioden bruges til statusrapporten; opstartsnotat og slutrapport tager perioden fra forløbet."))
	dlg = dialog.NewCustomWithoutButtons(lang.X("report.new", "Ny rapport"), container.NewVBox(form, hint, msg), w.env.window)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { dlg.Hide() }), ok})
	dlg.Resize(fyne.NewSize(640, 0))
	dlg.Show()
}

// parseDayField reads dd-mm-yyyy; empty is no date.
func parseDayField(s string) (data.Date, error) {
	if s == "" {
		return data.Date{}, nil
	}
	t, err := dk.ParseDate(s, data.Zone())
	if err != nil {
		return data.Date{}, err
	}
	return data.DateOf(t), nil
}
