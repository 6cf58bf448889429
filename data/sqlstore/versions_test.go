package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
)

// sharedDatabase is one database with an administrator and a coordinator,
// for tests of several users at once. On PostgreSQL each client is its own
// Store (its own pool), as on separate PCs; SQLite allows one Mentorbog per
// file, so there every client shares the one store.
type sharedDatabase struct {
	addr  string
	first *Store
	f     fixture
}

const coordinatorPassword = "en lang kode til koordinatoren"

func newSharedDatabase(t *testing.T) sharedDatabase {
	t.Helper()
	addr := storetest.Addr(t, "delt.db")
	s, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fastKeys(s)
	f := newFixture(t, s)
	ctx := context.Background()
	if _, err := s.Setup(ctx, data.User{Username: "mette", DisplayName: "Mette Hansen"}, adminPassword); err != nil {
		t.Fatalf("setup: %v", err)
	}
	must(t, s.SaveUser(ctx, &data.User{Username: "jens", DisplayName: "Jens Kofoed", Role: data.RoleCoordinator}, coordinatorPassword))
	return sharedDatabase{addr: addr, first: s, f: f}
}

// client is another user's store on the same database: a new Store on
// PostgreSQL, logged in as username; on SQLite the first store itself.
func (d sharedDatabase) client(t *testing.T, username, password string) *Store {
	t.Helper()
	if !d.first.IsPostgres() {
		return d.first
	}
	s, err := Open(d.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fastKeys(s)
	if _, err := s.Login(context.Background(), username, password); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return s
}

func testAgreement(f fixture) data.Agreement {
	return data.Agreement{CourseID: f.course.ID, MentorID: f.mentor.ID, Start: data.NewDate(2026, 1, 12),
		End: data.NewDate(2026, 7, 11), HoursBasis: data.HoursPerWeek, GrantedMin: 180, Scope: data.PerPerson,
		RateOere: 55000, Goal: "Stabilt fremmøde", Tasks: "Følge til jobcenteret",
		ComplaintGuidance: "Klag til kommunen inden 4 uger."}
}

func TestTwoClientsEditingTheSameAgreementTheSecondIsRefusedWithTheFirstUsersName(t *testing.T) {
	d := newSharedDatabase(t)
	ctx := context.Background()
	a := testAgreement(d.f)
	must(t, d.first.SaveAgreement(ctx, &a))
	if a.Version != 1 {
		t.Fatalf("a new agreement has version %d, want 1", a.Version)
	}
	mette := d.first
	jens := d.client(t, "jens", coordinatorPassword)

	// Both open the agreement.
	byMette, err := mette.Agreement(ctx, a.ID)
	must(t, err)
	byJens, err := jens.Agreement(ctx, a.ID)
	must(t, err)

	at := time.Date(2026, 11, 23, 14, 5, 0, 0, data.Zone())
	mette.security.now = func() time.Time { return at }
	byMette.Tasks = "Følge til jobcenteret og lægen"
	must(t, mette.SaveAgreement(ctx, &byMette))
	if byMette.Version != 2 {
		t.Errorf("after a save the record has version %d, want 2", byMette.Version)
	}
	// Saving again from the same form works: the record follows the stored version.
	byMette.Goal = "Stabilt fremmøde hver uge"
	must(t, mette.SaveAgreement(ctx, &byMette))

	byJens.GrantedMin = 240
	err = jens.SaveAgreement(ctx, &byJens)
	var conflict *data.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("the second save over a newer version: %v, want a ConflictError", err)
	}
	if conflict.By != "Mette Hansen" || !conflict.At.Equal(at) || conflict.Kind != "mentoraftale" {
		t.Errorf("conflict %+v, want Mette Hansen at %v", conflict, at)
	}
	want := "Mentoraftalen er ændret af Mette Hansen 23-11-2026 kl. 14:05, efter du åbnede den."
	if !strings.HasPrefix(conflict.Error(), want) {
		t.Errorf("message %q, want it to start %q", conflict.Error(), want)
	}
	if byJens.Version != 1 {
		t.Errorf("a refused save changed the record's version to %d", byJens.Version)
	}
	stored, err := jens.Agreement(ctx, a.ID)
	must(t, err)
	if stored.GrantedMin != 180 || stored.Tasks != "Følge til jobcenteret og lægen" || stored.Goal != "Stabilt fremmøde hver uge" || stored.Version != 3 {
		t.Errorf("after the refused save the agreement is %+v, want Mette's version 3 untouched", stored)
	}

	// Jens reloads, applies his change again, and it is saved on top.
	stored.GrantedMin = 240
	must(t, jens.SaveAgreement(ctx, &stored))
	final, err := mette.Agreement(ctx, a.ID)
	must(t, err)
	if final.GrantedMin != 240 || final.Tasks != "Følge til jobcenteret og lægen" || final.Version != 4 {
		t.Errorf("after reloading and saving again: %+v", final)
	}
	if v, err := mette.VerifyAuditChain(ctx); err != nil || !v.OK {
		t.Errorf("audit chain: %+v %v", v, err)
	}
}

// TestEverySaveChecksTheVersion: each editable kind refuses a save from an
// old version, and a refused save inside a transaction leaves the record's
// Version as it was, so the form can save again.
func TestEverySaveChecksTheVersion(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	goal := data.Goal{CourseID: f.course.ID, Title: "Møde op", CreatedOn: data.NewDate(2026, 1, 12)}
	must(t, s.SaveGoal(ctx, &goal))
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, data.Zone())
	sess := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour), Status: data.SessionPlanned}
	must(t, s.SaveSession(ctx, &sess))
	org, err := s.Organisation(ctx)
	must(t, err)
	org.Name = "Broen"
	must(t, s.SaveOrganisation(ctx, org))

	cases := []struct {
		kind string
		save func(stale bool) error
	}{
		{"mentor", func(stale bool) error { m := f.mentor; m.Version -= b2i(stale); return s.SaveMentor(ctx, &m) }},
		{"kommune", func(stale bool) error {
			m := f.municipality
			m.Version -= b2i(stale)
			return s.SaveMunicipality(ctx, &m)
		}},
		{"sagsbehandler", func(stale bool) error {
			c := f.caseworker
			c.Version -= b2i(stale)
			return s.SaveCaseworker(ctx, &c)
		}},
		{"borger", func(stale bool) error { c := f.citizen; c.Version -= b2i(stale); return s.SaveCitizen(ctx, &c) }},
		{"forløb", func(stale bool) error { c := f.course; c.Version -= b2i(stale); return s.SaveCourse(ctx, &c) }},
		{"mål", func(stale bool) error { g := goal; g.Version -= b2i(stale); return s.SaveGoal(ctx, &g) }},
		{"møde", func(stale bool) error { ss := sess; ss.Version -= b2i(stale); return s.SaveSession(ctx, &ss) }},
		{"organisation", func(stale bool) error { o := org; o.Version = 1; return s.SaveOrganisation(ctx, o) }},
	}
	for _, c := range cases {
		err := c.save(true)
		var conflict *data.ConflictError
		if !errors.As(err, &conflict) || conflict.Kind != c.kind {
			t.Errorf("%s: save from an old version: %v, want a ConflictError", c.kind, err)
		}
	}

	// A save refused later in its transaction puts the Version back.
	course, err := s.Course(ctx, f.course.ID)
	must(t, err)
	before := course.Version
	boom := errors.New("later step failed")
	err = s.Atomically(ctx, func(ctx context.Context) error {
		course.OrderRef = "BST-2026-0002"
		if err := s.SaveCourse(ctx, &course); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || course.Version != before {
		t.Fatalf("rolled back save: %v, version %d, want %d", err, course.Version, before)
	}
	must(t, s.SaveCourse(ctx, &course))
	if got, _ := s.Course(ctx, f.course.ID); got.OrderRef != "BST-2026-0002" || got.Version != before+1 {
		t.Errorf("saving again after a rollback: %+v", got)
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// stressSeconds is how long the many-clients test runs: 30 seconds on
// PostgreSQL and 5 on SQLite unless MENTORBOG_TEST_STRESS_SECONDS says.
func stressSeconds(t *testing.T, postgres bool) time.Duration {
	if v := os.Getenv("MENTORBOG_TEST_STRESS_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("MENTORBOG_TEST_STRESS_SECONDS=%q is not a positive number of seconds", v)
		}
		return time.Duration(n) * time.Second
	}
	if postgres {
		return 30 * time.Second
	}
	return 5 * time.Second
}

// tally is what one client recorded: sessions and contact minutes per
// course, and its successful edits of each agreement and course.
type tally struct {
	sessions, minutes     map[data.ID]int
	agreementEdits        map[data.ID]int
	courseEdits           map[data.ID]int
	conflicts, editErrors int
}

func TestTwentyClientsRegisterSessionsAndNoUpdateIsLost(t *testing.T) {
	d := newSharedDatabase(t)
	ctx := context.Background()
	duration := stressSeconds(t, d.first.IsPostgres())

	// Three courses of the same citizen, each with one agreement.
	courses := []data.Course{d.f.course}
	for i := 0; i < 2; i++ {
		c := d.f.course
		c.ID, c.Version, c.OrderRef = 0, 0, fmt.Sprintf("BST-2026-%04d", i+2)
		must(t, d.first.SaveCourse(ctx, &c))
		must(t, d.first.AssignMentor(ctx, c.ID, d.f.mentor.ID, c.StartedOn, ""))
		courses = append(courses, c)
	}
	agreements := map[data.ID]data.ID{}
	const grantedStart = 600
	for _, c := range courses {
		a := testAgreement(d.f)
		a.CourseID, a.GrantedMin = c.ID, grantedStart
		must(t, d.first.SaveAgreement(ctx, &a))
		agreements[c.ID] = a.ID
	}

	const clients = 20
	stores := make([]*Store, clients)
	for i := range stores {
		stores[i] = d.client(t, "jens", coordinatorPassword)
	}
	deadline := time.Now().Add(duration)
	tallies := make([]tally, clients)
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tl, err := runClient(ctx, stores[i], i, courses, agreements, d.f.mentor.ID, deadline)
			tallies[i] = tl
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if t.Failed() {
		return
	}

	var total, conflicts int
	for _, c := range courses {
		wantSessions, wantMinutes, wantAgreementEdits, wantCourseEdits := 0, 0, 0, 0
		for _, tl := range tallies {
			wantSessions += tl.sessions[c.ID]
			wantMinutes += tl.minutes[c.ID]
			wantAgreementEdits += tl.agreementEdits[c.ID]
			wantCourseEdits += tl.courseEdits[c.ID]
		}
		total += wantSessions
		list, err := d.first.Sessions(ctx, data.SessionFilter{CourseID: c.ID, HoursOnly: true})
		must(t, err)
		minutes := 0
		for _, ss := range list {
			minutes += ss.ContactMin
		}
		if len(list) != wantSessions || minutes != wantMinutes {
			t.Errorf("course %d: %d sessions with %d minutes stored, the clients registered %d with %d",
				c.ID, len(list), minutes, wantSessions, wantMinutes)
		}
		a, err := d.first.Agreement(ctx, agreements[c.ID])
		must(t, err)
		// Each successful edit added one minute to the grant: a lost
		// update would leave fewer minutes than edits.
		if a.GrantedMin != grantedStart+wantAgreementEdits || a.Version != int64(1+wantAgreementEdits) {
			t.Errorf("agreement of course %d: granted %d minutes at version %d after %d edits, want %d at version %d",
				c.ID, a.GrantedMin, a.Version, wantAgreementEdits, grantedStart+wantAgreementEdits, 1+wantAgreementEdits)
		}
		co, err := d.first.Course(ctx, c.ID)
		must(t, err)
		if co.Version != c.Version+int64(wantCourseEdits) {
			t.Errorf("course %d: version %d after %d edits from version %d", c.ID, co.Version, wantCourseEdits, c.Version)
		}
	}
	for _, tl := range tallies {
		conflicts += tl.conflicts
	}
	if total < clients {
		t.Errorf("only %d sessions registered by %d clients in %v", total, clients, duration)
	}
	v, err := d.first.VerifyAuditChain(ctx)
	if err != nil || !v.OK {
		t.Errorf("audit chain after %d concurrent saves: %+v %v", total, v, err)
	}
	t.Logf("%s: %d clients registered %d sessions in %v; %d conflicts retried; audit log %d entries",
		d.first.dialect, clients, total, duration, conflicts, v.Entries)
}

// runClient registers held sessions on the courses in turn until the
// deadline, and every fifth time edits the course's agreement (one more
// granted minute) and every seventh the course, reloading and trying again
// when someone else saved first.
func runClient(ctx context.Context, st *Store, n int, courses []data.Course, agreements map[data.ID]data.ID, mentorID data.ID, deadline time.Time) (tally, error) {
	tl := tally{sessions: map[data.ID]int{}, minutes: map[data.ID]int{}, agreementEdits: map[data.ID]int{}, courseEdits: map[data.ID]int{}}
	rnd := rand.New(rand.NewSource(int64(n)))
	base := time.Date(2026, 2, 2, 8, 0, 0, 0, data.Zone())
	for round := 0; time.Now().Before(deadline); round++ {
		course := courses[(n+round)%len(courses)]
		start := base.Add(time.Duration(n*100000+round) * time.Minute)
		contact := 15 + rnd.Intn(106)
		ss := data.Session{CourseID: course.ID, MentorID: mentorID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
			ActualStart: start, ActualEnd: start.Add(time.Duration(contact) * time.Minute), Status: data.SessionHeld,
			ContactMin: contact, TransportMin: 10, Note: fmt.Sprintf("Klient %d, runde %d", n, round)}
		if err := st.SaveSession(ctx, &ss); err != nil {
			return tl, fmt.Errorf("client %d: register session: %w", n, err)
		}
		tl.sessions[course.ID]++
		tl.minutes[course.ID] += contact
		if round%5 == 0 {
			err := retryOnConflict(&tl, func() error {
				a, err := st.Agreement(ctx, agreements[course.ID])
				if err != nil {
					return err
				}
				a.GrantedMin++
				return st.SaveAgreement(ctx, &a)
			})
			if err != nil {
				return tl, fmt.Errorf("client %d: edit agreement: %w", n, err)
			}
			tl.agreementEdits[course.ID]++
		}
		if round%7 == 0 {
			err := retryOnConflict(&tl, func() error {
				c, err := st.Course(ctx, course.ID)
				if err != nil {
					return err
				}
				c.UsualPlace = fmt.Sprintf("Klient %d, runde %d", n, round)
				return st.SaveCourse(ctx, &c)
			})
			if err != nil {
				return tl, fmt.Errorf("client %d: edit course: %w", n, err)
			}
			tl.courseEdits[course.ID]++
		}
	}
	return tl, nil
}

// retryOnConflict runs edit (read, change, save) again while the save is
// refused because someone else saved first, as a user would after reading
// the message.
func retryOnConflict(tl *tally, edit func() error) error {
	for {
		err := edit()
		var conflict *data.ConflictError
		if !errors.As(err, &conflict) {
			return err
		}
		tl.conflicts++
	}
}
