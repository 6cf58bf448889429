package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorbog/data"
)

// The month view of every mentor asks, for each of its 42 days, for the
// day's first few sessions and the day's count. Asked day by day that is
// 84 statements: nothing on SQLite, but on PostgreSQL each one is a round
// trip to the server. CountSessionsPerSpan and FirstSessionsPerSpan ask the
// same in one statement each, with the very filter (and role scope) of
// CountSessions and Sessions per span, so the answers are the same.

// maxSpanArgs keeps one statement's placeholders well below SQLite's limit
// (32,766) and PostgreSQL's (65,535); a longer list of spans, or a filter
// of very many mentors, is asked in several statements.
const maxSpanArgs = 30000

// maxSpansPerStatement bounds the terms of one UNION ALL (SQLite allows
// 500).
const maxSpansPerStatement = 100

// CountSessionsPerSpan counts, for each span [bounds[i], bounds[i+1]), the
// sessions CountSessions would count with f's From and To set to the span.
func (s *Store) CountSessionsPerSpan(ctx context.Context, f data.SessionFilter, bounds []time.Time) ([]int, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	if err := checkBounds(bounds); err != nil {
		return nil, fmt.Errorf("count sessions per span: %w", err)
	}
	counts := make([]int, 0, max(0, len(bounds)-1))
	for _, chunk := range s.spanChunks(f, bounds) {
		q, args := s.spanCountsQuery(f, bounds[chunk.first:chunk.last+1])
		got, err := s.queryInts(ctx, q, args)
		if err != nil {
			return nil, fmt.Errorf("count sessions per span: %w", err)
		}
		if len(got) != chunk.last-chunk.first {
			return nil, fmt.Errorf("count sessions per span: %d counts for %d spans", len(got), chunk.last-chunk.first)
		}
		counts = append(counts, got...)
	}
	return counts, nil
}

// FirstSessionsPerSpan lists, for each span [bounds[i], bounds[i+1]), the
// sessions Sessions would list with f's From and To set to the span (so
// f.Limit keeps the first f.Limit of each span), all spans together by
// planned start.
func (s *Store) FirstSessionsPerSpan(ctx context.Context, f data.SessionFilter, bounds []time.Time) ([]data.Session, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	if err := checkBounds(bounds); err != nil {
		return nil, fmt.Errorf("list sessions per span: %w", err)
	}
	var out []data.Session
	for _, chunk := range s.spanChunks(f, bounds) {
		q, args := s.spanSessionsQuery(f, bounds[chunk.first:chunk.last+1])
		got, err := s.querySessions(ctx, q, args)
		if err != nil {
			return nil, fmt.Errorf("list sessions per span: %w", err)
		}
		out = append(out, got...)
	}
	// UNION ALL promises no order; Sessions' order is by planned start.
	slices.SortStableFunc(out, func(a, b data.Session) int {
		return cmp.Or(a.PlannedStart.Compare(b.PlannedStart), cmp.Compare(a.ID, b.ID))
	})
	if f.HoursOnly || len(out) == 0 {
		return out, nil
	}
	// The goal notes of the whole range: those of sessions not listed are
	// read and dropped, as attachSessionGoals does for a Limit.
	whole := s.spanWhere(f, bounds[0], bounds[len(bounds)-1])
	if err := s.attachSessionGoals(ctx, out, whole); err != nil {
		return nil, err
	}
	return out, nil
}

// spanCountsQuery counts each span of bounds with one correlated
// subquery over a list of the spans: an index range count per span, as
// CountSessions', but planned once (42 separate subqueries cost PostgreSQL
// more to plan than to run). One row per span, in order.
func (s *Store) spanCountsQuery(f data.SessionFilter, bounds []time.Time) (string, []any) {
	var rows []string
	var args []any
	for i := range len(bounds) - 1 {
		// Typed, as PostgreSQL cannot tell a VALUES placeholder's type.
		rows = append(rows, fmt.Sprintf("(%d, CAST(? AS BIGINT), CAST(? AS BIGINT))", i))
		args = append(args, bounds[i].Unix(), bounds[i+1].Unix())
	}
	f.From, f.To = time.Time{}, time.Time{}
	w := s.sessionWhere(f)
	w.add("planned_start >= spans.lo")
	w.add("planned_start < spans.hi")
	return "WITH spans(n, lo, hi) AS (VALUES " + strings.Join(rows, ", ") + ") SELECT (SELECT COUNT(*) FROM sessions" +
		w.String() + ") FROM spans ORDER BY n", append(args, w.args...)
}

// spanSessionsQuery is Sessions' statement for each span of bounds, joined
// by UNION ALL. Each is a subquery with an alias, so that its ORDER BY and
// LIMIT apply to the span alone, on SQLite and PostgreSQL alike.
func (s *Store) spanSessionsQuery(f data.SessionFilter, bounds []time.Time) (string, []any) {
	var parts []string
	var args []any
	for i := range len(bounds) - 1 {
		span := f
		span.From, span.To = bounds[i], bounds[i+1]
		q, spanArgs, _ := s.sessionsQuery(span)
		args = append(args, spanArgs...)
		parts = append(parts, fmt.Sprintf("SELECT * FROM (%s) AS span%d", q, i))
	}
	return strings.Join(parts, " UNION ALL "), args
}

// spanWhere is sessionWhere of f for one span.
func (s *Store) spanWhere(f data.SessionFilter, from, to time.Time) where {
	f.From, f.To = from, to
	return s.sessionWhere(f)
}

// checkBounds refuses spans that are empty or out of order: a zero bound
// would silently mean "no limit" to sessionWhere.
func checkBounds(bounds []time.Time) error {
	for i, b := range bounds {
		if b.IsZero() {
			return fmt.Errorf("span bound %d is zero", i)
		}
		if i > 0 && !bounds[i-1].Before(b) {
			return fmt.Errorf("span bounds %d and %d are not increasing", i-1, i)
		}
	}
	return nil
}

// spanChunk is the spans [first, last) asked in one statement.
type spanChunk struct{ first, last int }

// spanChunks splits the spans of bounds into statements of at most
// maxSpansPerStatement spans and maxSpanArgs placeholders; a month of
// every mentor is one statement.
func (s *Store) spanChunks(f data.SessionFilter, bounds []time.Time) []spanChunk {
	spans := len(bounds) - 1
	if spans <= 0 {
		return nil
	}
	perSpan := len(s.spanWhere(f, bounds[0], bounds[1]).args) + 1 // + LIMIT
	size := max(1, min(maxSpansPerStatement, maxSpanArgs/perSpan))
	var chunks []spanChunk
	for first := 0; first < spans; first += size {
		chunks = append(chunks, spanChunk{first, min(first+size, spans)})
	}
	return chunks
}

// queryInts reads the one integer column of a statement's rows.
func (s *Store) queryInts(ctx context.Context, q string, args []any) ([]int, error) {
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SessionStarts groups the sessions Sessions would list for f (f.Limit
// aside) by planned start: one row per moment instead of per session,
// from the index where it holds the end too. The week grid of every
// mentor at a large organisation has ~2,500 sessions starting at a few
// dozen moments.
func (s *Store) SessionStarts(ctx context.Context, f data.SessionFilter) ([]data.SessionStart, error) {
	if err := s.require(ctx, permRead); err != nil {
		return nil, err
	}
	q, args := s.sessionStartsQuery(f)
	rows, err := s.q(ctx).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list session starts: %w", err)
	}
	defer rows.Close()
	var out []data.SessionStart
	for rows.Next() {
		var st data.SessionStart
		var start, earliest, latest sql.NullInt64
		if err := rows.Scan(&start, &st.Count, &earliest, &latest); err != nil {
			return nil, fmt.Errorf("list session starts: %w", err)
		}
		st.Start, st.EarliestEnd, st.LatestEnd = timeOf(start), timeOf(earliest), timeOf(latest)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list session starts: %w", err)
	}
	return out, nil
}

// sessionStartsQuery is SessionStarts' statement for f.
func (s *Store) sessionStartsQuery(f data.SessionFilter) (string, []any) {
	w := s.sessionWhere(f)
	return "SELECT planned_start, COUNT(*), MIN(planned_end), MAX(planned_end) FROM sessions" + w.String() +
		" GROUP BY planned_start ORDER BY planned_start", w.args
}
