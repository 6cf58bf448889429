package sqlstore

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"mentorbog/data"
)

// fixture saves one of everything a session needs.
type fixture struct {
	mentor       data.Mentor
	municipality data.Municipality
	caseworker   data.Caseworker
	citizen      data.Citizen
	course       data.Course
}

func newFixture(t *testing.T, s *Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{
		mentor: data.Mentor{Name: "Jørgen Ødegård", Phone: "+45 20 30 40 50", Email: "jo@broen.dk",
			Kind: data.MentorEmployed, Qualifications: "Socialrådgiver", Languages: []string{"dansk", "arabisk"},
			Competences: []string{"unge", "psykisk sårbarhed"}, WeeklyCapacityMin: 20 * 60},
		municipality: data.Municipality{Name: "Søby Kommune", EAN: "5798000123456", SecureEmail: "jobcenter@soeby.dk"},
		citizen: data.Citizen{Name: "Åse Bækgaard", CPR: "010203-1234", Address: "Ågade 1", Postcode: "4700",
			City: "Næstved", Phone: "22 33 44 55", MotherTongue: "dansk", TargetGroup: "aktivitetsparat",
			Consents: data.Consents{SMS: true}, Profile: data.HandoverProfile{Resources: "God til at lave mad", WhatWorks: "Gåture"}},
	}
	must(t, s.SaveMentor(ctx, &f.mentor))
	must(t, s.SaveMunicipality(ctx, &f.municipality))
	f.caseworker = data.Caseworker{MunicipalityID: f.municipality.ID, Name: "Mette Kjær"}
	must(t, s.SaveCaseworker(ctx, &f.caseworker))
	must(t, s.SaveCitizen(ctx, &f.citizen))
	f.course = data.Course{CitizenID: f.citizen.ID, MunicipalityID: f.municipality.ID, CaseworkerID: f.caseworker.ID,
		OrderRef: "BST-2026-0001", Status: data.CourseActive, OrderedOn: data.NewDate(2026, 1, 5), StartedOn: data.NewDate(2026, 1, 12)}
	must(t, s.SaveCourse(ctx, &f.course))
	must(t, s.AssignMentor(ctx, f.course.ID, f.mentor.ID, f.course.StartedOn, ""))
	f.course.MentorID = f.mentor.ID
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordsRoundTripWithDanishLetters(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)

	m, err := s.Mentor(ctx, f.mentor.ID)
	if err != nil || !reflect.DeepEqual(m, f.mentor) {
		t.Errorf("mentor:\n got %+v\nwant %+v (%v)", m, f.mentor, err)
	}
	mu, err := s.Municipality(ctx, f.municipality.ID)
	if err != nil || !reflect.DeepEqual(mu, f.municipality) {
		t.Errorf("municipality: got %+v want %+v (%v)", mu, f.municipality, err)
	}
	c, err := s.Citizen(ctx, f.citizen.ID)
	wantCitizen := f.citizen
	wantCitizen.CPR = "0102031234" // stored normalised
	if err != nil || !reflect.DeepEqual(c, wantCitizen) {
		t.Errorf("citizen:\n got %+v\nwant %+v (%v)", c, wantCitizen, err)
	}
	if c.MaskedCPR() != "010203-XXXX" {
		t.Errorf("masked CPR %q", c.MaskedCPR())
	}
	co, err := s.Course(ctx, f.course.ID)
	if err != nil || !reflect.DeepEqual(co, f.course) {
		t.Errorf("course:\n got %+v\nwant %+v (%v)", co, f.course, err)
	}
	cws, err := s.Caseworkers(ctx, f.municipality.ID)
	if err != nil || len(cws) != 1 || cws[0] != f.caseworker {
		t.Errorf("caseworkers: %+v %v", cws, err)
	}

	org, err := s.Organisation(ctx)
	must(t, err)
	org.Name, org.CVR, org.JobcentreLabel, org.HourlyRateOere = "Broen Mentorhus ApS", "12345678", data.LabelKommune, 45000
	must(t, s.SaveOrganisation(ctx, org))
	org.Version++ // the save counted the stored version up
	got, err := s.Organisation(ctx)
	if err != nil || !reflect.DeepEqual(got, org) {
		t.Errorf("organisation: got %+v want %+v (%v)", got, org, err)
	}

	must(t, s.SetSetting(ctx, "retention_months", "24"))
	must(t, s.SetSetting(ctx, "retention_months", "36"))
	if v, _ := s.Setting(ctx, "retention_months"); v != "36" {
		t.Errorf("setting %q", v)
	}
	if v, err := s.Setting(ctx, "never_set"); v != "" || err != nil {
		t.Errorf("unset setting %q %v", v, err)
	}
}

func TestAgreementGoalsScoresAndSessionsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)

	goal := data.Goal{CourseID: f.course.ID, Title: "Møde til aftaler om morgenen", CreatedOn: data.NewDate(2026, 1, 12)}
	must(t, s.SaveGoal(ctx, &goal))
	a := data.Agreement{CourseID: f.course.ID, Start: data.NewDate(2026, 1, 12), End: data.NewDate(2026, 7, 11),
		HoursBasis: data.HoursPerWeek, GrantedMin: 90, Scope: data.PerPerson, RateOere: 45000,
		Goal: "Komme i praktik", Tasks: "Støtte til struktur i hverdagen", Roles: data.Roles(0).With(data.RoleCoach).With(data.RoleBridgeBuilder),
		LegalBasis: "LAB kap. 26", ComplaintGuidance: "Klag inden 4 uger", SignedCitizen: data.NewDate(2026, 1, 12), GoalIDs: []data.ID{goal.ID}}
	must(t, s.SaveAgreement(ctx, &a))
	got, err := s.Agreement(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("agreement:\n got %+v\nwant %+v (%v)", got, a, err)
	}
	active, err := s.Agreements(ctx, 0, data.NewDate(2026, 3, 1))
	if err != nil || len(active) != 1 || active[0].ID != a.ID {
		t.Errorf("active agreements on 1 March: %+v %v", active, err)
	}
	if after, _ := s.Agreements(ctx, 0, data.NewDate(2026, 7, 12)); len(after) != 0 {
		t.Errorf("agreement active after its end: %+v", after)
	}

	sc := data.Score{GoalID: goal.ID, On: data.NewDate(2026, 2, 1), Value: 4, Note: "Bedre end sidst"}
	must(t, s.SaveScore(ctx, &sc))
	bad := data.Score{GoalID: goal.ID, On: data.NewDate(2026, 2, 1), Value: 11}
	assertProblem(t, s.SaveScore(ctx, &bad), "value")
	scores, err := s.Scores(ctx, goal.ID)
	if err != nil || len(scores) != 1 || scores[0] != sc {
		t.Errorf("scores %+v %v", scores, err)
	}

	zone := data.Zone()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, zone)
	held := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		ActualStart: start, ActualEnd: start.Add(50 * time.Minute), Status: data.SessionHeld, Form: data.FormInPerson,
		Place: "Café Ø", ContactMin: 50, TransportMin: 20, AdminMin: 10, Roles: data.Roles(data.RoleCoach),
		Goals: []data.SessionGoal{{GoalID: goal.ID, Note: "Kom til tiden"}}, Note: "Gik en tur ved åen.", RegisteredAt: start.Add(2 * time.Hour)}
	must(t, s.SaveSession(ctx, &held))
	planned := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start.AddDate(0, 0, 7),
		PlannedEnd: start.AddDate(0, 0, 7).Add(time.Hour), Status: data.SessionPlanned, Form: data.FormPhone}
	must(t, s.SaveSession(ctx, &planned))

	one, err := s.Session(ctx, held.ID)
	if err != nil || !reflect.DeepEqual(one, held) {
		t.Errorf("session:\n got %+v\nwant %+v (%v)", one, held, err)
	}
	week, err := s.Sessions(ctx, data.SessionFilter{From: start.Add(-time.Hour), To: start.AddDate(0, 0, 1), MentorIDs: []data.ID{f.mentor.ID}})
	if err != nil || len(week) != 1 || week[0].ID != held.ID || len(week[0].Goals) != 1 {
		t.Errorf("sessions in range: %+v %v", week, err)
	}
	other, _ := s.Sessions(ctx, data.SessionFilter{MentorIDs: []data.ID{f.mentor.ID + 100}})
	if len(other) != 0 {
		t.Errorf("another mentor's filter found %d sessions", len(other))
	}
	byStatus, _ := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID, Statuses: []data.SessionStatus{data.SessionPlanned}})
	if len(byStatus) != 1 || byStatus[0].ID != planned.ID {
		t.Errorf("status filter: %+v", byStatus)
	}

	all, _ := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID})
	h := data.Account(a, all)
	if h.UsedMin != 50 || h.PlannedMin != 60 || h.TransportMin != 20 || h.Held != 1 {
		t.Errorf("hours from stored sessions: %+v", h)
	}
}

func TestValidationProblemsNameTheFieldAndBlockTheSave(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	c := data.Citizen{Name: "Bo", CPR: "310299-1234"} // 31 February
	assertProblem(t, s.SaveCitizen(ctx, &c), "cpr")
	if c.ID != 0 {
		t.Fatal("an invalid citizen got an id")
	}
	if list, _ := s.Citizens(ctx, true); len(list) != 0 {
		t.Fatal("an invalid citizen was stored")
	}
	// A number that fails modulus 11 only warns: it is saved.
	c = data.Citizen{Name: "Bo", CPR: "010203-1235"}
	if p := c.Validate(); len(p.Warnings()) != 1 || len(p.Errors()) != 0 {
		t.Fatalf("mod 11 failure should warn only: %+v", p)
	}
	must(t, s.SaveCitizen(ctx, &c))

	m := data.Mentor{Name: "", Kind: "chef"}
	err := s.SaveMentor(ctx, &m)
	assertProblem(t, err, "name")
	assertProblem(t, err, "kind")
}

func assertProblem(t *testing.T, err error, field string) {
	t.Helper()
	var p data.Problems
	if !errors.As(err, &p) {
		t.Fatalf("want Problems naming %q, got %v", field, err)
	}
	fe, ok := p.For(field)
	if !ok || fe.Message == "" || fe.Warning {
		t.Fatalf("no blocking problem for %q in %v", field, p)
	}
}

func TestMentorChangeKeepsHistoryWithHandoverNote(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	second := data.Mentor{Name: "Ahmed Hassan", Kind: data.MentorEmployed}
	must(t, s.SaveMentor(ctx, &second))
	must(t, s.AssignMentor(ctx, f.course.ID, second.ID, data.NewDate(2026, 4, 1), "Borgeren trives med faste aftaler om tirsdagen."))

	hist, err := s.MentorHistory(ctx, f.course.ID)
	must(t, err)
	if len(hist) != 2 {
		t.Fatalf("history has %d rows", len(hist))
	}
	if hist[0].MentorID != f.mentor.ID || hist[0].To != data.NewDate(2026, 3, 31) || hist[0].HandoverNote == "" {
		t.Errorf("closed assignment: %+v", hist[0])
	}
	if hist[1].MentorID != second.ID || !hist[1].To.IsZero() {
		t.Errorf("current assignment: %+v", hist[1])
	}
	co, _ := s.Course(ctx, f.course.ID)
	if co.MentorID != second.ID {
		t.Errorf("course mentor %d, want %d", co.MentorID, second.ID)
	}
	mine, _ := s.Courses(ctx, data.CourseFilter{MentorID: second.ID, Statuses: []data.CourseStatus{data.CourseActive}})
	if len(mine) != 1 {
		t.Errorf("courses of the new mentor: %d", len(mine))
	}
}

func TestAtomicallyRollsBackEverything(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Atomically(ctx, func(ctx context.Context) error {
		m := data.Mentor{Name: "Kirsten", Kind: data.MentorVolunteer}
		must(t, s.SaveMentor(ctx, &m))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if list, _ := s.Mentors(ctx, true); len(list) != 0 {
		t.Fatal("a rolled-back mentor was kept")
	}
}

func TestInstrumentRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	list, err := s.Instruments(ctx)
	must(t, err)
	def := data.DefaultInstrument()
	if len(list) != 1 || !list[0].IsDefault || !reflect.DeepEqual(list[0].Domains, def.Domains) || !reflect.DeepEqual(list[0].Anchors, def.Anchors) {
		t.Fatalf("default instrument differs from data.DefaultInstrument: %+v", list)
	}
	own := data.Instrument{Name: "Egen skala 1-5", ScaleMin: 1, ScaleMax: 5, Domains: []string{"Økonomi", "Bolig"},
		Anchors: map[int]string{1: "Meget svært", 5: "Klarer det selv"}, IsDefault: true}
	must(t, s.SaveInstrument(ctx, &own))
	list, _ = s.Instruments(ctx)
	if len(list) != 2 || list[0].IsDefault || !list[1].IsDefault || !reflect.DeepEqual(list[1], own) {
		t.Fatalf("instruments after adding a default: %+v", list)
	}
}
