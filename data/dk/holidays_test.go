package dk

import (
	"fmt"
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year       int
		month, day int
	}{
		{2023, 4, 9},
		{2024, 3, 31},
		{2025, 4, 20},
		{2026, 4, 5},
		{2027, 3, 28},
		{2028, 4, 16},
		{2029, 4, 1},
		{2030, 4, 21},
		{2285, 3, 22}, // earliest possible
		{2038, 4, 25}, // latest possible
	}
	for _, tc := range tests {
		want := time.Date(tc.year, time.Month(tc.month), tc.day, 0, 0, 0, 0, time.UTC)
		if got := Easter(tc.year); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Easter(%d) = %v, want %v", tc.year, got, want)
		}
	}
}

func describeHolidays(holidays []Holiday) []string {
	lines := make([]string, len(holidays))
	for i, h := range holidays {
		lines[i] = h.Date.Format("02-01") + " " + h.Name
	}
	return lines
}

func TestHolidaysTable(t *testing.T) {
	// holidayTable was checked by hand against the Easter dates above
	// (Skærtorsdag −3, Langfredag −2, 2. påskedag +1, Kristi himmelfartsdag +39,
	// Pinsedag +49, 2. pinsedag +50 days) and against an independent calendar.
	holidayTable := map[int][]string{
		2024: {"01-01 Nytårsdag", "28-03 Skærtorsdag", "29-03 Langfredag", "31-03 Påskedag", "01-04 2. påskedag",
			"09-05 Kristi himmelfartsdag", "19-05 Pinsedag", "20-05 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2025: {"01-01 Nytårsdag", "17-04 Skærtorsdag", "18-04 Langfredag", "20-04 Påskedag", "21-04 2. påskedag",
			"29-05 Kristi himmelfartsdag", "08-06 Pinsedag", "09-06 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2026: {"01-01 Nytårsdag", "02-04 Skærtorsdag", "03-04 Langfredag", "05-04 Påskedag", "06-04 2. påskedag",
			"14-05 Kristi himmelfartsdag", "24-05 Pinsedag", "25-05 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2027: {"01-01 Nytårsdag", "25-03 Skærtorsdag", "26-03 Langfredag", "28-03 Påskedag", "29-03 2. påskedag",
			"06-05 Kristi himmelfartsdag", "16-05 Pinsedag", "17-05 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2028: {"01-01 Nytårsdag", "13-04 Skærtorsdag", "14-04 Langfredag", "16-04 Påskedag", "17-04 2. påskedag",
			"25-05 Kristi himmelfartsdag", "04-06 Pinsedag", "05-06 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2029: {"01-01 Nytårsdag", "29-03 Skærtorsdag", "30-03 Langfredag", "01-04 Påskedag", "02-04 2. påskedag",
			"10-05 Kristi himmelfartsdag", "20-05 Pinsedag", "21-05 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2030: {"01-01 Nytårsdag", "18-04 Skærtorsdag", "19-04 Langfredag", "21-04 Påskedag", "22-04 2. påskedag",
			"30-05 Kristi himmelfartsdag", "09-06 Pinsedag", "10-06 2. pinsedag", "25-12 Juledag", "26-12 2. juledag"},
		2023: {"01-01 Nytårsdag", "06-04 Skærtorsdag", "07-04 Langfredag", "09-04 Påskedag", "10-04 2. påskedag",
			"05-05 Store bededag", "18-05 Kristi himmelfartsdag", "28-05 Pinsedag", "29-05 2. pinsedag",
			"25-12 Juledag", "26-12 2. juledag"},
	}

	for year := 2023; year <= 2030; year++ {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			got := describeHolidays(Holidays(year, time.UTC))
			want := holidayTable[year]
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("Holidays(%d)\n got  %q\n want %q", year, got, want)
			}
		})
	}
}

func TestHolidaysAreMidnightInLocationAndSorted(t *testing.T) {
	cph := Copenhagen()
	holidays := Holidays(2026, cph)
	for i, h := range holidays {
		if h.Date.Location() != cph || h.Date.Hour() != 0 || h.Date.Minute() != 0 || h.Date.Year() != 2026 {
			t.Errorf("%s: Date = %v, want 2026 midnight in Europe/Copenhagen", h.Name, h.Date)
		}
		if i > 0 && !holidays[i-1].Date.Before(h.Date) {
			t.Errorf("not sorted: %s (%v) before %s (%v)", holidays[i-1].Name, holidays[i-1].Date, h.Name, h.Date)
		}
	}
	if got := Holidays(2026, nil)[0].Date.Location(); got != time.UTC {
		t.Errorf("nil location gave %v, want UTC", got)
	}
}

func TestStoreBededagAbolishedFrom2024(t *testing.T) {
	if name, ok := HolidayName(time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC)); !ok || name != "Store bededag" {
		t.Errorf("5 May 2023 = %q, %v; want Store bededag", name, ok)
	}
	// In 2024 the fourth Friday after Easter was 26 April: an ordinary day.
	if name, ok := HolidayName(time.Date(2024, 4, 26, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("26 April 2024 = %q, want no holiday", name)
	}
	for _, h := range Holidays(2024, time.UTC) {
		if h.Name == "Store bededag" {
			t.Errorf("Store bededag listed for 2024 on %v", h.Date)
		}
	}
}

func TestHolidayName(t *testing.T) {
	cph := Copenhagen()
	tests := []struct {
		date     time.Time
		wantName string
		wantOK   bool
	}{
		{time.Date(2026, 12, 25, 0, 0, 0, 0, cph), "Juledag", true},
		{time.Date(2026, 12, 26, 23, 59, 0, 0, cph), "2. juledag", true},
		{time.Date(2026, 4, 6, 12, 0, 0, 0, cph), "2. påskedag", true},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, cph), "Nytårsdag", true},
		// Not public holidays even though many have the day off.
		{time.Date(2026, 6, 5, 12, 0, 0, 0, cph), "", false},   // Grundlovsdag
		{time.Date(2026, 12, 24, 12, 0, 0, 0, cph), "", false}, // Juleaftensdag
		{time.Date(2026, 12, 31, 12, 0, 0, 0, cph), "", false}, // Nytårsaftensdag
		// 00:30 on Christmas Day in Copenhagen is still 24 December in UTC:
		// the calendar day in the date's own location decides.
		{time.Date(2026, 12, 25, 0, 30, 0, 0, cph), "Juledag", true},
		{time.Date(2026, 12, 25, 0, 30, 0, 0, cph).UTC(), "", false},
	}
	for _, tc := range tests {
		name, ok := HolidayName(tc.date)
		if name != tc.wantName || ok != tc.wantOK {
			t.Errorf("HolidayName(%v) = %q, %v; want %q, %v", tc.date, name, ok, tc.wantName, tc.wantOK)
		}
	}
}
