package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"mentorbog/data"
)

const mentorColumns = `id, name, phone, email, kind, qualifications, languages, competences,
	weekly_capacity_min, archived, version`

// Mentors lists mentors by id; archived ones only when asked.
func (s *Store) Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+mentorColumns+
		" FROM mentors WHERE archived = 0 OR ? = 1 ORDER BY id", boolInt(includeArchived))
	if err != nil {
		return nil, fmt.Errorf("list mentors: %w", err)
	}
	defer rows.Close()
	var out []data.Mentor
	for rows.Next() {
		m, err := scanMentor(rows)
		if err != nil {
			return nil, fmt.Errorf("list mentors: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Mentor reads one mentor.
func (s *Store) Mentor(ctx context.Context, id data.ID) (data.Mentor, error) {
	if err := s.require(ctx, permRead); err != nil {
		return data.Mentor{}, err
	}
	m, err := scanMentor(s.q(ctx).QueryRowContext(ctx, "SELECT "+mentorColumns+" FROM mentors WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("read mentor %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("read mentor %d: %w", id, err)
	}
	return m, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanMentor(r scanner) (data.Mentor, error) {
	var m data.Mentor
	var langs, comps string
	var archived int
	err := r.Scan(&m.ID, &m.Name, &m.Phone, &m.Email, &m.Kind, &m.Qualifications, &langs, &comps,
		&m.WeeklyCapacityMin, &archived, &m.Version)
	m.Languages, m.Competences, m.Archived = data.SplitList(langs), data.SplitList(comps), archived == 1
	return m, err
}

// SaveMentor inserts or updates a mentor.
func (s *Store) SaveMentor(ctx context.Context, m *data.Mentor) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	if err := m.Validate().Err(); err != nil {
		return err
	}
	args := []any{m.Name, m.Phone, m.Email, m.Kind, m.Qualifications,
		strings.Join(m.Languages, ", "), strings.Join(m.Competences, ", "),
		m.WeeklyCapacityMin, boolInt(m.Archived)}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if m.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO mentors (name, phone, email, kind,
				qualifications, languages, competences, weekly_capacity_min, archived)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save mentor: %w", err)
			}
			m.ID = id
			if err := s.stampInsert(ctx, "mentors", id, &m.Version); err != nil {
				return fmt.Errorf("save mentor: %w", err)
			}
			s.auditChange(ctx, true, "mentor", id, 0, "")
			return nil
		}
		changes := ""
		if old, err := s.Mentor(ctx, m.ID); err == nil {
			changes = changedFields(old, *m)
		}
		err := s.updateVersioned(ctx, "mentors", "mentor", m.ID, &m.Version, `name = ?, phone = ?, email = ?,
			kind = ?, qualifications = ?, languages = ?, competences = ?, weekly_capacity_min = ?,
			archived = ?`, args...)
		if err != nil {
			return fmt.Errorf("save mentor %d: %w", m.ID, err)
		}
		s.auditChange(ctx, false, "mentor", m.ID, 0, changes)
		return nil
	})
}

// MentorHasHistory tells whether a mentor has ever been on a course, held a
// session or been linked to a user: such a mentor is archived, never
// deleted, so old courses and reports keep their mentor.
func (s *Store) MentorHasHistory(ctx context.Context, id data.ID) (bool, error) {
	if err := s.require(ctx, permRead); err != nil {
		return false, err
	}
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM courses WHERE mentor_id = ?) +
		(SELECT COUNT(*) FROM course_mentors WHERE mentor_id = ?) +
		(SELECT COUNT(*) FROM sessions WHERE mentor_id = ?) +
		(SELECT COUNT(*) FROM users WHERE mentor_id = ?)`, id, id, id, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("mentor %d history: %w", id, err)
	}
	return n > 0, nil
}

// DeleteMentor removes a mentor who has no history (typed in by mistake).
// A mentor with history gets data.ErrHasHistory: archive them instead.
func (s *Store) DeleteMentor(ctx context.Context, id data.ID) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	used, err := s.MentorHasHistory(ctx, id)
	if err != nil {
		return err
	}
	if used {
		return fmt.Errorf("delete mentor %d: %w", id, data.ErrHasHistory)
	}
	if err := rowsAffected(s.q(ctx).ExecContext(ctx, "DELETE FROM mentors WHERE id = ?", id)); err != nil {
		return fmt.Errorf("delete mentor %d: %w", id, err)
	}
	s.audit(ctx, "delete", 0, fmt.Sprintf("mentor %d (uden historik)", id))
	return nil
}
