package dk

import (
	"time"
	// Embed the time zone database: Windows has none, and without it
	// Europe/Copenhagen (and so DST-correct weeks) would be unavailable.
	_ "time/tzdata"
)

// Copenhagen returns the Europe/Copenhagen location. It loads it per call
// instead of caching it in a global; LoadLocation is cheap enough for that.
// Should loading ever fail it falls back to fixed CET (UTC+1), which is wrong
// only in summer, rather than panicking in a desktop app.
func Copenhagen() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.FixedZone("CET", 60*60)
	}
	return loc
}

// ISOWeek returns the ISO 8601 week-numbering year and week, the week numbers
// used in Danish calendars. Around New Year the year can differ from t's year.
func ISOWeek(t time.Time) (year, week int) { return t.ISOWeek() }

// WeekStart returns Monday 00:00 in loc (UTC when nil) of the given ISO week.
// Week numbers outside 1..WeeksInYear(year) continue into the neighbouring
// years, so week 0 is the last week of the previous year.
func WeekStart(year, week int, loc *time.Location) time.Time {
	// 4 January always lies in week 1, so week 1 starts on the Monday on or
	// before it.
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, time.UTC)
	firstMonday := 4 - daysSinceMonday(jan4.Weekday())
	// Day arithmetic through time.Date keeps 00:00 across DST changes, where
	// adding 7*24h would drift by an hour.
	return time.Date(year, time.January, firstMonday+7*(week-1), 0, 0, 0, 0, orUTC(loc))
}

// WeeksInYear returns 52 or 53: the number of ISO weeks in year.
func WeeksInYear(year int) int {
	// 28 December always lies in the last ISO week of its year.
	_, week := time.Date(year, time.December, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return week
}

// StartOfWeek returns Monday 00:00 of t's week in t's location.
func StartOfWeek(t time.Time) time.Time {
	year, month, day := t.Date()
	return time.Date(year, month, day-daysSinceMonday(t.Weekday()), 0, 0, 0, 0, t.Location())
}

// daysSinceMonday maps Monday → 0 … Sunday → 6 (time.Weekday starts on Sunday).
func daysSinceMonday(d time.Weekday) int {
	return (int(d) + 6) % 7
}
