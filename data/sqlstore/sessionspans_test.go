package sqlstore

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// spansFixture is two mentors' courses with sessions around both of
// 2026's changes of Danish time (29 March and 25 October), at hours near
// midnight, so that a day's span is 23 or 25 hours and a session at 00:15
// or 23:45 lands in the right day only if the bounds are the local days.
type spansFixture struct {
	fixture
	other       data.Mentor
	otherCourse data.Course
}

func newSpansFixture(t *testing.T, s *Store) spansFixture {
	t.Helper()
	ctx := context.Background()
	f := spansFixture{fixture: newFixture(t, s)}
	f.other = data.Mentor{Name: "Birte Æbelø", Kind: data.MentorEmployed, WeeklyCapacityMin: 20 * 60}
	must(t, s.SaveMentor(ctx, &f.other))
	c := data.Citizen{Name: "Øjvind Lærke", MotherTongue: "dansk"}
	must(t, s.SaveCitizen(ctx, &c))
	f.otherCourse = data.Course{CitizenID: c.ID, MunicipalityID: f.municipality.ID, OrderRef: "BST-2026-0002",
		Status: data.CourseActive, OrderedOn: data.NewDate(2026, 1, 5), StartedOn: data.NewDate(2026, 1, 12)}
	must(t, s.SaveCourse(ctx, &f.otherCourse))
	must(t, s.AssignMentor(ctx, f.otherCourse.ID, f.other.ID, f.otherCourse.StartedOn, ""))
	goal := data.Goal{CourseID: f.course.ID, Title: "Økonomi", CreatedOn: data.NewDate(2026, 1, 12)}
	must(t, s.SaveGoal(ctx, &goal))

	hours := [][2]int{{0, 15}, {3, 30}, {9, 0}, {9, 0}, {13, 45}, {23, 45}}
	statuses := []data.SessionStatus{data.SessionHeld, data.SessionPlanned, data.SessionNoShow}
	var sessions []data.Session
	for _, first := range []data.Date{data.NewDate(2026, 3, 16), data.NewDate(2026, 10, 12)} {
		for d := range 42 {
			day := first.AddDays(d)
			// 0 to 6 sessions, the same number never twice in a row.
			for k := range (d*5 + 3) % 7 {
				h := hours[k%len(hours)]
				start := time.Date(day.Year, day.Month, day.Day, h[0], h[1], 0, 0, data.Zone())
				ss := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start,
					PlannedEnd: start.Add(10 * time.Minute), Status: statuses[(d+k)%len(statuses)], Form: data.FormPhone}
				if k%2 == 1 {
					ss.CourseID, ss.MentorID = f.otherCourse.ID, f.other.ID
				}
				if ss.Status == data.SessionHeld {
					ss.ContactMin = 10
					ss.Note = fmt.Sprintf("Møde %s nr. %d: gennemgik budgettet.", day, k)
					if ss.CourseID == f.course.ID {
						ss.Goals = []data.SessionGoal{{GoalID: goal.ID, Note: "Lagde budget for måneden."}}
					}
				}
				sessions = append(sessions, ss)
			}
		}
	}
	for i := range sessions {
		must(t, s.SaveSession(ctx, &sessions[i]))
	}
	return f
}

// localDays is the starts of the local days from first, n+1 bounds.
func localDays(first data.Date, n int) []time.Time {
	var bounds []time.Time
	for d := range n + 1 {
		bounds = append(bounds, first.AddDays(d).In(data.Zone()))
	}
	return bounds
}

// perSpanOneByOne is what the per-span methods replace: Sessions and
// CountSessions asked span by span.
func perSpanOneByOne(t *testing.T, s *Store, f data.SessionFilter, bounds []time.Time) ([]data.Session, []int) {
	t.Helper()
	ctx := context.Background()
	var lines []data.Session
	var counts []int
	for i := range len(bounds) - 1 {
		span := f
		span.From, span.To = bounds[i], bounds[i+1]
		first, err := s.Sessions(ctx, span)
		must(t, err)
		n, err := s.CountSessions(ctx, span)
		must(t, err)
		lines = append(lines, first...)
		counts = append(counts, n)
	}
	return lines, counts
}

// checkSpansEqualOneByOne compares the batched methods with the per-span
// calls for a set of filters (role scope, mentors, statuses, HoursOnly,
// Limit) over both months around a change of Danish time.
func checkSpansEqualOneByOne(t *testing.T, s *Store, f spansFixture, who string) {
	t.Helper()
	ctx := context.Background()
	filters := map[string]data.SessionFilter{
		"every mentor, first 3, hours only":     {Limit: 3, HoursOnly: true},
		"every mentor, first 3, with notes":     {Limit: 3},
		"every mentor, all, hours only":         {HoursOnly: true},
		"both mentors listed, first 2":          {Limit: 2, HoursOnly: true, MentorIDs: []data.ID{f.mentor.ID, f.other.ID}},
		"the other mentor, first 3":             {Limit: 3, MentorIDs: []data.ID{f.other.ID}},
		"held only, first 1":                    {Limit: 1, Statuses: []data.SessionStatus{data.SessionHeld}},
		"one course, first 3, with notes":       {Limit: 3, CourseID: f.course.ID},
		"courses listed, first 3, hours only":   {Limit: 3, HoursOnly: true, CourseIDs: []data.ID{f.course.ID, f.otherCourse.ID}},
		"range ignored: From/To of the filter ": {Limit: 3, From: time.Unix(0, 0), To: time.Unix(1, 0)},
	}
	for _, first := range []data.Date{data.NewDate(2026, 3, 16), data.NewDate(2026, 10, 12)} {
		bounds := localDays(first, 42)
		for name, flt := range filters {
			wantLines, wantCounts := perSpanOneByOne(t, s, flt, bounds)
			gotCounts, err := s.CountSessionsPerSpan(ctx, flt, bounds)
			must(t, err)
			if !reflect.DeepEqual(gotCounts, wantCounts) {
				t.Errorf("%s, %s from %s: counts per day\n got %v\nwant %v", who, name, first, gotCounts, wantCounts)
			}
			gotLines, err := s.FirstSessionsPerSpan(ctx, flt, bounds)
			must(t, err)
			if !reflect.DeepEqual(gotLines, wantLines) {
				t.Errorf("%s, %s from %s: %d sessions, want %d (or they differ)", who, name, first, len(gotLines), len(wantLines))
			}
		}
	}
}

// TestSessionsPerSpanEqualTheCallsPerSpan: the month's batched reads give
// exactly what Sessions and CountSessions give day by day, for a
// coordinator's view and for a mentor (who sees only their own courses),
// across both changes of Danish time.
func TestSessionsPerSpanEqualTheCallsPerSpan(t *testing.T) {
	s := openTemp(t)
	f := newSpansFixture(t, s)
	ctx := context.Background()

	// The days around the changes of time are what they should be.
	_, counts := perSpanOneByOne(t, s, data.SessionFilter{}, localDays(data.NewDate(2026, 3, 29), 1))
	if dst := data.NewDate(2026, 3, 29).AddDays(1).In(data.Zone()).Sub(data.NewDate(2026, 3, 29).In(data.Zone())); dst != 23*time.Hour || counts[0] == 0 {
		t.Fatalf("29 March 2026 is %v long with %d sessions; the test needs the 23-hour day with sessions", dst, counts[0])
	}
	_, counts = perSpanOneByOne(t, s, data.SessionFilter{}, localDays(data.NewDate(2026, 10, 25), 1))
	if counts[0] == 0 {
		t.Fatal("25 October 2026 has no sessions; the test needs the 25-hour day with sessions")
	}

	checkSpansEqualOneByOne(t, s, f, "not logged in")

	spansUsers(t, s, f)
	loginAs(t, s, "kim", "koordinatorens kodeord")
	checkSpansEqualOneByOne(t, s, f, "coordinator")

	loginAs(t, s, "birte", "mentorens kodeord")
	checkSpansEqualOneByOne(t, s, f, "mentor")
	bounds := localDays(data.NewDate(2026, 3, 16), 42)
	lines, err := s.FirstSessionsPerSpan(ctx, data.SessionFilter{Limit: 3}, bounds)
	must(t, err)
	if len(lines) == 0 {
		t.Fatal("the mentor sees none of their own sessions")
	}
	for _, ss := range lines {
		if ss.CourseID != f.otherCourse.ID {
			t.Fatalf("the mentor sees session %d of another mentor's course", ss.ID)
		}
	}
}

// TestSessionsPerSpanManySpans: more spans than one statement takes are
// asked in several, with the same answers; bad bounds are refused.
func TestSessionsPerSpanManySpans(t *testing.T) {
	s := openTemp(t)
	f := newSpansFixture(t, s)
	ctx := context.Background()
	// 250 spans of six hours from 16 March, across the change of time.
	start := data.NewDate(2026, 3, 16).In(data.Zone())
	var bounds []time.Time
	for i := range maxSpansPerStatement*2 + 51 {
		bounds = append(bounds, start.Add(time.Duration(i)*6*time.Hour))
	}
	flt := data.SessionFilter{Limit: 2, MentorIDs: []data.ID{f.mentor.ID, f.other.ID}}
	wantLines, wantCounts := perSpanOneByOne(t, s, flt, bounds)
	gotCounts, err := s.CountSessionsPerSpan(ctx, flt, bounds)
	must(t, err)
	if !reflect.DeepEqual(gotCounts, wantCounts) {
		t.Errorf("counts per span\n got %v\nwant %v", gotCounts, wantCounts)
	}
	gotLines, err := s.FirstSessionsPerSpan(ctx, flt, bounds)
	must(t, err)
	if !reflect.DeepEqual(gotLines, wantLines) {
		t.Errorf("%d sessions, want %d (or they differ)", len(gotLines), len(wantLines))
	}
	if got := len(s.spanChunks(flt, bounds)); got != 3 {
		t.Errorf("%d statements for %d spans, want 3", got, len(bounds)-1)
	}

	for name, bad := range map[string][]time.Time{
		"zero bound":     {start, {}},
		"not increasing": {start, start},
	} {
		if _, err := s.CountSessionsPerSpan(ctx, flt, bad); err == nil {
			t.Errorf("%s: counted", name)
		}
		if _, err := s.FirstSessionsPerSpan(ctx, flt, bad); err == nil {
			t.Errorf("%s: listed", name)
		}
	}
	for _, none := range [][]time.Time{nil, {start}} {
		counts, err := s.CountSessionsPerSpan(ctx, flt, none)
		lines, err2 := s.FirstSessionsPerSpan(ctx, flt, none)
		if err != nil || err2 != nil || len(counts) != 0 || len(lines) != 0 {
			t.Errorf("no spans: %v %v, %v %v", counts, err, lines, err2)
		}
	}
}

// TestSessionsPerSpanUseIndexes: on SQLite each span of the month's two
// statements is an index search, never a scan of the sessions.
func TestSessionsPerSpanUseIndexes(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.db.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	bounds := localDays(data.NewDate(2026, 10, 12), 42)
	mentors := make([]data.ID, 100)
	for i := range mentors {
		mentors[i] = data.ID(i + 1)
	}
	type plan struct {
		name string
		sql  string
		args []any
	}
	var plans []plan
	for name, f := range map[string]data.SessionFilter{
		"every mentor":    {Limit: 3, HoursOnly: true},
		"100 mentors":     {Limit: 3, HoursOnly: true, MentorIDs: mentors},
		"one mentor":      {Limit: 3, HoursOnly: true, MentorIDs: mentors[:1]},
		"held, two notes": {Limit: 3, MentorIDs: mentors[:2], Statuses: []data.SessionStatus{data.SessionHeld}},
	} {
		q, args := st.spanCountsQuery(f, bounds)
		plans = append(plans, plan{"counts, " + name, q, args})
		q, args = st.spanSessionsQuery(f, bounds)
		plans = append(plans, plan{"first lines, " + name, q, args})
		week := f
		week.From, week.To = bounds[0], bounds[7]
		q, args = st.sessionStartsQuery(week)
		plans = append(plans, plan{"week's starts, " + name, q, args})
	}
	for _, p := range plans {
		steps := explain(t, st, p.sql, p.args)
		searches := 0
		for _, s := range steps {
			// The list of spans the query is given and the UNION's
			// subqueries are no table.
			if strings.HasSuffix(s, " CONSTANT ROWS") || strings.HasPrefix(s, "SCAN span") {
				continue
			}
			if strings.HasPrefix(s, "SCAN ") && !strings.Contains(s, "USING") {
				t.Errorf("%s reads a whole table: %q", p.name, s)
			}
			if strings.Contains(s, "sessions USING") {
				searches++
			}
		}
		if searches < 42 && strings.HasPrefix(p.name, "first lines") || searches < 1 {
			t.Errorf("%s: %d index searches of sessions for 42 days (plan %q)", p.name, searches, steps[:min(len(steps), 6)])
		}
		t.Logf("%s: %q", p.name, steps[:min(len(steps), 5)])
	}
}

// explain is SQLite's query plan of q, one detail line a step.
func explain(t *testing.T, st *Store, q string, args []any) []string {
	t.Helper()
	rows, err := st.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return steps
}

// startsOf groups sessions (by planned start) as SessionStarts does.
func startsOf(sessions []data.Session) []data.SessionStart {
	var out []data.SessionStart
	for _, ss := range sessions {
		if n := len(out); n > 0 && out[n-1].Start.Equal(ss.PlannedStart) {
			out[n-1].Count++
			if ss.PlannedEnd.Before(out[n-1].EarliestEnd) {
				out[n-1].EarliestEnd = ss.PlannedEnd
			}
			if ss.PlannedEnd.After(out[n-1].LatestEnd) {
				out[n-1].LatestEnd = ss.PlannedEnd
			}
			continue
		}
		out = append(out, data.SessionStart{Start: ss.PlannedStart, Count: 1, EarliestEnd: ss.PlannedEnd, LatestEnd: ss.PlannedEnd})
	}
	return out
}

// checkStartsEqualSessions compares SessionStarts with what Sessions
// lists, for a set of filters over two weeks around each change of
// Danish time.
func checkStartsEqualSessions(t *testing.T, s *Store, f spansFixture, who string) {
	t.Helper()
	ctx := context.Background()
	filters := map[string]data.SessionFilter{
		"every mentor":        {HoursOnly: true},
		"both mentors listed": {MentorIDs: []data.ID{f.mentor.ID, f.other.ID}},
		"the other mentor":    {MentorIDs: []data.ID{f.other.ID}},
		"held only":           {Statuses: []data.SessionStatus{data.SessionHeld}},
		"one course":          {CourseID: f.course.ID},
	}
	together := false // some moment had two sessions
	for _, first := range []data.Date{data.NewDate(2026, 3, 23), data.NewDate(2026, 10, 19)} {
		for name, flt := range filters {
			flt.From, flt.To = first.In(data.Zone()), first.AddDays(14).In(data.Zone())
			whole, err := s.Sessions(ctx, flt)
			must(t, err)
			got, err := s.SessionStarts(ctx, flt)
			must(t, err)
			want := startsOf(whole)
			if len(whole) == 0 && who != "mentor" {
				t.Fatalf("%s, %s from %s: no sessions; the test needs some", who, name, first)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s from %s: starts\n got %v\nwant %v", who, name, first, got, want)
			}
			for _, st := range want {
				together = together || st.Count > 1
			}
		}
	}
	if !together && who != "mentor" { // a mentor sees one course: one session a moment
		t.Errorf("%s: no moment had two sessions; the test needs some", who)
	}
}

// TestSessionStartsEqualSessions: the week grid's count of sessions per
// moment gives what Sessions lists, for every role; a mentor counts only
// their own courses' sessions.
func TestSessionStartsEqualSessions(t *testing.T) {
	s := openTemp(t)
	f := newSpansFixture(t, s)
	ctx := context.Background()
	checkStartsEqualSessions(t, s, f, "not logged in")

	spansUsers(t, s, f)
	loginAs(t, s, "kim", "koordinatorens kodeord")
	checkStartsEqualSessions(t, s, f, "coordinator")
	every, err := s.SessionStarts(ctx, data.SessionFilter{})
	must(t, err)

	loginAs(t, s, "birte", "mentorens kodeord")
	checkStartsEqualSessions(t, s, f, "mentor")
	own, err := s.SessionStarts(ctx, data.SessionFilter{})
	must(t, err)
	count := func(starts []data.SessionStart) (n int) {
		for _, st := range starts {
			n += st.Count
		}
		return n
	}
	if count(own) == 0 || count(own) >= count(every) {
		t.Fatalf("the mentor counts %d of %d sessions", count(own), count(every))
	}
}

// spansUsers sets the fixture's store up as a real organisation:
// encrypted, an administrator making a coordinator (kim, "koordinatorens
// kodeord") and the other mentor's user (birte, "mentorens kodeord").
func spansUsers(t *testing.T, s *Store, f spansFixture) {
	t.Helper()
	ctx := context.Background()
	fastKeys(s)
	if _, err := s.Setup(ctx, data.User{Username: "admin", DisplayName: "Anne Admin"}, adminPassword); err != nil {
		t.Fatalf("setup: %v", err)
	}
	coord := data.User{Username: "kim", DisplayName: "Kim Koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))
	mentorUser := data.User{Username: "birte", DisplayName: "Birte Æbelø", Role: data.RoleMentor, MentorID: f.other.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
}
