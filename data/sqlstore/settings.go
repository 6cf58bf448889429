package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Setting reads a named setting; "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	if err := s.require(ctx, permRead); err != nil {
		return "", err
	}
	err := s.q(ctx).QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a named setting (the upsert form both SQLite and
// PostgreSQL understand).
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	// The audit chain's anchor and tip are written only by the audit log
	// itself; overwriting them would hide a deletion.
	if strings.HasPrefix(key, "audit_") {
		return fmt.Errorf("indstillingen %s kan kun ændres af revisionsloggen", key)
	}
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	s.audit(ctx, "settings_changed", 0, key)
	return nil
}
