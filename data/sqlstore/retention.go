package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"mentorbog/data"
)

// RetentionMonths reads the retention setting (months after the last
// course ended); DefaultRetentionMonths when unset.
func (s *Store) RetentionMonths(ctx context.Context) (int, error) {
	v, err := s.Setting(ctx, "retention_months")
	if err != nil || v == "" {
		return data.DefaultRetentionMonths, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return data.DefaultRetentionMonths, nil
	}
	return n, nil
}

// RetentionPreview lists the citizens whose every course is closed and
// ended more than the retention period before today. Citizens with an open
// course, or a closed course without an end date, are never due.
func (s *Store) RetentionPreview(ctx context.Context, today data.Date) ([]data.RetentionCandidate, error) {
	if err := s.require(ctx, permAdmin); err != nil {
		return nil, err
	}
	months, err := s.RetentionMonths(ctx)
	if err != nil {
		return nil, err
	}
	cutoff := today.AddMonths(-months)
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT citizen_id, MAX(ended_on) FROM courses
		GROUP BY citizen_id
		HAVING SUM(CASE WHEN status IN ('afsluttet', 'afbrudt') AND ended_on <> '' THEN 0 ELSE 1 END) = 0
		   AND MAX(ended_on) < ?
		ORDER BY citizen_id`, cutoff.String())
	if err != nil {
		return nil, fmt.Errorf("retention preview: %w", err)
	}
	defer rows.Close()
	var out []data.RetentionCandidate
	for rows.Next() {
		var c data.RetentionCandidate
		if err := rows.Scan(&c.CitizenID, dateOf(&c.LastEnded)); err != nil {
			return nil, fmt.Errorf("retention preview: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RunRetention erases the citizens of the preview in one transaction and
// writes the deletion log. It returns how many citizens were erased.
func (s *Store) RunRetention(ctx context.Context, today data.Date) (int, error) {
	due, err := s.RetentionPreview(ctx, today)
	if err != nil {
		return 0, err
	}
	err = s.Atomically(ctx, func(ctx context.Context) error {
		counts := map[string]int{}
		for _, c := range due {
			if err := s.eraseCitizen(ctx, c.CitizenID, counts); err != nil {
				return err
			}
		}
		if err := s.purgeOldDrafts(ctx, counts); err != nil {
			return err
		}
		return s.logDeletions(ctx, "sletteregel: "+strconv.Itoa(len(due))+" borgere", counts)
	})
	if err != nil {
		return 0, err
	}
	s.audit(ctx, "retention_run", 0, fmt.Sprintf("%d borgere slettet", len(due)))
	return len(due), nil
}

// EraseCitizen deletes one citizen and everything about them ("Slet
// borger", a citizen's right to erasure). The audit log keeps its entries,
// which hold only the citizen's id.
func (s *Store) EraseCitizen(ctx context.Context, citizenID data.ID) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	err := s.Atomically(ctx, func(ctx context.Context) error {
		counts := map[string]int{}
		if err := s.eraseCitizen(ctx, citizenID, counts); err != nil {
			return err
		}
		if counts["borger"] == 0 {
			return fmt.Errorf("erase citizen %d: %w", citizenID, data.ErrNotFound)
		}
		return s.logDeletions(ctx, "slet borger", counts)
	})
	if err != nil {
		return err
	}
	s.audit(ctx, "delete", citizenID, "borger slettet med alle forløb, aftaler, mål og møder")
	return nil
}

// eraseSteps deletes children before parents, so foreign keys hold at
// every step. Each step deletes the rows of one citizen (bound twice where
// the statement needs it).
var eraseSteps = []struct{ kind, sql string }{
	{"dannet rapport", `DELETE FROM generated_reports WHERE COALESCE(citizen_id, (SELECT citizen_id FROM courses WHERE courses.id = generated_reports.course_id)) = ?`},
	{"rapportkommentar", `DELETE FROM report_comments WHERE report_id IN (SELECT id FROM reports WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?))`},
	{"rapport", `DELETE FROM reports WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"målnote", `DELETE FROM session_goals WHERE session_id IN (SELECT id FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?))`},
	{"scoring", `DELETE FROM goal_scores WHERE goal_id IN (SELECT id FROM goals WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?))`},
	{"aftalemål", `DELETE FROM agreement_goals WHERE agreement_id IN (SELECT id FROM agreements WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?))`},
	{"møde", `DELETE FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"mødeserie", `DELETE FROM session_series WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"mål", `DELETE FROM goals WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"forlængelse", `UPDATE agreements SET extends_id = NULL WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"mentoraftale", `DELETE FROM agreements WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"mentorskift", `DELETE FROM course_mentors WHERE course_id IN (SELECT id FROM courses WHERE citizen_id = ?)`},
	{"forløb", `DELETE FROM courses WHERE citizen_id = ?`},
	{"kladde", `DELETE FROM drafts WHERE citizen_id = ?`},
	{"borger", `DELETE FROM citizens WHERE id = ?`},
}

func (s *Store) eraseCitizen(ctx context.Context, citizenID data.ID, counts map[string]int) error {
	for _, step := range eraseSteps {
		res, err := s.q(ctx).ExecContext(ctx, step.sql, citizenID)
		if err != nil {
			return fmt.Errorf("erase citizen: %s: %w", step.kind, err)
		}
		if step.kind == "forlængelse" {
			continue // an update, not a deletion
		}
		n, _ := res.RowsAffected()
		counts[step.kind] += int(n)
	}
	return nil
}

// logDeletions writes one deletion-log line per kind that was deleted.
func (s *Store) logDeletions(ctx context.Context, reason string, counts map[string]int) error {
	u, _ := s.CurrentUser()
	now := s.clock()().Unix()
	for _, step := range eraseSteps {
		n := counts[step.kind]
		if n == 0 {
			continue
		}
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO deletion_log (at, actor, reason, kind, count)
			VALUES (?, ?, ?, ?, ?)`, now, u.Username, reason, step.kind, n); err != nil {
			return fmt.Errorf("deletion log: %w", err)
		}
	}
	return nil
}

// DeletionLog lists the deletion log, newest first (administrator only).
func (s *Store) DeletionLog(ctx context.Context) ([]data.Deletion, error) {
	if err := s.require(ctx, permAdmin); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT id, at, actor, reason, kind, count FROM deletion_log ORDER BY id DESC")
	if err != nil {
		return nil, fmt.Errorf("deletion log: %w", err)
	}
	defer rows.Close()
	var out []data.Deletion
	for rows.Next() {
		var d data.Deletion
		var at int64
		if err := rows.Scan(&d.ID, &at, &d.Actor, &d.Reason, &d.Kind, &d.Count); err != nil {
			return nil, fmt.Errorf("deletion log: %w", err)
		}
		d.At = timeOf(sqlNull(at))
		out = append(out, d)
	}
	return out, rows.Err()
}
