package sqlstore

import (
	"context"
	"fmt"

	"mentorbog/data"
)

// BulkSessions inserts many new sessions at once, for the benchmark data
// generator only (data/demo's sizes): a million sessions saved one by one
// through SaveSession would take hours on an office PC, mostly in the
// per-row audit entry. The notes are sealed exactly as SaveSession seals
// them, so the database is as encrypted as one filled by hand, and the load
// is audited with one entry for the whole batch (the count, never values).
// Session goal notes are not written here. It needs a coordinator and runs
// in the caller's transaction when there is one.
func (s *Store) BulkSessions(ctx context.Context, sessions []data.Session) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	codec := s.codec()
	return s.Atomically(ctx, func(ctx context.Context) error {
		tx := s.q(ctx)
		for i := range sessions {
			ss := &sessions[i]
			if ss.ID != 0 {
				return fmt.Errorf("bulk sessions: session %d already saved", ss.ID)
			}
			if err := ss.Validate().Err(); err != nil {
				return fmt.Errorf("bulk sessions: row %d: %w", i+1, err)
			}
			note, err := codec.seal(ss.Note)
			if err != nil {
				return fmt.Errorf("bulk sessions: %w", err)
			}
			id, err := insertID(tx.QueryRowContext(ctx, `INSERT INTO sessions (course_id, mentor_id,
				planned_start, planned_end, actual_start, actual_end, status, form, place, contact_min,
				transport_min, admin_min, roles, note, series_id, registered_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				ss.CourseID, ss.MentorID, ss.PlannedStart.Unix(), ss.PlannedEnd.Unix(),
				unixOrNull(ss.ActualStart), unixOrNull(ss.ActualEnd), ss.Status, ss.Form, ss.Place,
				ss.ContactMin, ss.TransportMin, ss.AdminMin, ss.Roles, note, nullID(ss.SeriesID),
				unixOrNull(ss.RegisteredAt)))
			if err != nil {
				return fmt.Errorf("bulk sessions: row %d: %w", i+1, err)
			}
			ss.ID = id
		}
		s.audit(ctx, "create", 0, fmt.Sprintf("møder indlæst samlet: %d", len(sessions)))
		return nil
	})
}
