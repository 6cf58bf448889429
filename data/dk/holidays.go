package dk

import (
	"slices"
	"time"
)

// lastYearWithGreatPrayerDay: Folketinget abolished Store bededag as a public
// holiday from 2024.
const lastYearWithGreatPrayerDay = 2023

// Holiday is a Danish public holiday (helligdag).
type Holiday struct {
	Date time.Time // midnight in the location asked for
	Name string    // Danish name, e.g. "2. påskedag"
}

// Easter returns Easter Sunday of year at UTC midnight, computed with the
// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(year int) time.Time {
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
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holidays returns the public holidays of year, sorted by date, each at
// midnight in loc (UTC when nil). Grundlovsdag, juleaftensdag and
// nytårsaftensdag are customary days off but not public holidays, so they are
// deliberately absent.
func Holidays(year int, loc *time.Location) []Holiday {
	loc = orUTC(loc)
	fixed := func(month time.Month, day int, name string) Holiday {
		return Holiday{Date: time.Date(year, month, day, 0, 0, 0, 0, loc), Name: name}
	}
	easter := Easter(year)
	fromEaster := func(days int, name string) Holiday {
		return Holiday{Date: time.Date(year, easter.Month(), easter.Day()+days, 0, 0, 0, 0, loc), Name: name}
	}

	holidays := []Holiday{
		fixed(time.January, 1, "Nytårsdag"),
		fromEaster(-3, "Skærtorsdag"),
		fromEaster(-2, "Langfredag"),
		fromEaster(0, "Påskedag"),
		fromEaster(1, "2. påskedag"),
		fromEaster(39, "Kristi himmelfartsdag"),
		fromEaster(49, "Pinsedag"),
		fromEaster(50, "2. pinsedag"),
		fixed(time.December, 25, "Juledag"),
		fixed(time.December, 26, "2. juledag"),
	}
	if year <= lastYearWithGreatPrayerDay {
		// The fourth Friday after Easter.
		holidays = append(holidays, fromEaster(26, "Store bededag"))
	}
	slices.SortStableFunc(holidays, func(x, y Holiday) int { return x.Date.Compare(y.Date) })
	return holidays
}

// HolidayName returns the name of the public holiday falling on date's
// calendar day in date's own location, and false if that day is not one.
func HolidayName(date time.Time) (string, bool) {
	year, month, day := date.Date()
	for _, holiday := range Holidays(year, time.UTC) {
		if holiday.Date.Month() == month && holiday.Date.Day() == day {
			return holiday.Name, true
		}
	}
	return "", false
}
