package sqlite

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
