package demo

import (
	"time"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// isDayOff reports Danish public holidays (from package dk, the one place
// that knows them) plus the days most workplaces close: grundlovsdag and
// lillejuleaften to nytårsdag.
func isDayOff(d data.Date) bool {
	if d.Month == time.December && d.Day >= 23 || d.Month == time.June && d.Day == 5 {
		return true
	}
	_, holiday := dk.HolidayName(d.In(time.UTC))
	return holiday
}

// isWorkday reports a Monday–Friday that is not a day off.
func isWorkday(d data.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !isDayOff(d)
}

// nextWorkday returns d itself when it is a workday, else the next one.
func nextWorkday(d data.Date) data.Date {
	for !isWorkday(d) {
		d = d.AddDays(1)
	}
	return d
}

// mondayOf returns the Monday of d's ISO week.
func mondayOf(d data.Date) data.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// isoWeek returns d's ISO week number.
func isoWeek(d data.Date) int {
	_, w := d.In(time.UTC).ISOWeek()
	return w
}

// at returns the instant minutes after midnight of d in Danish time.
func at(d data.Date, minutes int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, minutes/60, minutes%60, 0, 0, data.Zone())
}

// minDate and maxDate pick the earlier or later of two dates.
func minDate(a, b data.Date) data.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b data.Date) data.Date {
	if a.After(b) {
		return a
	}
	return b
}
