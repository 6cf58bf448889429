package dk

import (
	"errors"
	"testing"
	"time"
)

func TestFormatDates(t *testing.T) {
	cph := Copenhagen()
	tests := []struct {
		at                        time.Time
		date, long, clock, dateTm string
	}{
		{time.Date(2026, 11, 23, 14, 5, 0, 0, cph), "23-11-2026", "23. nov. 2026", "14:05", "23-11-2026 14:05"},
		{time.Date(2026, 5, 5, 9, 0, 0, 0, cph), "05-05-2026", "5. maj 2026", "09:00", "05-05-2026 09:00"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "01-01-2027", "1. jan. 2027", "00:00", "01-01-2027 00:00"},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, cph), "31-12-2026", "31. dec. 2026", "23:59", "31-12-2026 23:59"},
	}
	for _, tc := range tests {
		if got := FormatDate(tc.at); got != tc.date {
			t.Errorf("FormatDate(%v) = %q, want %q", tc.at, got, tc.date)
		}
		if got := FormatDateLong(tc.at); got != tc.long {
			t.Errorf("FormatDateLong(%v) = %q, want %q", tc.at, got, tc.long)
		}
		if got := FormatTime(tc.at); got != tc.clock {
			t.Errorf("FormatTime(%v) = %q, want %q", tc.at, got, tc.clock)
		}
		if got := FormatDateTime(tc.at); got != tc.dateTm {
			t.Errorf("FormatDateTime(%v) = %q, want %q", tc.at, got, tc.dateTm)
		}
	}
}

func TestFormatDateLongAllMonths(t *testing.T) {
	want := []string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
	for i, abbreviation := range want {
		date := time.Date(2026, time.Month(i+1), 2, 0, 0, 0, 0, time.UTC)
		if got, expect := FormatDateLong(date), "2. "+abbreviation+" 2026"; got != expect {
			t.Errorf("FormatDateLong(%v) = %q, want %q", date, got, expect)
		}
	}
}

func TestNames(t *testing.T) {
	months := []string{"januar", "februar", "marts", "april", "maj", "juni",
		"juli", "august", "september", "oktober", "november", "december"}
	for i, want := range months {
		if got := MonthName(time.Month(i + 1)); got != want {
			t.Errorf("MonthName(%d) = %q, want %q", i+1, got, want)
		}
	}
	weekdays := map[time.Weekday][2]string{
		time.Monday: {"mandag", "man"}, time.Tuesday: {"tirsdag", "tir"}, time.Wednesday: {"onsdag", "ons"},
		time.Thursday: {"torsdag", "tor"}, time.Friday: {"fredag", "fre"}, time.Saturday: {"lørdag", "lør"},
		time.Sunday: {"søndag", "søn"},
	}
	for day, want := range weekdays {
		if got := WeekdayName(day); got != want[0] {
			t.Errorf("WeekdayName(%v) = %q, want %q", day, got, want[0])
		}
		if got := WeekdayShort(day); got != want[1] {
			t.Errorf("WeekdayShort(%v) = %q, want %q", day, got, want[1])
		}
	}
	if MonthName(0) != "" || MonthName(13) != "" || WeekdayName(7) != "" || WeekdayShort(-1) != "" {
		t.Error("out-of-range month or weekday should give an empty name")
	}
}

func TestParseDate(t *testing.T) {
	cph := Copenhagen()
	tests := []struct {
		in                    string
		wantY, wantM, wantDay int
	}{
		{"23-11-2026", 2026, 11, 23},
		{"23.11.2026", 2026, 11, 23},
		{"23/11/2026", 2026, 11, 23},
		{"2026-11-23", 2026, 11, 23},
		{"1-2-2026", 2026, 2, 1},
		{"1.2.2026", 2026, 2, 1},
		{"2026-2-1", 2026, 2, 1},
		{" 29-02-2028 ", 2028, 2, 29},
		{"29-03-2026", 2026, 3, 29}, // DST change day: midnight still exists
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in, cph)
		if err != nil {
			t.Errorf("ParseDate(%q): unexpected error %v", tc.in, err)
			continue
		}
		want := time.Date(tc.wantY, time.Month(tc.wantM), tc.wantDay, 0, 0, 0, 0, cph)
		if !got.Equal(want) || got.Location() != cph {
			t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, want)
		}
	}
	if got, _ := ParseDate("23-11-2026", nil); got.Location() != time.UTC {
		t.Errorf("nil location gave %v, want UTC", got.Location())
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", msgDateFormat},
		{"23112026", msgDateFormat},
		{"23-11-26", msgDateFormat},
		{"23-11/2026", msgDateFormat},
		{"23 11 2026", msgDateFormat},
		{"23-11-2026-1", msgDateFormat},
		{"123-11-2026", msgDateFormat},
		{"2026/11/23", msgDateFormat},
		{"2026.11.23", msgDateFormat},
		{"23-nov-2026", msgDateFormat},
		{"-1-11-2026", msgDateFormat},
		{"+1-11-2026", msgDateFormat},
		{"23-11-2026 14:05", msgDateFormat},
		{"29-02-2026", msgDateMissing},
		{"29-02-2100", msgDateMissing},
		{"31-04-2026", msgDateMissing},
		{"00-01-2026", msgDateMissing},
		{"01-13-2026", msgDateMissing},
		{"2026-02-30", msgDateMissing},
	}
	for _, tc := range tests {
		_, err := ParseDate(tc.in, time.UTC)
		assertInputError(t, "ParseDate("+tc.in+")", err, tc.want)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in                   string
		wantHour, wantMinute int
	}{
		{"9:05", 9, 5},
		{"09:05", 9, 5},
		{"0905", 9, 5},
		{"905", 9, 5},
		{"9.05", 9, 5},
		{"9", 9, 0},
		{"09", 9, 0},
		{"0", 0, 0},
		{"23:59", 23, 59},
		{" 14:30 ", 14, 30},
		{"1430", 14, 30},
	}
	for _, tc := range tests {
		hour, minute, err := ParseClock(tc.in)
		if err != nil || hour != tc.wantHour || minute != tc.wantMinute {
			t.Errorf("ParseClock(%q) = %d, %d, %v; want %d, %d, nil", tc.in, hour, minute, err, tc.wantHour, tc.wantMinute)
		}
	}
}

func TestParseClockErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", msgClockFormat},
		{"9:5", msgClockFormat},
		{"9:055", msgClockFormat},
		{":05", msgClockFormat},
		{"9:", msgClockFormat},
		{"12345", msgClockFormat},
		{"ni", msgClockFormat},
		{"9:05:00", msgClockFormat},
		{"9,05", msgClockFormat},
		{"-9", msgClockFormat},
		{"24:00", msgClockRange},
		{"9:60", msgClockRange},
		{"2400", msgClockRange},
		{"25", msgClockRange},
		{"960", msgClockRange},
	}
	for _, tc := range tests {
		hour, minute, err := ParseClock(tc.in)
		assertInputError(t, "ParseClock("+tc.in+")", err, tc.want)
		if hour != 0 || minute != 0 {
			t.Errorf("ParseClock(%q) returned %d:%d alongside an error", tc.in, hour, minute)
		}
	}
}

func assertInputError(t *testing.T, call string, err error, wantMessage string) {
	t.Helper()
	var inputErr *InputError
	if !errors.As(err, &inputErr) {
		t.Errorf("%s: error %v (%T), want *InputError", call, err, err)
		return
	}
	if err.Error() != wantMessage {
		t.Errorf("%s: message %q, want %q", call, err.Error(), wantMessage)
	}
}
