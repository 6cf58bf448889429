package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"mentorbog/data"
)

// agreement_hours (migration 0014) holds, per agreement, its period as
// data.AgreementPeriod counts it, its granted total and held_min: the
// contact minutes of its course's held sessions planned to start in the
// period, data.Account's UsedMin. Triggers on sessions keep held_min up to
// date on every write of a session; saving an agreement writes its row
// (saveAgreementHours); migration 14 fills it for the agreements already
// there (fillAgreementHours); Copy recomputes it on the target.

// recomputeHeldMin sets every agreement's held minutes from its sessions:
// one statement, the same on both databases, each agreement one range of
// sessions_course_hours (which holds status and contact_min).
const recomputeHeldMin = `UPDATE agreement_hours SET held_min = (
	SELECT COALESCE(SUM(s.contact_min), 0) FROM sessions s
	WHERE s.course_id = agreement_hours.course_id AND s.status = 'gennemfoert'
		AND s.planned_start >= agreement_hours.period_from AND s.planned_start < agreement_hours.period_to)`

// agreementHoursRow is what agreement_hours holds of an agreement besides
// the held minutes.
type agreementHoursRow struct {
	id, course   data.ID
	start, end   string
	from, to     int64
	grantedTotal int
}

// agreementHoursOf works out the row of a: the period's bounds in unix
// seconds of the Danish day starts. An agreement without both dates has an
// empty period (Account counts no session for it either).
func agreementHoursOf(a data.Agreement) agreementHoursRow {
	r := agreementHoursRow{id: a.ID, course: a.CourseID, start: a.Start.String(), end: a.End.String(),
		grantedTotal: a.GrantedTotalMin()}
	if !a.Start.IsZero() && !a.End.IsZero() {
		p := data.AgreementPeriod(a)
		r.from, r.to = p.From.Unix(), p.To.Unix()
	}
	return r
}

func (r agreementHoursRow) args() []any {
	return []any{int64(r.id), int64(r.course), r.start, r.end, r.from, r.to, r.grantedTotal}
}

const agreementHoursColumns = "agreement_id, course_id, start_date, end_date, period_from, period_to, granted_total_min"

// saveAgreementHours writes agreement a's row after a is saved, in the
// same transaction, and sets its held minutes from the sessions. No
// session is written meanwhile: write transactions take turns on both
// databases (Atomically: IMMEDIATE on SQLite, the store's write lock on
// PostgreSQL), so the sum sees every session committed before it and the
// triggers add the ones written after.
func (s *Store) saveAgreementHours(ctx context.Context, a data.Agreement) error {
	r := agreementHoursOf(a)
	if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO agreement_hours (`+agreementHoursColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (agreement_id) DO UPDATE SET course_id = excluded.course_id, start_date = excluded.start_date,
			end_date = excluded.end_date, period_from = excluded.period_from, period_to = excluded.period_to,
			granted_total_min = excluded.granted_total_min`, r.args()...); err != nil {
		return fmt.Errorf("save agreement hours: %w", err)
	}
	if _, err := s.q(ctx).ExecContext(ctx, recomputeHeldMin+" WHERE agreement_id = ?", a.ID); err != nil {
		return fmt.Errorf("save agreement hours: %w", err)
	}
	return nil
}

// agreementHoursPerStatement is how many rows one insert of the migration
// writes: 7 parameters each, well under both databases' limits.
const agreementHoursPerStatement = 200

// fillAgreementHours is migration 14's Go step: a row for every agreement
// (the bounds need Danish time, which SQL cannot portably give), then
// every agreement's held minutes in one statement. It reads the table as
// the migration finds it, without the store's permission checks: the
// owner migrates.
func fillAgreementHours(ctx context.Context, s *Store) error {
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+runningAgreementColumns+" FROM agreements ORDER BY id")
	if err != nil {
		return fmt.Errorf("fill agreement hours: %w", err)
	}
	var all []agreementHoursRow
	for rows.Next() {
		var a data.Agreement
		if err := rows.Scan(runningAgreementFields(&a)...); err != nil {
			rows.Close()
			return fmt.Errorf("fill agreement hours: %w", err)
		}
		all = append(all, agreementHoursOf(a))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fill agreement hours: %w", err)
	}
	for chunk := range slices.Chunk(all, agreementHoursPerStatement) {
		values := make([]string, len(chunk))
		args := make([]any, 0, 7*len(chunk))
		for i, r := range chunk {
			values[i] = "(?, ?, ?, ?, ?, ?, ?)"
			args = append(args, r.args()...)
		}
		if _, err := s.q(ctx).ExecContext(ctx, "INSERT INTO agreement_hours ("+agreementHoursColumns+") VALUES "+
			strings.Join(values, ", "), args...); err != nil {
			return fmt.Errorf("fill agreement hours: %w", err)
		}
	}
	if _, err := s.q(ctx).ExecContext(ctx, recomputeHeldMin); err != nil {
		return fmt.Errorf("fill agreement hours: held minutes: %w", err)
	}
	return nil
}

// Conditions of the warnings' lists on agreement_hours h. usedAtLeast80 is
// word for word the predicate of the partial index agreement_hours_used,
// so that both databases read that index: 5 × used ≥ 4 × granted is
// UsedShare() ≥ 0.8 without rounding, and an agreement without granted
// hours has a share of 0 (data.Hours.UsedShare).
const (
	usedAtLeast80 = "h.granted_total_min > 0 AND h.held_min * 5 >= h.granted_total_min * 4"
	usedAll       = "h.held_min >= h.granted_total_min"
	// byUsedShare orders by UsedShare, largest first, as a float like
	// UsedShare computes it, then by id.
	byUsedShare = "CAST(h.held_min AS DOUBLE PRECISION) / h.granted_total_min DESC, h.agreement_id"
	// byEndDate orders the agreements ending soon: soonest first.
	byEndDate = "h.end_date, h.start_date, h.agreement_id"
)

// AgreementWarnings answers Oversigt's warnings from agreement_hours: for
// each list a count and its first limit agreements (with the fields
// RunningAgreements reads), in the user's scope. Each statement is a range
// of one index (the running agreements ending soon; the ones at 80 % or
// more), so the cost follows the warnings, not the running agreements.
func (s *Store) AgreementWarnings(ctx context.Context, today data.Date, endingDays, limit int) (data.AgreementWarnings, error) {
	var out data.AgreementWarnings
	if err := s.require(ctx, permRead); err != nil {
		return out, err
	}
	ending, over80, over100 := s.warningWheres(today, endingDays)
	var err error
	if out.Ending, out.EndingCount, err = s.warningList(ctx, ending, byEndDate, limit); err != nil {
		return out, err
	}
	if out.Over80, out.Over80Count, err = s.warningList(ctx, over80, byUsedShare, limit); err != nil {
		return out, err
	}
	if out.Over100, out.Over100Count, err = s.warningList(ctx, over100, byUsedShare, limit); err != nil {
		return out, err
	}
	return out, nil
}

// warningWheres are the conditions of the three lists on agreement_hours
// h: running on today and ending within endingDays; running and at 80 %
// or more but not all; running and at 100 % or more.
func (s *Store) warningWheres(today data.Date, endingDays int) (ending, over80, over100 where) {
	on := today.String()
	ending = s.warningWhere("h.end_date >= ? AND h.end_date <= ? AND h.start_date <= ?", on, today.AddDays(endingDays).String(), on)
	over80 = s.warningWhere("h.end_date >= ? AND h.start_date <= ? AND "+usedAtLeast80+" AND NOT ("+usedAll+")", on, on)
	over100 = s.warningWhere("h.end_date >= ? AND h.start_date <= ? AND "+usedAtLeast80+" AND "+usedAll, on, on)
	return ending, over80, over100
}

// warningWhere is a list's condition on agreement_hours h within the
// user's courses.
func (s *Store) warningWhere(cond string, args ...any) where {
	var w where
	w.add(cond, args...)
	s.scopeCourses(&w, "h.course_id")
	return w
}

// warningSQL counts the agreements matching w, and lists the first of
// them in order (the limit is the last parameter) with the agreements'
// fields (runningAgreementColumns of a, then the hours): only the listed
// ones' agreement rows are read.
func warningSQL(w where, order string) (count, list string) {
	count = "SELECT COUNT(*) FROM agreement_hours h" + w.String()
	list = `SELECT a.id, a.course_id, a.start_date, a.end_date, a.hours_basis, a.granted_min,
			h.granted_total_min, h.held_min
		FROM (SELECT h.agreement_id, h.granted_total_min, h.held_min, h.end_date, h.start_date FROM agreement_hours h` + w.String() + `
			ORDER BY ` + order + ` LIMIT ?) h
		JOIN agreements a ON a.id = h.agreement_id
		ORDER BY ` + order
	return count, list
}

// warningList counts the agreements matching w and reads the first limit
// of them in order.
func (s *Store) warningList(ctx context.Context, w where, order string, limit int) ([]data.AgreementUse, int, error) {
	countSQL, listSQL := warningSQL(w, order)
	var count int
	if err := s.q(ctx).QueryRowContext(ctx, countSQL, w.args...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("agreement warnings: %w", err)
	}
	if count == 0 || limit <= 0 {
		return nil, count, nil
	}
	rows, err := s.q(ctx).QueryContext(ctx, listSQL, append(slices.Clone(w.args), limit)...)
	if err != nil {
		return nil, 0, fmt.Errorf("agreement warnings: %w", err)
	}
	defer rows.Close()
	var list []data.AgreementUse
	for rows.Next() {
		var u data.AgreementUse
		a := &u.Agreement
		if err := rows.Scan(append(runningAgreementFields(a), &u.Hours.GrantedMin, &u.Hours.UsedMin)...); err != nil {
			return nil, 0, fmt.Errorf("agreement warnings: %w", err)
		}
		list = append(list, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("agreement warnings: %w", err)
	}
	return list, count, nil
}

// warningWhereList is warningWheres as a list, for the query-plan test.
func (s *Store) warningWhereList(today data.Date, endingDays int) []where {
	ending, over80, over100 := s.warningWheres(today, endingDays)
	return []where{ending, over80, over100}
}
