package demo

import (
	"time"

	"mentorbog/data"
)

// Days off are computed here rather than taken from package dk: demo data
// only needs to look plausible (nobody meets on juledag), and keeping the
// rule local means the generator does not change when the calendar code
// grows new features.

// easterSunday returns påskedag of year (the anonymous Gregorian algorithm).
func easterSunday(year int) data.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return data.NewDate(year, time.Month(month), day)
}

// isDayOff reports Danish public holidays plus the days most workplaces
// close (grundlovsdag and the days from lillejuleaften to nytårsdag).
func isDayOff(d data.Date) bool {
	if d.Month == time.December && d.Day >= 23 || d.Month == time.January && d.Day == 1 {
		return true
	}
	if d.Month == time.June && d.Day == 5 {
		return true
	}
	easter := easterSunday(d.Year)
	for _, offset := range []int{-3, -2, 1, 39, 50} { // skærtorsdag … 2. pinsedag
		if d == easter.AddDays(offset) {
			return true
		}
	}
	return false
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
