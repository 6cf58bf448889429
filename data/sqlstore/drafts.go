package sqlstore

import (
	"context"
	"fmt"
	"time"

	"mentorbog/data"
)

// draftOwner is the user whose drafts the calls see: the logged-in user, or
// 0 before setup (a database without users).
func (s *Store) draftOwner(ctx context.Context) (data.ID, error) {
	if err := s.require(ctx, permRead); err != nil {
		return 0, err
	}
	u, _ := s.CurrentUser()
	return u.ID, nil
}

// SaveDraft stores (or replaces) one draft of the logged-in user, sealed.
func (s *Store) SaveDraft(ctx context.Context, d data.Draft) error {
	owner, err := s.draftOwner(ctx)
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if d.Kind == "" || d.Key == "" {
		return fmt.Errorf("save draft: kind and key are required")
	}
	if d.SavedAt.IsZero() {
		d.SavedAt = s.clock()()
	}
	title, payload := d.Title, d.Payload
	if err := s.sealAll(&title, &payload); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	_, err = s.q(ctx).ExecContext(ctx, `INSERT INTO drafts (user_id, kind, draft_key, title, payload, citizen_id, saved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, kind, draft_key) DO UPDATE SET
			title = excluded.title, payload = excluded.payload, citizen_id = excluded.citizen_id,
			saved_at = excluded.saved_at`,
		owner, d.Kind, d.Key, title, payload, d.CitizenID, d.SavedAt.Unix())
	if err != nil {
		return fmt.Errorf("save draft: %w", storageError(err))
	}
	return nil
}

// Drafts lists the logged-in user's drafts, newest first.
func (s *Store) Drafts(ctx context.Context) ([]data.Draft, error) {
	owner, err := s.draftOwner(ctx)
	if err != nil {
		return nil, fmt.Errorf("read drafts: %w", err)
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT kind, draft_key, title, payload, citizen_id, saved_at
		FROM drafts WHERE user_id = ? ORDER BY saved_at DESC, kind, draft_key`, owner)
	if err != nil {
		return nil, fmt.Errorf("read drafts: %w", err)
	}
	defer rows.Close()
	var out []data.Draft
	for rows.Next() {
		var d data.Draft
		var saved int64
		if err := rows.Scan(&d.Kind, &d.Key, &d.Title, &d.Payload, &d.CitizenID, &saved); err != nil {
			return nil, fmt.Errorf("read drafts: %w", err)
		}
		if err := s.openAll(&d.Title, &d.Payload); err != nil {
			return nil, fmt.Errorf("read drafts: %w", err)
		}
		d.SavedAt = time.Unix(saved, 0).In(data.Zone())
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read drafts: %w", err)
	}
	return out, nil
}

// DiscardDraft removes one draft of the logged-in user.
func (s *Store) DiscardDraft(ctx context.Context, kind, key string) error {
	owner, err := s.draftOwner(ctx)
	if err != nil {
		return fmt.Errorf("discard draft: %w", err)
	}
	_, err = s.q(ctx).ExecContext(ctx,
		"DELETE FROM drafts WHERE user_id = ? AND kind = ? AND draft_key = ?", owner, kind, key)
	if err != nil {
		return fmt.Errorf("discard draft: %w", storageError(err))
	}
	return nil
}

// purgeOldDrafts deletes every user's drafts older than data.DraftMaxAge;
// part of the retention run.
func (s *Store) purgeOldDrafts(ctx context.Context, counts map[string]int) error {
	cutoff := s.clock()().Add(-data.DraftMaxAge).Unix()
	res, err := s.q(ctx).ExecContext(ctx, "DELETE FROM drafts WHERE saved_at < ?", cutoff)
	if err != nil {
		return fmt.Errorf("purge old drafts: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		counts["kladde"] += int(n)
	}
	return nil
}
