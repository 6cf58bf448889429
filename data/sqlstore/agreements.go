package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mentorbog/data"
)

const agreementColumns = `id, course_id, extends_id, start_date, end_date, hours_basis, granted_min,
	scope, rate_oere, goal, tasks, roles, legal_basis, complaint_guidance, signed_citizen,
	signed_municipality, signed_provider, mentor_id, version`

// Agreements lists the agreements of one course, or every agreement whose
// period contains activeOn when courseID is 0, by start date.
func (s *Store) Agreements(ctx context.Context, courseID data.ID, activeOn data.Date) ([]data.Agreement, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "course_id")
	if courseID != 0 {
		w.add("course_id = ?", courseID)
	}
	if !activeOn.IsZero() {
		w.add("start_date <= ? AND end_date >= ?", activeOn.String(), activeOn.String())
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+agreementColumns+" FROM agreements"+w.String()+
		" ORDER BY start_date, id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list agreements: %w", err)
	}
	var out []data.Agreement
	for rows.Next() {
		a, err := s.scanAgreement(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list agreements: %w", err)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list agreements: %w", err)
	}
	// Goal links are read after the rows are closed: SQLite connections in
	// a transaction cannot interleave two open result sets portably.
	if err := s.attachAgreementGoals(ctx, out, w); err != nil {
		return nil, err
	}
	return out, nil
}

// attachAgreementGoals reads the goal links of the listed agreements in one
// query with the same filter, instead of one query per agreement (Oversigt
// lists every running agreement).
func (s *Store) attachAgreementGoals(ctx context.Context, agreements []data.Agreement, w where) error {
	if len(agreements) == 0 {
		return nil
	}
	index := make(map[data.ID]int, len(agreements))
	for i, a := range agreements {
		index[a.ID] = i
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT agreement_id, goal_id FROM agreement_goals WHERE agreement_id IN (SELECT id FROM agreements"+
		w.String()+") ORDER BY agreement_id, goal_id", w.args...)
	if err != nil {
		return fmt.Errorf("list agreement goals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var agreementID, goalID data.ID
		if err := rows.Scan(&agreementID, &goalID); err != nil {
			return fmt.Errorf("list agreement goals: %w", err)
		}
		if i, ok := index[agreementID]; ok {
			agreements[i].GoalIDs = append(agreements[i].GoalIDs, goalID)
		}
	}
	return rows.Err()
}

// Agreement reads one agreement.
func (s *Store) Agreement(ctx context.Context, id data.ID) (data.Agreement, error) {
	a, err := s.scanAgreement(s.q(ctx).QueryRowContext(ctx, "SELECT "+agreementColumns+" FROM agreements WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("read agreement %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("read agreement %d: %w", id, err)
	}
	if err := s.requireCourse(ctx, a.CourseID); err != nil {
		return data.Agreement{}, err
	}
	a.GoalIDs, err = s.agreementGoals(ctx, id)
	return a, err
}

func (s *Store) scanAgreement(r scanner) (data.Agreement, error) {
	var a data.Agreement
	var extends, mentor sql.NullInt64
	err := r.Scan(&a.ID, &a.CourseID, &extends, dateOf(&a.Start), dateOf(&a.End), &a.HoursBasis,
		&a.GrantedMin, &a.Scope, &a.RateOere, &a.Goal, &a.Tasks, &a.Roles, &a.LegalBasis,
		&a.ComplaintGuidance, dateOf(&a.SignedCitizen), dateOf(&a.SignedMunicipality), dateOf(&a.SignedProvider), &mentor, &a.Version)
	if err != nil {
		return a, err
	}
	a.ExtendsID, a.MentorID = idOf(extends), idOf(mentor)
	return a, s.openAll(&a.Goal, &a.Tasks)
}

func (s *Store) agreementGoals(ctx context.Context, agreementID data.ID) ([]data.ID, error) {
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT goal_id FROM agreement_goals WHERE agreement_id = ? ORDER BY goal_id", agreementID)
	if err != nil {
		return nil, fmt.Errorf("list agreement goals: %w", err)
	}
	defer rows.Close()
	var ids []data.ID
	for rows.Next() {
		var id data.ID
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list agreement goals: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SaveAgreement inserts or updates an agreement and its goal links in one
// transaction.
func (s *Store) SaveAgreement(ctx context.Context, a *data.Agreement) error {
	if err := a.Validate().Err(); err != nil {
		return err
	}
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	goal, tasks := a.Goal, a.Tasks
	if err := s.sealAll(&goal, &tasks); err != nil {
		return fmt.Errorf("save agreement: %w", err)
	}
	args := []any{a.CourseID, nullID(a.ExtendsID), a.Start.String(), a.End.String(), a.HoursBasis,
		a.GrantedMin, a.Scope, a.RateOere, goal, tasks, a.Roles, a.LegalBasis, a.ComplaintGuidance,
		a.SignedCitizen.String(), a.SignedMunicipality.String(), a.SignedProvider.String(), nullID(a.MentorID)}
	created := a.ID == 0
	return s.Atomically(ctx, func(ctx context.Context) error {
		changes := ""
		if !created {
			if old, err := s.Agreement(ctx, a.ID); err == nil {
				changes = changedFields(old, *a)
			}
		}
		if a.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO agreements (course_id,
				extends_id, start_date, end_date, hours_basis, granted_min, scope, rate_oere, goal,
				tasks, roles, legal_basis, complaint_guidance, signed_citizen, signed_municipality,
				signed_provider, mentor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save agreement: %w", err)
			}
			a.ID = id
			if err := s.stampInsert(ctx, "agreements", id, &a.Version); err != nil {
				return fmt.Errorf("save agreement: %w", err)
			}
		} else {
			err := s.updateVersioned(ctx, "agreements", "mentoraftale", a.ID, &a.Version, `course_id = ?,
				extends_id = ?, start_date = ?, end_date = ?, hours_basis = ?, granted_min = ?,
				scope = ?, rate_oere = ?, goal = ?, tasks = ?, roles = ?, legal_basis = ?,
				complaint_guidance = ?, signed_citizen = ?, signed_municipality = ?,
				signed_provider = ?, mentor_id = ?`, args...)
			if err != nil {
				return fmt.Errorf("save agreement %d: %w", a.ID, err)
			}
		}
		if err := s.linkAgreementGoals(ctx, a.ID, a.GoalIDs); err != nil {
			return err
		}
		if err := s.saveAgreementHours(ctx, *a); err != nil {
			return err
		}
		s.auditChange(ctx, created, "mentoraftale", a.ID, a.CourseID, changes)
		return nil
	})
}

func (s *Store) linkAgreementGoals(ctx context.Context, agreementID data.ID, goalIDs []data.ID) error {
	if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM agreement_goals WHERE agreement_id = ?", agreementID); err != nil {
		return fmt.Errorf("save agreement goals: %w", err)
	}
	for _, g := range goalIDs {
		if _, err := s.q(ctx).ExecContext(ctx, "INSERT INTO agreement_goals (agreement_id, goal_id) VALUES (?, ?)", agreementID, g); err != nil {
			return fmt.Errorf("save agreement goal %d: %w", g, err)
		}
	}
	return nil
}
