package data

import (
	"time"

	"mentorbog/data/dk"
)

// MaxSeriesSessions bounds one recurring series: a year of weekly
// sessions is more than any agreement (at most 6 months) needs, and a
// typing slip in the end date must not plan hundreds of sessions.
const MaxSeriesSessions = 60

// Series is a recurring session: the same weekday and wall-clock time every
// week or every second week until a last day. The times are Danish wall
// clock (Europe/Copenhagen): a session at 10:00 stays at 10:00 across the
// change to and from summer time, which adding 7×24 hours would not do.
type Series struct {
	ID            ID
	CourseID      ID
	MentorID      ID
	First         time.Time // start of the first session
	LengthMin     int
	IntervalWeeks int  // 1 = every week, 2 = every second week
	Until         Date // the last day a session may fall on
	Form          SessionForm
	Place         string
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a series before its sessions are planned.
func (s Series) Validate() Problems {
	var v validator
	if s.CourseID == 0 {
		v.add("course", "Forløb skal vælges.")
	}
	if s.MentorID == 0 {
		v.add("mentor", "Mentor skal vælges.")
	}
	if s.First.IsZero() {
		v.add("planned_start", "Planlagt start skal udfyldes.")
	}
	if s.LengthMin <= 0 || s.LengthMin > 24*60 {
		v.add("planned_end", "Planlagt slut skal ligge efter planlagt start.")
	}
	if s.IntervalWeeks != 1 && s.IntervalWeeks != 2 {
		v.add("repeat", "Gentagelse skal være hver uge eller hver 2. uge.")
	}
	if s.Until.IsZero() {
		v.add("until", "Gentag til skal udfyldes.")
	} else if !s.First.IsZero() && s.Until.Before(DateOf(s.First.In(Zone()))) {
		v.add("until", "Gentag til skal ligge efter første møde.")
	} else if !s.First.IsZero() && s.IntervalWeeks > 0 && len(s.Starts()) > MaxSeriesSessions {
		v.add("until", "En serie må højst have %d møder; vælg en tidligere slutdato.", MaxSeriesSessions)
	}
	v.maxLen("place", "Sted", s.Place, MaxShortText)
	return v.problems
}

// Starts lists the start of every session of the series, in Danish wall
// clock time, up to and including Until. It stops after one more than
// MaxSeriesSessions so a runaway end date cannot loop for long.
func (s Series) Starts() []time.Time {
	if s.First.IsZero() || s.IntervalWeeks <= 0 || s.Until.IsZero() {
		return nil
	}
	first := s.First.In(Zone())
	y, m, d := first.Date()
	var out []time.Time
	for k := 0; len(out) <= MaxSeriesSessions; k++ {
		// time.Date normalises the day and keeps the clock reading, so the
		// session stays at the same local time on either side of DST.
		t := time.Date(y, m, d+7*s.IntervalWeeks*k, first.Hour(), first.Minute(), 0, 0, Zone())
		if DateOf(t).After(s.Until) {
			break
		}
		out = append(out, t)
	}
	return out
}

// Sessions are the planned sessions of the series, not yet stored.
func (s Series) Sessions() []Session {
	starts := s.Starts()
	out := make([]Session, 0, len(starts))
	for _, t := range starts {
		out = append(out, Session{CourseID: s.CourseID, MentorID: s.MentorID, PlannedStart: t,
			PlannedEnd: t.Add(time.Duration(s.LengthMin) * time.Minute), Status: SessionPlanned,
			Form: s.Form, Place: s.Place, SeriesID: s.ID})
	}
	return out
}

// SeriesEdit is an edit of one session of a series applied to it and every
// later session of the series still planned ("dette og senere"): the
// wall-clock time and the length move together, as do mentor, form and
// place. Held or cancelled sessions are history and are left alone.
type SeriesEdit struct {
	From      Session // the session edited, with its new values
	OldStart  time.Time
	LengthMin int
}

// Apply gives s moved the way the edit moved its first session: the same
// number of days and the new wall-clock time, in Danish time.
func (e SeriesEdit) Apply(s Session) Session {
	oldFirst := e.OldStart.In(Zone())
	newFirst := e.From.PlannedStart.In(Zone())
	shiftDays := DateOf(oldFirst).DaysUntil(DateOf(newFirst))
	at := s.PlannedStart.In(Zone())
	y, m, d := at.Date()
	s.PlannedStart = time.Date(y, m, d+shiftDays, newFirst.Hour(), newFirst.Minute(), 0, 0, Zone())
	s.PlannedEnd = s.PlannedStart.Add(time.Duration(e.LengthMin) * time.Minute)
	s.MentorID, s.Form, s.Place = e.From.MentorID, e.From.Form, e.From.Place
	return s
}

// Overlaps reports whether two sessions overlap in time.
func (s Session) Overlaps(o Session) bool {
	return s.PlannedStart.Before(o.PlannedEnd) && o.PlannedStart.Before(s.PlannedEnd)
}

// Cancelled reports whether the session was called off (by either side);
// a cancelled session frees the mentor's time.
func (s Session) Cancelled() bool {
	return s.Status == SessionCancelledCitizen || s.Status == SessionCancelledMentor
}

// PlanningContext is what planning a session is checked against.
type PlanningContext struct {
	// MentorSessions are the mentor's sessions around the planned time.
	MentorSessions []Session
	// Agreements of the course, and CourseSessions all its sessions (for
	// the hours accounting).
	Agreements     []Agreement
	CourseSessions []Session
	// Holiday names the public holiday the session falls on ("" if none).
	Holiday string
}

// PlanningWarnings are the warnings, never blocks, when planning s: the
// mentor is already booked, the day lies outside every agreement period,
// the planned hours exceed what is left of the agreement, or the day is a
// public holiday. The caller plans the session all the same if the user
// wants; a coordinator may know better.
func PlanningWarnings(s Session, pc PlanningContext) Problems {
	var v validator
	for _, o := range pc.MentorSessions {
		if o.ID != s.ID && o.MentorID == s.MentorID && !o.Cancelled() && o.Overlaps(s) {
			v.warn("planned_start", "Mentoren har allerede et møde %s–%s.",
				o.PlannedStart.In(Zone()).Format("15:04"), o.PlannedEnd.In(Zone()).Format("15:04"))
			break
		}
	}
	var covering *Agreement
	for i, a := range pc.Agreements {
		if a.Covers(s.PlannedStart) {
			covering = &pc.Agreements[i]
		}
	}
	switch {
	case covering == nil && len(pc.Agreements) == 0:
		v.warn("date", "Forløbet har ingen mentoraftale endnu.")
	case covering == nil:
		v.warn("date", "Mødet ligger uden for mentoraftalens periode.")
	default:
		others := make([]Session, 0, len(pc.CourseSessions))
		for _, o := range pc.CourseSessions {
			if o.ID != s.ID || s.ID == 0 {
				others = append(others, o)
			}
		}
		h := Account(*covering, others)
		if free := h.FreeToPlanMin(); s.PlannedMin() > free {
			v.warn("planned_end", "De planlagte timer overstiger aftalens resterende timer (%s t tilbage at planlægge).", dk.FormatHours(free))
		}
	}
	if pc.Holiday != "" {
		v.warn("date", "Dagen er en helligdag (%s).", pc.Holiday)
	}
	return v.problems
}
