package dk

import (
	"strconv"
	"strings"
	"time"
)

const (
	msgDateFormat  = "Datoen skal skrives som dd-mm-åååå"
	msgDateMissing = "Datoen findes ikke"
	msgClockFormat = "Klokkeslættet skal skrives som tt:mm"
	msgClockRange  = "Klokkeslættet findes ikke"
)

// Layouts in Go's reference notation. Danish users expect day-month-year with
// hyphens and a 24-hour clock.
const (
	layoutDate     = "02-01-2006"
	layoutTime     = "15:04"
	layoutDateTime = layoutDate + " " + layoutTime
)

// FormatDate returns "23-11-2026".
func FormatDate(t time.Time) string { return t.Format(layoutDate) }

// FormatDateLong returns "23. nov. 2026" (no leading zero on the day).
func FormatDateLong(t time.Time) string {
	year, month, day := t.Date()
	return strconv.Itoa(day) + ". " + monthAbbreviation(month) + " " + strconv.Itoa(year)
}

// monthAbbreviation follows Danish practice: a dot only marks left-out
// letters, which is why "maj" has none. The tables live inside the functions
// so the package has no mutable globals.
func monthAbbreviation(m time.Month) string {
	abbreviations := [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.",
		"jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
	return abbreviations[m-1]
}

// FormatTime returns the 24-hour clock, "14:05".
func FormatTime(t time.Time) string { return t.Format(layoutTime) }

// FormatDateTime returns "23-11-2026 14:05".
func FormatDateTime(t time.Time) string { return t.Format(layoutDateTime) }

// MonthName returns the Danish month name in lower case ("januar"), as Danish
// writes it mid-sentence, or "" for an invalid month.
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	names := [...]string{"januar", "februar", "marts", "april", "maj", "juni",
		"juli", "august", "september", "oktober", "november", "december"}
	return names[m-1]
}

// WeekdayName returns the Danish weekday in lower case ("mandag"), or "" for an
// invalid weekday.
func WeekdayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	names := [...]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}
	return names[d]
}

// WeekdayShort returns the three-letter Danish weekday ("man"), or "" for an
// invalid weekday.
func WeekdayShort(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	names := [...]string{"søn", "man", "tir", "ons", "tor", "fre", "lør"}
	return names[d]
}

// ParseDate reads a date as Danes type it: "23-11-2026", "23.11.2026",
// "23/11/2026", "1-2-2026", or ISO "2026-11-23". Years must have four digits
// because two-digit years are ambiguous. The result is midnight in loc (UTC
// when loc is nil).
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	year, month, day, ok := splitDate(strings.TrimSpace(s))
	if !ok {
		return time.Time{}, inputError(msgDateFormat)
	}
	if !dateExists(year, month, day) {
		return time.Time{}, inputError(msgDateMissing)
	}
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, orUTC(loc)), nil
}

// splitDate recognises the accepted layouts; it does not check the calendar.
func splitDate(s string) (year, month, day int, ok bool) {
	sep := strings.IndexAny(s, "-./")
	if sep < 0 {
		return 0, 0, 0, false
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	if len(parts[0]) == 4 && s[sep] == '-' { // ISO 8601: yyyy-mm-dd
		parts[0], parts[2] = parts[2], parts[0]
	}
	day, okDay := parseDigits(parts[0], 1, 2)
	month, okMonth := parseDigits(parts[1], 1, 2)
	year, okYear := parseDigits(parts[2], 4, 4)
	return year, month, day, okDay && okMonth && okYear
}

func dateExists(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	// time.Date normalises 31-04 to 01-05; a changed day means it did not exist.
	return time.Date(year, time.Month(month), day, 12, 0, 0, 0, time.UTC).Day() == day
}

// ParseClock reads a time of day: "9:05", "09:05", "9.05", "0905", "905" or
// "9" (whole hour). Minutes after a separator need two digits, because "9:5"
// could mean 9:05 or 9:50.
func ParseClock(s string) (hour, minute int, err error) {
	hour, minute, ok := splitClock(strings.TrimSpace(s))
	if !ok {
		return 0, 0, inputError(msgClockFormat)
	}
	if hour > 23 || minute > 59 {
		return 0, 0, inputError(msgClockRange)
	}
	return hour, minute, nil
}

func splitClock(s string) (hour, minute int, ok bool) {
	if sep := strings.IndexAny(s, ":."); sep >= 0 {
		hour, okHour := parseDigits(s[:sep], 1, 2)
		minute, okMinute := parseDigits(s[sep+1:], 2, 2)
		return hour, minute, okHour && okMinute
	}
	switch len(s) {
	case 1, 2: // whole hour
		hour, ok := parseDigits(s, 1, 2)
		return hour, 0, ok
	case 3, 4: // the last two digits are minutes: "905", "0905"
		hour, okHour := parseDigits(s[:len(s)-2], 1, 2)
		minute, okMinute := parseDigits(s[len(s)-2:], 2, 2)
		return hour, minute, okHour && okMinute
	}
	return 0, 0, false
}

// parseDigits parses an unsigned run of ASCII digits whose length is within
// [minLen, maxLen]. Unlike strconv.Atoi it rejects signs and spaces.
func parseDigits(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen {
		return 0, false
	}
	value := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		value = value*10 + int(s[i]-'0')
	}
	return value, true
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
