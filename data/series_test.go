package data_test

import (
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

func weekly(first time.Time, interval int, until data.Date) data.Series {
	return data.Series{CourseID: 1, MentorID: 7, First: first, LengthMin: 60, IntervalWeeks: interval,
		Until: until, Form: data.FormInPerson, Place: "Café Mokka"}
}

func TestSeriesKeepsWallClockAcrossDaylightSaving(t *testing.T) {
	// Summer time starts Sunday 29 March 2026 and ends Sunday 25 October 2026.
	spring := weekly(dk(2026, 3, 16, 10, 0), 1, d(2026, 4, 13))
	autumn := weekly(dk(2026, 10, 12, 8, 30), 2, d(2026, 11, 23))
	cases := []struct {
		name string
		s    data.Series
		want []string
		utc  []int // UTC hour of each session: shifts when the clock does
	}{
		{"spring weekly", spring, []string{"16-03 10:00", "23-03 10:00", "30-03 10:00", "06-04 10:00", "13-04 10:00"},
			[]int{9, 9, 8, 8, 8}},
		{"autumn every second week", autumn, []string{"12-10 08:30", "26-10 08:30", "09-11 08:30", "23-11 08:30"},
			[]int{6, 7, 7, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if p := c.s.Validate(); len(p) > 0 {
				t.Fatalf("valid series refused: %v", p)
			}
			sessions := c.s.Sessions()
			if len(sessions) != len(c.want) {
				t.Fatalf("%d sessions, want %d", len(sessions), len(c.want))
			}
			for i, s := range sessions {
				local := s.PlannedStart.In(data.Zone())
				if got := local.Format("02-01 15:04"); got != c.want[i] {
					t.Errorf("session %d at %s, want %s", i, got, c.want[i])
				}
				if got := s.PlannedStart.UTC().Hour(); got != c.utc[i] {
					t.Errorf("session %d at %d UTC, want %d", i, got, c.utc[i])
				}
				if s.PlannedMin() != 60 || s.Status != data.SessionPlanned || s.Place != "Café Mokka" {
					t.Errorf("session %d: %+v", i, s)
				}
			}
		})
	}
}

func TestSeriesValidate(t *testing.T) {
	ok := weekly(dk(2026, 11, 23, 10, 0), 1, d(2027, 2, 28))
	cases := map[string]struct {
		edit  func(*data.Series)
		field string
		text  string
	}{
		"interval":      {func(s *data.Series) { s.IntervalWeeks = 3 }, "repeat", "hver uge eller hver 2. uge"},
		"until missing": {func(s *data.Series) { s.Until = data.Date{} }, "until", "Gentag til skal udfyldes."},
		"until before":  {func(s *data.Series) { s.Until = d(2026, 11, 1) }, "until", "efter første møde"},
		"too long":      {func(s *data.Series) { s.Until = d(2028, 12, 31) }, "until", "højst have 60 møder"},
		"no length":     {func(s *data.Series) { s.LengthMin = 0 }, "planned_end", "Planlagt slut"},
	}
	if p := ok.Validate(); len(p) != 0 {
		t.Fatalf("valid series: %v", p)
	}
	for name, c := range cases {
		s := ok
		c.edit(&s)
		fe, found := s.Validate().For(c.field)
		if !found || !strings.Contains(fe.Message, c.text) {
			t.Errorf("%s: %v, want %q on %s", name, s.Validate(), c.text, c.field)
		}
	}
}

func TestSeriesEditMovesLaterSessionsByWallClock(t *testing.T) {
	// Moving the 23 March session from 10:00 to 13:15 (same day) moves the
	// 30 March one, after the change to summer time, to 13:15 as well.
	edited := data.Session{PlannedStart: dk(2026, 3, 23, 13, 15), PlannedEnd: dk(2026, 3, 23, 14, 0), MentorID: 9, Form: data.FormPhone}
	e := data.SeriesEdit{From: edited, OldStart: dk(2026, 3, 23, 10, 0), LengthMin: 45}
	later := e.Apply(data.Session{ID: 5, PlannedStart: dk(2026, 3, 30, 10, 0), PlannedEnd: dk(2026, 3, 30, 11, 0), MentorID: 7})
	if got := later.PlannedStart.In(data.Zone()).Format("02-01 15:04"); got != "30-03 13:15" {
		t.Errorf("later session moved to %s", got)
	}
	if later.PlannedMin() != 45 || later.MentorID != 9 || later.Form != data.FormPhone || later.ID != 5 {
		t.Errorf("later session %+v", later)
	}
	// Moving a day forward moves every later one a day forward.
	e.From.PlannedStart = dk(2026, 3, 24, 10, 0)
	if got := e.Apply(data.Session{PlannedStart: dk(2026, 4, 6, 10, 0)}).PlannedStart.In(data.Zone()).Format("02-01 15:04"); got != "07-04 10:00" {
		t.Errorf("moved a day: %s", got)
	}
}

func TestPlanningWarnings(t *testing.T) {
	a := eightWeeks(data.HoursTotal, 120) // 2026-01-05 .. 2026-03-01, 2 t
	held := sess(dk(2026, 1, 7, 10, 0), 60, data.SessionHeld, 60, 0, 0)
	cancelled := sess(dk(2026, 1, 12, 10, 0), 60, data.SessionCancelledMentor, 0, 0, 0)
	busy := sess(dk(2026, 1, 12, 10, 30), 60, data.SessionPlanned, 0, 0, 0)
	busy.ID, busy.CourseID = 77, 2
	pc := data.PlanningContext{Agreements: []data.Agreement{a}, CourseSessions: []data.Session{held, cancelled},
		MentorSessions: []data.Session{cancelled, busy}}

	fine := sess(dk(2026, 1, 13, 10, 0), 60, data.SessionPlanned, 0, 0, 0)
	if w := data.PlanningWarnings(fine, pc); len(w) != 0 {
		t.Errorf("a free slot inside the agreement warns: %v", w)
	}
	cases := []struct {
		name string
		s    data.Session
		pc   data.PlanningContext
		want string
	}{
		{"booked", sess(dk(2026, 1, 12, 10, 0), 60, data.SessionPlanned, 0, 0, 0), pc, "allerede et møde 10:30–11:30"},
		{"outside", sess(dk(2026, 3, 2, 10, 0), 60, data.SessionPlanned, 0, 0, 0), pc, "uden for mentoraftalens periode"},
		{"no agreement", fine, data.PlanningContext{}, "ingen mentoraftale"},
		{"hours", sess(dk(2026, 1, 13, 10, 0), 90, data.SessionPlanned, 0, 0, 0), pc, "overstiger aftalens resterende timer (1 t"},
		{"holiday", fine, data.PlanningContext{Agreements: pc.Agreements, Holiday: "Langfredag"}, "helligdag (Langfredag)"},
	}
	for _, c := range cases {
		w := data.PlanningWarnings(c.s, c.pc)
		if len(w) == 0 || len(w.Errors()) != 0 || !strings.Contains(messages(w), c.want) {
			t.Errorf("%s: warnings %v, want one saying %q and no errors", c.name, w, c.want)
		}
	}
}

func TestWeekOf(t *testing.T) {
	a := eightWeeks(data.HoursPerWeek, 120)
	w, ok := data.WeekOf(a, eightWeekSessions(), d(2026, 1, 15))
	if !ok || w.Label != "2026-U03" || w.NoShows != 1 || w.UsedMin != 0 || w.TransportMin != 20 || !near(w.GrantedMin, 120) {
		t.Errorf("week of 15 January: %+v, %v", w, ok)
	}
	if _, ok := data.WeekOf(a, nil, d(2026, 3, 2)); ok {
		t.Error("a day after the agreement has a week")
	}
}

func messages(p data.Problems) string {
	var out []string
	for _, fe := range p {
		out = append(out, fe.Message)
	}
	return strings.Join(out, " | ")
}
