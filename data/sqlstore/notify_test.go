package sqlstore

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
)

// changeLog collects what a subscriber receives.
type changeLog struct {
	mu  sync.Mutex
	got []data.Change
	new chan struct{}
}

func subscribe(t *testing.T, s *Store) *changeLog {
	t.Helper()
	l := &changeLog{new: make(chan struct{}, 1)}
	cancel := s.Subscribe(context.Background(), func(c data.Change) {
		l.mu.Lock()
		l.got = append(l.got, c)
		l.mu.Unlock()
		select {
		case l.new <- struct{}{}:
		default:
		}
	})
	t.Cleanup(cancel)
	return l
}

// waitFor waits until a change matching want arrived and returns what
// arrived until then. The deadline is generous: it guards against a
// change that never comes, it does not measure speed.
func (l *changeLog) waitFor(t *testing.T, what string, want func(data.Change) bool) []data.Change {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		l.mu.Lock()
		got := slices.Clone(l.got)
		l.mu.Unlock()
		if i := slices.IndexFunc(got, want); i >= 0 {
			return got[:i+1]
		}
		select {
		case <-l.new:
		case <-deadline:
			t.Fatalf("no %s arrived; got %v", what, got)
		}
	}
}

func isTable(table string) func(data.Change) bool {
	return func(c data.Change) bool { return c.Table == table }
}

func planSession(t *testing.T, s *Store, f fixture, start time.Time) data.Session {
	t.Helper()
	ss := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: data.SessionPlanned, Form: data.FormPhone}
	must(t, s.SaveSession(context.Background(), &ss))
	return ss
}

func TestSubscribersHearOfCommitsButNotOfRollbacks(t *testing.T) {
	s := openTemp(t)
	f := newFixture(t, s)
	log := subscribe(t, s)
	ctx := context.Background()

	boom := errors.New("boom")
	err := s.Atomically(ctx, func(ctx context.Context) error {
		m := data.Mentor{Name: "Kirsten Holm", Kind: data.MentorVolunteer}
		must(t, s.SaveMentor(ctx, &m))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("rollback: %v", err)
	}
	ss := planSession(t, s, f, time.Date(2026, 11, 24, 10, 0, 0, 0, data.Zone()))

	// Changes arrive in commit order, so a mentor change from the rolled
	// back transaction would have come before the session.
	got := log.waitFor(t, "session change", isTable("sessions"))
	if slices.ContainsFunc(got, isTable("mentors")) {
		t.Errorf("a rolled back mentor was reported: %v", got)
	}
	if s.IsPostgres() && !slices.Contains(got, data.Change{Table: "sessions", ID: ss.ID}) {
		t.Errorf("the server did not name the session's id %d: %v", ss.ID, got)
	}
}

func TestWrittenTableNamesOnlyWatchedTables(t *testing.T) {
	for query, want := range map[string]string{
		"INSERT INTO sessions (course_id) VALUES (?) RETURNING id": "sessions",
		"\n\t\tUPDATE sessions SET status = ? WHERE id = ?":        "sessions",
		"DELETE FROM session_series WHERE id = ?":                  "session_series",
		"INSERT OR REPLACE INTO goals(id) VALUES (?)":              "goals",
		"SELECT id FROM sessions WHERE id = ?":                     "",
		"INSERT INTO audit_log (at) VALUES (?)":                    "",
		"UPDATE drafts SET body = ?":                               "",
		"DELETE FROM sessions_archive":                             "",
	} {
		if got := parseWrittenTable(query); got != want {
			t.Errorf("%q: %q, want %q", query, got, want)
		}
	}
}

// requirePostgres skips a test that only means something on a server; with
// MENTORBOG_TEST_PG set it always runs.
func openTwice(t *testing.T) (a, b *Store) {
	t.Helper()
	addr := storetest.Addr(t, "mentorbog.db")
	var err error
	if a, err = Open(addr); err != nil {
		t.Fatalf("open A: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if b, err = Open(addr); err != nil {
		t.Fatalf("open B: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

func TestAnotherPCHearsOfASessionPlannedOnTheServer(t *testing.T) {
	storetest.RequirePostgres(t, "listening for changes")
	a, b := openTwice(t)
	f := newFixture(t, a)
	log := subscribe(t, b)
	ss := planSession(t, a, f, time.Date(2026, 11, 24, 10, 0, 0, 0, data.Zone()))
	log.waitFor(t, "notification of the session", func(c data.Change) bool {
		return c == data.Change{Table: "sessions", ID: ss.ID}
	})
}

func TestListenerReconnectsAfterItsConnectionIsTerminated(t *testing.T) {
	storetest.RequirePostgres(t, "listening for changes")
	a, b := openTwice(t)
	f := newFixture(t, a)
	log := subscribe(t, b)
	ctx := context.Background()

	// The test server's user is a superuser: A's pool serves as the
	// administrator's connection.
	var pid int
	err := a.DB().QueryRowContext(ctx, `SELECT pid FROM pg_stat_activity
		WHERE application_name = $1 AND datname = current_database()`, listenerName).Scan(&pid)
	if err != nil {
		t.Fatalf("find the listener's connection: %v", err)
	}
	var terminated bool
	must(t, a.DB().QueryRowContext(ctx, "SELECT pg_terminate_backend($1)", pid).Scan(&terminated))
	if !terminated {
		t.Fatalf("listener %d was not terminated", pid)
	}
	// Back on a new connection, it says that anything may have changed
	// (what happened in between is not replayed), then hears new changes.
	log.waitFor(t, "reconnect", data.Change.Unknown)
	ss := planSession(t, a, f, time.Date(2026, 11, 25, 10, 0, 0, 0, data.Zone()))
	log.waitFor(t, "notification after the reconnect", func(c data.Change) bool {
		return c == data.Change{Table: "sessions", ID: ss.ID}
	})
	var newPID int
	must(t, a.DB().QueryRowContext(ctx, `SELECT pid FROM pg_stat_activity
		WHERE application_name = $1 AND datname = current_database()`, listenerName).Scan(&newPID))
	if newPID == pid {
		t.Errorf("still the terminated connection %d", pid)
	}
}

func TestEveryWatchedTableHasItsTrigger(t *testing.T) {
	storetest.RequirePostgres(t, "listening for changes")
	s := openTemp(t)
	rows, err := s.DB().QueryContext(context.Background(), `SELECT DISTINCT event_object_table FROM information_schema.triggers
		WHERE action_statement LIKE '%mentorbog_notify_change%' ORDER BY 1`)
	must(t, err)
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		must(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	must(t, rows.Err())
	if !slices.Equal(tables, watchedTables) {
		t.Errorf("triggers on %v\nwatched:    %v", tables, watchedTables)
	}
}
