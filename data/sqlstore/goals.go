package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"mentorbog/data"
)

// Instruments lists the progression instruments with their domains and anchors.
func (s *Store) Instruments(ctx context.Context) ([]data.Instrument, error) {
	// The list is read and closed before the details, so a transaction's
	// one connection is free for them.
	out, err := s.InstrumentScales(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.readInstrumentDetails(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) readInstrumentDetails(ctx context.Context, in *data.Instrument) error {
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT name FROM instrument_domains WHERE instrument_id = ? ORDER BY position", in.ID)
	if err != nil {
		return fmt.Errorf("read instrument domains: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("read instrument domains: %w", err)
		}
		in.Domains = append(in.Domains, name)
	}
	rows.Close()
	rows, err = s.q(ctx).QueryContext(ctx, "SELECT value, text FROM instrument_anchors WHERE instrument_id = ?", in.ID)
	if err != nil {
		return fmt.Errorf("read instrument anchors: %w", err)
	}
	defer rows.Close()
	in.Anchors = map[int]string{}
	for rows.Next() {
		var v int
		var text string
		if err := rows.Scan(&v, &text); err != nil {
			return fmt.Errorf("read instrument anchors: %w", err)
		}
		in.Anchors[v] = text
	}
	return rows.Err()
}

// SaveInstrument inserts or updates an instrument with its domains and anchors.
func (s *Store) SaveInstrument(ctx context.Context, in *data.Instrument) error {
	if err := in.Validate().Err(); err != nil {
		return err
	}
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		q := s.q(ctx)
		if in.IsDefault {
			if _, err := q.ExecContext(ctx, "UPDATE instruments SET is_default = 0"); err != nil {
				return fmt.Errorf("save instrument: %w", err)
			}
		}
		args := []any{in.Name, in.ScaleMin, in.ScaleMax, boolInt(in.IsDefault)}
		if in.ID == 0 {
			id, err := insertID(q.QueryRowContext(ctx, `INSERT INTO instruments (name, scale_min, scale_max,
				is_default) VALUES (?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save instrument: %w", err)
			}
			in.ID = id
			if err := s.stampInsert(ctx, "instruments", id, &in.Version); err != nil {
				return fmt.Errorf("save instrument: %w", err)
			}
		} else if err := s.updateVersioned(ctx, "instruments", "værktøj", in.ID, &in.Version, `name = ?, scale_min = ?,
			scale_max = ?, is_default = ?`, args...); err != nil {
			return fmt.Errorf("save instrument %d: %w", in.ID, err)
		}
		return s.replaceInstrumentDetails(ctx, in)
	})
}

func (s *Store) replaceInstrumentDetails(ctx context.Context, in *data.Instrument) error {
	q := s.q(ctx)
	for _, table := range []string{"instrument_domains", "instrument_anchors"} {
		if _, err := q.ExecContext(ctx, "DELETE FROM "+table+" WHERE instrument_id = ?", in.ID); err != nil {
			return fmt.Errorf("save instrument details: %w", err)
		}
	}
	for i, d := range in.Domains {
		if _, err := q.ExecContext(ctx, "INSERT INTO instrument_domains (instrument_id, position, name) VALUES (?, ?, ?)", in.ID, i+1, d); err != nil {
			return fmt.Errorf("save instrument domain: %w", err)
		}
	}
	values := make([]int, 0, len(in.Anchors))
	for v := range in.Anchors {
		values = append(values, v)
	}
	sort.Ints(values) // deterministic insert order
	for _, v := range values {
		if _, err := q.ExecContext(ctx, "INSERT INTO instrument_anchors (instrument_id, value, text) VALUES (?, ?, ?)", in.ID, v, in.Anchors[v]); err != nil {
			return fmt.Errorf("save instrument anchor: %w", err)
		}
	}
	return nil
}

// Goals lists the goals of a course.
func (s *Store) Goals(ctx context.Context, courseID data.ID) ([]data.Goal, error) {
	if err := s.requireCourse(ctx, courseID); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, course_id, title, description, domain, created_on,
		achieved, version FROM goals WHERE course_id = ? ORDER BY id`, courseID)
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	defer rows.Close()
	var out []data.Goal
	for rows.Next() {
		var g data.Goal
		var achieved int
		if err := rows.Scan(&g.ID, &g.CourseID, &g.Title, &g.Description, &g.Domain, dateOf(&g.CreatedOn), &achieved, &g.Version); err != nil {
			return nil, fmt.Errorf("list goals: %w", err)
		}
		g.Achieved = achieved == 1
		if err := s.openAll(&g.Title, &g.Description); err != nil {
			return nil, fmt.Errorf("list goals: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// SaveGoal inserts or updates a goal.
func (s *Store) SaveGoal(ctx context.Context, g *data.Goal) error {
	if err := g.Validate().Err(); err != nil {
		return err
	}
	if err := s.requireCourse(ctx, g.CourseID); err != nil {
		return err
	}
	title, desc := g.Title, g.Description
	if err := s.sealAll(&title, &desc); err != nil {
		return fmt.Errorf("save goal: %w", err)
	}
	args := []any{g.CourseID, title, desc, g.Domain, g.CreatedOn.String(), boolInt(g.Achieved)}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if g.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO goals (course_id, title, description,
				domain, created_on, achieved) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save goal: %w", err)
			}
			g.ID = id
			if err := s.stampInsert(ctx, "goals", id, &g.Version); err != nil {
				return fmt.Errorf("save goal: %w", err)
			}
			s.auditChange(ctx, true, "mål", id, g.CourseID, "")
			return nil
		}
		if err := s.updateVersioned(ctx, "goals", "mål", g.ID, &g.Version, `course_id = ?, title = ?,
			description = ?, domain = ?, created_on = ?, achieved = ?`, args...); err != nil {
			return fmt.Errorf("save goal %d: %w", g.ID, err)
		}
		s.auditChange(ctx, false, "mål", g.ID, g.CourseID, "")
		return nil
	})
}

// Scores lists a goal's scores, oldest first.
func (s *Store) Scores(ctx context.Context, goalID data.ID) ([]data.Score, error) {
	if err := s.requireGoal(ctx, goalID); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, goal_id, session_id, scored_on, value, note, version
		FROM goal_scores WHERE goal_id = ? ORDER BY scored_on, id`, goalID)
	if err != nil {
		return nil, fmt.Errorf("list scores: %w", err)
	}
	defer rows.Close()
	var out []data.Score
	for rows.Next() {
		sc, err := s.scanScore(rows)
		if err != nil {
			return nil, fmt.Errorf("list scores: %w", err)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// scanScore scans one row of "id, goal_id, session_id, scored_on, value,
// note, version" from goal_scores and opens the note (Scores,
// CourseScores).
func (s *Store) scanScore(r scanner) (data.Score, error) {
	var sc data.Score
	var session sql.NullInt64
	if err := r.Scan(&sc.ID, &sc.GoalID, &session, dateOf(&sc.On), &sc.Value, &sc.Note, &sc.Version); err != nil {
		return sc, err
	}
	sc.SessionID = idOf(session)
	return sc, s.openAll(&sc.Note)
}

// SaveScore inserts or updates a score, checked against the scale of the
// goal's course instrument (the default instrument when none is chosen).
func (s *Store) SaveScore(ctx context.Context, sc *data.Score) error {
	if err := s.requireGoal(ctx, sc.GoalID); err != nil {
		return err
	}
	in, err := s.instrumentOfGoal(ctx, sc.GoalID)
	if err != nil {
		return err
	}
	if err := sc.ValidateOn(in).Err(); err != nil {
		return err
	}
	note := sc.Note
	if err := s.sealAll(&note); err != nil {
		return fmt.Errorf("save score: %w", err)
	}
	args := []any{sc.GoalID, nullID(sc.SessionID), sc.On.String(), sc.Value, note}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if sc.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO goal_scores (goal_id, session_id,
				scored_on, value, note) VALUES (?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save score: %w", err)
			}
			sc.ID = id
			if err := s.stampInsert(ctx, "goal_scores", id, &sc.Version); err != nil {
				return fmt.Errorf("save score: %w", err)
			}
			return nil
		}
		if err := s.updateVersioned(ctx, "goal_scores", "score", sc.ID, &sc.Version, `goal_id = ?, session_id = ?,
			scored_on = ?, value = ?, note = ?`, args...); err != nil {
			return fmt.Errorf("save score %d: %w", sc.ID, err)
		}
		return nil
	})
}

// instrumentOfGoal finds the scale a goal is scored on.
func (s *Store) instrumentOfGoal(ctx context.Context, goalID data.ID) (data.Instrument, error) {
	var in data.Instrument
	err := s.q(ctx).QueryRowContext(ctx, `SELECT i.id, i.name, i.scale_min, i.scale_max FROM goals g
		JOIN courses c ON c.id = g.course_id
		JOIN instruments i ON i.id = COALESCE(c.instrument_id, (SELECT id FROM instruments WHERE is_default = 1 ORDER BY id LIMIT 1))
		WHERE g.id = ?`, goalID).Scan(&in.ID, &in.Name, &in.ScaleMin, &in.ScaleMax)
	if err != nil {
		return in, data.Problems{{Field: "goal", Message: "Målet findes ikke, eller forløbet har intet progressionsværktøj."}}
	}
	return in, nil
}

// requireGoal applies the course rule to a goal's course.
func (s *Store) requireGoal(ctx context.Context, goalID data.ID) error {
	var courseID data.ID
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT course_id FROM goals WHERE id = ?", goalID).Scan(&courseID); err != nil {
		if err := s.require(ctx, permRead); err != nil {
			return err
		}
		return data.Problems{{Field: "goal", Message: "Målet findes ikke."}}
	}
	return s.requireCourse(ctx, courseID)
}
