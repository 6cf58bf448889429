package sqlstore

import (
	"context"
	"fmt"
)

// Health is the result of a full check of the database.
type Health struct {
	SchemaVersion int
	LatestVersion int
	Integrity     []string // "ok" or SQLite's list of problems
	ForeignKeys   int      // rows that break a foreign key
}

// OK reports whether the database is healthy.
func (h Health) OK() bool {
	return h.SchemaVersion == h.LatestVersion && len(h.Integrity) == 1 && h.Integrity[0] == "ok" && h.ForeignKeys == 0
}

// Check runs SQLite's integrity and foreign-key checks and reads the schema
// version. It reads every page, so it is for `mentorbog check`, not start-up.
func (s *Store) Check(ctx context.Context) (Health, error) {
	h := Health{LatestVersion: LatestSchemaVersion()}
	var err error
	if h.SchemaVersion, err = s.schemaVersion(ctx); err != nil {
		return h, err
	}
	if s.dialect == dialectPostgres {
		return s.checkPostgres(ctx, h)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return h, fmt.Errorf("integrity check: %w", classifyOpenError(err))
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return h, fmt.Errorf("integrity check: %w", err)
		}
		h.Integrity = append(h.Integrity, line)
	}
	rows.Close()
	fk, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return h, fmt.Errorf("foreign key check: %w", err)
	}
	defer fk.Close()
	for fk.Next() {
		h.ForeignKeys++
	}
	return h, fk.Err()
}

// checkPostgres: the server keeps its pages and foreign keys itself; what a
// check can still find is a constraint left unvalidated (added NOT VALID by
// hand) or a table the schema expects that is gone.
func (s *Store) checkPostgres(ctx context.Context, h Health) (Health, error) {
	var unvalidated int
	err := s.pool().QueryRowContext(ctx, `SELECT count(*) FROM pg_constraint c
		JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = current_schema() AND NOT c.convalidated`).Scan(&unvalidated)
	if err != nil {
		return h, fmt.Errorf("integrity check: %w", err)
	}
	h.Integrity = []string{"ok"}
	for _, table := range []string{"citizens", "courses", "sessions", "audit_log", "users"} {
		if ok, err := s.tableExists(ctx, table); err != nil || !ok {
			h.Integrity = []string{fmt.Sprintf("tabellen %s mangler", table)}
			return h, err
		}
	}
	h.ForeignKeys = unvalidated
	return h, nil
}
