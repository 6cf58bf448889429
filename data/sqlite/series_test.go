package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

func cph(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, data.Zone())
}

func TestSeriesPlansEverySessionAndThisAndLaterMovesThemAcrossDST(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	f.course.UsualForm, f.course.UsualPlace = data.FormHomeVisit, "Hjemme hos borger"
	must(t, s.SaveCourse(ctx, &f.course))
	if c, err := s.Course(ctx, f.course.ID); err != nil || c.UsualForm != data.FormHomeVisit || c.UsualPlace != "Hjemme hos borger" {
		t.Fatalf("usual form and place: %+v, %v", c, err)
	}

	sr := data.Series{CourseID: f.course.ID, MentorID: f.mentor.ID, First: cph(2026, 3, 16, 10, 0), LengthMin: 60,
		IntervalWeeks: 1, Until: data.NewDate(2026, 4, 13), Form: data.FormInPerson, Place: "Biblioteket"}
	planned, err := s.SaveSeries(ctx, &sr)
	if err != nil || len(planned) != 5 || sr.ID == 0 {
		t.Fatalf("series: %d sessions, id %d, %v", len(planned), sr.ID, err)
	}
	back, err := s.Series(ctx, sr.ID)
	if err != nil || !back.First.Equal(sr.First) || back.Until != sr.Until || back.IntervalWeeks != 1 || back.Place != "Biblioteket" {
		t.Fatalf("series read back: %+v, %v", back, err)
	}
	stored, err := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID})
	must(t, err)
	if len(stored) != 5 {
		t.Fatalf("%d stored sessions", len(stored))
	}
	// The second session is held; the third is moved to 13:15 "this and later".
	stored[1].Status, stored[1].ContactMin = data.SessionHeld, 60
	must(t, s.SaveSession(ctx, &stored[1]))
	third := stored[2]
	third.PlannedStart, third.PlannedEnd = cph(2026, 3, 30, 13, 15), cph(2026, 3, 30, 14, 0)
	moved, err := s.SaveSessionAndLater(ctx, &third)
	if err != nil || moved != 2 {
		t.Fatalf("this and later: moved %d, %v", moved, err)
	}
	after, err := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID})
	must(t, err)
	var got []string
	for _, ss := range after {
		got = append(got, ss.PlannedStart.In(data.Zone()).Format("02-01 15:04")+"/"+ss.PlannedEnd.In(data.Zone()).Format("15:04"))
	}
	want := "16-03 10:00/11:00 23-03 10:00/11:00 30-03 13:15/14:00 06-04 13:15/14:00 13-04 13:15/14:00"
	if strings.Join(got, " ") != want {
		t.Errorf("after moving:\n got  %s\n want %s", strings.Join(got, " "), want)
	}

	// A series that breaks a rule plans nothing.
	bad := sr
	bad.ID, bad.IntervalWeeks = 0, 3
	if _, err := s.SaveSeries(ctx, &bad); err == nil {
		t.Error("a series every third week was accepted")
	}
	if n, _ := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID}); len(n) != 5 {
		t.Errorf("a refused series left %d sessions", len(n))
	}
}

// The calendar's and the overview's queries must use an index: a
// coordinator's month holds thousands of sessions.
func TestSessionRangeQueriesUseIndexes(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	from, to := cph(2026, 11, 23, 0, 0).Unix(), cph(2026, 11, 30, 0, 0).Unix()
	queries := map[string][]any{
		"SELECT " + sessionColumns + " FROM sessions WHERE planned_start >= ? AND planned_start < ? ORDER BY planned_start, id":                                    {from, to},
		"SELECT " + sessionColumns + " FROM sessions WHERE planned_start >= ? AND planned_start < ? AND mentor_id IN (?, ?) ORDER BY planned_start, id":            {from, to, 1, 2},
		"SELECT " + sessionColumns + " FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE mentor_id = ?) AND planned_start >= ? AND planned_start < ?": {1, from, to},
		"SELECT " + sessionColumns + " FROM sessions WHERE planned_start < ? AND status IN (?)":                                                                    {to, "planlagt"},
		"SELECT " + sessionColumns + " FROM sessions WHERE series_id = ? AND planned_start > ? AND status = ?":                                                     {1, from, "planlagt"},
		"SELECT " + sessionColumns + " FROM sessions WHERE course_id = ? ORDER BY planned_start, id":                                                               {1},
	}
	for q, args := range queries {
		rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		must(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			must(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		rows.Close()
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN sessions") || strings.HasPrefix(line, "SCAN courses") {
				t.Errorf("full scan in %q:\n%s", q, strings.Join(plan, "\n"))
			}
		}
	}
}
