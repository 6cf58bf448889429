package sqlstore

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
)

// demoToday anchors the demo organisation of these tests.
var demoToday = data.NewDate(2026, time.November, 23)

// openDemo is the demo organisation, encrypted, with its three users, on
// the test backend (SQLite, or PostgreSQL with MENTORBOG_TEST_PG).
func openDemo(t *testing.T) *Store {
	t.Helper()
	s := openTemp(t)
	fastKeys(s)
	ctx := context.Background()
	if _, err := demo.Secure(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, s, demo.Config{Seed: 7, Today: demoToday}); err != nil {
		t.Fatal(err)
	}
	if err := demo.AddUsers(ctx, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// accountBySessions is the hours of each agreement as every screen but
// Oversigt works them out: data.Account over the course's sessions.
func accountBySessions(t *testing.T, s *Store, agreements []data.Agreement) map[data.ID]data.Hours {
	t.Helper()
	out := map[data.ID]data.Hours{}
	for _, a := range agreements {
		sessions, err := s.Sessions(context.Background(), data.SessionFilter{CourseID: a.CourseID})
		if err != nil {
			t.Fatal(err)
		}
		out[a.ID] = data.Account(a, sessions)
	}
	return out
}

// accountByTotals is the same from the database's sums.
func accountByTotals(t *testing.T, s *Store, agreements []data.Agreement) map[data.ID]data.Hours {
	t.Helper()
	periods := make([]data.SessionPeriod, len(agreements))
	for i, a := range agreements {
		periods[i] = data.AgreementPeriod(a)
	}
	totals, err := s.SessionTotals(context.Background(), periods)
	if err != nil {
		t.Fatal(err)
	}
	out := map[data.ID]data.Hours{}
	for _, a := range agreements {
		out[a.ID] = data.AccountTotals(a, totals)
	}
	return out
}

// TestSessionTotalsAccountLikeTheSessions: for every agreement running on
// the demo data (today, and on days in the past where other agreements
// ran), the hours from the database's sums are exactly data.Account's over
// the sessions: used, planned, transport and admin minutes, held sessions,
// no-shows and both kinds of cancellation.
func TestSessionTotalsAccountLikeTheSessions(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	var sum data.Hours
	agreements := 0
	for _, day := range []data.Date{demoToday, demoToday.AddDays(-60), demoToday.AddDays(-200)} {
		running, err := s.Agreements(ctx, 0, day)
		if err != nil {
			t.Fatal(err)
		}
		want := accountBySessions(t, s, running)
		got := accountByTotals(t, s, running)
		for _, a := range running {
			if got[a.ID] != want[a.ID] {
				t.Errorf("%s, agreement %d: totals give %+v, the sessions %+v", day, a.ID, got[a.ID], want[a.ID])
			}
			h := want[a.ID]
			sum.Held += h.Held
			sum.NoShows += h.NoShows
			sum.CancelledByCitizen += h.CancelledByCitizen
			sum.CancelledByMentor += h.CancelledByMentor
			sum.PlannedMin += h.PlannedMin
			sum.AdminMin += h.AdminMin
			sum.TransportMin += h.TransportMin
		}
		agreements += len(running)
	}
	// The comparison means something only if every rule was exercised.
	if agreements < 20 || sum.Held == 0 || sum.NoShows == 0 || sum.CancelledByCitizen == 0 ||
		sum.CancelledByMentor == 0 || sum.PlannedMin == 0 || sum.AdminMin == 0 || sum.TransportMin == 0 {
		t.Fatalf("the demo data does not exercise every status: %d agreements, sums %+v", agreements, sum)
	}
}

// TestSessionTotalsCountTheAgreementsDaysInDanishTime: a session counts
// when it starts on one of the agreement's days in Danish time, from 00:00
// on the first day to 23:59 on the last, also across summer time; planned
// minutes are whole minutes per session, as Session.PlannedMin.
func TestSessionTotalsCountTheAgreementsDaysInDanishTime(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	running, err := s.Agreements(ctx, 0, demoToday)
	if err != nil || len(running) == 0 {
		t.Fatalf("running agreements: %v, %d", err, len(running))
	}
	a := running[0]
	// A period starting in summer time and ending in winter time.
	a.ID, a.Start, a.End = 0, data.NewDate(2026, time.October, 20), data.NewDate(2026, time.October, 30)
	at := func(d data.Date, hour, minute int) time.Time {
		return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, data.Zone())
	}
	for _, start := range []time.Time{
		at(a.Start.AddDays(-1), 23, 59), at(a.Start, 0, 0), at(a.Start, 0, 30), // before, first minute, first day
		at(a.End, 23, 59), at(a.End.AddDays(1), 0, 0), // last minute, the day after
	} {
		ss := data.Session{CourseID: a.CourseID, MentorID: a.MentorID, PlannedStart: start,
			PlannedEnd: start.Add(45*time.Minute + 30*time.Second), Status: data.SessionPlanned, Form: data.FormPhone}
		if ss.MentorID == 0 {
			c, err := s.Course(ctx, a.CourseID)
			if err != nil {
				t.Fatal(err)
			}
			ss.MentorID = c.MentorID
		}
		if err := s.SaveSession(ctx, &ss); err != nil {
			t.Fatalf("save session at %s: %v", start, err)
		}
	}
	want := accountBySessions(t, s, []data.Agreement{a})[0]
	got := accountByTotals(t, s, []data.Agreement{a})[0]
	if got != want {
		t.Errorf("totals %+v, sessions %+v", got, want)
	}
	if want.PlannedMin < 3*45 {
		t.Errorf("the three sessions inside the period were not all counted: %+v", want)
	}
}

// TestSessionTotalsKeepAMentorToTheirOwnCourses: a mentor asking about
// every running agreement gets the totals of their own courses only.
func TestSessionTotalsKeepAMentorToTheirOwnCourses(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	all, err := s.Agreements(ctx, 0, demoToday)
	if err != nil {
		t.Fatal(err)
	}
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.RunningAgreements(ctx, demoToday)
	if err != nil {
		t.Fatal(err)
	}
	if len(own) == 0 || len(own) >= len(all) {
		t.Fatalf("the mentor sees %d of %d running agreements", len(own), len(all))
	}
	mine := map[data.ID]bool{}
	for _, a := range own {
		mine[a.ID] = true
	}
	periods := make([]data.SessionPeriod, len(all))
	for i, a := range all {
		periods[i] = data.AgreementPeriod(a)
	}
	totals, err := s.SessionTotals(ctx, periods)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[data.ID]bool{}
	for _, tot := range totals {
		if !mine[tot.Key] {
			t.Errorf("the mentor got the totals of agreement %d, not theirs", tot.Key)
		}
		seen[tot.Key] = true
	}
	if len(seen) == 0 {
		t.Error("the mentor got no totals of their own agreements")
	}
	want := accountBySessions(t, s, own)
	got := accountByTotals(t, s, own)
	for _, a := range own {
		if got[a.ID] != want[a.ID] {
			t.Errorf("mentor, agreement %d: totals %+v, sessions %+v", a.ID, got[a.ID], want[a.ID])
		}
	}
}

// TestRunningAgreementsAreAgreementsWithTheAccountedFields: the light list
// is Agreements' list for the day, in the same order, with the fields the
// hours accounting reads (and the hours it gives), the others empty.
func TestRunningAgreementsAreAgreementsWithTheAccountedFields(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	for _, day := range []data.Date{demoToday, demoToday.AddDays(-120)} {
		full, err := s.Agreements(ctx, 0, day)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.RunningAgreements(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]data.Agreement, len(full))
		weekly := 0
		for i, a := range full {
			want[i] = data.Agreement{ID: a.ID, CourseID: a.CourseID, Start: a.Start, End: a.End,
				HoursBasis: a.HoursBasis, GrantedMin: a.GrantedMin}
			if a.HoursBasis == data.HoursPerWeek {
				weekly++
			}
		}
		if len(want) == 0 || weekly == 0 || weekly == len(want) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: running agreements differ from Agreements' (%d, %d weekly):\n%+v\n%+v", day, len(want), weekly, got, want)
		}
		for i := range got {
			if got[i].GrantedTotalMin() != full[i].GrantedTotalMin() || got[i].Weeks() != full[i].Weeks() ||
				got[i].GrantedWeeklyMin() != full[i].GrantedWeeklyMin() {
				t.Errorf("%s: agreement %d is granted otherwise from the light list", day, got[i].ID)
			}
		}
	}
}

// TestLatestSessionsIsTheLastMatchingSessionOfEachCourse compares with the
// sessions themselves, for every open course.
func TestLatestSessionsIsTheLastMatchingSessionOfEachCourse(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	courses, err := s.Courses(ctx, data.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []data.ID
	for _, c := range courses {
		ids = append(ids, c.ID)
	}
	now := demoToday.In(data.Zone()).Add(10 * time.Hour)
	f := data.SessionFilter{From: now.AddDate(0, 0, -180), To: now, Statuses: []data.SessionStatus{data.SessionHeld}}
	sessions, err := s.Sessions(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[data.ID]time.Time{}
	for _, ss := range sessions {
		if ss.PlannedStart.After(want[ss.CourseID]) {
			want[ss.CourseID] = ss.PlannedStart
		}
	}
	f.CourseIDs = ids
	got, err := s.LatestSessions(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 10 || len(got) != len(want) {
		t.Fatalf("latest sessions of %d courses, want %d", len(got), len(want))
	}
	for id, w := range want {
		if !got[id].Equal(w) {
			t.Errorf("course %d: latest %s, want %s", id, got[id], w)
		}
	}
	f.CourseIDs = nil
	if none, err := s.LatestSessions(ctx, f); err != nil || len(none) != 0 {
		t.Errorf("no courses asked: %v, %v", none, err)
	}
}

// TestCitizenNamesAndCountFollowTheList: the names read by id are the
// list's, the count is the list's length, and a mentor gets only the
// citizens of their own courses.
func TestCitizenNamesAndCountFollowTheList(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	for _, who := range [][2]string{{"koordinator", "demo-koordinator"}, {"mentor", "demo-mentor-1234"}} {
		loginAs(t, s, who[0], who[1])
		all, err := s.Citizens(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		active := slices.DeleteFunc(slices.Clone(all), func(c data.Citizen) bool { return c.Archived })
		for _, archived := range []bool{false, true} {
			want := len(active)
			if archived {
				want = len(all)
			}
			if n, err := s.CountCitizens(ctx, archived); err != nil || n != want {
				t.Errorf("%s: CountCitizens(%v) = %d, %v; want %d", who[0], archived, n, err, want)
			}
		}
		ids := []data.ID{0, 99999999}
		want := map[data.ID]string{}
		for _, c := range all {
			ids = append(ids, c.ID, c.ID)
			want[c.ID] = c.Name
		}
		got, err := s.CitizenNames(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: names of %d citizens differ from the list's %d", who[0], len(got), len(want))
		}
	}
	// The mentor asking for every citizen by id gets only their own.
	loginAs(t, s, "koordinator", "demo-koordinator")
	everyone, err := s.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var ids []data.ID
	for _, c := range everyone {
		ids = append(ids, c.ID)
	}
	names, err := s.CitizenNames(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(own) || len(own) >= len(everyone) {
		t.Errorf("a mentor asking for all %d citizens got %d names; their own are %d", len(everyone), len(names), len(own))
	}
}

// TestSessionTotalsAreTheSameInParallelAndInATransaction: more periods than
// one statement holds (every running agreement's period, repeated under
// other keys) give, summed at the same time on the pool's connections, the
// same totals in the same order (by key, then status) as inside a
// transaction, one statement after the other, and as each period asked
// about alone.
func TestSessionTotalsAreTheSameInParallelAndInATransaction(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	running, err := s.Agreements(ctx, 0, demoToday)
	if err != nil {
		t.Fatal(err)
	}
	var periods []data.SessionPeriod
	for len(periods) <= 2*periodsPerStatement+7 {
		for _, a := range running {
			p := data.AgreementPeriod(a)
			p.Key = data.ID(3000 - len(periods)) // descending: the store orders them
			periods = append(periods, p)
		}
	}
	parallel, err := s.SessionTotals(ctx, periods)
	if err != nil {
		t.Fatal(err)
	}
	var inTx []data.SessionTotals
	if err := s.Atomically(ctx, func(ctx context.Context) (err error) {
		inTx, err = s.SessionTotals(ctx, periods)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var alone []data.SessionTotals
	for _, p := range slices.Backward(periods) {
		totals, err := s.SessionTotals(ctx, []data.SessionPeriod{p})
		if err != nil {
			t.Fatal(err)
		}
		alone = append(alone, totals...)
	}
	if len(alone) < len(periods) || !reflect.DeepEqual(parallel, alone) || !reflect.DeepEqual(inTx, alone) {
		t.Errorf("%d periods: %d totals in parallel, %d in a transaction, %d period by period; they differ",
			len(periods), len(parallel), len(inTx), len(alone))
	}
}

// TestPeriodsPerChunkShareThePeriodsOut: as few statements as the
// parameter limit allows, one per worker when there are enough periods,
// never more than periodsPerStatement in one.
func TestPeriodsPerChunkShareThePeriodsOut(t *testing.T) {
	for _, c := range []struct{ n, workers, want int }{
		{0, 2, 1}, {1, 2, 1}, {60, 2, 60}, {100, 2, 50}, {2000, 1, 500}, {2000, 2, 500},
		{2000, 8, 250}, {1001, 1, 334}, {20000, 2, 500},
	} {
		got := periodsPerChunk(c.n, c.workers)
		if got != c.want || got > periodsPerStatement {
			t.Errorf("periodsPerChunk(%d, %d) = %d, want %d", c.n, c.workers, got, c.want)
		}
	}
}

// TestSessionsLimitAndCount: Limit keeps the first sessions by planned
// start, and CountSessions counts what Sessions lists, for the
// coordinator and for a mentor limited to their own courses.
func TestSessionsLimitAndCount(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	from := demoToday.AddDays(-35)
	f := data.SessionFilter{From: time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, data.Zone()),
		To: time.Date(demoToday.Year, demoToday.Month, demoToday.Day, 0, 0, 0, 0, data.Zone()), HoursOnly: true}
	for _, u := range []demo.User{demo.Users()[1], demo.Users()[2]} {
		if _, err := s.Login(ctx, u.Username, u.Password); err != nil {
			t.Fatal(err)
		}
		all, err := s.Sessions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.CountSessions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(all) || n < 4 {
			t.Fatalf("%s: count %d, listed %d", u.Username, n, len(all))
		}
		limited := f
		limited.Limit = 3
		first, err := s.Sessions(ctx, limited)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) != 3 || first[0].ID != all[0].ID || first[1].ID != all[1].ID || first[2].ID != all[2].ID {
			t.Fatalf("%s: Limit 3 gave %d sessions, not the first three", u.Username, len(first))
		}
		s.Lock()
	}
}
