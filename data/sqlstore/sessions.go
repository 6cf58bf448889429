package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"mentorbog/data"
)

const sessionColumns = `id, course_id, mentor_id, planned_start, planned_end, actual_start,
	actual_end, status, form, place, contact_min, transport_min, admin_min, roles, note,
	series_id, registered_at, version`

// hoursOnlyColumns are sessionColumns with an empty note, for
// SessionFilter.HoursOnly: the empty string opens to itself unread.
const hoursOnlyColumns = `id, course_id, mentor_id, planned_start, planned_end, actual_start,
	actual_end, status, form, place, contact_min, transport_min, admin_min, roles, '',
	series_id, registered_at, version`

// Sessions lists sessions matching f by planned start.
func (s *Store) Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	q, args, w := s.sessionsQuery(f)
	out, err := s.querySessions(ctx, q, args)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	if f.HoursOnly {
		return out, nil
	}
	if err := s.attachSessionGoals(ctx, out, w); err != nil {
		return nil, err
	}
	return out, nil
}

// sessionsQuery is Sessions' statement for f (the columns HoursOnly asks
// for, by planned start, at most f.Limit) and its filter.
func (s *Store) sessionsQuery(f data.SessionFilter) (string, []any, where) {
	w := s.sessionWhere(f)
	columns := sessionColumns
	if f.HoursOnly {
		columns = hoursOnlyColumns
	}
	q, args := "SELECT "+columns+" FROM sessions"+w.String()+" ORDER BY planned_start, id", w.args
	if f.Limit > 0 {
		q, args = q+" LIMIT ?", append(slices.Clip(args), f.Limit)
	}
	return q, args, w
}

// querySessions reads the sessions a statement of session columns lists,
// and closes its rows before returning (a transaction's one connection is
// then free for the goal notes).
func (s *Store) querySessions(ctx context.Context, q string, args []any) ([]data.Session, error) {
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Session
	for rows.Next() {
		ss, err := s.scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

// CountSessions counts the sessions matching f (not its Limit), what the
// user may see only.
func (s *Store) CountSessions(ctx context.Context, f data.SessionFilter) (int, error) {
	if err := s.require(ctx, permRead); err != nil {
		return 0, err
	}
	w := s.sessionWhere(f)
	var n int
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions"+w.String(), w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count sessions: %w", err)
	}
	return n, nil
}

// sessionWhere is the filter f as SQL, limited to what the user may see.
func (s *Store) sessionWhere(f data.SessionFilter) where {
	var w where
	s.scopeCourses(&w, "course_id")
	if !f.From.IsZero() {
		w.add("planned_start >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		w.add("planned_start < ?", f.To.Unix())
	}
	if f.CourseID != 0 {
		w.add("course_id = ?", f.CourseID)
	}
	in(&w, "course_id", f.CourseIDs)
	in(&w, "mentor_id", f.MentorIDs)
	in(&w, "status", f.Statuses)
	return w
}

// attachSessionGoals reads the goal notes of the listed sessions in one
// query with the same filter, instead of one query per session.
func (s *Store) attachSessionGoals(ctx context.Context, sessions []data.Session, w where) error {
	if len(sessions) == 0 {
		return nil
	}
	index := make(map[data.ID]int, len(sessions))
	for i, ss := range sessions {
		index[ss.ID] = i
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT session_id, goal_id, note FROM session_goals WHERE session_id IN (SELECT id FROM sessions"+
		w.String()+") ORDER BY session_id, goal_id", w.args...)
	if err != nil {
		return fmt.Errorf("list session goals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sessionID data.ID
		var g data.SessionGoal
		if err := rows.Scan(&sessionID, &g.GoalID, &g.Note); err != nil {
			return fmt.Errorf("list session goals: %w", err)
		}
		if err := s.openAll(&g.Note); err != nil {
			return fmt.Errorf("list session goals: %w", err)
		}
		if i, ok := index[sessionID]; ok {
			sessions[i].Goals = append(sessions[i].Goals, g)
		}
	}
	return rows.Err()
}

// Session reads one session with its goals.
func (s *Store) Session(ctx context.Context, id data.ID) (data.Session, error) {
	list, err := s.sessionsWhere(ctx, "id = ?", id)
	if err != nil {
		return data.Session{}, fmt.Errorf("read session %d: %w", id, err)
	}
	if len(list) == 0 {
		return data.Session{}, fmt.Errorf("read session %d: %w", id, data.ErrNotFound)
	}
	if err := s.requireCourse(ctx, list[0].CourseID); err != nil {
		return data.Session{}, err
	}
	return list[0], nil
}

func (s *Store) sessionsWhere(ctx context.Context, cond string, args ...any) ([]data.Session, error) {
	w := where{conds: []string{cond}, args: args}
	out, err := s.querySessions(ctx, "SELECT "+sessionColumns+" FROM sessions"+w.String(), w.args)
	if err != nil {
		return nil, err
	}
	return out, s.attachSessionGoals(ctx, out, w)
}

func (s *Store) scanSession(r scanner) (data.Session, error) {
	var ss data.Session
	var plannedStart, plannedEnd int64
	var actualStart, actualEnd, series, registered sql.NullInt64
	err := r.Scan(&ss.ID, &ss.CourseID, &ss.MentorID, &plannedStart, &plannedEnd, &actualStart,
		&actualEnd, &ss.Status, &ss.Form, &ss.Place, &ss.ContactMin, &ss.TransportMin, &ss.AdminMin,
		&ss.Roles, &ss.Note, &series, &registered, &ss.Version)
	if err != nil {
		return ss, err
	}
	ss.PlannedStart = timeOf(sql.NullInt64{Int64: plannedStart, Valid: true})
	ss.PlannedEnd = timeOf(sql.NullInt64{Int64: plannedEnd, Valid: true})
	ss.ActualStart, ss.ActualEnd = timeOf(actualStart), timeOf(actualEnd)
	ss.SeriesID, ss.RegisteredAt = idOf(series), timeOf(registered)
	return ss, s.openAll(&ss.Note)
}

// SaveSession inserts or updates a session with its goal notes in one
// transaction. The commit is fsynced (synchronous=FULL): once this returns
// nil, the registration survives a crash or power cut.
func (s *Store) SaveSession(ctx context.Context, ss *data.Session) error {
	if err := ss.Validate().Err(); err != nil {
		return err
	}
	if err := s.requireCourse(ctx, ss.CourseID); err != nil {
		return err
	}
	if ss.ID != 0 {
		// Moving a session is checked against the course it comes from too.
		var from data.ID
		if err := s.q(ctx).QueryRowContext(ctx, "SELECT course_id FROM sessions WHERE id = ?", ss.ID).Scan(&from); err == nil && from != ss.CourseID {
			if err := s.requireCourse(ctx, from); err != nil {
				return err
			}
		}
	}
	note := ss.Note
	if err := s.sealAll(&note); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	args := []any{ss.CourseID, ss.MentorID, ss.PlannedStart.Unix(), ss.PlannedEnd.Unix(),
		unixOrNull(ss.ActualStart), unixOrNull(ss.ActualEnd), ss.Status, ss.Form, ss.Place,
		ss.ContactMin, ss.TransportMin, ss.AdminMin, ss.Roles, note, nullID(ss.SeriesID),
		unixOrNull(ss.RegisteredAt)}
	created := ss.ID == 0
	return s.Atomically(ctx, func(ctx context.Context) error {
		changes := ""
		if !created {
			if old, err := s.sessionsWhere(ctx, "id = ?", ss.ID); err == nil && len(old) == 1 {
				changes = changedFields(old[0], *ss)
			}
		}
		if ss.ID == 0 {
			id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO sessions (course_id, mentor_id,
				planned_start, planned_end, actual_start, actual_end, status, form, place, contact_min,
				transport_min, admin_min, roles, note, series_id, registered_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...))
			if err != nil {
				return fmt.Errorf("save session: %w", err)
			}
			ss.ID = id
			if err := s.stampInsert(ctx, "sessions", id, &ss.Version); err != nil {
				return fmt.Errorf("save session: %w", err)
			}
		} else if err := s.updateVersioned(ctx, "sessions", "møde", ss.ID, &ss.Version, `course_id = ?,
			mentor_id = ?, planned_start = ?, planned_end = ?, actual_start = ?, actual_end = ?,
			status = ?, form = ?, place = ?, contact_min = ?, transport_min = ?, admin_min = ?,
			roles = ?, note = ?, series_id = ?, registered_at = ?`, args...); err != nil {
			return fmt.Errorf("save session %d: %w", ss.ID, err)
		}
		if err := s.replaceSessionGoals(ctx, ss); err != nil {
			return err
		}
		s.auditChange(ctx, created, "møde", ss.ID, ss.CourseID, changes)
		return nil
	})
}

func (s *Store) replaceSessionGoals(ctx context.Context, ss *data.Session) error {
	if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM session_goals WHERE session_id = ?", ss.ID); err != nil {
		return fmt.Errorf("save session goals: %w", err)
	}
	for _, g := range ss.Goals {
		note := g.Note
		if err := s.sealAll(&note); err != nil {
			return fmt.Errorf("save session goals: %w", err)
		}
		if _, err := s.q(ctx).ExecContext(ctx, "INSERT INTO session_goals (session_id, goal_id, note) VALUES (?, ?, ?)",
			ss.ID, g.GoalID, note); err != nil {
			return fmt.Errorf("save session goal %d: %w", g.GoalID, err)
		}
	}
	return nil
}

// SaveSeries stores a recurring series and plans its sessions, all or
// nothing.
func (s *Store) SaveSeries(ctx context.Context, sr *data.Series) ([]data.Session, error) {
	if err := sr.Validate().Err(); err != nil {
		return nil, err
	}
	if err := s.requireCourse(ctx, sr.CourseID); err != nil {
		return nil, err
	}
	var planned []data.Session
	err := s.Atomically(ctx, func(ctx context.Context) error {
		id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO session_series (course_id, mentor_id,
			first_start, length_min, interval_weeks, until_date, form, place)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, sr.CourseID, sr.MentorID, sr.First.Unix(),
			sr.LengthMin, sr.IntervalWeeks, sr.Until.String(), sr.Form, sr.Place))
		if err != nil {
			return fmt.Errorf("save series: %w", err)
		}
		sr.ID = id
		if err := s.stampInsert(ctx, "session_series", id, &sr.Version); err != nil {
			return fmt.Errorf("save series: %w", err)
		}
		planned = sr.Sessions()
		for i := range planned {
			if err := s.SaveSession(ctx, &planned[i]); err != nil {
				return fmt.Errorf("save series: session %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		sr.ID = 0
		return nil, err
	}
	return planned, nil
}

// Series reads the rule of a series.
func (s *Store) Series(ctx context.Context, id data.ID) (data.Series, error) {
	var sr data.Series
	var first int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, course_id, mentor_id, first_start, length_min,
		interval_weeks, until_date, form, place, version FROM session_series WHERE id = ?`, id).Scan(&sr.ID,
		&sr.CourseID, &sr.MentorID, &first, &sr.LengthMin, &sr.IntervalWeeks, dateOf(&sr.Until), &sr.Form, &sr.Place, &sr.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return sr, fmt.Errorf("read series %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return sr, fmt.Errorf("read series %d: %w", id, err)
	}
	if err := s.requireCourse(ctx, sr.CourseID); err != nil {
		return data.Series{}, err
	}
	sr.First = timeOf(sql.NullInt64{Int64: first, Valid: true})
	return sr, nil
}

// SaveSessionAndLater saves ss and moves the later planned sessions of its
// series with it, in one transaction.
func (s *Store) SaveSessionAndLater(ctx context.Context, ss *data.Session) (int, error) {
	if ss.ID == 0 || ss.SeriesID == 0 {
		return 0, s.SaveSession(ctx, ss)
	}
	old, err := s.Session(ctx, ss.ID)
	if err != nil {
		return 0, fmt.Errorf("save series from session %d: %w", ss.ID, err)
	}
	edit := data.SeriesEdit{From: *ss, OldStart: old.PlannedStart, LengthMin: ss.PlannedMin()}
	moved := 0
	err = s.Atomically(ctx, func(ctx context.Context) error {
		later, err := s.sessionsWhere(ctx, "series_id = ? AND planned_start > ? AND status = ?",
			ss.SeriesID, old.PlannedStart.Unix(), data.SessionPlanned)
		if err != nil {
			return fmt.Errorf("save series from session %d: %w", ss.ID, err)
		}
		if err := s.SaveSession(ctx, ss); err != nil {
			return err
		}
		for _, l := range later {
			if l.ID == ss.ID {
				continue
			}
			next := edit.Apply(l)
			if err := s.SaveSession(ctx, &next); err != nil {
				return fmt.Errorf("save series: session %d: %w", l.ID, err)
			}
			moved++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}

// DeleteSession deletes one planned session. Held or registered sessions
// are refused (their registration is corrected instead); a mentor may
// delete only their own sessions.
func (s *Store) DeleteSession(ctx context.Context, id data.ID) error {
	return s.Atomically(ctx, func(ctx context.Context) error {
		ss, err := s.deletableSession(ctx, id)
		if err != nil {
			return err
		}
		return s.deleteSessionRow(ctx, ss)
	})
}

// DeleteSeriesFrom deletes the session and every later still-planned
// session of its series, in one transaction; registered sessions stay. The
// series then ends the day before (or goes, when nothing is left of it).
func (s *Store) DeleteSeriesFrom(ctx context.Context, id data.ID) (int, error) {
	deleted := 0
	err := s.Atomically(ctx, func(ctx context.Context) error {
		ss, err := s.deletableSession(ctx, id)
		if err != nil {
			return err
		}
		if ss.SeriesID == 0 {
			deleted = 1
			return s.deleteSessionRow(ctx, ss)
		}
		later, err := s.sessionsWhere(ctx, "series_id = ? AND planned_start >= ? AND status = ? AND registered_at IS NULL",
			ss.SeriesID, ss.PlannedStart.Unix(), data.SessionPlanned)
		if err != nil {
			return fmt.Errorf("delete series from session %d: %w", id, err)
		}
		for _, l := range later {
			if !l.Deletable() || s.checkSessionOwner(l) != nil {
				continue
			}
			if err := s.deleteSessionRow(ctx, l); err != nil {
				return err
			}
			deleted++
		}
		return s.shortenSeries(ctx, ss)
	})
	if err != nil {
		return 0, err
	}
	return deleted, nil
}

// deletableSession reads a session and checks it may be deleted by the
// logged-in user.
func (s *Store) deletableSession(ctx context.Context, id data.ID) (data.Session, error) {
	ss, err := s.Session(ctx, id)
	if err != nil {
		return ss, fmt.Errorf("delete session %d: %w", id, err)
	}
	if err := s.checkSessionOwner(ss); err != nil {
		return ss, fmt.Errorf("delete session %d: %w", id, err)
	}
	if !ss.Deletable() {
		return ss, fmt.Errorf("delete session %d: %w", id, data.ErrSessionNotPlanned)
	}
	return ss, nil
}

// checkSessionOwner lets a mentor delete only sessions they hold themselves;
// coordinators and administrators may delete any.
func (s *Store) checkSessionOwner(ss data.Session) error {
	if m := s.mentorScope(); m != 0 && ss.MentorID != m {
		return data.ErrForbidden
	}
	return nil
}

func (s *Store) deleteSessionRow(ctx context.Context, ss data.Session) error {
	// A planned session has no scores; a stray link must not block the delete.
	if _, err := s.q(ctx).ExecContext(ctx, "UPDATE goal_scores SET session_id = NULL WHERE session_id = ?", ss.ID); err != nil {
		return fmt.Errorf("delete session %d: %w", ss.ID, err)
	}
	if err := rowsAffected(s.q(ctx).ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", ss.ID)); err != nil {
		return fmt.Errorf("delete session %d: %w", ss.ID, err)
	}
	s.auditDelete(ctx, "møde", ss.ID, ss.CourseID)
	return nil
}

// shortenSeries ends a series the day before from's date, or deletes the
// rule when none of its sessions is left.
func (s *Store) shortenSeries(ctx context.Context, from data.Session) error {
	var left int
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions WHERE series_id = ?", from.SeriesID).Scan(&left); err != nil {
		return fmt.Errorf("shorten series %d: %w", from.SeriesID, err)
	}
	if left == 0 {
		if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM session_series WHERE id = ?", from.SeriesID); err != nil {
			return fmt.Errorf("delete series %d: %w", from.SeriesID, err)
		}
		s.auditDelete(ctx, "mødeserie", from.SeriesID, from.CourseID)
		return nil
	}
	until := data.DateOf(from.PlannedStart.In(data.Zone())).AddDays(-1)
	by, at := s.stamp()
	if _, err := s.q(ctx).ExecContext(ctx, `UPDATE session_series SET until_date = ?, version = version + 1,
		changed_by = ?, changed_at = ? WHERE id = ? AND until_date > ?`,
		until.String(), by, at, from.SeriesID, until.String()); err != nil {
		return fmt.Errorf("shorten series %d: %w", from.SeriesID, err)
	}
	s.auditChange(ctx, false, "mødeserie", from.SeriesID, from.CourseID, "until")
	return nil
}
