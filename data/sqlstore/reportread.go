package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"mentorbog/data"
)

// CitizenAuditing reads a citizen for a document, as Citizen does, with
// the same open_citizen audit entry, but without waiting for that entry's
// durable commit: the commit (an fsync on SQLite, a round trip and the
// server's fsync on PostgreSQL) runs while the caller reads the rest and
// renders. committed waits for it and returns its error, and the caller
// must not hand out what it made from the citizen before committed
// returned nil: a document whose read was not recorded is not produced.
// Unlike Citizen, a failing audit entry is an error here.
//
// Inside a transaction the entry joins it at once (a transaction is one
// connection and cannot serve two goroutines); committed then reports
// that append, and the transaction's own commit makes it durable.
func (s *Store) CitizenAuditing(ctx context.Context, id data.ID) (c data.Citizen, committed func() error, err error) {
	if c, err = s.readCitizen(ctx, id); err != nil {
		return c, nil, err
	}
	u, _ := s.CurrentUser()
	entry := data.AuditEntry{UserID: u.ID, Username: u.Username, Action: "open_citizen", CitizenID: id}
	if _, inTx := ctx.Value(txKey{}).(*sql.Tx); inTx {
		err := s.Audit(ctx, entry)
		return c, func() error { return auditedRead(id, err) }, nil
	}
	done := make(chan error, 1) // buffered: the append ends even if nobody waits
	go func() { done <- s.Audit(ctx, entry) }()
	return c, sync.OnceValue(func() error { return auditedRead(id, <-done) }), nil
}

// auditedRead wraps the error of a citizen read's audit entry.
func auditedRead(id data.ID, err error) error {
	if err != nil {
		return fmt.Errorf("record the reading of citizen %d: %w", id, err)
	}
	return nil
}

// CourseScores is every score of the course's goals by goal, each goal's
// in the order of Scores (by day, then id): what Scores returns for each
// of Goals(courseID), in one statement instead of two per goal (a round
// trip each on a server). Goals without scores are not in the map.
func (s *Store) CourseScores(ctx context.Context, courseID data.ID) (map[data.ID][]data.Score, error) {
	if err := s.requireCourse(ctx, courseID); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, goal_id, session_id, scored_on, value, note, version
		FROM goal_scores WHERE goal_id IN (SELECT id FROM goals WHERE course_id = ?)
		ORDER BY goal_id, scored_on, id`, courseID)
	if err != nil {
		return nil, fmt.Errorf("list the course's scores: %w", err)
	}
	defer rows.Close()
	out := map[data.ID][]data.Score{}
	for rows.Next() {
		sc, err := s.scanScore(rows)
		if err != nil {
			return nil, fmt.Errorf("list the course's scores: %w", err)
		}
		out[sc.GoalID] = append(out[sc.GoalID], sc)
	}
	return out, rows.Err()
}

// InstrumentScales lists the instruments as Instruments does but without
// their domains and anchors (two statements per instrument): a document
// prints only the course's instrument's scale.
func (s *Store) InstrumentScales(ctx context.Context) ([]data.Instrument, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT id, name, scale_min, scale_max, is_default, version FROM instruments ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list instruments: %w", err)
	}
	defer rows.Close()
	var out []data.Instrument
	for rows.Next() {
		var in data.Instrument
		var def int
		if err := rows.Scan(&in.ID, &in.Name, &in.ScaleMin, &in.ScaleMax, &def, &in.Version); err != nil {
			return nil, fmt.Errorf("list instruments: %w", err)
		}
		in.IsDefault = def == 1
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list instruments: %w", err)
	}
	return out, nil
}
