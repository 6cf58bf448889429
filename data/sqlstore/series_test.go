package sqlstore

import (
	"context"
	"errors"
	"path/filepath"
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
	s := openSQLiteTemp(t) // EXPLAIN QUERY PLAN is SQLite's
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

func TestDeleteSessionAndSeriesFromNowKeepRegisteredSessionsAndAreAudited(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	sr := data.Series{CourseID: f.course.ID, MentorID: f.mentor.ID, First: cph(2026, 3, 16, 10, 0), LengthMin: 60,
		IntervalWeeks: 1, Until: data.NewDate(2026, 4, 20), Form: data.FormInPerson}
	planned, err := s.SaveSeries(ctx, &sr)
	if err != nil || len(planned) != 6 {
		t.Fatalf("series: %d, %v", len(planned), err)
	}
	// The second is held; the fourth is registered as a no-show.
	held, noShow := planned[1], planned[3]
	held.Status, held.ContactMin = data.SessionHeld, 60
	must(t, s.SaveSession(ctx, &held))
	noShow.Status, noShow.RegisteredAt = data.SessionNoShow, cph(2026, 4, 6, 12, 0)
	must(t, s.SaveSession(ctx, &noShow))

	if err := s.DeleteSession(ctx, held.ID); !errors.Is(err, data.ErrSessionNotPlanned) {
		t.Fatalf("deleting a held session: %v", err)
	}
	if _, err := s.DeleteSeriesFrom(ctx, noShow.ID); !errors.Is(err, data.ErrSessionNotPlanned) {
		t.Fatalf("deleting from a registered session: %v", err)
	}
	must(t, s.DeleteSession(ctx, planned[0].ID))
	if _, err := s.Session(ctx, planned[0].ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("deleted session still there: %v", err)
	}

	// From the third on: the third, fifth and sixth go; the no-show stays.
	n, err := s.DeleteSeriesFrom(ctx, planned[2].ID)
	if err != nil || n != 3 {
		t.Fatalf("delete series from: %d, %v", n, err)
	}
	left, err := s.Sessions(ctx, data.SessionFilter{CourseID: f.course.ID})
	must(t, err)
	if len(left) != 2 || left[0].ID != held.ID || left[1].ID != noShow.ID {
		t.Fatalf("left: %+v", left)
	}
	back, err := s.Series(ctx, sr.ID)
	if err != nil || back.Until != data.NewDate(2026, 3, 29) {
		t.Fatalf("series now ends %v (%v), want the day before the first deleted", back.Until, err)
	}
	entries, err := s.AuditLog(ctx, data.AuditFilter{Actions: []data.AuditAction{data.AuditDelete}})
	must(t, err)
	if len(entries) != 4 || entries[0].CitizenID != f.citizen.ID || !strings.HasPrefix(entries[0].Detail, "møde ") {
		t.Fatalf("audit of deletions: %+v", entries)
	}

	// A session outside any series is deleted alone.
	single := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: cph(2026, 5, 4, 9, 0), PlannedEnd: cph(2026, 5, 4, 10, 0), Status: data.SessionPlanned}
	must(t, s.SaveSession(ctx, &single))
	if n, err := s.DeleteSeriesFrom(ctx, single.ID); err != nil || n != 1 {
		t.Fatalf("single session: %d, %v", n, err)
	}
}

func TestMentorDeletesOnlyTheirOwnPlannedSessions(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "slet.db"))
	ctx := context.Background()
	// A substitute mentor holds one session in Jørgen's course.
	sub := data.Mentor{Name: "Vikar Vibeke", Kind: data.MentorEmployed}
	must(t, s.SaveMentor(ctx, &sub))
	theirs := data.Session{CourseID: f.course.ID, MentorID: sub.ID, PlannedStart: cph(2026, 5, 4, 9, 0), PlannedEnd: cph(2026, 5, 4, 10, 0), Status: data.SessionPlanned}
	own := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: cph(2026, 5, 5, 9, 0), PlannedEnd: cph(2026, 5, 5, 10, 0), Status: data.SessionPlanned}
	must(t, s.SaveSession(ctx, &theirs))
	must(t, s.SaveSession(ctx, &own))
	mentorUser := data.User{Username: "jorgen", DisplayName: "Jørgen", Role: data.RoleMentor, MentorID: f.mentor.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
	s.Lock()
	if _, err := s.Login(ctx, "jorgen", "mentorens kodeord"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, theirs.ID); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a mentor deleted another mentor's session: %v", err)
	}
	must(t, s.DeleteSession(ctx, own.ID))
}
