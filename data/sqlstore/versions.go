package sqlstore

// Optimistic concurrency: every editable row has a version (migration
// 0009), counted up by each save together with who saved and when. An
// update names the version it was read at; when the row has moved on, the
// update matches no row and the save is refused with a data.ConflictError
// naming the other user, inside the transaction, so nothing is written.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"mentorbog/data"
)

// changedBy is who saves now, for changed_by: the logged-in user's display
// name, or the username when it has none; empty in system mode (before
// setup), where the conflict message says "en anden bruger".
func (s *Store) changedBy() string {
	u, ok := s.CurrentUser()
	if !ok {
		return ""
	}
	if name := strings.TrimSpace(u.DisplayName); name != "" {
		return name
	}
	return u.Username
}

// stamp is the changed_by and changed_at of a save made now.
func (s *Store) stamp() (string, int64) {
	return s.changedBy(), s.clock()().Unix()
}

// updateVersioned updates one row of table from the version the caller
// read: set is the "column = ?, ..." list and args its values. The row's
// version goes up by one and *version follows it (put back if the
// transaction later rolls back, so the form can save again). A row that
// moved on gives a *data.ConflictError; a missing row data.ErrNotFound.
func (s *Store) updateVersioned(ctx context.Context, table, kind string, id data.ID, version *int64, set string, args ...any) error {
	by, at := s.stamp()
	res, err := s.q(ctx).ExecContext(ctx, "UPDATE "+table+" SET "+set+
		", version = version + 1, changed_by = ?, changed_at = ? WHERE id = ? AND version = ?",
		append(args, by, at, id, *version)...)
	if err != nil {
		return storageError(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return s.conflict(ctx, table, kind, id)
	}
	s.setVersion(ctx, version, *version+1)
	return nil
}

// stampInsert sets who created a row just inserted (version 1 by default).
func (s *Store) stampInsert(ctx context.Context, table string, id data.ID, version *int64) error {
	by, at := s.stamp()
	if _, err := s.q(ctx).ExecContext(ctx, "UPDATE "+table+" SET changed_by = ?, changed_at = ? WHERE id = ?", by, at, id); err != nil {
		return storageError(err)
	}
	s.setVersion(ctx, version, 1)
	return nil
}

// conflict explains why an update of table's row id matched nothing: the
// row is gone (data.ErrNotFound), or it was saved by someone else since it
// was read (*data.ConflictError with who and when).
func (s *Store) conflict(ctx context.Context, table, kind string, id data.ID) error {
	var by string
	var at int64
	err := s.q(ctx).QueryRowContext(ctx, "SELECT changed_by, changed_at FROM "+table+" WHERE id = ?", id).Scan(&by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return data.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("read newer version: %w", err)
	}
	ce := &data.ConflictError{Kind: kind, By: by}
	if at > 0 {
		ce.At = time.Unix(at, 0).In(data.Zone())
	}
	return ce
}

// setVersion moves a record's Version to v now and back if the
// transaction in ctx rolls back: a failed save leaves the record as the
// form read it, so saving again works.
func (s *Store) setVersion(ctx context.Context, version *int64, v int64) {
	old := *version
	*version = v
	onRollback(ctx, func() { *version = old })
}

// undoKey carries the running transaction's undo list in a context.
type undoKey struct{}

// undoList is what to put back in memory when a transaction rolls back.
type undoList struct{ steps []func() }

// onRollback registers fn to run if the transaction in ctx rolls back;
// outside a transaction the change is already final.
func onRollback(ctx context.Context, fn func()) {
	if u, ok := ctx.Value(undoKey{}).(*undoList); ok {
		u.steps = append(u.steps, fn)
	}
}

// run undoes in reverse order.
func (u *undoList) run() {
	for i := len(u.steps) - 1; i >= 0; i-- {
		u.steps[i]()
	}
	u.steps = nil
}

// waitForWriters queues a SQLite transaction behind the store's other
// ones and returns the function that lets the next one in. SQLite lets one
// writer in at a time and makes the others poll with growing sleeps, so
// with many saves at once (a busy screen, an import next to the calendar)
// an unlucky one could wait past the busy timeout and fail with "database
// is locked"; a queue in the process serves them in turn instead. Only
// this process writes the file (the instance lock), so the queue covers
// every writer. PostgreSQL queues on its advisory lock (lockWrites).
func (s *Store) waitForWriters() func() {
	if s.dialect != dialectSQLite {
		return func() {}
	}
	s.writers.Lock()
	return s.writers.Unlock
}

// writeLockKey is the PostgreSQL advisory lock every write transaction
// holds (see Atomically). Any fixed number works; this one spells "MBOG".
const writeLockKey = 0x4d424f47

// lockWrites takes the store's write lock for the transaction in ctx on
// PostgreSQL, held until it commits or rolls back. It is reentrant: the
// same transaction may take it again. SQLite needs none: its write
// transactions already begin IMMEDIATE, one at a time.
func (s *Store) lockWrites(ctx context.Context) error {
	if s.dialect != dialectPostgres {
		return nil
	}
	if _, err := s.q(ctx).ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(writeLockKey)); err != nil {
		return fmt.Errorf("lock for writing: %w", err)
	}
	return nil
}
