package data

import (
	"fmt"
	"time"
)

// Hours is the accounting of one agreement: what was granted, what is
// planned, what was used (contact time of held sessions, the only billable
// time) and what remains. All figures are minutes.
type Hours struct {
	GrantedMin         int
	PlannedMin         int // sessions still planned (not yet held or cancelled)
	UsedMin            int
	TransportMin       int // recorded, never billed
	AdminMin           int // recorded, never billed
	Held               int
	NoShows            int
	CancelledByCitizen int
	CancelledByMentor  int
}

// RemainingMin is granted minus used. It goes negative when more was used
// than granted, which the screens show as a warning.
func (h Hours) RemainingMin() int { return h.GrantedMin - h.UsedMin }

// FreeToPlanMin is what can still be planned: granted minus used minus planned.
func (h Hours) FreeToPlanMin() int { return h.GrantedMin - h.UsedMin - h.PlannedMin }

// UsedShare is used / granted (0 when nothing was granted).
func (h Hours) UsedShare() float64 {
	if h.GrantedMin <= 0 {
		return 0
	}
	return float64(h.UsedMin) / float64(h.GrantedMin)
}

// add counts one session into the accounting. The database's sums for
// Oversigt (sqlstore's SessionTotals) count the same way in SQL; a test
// there compares the two on every status.
func (h *Hours) add(s Session) {
	switch s.Status {
	case SessionHeld:
		h.Held++
		h.UsedMin += s.ContactMin
	case SessionPlanned:
		h.PlannedMin += s.PlannedMin()
	case SessionNoShow:
		h.NoShows++
	case SessionCancelledCitizen:
		h.CancelledByCitizen++
	case SessionCancelledMentor:
		h.CancelledByMentor++
	}
	// A mentor may travel to a no-show; that time is recorded all the same.
	h.TransportMin += s.TransportMin
	h.AdminMin += s.AdminMin
}

// plus adds the session figures of o (not the granted time).
func (h *Hours) plus(o Hours) {
	h.PlannedMin += o.PlannedMin
	h.UsedMin += o.UsedMin
	h.TransportMin += o.TransportMin
	h.AdminMin += o.AdminMin
	h.Held += o.Held
	h.NoShows += o.NoShows
	h.CancelledByCitizen += o.CancelledByCitizen
	h.CancelledByMentor += o.CancelledByMentor
}

// SessionPeriod asks for the totals of one course's sessions planned to
// start in [From, To); Key names the answer (an agreement's id).
type SessionPeriod struct {
	Key      ID
	CourseID ID
	From, To time.Time
}

// SessionTotals are the hours of the sessions of one SessionPeriod, summed
// by the database the way add counts them (GrantedMin is left 0): what the
// accounting needs, without reading the sessions.
type SessionTotals struct {
	Key   ID
	Hours Hours
}

// AgreementPeriod is the period Account counts for agreement a: sessions
// planned to start on one of its days, in Danish time.
func AgreementPeriod(a Agreement) SessionPeriod {
	return SessionPeriod{Key: a.ID, CourseID: a.CourseID, From: a.Start.In(Zone()), To: a.End.AddDays(1).In(Zone())}
}

// AccountTotals is Account computed from the totals of AgreementPeriod(a)
// (the totals whose Key is a.ID; others are ignored).
func AccountTotals(a Agreement, totals []SessionTotals) Hours {
	h := Hours{GrantedMin: a.GrantedTotalMin()}
	for _, t := range totals {
		if t.Key == a.ID {
			h.plus(t.Hours)
		}
	}
	return h
}

// Account computes the hours of agreement a from the sessions of its course.
// Sessions outside the agreement period or of another course are ignored,
// so callers may pass every session of the course.
func Account(a Agreement, sessions []Session) Hours {
	h := Hours{GrantedMin: a.GrantedTotalMin()}
	for _, s := range sessions {
		if s.CourseID == a.CourseID && a.Covers(s.PlannedStart.In(Zone())) {
			h.add(s)
		}
	}
	return h
}

// PeriodHours is the accounting of one ISO week or one calendar month of an
// agreement. Granted time is pro rata for the days of the period that fall
// inside the agreement.
type PeriodHours struct {
	Label      string // "2026-U05" or "2026-01"
	Start, End Date   // the days of the period inside the agreement
	GrantedMin float64
	Hours
}

// WeeklyHours splits an agreement into ISO weeks (Monday to Sunday).
func WeeklyHours(a Agreement, sessions []Session) []PeriodHours {
	return splitPeriods(a, sessions, isoWeekEnd)
}

// isoWeekEnd is the Sunday of d's ISO week and the week's label.
func isoWeekEnd(d Date) (Date, string) {
	y, w := d.In(time.UTC).ISOWeek()
	monday := d.AddDays(-((int(d.Weekday()) + 6) % 7))
	return monday.AddDays(6), fmt.Sprintf("%04d-U%02d", y, w)
}

// MonthlyHours splits an agreement into calendar months.
func MonthlyHours(a Agreement, sessions []Session) []PeriodHours {
	return splitPeriods(a, sessions, func(d Date) (Date, string) {
		last := NewDate(d.Year, d.Month+1, 0)
		return last, fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	})
}

// splitPeriods walks the agreement period; periodEnd gives, for a day, the
// last day of its period and the period's label.
func splitPeriods(a Agreement, sessions []Session, periodEnd func(Date) (Date, string)) []PeriodHours {
	if a.Start.IsZero() || a.End.IsZero() || a.End.Before(a.Start) {
		return nil
	}
	var out []PeriodHours
	for day := a.Start; !day.After(a.End); {
		p := periodFrom(a, sessions, day, periodEnd)
		out = append(out, p)
		day = p.End.AddDays(1)
	}
	return out
}

// periodFrom is the accounting of the period that starts on day (a day of
// agreement a): to the end of day's period, or of the agreement.
func periodFrom(a Agreement, sessions []Session, day Date, periodEnd func(Date) (Date, string)) PeriodHours {
	end, label := periodEnd(day)
	if end.After(a.End) {
		end = a.End
	}
	p := PeriodHours{Label: label, Start: day, End: end}
	p.GrantedMin = a.GrantedWeeklyMin() * float64(day.DaysUntil(end)+1) / 7
	for _, s := range sessions {
		if s.CourseID == a.CourseID && DateOf(s.PlannedStart.In(Zone())).Within(day, end) {
			p.add(s)
		}
	}
	return p
}

// WeekOf is the accounting of the ISO week that holds day, limited to the
// days of agreement a; ok is false when day lies outside the agreement.
func WeekOf(a Agreement, sessions []Session, day Date) (p PeriodHours, ok bool) {
	if a.Start.IsZero() || a.End.IsZero() || !day.Within(a.Start, a.End) {
		return PeriodHours{}, false
	}
	// WeeklyHours' week of day, without working out every other week:
	// its weeks start on the agreement's first day, then on Mondays.
	start := day.AddDays(-((int(day.Weekday()) + 6) % 7))
	if start.Before(a.Start) {
		start = a.Start
	}
	return periodFrom(a, sessions, start, isoWeekEnd), true
}
