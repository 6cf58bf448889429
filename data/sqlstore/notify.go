package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"mentorbog/data"
)

// Open screens follow what others change (data.ChangeStore). On PostgreSQL
// the triggers of migration 0011 call pg_notify on every write to a table
// that screens show, and the server delivers the notifications when the
// transaction commits; one dedicated connection per store listens for them.
// On SQLite only this process can write (the instance lock), so the store
// notes the tables it writes and tells its subscribers after the commit.

// watchedTables are the tables whose records screens show. Migration 0011
// puts its PostgreSQL trigger on exactly these (a test compares them).
var watchedTables = []string{
	"agreements", "caseworkers", "citizens", "course_mentors", "courses",
	"generated_reports", "goal_scores", "goals", "mentors", "municipalities",
	"organisation", "reports", "session_series", "sessions",
}

// changeChannel is the PostgreSQL notification channel of migration 0011.
const changeChannel = "mentorbog_changes"

// The listener waits this long before reconnecting, doubling up to the
// maximum while the server stays away.
const (
	listenRetryFirst = 200 * time.Millisecond
	listenRetryMax   = 15 * time.Second
)

// listenerName shows the listening connection in pg_stat_activity, so an
// administrator can tell it from the ordinary ones.
const listenerName = "mentorbog-changes"

// changeHub fans committed changes out to the subscribers of one store. Its
// zero value is ready to use.
type changeHub struct {
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
	// listening is set once the PostgreSQL listener runs; stop ends it and
	// done is closed when it has ended.
	listening bool
	stop      context.CancelFunc
	done      chan struct{}
	// relisten ends the listener's current connection so it takes a new
	// one from the pool (see RestartChangeListener).
	relisten context.CancelFunc
	// ready is closed once the listener listens for the first time.
	ready     chan struct{}
	readyOnce sync.Once
}

// subscriber delivers changes to one callback, in order, on its own
// goroutine, so a slow screen never holds up a commit or the listener.
// Changes waiting for it are merged: a burst of writes to one record
// reaches it once.
type subscriber struct {
	fn      func(data.Change)
	mu      sync.Mutex
	pending []data.Change
	waiting map[data.Change]bool
	wake    chan struct{} // capacity 1: "there is something pending"
	done    chan struct{} // closed when the subscription ends
}

func newSubscriber(fn func(data.Change)) *subscriber {
	return &subscriber{fn: fn, waiting: map[data.Change]bool{}, wake: make(chan struct{}, 1), done: make(chan struct{})}
}

func (sb *subscriber) add(changes []data.Change) {
	sb.mu.Lock()
	for _, c := range changes {
		if !sb.waiting[c] {
			sb.waiting[c] = true
			sb.pending = append(sb.pending, c)
		}
	}
	sb.mu.Unlock()
	select {
	case sb.wake <- struct{}{}:
	default: // already woken; it will take these too
	}
}

func (sb *subscriber) take() []data.Change {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	out := sb.pending
	sb.pending = nil
	clear(sb.waiting)
	return out
}

func (sb *subscriber) run() {
	for {
		select {
		case <-sb.done:
			return
		case <-sb.wake:
		}
		for _, c := range sb.take() {
			select {
			case <-sb.done:
				return
			default:
				sb.fn(c)
			}
		}
	}
}

// publish hands committed changes to every subscriber.
func (h *changeHub) publish(changes []data.Change) {
	if len(changes) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for sb := range h.subs {
		sb.add(changes)
	}
}

// add registers a subscriber; false once the store is closed.
func (h *changeHub) add(sb *subscriber) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	if h.subs == nil {
		h.subs = map[*subscriber]struct{}{}
	}
	h.subs[sb] = struct{}{}
	return true
}

func (h *changeHub) remove(sb *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[sb]; ok {
		delete(h.subs, sb)
		close(sb.done)
	}
}

// startListener runs listen once, the first time it is asked to; the
// channel it returns is closed when the listener listens.
func (h *changeHub) startListener(listen func(ctx context.Context)) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ready == nil {
		h.ready = make(chan struct{})
	}
	if h.listening || h.closed {
		return h.ready
	}
	ctx, stop := context.WithCancel(context.Background())
	h.listening, h.stop, h.done = true, stop, make(chan struct{})
	go func() {
		defer close(h.done)
		listen(ctx)
	}()
	return h.ready
}

// listens marks the listener ready.
func (h *changeHub) listens() {
	h.mu.Lock()
	ready := h.ready
	h.mu.Unlock()
	h.readyOnce.Do(func() { close(ready) })
}

// close ends every subscription and waits for the listener to let go of
// its connection, so the pool can close cleanly after it.
func (h *changeHub) close() {
	h.mu.Lock()
	h.closed = true
	for sb := range h.subs {
		close(sb.done)
	}
	h.subs = nil
	stop, done := h.stop, h.done
	h.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
}

// listenReadyWait is how long Subscribe waits for the listener's first
// LISTEN; a server that does not answer by then is retried in the
// background rather than holding up the window.
const listenReadyWait = 5 * time.Second

// Subscribe implements data.ChangeStore. On PostgreSQL the first
// subscription starts the listener: the GUI subscribes after the login, so
// the listener connects with the same credentials as the store's pool. It
// returns once the listener listens, so a change committed after Subscribe
// returns is not missed.
func (s *Store) Subscribe(ctx context.Context, fn func(data.Change)) (cancel func()) {
	sb := newSubscriber(fn)
	if !s.changes.add(sb) {
		return func() {}
	}
	go sb.run()
	if s.dialect == dialectPostgres {
		select {
		case <-s.changes.startListener(s.listen):
		case <-ctx.Done():
		case <-time.After(listenReadyWait):
		}
	}
	cancel = func() { s.changes.remove(sb) }
	if ctx.Done() != nil {
		go func() {
			select {
			case <-ctx.Done():
				cancel()
			case <-sb.done:
			}
		}()
	}
	return cancel
}

// RestartChangeListener makes the listener drop its connection and take a
// new one from the store's pool: call it after the pool was replaced (for
// example by one connecting as the logged-in user's own role). Nothing
// happens on SQLite or before the first Subscribe. The listener reads s.db
// only when it (re)connects, so replace the pool before calling this, and
// not while a reconnect may be under way without a lock around s.db.
func (s *Store) RestartChangeListener() {
	s.changes.mu.Lock()
	relisten := s.changes.relisten
	s.changes.mu.Unlock()
	if relisten != nil {
		relisten()
	}
}

// listen keeps one connection listening on PostgreSQL until ctx ends,
// reconnecting with a growing pause when the connection drops. Changes
// made while it was away are not replayed, so after a reconnect it reports
// an unknown change and screens reload everything they show.
func (s *Store) listen(ctx context.Context) {
	pause := listenRetryFirst
	first := true
	for ctx.Err() == nil {
		session, relisten := context.WithCancel(ctx)
		s.changes.mu.Lock()
		s.changes.relisten = relisten
		s.changes.mu.Unlock()
		listened := false
		_ = s.listenOn(session, func() {
			listened = true
			pause = listenRetryFirst
			s.changes.listens()
			if !first {
				s.changes.publish([]data.Change{{}})
			}
			first = false
		})
		restarted := session.Err() != nil && ctx.Err() == nil
		relisten()
		if restarted {
			continue // a new pool: connect again at once
		}
		if !listened {
			pause = min(pause*2, listenRetryMax)
		}
		select {
		case <-ctx.Done():
		case <-time.After(pause):
		}
	}
}

// listenOn takes one connection from the pool, listens on it and publishes
// what arrives until the connection fails or ctx ends. The connection is
// then closed rather than returned to the pool: a pooled connection must
// not go on listening.
func (s *Store) listenOn(ctx context.Context, ready func()) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("listen for changes: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("listen for changes: %w: not a pgx connection (%T)", driver.ErrBadConn, dc)
		}
		pc := sc.Conn()
		if _, err := pc.Exec(ctx, "SET application_name = '"+listenerName+"'"); err != nil {
			return fmt.Errorf("listen for changes: %w: %w", driver.ErrBadConn, err)
		}
		if _, err := pc.Exec(ctx, "LISTEN "+changeChannel); err != nil {
			return fmt.Errorf("listen for changes: %w: %w", driver.ErrBadConn, err)
		}
		ready()
		for {
			n, err := pc.WaitForNotification(ctx)
			if err != nil {
				return fmt.Errorf("listen for changes: %w: %w", driver.ErrBadConn, err)
			}
			if c, ok := parseChange(n.Payload); ok {
				s.changes.publish([]data.Change{c})
			}
		}
	})
}

// parseChange reads a notification's payload, "table:id".
func parseChange(payload string) (data.Change, bool) {
	table, id, ok := strings.Cut(payload, ":")
	if !ok || table == "" {
		return data.Change{}, false
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	return data.Change{Table: table, ID: data.ID(n)}, true
}

// SQLite: the writes of a transaction are noted while it runs and published
// once it committed; a write outside a transaction has committed when it
// returns.

// changesKey carries the running transaction's recorder in a context.
type changesKey struct{}

// changeRecorder collects the changes of one transaction.
type changeRecorder struct {
	mu      sync.Mutex
	changes []data.Change
}

func (r *changeRecorder) add(c data.Change) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.changes {
		if have == c {
			return
		}
	}
	r.changes = append(r.changes, c)
}

func (r *changeRecorder) taken() []data.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changes
}

// recordChanges gives a transaction's context a recorder, on SQLite; after
// a successful commit, publishChanges hands its changes to the subscribers.
func (s *Store) recordChanges(ctx context.Context) (context.Context, *changeRecorder) {
	if s.dialect != dialectSQLite {
		return ctx, nil
	}
	rec := &changeRecorder{}
	return context.WithValue(ctx, changesKey{}, rec), rec
}

func (s *Store) publishChanges(rec *changeRecorder) {
	if rec != nil {
		s.changes.publish(rec.taken())
	}
}

// recording wraps a SQLite connection or transaction so the store learns
// which watched tables its statements write.
func (s *Store) recording(q querier) querier {
	_, inTx := q.(*sql.Tx)
	return recordingQuerier{inner: q, hub: &s.changes, inTx: inTx}
}

type recordingQuerier struct {
	inner querier
	hub   *changeHub
	inTx  bool
}

func (r recordingQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := r.inner.ExecContext(ctx, query, args...)
	if err == nil {
		r.note(ctx, query)
	}
	return res, err
}

// QueryContext and QueryRowContext note writes too: inserts use RETURNING.
func (r recordingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := r.inner.QueryContext(ctx, query, args...)
	if err == nil {
		r.note(ctx, query)
	}
	return rows, err
}

func (r recordingQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := r.inner.QueryRowContext(ctx, query, args...)
	if row.Err() == nil {
		r.note(ctx, query)
	}
	return row
}

func (r recordingQuerier) note(ctx context.Context, query string) {
	table := writtenTable(query)
	if table == "" {
		return
	}
	c := data.Change{Table: table}
	if r.inTx {
		if rec, ok := ctx.Value(changesKey{}).(*changeRecorder); ok {
			rec.add(c)
			return
		}
	}
	r.hub.publish([]data.Change{c})
}

// writtenTables caches writtenTable's answers: the store's queries are a
// fixed set.
var writtenTables sync.Map

// writtenTable is the watched table an INSERT, UPDATE or DELETE writes;
// "" for a read or a table screens do not show.
func writtenTable(query string) string {
	if v, ok := writtenTables.Load(query); ok {
		return v.(string)
	}
	table := parseWrittenTable(query)
	writtenTables.Store(query, table)
	return table
}

func parseWrittenTable(query string) string {
	words := strings.Fields(strings.ToLower(query))
	if len(words) < 2 {
		return ""
	}
	var name string
	switch words[0] {
	case "insert", "replace":
		for i := 1; i+1 < len(words); i++ {
			if words[i] == "into" {
				name = words[i+1]
				break
			}
		}
	case "update":
		name = words[1]
		if name == "or" && len(words) > 3 { // UPDATE OR REPLACE t
			name = words[3]
		}
	case "delete":
		if words[1] == "from" && len(words) > 2 {
			name = words[2]
		}
	}
	name, _, _ = strings.Cut(name, "(")
	name = strings.Trim(name, `"`)
	for _, t := range watchedTables {
		if t == name {
			return t
		}
	}
	return ""
}
