package ui

import (
	"context"
	"fmt"
	"strconv"
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

// Draft kinds of the calendar's forms.
const (
	draftSessionPlan     = "session_plan"
	draftSessionRegister = "session_registration"
)

// courseChoice is an open course offered when planning: the citizen's name
// (with the municipality's reference when a citizen has several courses).
type courseChoice struct {
	label  string
	course data.Course
}

// plannableCourses lists open courses in Danish order of the citizens'
// names; a course that ended stays offered when it is the session's own.
func (s *calendarScreen) plannableCourses(keep data.ID) []courseChoice {
	perCitizen := map[data.ID]int{}
	for _, c := range s.courses {
		if c.Status.Open() {
			perCitizen[c.CitizenID]++
		}
	}
	var out []courseChoice
	for _, c := range s.courses {
		if !c.Status.Open() && c.ID != keep {
			continue
		}
		label := s.citizenName(c.CitizenID)
		if perCitizen[c.CitizenID] > 1 && c.OrderRef != "" {
			label += " (" + c.OrderRef + ")"
		}
		out = append(out, courseChoice{label: label, course: c})
	}
	dk.SortBy(out, func(c courseChoice) string { return c.label })
	return out
}

// defaultCourse picks the course to plan for: the one filtered on, or the
// only open course of the mentor filtered on.
func (s *calendarScreen) defaultCourse(choices []courseChoice) data.ID {
	var mentorCourses []data.ID
	for _, c := range choices {
		if s.citizenID != 0 && c.course.CitizenID == s.citizenID {
			return c.course.ID
		}
		if len(s.mentorIDs) == 1 && s.mentorIDs[c.course.MentorID] {
			mentorCourses = append(mentorCourses, c.course.ID)
		}
	}
	if len(mentorCourses) == 1 {
		return mentorCourses[0]
	}
	return 0
}

// planForm is the form that plans or moves a session.
type planForm struct {
	cal      *calendarScreen
	ed       *editor
	original data.Session
	choices  []courseChoice
	mentors  []data.Mentor
	// planned is what the last check read, for save.
	planned data.Session
	series  *data.Series
	// scopeLater is the answer to "only this or this and later" when a
	// session of a series is saved.
	scopeLater bool
}

// planAt opens the planning form for a new session starting at start.
func (s *calendarScreen) planAt(start time.Time) {
	s.showPlanForm(data.Session{PlannedStart: start, PlannedEnd: start.Add(time.Hour), Status: data.SessionPlanned}, "")
}

// editPlanned opens a planned session to move or change it.
func (s *calendarScreen) editPlanned(ss data.Session) { s.showPlanForm(ss, "") }

// showPlanForm shows the form; draft, when not empty, is restored into it.
func (s *calendarScreen) showPlanForm(ss data.Session, draft string) *planForm {
	key := "new"
	if ss.ID != 0 {
		key = strconv.FormatInt(int64(ss.ID), 10)
	}
	p := &planForm{cal: s, original: ss, choices: s.plannableCourses(ss.CourseID)}
	p.ed = newEditor(s.env, s.st, draftSessionPlan, key)
	ed := p.ed
	s.form = ed
	ed.reload = s.sessionReload(&p.original)
	courseID := ss.CourseID
	if courseID == 0 {
		courseID = s.defaultCourse(p.choices)
	}
	course := s.courses[courseID]
	labels, selected := []string{}, ""
	for _, c := range p.choices {
		labels = append(labels, c.label)
		if c.course.ID == courseID {
			selected = c.label
		}
	}
	courseSel := ed.choice("course", lang.X("plan.citizen", "Borger"), labels, selected)
	p.mentors = s.mentors
	if s.ownMentor != 0 {
		p.mentors = []data.Mentor{s.mentorBy[s.ownMentor]}
	}
	mentorID := ss.MentorID
	if mentorID == 0 {
		mentorID = p.defaultMentor(course)
	}
	mentorSel := ed.choice("mentor", lang.X("plan.mentor", "Mentor"), mentorNames(p.mentors), s.mentorBy[mentorID].Name)
	start, end := ss.PlannedStart.In(data.Zone()), ss.PlannedEnd.In(data.Zone())
	ed.dateEntry("date", lang.X("plan.date", "Dato"), data.DateOf(start))
	p.clockEntry("planned_start", lang.X("plan.start", "Fra (tt:mm)"), start)
	p.clockEntry("planned_end", lang.X("plan.end", "Til (tt:mm)"), end)
	form, place := ss.Form, ss.Place
	if ss.ID == 0 {
		form, place = course.UsualForm, course.UsualPlace
	}
	formSel := ed.choice("form", lang.X("plan.form", "Form"), formLabels(), formLabel(form))
	placeEntry := ed.entry("place", lang.X("plan.place", "Sted"), place)
	if ss.ID == 0 {
		ed.choice("repeat", lang.X("plan.repeat", "Gentagelse"), repeatLabels(), repeatLabels()[0])
		until := ed.dateEntry("until", lang.X("plan.until", "Gentag til"), data.Date{})
		until.SetPlaceHolder(lang.X("plan.until_placeholder", "dd-mm-åååå · tom: aftalens slut"))
	}
	// A new course choice brings its mentor and its usual form and place.
	courseChanged := courseSel.OnChanged
	courseSel.OnChanged = func(v string) {
		courseChanged(v)
		if c, ok := p.course(); ok && !ed.loading {
			if m := p.defaultMentor(c); m != 0 {
				mentorSel.SetSelected(s.mentorBy[m].Name)
			}
			if c.UsualForm != "" {
				formSel.SetSelected(formLabel(c.UsualForm))
			}
			if c.UsualPlace != "" && placeEntry.Text == "" {
				placeEntry.SetText(c.UsualPlace)
			}
		}
	}
	ed.title = func() string {
		return lang.X("plan.draft_title", "Planlæg møde: {{.Citizen}}", map[string]string{"Citizen": ed.text("course")})
	}
	ed.check = p.check
	ed.save = p.save
	ed.confirm = p.askScope
	ed.saved = s.afterSave
	if draft != "" {
		s.env.showError(ed.restore(draft))
	}
	title := lang.X("plan.title_new", "Planlæg møde")
	var extra fyne.CanvasObject
	if ss.ID != 0 {
		title = lang.X("plan.title_edit", "Ret planlagt møde")
		extra = p.registerButton()
	}
	setSelectPlaceholders(ed)
	ed.showDialog(title, fyne.NewSize(640, 600), extra)
	return p
}

// registerButton lets a mentor register a planned session early (a phone
// call taken before its time); unsaved changes to the plan come first.
func (p *planForm) registerButton() fyne.CanvasObject {
	b := widget.NewButtonWithIcon(lang.X("plan.register_now", "Registrér mødet nu"), theme.DocumentCreateIcon(), func() {
		if p.ed.changed {
			showMessage(p.cal.env.window, lang.X("plan.title_edit", "Ret planlagt møde"),
				lang.X("plan.save_first", "Gem eller annullér ændringerne først."))
			return
		}
		p.ed.close()
		p.cal.register(p.original)
	})
	buttons := container.NewHBox(b)
	if del := p.cal.deleteButton(p.original, p.ed); del != nil {
		buttons.Add(del)
	}
	series := ""
	if p.original.SeriesID != 0 {
		if sr, err := p.cal.st.Series(context.Background(), p.original.SeriesID); err == nil {
			series = seriesText(sr)
		}
	}
	if series == "" {
		return buttons
	}
	return container.NewVBox(buttons, muted(series))
}

// seriesText describes a series: "Del af en serie: hver uge til 28-02-2027".
func seriesText(sr data.Series) string {
	every := lang.X("plan.repeat_weekly", "Hver uge")
	if sr.IntervalWeeks == 2 {
		every = lang.X("plan.repeat_fortnightly", "Hver 2. uge")
	}
	return lang.X("plan.series_info", "Del af en serie: {{.Every}} til {{.Until}}", map[string]string{
		"Every": strings.ToLower(every), "Until": dateText(sr.Until)})
}

func (p *planForm) defaultMentor(c data.Course) data.ID {
	switch {
	case p.cal.ownMentor != 0:
		return p.cal.ownMentor
	case c.MentorID != 0:
		return c.MentorID
	case len(p.cal.mentorIDs) == 1:
		for id := range p.cal.mentorIDs {
			return id
		}
	}
	return 0
}

// clockEntry adds a time-of-day field with its own parse check.
func (p *planForm) clockEntry(name, label string, t time.Time) *keyEntry {
	return clockField(p.ed, name, label, t)
}

// clockField adds a "tt:mm" field that reports an unreadable time itself.
func clockField(ed *editor, name, label string, t time.Time) *keyEntry {
	text := ""
	if !t.IsZero() {
		text = dk.FormatTime(t.In(data.Zone()))
	}
	e := ed.entry(name, label, text)
	e.SetPlaceHolder("tt:mm")
	ed.byName[name].parse = func() string {
		if strings.TrimSpace(e.Text) == "" {
			return ""
		}
		if _, _, err := dk.ParseClock(e.Text); err != nil {
			return label + ": " + err.Error() + "."
		}
		return ""
	}
	return e
}

// clockOn reads a time field on day; zero when empty or unreadable.
func clockOn(ed *editor, name string, day data.Date) time.Time {
	if day.IsZero() {
		return time.Time{}
	}
	h, m, err := dk.ParseClock(ed.text(name))
	if err != nil {
		return time.Time{}
	}
	return time.Date(day.Year, day.Month, day.Day, h, m, 0, 0, data.Zone())
}

func (p *planForm) course() (data.Course, bool) {
	label := p.ed.text("course")
	for _, c := range p.choices {
		if c.label == label {
			return c.course, true
		}
	}
	return data.Course{}, false
}

func (p *planForm) mentor() data.ID {
	name := p.ed.text("mentor")
	for _, m := range p.mentors {
		if m.Name == name {
			return m.ID
		}
	}
	return 0
}

// read turns the fields into the session (and the series, when repeated).
func (p *planForm) read() (data.Session, *data.Series) {
	ed := p.ed
	ss := p.original
	c, _ := p.course()
	ss.CourseID, ss.MentorID = c.ID, p.mentor()
	day := ed.dateValue("date")
	ss.PlannedStart, ss.PlannedEnd = clockOn(ed, "planned_start", day), clockOn(ed, "planned_end", day)
	ss.Form, ss.Place = formOf(ed.text("form")), strings.TrimSpace(ed.text("place"))
	if ss.Status == "" {
		ss.Status = data.SessionPlanned
	}
	interval := repeatInterval(ed.text("repeat"))
	if interval == 0 {
		return ss, nil
	}
	sr := &data.Series{CourseID: ss.CourseID, MentorID: ss.MentorID, First: ss.PlannedStart,
		LengthMin: ss.PlannedMin(), IntervalWeeks: interval, Until: ed.dateValue("until"), Form: ss.Form, Place: ss.Place}
	if sr.Until.IsZero() {
		sr.Until = p.agreementEnd(ss)
	}
	return ss, sr
}

// agreementEnd is the end of the agreement running on the session's day,
// the default end of a series.
func (p *planForm) agreementEnd(ss data.Session) data.Date {
	if ss.CourseID == 0 || ss.PlannedStart.IsZero() {
		return data.Date{}
	}
	list, err := p.cal.st.Agreements(context.Background(), ss.CourseID, data.Date{})
	if err != nil {
		return data.Date{}
	}
	for _, a := range list {
		if a.Covers(ss.PlannedStart) {
			return a.End
		}
	}
	return data.Date{}
}

// check validates and adds the planning warnings (never blocks).
func (p *planForm) check() data.Problems {
	ss, sr := p.read()
	p.planned, p.series = ss, sr
	probs := ss.Validate()
	if ed := p.ed; ed.text("date") == "" {
		probs = append(probs, data.FieldError{Field: "date", Message: lang.X("plan.date_missing", "Dato skal udfyldes.")})
	}
	if sr != nil {
		for _, fe := range sr.Validate() {
			if fe.Field == "until" || fe.Field == "repeat" {
				probs = append(probs, fe)
			}
		}
	}
	if len(probs.Errors()) > 0 {
		return probs
	}
	return append(probs, p.warnings(ss, sr)...)
}

// warnings checks the session against the mentor's other sessions, the
// agreement, the hours and the holidays; a series is checked for holidays
// and the agreement period on every date.
func (p *planForm) warnings(ss data.Session, sr *data.Series) data.Problems {
	ctx := context.Background()
	st := p.cal.st
	day := data.DateOf(ss.PlannedStart.In(data.Zone()))
	mentorSessions, err := st.Sessions(ctx, data.SessionFilter{From: dayStart(day), To: dayStart(day.AddDays(1)), MentorIDs: []data.ID{ss.MentorID}})
	if err != nil {
		return nil
	}
	agreements, err := st.Agreements(ctx, ss.CourseID, data.Date{})
	if err != nil {
		return nil
	}
	courseSessions, err := st.Sessions(ctx, data.SessionFilter{CourseID: ss.CourseID})
	if err != nil {
		return nil
	}
	holiday, _ := dk.HolidayName(dayStart(day))
	w := data.PlanningWarnings(ss, data.PlanningContext{MentorSessions: mentorSessions, Agreements: agreements,
		CourseSessions: courseSessions, Holiday: holiday})
	if sr == nil {
		return w
	}
	var holidays []string
	outside := 0
	for _, start := range sr.Starts()[1:] {
		if name, ok := dk.HolidayName(start); ok {
			holidays = append(holidays, dk.FormatDate(start)+" ("+name+")")
		}
		covered := false
		for _, a := range agreements {
			covered = covered || a.Covers(start)
		}
		if !covered {
			outside++
		}
	}
	if len(holidays) > 0 {
		w = append(w, data.FieldError{Field: "repeat", Warning: true, Message: lang.X("plan.series_holidays",
			"Serien har møder på helligdage: {{.Days}}.", map[string]string{"Days": strings.Join(holidays, ", ")})})
	}
	if outside > 0 && len(agreements) > 0 {
		w = append(w, data.FieldError{Field: "until", Warning: true, Message: lang.X("plan.series_outside",
			"{{.Count}} af seriens møder ligger uden for mentoraftalens periode.", map[string]int{"Count": outside})})
	}
	return w
}

func (p *planForm) save(ctx context.Context) error {
	ss, sr := p.planned, p.series
	switch {
	case sr != nil:
		if _, err := p.cal.st.SaveSeries(ctx, sr); err != nil {
			return fmt.Errorf("plan series: %w", err)
		}
	case ss.SeriesID != 0 && p.scopeLater:
		if _, err := p.cal.st.SaveSessionAndLater(ctx, &ss); err != nil {
			return fmt.Errorf("move series: %w", err)
		}
	default:
		if err := p.cal.st.SaveSession(ctx, &ss); err != nil {
			return fmt.Errorf("plan session: %w", err)
		}
	}
	return nil
}

func mentorNames(ms []data.Mentor) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

func formLabels() []string {
	out := make([]string, len(data.SessionForms))
	for i, f := range data.SessionForms {
		out[i] = formText(f)
	}
	return out
}

func formLabel(f data.SessionForm) string {
	if f == "" {
		return ""
	}
	return formText(f)
}

func formOf(label string) data.SessionForm {
	for _, f := range data.SessionForms {
		if formText(f) == label {
			return f
		}
	}
	return ""
}

func repeatLabels() []string {
	return []string{lang.X("plan.repeat_none", "Gentages ikke"), lang.X("plan.repeat_weekly", "Hver uge"),
		lang.X("plan.repeat_fortnightly", "Hver 2. uge")}
}

// repeatInterval is 0 (no series), 1 or 2 weeks.
func repeatInterval(label string) int {
	for i, l := range repeatLabels() {
		if l == label {
			return i
		}
	}
	return 0
}

// showMessage is a plain information dialog.
func showMessage(w fyne.Window, title, text string) {
	if w == nil {
		return
	}
	dialog.ShowInformation(title, text, w)
}

// showCustomConfirm shows content with Annullér and OK.
func showCustomConfirm(w fyne.Window, title string, content fyne.CanvasObject, ok func()) {
	d := dialog.NewCustomConfirm(title, lang.X("calendar.ok", "OK"), lang.X("form.cancel", "Annullér"), content, func(yes bool) {
		if yes {
			ok()
		}
	}, w)
	d.Show()
}

// setSelectPlaceholders makes the drop-downs say "Vælg …" in the user's
// language instead of Fyne's "(Select one)".
func setSelectPlaceholders(ed *editor) {
	for _, f := range ed.fields {
		if sel, ok := f.obj.(*widget.Select); ok {
			sel.PlaceHolder = lang.X("plan.choose", "Vælg …")
			sel.Refresh()
		}
	}
}
