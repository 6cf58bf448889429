package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mentorbog/data"
)

// maxListArgs is how many ids one IN list or VALUES list holds: well under
// the placeholder limits of SQLite (32,766; 999 before 3.32) and PostgreSQL.
const maxListArgs = 200

// uniqueIDs is ids without zeros and repeats, in ascending order.
func uniqueIDs(ids []data.ID) []data.ID {
	out := slices.DeleteFunc(slices.Clone(ids), func(id data.ID) bool { return id == 0 })
	slices.Sort(out)
	return slices.Compact(out)
}

// periodsPerStatement is how many periods one SessionTotals statement
// sums at most: 4 parameters each, so 2,000 parameters, well under the
// limits of SQLite (32,766) and PostgreSQL (65,535). Fewer, larger
// statements cost less to prepare and run than many small ones.
const periodsPerStatement = 500

// parallelSums is how many SessionTotals statements run at once at most
// (fewer on fewer processors): the connections database/sql keeps idle
// (two by default), so the sums never open a connection to close it again.
const parallelSums = 2

// minPeriodsPerStatement keeps the statements worth their overhead when
// the periods are shared out between connections.
const minPeriodsPerStatement = 50

// SessionTotals sums, for each period, the hours of the sessions of its
// course planned to start in it: one range per period in
// sessions_course_hours (migration 0012, which holds the summed columns),
// summed by the database, so no session row or note is read. A mentor gets
// only the totals of their own courses. The totals come by Key; a period
// without sessions has none.
//
// Outside a transaction the statements run at the same time on the pool's
// connections (SQLite in WAL mode and PostgreSQL read in parallel), up to
// parallelSums at once: summing the sessions of thousands of agreements is
// CPU work in the database. Inside one they run one after the other on the
// transaction's connection.
func (s *Store) SessionTotals(ctx context.Context, periods []data.SessionPeriod) ([]data.SessionTotals, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	return s.sumInChunks(ctx, periods, s.sumPeriods)
}

// sumInChunks sorts the periods by Key, shares them out in statements of
// at most periodsPerStatement and runs sum on each, up to parallelSums at
// once outside a transaction and one after the other inside one (a
// transaction is one connection); the answers come in order of Key.
func (s *Store) sumInChunks(ctx context.Context, periods []data.SessionPeriod,
	sum func(context.Context, []data.SessionPeriod) ([]data.SessionTotals, error)) ([]data.SessionTotals, error) {
	_, inTx := ctx.Value(txKey{}).(*sql.Tx)
	workers := 1
	if !inTx {
		workers = min(runtime.GOMAXPROCS(0), parallelSums)
	}
	// In order of Key, so that the statements' answers, each ordered by
	// Key, follow one another in that order too.
	byKey := slices.Clone(periods)
	slices.SortFunc(byKey, func(a, b data.SessionPeriod) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.CourseID, b.CourseID), a.From.Compare(b.From), a.To.Compare(b.To))
	})
	chunks := slices.Collect(slices.Chunk(byKey, periodsPerChunk(len(byKey), workers)))
	parts := make([][]data.SessionTotals, len(chunks))
	if err := inParallel(min(workers, len(chunks)), len(chunks), func(i int) (err error) {
		parts[i], err = sum(ctx, chunks[i])
		return err
	}); err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

// periodsPerChunk shares n periods out in as few statements as the
// parameter limit allows, but at least one per worker, of about the same
// size.
func periodsPerChunk(n, workers int) int {
	chunks := max((n+periodsPerStatement-1)/periodsPerStatement, min(workers, n/minPeriodsPerStatement), 1)
	return max((n+chunks-1)/chunks, 1)
}

// inParallel runs do(0) to do(n-1) on at most workers goroutines (on the
// caller's alone when workers is 1) and returns their errors joined.
func inParallel(workers, n int, do func(i int) error) error {
	if workers <= 1 {
		for i := range n {
			if err := do(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				errs[i] = do(i)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// sumPeriods is the totals of one statement's periods.
func (s *Store) sumPeriods(ctx context.Context, periods []data.SessionPeriod) ([]data.SessionTotals, error) {
	var out []data.SessionTotals
	q, args := s.sessionTotalsQuery(periods)
	if err := s.readSessionTotals(ctx, q, args, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// sessionTotalsQuery sums each period's sessions as data.Hours.add counts
// a session: held ones count and use their contact time, planned ones
// their planned length (end minus start in whole minutes per session, as
// Session.PlannedMin), the others count, and every status's transport and
// admin time is recorded.
func (s *Store) sessionTotalsQuery(periods []data.SessionPeriod) (string, []any) {
	return s.periodsQuery(periods, countOf(data.SessionHeld)+`, `+sumOf("s.contact_min", data.SessionHeld)+`,
			`+sumOf("(s.planned_end - s.planned_start) / 60", data.SessionPlanned)+`,
			`+countOf(data.SessionNoShow)+`, `+countOf(data.SessionCancelledCitizen)+`, `+countOf(data.SessionCancelledMentor)+`,
			CAST(SUM(s.transport_min) AS BIGINT), CAST(SUM(s.admin_min) AS BIGINT)`)
}

// periodsQuery joins the periods, given as a VALUES list (cast, so
// PostgreSQL knows their types), with the sessions of each period's course
// and selects the period's key and sums per period.
//
// One row per period, not per period and status: the periods are read in
// order of key, which the grouping follows, so SQLite sums each period as
// its index range is read instead of sorting every session's row first
// (the sort took half the time at 38,000 sessions). A status belongs in
// the sums' FILTER, never in the join: SQLite then plans the join by
// status and takes ten times as long.
func (s *Store) periodsQuery(periods []data.SessionPeriod, sums string) (string, []any) {
	rows := make([]string, len(periods))
	args := make([]any, 0, 4*len(periods)+1)
	for i, p := range periods {
		// The first row's types are the list's (PostgreSQL coerces the
		// other rows' parameters to them); casting only it keeps the
		// statement short to parse.
		rows[i] = "(?, ?, ?, ?)"
		if i == 0 {
			rows[i] = "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
		}
		args = append(args, int64(p.Key), int64(p.CourseID), p.From.Unix(), p.To.Unix())
	}
	var w where
	w.add("s.course_id = p.course_id AND s.planned_start >= p.period_from AND s.planned_start < p.period_to")
	s.scopeCourses(&w, "s.course_id")
	args = append(args, w.args...)
	return `WITH periods (period_key, course_id, period_from, period_to) AS (VALUES ` + strings.Join(rows, ", ") + `)
		SELECT p.period_key, ` + sums + `
		FROM (SELECT period_key, course_id, period_from, period_to FROM periods ORDER BY period_key) p
		JOIN sessions s ON ` + strings.Join(w.conds, " AND ") + `
		GROUP BY p.period_key ORDER BY p.period_key`, args
}

// countOf counts the joined sessions of one status.
func countOf(status data.SessionStatus) string {
	return "COUNT(*) FILTER (WHERE s.status = '" + string(status) + "')"
}

// sumOf sums expr over the joined sessions of one status (0 for none).
func sumOf(expr string, status data.SessionStatus) string {
	return "CAST(COALESCE(SUM(" + expr + ") FILTER (WHERE s.status = '" + string(status) + "'), 0) AS BIGINT)"
}

func (s *Store) readSessionTotals(ctx context.Context, q string, args []any, out *[]data.SessionTotals) error {
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sum sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t data.SessionTotals
		h := &t.Hours
		if err := rows.Scan(&t.Key, &h.Held, &h.UsedMin, &h.PlannedMin, &h.NoShows, &h.CancelledByCitizen,
			&h.CancelledByMentor, &h.TransportMin, &h.AdminMin); err != nil {
			return fmt.Errorf("sum sessions: %w", err)
		}
		*out = append(*out, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sum sessions: %w", err)
	}
	return nil
}

// LatestSessions is, for each course in f.CourseIDs, the latest planned
// start of its sessions matching the rest of f; courses without one are
// left out. Each course is one backward step in sessions_course_hours
// (ORDER BY ... DESC LIMIT 1), so the cost follows the courses asked
// about, not how many sessions they had in the range.
func (s *Store) LatestSessions(ctx context.Context, f data.SessionFilter) (map[data.ID]time.Time, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	out := map[data.ID]time.Time{}
	rest := f
	rest.CourseID, rest.CourseIDs = 0, nil
	for chunk := range slices.Chunk(uniqueIDs(f.CourseIDs), maxListArgs) {
		q, args := latestSessionsQuery(chunk, s.sessionWhere(rest))
		if err := s.readLatestSessions(ctx, q, args, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// latestSessionsQuery asks, for each course in a VALUES list, for its
// latest session matching w (whose bare column names are the sessions').
func latestSessionsQuery(courses []data.ID, w where) (string, []any) {
	rows := make([]string, len(courses))
	args := make([]any, 0, len(courses)+len(w.args))
	for i, id := range courses {
		rows[i] = "(?)"
		if i == 0 {
			rows[i] = "(CAST(? AS BIGINT))" // the list's type, as in sessionTotalsQuery
		}
		args = append(args, int64(id))
	}
	w.add("course_id = wanted_id")
	args = append(args, w.args...)
	return `WITH wanted (wanted_id) AS (VALUES ` + strings.Join(rows, ", ") + `)
		SELECT wanted_id, (SELECT planned_start FROM sessions` + w.String() + `
			ORDER BY planned_start DESC LIMIT 1) FROM wanted`, args
}

func (s *Store) readLatestSessions(ctx context.Context, q string, args []any, out map[data.ID]time.Time) error {
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("latest sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var course data.ID
		var start sql.NullInt64
		if err := rows.Scan(&course, &start); err != nil {
			return fmt.Errorf("latest sessions: %w", err)
		}
		if start.Valid {
			out[course] = timeOf(start)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("latest sessions: %w", err)
	}
	return nil
}

// runningAgreementColumns are the columns RunningAgreements reads (and
// the warnings and migration 14 with it), into runningAgreementFields.
const runningAgreementColumns = "id, course_id, start_date, end_date, hours_basis, granted_min"

// runningAgreementFields are where a row of runningAgreementColumns is
// scanned into a.
func runningAgreementFields(a *data.Agreement) []any {
	return []any{&a.ID, &a.CourseID, dateOf(&a.Start), dateOf(&a.End), &a.HoursBasis, &a.GrantedMin}
}

// RunningAgreements lists the agreements whose period contains on, by start
// date like Agreements, with only the fields the hours accounting and the
// status reports due read: ID, CourseID, Start, End, HoursBasis and
// GrantedMin. The rest is left empty: nothing is decrypted, no goal link
// read, and the 2,000 running agreements of a large organisation cost six
// columns each instead of nineteen.
func (s *Store) RunningAgreements(ctx context.Context, on data.Date) ([]data.Agreement, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	var w where
	s.scopeCourses(&w, "course_id")
	w.add("start_date <= ? AND end_date >= ?", on.String(), on.String())
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+runningAgreementColumns+" FROM agreements"+
		w.String()+" ORDER BY start_date, id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list running agreements: %w", err)
	}
	defer rows.Close()
	var out []data.Agreement
	for rows.Next() {
		var a data.Agreement
		if err := rows.Scan(runningAgreementFields(&a)...); err != nil {
			return nil, fmt.Errorf("list running agreements: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list running agreements: %w", err)
	}
	return out, nil
}
