package data_test

import (
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// d is a short way to write a civil date in tests.
func d(y int, m time.Month, day int) data.Date { return data.Date{Year: y, Month: m, Day: day} }

func TestNewDateNormalises(t *testing.T) {
	tests := []struct {
		name       string
		y          int
		m          time.Month
		day        int
		want       data.Date
		wantString string
	}{
		{"plain day", 2026, time.January, 5, d(2026, 1, 5), "2026-01-05"},
		{"32 January is 1 February", 2026, time.January, 32, d(2026, 2, 1), "2026-02-01"},
		{"29 February in a common year is 1 March", 2026, time.February, 29, d(2026, 3, 1), "2026-03-01"},
		{"29 February in a leap year stays", 2024, time.February, 29, d(2024, 2, 29), "2024-02-29"},
		{"30 February in a leap year is 1 March", 2024, time.February, 30, d(2024, 3, 1), "2024-03-01"},
		{"day 0 is the last day of the month before", 2026, time.March, 0, d(2026, 2, 28), "2026-02-28"},
		{"day 0 of January is New Year's Eve", 2026, time.January, 0, d(2025, 12, 31), "2025-12-31"},
		{"day -1 of March in a leap year is 28 February", 2024, time.March, -1, d(2024, 2, 28), "2024-02-28"},
		{"month 13 is January next year", 2026, 13, 1, d(2027, 1, 1), "2027-01-01"},
		{"month 0 is December the year before", 2026, 0, 15, d(2025, 12, 15), "2025-12-15"},
		{"31 April is 1 May", 2026, time.April, 31, d(2026, 5, 1), "2026-05-01"},
		{"day 366 of a common year is 1 January next year", 2026, time.January, 366, d(2027, 1, 1), "2027-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := data.NewDate(tt.y, tt.m, tt.day)
			if got != tt.want {
				t.Errorf("NewDate(%d, %d, %d) = %+v, want %+v", tt.y, tt.m, tt.day, got, tt.want)
			}
			if s := got.String(); s != tt.wantString {
				t.Errorf("String() = %q, want %q", s, tt.wantString)
			}
		})
	}
}

func TestDateOfUsesTheTimesOwnLocation(t *testing.T) {
	// 2026-01-04 23:30 UTC is 2026-01-05 00:30 in Copenhagen (CET, UTC+1).
	utc := time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC)
	if got, want := data.DateOf(utc), d(2026, 1, 4); got != want {
		t.Errorf("DateOf(UTC) = %v, want %v", got, want)
	}
	if got, want := data.DateOf(utc.In(data.Zone())), d(2026, 1, 5); got != want {
		t.Errorf("DateOf(Copenhagen) = %v, want %v", got, want)
	}
}

func TestParseISODateRoundTrip(t *testing.T) {
	for _, s := range []string{"2026-01-05", "2024-02-29", "2025-12-31", "0001-01-01", "9999-12-31", "2026-10-25"} {
		got, err := data.ParseISODate(s)
		if err != nil {
			t.Errorf("ParseISODate(%q) error: %v", s, err)
			continue
		}
		if got.String() != s {
			t.Errorf("ParseISODate(%q).String() = %q", s, got.String())
		}
		if again, err := data.ParseISODate(got.String()); err != nil || again != got {
			t.Errorf("second round trip of %q = %v, %v", s, again, err)
		}
	}
	got, err := data.ParseISODate("2024-02-29")
	if err != nil || got != d(2024, 2, 29) {
		t.Errorf("ParseISODate(2024-02-29) = %+v, %v; want {2024 February 29}", got, err)
	}
}

func TestParseISODateEmptyIsZero(t *testing.T) {
	got, err := data.ParseISODate("")
	if err != nil {
		t.Fatalf("ParseISODate(\"\") error: %v", err)
	}
	if !got.IsZero() || got != (data.Date{}) {
		t.Errorf("ParseISODate(\"\") = %+v, want the zero Date", got)
	}
	if s := (data.Date{}).String(); s != "" {
		t.Errorf("zero Date String() = %q, want \"\"", s)
	}
	if d(2026, 1, 1).IsZero() {
		t.Error("2026-01-01 reported as zero")
	}
}

func TestParseISODateErrors(t *testing.T) {
	for _, s := range []string{
		"2026-02-29",       // not a leap year
		"2026-02-30",       // no such day
		"2026-04-31",       // April has 30 days
		"2026-13-01",       // no month 13
		"2026-00-10",       // no month 0
		"2026-01-00",       // no day 0
		"2026-1-5",         // storage form has two-digit month and day
		"26-01-05",         // two-digit year
		"05-01-2026",       // the Danish display form is not the storage form
		"2026/01/05",       // wrong separator
		" 2026-01-05",      // leading blank
		"2026-01-05 ",      // trailing blank
		"2026-01-05T10:00", // a time is not a date
		"abc",
	} {
		got, err := data.ParseISODate(s)
		if err == nil {
			t.Errorf("ParseISODate(%q) = %v, want an error", s, got)
			continue
		}
		if got != (data.Date{}) {
			t.Errorf("ParseISODate(%q) returned %+v with its error, want the zero Date", s, got)
		}
		if !strings.Contains(err.Error(), s) {
			t.Errorf("ParseISODate(%q) error %q does not quote the input", s, err)
		}
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		from data.Date
		n    int
		want data.Date
	}{
		{d(2026, 1, 5), 0, d(2026, 1, 5)},
		{d(2026, 1, 31), 1, d(2026, 2, 1)},
		{d(2026, 2, 28), 1, d(2026, 3, 1)},   // common year
		{d(2024, 2, 28), 1, d(2024, 2, 29)},  // leap year
		{d(2024, 2, 29), 1, d(2024, 3, 1)},   // leap day onwards
		{d(2026, 3, 1), -1, d(2026, 2, 28)},  // back across a month end
		{d(2024, 3, 1), -1, d(2024, 2, 29)},  // back onto a leap day
		{d(2025, 12, 31), 1, d(2026, 1, 1)},  // year end
		{d(2026, 1, 1), -1, d(2025, 12, 31)}, // back across a year end
		{d(2026, 1, 5), 55, d(2026, 3, 1)},   // 26 days to 31 Jan + 28 Feb + 1 = 55
		{d(2026, 3, 28), 2, d(2026, 3, 30)},  // across the spring DST change
		{d(2026, 10, 24), 2, d(2026, 10, 26)},
		{d(2024, 1, 1), 366, d(2025, 1, 1)}, // 2024 has 366 days
		{d(2026, 1, 1), 365, d(2027, 1, 1)},
	}
	for _, tt := range tests {
		if got := tt.from.AddDays(tt.n); got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from data.Date
		n    int
		want data.Date
	}{
		{d(2026, 1, 1), 6, d(2026, 7, 1)},
		{d(2026, 1, 15), 1, d(2026, 2, 15)},
		{d(2026, 8, 15), 6, d(2027, 2, 15)},    // across a year end
		{d(2026, 12, 31), 1, d(2027, 1, 31)},   // December to January
		{d(2026, 1, 31), 1, d(2026, 3, 3)},     // "31 February" 2026 overflows by 3 days, like time.AddDate
		{d(2024, 1, 31), 1, d(2024, 3, 2)},     // "31 February" 2024 (leap) overflows by 2 days
		{d(2024, 2, 29), 12, d(2025, 3, 1)},    // leap day a year on: "29 February 2025" = 1 March
		{d(2024, 2, 29), 48, d(2028, 2, 29)},   // next leap year keeps the day
		{d(2026, 3, 31), -1, d(2026, 3, 3)},    // "31 February" again, going back
		{d(2026, 5, 31), 1, d(2026, 7, 1)},     // "31 June" = 1 July
		{d(2026, 7, 1), -6, d(2026, 1, 1)},     // back six months
		{d(2026, 1, 15), -13, d(2024, 12, 15)}, // back more than a year
		{d(2026, 3, 15), 0, d(2026, 3, 15)},
	}
	for _, tt := range tests {
		if got := tt.from.AddMonths(tt.n); got != tt.want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestCompareBeforeAfter(t *testing.T) {
	tests := []struct {
		a, b          data.Date
		cmp           int
		before, after bool
	}{
		{d(2026, 1, 5), d(2026, 1, 5), 0, false, false},
		{d(2026, 1, 5), d(2026, 1, 6), -1, true, false},
		{d(2026, 1, 6), d(2026, 1, 5), 1, false, true},
		{d(2025, 12, 31), d(2026, 1, 1), -1, true, false}, // year beats month and day
		{d(2026, 2, 1), d(2026, 1, 31), 1, false, true},   // month beats day
		{d(2026, 12, 1), d(2027, 1, 1), -1, true, false},
		{data.Date{}, d(2026, 1, 1), -1, true, false}, // the zero date is before every real day
		{d(2026, 1, 1), data.Date{}, 1, false, true},
		{data.Date{}, data.Date{}, 0, false, false},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.cmp {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.cmp)
		}
		if got := tt.a.Before(tt.b); got != tt.before {
			t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.before)
		}
		if got := tt.a.After(tt.b); got != tt.after {
			t.Errorf("%v.After(%v) = %v, want %v", tt.a, tt.b, got, tt.after)
		}
	}
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		from, to data.Date
		want     int
	}{
		{d(2026, 1, 5), d(2026, 1, 5), 0},
		{d(2026, 1, 5), d(2026, 1, 6), 1},
		{d(2026, 1, 6), d(2026, 1, 5), -1},
		{d(2026, 1, 5), d(2026, 3, 1), 55},  // 26 + 28 + 1
		{d(2026, 3, 1), d(2026, 1, 5), -55}, // negative when o is earlier
		{d(2026, 2, 28), d(2026, 3, 1), 1},  // common year
		{d(2024, 2, 28), d(2024, 3, 1), 2},  // leap year
		{d(2025, 1, 1), d(2026, 1, 1), 365},
		{d(2024, 1, 1), d(2025, 1, 1), 366},
		{d(2026, 3, 28), d(2026, 3, 30), 2},   // a 23-hour day in Denmark is still a day
		{d(2026, 10, 24), d(2026, 10, 26), 2}, // and so is a 25-hour day
		{d(2026, 1, 1), d(2026, 7, 1), 181},   // 31+28+31+30+31+30
	}
	for _, tt := range tests {
		if got := tt.from.DaysUntil(tt.to); got != tt.want {
			t.Errorf("%v.DaysUntil(%v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	from, to := d(2026, 1, 5), d(2026, 3, 1)
	var zero data.Date
	tests := []struct {
		name     string
		day      data.Date
		from, to data.Date
		want     bool
	}{
		{"first day is inside (closed)", from, from, to, true},
		{"last day is inside (closed)", to, from, to, true},
		{"middle", d(2026, 2, 1), from, to, true},
		{"day before", d(2026, 1, 4), from, to, false},
		{"day after", d(2026, 3, 2), from, to, false},
		{"single-day interval", from, from, from, true},
		{"empty interval (to before from)", d(2026, 2, 1), to, from, false},
		{"zero from is open: far past", d(1900, 1, 1), zero, to, true},
		{"zero from, after to", d(2026, 3, 2), zero, to, false},
		{"zero to is open: far future", d(2999, 12, 31), from, zero, true},
		{"zero to, before from", d(2026, 1, 4), from, zero, false},
		{"both zero: everything", d(2026, 6, 15), zero, zero, true},
	}
	for _, tt := range tests {
		if got := tt.day.Within(tt.from, tt.to); got != tt.want {
			t.Errorf("%s: %v.Within(%v, %v) = %v, want %v", tt.name, tt.day, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		day  data.Date
		want time.Weekday
	}{
		{d(2026, 1, 1), time.Thursday},
		{d(2026, 1, 5), time.Monday},
		{d(2026, 3, 1), time.Sunday},
		{d(2025, 12, 29), time.Monday}, // first day of ISO week 2026-W01
		{d(2024, 2, 29), time.Thursday},
		{d(2026, 3, 29), time.Sunday}, // DST starts
		{d(2026, 10, 25), time.Sunday},
		{d(2026, 12, 28), time.Monday}, // first day of ISO week 2026-W53
	}
	for _, tt := range tests {
		if got := tt.day.Weekday(); got != tt.want {
			t.Errorf("%v.Weekday() = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestInCopenhagenAcrossDST(t *testing.T) {
	cph := data.Zone()
	tests := []struct {
		name      string
		day       data.Date
		wantUTC   time.Time // midnight Danish time, as UTC
		wantHours float64   // length of the Danish day
		wantOff   int       // UTC offset at midnight, seconds
	}{
		// Summer time starts 2026-03-29 at 02:00 CET: midnight is still CET (+1).
		{"day DST starts", d(2026, 3, 29), time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), 23, 3600},
		{"day after DST starts", d(2026, 3, 30), time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), 24, 7200},
		// Summer time ends 2026-10-25 at 03:00 CEST: midnight is still CEST (+2).
		{"day DST ends", d(2026, 10, 25), time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC), 25, 7200},
		{"day after DST ends", d(2026, 10, 26), time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), 24, 3600},
		{"winter day", d(2026, 1, 5), time.Date(2026, 1, 4, 23, 0, 0, 0, time.UTC), 24, 3600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := tt.day.In(cph)
			if !start.Equal(tt.wantUTC) {
				t.Errorf("In(Zone()) = %v, want %v", start.UTC(), tt.wantUTC)
			}
			if h, m, s := start.Clock(); h != 0 || m != 0 || s != 0 {
				t.Errorf("In(Zone()) is %02d:%02d:%02d local, want midnight", h, m, s)
			}
			if _, off := start.Zone(); off != tt.wantOff {
				t.Errorf("offset at midnight = %d, want %d", off, tt.wantOff)
			}
			if back := data.DateOf(start); back != tt.day {
				t.Errorf("DateOf(In(Zone())) = %v, want %v", back, tt.day)
			}
			next := tt.day.AddDays(1).In(cph)
			if got := next.Sub(start).Hours(); got != tt.wantHours {
				t.Errorf("day length = %v h, want %v h", got, tt.wantHours)
			}
		})
	}

	// Instants just around the changes fall on the right Danish day.
	instants := []struct {
		utc  time.Time
		want data.Date
	}{
		{time.Date(2026, 3, 28, 22, 59, 0, 0, time.UTC), d(2026, 3, 28)}, // 23:59 CET
		{time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), d(2026, 3, 29)},  // 00:00 CET
		{time.Date(2026, 3, 29, 21, 59, 0, 0, time.UTC), d(2026, 3, 29)}, // 23:59 CEST
		{time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), d(2026, 3, 30)},  // 00:00 CEST
		{time.Date(2026, 10, 24, 21, 59, 0, 0, time.UTC), d(2026, 10, 24)},
		{time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC), d(2026, 10, 25)},  // 00:00 CEST
		{time.Date(2026, 10, 25, 22, 59, 0, 0, time.UTC), d(2026, 10, 25)}, // 23:59 CET
		{time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), d(2026, 10, 26)},
	}
	for _, tt := range instants {
		if got := data.DateOf(tt.utc.In(cph)); got != tt.want {
			t.Errorf("Danish day of %v = %v, want %v", tt.utc, got, tt.want)
		}
	}
}

func TestZoneIsCopenhagen(t *testing.T) {
	if data.Zone() != data.Zone() {
		t.Error("Zone() is not loaded once")
	}
	// A July instant is in summer time (+2); a fixed CET fallback would give +1.
	_, off := time.Date(2026, 7, 1, 12, 0, 0, 0, data.Zone()).Zone()
	if off != 7200 {
		t.Errorf("July offset = %d, want 7200 (Europe/Copenhagen with DST)", off)
	}
}
