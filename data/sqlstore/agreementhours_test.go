package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"mentorbog/data"
)

// heldMinutes is agreement_hours' held minutes by agreement, read past the
// store's scope (the test connection migrates, so it reads every row).
func heldMinutes(t *testing.T, s *Store) map[data.ID]int {
	t.Helper()
	rows, err := s.pool().QueryContext(context.Background(), "SELECT agreement_id, held_min FROM agreement_hours")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[data.ID]int{}
	for rows.Next() {
		var id data.ID
		var held int
		if err := rows.Scan(&id, &held); err != nil {
			t.Fatal(err)
		}
		out[id] = held
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// assertHeldMinutes: every agreement has a row in agreement_hours whose
// held minutes are data.Account's UsedMin over its course's sessions, and
// no other agreement has one. The store must be logged in as staff.
func assertHeldMinutes(t *testing.T, s *Store, after string) {
	t.Helper()
	agreements, err := s.Agreements(context.Background(), 0, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	want := accountBySessions(t, s, agreements)
	got := heldMinutes(t, s)
	if len(got) != len(agreements) {
		t.Errorf("after %s: %d rows in agreement_hours for %d agreements", after, len(got), len(agreements))
	}
	wrong := 0
	for _, a := range agreements {
		if held, ok := got[a.ID]; !ok || held != want[a.ID].UsedMin {
			if wrong++; wrong <= 5 {
				t.Errorf("after %s: agreement %d holds %d held minutes (row %v), the sessions give %d",
					after, a.ID, held, ok, want[a.ID].UsedMin)
			}
		}
	}
}

// heldSessionOf is a held session of a's course on the agreement's
// second day at 10:00.
func heldSessionOf(a data.Agreement, mentor data.ID, contact int) data.Session {
	start := a.Start.AddDays(1).In(data.Zone()).Add(10 * time.Hour)
	return data.Session{CourseID: a.CourseID, MentorID: mentor, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		ActualStart: start, ActualEnd: start.Add(time.Hour), Status: data.SessionHeld, Form: data.FormInPerson,
		ContactMin: contact}
}

// twoRunningAgreements are two running agreements of different courses
// with a mentor, whose periods start before today.
func twoRunningAgreements(t *testing.T, s *Store) (data.Agreement, data.Agreement, data.ID) {
	t.Helper()
	ctx := context.Background()
	running, err := s.Agreements(ctx, 0, demoToday)
	if err != nil {
		t.Fatal(err)
	}
	var picked []data.Agreement
	var mentor data.ID
	for _, a := range running {
		c, err := s.Course(ctx, a.CourseID)
		if err != nil {
			t.Fatal(err)
		}
		if c.MentorID == 0 || a.Start.AddDays(3).After(demoToday) || (len(picked) == 1 && picked[0].CourseID == a.CourseID) {
			continue
		}
		if mentor == 0 {
			mentor = c.MentorID
		}
		if picked = append(picked, a); len(picked) == 2 {
			return picked[0], picked[1], mentor
		}
	}
	t.Fatal("the demo has no two running agreements with a mentor")
	return data.Agreement{}, data.Agreement{}, 0
}

// TestAgreementHoursFollowEveryWriteOfASession: the held minutes the
// database keeps per agreement are data.Account's after every way a
// session or agreement is written: a new held session, a status change
// both ways, more contact time, a move out of the period and back, a move
// to another course, sessions in bulk, a series and its deletion, a held
// session deleted, an agreement's dates and grant changed, and a citizen
// erased.
func TestAgreementHoursFollowEveryWriteOfASession(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	assertHeldMinutes(t, s, "the demo")

	a, b, mentor := twoRunningAgreements(t, s)
	ss := heldSessionOf(a, mentor, 75)
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "a new held session")

	ss.ContactMin = 90
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "more contact time")

	ss.Status, ss.ContactMin, ss.ActualStart, ss.ActualEnd = data.SessionPlanned, 0, time.Time{}, time.Time{}
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "held to planned")

	ss.Status, ss.ContactMin, ss.ActualStart, ss.ActualEnd = data.SessionHeld, 45, ss.PlannedStart, ss.PlannedEnd
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "planned to held")

	before := a.Start.AddDays(-1).In(data.Zone()).Add(23 * time.Hour) // the evening before the period
	ss.PlannedStart, ss.PlannedEnd, ss.ActualStart, ss.ActualEnd = before, before.Add(30*time.Minute), before, before.Add(30*time.Minute)
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "a move out of the period")

	back := heldSessionOf(a, mentor, 0).PlannedStart
	ss.PlannedStart, ss.PlannedEnd, ss.ActualStart, ss.ActualEnd = back, back.Add(time.Hour), back, back.Add(time.Hour)
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "a move into the period")

	ss.CourseID = b.CourseID
	must(t, s.SaveSession(ctx, &ss))
	assertHeldMinutes(t, s, "a move to another course")

	bulk := []data.Session{heldSessionOf(a, mentor, 30), heldSessionOf(b, mentor, 40), heldSessionOf(b, mentor, 50)}
	bulk[2].Status, bulk[2].ContactMin = data.SessionNoShow, 0
	must(t, s.BulkSessions(ctx, bulk))
	assertHeldMinutes(t, s, "sessions in bulk")

	// A mentor's own session moves hours the mentor may only read (on
	// PostgreSQL the trigger runs as the owner).
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.Agreements(ctx, 0, demoToday)
	must(t, err)
	if len(own) == 0 {
		t.Fatal("the demo mentor has no running agreement")
	}
	ownCourse, err := s.Course(ctx, own[0].CourseID)
	must(t, err)
	mine := heldSessionOf(own[0], ownCourse.MentorID, 65)
	must(t, s.SaveSession(ctx, &mine))
	loginAs(t, s, "koordinator", "demo-koordinator")
	assertHeldMinutes(t, s, "a mentor's held session")

	first := a.Start.AddDays(2).In(data.Zone()).Add(9 * time.Hour)
	sr := data.Series{CourseID: a.CourseID, MentorID: mentor, First: first, LengthMin: 60, IntervalWeeks: 1,
		Until: a.Start.AddDays(30), Form: data.FormInPerson}
	var planned []data.Session
	planned, err = s.SaveSeries(ctx, &sr)
	must(t, err)
	if len(planned) < 2 {
		t.Fatalf("a series of %d sessions", len(planned))
	}
	held := planned[0]
	held.Status, held.ContactMin, held.ActualStart, held.ActualEnd = data.SessionHeld, 55, held.PlannedStart, held.PlannedEnd
	must(t, s.SaveSession(ctx, &held))
	_, err = s.DeleteSeriesFrom(ctx, planned[1].ID)
	must(t, err)
	assertHeldMinutes(t, s, "a series, one held and the rest deleted")

	// Retention and erasure delete held sessions with plain statements.
	if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", held.ID); err != nil {
		t.Fatal(err)
	}
	assertHeldMinutes(t, s, "a held session deleted")

	a.End = a.End.AddDays(-20)
	a.GrantedMin += 30
	must(t, s.SaveAgreement(ctx, &a))
	assertHeldMinutes(t, s, "an agreement shortened")
	a.Start = a.Start.AddDays(-40)
	must(t, s.SaveAgreement(ctx, &a))
	assertHeldMinutes(t, s, "an agreement moved earlier")
	extension := b.Extension()
	must(t, s.SaveAgreement(ctx, &extension))
	assertHeldMinutes(t, s, "an extension")

	c, err := s.Course(ctx, b.CourseID)
	must(t, err)
	loginAs(t, s, "admin", "demo-administrator")
	must(t, s.EraseCitizen(ctx, c.CitizenID))
	assertHeldMinutes(t, s, "a citizen erased")
}

// TestMigration14FillsTheHeldMinutes: a database at version 13 (the demo
// with the table, triggers and version 14 taken away again) gets a row for
// every agreement with data.Account's held minutes.
func TestMigration14FillsTheHeldMinutes(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	undo := []string{"DROP TRIGGER sessions_hours_insert", "DROP TRIGGER sessions_hours_delete",
		"DROP TRIGGER sessions_hours_update", "DROP TABLE agreement_hours"}
	if s.dialect == dialectPostgres {
		undo = []string{"DROP TRIGGER sessions_hours ON sessions", "DROP FUNCTION mb_session_hours()", "DROP TABLE agreement_hours"}
	}
	for _, q := range append(undo, "DELETE FROM schema_migrations WHERE version = 14") {
		if _, err := s.pool().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	steps, err := loadMigrations(migrationFiles())
	must(t, err)
	// Version 14 alone: the later ones are applied already.
	steps = slices.DeleteFunc(steps, func(m migration) bool { return m.version != 14 })
	must(t, s.migrate(ctx, steps, 13))
	loginAs(t, s, "koordinator", "demo-koordinator")
	assertHeldMinutes(t, s, "migration 14")
	if got := heldMinutes(t, s); len(got) == 0 || !slices.ContainsFunc(slices.Collect(mapValues(got)), func(n int) bool { return n > 0 }) {
		t.Errorf("no agreement has held minutes after the migration: %v", got)
	}
}

func mapValues[K comparable, V any](m map[K]V) func(func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// oldWarnings is what Oversigt worked out before the database kept the
// held hours: every running agreement accounted over its sessions
// (data.Account) and put in the lists by its used share, ending soonest
// and largest share first (ties by id).
func oldWarnings(t *testing.T, s *Store, today data.Date, endingDays int) (ending, over80, over100 []data.AgreementUse) {
	t.Helper()
	running, err := s.Agreements(context.Background(), 0, today)
	if err != nil {
		t.Fatal(err)
	}
	hours := accountBySessions(t, s, running)
	for _, a := range running {
		h := hours[a.ID]
		u := data.AgreementUse{Agreement: a, Hours: data.Hours{GrantedMin: h.GrantedMin, UsedMin: h.UsedMin}}
		if days := today.DaysUntil(a.End); days >= 0 && days <= endingDays {
			ending = append(ending, u)
		}
		switch share := h.UsedShare(); {
		case share >= 1:
			over100 = append(over100, u)
		case share >= 0.8:
			over80 = append(over80, u)
		}
	}
	slices.SortFunc(ending, func(x, y data.AgreementUse) int {
		return cmp.Or(x.Agreement.End.Compare(y.Agreement.End), x.Agreement.Start.Compare(y.Agreement.Start),
			cmp.Compare(x.Agreement.ID, y.Agreement.ID))
	})
	byShare := func(x, y data.AgreementUse) int {
		return cmp.Or(-cmp.Compare(x.Hours.UsedShare(), y.Hours.UsedShare()), cmp.Compare(x.Agreement.ID, y.Agreement.ID))
	}
	slices.SortFunc(over80, byShare)
	slices.SortFunc(over100, byShare)
	return ending, over80, over100
}

// runningFields is an agreement as RunningAgreements reads it.
func runningFields(a data.Agreement) data.Agreement {
	return data.Agreement{ID: a.ID, CourseID: a.CourseID, Start: a.Start, End: a.End, HoursBasis: a.HoursBasis, GrantedMin: a.GrantedMin}
}

func assertWarningList(t *testing.T, who, list string, got []data.AgreementUse, count int, want []data.AgreementUse, limit int) {
	t.Helper()
	if count != len(want) {
		t.Errorf("%s, %s: count %d, the sessions give %d", who, list, count, len(want))
	}
	want = want[:min(limit, len(want))]
	if len(got) != len(want) {
		t.Errorf("%s, %s: %d listed, want the first %d", who, list, len(got), len(want))
		return
	}
	for i := range want {
		w := want[i]
		w.Agreement = runningFields(w.Agreement)
		if got[i].Hours != w.Hours || !sameAgreement(got[i].Agreement, w.Agreement) || len(got[i].Agreement.GoalIDs) != 0 {
			t.Errorf("%s, %s #%d: %+v, want %+v", who, list, i, got[i], w)
		}
	}
}

func sameAgreement(a, b data.Agreement) bool {
	return a.ID == b.ID && a.CourseID == b.CourseID && a.Start == b.Start && a.End == b.End &&
		a.HoursBasis == b.HoursBasis && a.GrantedMin == b.GrantedMin
}

// squeezeGrants lowers the grant of the running agreements with held hours
// so that they use 90 %, 80 % exactly, 120 % and 100 % exactly of it, and
// sets a few to end within two weeks: the demo has nobody near the limit.
func squeezeGrants(t *testing.T, s *Store, today data.Date, n int) {
	t.Helper()
	ctx := context.Background()
	running, err := s.Agreements(ctx, 0, today)
	must(t, err)
	hours := accountBySessions(t, s, running)
	changed := 0
	for _, a := range running {
		used := hours[a.ID].UsedMin
		if used < 120 || used%5 != 0 {
			continue
		}
		a.HoursBasis = data.HoursTotal
		switch changed % 4 {
		case 0:
			a.GrantedMin = used * 10 / 9
		case 1:
			a.GrantedMin = used * 5 / 4 // exactly 80 %
		case 2:
			a.GrantedMin = used * 5 / 6
		case 3:
			a.GrantedMin = used // exactly 100 %
		}
		if changed%3 == 0 {
			a.End = today.AddDays(changed % 15)
		}
		must(t, s.SaveAgreement(ctx, &a))
		if changed++; changed == n {
			return
		}
	}
	t.Fatalf("only %d running agreements have hours used", changed)
}

// TestAgreementWarningsAreTheOldComputation: for a koordinator (every
// course) and a mentor (their own), the lists, their order, the hours and
// the counts are what accounting every running agreement over its
// sessions gives; also with a limit larger than the lists and of 0.
func TestAgreementWarningsAreTheOldComputation(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	squeezeGrants(t, s, demoToday, 30)
	for _, who := range []struct{ user, password string }{
		{"koordinator", "demo-koordinator"}, {"mentor", "demo-mentor-1234"},
	} {
		loginAs(t, s, who.user, who.password)
		ending, over80, over100 := oldWarnings(t, s, demoToday, 14)
		if who.user == "koordinator" && (len(ending) <= 6 || len(over80) <= 6 || len(over100) <= 6) {
			t.Fatalf("the lists are too short to test the limit: %d, %d, %d", len(ending), len(over80), len(over100))
		}
		t.Logf("%s: %d ending, %d over 80 %%, %d over 100 %%", who.user, len(ending), len(over80), len(over100))
		for _, limit := range []int{6, 1000, 0} {
			w, err := s.AgreementWarnings(ctx, demoToday, 14, limit)
			must(t, err)
			assertWarningList(t, who.user, "ending", w.Ending, w.EndingCount, ending, limit)
			assertWarningList(t, who.user, "over 80 %", w.Over80, w.Over80Count, over80, limit)
			assertWarningList(t, who.user, "over 100 %", w.Over100, w.Over100Count, over100, limit)
		}
	}
}

// TestAgreementHoursAddUpUnderConcurrentWriters: sessions of one course
// saved by several writers at once while its agreement is saved again and
// again from several goroutines (both databases take the write
// transactions in turn, see Atomically) leave the held minutes
// data.Account's: no increment is lost, and the agreement's recount
// misses no committed session.
func TestAgreementHoursAddUpUnderConcurrentWriters(t *testing.T) {
	s := openDemo(t)
	loginAs(t, s, "koordinator", "demo-koordinator")
	ctx := context.Background()
	a, _, mentor := twoRunningAgreements(t, s)
	const writers, each = 4, 5
	errs := make(chan error, writers+1)
	for w := range writers {
		go func() {
			for i := range each {
				ss := heldSessionOf(a, mentor, 10+w*each+i)
				ss.PlannedStart = ss.PlannedStart.Add(time.Duration(w*each+i) * 5 * time.Minute)
				ss.PlannedEnd, ss.ActualStart, ss.ActualEnd = ss.PlannedStart.Add(time.Hour), ss.PlannedStart, ss.PlannedStart.Add(time.Hour)
				if err := s.SaveSession(ctx, &ss); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	go func() {
		for i := range each {
			a.GrantedMin += i
			if err := s.SaveAgreement(ctx, &a); err != nil {
				errs <- err
				return
			}
		}
		errs <- nil
	}()
	for range writers + 1 {
		must(t, <-errs)
	}
	assertHeldMinutes(t, s, "concurrent writers")
}
