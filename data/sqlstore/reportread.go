package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"mentorbog/data"
)

// CitizenAuditing reads a citizen for a document, as Citizen does, with
// the same open_citizen audit entry, but without waiting for that entry's
// durable commit: the commit (an fsync on SQLite, a round trip and the
// server's fsync on PostgreSQL) runs while the caller reads the rest and
// renders. committed waits for it and returns its error, and the caller
// must not hand out what it made from the citizen before committed
// returned nil: a document whose read was not recorded is not produced.
// Unlike Citizen, a failing audit entry is an error here.
//
// Inside a transaction the entry joins it at once (a transaction is one
// connection and cannot serve two goroutines); committed then reports
// that append, and the transaction's own commit makes it durable.
func (s *Store) CitizenAuditing(ctx context.Context, id data.ID) (c data.Citizen, committed func() error, err error) {
	if err := s.requireCitizen(ctx, id); err != nil {
		return data.Citizen{}, nil, err
	}
	c, err = s.scanCitizen(s.q(ctx).QueryRowContext(ctx, "SELECT "+citizenColumns+" FROM citizens WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil, fmt.Errorf("read citizen %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return c, nil, fmt.Errorf("read citizen %d: %w", id, err)
	}
	u, _ := s.CurrentUser()
	entry := data.AuditEntry{UserID: u.ID, Username: u.Username, Action: "open_citizen", CitizenID: id}
	if _, inTx := ctx.Value(txKey{}).(*sql.Tx); inTx {
		err := s.Audit(ctx, entry)
		return c, func() error { return auditedRead(id, err) }, nil
	}
	done := make(chan error, 1) // buffered: the append ends even if nobody waits
	go func() { done <- s.Audit(ctx, entry) }()
	return c, sync.OnceValue(func() error { return auditedRead(id, <-done) }), nil
}

// auditedRead wraps the error of a citizen read's audit entry.
func auditedRead(id data.ID, err error) error {
	if err != nil {
		return fmt.Errorf("record the reading of citizen %d: %w", id, err)
	}
	return nil
}
