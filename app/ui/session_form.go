package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// registerForm is "Registrér møde": what happened at a session, recorded
// afterwards in under a minute, from the keyboard alone. Defaults: status
// gennemført, the planned times, the course's usual form and place.
type registerForm struct {
	cal      *calendarScreen
	ed       *editor
	original data.Session
	isNew    bool // an unplanned contact
	choices  []courseChoice
	goals    []data.Goal
	scale    data.Instrument
	// existing scores given at this session, by goal, so a second save
	// updates rather than adds.
	scoreIDs map[data.ID]data.ID
	contact  *widget.Label

	result data.Session
	scores []data.Score
	next   *data.Session
}

// register opens the after-meeting form for a session.
func (s *calendarScreen) register(ss data.Session) { s.showRegisterForm(ss, "") }

// registerNew opens it for a contact that was never planned.
func (s *calendarScreen) registerNew() {
	start := s.env.now().Truncate(30 * time.Minute).Add(-time.Hour)
	s.showRegisterForm(data.Session{PlannedStart: start, PlannedEnd: start.Add(time.Hour), Status: data.SessionPlanned}, "")
}

// statusChoices are the outcomes a registration can record.
var statusChoices = []data.SessionStatus{data.SessionHeld, data.SessionCancelledCitizen, data.SessionCancelledMentor, data.SessionNoShow}

func (s *calendarScreen) showRegisterForm(ss data.Session, draft string) *registerForm {
	ctx := context.Background()
	key := "new"
	if ss.ID != 0 {
		key = strconv.FormatInt(int64(ss.ID), 10)
	}
	f := &registerForm{cal: s, original: ss, isNew: ss.ID == 0, scoreIDs: map[data.ID]data.ID{}}
	f.ed = newEditor(s.env, s.st, draftSessionRegister, key)
	ed := f.ed
	s.form = ed
	ed.reload = s.sessionReload(&f.original)
	course := s.courses[ss.CourseID]
	if f.isNew {
		f.choices = s.plannableCourses(0)
		if id := s.defaultCourse(f.choices); id != 0 {
			course = s.courses[id]
		}
		labels, selected := []string{}, ""
		for _, c := range f.choices {
			labels = append(labels, c.label)
			if c.course.ID == course.ID {
				selected = c.label
			}
		}
		ed.choice("course", lang.X("plan.citizen", "Borger"), labels, selected)
		ed.dateEntry("date", lang.X("plan.date", "Dato"), data.DateOf(ss.PlannedStart.In(data.Zone())))
	}
	status := ss.Status
	if status == data.SessionPlanned {
		status = data.SessionHeld
	}
	ed.choice("status", lang.X("register.status", "Status"), statusLabels(), sessionStatusText(status))
	start, end := ss.PlannedStart, ss.PlannedEnd
	if !ss.ActualStart.IsZero() {
		start, end = ss.ActualStart, ss.ActualEnd
	}
	startEntry := clockField(ed, "actual_start", lang.X("register.actual_start", "Faktisk start (tt:mm)"), start)
	endEntry := clockField(ed, "actual_end", lang.X("register.actual_end", "Faktisk slut (tt:mm)"), end)
	f.contact = widget.NewLabel("")
	f.contact.TextStyle.Bold = true
	ed.custom("contact", lang.X("register.contact", "Kontakttid"), f.contact, func() string { return "" }, func(string) {})
	for _, e := range []*keyEntry{startEntry, endEntry} {
		changed := e.OnChanged
		e.OnChanged = func(v string) { changed(v); f.updateContact() }
	}
	ed.entry("transport", lang.X("register.transport", "Transporttid (minutter)"), minutesText(ss.TransportMin))
	ed.entry("admin", lang.X("register.admin", "Administration (minutter)"), minutesText(ss.AdminMin))
	form, place := ss.Form, ss.Place
	if form == "" {
		form = course.UsualForm
	}
	if place == "" {
		place = course.UsualPlace
	}
	if form == "" || place == "" {
		lastForm, lastPlace := f.lastFormAndPlace(ctx, course.ID)
		if form == "" {
			form = lastForm
		}
		if place == "" {
			place = lastPlace
		}
	}
	ed.choice("form", lang.X("plan.form", "Form"), formLabels(), formLabel(form))
	ed.entry("place", lang.X("plan.place", "Sted"), place)
	f.rolesField(ss.Roles)
	f.goalFields(ctx, course, ss)
	ed.multiline("note", lang.X("register.note", "Note"), ss.Note, 4)
	next := ed.dateEntry("next_date", lang.X("register.next_date", "Næste møde (dato)"), data.Date{})
	next.SetPlaceHolder(lang.X("register.next_placeholder", "dd-mm-åååå (valgfri)"))
	clockField(ed, "next_time", lang.X("register.next_time", "Næste møde kl."), ss.PlannedStart)

	ed.title = func() string {
		return lang.X("register.draft_title", "Registrér møde: {{.Citizen}} {{.When}}", map[string]string{
			"Citizen": data.Initials(s.citizenName(course.CitizenID)), "When": dk.FormatDateTime(ss.PlannedStart.In(data.Zone()))})
	}
	ed.check = f.check
	ed.save = f.save
	ed.saved = s.afterSave
	if draft != "" {
		s.env.showError(ed.restore(draft))
	}
	f.updateContact()
	setSelectPlaceholders(ed)
	ed.showDialog(lang.X("register.title", "Registrér møde"), fyne.NewSize(720, 640), f.header(course, ss))
	return f
}

// header names the session the form is about.
func (f *registerForm) header(course data.Course, ss data.Session) fyne.CanvasObject {
	if f.isNew {
		return muted(lang.X("register.unplanned", "Kontakt, der ikke var planlagt."))
	}
	citizen := f.cal.citizenName(course.CitizenID)
	start := ss.PlannedStart.In(data.Zone())
	text := lang.X("register.about", "{{.Citizen}} · planlagt {{.Day}} {{.Time}} · {{.Mentor}}", map[string]string{
		"Citizen": citizen, "Day": dk.FormatDate(start), "Time": timeSpan(ss.PlannedStart, ss.PlannedEnd),
		"Mentor": f.cal.mentorBy[ss.MentorID].Name})
	// The status as the calendar shows it (its block may be too narrow for
	// the icon), by icon and words.
	icon, status, imp := sessionStatus(ss, f.cal.env.now())
	about := container.NewVBox(bold(text), iconLine(icon, status, imp))
	// A planned session that never took place may be deleted from here too.
	if del := f.cal.deleteButton(ss, f.ed); del != nil {
		return container.NewBorder(nil, nil, nil, container.NewVBox(del), about)
	}
	return about
}

// lastFormAndPlace is the form and place of the course's latest held
// session: the usual ones when the course does not say.
func (f *registerForm) lastFormAndPlace(ctx context.Context, courseID data.ID) (data.SessionForm, string) {
	if courseID == 0 {
		return "", ""
	}
	list, err := f.cal.st.Sessions(ctx, data.SessionFilter{CourseID: courseID, Statuses: []data.SessionStatus{data.SessionHeld}})
	if err != nil || len(list) == 0 {
		return "", ""
	}
	last := list[len(list)-1]
	return last.Form, last.Place
}

// rolesField is four check boxes; its draft value is the role bits.
func (f *registerForm) rolesField(initial data.Roles) {
	var checks []*widget.Check
	var field *editorField
	box := container.NewGridWithColumns(2)
	for _, r := range data.AllRoles {
		c := widget.NewCheck(roleText(r), func(bool) { f.ed.edited(field) })
		c.SetChecked(initial.Has(r))
		checks = append(checks, c)
		box.Add(c)
	}
	get := func() string {
		var rs data.Roles
		for i, c := range checks {
			if c.Checked {
				rs = rs.With(data.AllRoles[i])
			}
		}
		return strconv.Itoa(int(rs))
	}
	set := func(v string) {
		n, _ := strconv.Atoi(v)
		for i, c := range checks {
			c.SetChecked(data.Roles(n).Has(data.AllRoles[i]))
		}
	}
	field = f.ed.custom("roles", lang.X("register.roles", "Roller"), box, get, set)
}

// goalFields adds, per open goal of the course, a short note and an
// optional new score on the course's instrument.
func (f *registerForm) goalFields(ctx context.Context, course data.Course, ss data.Session) {
	if course.ID == 0 {
		return
	}
	goals, err := f.cal.st.Goals(ctx, course.ID)
	if err != nil {
		return
	}
	f.scale = f.instrument(ctx, course)
	notes := map[data.ID]string{}
	for _, g := range ss.Goals {
		notes[g.GoalID] = g.Note
	}
	for _, g := range goals {
		if g.Achieved && notes[g.ID] == "" {
			continue
		}
		f.goals = append(f.goals, g)
		score := ""
		if ss.ID != 0 {
			if list, err := f.cal.st.Scores(ctx, g.ID); err == nil {
				for _, sc := range list {
					if sc.SessionID == ss.ID {
						f.scoreIDs[g.ID] = sc.ID
						score = strconv.Itoa(sc.Value)
					}
				}
			}
		}
		f.goalField(g, notes[g.ID], score)
	}
}

func (f *registerForm) goalField(g data.Goal, note, score string) {
	var field *editorField
	entry := newKeyEntry(f.ed.env.keys)
	entry.SetPlaceHolder(lang.X("register.goal_note", "Kort note (valgfri)"))
	entry.SetText(note)
	options := []string{"–"}
	for v := f.scale.ScaleMin; v <= f.scale.ScaleMax; v++ {
		options = append(options, strconv.Itoa(v))
	}
	sel := widget.NewSelect(options, nil)
	sel.PlaceHolder = lang.X("register.score", "Score")
	if score != "" {
		sel.SetSelected(score)
	}
	entry.OnChanged = func(string) { f.ed.edited(field) }
	sel.OnChanged = func(string) { f.ed.edited(field) }
	row := container.NewBorder(nil, nil, nil, container.New(minWidth(110), sel), entry)
	get := func() string { return entry.Text + "\x1f" + sel.Selected }
	set := func(v string) {
		n, s, _ := strings.Cut(v, "\x1f")
		entry.SetText(n)
		sel.SetSelected(s)
	}
	label := []rune(g.Title)
	if len(label) > 40 {
		label = append(label[:39], '…')
	}
	field = f.ed.custom(goalFieldName(g.ID), lang.X("register.goal", "Mål: {{.Title}}", map[string]string{"Title": string(label)}), row, get, set)
}

func goalFieldName(id data.ID) string { return "goal_" + strconv.FormatInt(int64(id), 10) }

// instrument is the course's progression instrument, else the default.
func (f *registerForm) instrument(ctx context.Context, course data.Course) data.Instrument {
	list, err := f.cal.st.Instruments(ctx)
	def := data.DefaultInstrument()
	if err != nil {
		return def
	}
	for _, in := range list {
		if in.ID == course.InstrumentID && course.InstrumentID != 0 {
			return in
		}
		if in.IsDefault && course.InstrumentID == 0 {
			def = in
		}
	}
	return def
}

// updateContact shows the contact time the actual times give.
func (f *registerForm) updateContact() {
	day := f.day()
	a, b := clockOn(f.ed, "actual_start", day), clockOn(f.ed, "actual_end", day)
	text := "–"
	if !a.IsZero() && b.After(a) {
		text = minutesHours(int(b.Sub(a) / time.Minute))
	}
	f.contact.SetText(text)
}

// minutesHours writes "1 t 15 min" (Danish short units).
func minutesHours(m int) string {
	h, rest := m/60, m%60
	switch {
	case h == 0:
		return strconv.Itoa(rest) + " min"
	case rest == 0:
		return strconv.Itoa(h) + " t"
	}
	return strconv.Itoa(h) + " t " + strconv.Itoa(rest) + " min"
}

func minutesText(m int) string {
	if m == 0 {
		return ""
	}
	return strconv.Itoa(m)
}

func (f *registerForm) day() data.Date {
	if f.isNew {
		return f.ed.dateValue("date")
	}
	return data.DateOf(f.original.PlannedStart.In(data.Zone()))
}

func (f *registerForm) course() data.Course {
	if !f.isNew {
		return f.cal.courses[f.original.CourseID]
	}
	label := f.ed.text("course")
	for _, c := range f.choices {
		if c.label == label {
			return c.course
		}
	}
	return data.Course{}
}

// readMinutes reads a minutes field; ok is false when it is not a number.
func readMinutes(text string) (int, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, true
	}
	n, err := strconv.Atoi(t)
	return n, err == nil
}

func statusLabels() []string {
	out := make([]string, len(statusChoices))
	for i, s := range statusChoices {
		out[i] = sessionStatusText(s)
	}
	return out
}

func statusOf(label string) data.SessionStatus {
	for _, s := range statusChoices {
		if sessionStatusText(s) == label {
			return s
		}
	}
	return ""
}

// read builds the registered session, the new scores and the next
// session from the fields, with the problems reading them.
func (f *registerForm) read() data.Problems {
	ed := f.ed
	var p data.Problems
	ss := f.original
	course := f.course()
	day := f.day()
	if f.isNew {
		ss.CourseID, ss.MentorID = course.ID, course.MentorID
		if f.cal.ownMentor != 0 {
			ss.MentorID = f.cal.ownMentor
		}
		if !day.IsZero() {
			ss.PlannedStart = clockOn(ed, "actual_start", day)
			ss.PlannedEnd = clockOn(ed, "actual_end", day)
		}
		if ss.MentorID == 0 && course.ID != 0 {
			p = append(p, data.FieldError{Field: "course", Message: lang.X("register.no_mentor", "Forløbet har ingen mentor; tildel en mentor først.")})
		}
	}
	ss.Status = statusOf(ed.text("status"))
	ss.ActualStart, ss.ActualEnd, ss.ContactMin = time.Time{}, time.Time{}, 0
	if ss.Status == data.SessionHeld {
		ss.ActualStart, ss.ActualEnd = clockOn(ed, "actual_start", day), clockOn(ed, "actual_end", day)
		if ss.ActualStart.IsZero() && strings.TrimSpace(ed.text("actual_start")) == "" {
			p = append(p, data.FieldError{Field: "actual_start", Message: lang.X("register.start_missing", "Faktisk start skal udfyldes, når mødet er gennemført.")})
		}
		if ss.ActualEnd.IsZero() && strings.TrimSpace(ed.text("actual_end")) == "" {
			p = append(p, data.FieldError{Field: "actual_end", Message: lang.X("register.end_missing", "Faktisk slut skal udfyldes, når mødet er gennemført.")})
		}
		if !ss.ActualStart.IsZero() && ss.ActualEnd.After(ss.ActualStart) {
			ss.ContactMin = int(ss.ActualEnd.Sub(ss.ActualStart) / time.Minute)
		}
	}
	var ok bool
	if ss.TransportMin, ok = readMinutes(ed.text("transport")); !ok {
		p = append(p, data.FieldError{Field: "transport", Message: lang.X("register.minutes_bad", "{{.Field}}: skriv et helt antal minutter, fx 20.", map[string]string{"Field": lang.X("register.transport_name", "Transporttid")})})
	}
	if ss.AdminMin, ok = readMinutes(ed.text("admin")); !ok {
		p = append(p, data.FieldError{Field: "admin", Message: lang.X("register.minutes_bad", "{{.Field}}: skriv et helt antal minutter, fx 20.", map[string]string{"Field": lang.X("register.admin_name", "Administrationstid")})})
	}
	ss.Form, ss.Place = formOf(ed.text("form")), strings.TrimSpace(ed.text("place"))
	n, _ := strconv.Atoi(ed.text("roles"))
	ss.Roles = data.Roles(n)
	ss.Note = ed.text("note")
	ss.Goals, f.scores = nil, nil
	for _, g := range f.goals {
		note, score, _ := strings.Cut(ed.text(goalFieldName(g.ID)), "\x1f")
		note = strings.TrimSpace(note)
		value, err := strconv.Atoi(score)
		hasScore := err == nil
		if note != "" || hasScore {
			ss.Goals = append(ss.Goals, data.SessionGoal{GoalID: g.ID, Note: note})
		}
		if hasScore {
			f.scores = append(f.scores, data.Score{ID: f.scoreIDs[g.ID], GoalID: g.ID, On: day, Value: value})
		}
	}
	ss.RegisteredAt = f.cal.env.now()
	f.result = ss
	f.next = nil
	if nextDay := ed.dateValue("next_date"); !nextDay.IsZero() {
		start := clockOn(ed, "next_time", nextDay)
		if start.IsZero() {
			p = append(p, data.FieldError{Field: "next_time", Message: lang.X("register.next_time_missing", "Skriv klokkeslættet for næste møde.")})
		} else {
			length := ss.PlannedMin()
			if length <= 0 {
				length = 60
			}
			f.next = &data.Session{CourseID: ss.CourseID, MentorID: ss.MentorID, PlannedStart: start,
				PlannedEnd: start.Add(time.Duration(length) * time.Minute), Status: data.SessionPlanned, Form: ss.Form, Place: ss.Place}
			if !start.After(ss.PlannedStart) {
				p = append(p, data.FieldError{Field: "next_date", Message: lang.X("register.next_before", "Næste møde skal ligge efter dette møde.")})
			}
		}
	}
	return p
}

// check validates the registration; the next session gets the planning
// warnings.
func (f *registerForm) check() data.Problems {
	p := f.read()
	for _, fe := range f.result.Validate() {
		// Fields the form sets itself are reported on what the user typed.
		switch fe.Field {
		case "planned_start":
			fe.Field = "actual_start"
		case "planned_end":
			fe.Field = "actual_end"
		case "mentor":
			fe.Field = "course"
		}
		if _, dup := p.For(fe.Field); !dup {
			p = append(p, fe)
		}
	}
	if f.next != nil && len(p.Errors()) == 0 {
		for _, w := range f.nextWarnings() {
			w.Field = "next_date"
			p = append(p, w)
		}
	}
	return p
}

func (f *registerForm) nextWarnings() data.Problems {
	ctx := context.Background()
	n := *f.next
	day := data.DateOf(n.PlannedStart.In(data.Zone()))
	mine, err1 := f.cal.st.Sessions(ctx, data.SessionFilter{From: dayStart(day), To: dayStart(day.AddDays(1)), MentorIDs: []data.ID{n.MentorID}})
	agreements, err2 := f.cal.st.Agreements(ctx, n.CourseID, data.Date{})
	all, err3 := f.cal.st.Sessions(ctx, data.SessionFilter{CourseID: n.CourseID})
	if err1 != nil || err2 != nil || err3 != nil {
		return nil
	}
	// This session's registration frees (or uses) its hours before the next is counted.
	all = slices.DeleteFunc(all, func(s data.Session) bool { return s.ID == f.result.ID && s.ID != 0 })
	all = append(all, f.result)
	holiday, _ := dk.HolidayName(n.PlannedStart.In(data.Zone()))
	return data.PlanningWarnings(n, data.PlanningContext{MentorSessions: mine, Agreements: agreements, CourseSessions: all, Holiday: holiday})
}

// save stores the registration, its scores and the next session in one
// transaction: all of it or none.
func (f *registerForm) save(ctx context.Context) error {
	ss := f.result
	return f.cal.st.Atomically(ctx, func(ctx context.Context) error {
		if err := f.cal.st.SaveSession(ctx, &ss); err != nil {
			return fmt.Errorf("register session: %w", err)
		}
		for _, sc := range f.scores {
			sc.SessionID = ss.ID
			if err := f.cal.st.SaveScore(ctx, &sc); err != nil {
				return fmt.Errorf("register session: score: %w", err)
			}
		}
		if f.next != nil {
			next := *f.next
			if err := f.cal.st.SaveSession(ctx, &next); err != nil {
				return fmt.Errorf("register session: next session: %w", err)
			}
		}
		f.result = ss
		return nil
	})
}
