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

	// Set up as a real organisation: encrypted, an administrator makes
	// the users.
	fastKeys(s)
	if _, err := s.Setup(ctx, data.User{Username: "admin", DisplayName: "Anne Admin"}, adminPassword); err != nil {
		t.Fatalf("setup: %v", err)
	}
	coord := data.User{Username: "kim", DisplayName: "Kim Koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))
	mentorUser := data.User{Username: "birte", DisplayName: "Birte Æbelø", Role: data.RoleMentor, MentorID: f.other.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
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
		if searches < 42 && !strings.HasPrefix(p.name, "counts") || searches < 1 {
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

// checkTimesEqualSessions compares SessionTimes with the times of what
// Sessions lists, and Sessions limited to IDs with the same sessions of
// the whole list, for a set of filters over both months around a change
// of Danish time.
func checkTimesEqualSessions(t *testing.T, s *Store, f spansFixture, who string) {
	t.Helper()
	ctx := context.Background()
	filters := map[string]data.SessionFilter{
		"every mentor":         {HoursOnly: true},
		"both mentors listed":  {HoursOnly: true, MentorIDs: []data.ID{f.mentor.ID, f.other.ID}},
		"the other mentor":     {MentorIDs: []data.ID{f.other.ID}},
		"held only, with note": {Statuses: []data.SessionStatus{data.SessionHeld}},
		"one course":           {CourseID: f.course.ID},
	}
	grouping := false // some start had more sessions than listed
	defer func() {
		if !grouping && who != "mentor" { // a mentor sees one course: one session a start
			t.Errorf("%s: no start had two sessions; the test needs some", who)
		}
	}()
	for _, first := range []data.Date{data.NewDate(2026, 3, 23), data.NewDate(2026, 10, 19)} {
		for name, flt := range filters {
			flt.From, flt.To = first.In(data.Zone()), first.AddDays(14).In(data.Zone())
			whole, err := s.Sessions(ctx, flt)
			must(t, err)
			times, err := s.SessionTimes(ctx, flt, 0)
			must(t, err)
			var want []data.SessionTime
			var everyOther []data.ID
			var wantOthers []data.Session
			for i, ss := range whole {
				want = append(want, data.SessionTime{ID: ss.ID, PlannedStart: ss.PlannedStart, PlannedEnd: ss.PlannedEnd})
				if i%2 == 0 {
					everyOther = append(everyOther, ss.ID)
					wantOthers = append(wantOthers, ss)
				}
			}
			if len(whole) == 0 && who != "mentor" {
				t.Fatalf("%s, %s from %s: no sessions; the test needs some", who, name, first)
			}
			if !reflect.DeepEqual(times, want) {
				t.Errorf("%s, %s from %s: times\n got %v\nwant %v", who, name, first, times, want)
			}
			for perStart := 1; perStart <= 3; perStart++ {
				got, err := s.SessionTimes(ctx, flt, perStart)
				must(t, err)
				grouped := firstPerStart(want, perStart)
				for _, g := range grouped {
					grouping = grouping || g.More > 0
				}
				if !reflect.DeepEqual(got, grouped) {
					t.Errorf("%s, %s from %s: %d per start\n got %v\nwant %v", who, name, first, perStart, got, grouped)
				}
			}
			if len(everyOther) == 0 {
				continue
			}
			byID := flt
			byID.IDs = everyOther
			got, err := s.Sessions(ctx, byID)
			must(t, err)
			if !reflect.DeepEqual(got, wantOthers) {
				t.Errorf("%s, %s from %s: by id %d sessions, want %d (or they differ)", who, name, first, len(got), len(wantOthers))
			}
		}
	}
}

// firstPerStart keeps of every start of times (all sessions, by start and
// id) the first perStart and one SessionTime with More for the others.
func firstPerStart(times []data.SessionTime, perStart int) []data.SessionTime {
	var out []data.SessionTime
	for i := 0; i < len(times); {
		j := i
		latest := times[i].PlannedEnd
		whole := false // a session not ending after its start: all listed
		for j < len(times) && times[j].PlannedStart.Equal(times[i].PlannedStart) {
			if times[j].PlannedEnd.After(latest) {
				latest = times[j].PlannedEnd
			}
			whole = whole || !times[j].PlannedEnd.After(times[j].PlannedStart)
			j++
		}
		if whole {
			out = append(out, times[i:j]...)
			i = j
			continue
		}
		out = append(out, times[i:min(j, i+perStart)]...)
		if j-i > perStart {
			out = append(out, data.SessionTime{PlannedStart: times[i].PlannedStart, PlannedEnd: latest, More: j - i - perStart})
		}
		i = j
	}
	return out
}

// TestSessionTimesEqualSessions: the week grid's two reads (the times of
// every session, then the drawn sessions by id) give what Sessions gives,
// for every role; a mentor gets no times of another mentor's courses,
// even when asking for their ids.
func TestSessionTimesEqualSessions(t *testing.T) {
	s := openTemp(t)
	f := newSpansFixture(t, s)
	ctx := context.Background()
	checkTimesEqualSessions(t, s, f, "not logged in")

	fastKeys(s)
	if _, err := s.Setup(ctx, data.User{Username: "admin", DisplayName: "Anne Admin"}, adminPassword); err != nil {
		t.Fatalf("setup: %v", err)
	}
	coord := data.User{Username: "kim", DisplayName: "Kim Koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))
	mentorUser := data.User{Username: "birte", DisplayName: "Birte Æbelø", Role: data.RoleMentor, MentorID: f.other.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
	loginAs(t, s, "kim", "koordinatorens kodeord")
	checkTimesEqualSessions(t, s, f, "coordinator")
	every, err := s.SessionTimes(ctx, data.SessionFilter{}, 0)
	must(t, err)

	loginAs(t, s, "birte", "mentorens kodeord")
	checkTimesEqualSessions(t, s, f, "mentor")
	own, err := s.SessionTimes(ctx, data.SessionFilter{}, 0)
	must(t, err)
	if len(own) == 0 || len(own) >= len(every) {
		t.Fatalf("the mentor sees %d of %d sessions' times", len(own), len(every))
	}
	var ids []data.ID
	for _, st := range every {
		ids = append(ids, st.ID)
	}
	got, err := s.Sessions(ctx, data.SessionFilter{IDs: ids, HoursOnly: true})
	must(t, err)
	for _, ss := range got {
		if ss.CourseID != f.otherCourse.ID {
			t.Fatalf("by id, the mentor sees session %d of another mentor's course", ss.ID)
		}
	}
	if len(got) != len(own) {
		t.Errorf("by every id the mentor gets %d sessions, want their own %d", len(got), len(own))
	}
}
