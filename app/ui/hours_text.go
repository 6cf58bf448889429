package ui

import (
	"math"

	"fyne.io/fyne/v2/lang"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// hoursFigures are granted, planned and used minutes of one span (a week or
// the whole agreement); a week's grant is pro rata, so minutes may be
// fractional.
type hoursFigures struct{ granted, planned, used float64 }

func (f hoursFigures) remaining() float64 { return f.granted - f.used }

// agreementHours is what every screen showing an agreement shows of its
// hours: this week's figures (the average week when the agreement is not
// running today) and the figures in total. One helper, so the citizen
// page, Oversigt and Rapporter agree to the minute.
type agreementHours struct {
	weekLabel string // "Uge 48" or "Pr. uge (gns.)"
	week      hoursFigures
	total     hoursFigures
}

// hoursOf accounts agreement a against sessions (all of its course's may be
// passed) as of today.
func hoursOf(a data.Agreement, sessions []data.Session, today data.Date) agreementHours {
	return hoursFrom(a, data.Account(a, sessions), sessions, today)
}

// hoursFrom is hoursOf with the total already accounted (by the database's
// sums, see data.AccountTotals); sessions need only cover today's week.
func hoursFrom(a data.Agreement, total data.Hours, sessions []data.Session, today data.Date) agreementHours {
	h := agreementHours{total: hoursFigures{granted: float64(total.GrantedMin), planned: float64(total.PlannedMin), used: float64(total.UsedMin)}}
	if w, ok := data.WeekOf(a, sessions, today); ok {
		_, week := dk.ISOWeek(dayStart(today))
		h.weekLabel = lang.X("hours_table.week", "Uge {{.Week}}", map[string]int{"Week": week})
		h.week = hoursFigures{granted: w.GrantedMin, planned: float64(w.PlannedMin), used: float64(w.UsedMin)}
		return h
	}
	h.weekLabel = lang.X("hours_table.average_week", "Pr. uge (gns.)")
	if weeks := a.Weeks(); weeks > 0 {
		h.week = hoursFigures{granted: a.GrantedWeeklyMin(), planned: float64(total.PlannedMin) / weeks, used: float64(total.UsedMin) / weeks}
	}
	return h
}

// hoursT is minutes as hours with the decimal comma: "12,5 t".
func hoursT(min float64) string { return dk.FormatHours(int(math.Round(min))) + " t" }

// line is "brugt 12,5 t af 26 t · planlagt 2 t · tilbage 13,5 t".
func (f hoursFigures) line() string {
	return lang.X("hours.line", "brugt {{.Used}} af {{.Granted}} · planlagt {{.Planned}} · tilbage {{.Remaining}}", map[string]string{
		"Used": hoursT(f.used), "Granted": hoursT(f.granted), "Planned": hoursT(f.planned), "Remaining": hoursT(f.remaining())})
}

// totalLine is "I alt: brugt 9 t af 10 t · planlagt 0 t · tilbage 1 t".
func (h agreementHours) totalLine() string {
	return lang.X("hours_table.total", "I alt") + ": " + h.total.line()
}

// weekLine is "Uge 48: brugt 0 t af 0,4 t · planlagt 0 t · tilbage 0,4 t".
func (h agreementHours) weekLine() string { return h.weekLabel + ": " + h.week.line() }

// text is both lines, total first.
func (h agreementHours) text() string { return h.totalLine() + "\n" + h.weekLine() }
