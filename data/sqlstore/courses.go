package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mentorbog/data"
)

const courseColumns = `id, citizen_id, municipality_id, caseworker_id, instrument_id, mentor_id,
	order_ref, status, outcome, outcome_note, ordered_on, started_on, ended_on, usual_form, usual_place, version`

// Courses lists courses matching f, by id.
func (s *Store) Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "id")
	if f.CitizenID != 0 {
		w.add("citizen_id = ?", f.CitizenID)
	}
	if f.MentorID != 0 {
		w.add("mentor_id = ?", f.MentorID)
	}
	in(&w, "status", f.Statuses)
	in(&w, "id", f.IDs)
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+courseColumns+" FROM courses"+w.String()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list courses: %w", err)
	}
	defer rows.Close()
	var out []data.Course
	for rows.Next() {
		c, err := s.scanCourse(rows)
		if err != nil {
			return nil, fmt.Errorf("list courses: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Course reads one course.
func (s *Store) Course(ctx context.Context, id data.ID) (data.Course, error) {
	if err := s.requireCourse(ctx, id); err != nil {
		return data.Course{}, err
	}
	c, err := s.scanCourse(s.q(ctx).QueryRowContext(ctx, "SELECT "+courseColumns+" FROM courses WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("read course %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("read course %d: %w", id, err)
	}
	return c, nil
}

func (s *Store) scanCourse(r scanner) (data.Course, error) {
	var c data.Course
	var caseworker, instrument, mentor sql.NullInt64
	err := r.Scan(&c.ID, &c.CitizenID, &c.MunicipalityID, &caseworker, &instrument, &mentor,
		&c.OrderRef, &c.Status, &c.Outcome, &c.OutcomeNote, dateOf(&c.OrderedOn),
		dateOf(&c.StartedOn), dateOf(&c.EndedOn), &c.UsualForm, &c.UsualPlace, &c.Version)
	if err != nil {
		return c, err
	}
	c.CaseworkerID, c.InstrumentID, c.MentorID = idOf(caseworker), idOf(instrument), idOf(mentor)
	return c, s.openAll(&c.OutcomeNote)
}

// CourseSummaries lists every course in the user's scope, by id, with
// five columns each: Borgere reads all of them (18,000 at the largest
// benchmark size) to show each citizen's course, and whole courses cost
// four times the memory and their texts besides.
func (s *Store) CourseSummaries(ctx context.Context) ([]data.CourseSummary, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "id")
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT id, citizen_id, mentor_id, status, ordered_on FROM courses"+
		w.String()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list course summaries: %w", err)
	}
	defer rows.Close()
	var out []data.CourseSummary
	for rows.Next() {
		var c data.CourseSummary
		var mentor sql.NullInt64
		if err := rows.Scan(&c.ID, &c.CitizenID, &mentor, &c.Status, dateOf(&c.OrderedOn)); err != nil {
			return nil, fmt.Errorf("list course summaries: %w", err)
		}
		c.MentorID = idOf(mentor)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list course summaries: %w", err)
	}
	return out, nil
}

// SaveCourse inserts or updates a course. The primary mentor is not set
// here but with AssignMentor, which keeps the history.
func (s *Store) SaveCourse(ctx context.Context, c *data.Course) error {
	if err := c.Validate().Err(); err != nil {
		return err
	}
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	note := c.OutcomeNote
	if err := s.sealAll(&note); err != nil {
		return fmt.Errorf("save course: %w", err)
	}
	args := []any{c.CitizenID, c.MunicipalityID, nullID(c.CaseworkerID), nullID(c.InstrumentID),
		c.OrderRef, c.Status, c.Outcome, note, c.OrderedOn.String(), c.StartedOn.String(), c.EndedOn.String(),
		c.UsualForm, c.UsualPlace}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if c.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO courses (citizen_id,
				municipality_id, caseworker_id, instrument_id, order_ref, status, outcome, outcome_note,
				ordered_on, started_on, ended_on, usual_form, usual_place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save course: %w", err)
			}
			c.ID = id
			if err := s.stampInsert(ctx, "courses", id, &c.Version); err != nil {
				return fmt.Errorf("save course: %w", err)
			}
			s.auditChange(ctx, true, "forløb", id, id, "")
			return nil
		}
		changes := ""
		if old, err := s.Course(ctx, c.ID); err == nil {
			changes = changedFields(old, *c)
		}
		err := s.updateVersioned(ctx, "courses", "forløb", c.ID, &c.Version, `citizen_id = ?, municipality_id = ?,
			caseworker_id = ?, instrument_id = ?, order_ref = ?, status = ?, outcome = ?, outcome_note = ?,
			ordered_on = ?, started_on = ?, ended_on = ?, usual_form = ?, usual_place = ?`, args...)
		if err != nil {
			return fmt.Errorf("save course %d: %w", c.ID, err)
		}
		s.auditChange(ctx, false, "forløb", c.ID, c.ID, changes)
		return nil
	})
}

// AssignMentor makes mentorID the primary mentor from the given day: the
// current assignment ends the day before, carrying the handover note, and
// the course points at the new mentor. All in one transaction.
func (s *Store) AssignMentor(ctx context.Context, courseID, mentorID data.ID, from data.Date, handoverNote string) error {
	if err := s.require(ctx, permCoordinate); err != nil {
		return err
	}
	if from.IsZero() {
		return data.Problems{{Field: "from", Message: "Dato for mentorskiftet skal udfyldes."}}
	}
	if len([]rune(handoverNote)) > data.MaxLongText {
		return data.Problems{{Field: "handover_note", Message: fmt.Sprintf("Overdragelsesnoten er for lang (højst %d tegn).", data.MaxLongText)}}
	}
	note := handoverNote
	if err := s.sealAll(&note); err != nil {
		return fmt.Errorf("assign mentor: %w", err)
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		q := s.q(ctx)
		if _, err := q.ExecContext(ctx, `UPDATE course_mentors SET to_date = ?, handover_note = ?
			WHERE course_id = ? AND to_date = ''`, from.AddDays(-1).String(), note, courseID); err != nil {
			return fmt.Errorf("assign mentor: close current: %w", err)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO course_mentors (course_id, mentor_id, from_date)
			VALUES (?, ?, ?)`, courseID, mentorID, from.String()); err != nil {
			return fmt.Errorf("assign mentor: %w", err)
		}
		if err := rowsAffected(q.ExecContext(ctx, "UPDATE courses SET mentor_id = ? WHERE id = ?", mentorID, courseID)); err != nil {
			return fmt.Errorf("assign mentor: course %d: %w", courseID, err)
		}
		s.auditChange(ctx, false, "forløb", courseID, courseID, "mentorskift")
		return nil
	})
}

// MentorHistory lists a course's mentors, oldest first.
func (s *Store) MentorHistory(ctx context.Context, courseID data.ID) ([]data.MentorAssignment, error) {
	if err := s.requireCourse(ctx, courseID); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, course_id, mentor_id, from_date, to_date,
		handover_note FROM course_mentors WHERE course_id = ? ORDER BY from_date, id`, courseID)
	if err != nil {
		return nil, fmt.Errorf("list mentor history: %w", err)
	}
	defer rows.Close()
	var out []data.MentorAssignment
	for rows.Next() {
		var m data.MentorAssignment
		if err := rows.Scan(&m.ID, &m.CourseID, &m.MentorID, dateOf(&m.From), dateOf(&m.To), &m.HandoverNote); err != nil {
			return nil, fmt.Errorf("list mentor history: %w", err)
		}
		if err := s.openAll(&m.HandoverNote); err != nil {
			return nil, fmt.Errorf("list mentor history: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
