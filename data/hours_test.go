package data_test

import (
	"math"
	"testing"
	"time"

	"mentorbog/data"
)

// dk is an instant in Danish time.
func dk(y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, data.Zone())
}

// sess builds a session of course 1 lasting length minutes from start.
func sess(start time.Time, length int, st data.SessionStatus, contact, transport, admin int) data.Session {
	return data.Session{
		CourseID:     1,
		MentorID:     7,
		PlannedStart: start,
		PlannedEnd:   start.Add(time.Duration(length) * time.Minute),
		Status:       st,
		Form:         data.FormInPerson,
		ContactMin:   contact,
		TransportMin: transport,
		AdminMin:     admin,
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// eightWeeks runs Monday 2026-01-05 to Sunday 2026-03-01:
// 27 days in January (5..31) + 28 in February + 1 in March = 56 days = 8 weeks.
func eightWeeks(basis data.HoursBasis, granted int) data.Agreement {
	return data.Agreement{
		ID: 1, CourseID: 1,
		Start: d(2026, 1, 5), End: d(2026, 3, 1),
		HoursBasis: basis, GrantedMin: granted, Scope: data.PerPerson,
		Goal: "Job", Tasks: "Struktur", ComplaintGuidance: "Klag inden 4 uger.",
	}
}

// eightWeekSessions is every kind of session the accounting must handle.
//
//	held A    Mon 2026-01-05 00:30 Danish (given in UTC: 2026-01-04 23:30Z), contact 30
//	held B    Wed 2026-01-07 10:00, contact 60, transport 30, admin 15
//	no-show   Wed 2026-01-14 10:00, transport 20, admin 5 (travelled for nothing)
//	cancelled by citizen 2026-01-21, cancelled by mentor 2026-01-28
//	held C    Wed 2026-02-18 13:00, contact 45, transport 10
//	planned   Wed 2026-02-25 09:00-10:30 (90 min)
//	planned   Sun 2026-03-01 22:00-22:30 (30 min, last day of the agreement)
//	ignored:  another course; Sun 2026-01-04 10:00 (day before); 2026-03-01 23:30Z
//	          (= Mon 2 March 00:30 Danish, the day after, although 1 March in UTC)
func eightWeekSessions() []data.Session {
	heldA := sess(time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC), 30, data.SessionHeld, 30, 0, 0)
	other := sess(dk(2026, 1, 7, 10, 0), 60, data.SessionHeld, 45, 99, 99)
	other.CourseID = 2
	return []data.Session{
		heldA,
		sess(dk(2026, 1, 7, 10, 0), 60, data.SessionHeld, 60, 30, 15),
		sess(dk(2026, 1, 14, 10, 0), 60, data.SessionNoShow, 0, 20, 5),
		sess(dk(2026, 1, 21, 10, 0), 60, data.SessionCancelledCitizen, 0, 0, 0),
		sess(dk(2026, 1, 28, 10, 0), 60, data.SessionCancelledMentor, 0, 0, 0),
		sess(dk(2026, 2, 18, 13, 0), 45, data.SessionHeld, 45, 10, 0),
		sess(dk(2026, 2, 25, 9, 0), 90, data.SessionPlanned, 0, 0, 0),
		sess(dk(2026, 3, 1, 22, 0), 30, data.SessionPlanned, 0, 0, 0),
		other,
		sess(dk(2026, 1, 4, 10, 0), 60, data.SessionHeld, 60, 60, 60),
		sess(time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), 60, data.SessionHeld, 60, 60, 60),
	}
}

func TestAgreementWeeksAndGranted(t *testing.T) {
	tests := []struct {
		name       string
		start, end data.Date
		basis      data.HoursBasis
		granted    int
		weeks      float64
		totalMin   int
		weeklyMin  float64
	}{
		{"8 weeks x 90 min", d(2026, 1, 5), d(2026, 3, 1), data.HoursPerWeek, 90, 8, 720, 90},
		{"total 600 over 8 weeks = 75/week", d(2026, 1, 5), d(2026, 3, 1), data.HoursTotal, 600, 8, 600, 75},
		{"1-7 January is one week", d(2026, 1, 1), d(2026, 1, 7), data.HoursPerWeek, 60, 1, 60, 60},
		// 10 days = 10/7 weeks; 90 * 10 / 7 = 128.57 rounds to 129.
		{"10 days rounds to the nearest minute", d(2026, 1, 1), d(2026, 1, 10), data.HoursPerWeek, 90, 10.0 / 7, 129, 90},
		// 9 days: 60 * 9 / 7 = 77.14 rounds down to 77.
		{"9 days rounds down", d(2026, 1, 1), d(2026, 1, 9), data.HoursPerWeek, 60, 9.0 / 7, 77, 60},
		{"single day", d(2026, 1, 5), d(2026, 1, 5), data.HoursPerWeek, 70, 1.0 / 7, 10, 70},
		// 2026-01-01..2026-06-30 = 181 days; 60 * 181 / 7 = 1551.43 -> 1551.
		{"six months", d(2026, 1, 1), d(2026, 6, 30), data.HoursPerWeek, 60, 181.0 / 7, 1551, 60},
		// 2024-01-01..2024-06-30 = 182 days (leap year) = 26 weeks exactly.
		{"six months of a leap year", d(2024, 1, 1), d(2024, 6, 30), data.HoursPerWeek, 60, 26, 1560, 60},
		{"end before start", d(2026, 3, 1), d(2026, 1, 5), data.HoursPerWeek, 90, 0, 0, 90},
		{"end before start, total", d(2026, 3, 1), d(2026, 1, 5), data.HoursTotal, 600, 0, 600, 0},
		{"no end", d(2026, 1, 5), data.Date{}, data.HoursPerWeek, 90, 0, 0, 90},
		{"no start", data.Date{}, d(2026, 1, 5), data.HoursTotal, 600, 0, 600, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := data.Agreement{Start: tt.start, End: tt.end, HoursBasis: tt.basis, GrantedMin: tt.granted}
			if got := a.Weeks(); !near(got, tt.weeks) {
				t.Errorf("Weeks() = %v, want %v", got, tt.weeks)
			}
			if got := a.GrantedTotalMin(); got != tt.totalMin {
				t.Errorf("GrantedTotalMin() = %d, want %d", got, tt.totalMin)
			}
			if got := a.GrantedWeeklyMin(); !near(got, tt.weeklyMin) {
				t.Errorf("GrantedWeeklyMin() = %v, want %v", got, tt.weeklyMin)
			}
		})
	}
}

func TestAgreementCovers(t *testing.T) {
	a := eightWeeks(data.HoursPerWeek, 90)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"first day 00:30 Danish", dk(2026, 1, 5, 0, 30), true},
		{"first day 00:30 Danish given in UTC", time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC), true},
		{"day before 23:59 Danish", dk(2026, 1, 4, 23, 59), false},
		{"day before 23:59 Danish given in UTC", time.Date(2026, 1, 4, 22, 59, 0, 0, time.UTC), false},
		{"last day 23:59 Danish", dk(2026, 3, 1, 23, 59), true},
		{"last day 23:30 UTC is 2 March 00:30 Danish", time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), false},
		{"day after 00:00 Danish", dk(2026, 3, 2, 0, 0), false},
		{"middle", dk(2026, 2, 1, 12, 0), true},
	}
	for _, tt := range tests {
		if got := a.Covers(tt.t); got != tt.want {
			t.Errorf("%s: Covers(%v) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
}

func TestAccountPerWeek(t *testing.T) {
	h := data.Account(eightWeeks(data.HoursPerWeek, 90), eightWeekSessions())
	want := data.Hours{
		GrantedMin:         720, // 8 weeks x 90
		PlannedMin:         120, // 90 + 30
		UsedMin:            135, // 30 + 60 + 45 (held only; contact only)
		TransportMin:       60,  // 30 + 20 (no-show) + 10
		AdminMin:           20,  // 15 + 5
		Held:               3,
		NoShows:            1,
		CancelledByCitizen: 1,
		CancelledByMentor:  1,
	}
	if h != want {
		t.Errorf("Account =\n %+v\nwant\n %+v", h, want)
	}
	if got := h.RemainingMin(); got != 585 { // 720 - 135
		t.Errorf("RemainingMin = %d, want 585", got)
	}
	if got := h.FreeToPlanMin(); got != 465 { // 720 - 135 - 120
		t.Errorf("FreeToPlanMin = %d, want 465", got)
	}
	if got := h.UsedShare(); !near(got, 0.1875) { // 135 / 720
		t.Errorf("UsedShare = %v, want 0.1875", got)
	}
}

func TestAccountTotalBasis(t *testing.T) {
	a := eightWeeks(data.HoursTotal, 600)
	if got := a.GrantedWeeklyMin(); !near(got, 75) {
		t.Errorf("GrantedWeeklyMin = %v, want 75 (600 / 8)", got)
	}
	h := data.Account(a, eightWeekSessions())
	if h.GrantedMin != 600 || h.UsedMin != 135 || h.PlannedMin != 120 {
		t.Errorf("Account = %+v, want granted 600, used 135, planned 120", h)
	}
	if got := h.RemainingMin(); got != 465 { // 600 - 135
		t.Errorf("RemainingMin = %d, want 465", got)
	}
	if got := h.FreeToPlanMin(); got != 345 { // 600 - 135 - 120
		t.Errorf("FreeToPlanMin = %d, want 345", got)
	}
	if got := h.UsedShare(); !near(got, 0.225) { // 135 / 600
		t.Errorf("UsedShare = %v, want 0.225", got)
	}
}

func TestAccountEmptyAndOverused(t *testing.T) {
	a := eightWeeks(data.HoursTotal, 60)
	if h := data.Account(a, nil); h != (data.Hours{GrantedMin: 60}) {
		t.Errorf("Account with no sessions = %+v, want only GrantedMin 60", h)
	}
	// 2 x 45 contact = 90 against 60 granted: remaining goes negative.
	h := data.Account(a, []data.Session{
		sess(dk(2026, 1, 6, 9, 0), 45, data.SessionHeld, 45, 0, 0),
		sess(dk(2026, 1, 8, 9, 0), 45, data.SessionHeld, 45, 0, 0),
		sess(dk(2026, 1, 9, 9, 0), 30, data.SessionPlanned, 0, 0, 0),
	})
	if got := h.RemainingMin(); got != -30 {
		t.Errorf("RemainingMin = %d, want -30", got)
	}
	if got := h.FreeToPlanMin(); got != -60 { // 60 - 90 - 30
		t.Errorf("FreeToPlanMin = %d, want -60", got)
	}
	if got := h.UsedShare(); !near(got, 1.5) {
		t.Errorf("UsedShare = %v, want 1.5", got)
	}
	for _, granted := range []int{0, -10} {
		if got := (data.Hours{GrantedMin: granted, UsedMin: 30}).UsedShare(); got != 0 {
			t.Errorf("UsedShare with granted %d = %v, want 0", granted, got)
		}
	}
}

func TestSessionPlannedMinAndHeld(t *testing.T) {
	s := sess(dk(2026, 3, 29, 1, 30), 0, data.SessionHeld, 0, 0, 0)
	s.PlannedEnd = dk(2026, 3, 29, 3, 30) // 01:30 CET to 03:30 CEST is one real hour
	if got := s.PlannedMin(); got != 60 {
		t.Errorf("PlannedMin across DST start = %d, want 60", got)
	}
	if !s.Held() {
		t.Error("held session: Held() = false")
	}
	for _, st := range []data.SessionStatus{data.SessionPlanned, data.SessionNoShow, data.SessionCancelledCitizen, data.SessionCancelledMentor} {
		if (data.Session{Status: st}).Held() {
			t.Errorf("%s: Held() = true", st)
		}
	}
}

type periodWant struct {
	label      string
	start, end data.Date
	granted    float64
	used       int
	planned    int
	transport  int
	held       int
	noShows    int
}

func checkPeriods(t *testing.T, got []data.PeriodHours, want []periodWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, p := range got {
			t.Logf("got %s %v..%v", p.Label, p.Start, p.End)
		}
		t.Fatalf("%d periods, want %d", len(got), len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.Label != w.label || p.Start != w.start || p.End != w.end {
			t.Errorf("period %d = %s %v..%v, want %s %v..%v", i, p.Label, p.Start, p.End, w.label, w.start, w.end)
		}
		if !near(p.GrantedMin, w.granted) {
			t.Errorf("%s: GrantedMin = %v, want %v", w.label, p.GrantedMin, w.granted)
		}
		if p.UsedMin != w.used || p.PlannedMin != w.planned || p.TransportMin != w.transport || p.Held != w.held || p.NoShows != w.noShows {
			t.Errorf("%s: used %d planned %d transport %d held %d no-shows %d; want %d %d %d %d %d",
				w.label, p.UsedMin, p.PlannedMin, p.TransportMin, p.Held, p.NoShows,
				w.used, w.planned, w.transport, w.held, w.noShows)
		}
	}
}

// sumsMatch checks that the periods add up to the whole agreement.
func sumsMatch(t *testing.T, a data.Agreement, ps []data.PeriodHours, sessions []data.Session) {
	t.Helper()
	total := data.Account(a, sessions)
	var granted float64
	var sum data.Hours
	for _, p := range ps {
		granted += p.GrantedMin
		sum.UsedMin += p.UsedMin
		sum.PlannedMin += p.PlannedMin
		sum.TransportMin += p.TransportMin
		sum.AdminMin += p.AdminMin
		sum.Held += p.Held
		sum.NoShows += p.NoShows
		sum.CancelledByCitizen += p.CancelledByCitizen
		sum.CancelledByMentor += p.CancelledByMentor
	}
	sum.GrantedMin = total.GrantedMin
	if sum != total {
		t.Errorf("sum of periods = %+v, want the total %+v", sum, total)
	}
	if math.Abs(granted-float64(total.GrantedMin)) > 0.5 {
		t.Errorf("sum of granted = %v, want %d", granted, total.GrantedMin)
	}
}

func TestWeeklyHoursEightWeeks(t *testing.T) {
	a := eightWeeks(data.HoursPerWeek, 90)
	sessions := eightWeekSessions()
	got := data.WeeklyHours(a, sessions)
	checkPeriods(t, got, []periodWant{
		{"2026-U02", d(2026, 1, 5), d(2026, 1, 11), 90, 90, 0, 30, 2, 0}, // held A + B
		{"2026-U03", d(2026, 1, 12), d(2026, 1, 18), 90, 0, 0, 20, 0, 1}, // no-show
		{"2026-U04", d(2026, 1, 19), d(2026, 1, 25), 90, 0, 0, 0, 0, 0},
		{"2026-U05", d(2026, 1, 26), d(2026, 2, 1), 90, 0, 0, 0, 0, 0},
		{"2026-U06", d(2026, 2, 2), d(2026, 2, 8), 90, 0, 0, 0, 0, 0},
		{"2026-U07", d(2026, 2, 9), d(2026, 2, 15), 90, 0, 0, 0, 0, 0},
		{"2026-U08", d(2026, 2, 16), d(2026, 2, 22), 90, 45, 0, 10, 1, 0}, // held C
		{"2026-U09", d(2026, 2, 23), d(2026, 3, 1), 90, 0, 120, 0, 0, 0},  // 90 + 30 planned
	})
	if got[2].CancelledByCitizen != 1 || got[3].CancelledByMentor != 1 {
		t.Errorf("cancellations: U04 by citizen %d, U05 by mentor %d; want 1 and 1", got[2].CancelledByCitizen, got[3].CancelledByMentor)
	}
	sumsMatch(t, a, got, sessions)
}

func TestWeeklyHoursISOWeekAcrossNewYear(t *testing.T) {
	// 2025-12-29 is the Monday of ISO week 2026-W01; 2026-01-11 is the Sunday of W02.
	a := data.Agreement{CourseID: 1, Start: d(2025, 12, 29), End: d(2026, 1, 11), HoursBasis: data.HoursPerWeek, GrantedMin: 90}
	sessions := []data.Session{
		sess(dk(2025, 12, 30, 10, 0), 60, data.SessionHeld, 60, 0, 0), // 2025 date, 2026 week
		sess(dk(2026, 1, 4, 23, 0), 30, data.SessionHeld, 30, 0, 0),   // Sunday 23:00 Danish: still W01
		// Sunday 2026-01-04 23:30 UTC is Monday 00:30 Danish: W02.
		sess(time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC), 20, data.SessionHeld, 20, 0, 0),
	}
	got := data.WeeklyHours(a, sessions)
	checkPeriods(t, got, []periodWant{
		{"2026-U01", d(2025, 12, 29), d(2026, 1, 4), 90, 90, 0, 0, 2, 0},
		{"2026-U02", d(2026, 1, 5), d(2026, 1, 11), 90, 20, 0, 0, 1, 0},
	})
	sumsMatch(t, a, got, sessions)
}

func TestWeeklyHoursPartialWeeks(t *testing.T) {
	// Wednesday 2025-12-31 to Tuesday 2026-01-13: 14 days = 2 weeks = 180 min.
	// W01 has 5 days (31 Dec..4 Jan): 90*5/7 = 64.2857; W02 all 7: 90;
	// W03 has 2 days (12..13 Jan): 90*2/7 = 25.7143. 64.2857+90+25.7143 = 180.
	a := data.Agreement{CourseID: 1, Start: d(2025, 12, 31), End: d(2026, 1, 13), HoursBasis: data.HoursPerWeek, GrantedMin: 90}
	sessions := []data.Session{
		sess(dk(2025, 12, 30, 10, 0), 60, data.SessionHeld, 60, 0, 0), // before the start: ignored
		sess(dk(2025, 12, 31, 10, 0), 60, data.SessionHeld, 60, 15, 0),
		sess(dk(2026, 1, 7, 10, 0), 45, data.SessionHeld, 45, 0, 0),
		sess(dk(2026, 1, 13, 10, 0), 30, data.SessionPlanned, 0, 0, 0),
		sess(dk(2026, 1, 14, 10, 0), 60, data.SessionHeld, 60, 0, 0), // after the end: ignored
	}
	got := data.WeeklyHours(a, sessions)
	checkPeriods(t, got, []periodWant{
		{"2026-U01", d(2025, 12, 31), d(2026, 1, 4), 90.0 * 5 / 7, 60, 0, 15, 1, 0},
		{"2026-U02", d(2026, 1, 5), d(2026, 1, 11), 90, 45, 0, 0, 1, 0},
		{"2026-U03", d(2026, 1, 12), d(2026, 1, 13), 90.0 * 2 / 7, 0, 30, 0, 0, 0},
	})
	if a.GrantedTotalMin() != 180 {
		t.Errorf("GrantedTotalMin = %d, want 180", a.GrantedTotalMin())
	}
	sumsMatch(t, a, got, sessions)
}

func TestWeeklyHoursWeek53(t *testing.T) {
	// 2026 has an ISO week 53: Monday 2026-12-28 to Sunday 2027-01-03.
	// 2027-W01 starts Monday 2027-01-04. Total basis 140 over 2 weeks = 70/week.
	a := data.Agreement{CourseID: 1, Start: d(2026, 12, 28), End: d(2027, 1, 10), HoursBasis: data.HoursTotal, GrantedMin: 140}
	got := data.WeeklyHours(a, nil)
	checkPeriods(t, got, []periodWant{
		{"2026-U53", d(2026, 12, 28), d(2027, 1, 3), 70, 0, 0, 0, 0, 0},
		{"2027-U01", d(2027, 1, 4), d(2027, 1, 10), 70, 0, 0, 0, 0, 0},
	})
}

func TestMonthlyHours(t *testing.T) {
	a := eightWeeks(data.HoursPerWeek, 90)
	sessions := eightWeekSessions()
	got := data.MonthlyHours(a, sessions)
	// January has 27 agreement days: 90*27/7 = 347.142857; February 28: 360;
	// March 1: 90/7 = 12.857143. Together 720.
	checkPeriods(t, got, []periodWant{
		{"2026-01", d(2026, 1, 5), d(2026, 1, 31), 90.0 * 27 / 7, 90, 0, 50, 2, 1},
		{"2026-02", d(2026, 2, 1), d(2026, 2, 28), 360, 45, 90, 10, 1, 0},
		{"2026-03", d(2026, 3, 1), d(2026, 3, 1), 90.0 / 7, 0, 30, 0, 0, 0},
	})
	if got[0].AdminMin != 20 || got[0].CancelledByCitizen != 1 || got[0].CancelledByMentor != 1 {
		t.Errorf("January admin %d, cancellations %d/%d; want 20, 1/1", got[0].AdminMin, got[0].CancelledByCitizen, got[0].CancelledByMentor)
	}
	sumsMatch(t, a, got, sessions)

	// Total basis: 600 over 8 weeks = 75/week; January 75*27/7 = 289.2857,
	// February 75*4 = 300, March 75/7 = 10.7143.
	tot := data.MonthlyHours(eightWeeks(data.HoursTotal, 600), sessions)
	for i, want := range []float64{75.0 * 27 / 7, 300, 75.0 / 7} {
		if !near(tot[i].GrantedMin, want) {
			t.Errorf("total basis %s: GrantedMin = %v, want %v", tot[i].Label, tot[i].GrantedMin, want)
		}
	}
}

func TestMonthlyHoursLeapFebruary(t *testing.T) {
	// 2024-02-15..2024-03-14: 15 days of February (15..29) and 14 of March.
	a := data.Agreement{CourseID: 1, Start: d(2024, 2, 15), End: d(2024, 3, 14), HoursBasis: data.HoursPerWeek, GrantedMin: 70}
	got := data.MonthlyHours(a, nil)
	checkPeriods(t, got, []periodWant{
		{"2024-02", d(2024, 2, 15), d(2024, 2, 29), 150, 0, 0, 0, 0, 0}, // 70*15/7
		{"2024-03", d(2024, 3, 1), d(2024, 3, 14), 140, 0, 0, 0, 0, 0},  // 70*14/7
	})
}

func TestPeriodsOfBadAgreements(t *testing.T) {
	for _, a := range []data.Agreement{
		{CourseID: 1, Start: d(2026, 3, 1), End: d(2026, 1, 5), HoursBasis: data.HoursPerWeek, GrantedMin: 90},
		{CourseID: 1, End: d(2026, 1, 5), HoursBasis: data.HoursPerWeek, GrantedMin: 90},
		{CourseID: 1, Start: d(2026, 1, 5), HoursBasis: data.HoursPerWeek, GrantedMin: 90},
	} {
		if got := data.WeeklyHours(a, eightWeekSessions()); got != nil {
			t.Errorf("WeeklyHours(%v..%v) = %d periods, want nil", a.Start, a.End, len(got))
		}
		if got := data.MonthlyHours(a, eightWeekSessions()); got != nil {
			t.Errorf("MonthlyHours(%v..%v) = %d periods, want nil", a.Start, a.End, len(got))
		}
	}
}

// TestWeekOfIsWeeklyHoursWeek: the week WeekOf works out alone is exactly
// WeeklyHours' week holding the day, for every day around agreements that
// start mid-week, cross a new year, are granted in total or last one day;
// days outside the agreement have none.
func TestWeekOfIsWeeklyHoursWeek(t *testing.T) {
	midWeek := data.Agreement{CourseID: 1, Start: d(2025, 12, 31), End: d(2026, 1, 13), HoursBasis: data.HoursPerWeek, GrantedMin: 90}
	total := eightWeeks(data.HoursTotal, 600)
	total.Start = d(2026, 1, 8) // a Thursday
	oneDay := data.Agreement{CourseID: 1, Start: d(2026, 1, 7), End: d(2026, 1, 7), HoursBasis: data.HoursPerWeek, GrantedMin: 60}
	sessions := append(eightWeekSessions(), sess(dk(2025, 12, 31, 10, 0), 60, data.SessionHeld, 60, 15, 0))
	for _, a := range []data.Agreement{eightWeeks(data.HoursPerWeek, 90), midWeek, total, oneDay} {
		weeks := data.WeeklyHours(a, sessions)
		inside := 0
		for day := a.Start.AddDays(-9); !day.After(a.End.AddDays(9)); day = day.AddDays(1) {
			got, ok := data.WeekOf(a, sessions, day)
			var want data.PeriodHours
			found := false
			for _, w := range weeks {
				if day.Within(w.Start, w.End) {
					want, found = w, true
				}
			}
			if ok != found || got != want {
				t.Errorf("%v..%v, %v: WeekOf = %+v, %v; WeeklyHours' week %+v, %v", a.Start, a.End, day, got, ok, want, found)
			}
			if ok {
				inside++
			}
		}
		if inside != a.Start.DaysUntil(a.End)+1 {
			t.Errorf("%v..%v: %d days had a week", a.Start, a.End, inside)
		}
	}
}
