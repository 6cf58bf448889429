package demo

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/cpr"
	"mentorbog/data/sqlstore"
)

// testToday is a Monday; the year before it spans summer holidays,
// Christmas and Easter, which the generator has to step around.
var testToday = data.NewDate(2026, time.September, 14)

func openStore(t *testing.T, name string) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func generate(t *testing.T, seed uint64) (*sqlstore.Store, Summary) {
	t.Helper()
	st := openStore(t, fmt.Sprintf("demo-%d.db", seed))
	sum, err := Generate(context.Background(), st, Config{Seed: seed, Today: testToday})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return st, sum
}

// snapshot is everything the store returns after a generation.
type snapshot struct {
	org          data.Organisation
	mentors      []data.Mentor
	munis        []data.Municipality
	caseworkers  []data.Caseworker
	citizens     []data.Citizen
	courses      []data.Course
	history      map[data.ID][]data.MentorAssignment
	agreements   []data.Agreement
	goals        []data.Goal
	scores       []data.Score
	sessions     []data.Session
	instrumentID data.ID
}

func read(t *testing.T, st data.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	var err error
	check := func(what string) {
		if err != nil {
			t.Fatalf("read %s: %v", what, err)
		}
	}
	s.org, err = st.Organisation(ctx)
	check("organisation")
	s.mentors, err = st.Mentors(ctx, true)
	check("mentors")
	s.munis, err = st.Municipalities(ctx, true)
	check("municipalities")
	s.caseworkers, err = st.Caseworkers(ctx, 0)
	check("caseworkers")
	s.citizens, err = st.Citizens(ctx, true)
	check("citizens")
	s.courses, err = st.Courses(ctx, data.CourseFilter{})
	check("courses")
	s.history = map[data.ID][]data.MentorAssignment{}
	for _, c := range s.courses {
		s.history[c.ID], err = st.MentorHistory(ctx, c.ID)
		check("mentor history")
		agreements, err2 := st.Agreements(ctx, c.ID, data.Date{})
		err = err2
		check("agreements")
		s.agreements = append(s.agreements, agreements...)
		goals, err2 := st.Goals(ctx, c.ID)
		err = err2
		check("goals")
		s.goals = append(s.goals, goals...)
	}
	for _, g := range s.goals {
		scores, err2 := st.Scores(ctx, g.ID)
		err = err2
		check("scores")
		s.scores = append(s.scores, scores...)
	}
	s.sessions, err = st.Sessions(ctx, data.SessionFilter{})
	check("sessions")
	instruments, err := st.Instruments(ctx)
	check("instruments")
	for _, in := range instruments {
		if in.IsDefault {
			s.instrumentID = in.ID
		}
	}
	return s
}

// dump renders a snapshot canonically: records sorted by id, one a line.
func (s snapshot) dump() string {
	var b strings.Builder
	line := func(v any) { fmt.Fprintf(&b, "%+v\n", v) }
	line(s.org)
	for _, m := range s.mentors {
		line(m)
	}
	for _, m := range s.munis {
		line(m)
	}
	for _, c := range s.caseworkers {
		line(c)
	}
	for _, c := range s.citizens {
		line(c)
	}
	for _, c := range s.courses {
		line(c)
		for _, h := range s.history[c.ID] {
			line(h)
		}
	}
	agreements := slices.Clone(s.agreements)
	slices.SortFunc(agreements, func(a, b data.Agreement) int { return int(a.ID - b.ID) })
	for _, a := range agreements {
		line(a)
	}
	goals := slices.Clone(s.goals)
	slices.SortFunc(goals, func(a, b data.Goal) int { return int(a.ID - b.ID) })
	for _, g := range goals {
		line(g)
	}
	scores := slices.Clone(s.scores)
	slices.SortFunc(scores, func(a, b data.Score) int { return int(a.ID - b.ID) })
	for _, sc := range scores {
		line(sc)
	}
	sessions := slices.Clone(s.sessions)
	slices.SortFunc(sessions, func(a, b data.Session) int { return int(a.ID - b.ID) })
	for _, se := range sessions {
		fmt.Fprintf(&b, "%d %d %d %s %s %s %s %s %s %q %d %d %d %d %+v %q %s\n", se.ID, se.CourseID, se.MentorID,
			se.PlannedStart.UTC().Format(time.RFC3339), se.PlannedEnd.UTC().Format(time.RFC3339),
			se.ActualStart.UTC().Format(time.RFC3339), se.ActualEnd.UTC().Format(time.RFC3339),
			se.Status, se.Form, se.Place, se.ContactMin, se.TransportMin, se.AdminMin, se.Roles, se.Goals,
			se.Note, se.RegisteredAt.UTC().Format(time.RFC3339))
	}
	return b.String()
}

func TestGenerateContent(t *testing.T) {
	st, sum := generate(t, 1)
	s := read(t, st)

	counts := Summary{
		Mentors: len(s.mentors), Municipalities: len(s.munis), Caseworkers: len(s.caseworkers),
		Citizens: len(s.citizens), Courses: len(s.courses), Agreements: len(s.agreements),
		Goals: len(s.goals), Scores: len(s.scores), Sessions: len(s.sessions),
	}
	if counts != sum {
		t.Errorf("summary %+v, store holds %+v", sum, counts)
	}
	t.Logf("summary: %+v", sum)

	if s.org.Name == "" || s.org.HourlyRateOere != 45000 || s.org.Validate().Err() != nil {
		t.Errorf("organisation not as expected: %+v", s.org)
	}
	volunteers := 0
	for _, m := range s.mentors {
		if m.Kind == data.MentorVolunteer {
			volunteers++
		}
	}
	if len(s.mentors) < 5 || len(s.mentors) > 8 || volunteers != 1 {
		t.Errorf("%d mentors with %d volunteers, want about 6 with exactly one", len(s.mentors), volunteers)
	}
	if len(s.munis) != 2 {
		t.Errorf("%d municipalities, want 2", len(s.munis))
	}
	if len(s.citizens) != 40 {
		t.Errorf("%d citizens, want 40", len(s.citizens))
	}
	if sum.Sessions < 2000 || sum.Sessions > 4000 {
		t.Errorf("%d sessions, want 2,000-4,000", sum.Sessions)
	}

	checkCitizens(t, s)
	checkCourses(t, s)
	checkAgreements(t, s)
	checkGoals(t, s)
	checkSessions(t, s)
}

func checkCitizens(t *testing.T, s snapshot) {
	t.Helper()
	var names strings.Builder
	for _, m := range s.mentors {
		names.WriteString(m.Name)
	}
	for _, c := range s.citizens {
		names.WriteString(c.Name)
		if _, err := cpr.Parse(c.CPR); err != nil {
			t.Errorf("citizen %d: CPR does not parse: %v", c.ID, err)
		}
		if p := c.Validate(); len(p) > 0 {
			t.Errorf("citizen %d: %v", c.ID, p)
		}
		if c.Profile.Resources == "" || c.Profile.WhatWorks == "" || c.Profile.Limitations == "" {
			t.Errorf("citizen %d: handover profile incomplete", c.ID)
		}
	}
	for _, letter := range []string{"æ", "ø", "å"} {
		if !strings.Contains(strings.ToLower(names.String()), letter) {
			t.Errorf("no name contains %q", letter)
		}
	}
}

func checkCourses(t *testing.T, s snapshot) {
	t.Helper()
	citizens := map[data.ID]data.Citizen{}
	for _, c := range s.citizens {
		citizens[c.ID] = c
	}
	mentors := map[data.ID]data.Mentor{}
	for _, m := range s.mentors {
		mentors[m.ID] = m
	}
	statuses := map[data.CourseStatus]int{}
	handovers := 0
	for _, c := range s.courses {
		statuses[c.Status]++
		history := s.history[c.ID]
		if c.Status == data.CourseOrdered {
			if c.MentorID != 0 || len(history) > 0 {
				t.Errorf("course %d is only ordered but has a mentor", c.ID)
			}
			continue
		}
		if len(history) == 0 || history[len(history)-1].MentorID != c.MentorID {
			t.Errorf("course %d: mentor %d does not match its history %+v", c.ID, c.MentorID, history)
		}
		for _, h := range history {
			if mentors[h.MentorID].Kind == data.MentorVolunteer && !citizens[c.CitizenID].Consents.VolunteerMentor {
				t.Errorf("course %d: volunteer mentor without the citizen's consent", c.ID)
			}
			if h.HandoverNote != "" {
				handovers++
			}
		}
		if c.Status.Open() && mentors[c.MentorID].Archived {
			t.Errorf("open course %d has an archived mentor", c.ID)
		}
		if !c.Status.Open() && (c.Outcome == data.OutcomeNone || c.EndedOn.IsZero()) {
			t.Errorf("closed course %d lacks outcome or end date", c.ID)
		}
		if !strings.Contains(c.OrderRef, "-") || c.OrderedOn.After(c.StartedOn) {
			t.Errorf("course %d: order reference %q or order date %s not as expected", c.ID, c.OrderRef, c.OrderedOn)
		}
	}
	for _, status := range data.CourseStatuses {
		if statuses[status] == 0 {
			t.Errorf("no course is %s", status)
		}
	}
	if handovers == 0 {
		t.Error("no mentor change with a handover note")
	}
}

func checkAgreements(t *testing.T, s snapshot) {
	t.Helper()
	extensions := 0
	byID := map[data.ID]data.Agreement{}
	for _, a := range s.agreements {
		byID[a.ID] = a
	}
	for _, a := range s.agreements {
		if p := a.Validate(); len(p) > 0 {
			t.Errorf("agreement %d: %v", a.ID, p)
		}
		if a.End.After(a.Start.AddMonths(data.MaxAgreementMonths).AddDays(-1)) {
			t.Errorf("agreement %d runs %s to %s, more than 6 months", a.ID, a.Start, a.End)
		}
		if len(a.GoalIDs) == 0 {
			t.Errorf("agreement %d has no goals", a.ID)
		}
		if a.ExtendsID != 0 {
			extensions++
			if prev := byID[a.ExtendsID]; prev.End.AddDays(1) != a.Start || prev.CourseID != a.CourseID {
				t.Errorf("agreement %d does not start the day after %d ends", a.ID, a.ExtendsID)
			}
		}
	}
	if extensions == 0 {
		t.Error("no agreement extends another")
	}
}

func checkGoals(t *testing.T, s snapshot) {
	t.Helper()
	scored := map[data.ID]bool{}
	for _, sc := range s.scores {
		scored[sc.GoalID] = true
		if sc.Value < 1 || sc.Value > 10 {
			t.Errorf("score %d has value %d outside 1-10", sc.ID, sc.Value)
		}
	}
	if len(scored) < len(s.goals)/2 {
		t.Errorf("only %d of %d goals have scores", len(scored), len(s.goals))
	}
	// Progression should mostly go up: compare each goal's first and last score.
	first, last := map[data.ID]data.Score{}, map[data.ID]data.Score{}
	for _, sc := range s.scores {
		if f, ok := first[sc.GoalID]; !ok || sc.On.Before(f.On) {
			first[sc.GoalID] = sc
		}
		if l, ok := last[sc.GoalID]; !ok || !sc.On.Before(l.On) {
			last[sc.GoalID] = sc
		}
	}
	up, down := 0, 0
	for id := range first {
		switch {
		case last[id].Value > first[id].Value:
			up++
		case last[id].Value < first[id].Value:
			down++
		}
	}
	if up <= 3*down {
		t.Errorf("%d goals improved and %d declined; want mostly improvement", up, down)
	}
}

func checkSessions(t *testing.T, s snapshot) {
	t.Helper()
	courses := map[data.ID]data.Course{}
	for _, c := range s.courses {
		courses[c.ID] = c
	}
	agreements := map[data.ID][]data.Agreement{}
	for _, a := range s.agreements {
		agreements[a.CourseID] = append(agreements[a.CourseID], a)
	}
	statuses := map[data.SessionStatus]int{}
	type mentorDay struct {
		mentor data.ID
		day    data.Date
	}
	booked := map[mentorDay][]data.Session{}
	today := testToday.In(data.Zone())
	for _, se := range s.sessions {
		statuses[se.Status]++
		if p := se.Validate(); len(p) > 0 {
			t.Errorf("session %d: %v", se.ID, p)
		}
		start := se.PlannedStart.In(data.Zone())
		day := data.DateOf(start)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("session %d on a %s", se.ID, wd)
		}
		if start.Hour() < 8 || se.PlannedEnd.In(data.Zone()).After(at(day, 16*60)) {
			t.Errorf("session %d outside 08-16: %s", se.ID, start)
		}
		if n := se.PlannedMin(); n < 30 || n > 90 {
			t.Errorf("session %d lasts %d minutes", se.ID, n)
		}
		if se.PlannedStart.After(today) && se.Status != data.SessionPlanned {
			t.Errorf("future session %d is %s", se.ID, se.Status)
		}
		covered := false
		for _, a := range agreements[se.CourseID] {
			covered = covered || a.Covers(start)
		}
		if !covered {
			t.Errorf("session %d on %s is outside the course's agreements", se.ID, day)
		}
		if c := courses[se.CourseID]; !c.EndedOn.IsZero() && day.After(c.EndedOn) {
			t.Errorf("session %d on %s is after course %d ended", se.ID, day, c.ID)
		}
		key := mentorDay{se.MentorID, day}
		for _, other := range booked[key] {
			if se.PlannedStart.Before(other.PlannedEnd) && other.PlannedStart.Before(se.PlannedEnd) {
				t.Errorf("sessions %d and %d of mentor %d overlap", se.ID, other.ID, se.MentorID)
			}
		}
		booked[key] = append(booked[key], se)
	}
	for _, status := range data.SessionStatuses {
		if statuses[status] == 0 {
			t.Errorf("no session is %s", status)
		}
	}
	if share := float64(statuses[data.SessionNoShow]) / float64(len(s.sessions)); share < 0.04 || share > 0.12 {
		t.Errorf("no-show share %.2f, want about 0.08", share)
	}
	missing := 0
	for _, se := range s.sessions {
		if se.MissingRegistration(today) {
			missing++
		}
	}
	if missing == 0 {
		t.Error("no past session is missing its registration")
	}
	t.Logf("sessions by status: %v, missing registration: %d", statuses, missing)
}

func TestGenerateIsDeterministic(t *testing.T) {
	st1, _ := generate(t, 7)
	st2, _ := generate(t, 7)
	first, second := read(t, st1).dump(), read(t, st2).dump()
	if first != second {
		a, b := strings.Split(first, "\n"), strings.Split(second, "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("same seed, different data at line %d:\n%s\n%s", i, a[i], b[i])
			}
		}
		t.Fatalf("same seed, different data: %d and %d lines", len(a), len(b))
	}
	st3, _ := generate(t, 8)
	if read(t, st3).dump() == first {
		t.Error("a different seed gave the same data")
	}
}

func TestGenerateRefusesStoreWithData(t *testing.T) {
	st, _ := generate(t, 3)
	_, err := Generate(context.Background(), st, Config{Seed: 3, Today: testToday})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second generation: got %v, want ErrNotEmpty", err)
	}
}

func TestGenerateRejectsBadConfig(t *testing.T) {
	st := openStore(t, "bad.db")
	ctx := context.Background()
	if _, err := Generate(ctx, st, Config{Seed: 1}); err == nil {
		t.Error("no error without Today")
	}
	if _, err := Generate(ctx, st, Config{Seed: 1, Today: testToday, Size: "kæmpe"}); err == nil {
		t.Error("no error for an unknown size")
	}
	mentors, err := st.Mentors(ctx, true)
	if err != nil || len(mentors) != 0 {
		t.Errorf("a refused generation left %d mentors (err %v)", len(mentors), err)
	}
}

func TestDaysOffFollowDanishHolidays(t *testing.T) {
	for _, tc := range []struct {
		day  data.Date
		want bool
	}{
		{data.NewDate(2026, time.April, 2), true}, // skærtorsdag
		{data.NewDate(2026, time.May, 14), true},  // Kristi himmelfartsdag
		{data.NewDate(2026, time.June, 5), true},  // grundlovsdag: most workplaces close
		{data.NewDate(2026, time.December, 23), true},
		{data.NewDate(2026, time.April, 7), false}, // an ordinary Tuesday
	} {
		if got := isDayOff(tc.day); got != tc.want {
			t.Errorf("isDayOff(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
}

// TestSizeSmallCounts: the benchmark size lille has its documented shape
// (2 mentors, 30 running courses, 3 years, about 5,000 sessions), sealed
// personal fields and needs for matching.
func TestSizeSmallCounts(t *testing.T) {
	st := openStore(t, "lille.db")
	ctx := context.Background()
	if _, err := Secure(ctx, st); err != nil {
		t.Fatal(err)
	}
	sum, err := Generate(ctx, st, Config{Seed: 1, Today: testToday, Size: SizeSmall})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Mentors != 2 || sum.Citizens != 100 || sum.Courses != 100 {
		t.Errorf("lille: %+v, want 2 mentors and 100 citizens with one course each", sum)
	}
	if sum.Sessions < 4000 || sum.Sessions > 6500 {
		t.Errorf("lille: %d sessions, want about 5,000", sum.Sessions)
	}
	active, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	if err != nil {
		t.Fatal(err)
	}
	if len(active) != 30 {
		t.Errorf("lille: %d running courses, want 30", len(active))
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range citizens {
		if len(c.Needs) == 0 {
			t.Fatalf("citizen %d has no needs to match on", c.ID)
		}
	}
	sessions, err := st.Sessions(ctx, data.SessionFilter{CourseID: active[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, s := range sessions {
		switch s.Status {
		case data.SessionHeld:
			held++
			if len(s.Note) < 100 {
				t.Errorf("held session %d has a short note: %q", s.ID, s.Note)
			}
		}
	}
	if held == 0 {
		t.Error("the running course has no held sessions")
	}
	plain, err := st.PlaintextFields(ctx)
	if err != nil || len(plain) > 0 {
		t.Errorf("personal fields stored as plaintext: %v %v", plain, err)
	}
}
