package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

func TestCourseFormAndStatusFlowAskForTheOutcome(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	s.open(f.dorte.ID)
	tap(findButton(s.details, "Nyt forløb"))
	ed := s.form
	ctrlS(ed, m)
	if got := ed.message("municipality"); got != "Kommune skal vælges." {
		t.Fatalf("municipality message = %q", got)
	}
	fieldSelect(t, ed, "municipality").SetSelected("Næstved Kommune")
	fieldSelect(t, ed, "caseworker").SetSelected("Lise Holm")
	typeIn(t, m, ed, "order_ref", "BST-2026-77")
	typeIn(t, m, ed, "started_on", "30-02-2026")
	ctrlS(ed, m)
	if got := ed.message("started_on"); !strings.Contains(got, "Startet den") {
		t.Fatalf("bad date message = %q", got)
	}
	typeIn(t, m, ed, "started_on", "")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("course not saved: %q", ed.general.Text)
	}
	courses, err := st.Courses(ctx, data.CourseFilter{CitizenID: f.dorte.ID})
	must(t, err)
	if len(courses) != 1 || courses[0].OrderRef != "BST-2026-77" || courses[0].Status != data.CourseOrdered ||
		courses[0].MunicipalityID != f.naestved.ID || courses[0].CaseworkerID == 0 || courses[0].OrderedOn != data.DateOf(fixedNow) {
		t.Fatalf("stored courses %+v", courses)
	}
	co := courses[0]

	// bestilt → aktiv: the only ways on are aktiv and afbrudt.
	s.changeStatus(co)
	ed = s.form
	if opts := fieldSelect(t, ed, "status").Options; !equal(opts, []string{"Aktiv", "Afbrudt"}) {
		t.Fatalf("statuses offered from Bestilt: %v", opts)
	}
	ctrlS(ed, m)
	co, _ = st.Course(ctx, co.ID)
	if co.Status != data.CourseActive || co.StartedOn != data.DateOf(fixedNow) {
		t.Fatalf("after Aktiv: %+v", co)
	}

	// aktiv → afsluttet asks for the outcome; the note is kept.
	s.changeStatus(co)
	ed = s.form
	if opts := fieldSelect(t, ed, "status").Options; !equal(opts, []string{"Fastholdelse", "Afsluttet", "Afbrudt"}) {
		t.Fatalf("statuses offered from Aktiv: %v", opts)
	}
	fieldSelect(t, ed, "status").SetSelected("Afsluttet")
	typeIn(t, m, ed, "outcome_note", "Startede i fleksjob hos Netto")
	ctrlS(ed, m)
	if !strings.Contains(ed.general.Text, "Resultat skal vælges") || ed.text("outcome_note") != "Startede i fleksjob hos Netto" {
		t.Fatalf("ending without an outcome: %q", ed.general.Text)
	}
	fieldSelect(t, ed, "outcome").SetSelected("Fleksjob")
	ctrlS(ed, m)
	co, _ = st.Course(ctx, co.ID)
	if co.Status != data.CourseEnded || co.Outcome != data.OutcomeFlexJob || co.OutcomeNote != "Startede i fleksjob hos Netto" || co.EndedOn != data.DateOf(fixedNow) {
		t.Fatalf("after ending: %+v", co)
	}
	if findButton(s.details, "Skift status…") != nil {
		t.Error("an ended course still offers Skift status")
	}
}

func TestChangeOfMentorAsksForTheHandoverNoteAndKeepsHistory(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	s.open(f.anna.ID)
	s.tabs.SelectIndex(tabCourses)
	tap(findButton(s.details, "Skift mentor…"))
	ed := s.form
	fieldSelect(t, ed, "mentor").SetSelected("Bo Andersen")
	ctrlS(ed, m)
	if got := ed.message("handover_note"); got != "Overdragelsesnote skal udfyldes ved mentorskift." {
		t.Fatalf("handover note message = %q", got)
	}
	typeIn(t, m, ed, "handover_note", "Anna trives med gåture; undgå telefonmøder om morgenen.")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	h, err := st.MentorHistory(ctx, f.annaCourse.ID)
	must(t, err)
	if len(h) != 2 || h[0].MentorID != f.karen.ID || h[0].To != data.DateOf(fixedNow).AddDays(-1) ||
		h[0].HandoverNote != "Anna trives med gåture; undgå telefonmøder om morgenen." || h[1].MentorID != f.bo.ID || !h[1].To.IsZero() {
		t.Fatalf("history %+v", h)
	}
	assertShows(t, m, "Mentorhistorik", "Bo Andersen · fra 23-11-2026 (nuværende)", "Overdragelsesnote: Anna trives med gåture")
}

func TestAgreementFormWarnsPastSixMonthsAndExtends(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	org, _ := st.Organisation(ctx)
	org.LegalBasis, org.ComplaintGuidance = "LAB §§ 167-171", "Du kan klage til kommunen inden 4 uger."
	must(t, st.SaveOrganisation(ctx, org))
	s.open(f.erik.ID)
	s.tabs.SelectIndex(tabCourses)
	tap(findButton(s.details, "Ny aftale"))
	ed := s.form
	if ed.text("complaint_guidance") != "Du kan klage til kommunen inden 4 uger." || ed.text("legal_basis") != "LAB §§ 167-171" || ed.text("rate") != "550,00" {
		t.Fatalf("defaults from the organisation: %q / %q / %q", ed.text("complaint_guidance"), ed.text("legal_basis"), ed.text("rate"))
	}
	if ed.text("start") != "23-11-2026" || ed.text("end") != "22-05-2027" {
		t.Fatalf("default period %s – %s", ed.text("start"), ed.text("end"))
	}
	typeIn(t, m, ed, "granted", "halvanden")
	typeIn(t, m, ed, "end", "30-06-2027")
	ctrlS(ed, m)
	for field, want := range map[string]string{"goal": "Mål skal udfyldes.", "tasks": "Opgaver skal udfyldes.",
		"granted": "Bevilgede timer: skriv et tal, fx 1,5."} {
		if got := ed.message(field); got != want {
			t.Errorf("%s message = %q, want %q", field, got, want)
		}
	}
	if got := ed.message("end"); !strings.HasPrefix(got, "Bemærk:") || !strings.Contains(got, "6 måneder") {
		t.Errorf("end message = %q, want the six-month warning", got)
	}
	if got := ed.message("mentor"); !strings.HasPrefix(got, "Bemærk:") {
		t.Errorf("mentor message = %q, want a note that the agreement names no mentor", got)
	}
	capture(t, m, "aftale-fejl")
	fieldSelect(t, ed, "mentor").SetSelected("Karen Østergaard")
	assertShows(t, m, "Cand.psych.")
	typeIn(t, m, ed, "goal", "Komme i praktik i detailhandlen")
	typeIn(t, m, ed, "tasks", "Struktur i hverdagen; følge til jobsamtaler")
	typeIn(t, m, ed, "granted", "1,5")
	roles := ed.byName["roles"].obj.(*widget.CheckGroup)
	roles.SetSelected([]string{"Brobygger"})
	fieldSelect(t, ed, "scope").SetSelected("Pr. plads (pladsmentor)")
	typeIn(t, m, ed, "signed_citizen", "20-11-2026")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("a warning blocked saving: %q", ed.general.Text)
	}
	erikCourse, _ := st.Courses(ctx, data.CourseFilter{CitizenID: f.erik.ID})
	list, err := st.Agreements(ctx, erikCourse[0].ID, data.Date{})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("agreements %+v", list)
	}
	a := list[0]
	if a.GrantedMin != 90 || a.HoursBasis != data.HoursPerWeek || a.Scope != data.PerPlace || a.MentorID != f.karen.ID ||
		a.RateOere != 55000 || a.End != data.NewDate(2027, 6, 30) || a.Roles != data.Roles(0).With(data.RoleBridgeBuilder) ||
		a.SignedCitizen != data.NewDate(2026, 11, 20) || a.LegalBasis != "LAB §§ 167-171" {
		t.Fatalf("stored agreement %+v", a)
	}
	assertShows(t, m, "Uge 48", "Bevilget", "Planlagt", "Brugt", "Resterende", "1,5 t")

	// Forlæng aftale: prefilled, linked, starting the day after.
	tap(findButton(s.details, "Forlæng aftale"))
	ed = s.form
	if ed.text("start") != "01-07-2027" || ed.text("goal") != "Komme i praktik i detailhandlen" || ed.text("granted") != "1,5" || ed.text("signed_citizen") != "" {
		t.Fatalf("extension prefill: start %q goal %q granted %q signed %q", ed.text("start"), ed.text("goal"), ed.text("granted"), ed.text("signed_citizen"))
	}
	assertShows(t, m, "Forlænger aftalen 23-11-2026 – 30-06-2027")
	ctrlS(ed, m)
	list, _ = st.Agreements(ctx, erikCourse[0].ID, data.Date{})
	if len(list) != 2 || list[1].ExtendsID != a.ID || list[1].Start != data.NewDate(2027, 7, 1) {
		t.Fatalf("after extending: %+v", list)
	}
	assertShows(t, m, "(forlængelse)")
}

func TestMatchingSuggestsMentorsWithReasonsAndAssigns(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	erik, _ := st.Citizen(ctx, f.erik.ID)
	erik.MotherTongue, erik.Needs = "Arabisk", []string{"misbrug"}
	must(t, st.SaveCitizen(ctx, &erik))
	other := data.Mentor{Name: "Ahmad Saleh", Kind: data.MentorEmployed, WeeklyCapacityMin: 20 * 60, Languages: []string{"arabisk"}}
	must(t, st.SaveMentor(ctx, &other))
	s.env.showError(s.load(ctx))
	s.open(f.erik.ID)
	s.tabs.SelectIndex(tabCourses)
	tap(findButton(s.details, "Foreslå mentor…"))
	md := s.matching
	if md == nil || len(md.matches) != 2 {
		t.Fatalf("suggestions: %+v", md)
	}
	// Karen speaks Arabic and knows misbrug; Ahmad speaks Arabic only; Bo
	// is a volunteer and Erik has not consented.
	if md.matches[0].Mentor.Name != "Karen Østergaard" || md.matches[1].Mentor.Name != "Ahmad Saleh" {
		t.Fatalf("order %s, %s", md.matches[0].Mentor.Name, md.matches[1].Mentor.Name)
	}
	if !strings.HasPrefix(md.reasons[0], "taler arabisk · kompetence: misbrug · ") || !strings.Contains(md.reasons[0], "t ledig/uge") {
		t.Errorf("Karen's reasons %q", md.reasons[0])
	}
	if md.reasons[1] != "taler arabisk · ingen matchende kompetence · 20 t ledig/uge" {
		t.Errorf("Ahmad's reasons %q", md.reasons[1])
	}
	assertShows(t, m, "1. Karen Østergaard · Ansat", "1 frivillig mentor er udeladt")
	capture(t, m, "matching-fixture")
	test.Tap(md.buttons[0])
	courses, _ := st.Courses(ctx, data.CourseFilter{CitizenID: f.erik.ID})
	if courses[0].MentorID != f.karen.ID {
		t.Fatalf("picking Karen assigned %d", courses[0].MentorID)
	}
	if h, _ := st.MentorHistory(ctx, courses[0].ID); len(h) != 1 || h[0].From != data.DateOf(fixedNow) {
		t.Errorf("history after picking: %+v", h)
	}
}

func TestProgressionGoalsScoresAndChart(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	s.open(f.anna.ID)
	s.tabs.SelectIndex(tabProgression)
	tap(findButton(s.details, "Nyt mål"))
	ed := s.form
	ctrlS(ed, m)
	if got := ed.message("title"); got != "Mål skal udfyldes." {
		t.Fatalf("goal title message %q", got)
	}
	typeIn(t, m, ed, "title", "Møde stabilt op i praktikken")
	fieldSelect(t, ed, "domain").SetSelected("Målrettethed")
	ctrlS(ed, m)
	goals, _ := st.Goals(ctx, f.annaCourse.ID)
	if len(goals) != 1 || goals[0].Domain != "Målrettethed" {
		t.Fatalf("goals %+v", goals)
	}
	for _, sc := range []struct{ day, value string }{{"01-10-2026", "3 "}, {"01-11-2026", "6"}} {
		s.tabs.SelectIndex(tabProgression)
		tap(findButton(s.details, "Registrér score"))
		ed = s.form
		typeIn(t, m, ed, "on", sc.day)
		if sc.value == "3 " {
			ctrlS(ed, m)
			if got := ed.message("value"); got != "Score skal være mellem 1 og 10." {
				t.Fatalf("score message %q", got)
			}
		}
		sel := fieldSelect(t, ed, "value")
		for _, o := range sel.Options {
			if strings.HasPrefix(o, strings.TrimSpace(sc.value)+" ") || o == strings.TrimSpace(sc.value) {
				sel.SetSelected(o)
			}
		}
		ctrlS(ed, m)
		if !ed.closed {
			t.Fatalf("score not saved: %q", ed.general.Text)
		}
	}
	scores, _ := st.Scores(ctx, goals[0].ID)
	if len(scores) != 2 || scores[1].Value != 6 || scores[0].On != data.NewDate(2026, 10, 1) {
		t.Fatalf("scores %+v", scores)
	}
	assertShows(t, m, "Seneste score: 6 (01-11-2026)", "Udvikling over tid", "Skala 1–10: 1 = Slet ikke")
	if !strings.Contains(markup(m), "<line") {
		t.Error("the chart draws no lines")
	}
	capture(t, m, "progression-fixture")
}

func TestInstrumentFormDefinesDomainsScaleAndAnchors(t *testing.T) {
	m, s, _, st := citizensWindow(t)
	s.editInstrument(data.Instrument{ScaleMin: 1, ScaleMax: 10})
	ed := s.form
	typeIn(t, m, ed, "name", "Trivsel 1-5")
	typeIn(t, m, ed, "scale", "fem")
	typeIn(t, m, ed, "anchors", "1 Slet ikke")
	ctrlS(ed, m)
	if got := ed.message("scale"); got != "Skala til: skriv et helt tal." {
		t.Errorf("scale message %q", got)
	}
	if got := ed.message("anchors"); !strings.Contains(got, "1 Slet ikke") {
		t.Errorf("anchors message %q", got)
	}
	typeIn(t, m, ed, "scale", "5")
	typeIn(t, m, ed, "anchors", "1 = Slet ikke\n5 = Helt")
	typeIn(t, m, ed, "domains", "Søvn\nSociale relationer")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	all, _ := st.Instruments(context.Background())
	got := all[len(all)-1]
	if got.Name != "Trivsel 1-5" || got.ScaleMax != 5 || !equal(got.Domains, []string{"Søvn", "Sociale relationer"}) || got.Anchors[5] != "Helt" {
		t.Fatalf("stored instrument %+v", got)
	}
}
