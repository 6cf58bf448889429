package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/demo"
)

func calendarOf(t *testing.T, m *MainWindow) *calendarScreen {
	t.Helper()
	m.ShowSection(SectionCalendar)
	s, ok := m.screens[SectionCalendar].(*calendarScreen)
	if !ok {
		t.Fatal("no calendar screen")
	}
	return s
}

// blockTexts are the texts of the visible session blocks of the week grid.
func blockTexts(s *calendarScreen) []string {
	var out []string
	for i, b := range s.week.blocks {
		if i < s.week.used && b.Visible() {
			out = append(out, b.full1+" | "+b.full2)
		}
	}
	return out
}

func TestCalendarWeekGridHolidaysNavigationAndFilters(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	assertShows(t, m, "Uge 48 · 23.–29. nov. 2026", "Man 23. nov.", "Søn 29. nov.", "I dag", "7:00", "18:00")
	assertHides(t, m, "Anna Bøgh")
	got := strings.Join(blockTexts(s), "\n")
	for _, want := range []string{"08:00 A.B. | Telefon · Mangler registrering", "14:00 A.B. | Telefon · Planlagt"} {
		if !strings.Contains(got, want) {
			t.Errorf("week blocks\n%s\nlack %q", got, want)
		}
	}
	capture(t, m, "fixture-calendar-week")

	s.names.SetChecked(true)
	if !strings.Contains(strings.Join(blockTexts(s), "\n"), "08:00 Anna Bøgh") {
		t.Error("Vis navne does not show the name")
	}
	s.names.SetChecked(false)

	s.step(1)
	assertShows(t, m, "Uge 49 · 30. nov.–6. dec. 2026")
	s.jump.SetText("uge 52")
	s.jumpTo()
	assertShows(t, m, "Uge 52 · 21.–27. dec. 2026", "Juledag", "2. juledag")
	capture(t, m, "fixture-calendar-christmas-week")
	if got := blockTexts(s); len(got) != 1 || !strings.HasPrefix(got[0], "09:00 A.B.") {
		t.Errorf("Christmas week blocks: %v", got)
	}
	// Filtering on Bo hides Karen's Christmas session.
	s.mentorIDs = map[data.ID]bool{f.bo.ID: true}
	must(t, s.reload(context.Background()))
	if len(s.sessions) != 0 || len(blockTexts(s)) != 0 {
		t.Errorf("filter on Bo shows %d sessions", len(s.sessions))
	}
	s.mentorIDs = map[data.ID]bool{f.bo.ID: true, f.karen.ID: true}
	must(t, s.reload(context.Background()))
	s.updateMentorButton()
	if len(s.sessions) != 1 || s.mentorBtn.Text != "2 mentorer" {
		t.Errorf("two mentors: %d sessions, button %q", len(s.sessions), s.mentorBtn.Text)
	}

	// Month view: ISO week numbers down the side (December 2026 ends in week 53).
	s.jump.SetText("01-12-2026")
	s.jumpTo()
	s.setMode(modeMonth)
	assertShows(t, m, "December 2026", "49", "53", "Juledag")
	capture(t, m, "fixture-calendar-month")
	// Day agenda.
	s.openDay(data.NewDate(2026, 12, 25))
	assertShows(t, m, "Fredag 25. dec. 2026 · uge 52", "Helligdag: Juledag", "09:00–10:00", "Karen Østergaard")
	capture(t, m, "fixture-calendar-christmas-day")
}

func TestParseJump(t *testing.T) {
	around := data.NewDate(2026, 11, 23)
	cases := map[string]struct {
		want data.Date
		mode calendarMode
	}{
		"uge 53":     {data.NewDate(2026, 12, 28), modeWeek},
		"1":          {data.NewDate(2025, 12, 29), modeWeek}, // 29-12-2025 is week 1 of 2026
		"2027-12":    {data.NewDate(2027, 3, 22), modeWeek},
		"12/2027":    {data.NewDate(2027, 3, 22), modeWeek},
		"24-12-2026": {data.NewDate(2026, 12, 24), modeDay},
	}
	for text, c := range cases {
		d, mode, ok := parseJump(text, around)
		if !ok || d != c.want || mode != c.mode {
			t.Errorf("parseJump(%q) = %v, %v, %v; want %v, %v", text, d, mode, ok, c.want, c.mode)
		}
	}
	for _, bad := range []string{"", "uge 54", "2027-53", "31-02-2026", "næste uge"} {
		if _, _, ok := parseJump(bad, around); ok {
			t.Errorf("parseJump(%q) accepted", bad)
		}
	}
}

func TestPlaceBlocksCapsLanesWithAnOverflowBlock(t *testing.T) {
	monday := data.NewDate(2026, 11, 23)
	var sessions []data.Session
	for i := 0; i < 10; i++ { // ten mentors at 10:00 on Tuesday
		start := at(2026, 11, 24, 10, 0)
		sessions = append(sessions, data.Session{ID: data.ID(i + 1), MentorID: data.ID(i + 1), PlannedStart: start, PlannedEnd: start.Add(time.Hour)})
	}
	layout := layoutWeek(monday, sessions)
	places := layout.places
	if layout.first != 7 {
		t.Fatalf("the grid starts at %d:00, want 7:00", layout.first)
	}
	if len(places) != maxLanes {
		t.Fatalf("%d blocks for 10 overlapping sessions, want %d", len(places), maxLanes)
	}
	last := places[len(places)-1]
	if last.overflow != 10-(maxLanes-1) || last.day != 1 || last.fromMin != 180 {
		t.Errorf("overflow block %+v", last)
	}
}

// typeInto focuses an editor entry and types like a user.
func typeInto(t *testing.T, m *MainWindow, ed *editor, field, text string) {
	t.Helper()
	e, ok := ed.byName[field].obj.(*keyEntry)
	if !ok {
		t.Fatalf("field %s is not an entry", field)
	}
	m.Window().Canvas().Focus(e)
	e.SetText("")
	test.Type(e, text)
}

func TestPlanSessionFromTheWeekViewByTappingAnEmptySlot(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	// Tuesday 24 November, a little after 10:00 in the grid.
	tuesday := s.week.days[1]
	test.TapAt(tuesday, fyne.NewPos(20, float32(10-s.week.first)*hourHeight+10))
	ed := s.form
	if ed == nil {
		t.Fatal("tapping an empty slot opened no form")
	}
	if ed.text("date") != "24-11-2026" || ed.text("planned_start") != "10:00" || ed.text("planned_end") != "11:00" {
		t.Fatalf("slot defaults: %s %s–%s", ed.text("date"), ed.text("planned_start"), ed.text("planned_end"))
	}
	ed.byName["course"].obj.(*widget.Select).SetSelected("Anna Bøgh")
	if ed.text("mentor") != "Karen Østergaard" {
		t.Errorf("the course's mentor was not chosen: %q", ed.text("mentor"))
	}
	typeInto(t, m, ed, "planned_end", "11:30")
	typeInto(t, m, ed, "place", "Café Mokka, Næstved")
	capture(t, m, "fixture-plan-session")
	m.env.keys.trigger(keySave)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	stored, err := st.Sessions(context.Background(), data.SessionFilter{From: at(2026, 11, 24, 0, 0), To: at(2026, 11, 25, 0, 0)})
	must(t, err)
	if len(stored) != 1 {
		t.Fatalf("%d sessions stored on 24 November", len(stored))
	}
	got := stored[0]
	if got.CourseID != f.annaCourse.ID || got.MentorID != f.karen.ID || !got.PlannedStart.Equal(at(2026, 11, 24, 10, 0)) ||
		got.PlannedMin() != 90 || got.Place != "Café Mokka, Næstved" || got.Status != data.SessionPlanned {
		t.Errorf("stored %+v", got)
	}
	if !strings.Contains(strings.Join(blockTexts(s), "\n"), "10:00 A.B.") {
		t.Error("the week does not show the new session")
	}
}

func TestPlanningWarnsButDoesNotBlockAndPlansASeries(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	s.citizenID = f.anna.ID
	// Friday 25 December 09:00: Karen is booked, and it is Juledag.
	s.planAt(at(2026, 12, 25, 9, 30))
	ed := s.form
	if ed.text("course") != "Anna Bøgh" {
		t.Fatalf("citizen filter did not choose the course: %q", ed.text("course"))
	}
	ed.byName["repeat"].obj.(*widget.Select).SetSelected("Hver 2. uge")
	typeInto(t, m, ed, "until", "31-01-2027")
	ed.submitted = true
	p := ed.validate()
	text := ""
	for _, fe := range p {
		text += fe.Message + "\n"
	}
	for _, want := range []string{"allerede et møde 09:00–10:00", "helligdag (Juledag)"} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
	if len(p.Errors()) != 0 {
		t.Fatalf("warnings block: %v", p.Errors())
	}
	capture(t, m, "fixture-plan-warnings")
	m.env.keys.trigger(keySave)
	if !ed.closed {
		t.Fatalf("a warning blocked the save: %q", ed.general.Text)
	}
	series, err := st.Sessions(context.Background(), data.SessionFilter{From: at(2026, 12, 25, 0, 0), CourseID: f.annaCourse.ID})
	must(t, err)
	var starts []string
	for _, ss := range series {
		if ss.SeriesID != 0 {
			starts = append(starts, ss.PlannedStart.In(data.Zone()).Format("02-01 15:04"))
		}
	}
	if strings.Join(starts, " ") != "25-12 09:30 08-01 09:30 22-01 09:30" {
		t.Errorf("series sessions: %v", starts)
	}
}

// seedGoal gives Anna's course a goal to work on.
func seedGoal(t *testing.T, st data.Store, f fixture) data.Goal {
	t.Helper()
	g := data.Goal{CourseID: f.annaCourse.ID, Title: "Møde stabilt op i praktik", CreatedOn: data.NewDate(2026, 9, 1)}
	must(t, st.SaveGoal(context.Background(), &g))
	return g
}

// missingSession is the fixture's 08:00 session today, not registered.
func missingSession(t *testing.T, st data.Store) data.Session {
	t.Helper()
	list, err := st.Sessions(context.Background(), data.SessionFilter{From: at(2026, 11, 23, 8, 0), To: at(2026, 11, 23, 8, 1)})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("%d sessions at 08:00", len(list))
	}
	return list[0]
}

func TestRegisterASessionFromTheWeekView(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	goal := seedGoal(t, st, f)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	var block *sessionBlock
	for i, b := range s.week.blocks {
		if i < s.week.used && strings.HasPrefix(b.full1, "08:00") {
			block = b
		}
	}
	if block == nil {
		t.Fatal("no block for the 08:00 session")
	}
	test.Tap(block)
	ed := s.form
	if ed == nil || ed.text("status") != "Gennemført" || ed.text("actual_start") != "08:00" || ed.text("actual_end") != "09:00" ||
		ed.text("form") != "Telefon" {
		t.Fatalf("defaults: status %q, %q–%q, form %q", ed.text("status"), ed.text("actual_start"), ed.text("actual_end"), ed.text("form"))
	}
	// A slip first: the end before the start is refused, with the field named.
	typeInto(t, m, ed, "actual_end", "07:45")
	m.env.keys.trigger(keySave)
	if ed.closed || !strings.Contains(ed.message("actual_end"), "Faktisk slut skal ligge efter faktisk start") {
		t.Fatalf("bad end accepted or not explained: %q", ed.message("actual_end"))
	}
	capture(t, m, "fixture-register-error")

	typeInto(t, m, ed, "actual_end", "09:15")
	typeInto(t, m, ed, "transport", "25")
	typeInto(t, m, ed, "admin", "10")
	typeInto(t, m, ed, "place", "Jobcentret")
	goalRow := ed.byName[goalFieldName(goal.ID)].obj.(*fyne.Container)
	note := goalRow.Objects[0].(*keyEntry)
	m.Window().Canvas().Focus(note)
	test.Type(note, "Kom til tiden to gange")
	goalRow.Objects[1].(*fyne.Container).Objects[0].(*widget.Select).SetSelected("6")
	typeInto(t, m, ed, "note", "Vi øvede samtalen med praktikstedet.")
	typeInto(t, m, ed, "next_date", "30-11-2026")
	if got := s.form.byName["contact"].obj.(*widget.Label).Text; got != "1 t 15 min" {
		t.Errorf("contact time shown %q", got)
	}
	m.env.keys.trigger(keySave)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}

	ctx := context.Background()
	reg, err := st.Session(ctx, missingSession(t, st).ID)
	must(t, err)
	if reg.Status != data.SessionHeld || reg.ContactMin != 75 || reg.TransportMin != 25 || reg.AdminMin != 10 ||
		reg.Place != "Jobcentret" || reg.Note != "Vi øvede samtalen med praktikstedet." || reg.RegisteredAt.IsZero() ||
		len(reg.Goals) != 1 || reg.Goals[0].Note != "Kom til tiden to gange" {
		t.Errorf("registered %+v", reg)
	}
	scores, err := st.Scores(ctx, goal.ID)
	must(t, err)
	if len(scores) != 1 || scores[0].Value != 6 || scores[0].SessionID != reg.ID || scores[0].On != data.NewDate(2026, 11, 23) {
		t.Errorf("scores %+v", scores)
	}
	next, err := st.Sessions(ctx, data.SessionFilter{From: at(2026, 11, 30, 0, 0), To: at(2026, 12, 1, 0, 0)})
	must(t, err)
	if len(next) != 1 || !next[0].PlannedStart.Equal(at(2026, 11, 30, 8, 0)) || next[0].Status != data.SessionPlanned || next[0].Place != "Jobcentret" {
		t.Errorf("next session %+v", next)
	}
	if strings.Contains(strings.Join(blockTexts(s), "\n"), "08:00 A.B. | Telefon · Mangler registrering") {
		t.Error("the calendar still says the session lacks registration")
	}
}

func TestRegisterDraftSurvivesClosingTheWindow(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	s.register(missingSession(t, st))
	typeInto(t, m, s.form, "note", "Halvt skrevet note")
	typeInto(t, m, s.form, "transport", "15")
	m.closeRequested()

	m2 := newWindow(t, st)
	m2.OfferDrafts()
	assertShows(t, m2, "Registrér møde: A.B. 23-11-2026 08:00")
	tapOverlay(t, m2, "Gendan")
	c := m2.screens[SectionCalendar].(*calendarScreen)
	if c.form == nil || c.form.text("note") != "Halvt skrevet note" || c.form.text("transport") != "15" {
		t.Fatalf("restored form: %+v", c.form)
	}
	capture(t, m2, "fixture-register-restored")
}

func TestOverviewLinesOpenTheirSessionsAndCitizens(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	var opened data.ID
	m.openCitizen = func(id data.ID) { opened = id }
	m.ShowSection(SectionOverview)
	assertShows(t, m, "Ingen gennemførte møder i 14 dage", "Anna Bøgh · seneste møde 09-11-2026", "Uge 48: brugt 0 t af 0,38 t · planlagt 0 t · tilbage 0,38 t", "tilbage -0,5 t", "I alt: brugt 9 t af 10 t · planlagt 0 t · tilbage 1 t")
	o := m.screens[SectionOverview].(*overviewScreen)
	var line *overviewLine
	for _, l := range o.quietLines() {
		if strings.HasPrefix(l.text, "Anna Bøgh") {
			line = &l
		}
	}
	if line == nil {
		t.Fatal("Anna is not among the citizens without a recent session")
	}
	line.open()
	if m.current != SectionCitizens || opened != f.anna.ID {
		t.Errorf("the line opened %s / citizen %d", m.current, opened)
	}
	m.ShowSection(SectionOverview)
	missing := o.perMentor(o.facts.missing, true)
	if len(missing) != 2 || missing[0].text != "Karen Østergaard" {
		t.Fatalf("missing registrations per mentor: %+v", missing)
	}
	missing[1].open()
	c := m.screens[SectionCalendar].(*calendarScreen)
	if c.form == nil || c.form.kind != draftSessionRegister {
		t.Fatal("a missing registration did not open the after-meeting form")
	}
}

// TestCalendarDemoScreens opens the calendar and Oversigt on the demo
// organisation as koordinator and as mentor; with MENTORBOG_SHOTS set it
// writes the screenshots that are looked at.
func TestCalendarDemoScreens(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	_, err := st.Login(ctx, "koordinator", "demo-koordinator")
	must(t, err)
	m := newWindow(t, st)
	m.ShowSection(SectionOverview)
	o := m.screens[SectionOverview].(*overviewScreen)
	if o.mentorView || len(o.facts.today) == 0 {
		t.Errorf("coordinator overview: mentor view %v, %d sessions today", o.mentorView, len(o.facts.today))
	}
	assertShows(t, m, "Ingen gennemførte møder i 14 dage", "Dagens møder")
	capture(t, m, "demo-oversigt-koordinator")

	s := calendarOf(t, m)
	if len(s.sessions) == 0 || len(blockTexts(s)) == 0 {
		t.Fatal("the demo week shows no sessions")
	}
	capture(t, m, "demo-uge")
	s.setMode(modeMonth)
	capture(t, m, "demo-maaned")
	s.setMode(modeDay)
	capture(t, m, "demo-dag")
	s.setMode(modeWeek)

	// The after-meeting form with a validation message.
	var missing data.Session
	for _, ss := range s.sessions {
		if ss.MissingRegistration(m.env.now()) {
			missing = ss
		}
	}
	if missing.ID == 0 {
		t.Fatal("no session lacking registration this week")
	}
	s.register(missing)
	typeInto(t, m, s.form, "transport", "tyve")
	m.env.keys.trigger(keySave)
	if !strings.Contains(s.form.message("transport"), "Transporttid") {
		t.Errorf("transport message %q", s.form.message("transport"))
	}
	capture(t, m, "demo-registrer-moede-fejl")
	s.form.cancel()
	tapOverlay(t, m, "Ja", "Yes")

	st.Lock()
	_, err = st.Login(ctx, "mentor", "demo-mentor-1234")
	must(t, err)
	mm := newWindow(t, st)
	mm.ShowSection(SectionOverview)
	if o := mm.screens[SectionOverview].(*overviewScreen); !o.mentorView {
		t.Error("a mentor gets the coordinator's overview")
	}
	assertShows(t, mm, "Advarsler om mine borgere", "Mine aktive forløb")
	capture(t, mm, "demo-oversigt-mentor")
	c := calendarOf(t, mm)
	if c.ownMentor == 0 || len(c.mentorIDs) != 1 {
		t.Errorf("a mentor's calendar is not filtered on their own sessions: %v", c.mentorIDs)
	}
	capture(t, mm, "demo-uge-mentor")
}

// weeklySeries plans Anna's weekly series on Mondays 30 November to 21
// December at 10:00 and returns its sessions.
func weeklySeries(t *testing.T, st data.Store, f fixture) []data.Session {
	t.Helper()
	sr := data.Series{CourseID: f.annaCourse.ID, MentorID: f.karen.ID, First: at(2026, 11, 30, 10, 0), LengthMin: 60,
		IntervalWeeks: 1, Until: data.NewDate(2026, 12, 21), Form: data.FormInPerson, Place: "Biblioteket"}
	planned, err := st.SaveSeries(context.Background(), &sr)
	if err != nil || len(planned) != 4 {
		t.Fatalf("series: %d sessions, %v", len(planned), err)
	}
	return planned
}

// answerQuestion taps the question dialog's button with that text.
func answerQuestion(t *testing.T, s *calendarScreen, text string) {
	t.Helper()
	if s.question == nil || s.question.dlg == nil {
		t.Fatalf("no question asked to answer %q", text)
	}
	for _, b := range s.question.buttons {
		if b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the question has no %q", text)
}

func placesOf(t *testing.T, st data.Store, f fixture) string {
	t.Helper()
	list, err := st.Sessions(context.Background(), data.SessionFilter{From: at(2026, 11, 30, 0, 0), To: at(2026, 12, 22, 0, 0), CourseID: f.annaCourse.ID})
	must(t, err)
	var out []string
	for _, ss := range list {
		out = append(out, ss.PlannedStart.In(data.Zone()).Format("02-01 15:04")+" "+ss.Place)
	}
	return strings.Join(out, " | ")
}

func TestEditingASeriesAsksOnlyThisOrThisAndLater(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	planned := weeklySeries(t, st, f)
	m := newWindow(t, st)
	s := calendarOf(t, m)

	// Only this: the second session moves to Café Mokka alone.
	s.open(planned[1])
	ed := s.form
	if _, inForm := ed.byName["scope"]; inForm {
		t.Fatal("the scope is still a field of the form")
	}
	typeInto(t, m, ed, "place", "Café Mokka")
	m.env.keys.trigger(keySave)
	assertShows(t, m, "Ret møde i en serie", "Kun dette møde", "Dette og senere")
	capture(t, m, "serie-spoergsmaal")
	m.env.keys.trigger(keySave) // Ctrl+S again does not save past the question
	if ed.closed {
		t.Fatal("saved without an answer")
	}
	answerQuestion(t, s, "Kun dette møde")
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	want := "30-11 10:00 Biblioteket | 07-12 10:00 Café Mokka | 14-12 10:00 Biblioteket | 21-12 10:00 Biblioteket"
	if got := placesOf(t, st, f); got != want {
		t.Fatalf("only this:\n got  %s\n want %s", got, want)
	}

	// Annullér keeps the form open with what was typed; this and later
	// then moves the third and fourth to 13:00 at Jobcentret.
	s.open(planned[2])
	ed = s.form
	typeInto(t, m, ed, "planned_start", "13:00")
	typeInto(t, m, ed, "planned_end", "14:00")
	typeInto(t, m, ed, "place", "Jobcentret")
	m.env.keys.trigger(keySave)
	m.env.keys.trigger(keyCancel) // Esc closes the question, not the form
	if ed.closed || ed.text("place") != "Jobcentret" {
		t.Fatalf("Esc on the question lost the form: closed %v, place %q", ed.closed, ed.text("place"))
	}
	m.env.keys.trigger(keySave)
	answerQuestion(t, s, "Dette og senere")
	want = "30-11 10:00 Biblioteket | 07-12 10:00 Café Mokka | 14-12 13:00 Jobcentret | 21-12 13:00 Jobcentret"
	if got := placesOf(t, st, f); got != want {
		t.Fatalf("this and later:\n got  %s\n want %s", got, want)
	}
}

func TestDeletingAPlannedSessionAndTheSeriesFromItAsksAndAudits(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	planned := weeklySeries(t, st, f)
	m := newWindow(t, st)
	s := calendarOf(t, m)

	// The third session and the later ones go; the form closes.
	s.open(planned[2])
	ed := s.form
	del := findButton(m.Window().Canvas().Overlays().Top(), "Slet møde")
	if del == nil {
		t.Fatal("the planning form has no Slet møde")
	}
	test.Tap(del)
	assertShows(t, m, "Slet møde?", "Kun dette møde", "Dette og senere")
	capture(t, m, "slet-serie-spoergsmaal")
	answerQuestion(t, s, "Dette og senere")
	if !ed.closed {
		t.Fatal("the form stayed open after deleting its session")
	}
	if got, want := placesOf(t, st, f), "30-11 10:00 Biblioteket | 07-12 10:00 Biblioteket"; got != want {
		t.Fatalf("after deleting from 14-12:\n got  %s\n want %s", got, want)
	}

	// Only this one, with Annullér first changing nothing.
	s.open(planned[1])
	test.Tap(findButton(m.Window().Canvas().Overlays().Top(), "Slet møde"))
	answerQuestion(t, s, "Annullér")
	if got := placesOf(t, st, f); !strings.Contains(got, "07-12") {
		t.Fatal("Annullér deleted the session")
	}
	test.Tap(findButton(m.Window().Canvas().Overlays().Top(), "Slet møde"))
	answerQuestion(t, s, "Kun dette møde")
	if got, want := placesOf(t, st, f), "30-11 10:00 Biblioteket"; got != want {
		t.Fatalf("after deleting 07-12: %s", got)
	}
	entries, err := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditDelete}})
	must(t, err)
	if len(entries) != 3 || entries[0].CitizenID != f.anna.ID {
		t.Fatalf("audit: %+v", entries)
	}

	// A held session offers no delete; its registration is corrected instead.
	held := planned[0]
	held.Status, held.ContactMin, held.ActualStart, held.ActualEnd = data.SessionHeld, 60, held.PlannedStart, held.PlannedEnd
	held.RegisteredAt = held.PlannedEnd
	must(t, st.SaveSession(context.Background(), &held))
	s.register(held)
	if findButton(m.Window().Canvas().Overlays().Top(), "Slet møde") != nil {
		t.Fatal("a held session can be deleted")
	}
	if err := st.DeleteSession(context.Background(), held.ID); err == nil {
		t.Fatal("the store deleted a held session")
	}
}

func TestNarrowWeekBlocksKeepTheStartTime(t *testing.T) {
	test.NewTempApp(t)
	b := newSessionBlock(nil)
	ss := data.Session{PlannedStart: at(2026, 11, 30, 8, 30), PlannedEnd: at(2026, 11, 30, 9, 30), Status: data.SessionPlanned, Form: data.FormInPerson}
	b.setSession(ss, "S.Å.", fixedNow)
	b.Resize(fyne.NewSize(200, 60)) // lays out: line 1 in the caption size
	lineH := b.line1.MinSize().Height
	for _, c := range []struct {
		width, height float32
		line1         string
		iconOnLine    int // 1, 2 or 0 (hidden)
	}{
		{200, 2*lineH + 4, "08:30 S.Å.", 1}, // room for everything
		{60, 2*lineH + 4, "08:30", 1},       // the citizen goes first
		{40, 2*lineH + 4, "08:30", 2},       // the icon moves to line 2
		{40, lineH + 2, "08:30", 0},         // one line: time only, colour tells the status
		{22, lineH + 2, "08", 0},            // a sliver: the hour
	} {
		b.Resize(fyne.NewSize(c.width, c.height))
		b.Refresh()
		on := 0
		if b.icon.Visible() {
			on = 1
			if b.icon.Position().Y > lineH/2 {
				on = 2
			}
		}
		if b.line1.Text != c.line1 || on != c.iconOnLine {
			t.Errorf("%v×%v: line 1 %q, icon on line %d; want %q, %d", c.width, c.height, b.line1.Text, on, c.line1, c.iconOnLine)
		}
		if w := textWidth(b.line1.Text, b.line1) + b.line1.Position().X; w > c.width {
			t.Errorf("%v wide: the text runs to %v", c.width, w)
		}
	}
}

func TestOverviewLinesOpenFromTheKeyboard(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionOverview)
	c := m.Window().Canvas()
	// Tab until a line has the focus.
	var line *linkLine
	for i := 0; i < 40 && line == nil; i++ {
		c.FocusNext()
		line, _ = c.Focused().(*linkLine)
	}
	if line == nil {
		t.Fatal("Tab never reaches an overview line")
	}
	if !strings.HasPrefix(line.line.text, "08:00–09:00") {
		t.Fatalf("the first line reached is %q, want today's first session", line.line.text)
	}
	capture(t, m, "oversigt-fokus")
	// Tab moves on to the next line; Enter opens it.
	c.FocusNext()
	next, ok := c.Focused().(*linkLine)
	if !ok || !strings.HasPrefix(next.line.text, "14:00") {
		t.Fatalf("Tab from the first line went to %T", c.Focused())
	}
	next.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	cal := m.screens[SectionCalendar].(*calendarScreen)
	if cal.form == nil || cal.form.closed {
		t.Fatal("Enter on a session line opened no form")
	}
	cal.form.cancel()
	// Space opens too.
	m.ShowSection(SectionOverview)
	cal.form = nil
	var again *linkLine
	for i := 0; i < 40 && again == nil; i++ {
		c.FocusNext()
		again, _ = c.Focused().(*linkLine)
	}
	again.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if cal.form == nil {
		t.Fatal("Space on a session line opened no form")
	}
}

// A file dialog resized before it is shown panics in Fyne 2.8: the export
// must open its dialog.
func TestCalendarExportOpensTheFileDialog(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	b := findButton(s.view(), "Eksportér (.ics)")
	if b == nil {
		t.Fatal("no export button")
	}
	test.Tap(b)
	if m.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("the export opened no file dialog")
	}
}

// TestCalendarOpensTheWholeSession: the views hold sessions without their
// notes (a month of every mentor is thousands of sessions), so opening one
// reads it again: the after-meeting form shows the note as stored, and a
// save keeps it.
func TestCalendarOpensTheWholeSession(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	s := calendarOf(t, m)
	s.mode = modeMonth
	must(t, s.reload(context.Background()))
	var shown data.Session
	for _, ss := range s.sessions {
		if ss.Status != data.SessionPlanned || !ss.PlannedStart.After(fixedNow) {
			shown = ss
			break
		}
	}
	if shown.ID == 0 {
		t.Fatal("no past session in the month")
	}
	stored, err := st.Session(context.Background(), shown.ID)
	must(t, err)
	stored.Note = "Borgeren fortalte om sin nye praktikplads."
	must(t, st.SaveSession(context.Background(), &stored))
	must(t, s.reload(context.Background()))
	for _, ss := range s.sessions {
		if ss.ID == shown.ID && ss.Note != "" {
			t.Fatal("the calendar read the notes of every session it shows")
		}
	}
	s.open(shown)
	if s.form == nil {
		t.Fatal("no form opened")
	}
	if got := s.form.text("note"); got != stored.Note {
		t.Fatalf("the form's note is %q, stored %q", got, stored.Note)
	}
}

// TestMonthOfManySessionsShowsTheFirstLinesAndTheCount: a month with more
// sessions than its cells can show (every mentor of a large organisation)
// is read per day, the first lines and the day's count, and the cells say
// exactly what reading every session would: the same lines, the same
// "… og N til".
func TestMonthOfManySessionsShowsTheFirstLinesAndTheCount(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	busy := data.NewDate(2026, 11, 25)
	var many []data.Session
	for day := 23; day <= 29; day++ { // 7 × 150: past monthReadWhole
		for i := range 150 {
			start := at(2026, 11, day, 6, 0).Add(time.Duration(i) * 5 * time.Minute)
			many = append(many, data.Session{CourseID: f.annaCourse.ID, MentorID: f.karen.ID, PlannedStart: start,
				PlannedEnd: start.Add(30 * time.Minute), Status: data.SessionPlanned, Form: data.FormPhone})
		}
	}
	if len(many) <= monthReadWhole {
		t.Fatal("the month would be read whole")
	}
	must(t, st.BulkSessions(ctx, many))

	m := newWindow(t, st)
	s := calendarOf(t, m)
	s.setMode(modeMonth)
	if s.dayCounts == nil {
		t.Fatal("a month of 1,050+ sessions was read whole")
	}
	from, to := s.visibleRange()
	all, err := st.Sessions(ctx, data.SessionFilter{From: dayStart(from), To: dayStart(to)})
	must(t, err)
	byDay := map[data.Date][]data.Session{}
	for _, ss := range all {
		d := data.DateOf(ss.PlannedStart.In(data.Zone()))
		byDay[d] = append(byDay[d], ss)
	}
	for _, c := range s.month.cells {
		want := byDay[c.day]
		more := ""
		shown := len(want)
		if len(want) > monthLines {
			shown = monthLines - 1
			more = fmt.Sprintf("… og %d til", len(want)-shown)
		}
		if c.shown != shown || c.more.Text != more {
			t.Errorf("%s: %d lines and %q, want %d and %q", c.day, c.shown, c.more.Text, shown, more)
			continue
		}
		for i := range shown {
			if c.lines[i].session.ID != want[i].ID {
				t.Errorf("%s line %d: session %d, want %d", c.day, i+1, c.lines[i].session.ID, want[i].ID)
			}
		}
	}
	if got := len(byDay[busy]); got < 150 {
		t.Fatalf("the busy day has %d sessions", got)
	}
	assertShows(t, m, fmt.Sprintf("… og %d til", len(byDay[busy])-(monthLines-1)))
	capture(t, m, "calendar-month-many")
}

// TestWeekBlockDrawsItsIconAgainOnlyWhenItChanges: refreshing thousands of
// blocks must not rasterise an unchanged status icon again, but a block
// whose session changed status shows the new icon.
func TestWeekBlockDrawsItsIconAgainOnlyWhenItChanges(t *testing.T) {
	test.NewTempApp(t)
	b := newSessionBlock(nil)
	ss := data.Session{PlannedStart: at(2026, 11, 30, 8, 30), PlannedEnd: at(2026, 11, 30, 9, 30), Status: data.SessionPlanned, Form: data.FormInPerson}
	b.setSession(ss, "S.Å.", fixedNow)
	r := test.WidgetRenderer(b).(*sessionBlockRenderer)
	r.Refresh()
	planned := b.icon.Resource
	if r.drawn != planned {
		t.Fatal("the first refresh did not draw the icon")
	}
	ss.Status = data.SessionHeld
	b.setSession(ss, "S.Å.", fixedNow)
	r.Refresh()
	if b.icon.Resource == planned || r.drawn != b.icon.Resource {
		t.Fatalf("after the status changed: icon changed %v, drawn is the new one %v", b.icon.Resource != planned, r.drawn == b.icon.Resource)
	}
}
