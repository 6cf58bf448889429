package dk

import (
	"testing"
	"time"
)

func TestISOWeek(t *testing.T) {
	tests := []struct {
		date               time.Time
		wantYear, wantWeek int
	}{
		{time.Date(2025, 12, 29, 0, 0, 0, 0, time.UTC), 2026, 1},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 2026, 1},
		{time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), 2026, 53},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 2026, 53},
		{time.Date(2027, 1, 3, 23, 59, 0, 0, time.UTC), 2026, 53},
		{time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), 2027, 1},
		{time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), 2026, 48},
	}
	for _, tc := range tests {
		year, week := ISOWeek(tc.date)
		if year != tc.wantYear || week != tc.wantWeek {
			t.Errorf("ISOWeek(%v) = %d-W%d, want %d-W%d", tc.date, year, week, tc.wantYear, tc.wantWeek)
		}
	}
}

func TestWeeksInYear(t *testing.T) {
	tests := map[int]int{2020: 53, 2021: 52, 2024: 52, 2025: 52, 2026: 53, 2027: 52, 2032: 53}
	for year, want := range tests {
		if got := WeeksInYear(year); got != want {
			t.Errorf("WeeksInYear(%d) = %d, want %d", year, got, want)
		}
	}
}

func TestWeekStart(t *testing.T) {
	cph := Copenhagen()
	tests := []struct {
		year, week int
		want       time.Time
	}{
		{2026, 1, time.Date(2025, 12, 29, 0, 0, 0, 0, cph)},
		{2026, 13, time.Date(2026, 3, 23, 0, 0, 0, 0, cph)}, // DST begins Sunday 29 March
		{2026, 14, time.Date(2026, 3, 30, 0, 0, 0, 0, cph)},
		{2026, 43, time.Date(2026, 10, 19, 0, 0, 0, 0, cph)}, // DST ends Sunday 25 October
		{2026, 44, time.Date(2026, 10, 26, 0, 0, 0, 0, cph)},
		{2026, 53, time.Date(2026, 12, 28, 0, 0, 0, 0, cph)},
		{2027, 1, time.Date(2027, 1, 4, 0, 0, 0, 0, cph)},
		{2027, 0, time.Date(2026, 12, 28, 0, 0, 0, 0, cph)}, // week 0 = last week of previous year
		{2021, 1, time.Date(2021, 1, 4, 0, 0, 0, 0, cph)},
		{2020, 1, time.Date(2019, 12, 30, 0, 0, 0, 0, cph)},
	}
	for _, tc := range tests {
		got := WeekStart(tc.year, tc.week, cph)
		if !got.Equal(tc.want) || got.Location() != cph {
			t.Errorf("WeekStart(%d, %d) = %v, want %v", tc.year, tc.week, got, tc.want)
		}
		if y, w := got.ISOWeek(); tc.week >= 1 && (y != tc.year || w != tc.week) {
			t.Errorf("WeekStart(%d, %d) lies in %d-W%d", tc.year, tc.week, y, w)
		}
	}
	if got := WeekStart(2026, 53, nil); got.Location() != time.UTC {
		t.Errorf("nil location gave %v, want UTC", got.Location())
	}
}

func TestDSTWeeksHaveLocalWeekLengths(t *testing.T) {
	cph := Copenhagen()
	tests := []struct {
		week int
		want time.Duration
	}{
		{12, 168 * time.Hour},
		{13, 167 * time.Hour}, // spring forward loses an hour
		{43, 169 * time.Hour}, // fall back gains an hour
	}
	for _, tc := range tests {
		got := WeekStart(2026, tc.week+1, cph).Sub(WeekStart(2026, tc.week, cph))
		if got != tc.want {
			t.Errorf("length of 2026-W%d = %v, want %v", tc.week, got, tc.want)
		}
	}
}

func TestStartOfWeek(t *testing.T) {
	cph := Copenhagen()
	jerusalem, err := time.LoadLocation("Asia/Jerusalem")
	if err != nil {
		t.Fatalf("loading Asia/Jerusalem from embedded tzdata: %v", err)
	}
	if _, offset := time.Date(2026, 3, 28, 12, 0, 0, 0, jerusalem).Zone(); offset != 3*3600 {
		t.Fatalf("test assumes Israeli summer time from 27 March 2026, offset is %d", offset)
	}
	tests := []struct {
		in, want time.Time
	}{
		{time.Date(2026, 11, 23, 0, 0, 0, 0, cph), time.Date(2026, 11, 23, 0, 0, 0, 0, cph)},   // Monday
		{time.Date(2026, 11, 29, 23, 59, 0, 0, cph), time.Date(2026, 11, 23, 0, 0, 0, 0, cph)}, // Sunday
		// Sunday after the spring change: 6×24h back from 12:00 CEST is 11:00
		// CET on Monday, not midnight; calendar-day arithmetic gets it right.
		{time.Date(2026, 3, 29, 12, 0, 0, 0, cph), time.Date(2026, 3, 23, 0, 0, 0, 0, cph)},
		{time.Date(2026, 10, 25, 23, 0, 0, 0, cph), time.Date(2026, 10, 19, 0, 0, 0, 0, cph)},
		{time.Date(2026, 10, 26, 0, 30, 0, 0, cph), time.Date(2026, 10, 26, 0, 0, 0, 0, cph)},
		{time.Date(2027, 1, 1, 8, 0, 0, 0, cph), time.Date(2026, 12, 28, 0, 0, 0, 0, cph)},
		{time.Date(2026, 3, 1, 5, 0, 0, 0, time.UTC), time.Date(2026, 2, 23, 0, 0, 0, 0, time.UTC)},
		// Israel moves its clocks on Friday 27 March 2026, inside the week, so
		// stepping back whole 24h periods from Saturday would miss midnight.
		{time.Date(2026, 3, 28, 12, 0, 0, 0, jerusalem), time.Date(2026, 3, 23, 0, 0, 0, 0, jerusalem)},
		{time.Date(2026, 3, 29, 23, 0, 0, 0, jerusalem), time.Date(2026, 3, 23, 0, 0, 0, 0, jerusalem)},
	}
	for _, tc := range tests {
		got := StartOfWeek(tc.in)
		if !got.Equal(tc.want) || got.Location() != tc.in.Location() || got.Hour() != 0 {
			t.Errorf("StartOfWeek(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestCopenhagen(t *testing.T) {
	cph := Copenhagen()
	if cph.String() != "Europe/Copenhagen" {
		t.Fatalf("Copenhagen() = %q, want Europe/Copenhagen (embedded tzdata)", cph)
	}
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, cph)
	if name, offset := summer.Zone(); name != "CEST" || offset != 2*3600 {
		t.Errorf("summer zone = %s %d, want CEST 7200", name, offset)
	}
}
