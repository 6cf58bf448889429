package sqlstore

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// TestPerScreenQueriesUseIndexes: the queries behind the calendar, the
// overview's lists and warnings, the course page and saving a session must
// not read a whole table of history (SCAN without an index), or they grow
// with the years of sessions. The plans are asked of SQLite after ANALYZE
// of a small database, the statements built by the store's own filters.
func TestPerScreenQueriesUseIndexes(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, data.Zone())
	// The store's own filter: not logged in, it limits nothing.
	sessionsSQL := func(f data.SessionFilter) (string, []any) {
		w := st.sessionWhere(f)
		return "SELECT " + sessionColumns + " FROM sessions" + w.String() + " ORDER BY planned_start, id", w.args
	}
	type plan struct {
		name string
		sql  string
		args []any
		// input is the names (space-separated) of a VALUES list the query
		// is given (the periods or courses asked about), under which the
		// plan scans it: reading it whole is its job.
		input string
	}
	var plans []plan
	add := func(name string, f data.SessionFilter) {
		q, args := sessionsSQL(f)
		plans = append(plans, plan{name, q, args, ""})
	}
	week := now.AddDate(0, 0, 7)
	add("week calendar, one mentor", data.SessionFilter{From: now, To: week, MentorIDs: []data.ID{3}})
	add("week calendar, all mentors", data.SessionFilter{From: now, To: week})
	add("month calendar, two mentors", data.SessionFilter{From: now, To: now.AddDate(0, 0, 42), MentorIDs: []data.ID{3, 4}})
	add("overview: planned sessions not registered", data.SessionFilter{To: now, Statuses: []data.SessionStatus{data.SessionPlanned}})
	add("overview: held sessions, quiet courses", data.SessionFilter{From: now.AddDate(0, 0, -14), To: now, Statuses: []data.SessionStatus{data.SessionHeld}})
	add("overview warnings: running agreements' sessions", data.SessionFilter{From: now.AddDate(0, -6, 0)})
	add("course page / status report", data.SessionFilter{CourseID: 7, From: now.AddDate(0, -3, 0), To: now})
	plans = append(plans,
		plan{"running agreements", "SELECT id FROM agreements WHERE end_date >= ? AND start_date <= ?", []any{"2026-11-23", "2026-11-23"}, ""},
		plan{"session goals of a range", "SELECT session_id, goal_id, note FROM session_goals WHERE session_id IN (SELECT id FROM sessions WHERE planned_start >= ? AND planned_start < ?)", []any{now.Unix(), week.Unix()}, ""},
		plan{"courses of a mentor", "SELECT id FROM courses WHERE mentor_id = ?", []any{3}, ""},
		plan{"audit tip", "SELECT value FROM settings WHERE key = ?", []any{"audit_tip"}, ""},
	)
	// Oversigt's own queries (data/sqlstore/hours.go, citizens.go).
	agreement := data.Agreement{ID: 5, CourseID: 7, Start: data.NewDate(2026, 6, 1), End: data.NewDate(2026, 12, 31)}
	totalsSQL, totalsArgs := st.sessionTotalsQuery([]data.SessionPeriod{data.AgreementPeriod(agreement), data.AgreementPeriod(agreement)})
	var held where
	held.add("planned_start >= ?", now.AddDate(0, 0, -180).Unix())
	held.add("planned_start < ?", now.Unix())
	in(&held, "status", []data.SessionStatus{data.SessionHeld})
	latestSQL, latestArgs := latestSessionsQuery([]data.ID{7, 8}, held)
	plans = append(plans,
		plan{"overview: hours of the running agreements (SessionTotals)", totalsSQL, totalsArgs, "periods p"},
		plan{"overview: latest held session of each active course", latestSQL, latestArgs, "wanted"},
		plan{"overview: running agreements, the accounted fields", "SELECT " + runningAgreementColumns +
			" FROM agreements WHERE start_date <= ? AND end_date >= ? ORDER BY start_date, id", []any{"2026-11-23", "2026-11-23"}, ""},
		plan{"agreement goal links of a list", "SELECT agreement_id, goal_id FROM agreement_goals WHERE agreement_id IN " +
			"(SELECT id FROM agreements WHERE start_date <= ? AND end_date >= ?) ORDER BY agreement_id, goal_id", []any{"2026-11-23", "2026-11-23"}, ""},
		plan{"overview: names of the citizens named", "SELECT id, name FROM citizens WHERE id IN (?, ?, ?)", []any{1, 2, 3}, ""},
		plan{"overview: citizens counted", "SELECT COUNT(*) FROM citizens WHERE (archived = 0 OR ? = 1)", []any{0}, ""},
		plan{"overview: this week's sessions of the listed agreements", "SELECT " + hoursOnlyColumns +
			" FROM sessions WHERE planned_start >= ? AND planned_start < ? AND course_id IN (?, ?) ORDER BY planned_start, id",
			[]any{now.Unix(), week.Unix(), 7, 8}, ""},
	)
	// Oversigt's warnings from agreement_hours (agreementhours.go), as a
	// mentor asks them (scoped to their courses) and as staff do, and the
	// statements that keep the held minutes (the session triggers' and a
	// saved agreement's).
	for _, mentor := range []data.ID{0, 3} {
		var lists []where
		var orders []string
		for i, w := range st.warningWhereList(data.NewDate(2026, 11, 23), 14) {
			if mentor != 0 {
				w.add("h.course_id IN (SELECT id FROM courses WHERE mentor_id = ?)", mentor)
			}
			lists = append(lists, w)
			orders = append(orders, []string{byEndDate, byUsedShare, byUsedShare}[i])
		}
		for i, w := range lists {
			name := fmt.Sprintf("overview warnings, list %d, mentor %d", i, mentor)
			count, list := warningSQL(w, orders[i])
			// "SCAN h" in the list's plan reads the co-routine of the
			// first rows (at most the limit), not the table.
			plans = append(plans, plan{name + ": count", count, w.args, ""},
				plan{name + ": first", list, append(slices.Clone(w.args), 6), "h"})
		}
	}
	plans = append(plans,
		plan{"session trigger: the agreements a session counts for", "UPDATE agreement_hours SET held_min = held_min + ? " +
			"WHERE course_id = ? AND period_from <= ? AND period_to > ?", []any{60, 7, now.Unix(), now.Unix()}, ""},
		plan{"saved agreement: its held minutes", recomputeHeldMin + " WHERE agreement_id = ?", []any{5}, ""},
	)
	for _, p := range plans {
		steps := explain(t, st, p.sql, p.args)
		t.Logf("%s: %q", p.name, steps)
		for _, s := range steps {
			if p.input != "" && (slices.Contains(strings.Fields(p.input), strings.TrimPrefix(s, "SCAN ")) ||
				strings.HasSuffix(s, " CONSTANT ROWS")) {
				continue // the VALUES list the query is given
			}
			// The sums follow the periods' order: the sessions' rows are
			// summed as they are read, never sorted first.
			if strings.HasPrefix(p.name, "overview: hours") && s == "USE TEMP B-TREE FOR GROUP BY" {
				t.Errorf("%s sorts the sessions to group them (plan %q)", p.name, steps)
			}
			if strings.HasPrefix(s, "SCAN ") && !strings.Contains(s, "USING") {
				t.Errorf("%s reads a whole table: %q (plan %q)", p.name, s, steps)
			}
		}
	}
}
