package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mentorbog/data"
)

// Municipalities lists municipalities by id; archived ones only when asked.
func (s *Store) Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, name, address, ean, secure_email, archived, report_every_weeks, version
		FROM municipalities WHERE archived = 0 OR ? = 1 ORDER BY id`, boolInt(includeArchived))
	if err != nil {
		return nil, fmt.Errorf("list municipalities: %w", err)
	}
	defer rows.Close()
	var out []data.Municipality
	for rows.Next() {
		m, err := scanMunicipality(rows)
		if err != nil {
			return nil, fmt.Errorf("list municipalities: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Municipality reads one municipality.
func (s *Store) Municipality(ctx context.Context, id data.ID) (data.Municipality, error) {
	if err := s.require(ctx, permRead); err != nil {
		return data.Municipality{}, err
	}
	m, err := scanMunicipality(s.q(ctx).QueryRowContext(ctx, `SELECT id, name, address, ean,
		secure_email, archived, report_every_weeks, version FROM municipalities WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("read municipality %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("read municipality %d: %w", id, err)
	}
	return m, nil
}

func scanMunicipality(r scanner) (data.Municipality, error) {
	var m data.Municipality
	var archived int
	err := r.Scan(&m.ID, &m.Name, &m.Address, &m.EAN, &m.SecureEmail, &archived, &m.ReportEveryWeeks, &m.Version)
	m.Archived = archived == 1
	return m, err
}

// SaveMunicipality inserts or updates a municipality.
func (s *Store) SaveMunicipality(ctx context.Context, m *data.Municipality) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	if err := m.Validate().Err(); err != nil {
		return err
	}
	args := []any{m.Name, m.Address, m.EAN, m.SecureEmail, boolInt(m.Archived), m.ReportEveryWeeks}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if m.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO municipalities
				(name, address, ean, secure_email, archived, report_every_weeks) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save municipality: %w", err)
			}
			m.ID = id
			if err := s.stampInsert(ctx, "municipalities", id, &m.Version); err != nil {
				return fmt.Errorf("save municipality: %w", err)
			}
			s.auditChange(ctx, true, "kommune", id, 0, "")
			return nil
		}
		changes := ""
		if old, err := s.Municipality(ctx, m.ID); err == nil {
			changes = changedFields(old, *m)
		}
		err := s.updateVersioned(ctx, "municipalities", "kommune", m.ID, &m.Version, `name = ?, address = ?,
			ean = ?, secure_email = ?, archived = ?, report_every_weeks = ?`, args...)
		if err != nil {
			return fmt.Errorf("save municipality %d: %w", m.ID, err)
		}
		s.auditChange(ctx, false, "kommune", m.ID, 0, changes)
		return nil
	})
}

// Caseworkers lists the caseworkers of one municipality, or all when id is 0.
func (s *Store) Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, municipality_id, name, phone, email, archived, version
		FROM caseworkers WHERE municipality_id = ? OR ? = 0 ORDER BY id`, municipalityID, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list caseworkers: %w", err)
	}
	defer rows.Close()
	var out []data.Caseworker
	for rows.Next() {
		var c data.Caseworker
		var archived int
		if err := rows.Scan(&c.ID, &c.MunicipalityID, &c.Name, &c.Phone, &c.Email, &archived, &c.Version); err != nil {
			return nil, fmt.Errorf("list caseworkers: %w", err)
		}
		c.Archived = archived == 1
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCaseworker inserts or updates a caseworker.
func (s *Store) SaveCaseworker(ctx context.Context, c *data.Caseworker) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	if err := c.Validate().Err(); err != nil {
		return err
	}
	args := []any{c.MunicipalityID, c.Name, c.Phone, c.Email, boolInt(c.Archived)}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if c.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO caseworkers
				(municipality_id, name, phone, email, archived) VALUES (?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save caseworker: %w", err)
			}
			c.ID = id
			if err := s.stampInsert(ctx, "caseworkers", id, &c.Version); err != nil {
				return fmt.Errorf("save caseworker: %w", err)
			}
			s.auditChange(ctx, true, "sagsbehandler", id, 0, "")
			return nil
		}
		err := s.updateVersioned(ctx, "caseworkers", "sagsbehandler", c.ID, &c.Version, `municipality_id = ?, name = ?,
			phone = ?, email = ?, archived = ?`, args...)
		if err != nil {
			return fmt.Errorf("save caseworker %d: %w", c.ID, err)
		}
		s.auditChange(ctx, false, "sagsbehandler", c.ID, 0, "")
		return nil
	})
}

// MunicipalityHasHistory tells whether any course was ordered by the
// municipality: such a municipality is archived, never deleted.
func (s *Store) MunicipalityHasHistory(ctx context.Context, id data.ID) (bool, error) {
	if err := s.require(ctx, permRead); err != nil {
		return false, err
	}
	var n int
	err := s.q(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM courses WHERE municipality_id = ?", id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("municipality %d history: %w", id, err)
	}
	return n > 0, nil
}

// DeleteMunicipality removes a municipality without courses, with its
// caseworkers. One with courses gets data.ErrHasHistory: archive it instead.
func (s *Store) DeleteMunicipality(ctx context.Context, id data.ID) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		used, err := s.MunicipalityHasHistory(ctx, id)
		if err != nil {
			return err
		}
		if used {
			return fmt.Errorf("delete municipality %d: %w", id, data.ErrHasHistory)
		}
		if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM caseworkers WHERE municipality_id = ?", id); err != nil {
			return fmt.Errorf("delete municipality %d: %w", id, err)
		}
		if err := rowsAffected(s.q(ctx).ExecContext(ctx, "DELETE FROM municipalities WHERE id = ?", id)); err != nil {
			return fmt.Errorf("delete municipality %d: %w", id, err)
		}
		s.audit(ctx, "delete", 0, fmt.Sprintf("kommune %d (uden forløb)", id))
		return nil
	})
}
