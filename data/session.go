package data

import (
	"errors"
	"time"
)

// SessionStatus is what became of a planned session (møde).
type SessionStatus string

const (
	SessionPlanned          SessionStatus = "planlagt"
	SessionHeld             SessionStatus = "gennemfoert"
	SessionCancelledCitizen SessionStatus = "aflyst_borger"
	SessionCancelledMentor  SessionStatus = "aflyst_mentor"
	SessionNoShow           SessionStatus = "udeblevet"
)

// SessionStatuses lists every status.
var SessionStatuses = []SessionStatus{SessionPlanned, SessionHeld, SessionCancelledCitizen, SessionCancelledMentor, SessionNoShow}

// Label is the Danish name used in reports.
func (s SessionStatus) Label() string {
	switch s {
	case SessionPlanned:
		return "Planlagt"
	case SessionHeld:
		return "Gennemført"
	case SessionCancelledCitizen:
		return "Aflyst af borger"
	case SessionCancelledMentor:
		return "Aflyst af mentor"
	case SessionNoShow:
		return "Udeblevet"
	}
	return string(s)
}

// SessionForm is how the mentor and the citizen met.
type SessionForm string

const (
	FormInPerson  SessionForm = "fysisk"
	FormPhone     SessionForm = "telefon"
	FormVideo     SessionForm = "video"
	FormEscort    SessionForm = "ledsagelse"
	FormWorkplace SessionForm = "virksomhedsbesoeg"
	FormNetwork   SessionForm = "netvaerksmoede"
	FormHomeVisit SessionForm = "hjemmebesoeg"
	FormMessage   SessionForm = "sms_mail"
)

// SessionForms lists every form.
var SessionForms = []SessionForm{FormInPerson, FormPhone, FormVideo, FormEscort, FormWorkplace, FormNetwork, FormHomeVisit, FormMessage}

// Label is the Danish name used in reports.
func (f SessionForm) Label() string {
	switch f {
	case FormInPerson:
		return "Fysisk møde"
	case FormPhone:
		return "Telefon"
	case FormVideo:
		return "Video"
	case FormEscort:
		return "Ledsagelse"
	case FormWorkplace:
		return "Virksomhedsbesøg"
	case FormNetwork:
		return "Netværksmøde"
	case FormHomeVisit:
		return "Hjemmebesøg"
	case FormMessage:
		return "SMS/mail"
	}
	return string(f)
}

// SessionGoal is a goal worked on in a session, with a short note.
type SessionGoal struct {
	GoalID ID
	Note   string
}

// Session (møde) is one planned or held meeting. Only contact time is
// billable; transport and admin time are recorded apart because the law
// forbids billing them.
type Session struct {
	ID           ID
	CourseID     ID
	MentorID     ID
	PlannedStart time.Time
	PlannedEnd   time.Time
	ActualStart  time.Time // zero until registered
	ActualEnd    time.Time
	Status       SessionStatus
	Form         SessionForm
	Place        string
	ContactMin   int
	TransportMin int
	AdminMin     int
	Roles        Roles
	Goals        []SessionGoal
	Note         string
	SeriesID     ID // sessions planned together as a recurring series
	RegisteredAt time.Time
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// ErrSessionNotPlanned refuses deleting a session that was held or
// registered: its registration is corrected instead, so the hours stay
// accounted for.
var ErrSessionNotPlanned = errors.New("kun planlagte møder kan slettes; et registreret møde rettes i registreringen")

// Deletable tells whether the session is only planned (never registered),
// so deleting it loses no registered contact.
func (s Session) Deletable() bool {
	return s.Status == SessionPlanned && s.RegisteredAt.IsZero() && s.ActualStart.IsZero()
}

// Validate checks a session.
func (s Session) Validate() Problems {
	var v validator
	if s.CourseID == 0 {
		v.add("course", "Forløb skal vælges.")
	}
	if s.MentorID == 0 {
		v.add("mentor", "Mentor skal vælges.")
	}
	if s.PlannedStart.IsZero() {
		v.add("planned_start", "Planlagt start skal udfyldes.")
	}
	if !s.PlannedStart.IsZero() && !s.PlannedEnd.After(s.PlannedStart) {
		v.add("planned_end", "Planlagt slut skal ligge efter planlagt start.")
	}
	if !s.ActualStart.IsZero() && !s.ActualEnd.After(s.ActualStart) {
		v.add("actual_end", "Faktisk slut skal ligge efter faktisk start.")
	}
	known := false
	for _, st := range SessionStatuses {
		known = known || st == s.Status
	}
	if !known {
		v.add("status", "Status er ukendt.")
	}
	for _, f := range []struct {
		field, label string
		min          int
	}{{"contact", "Kontakttid", s.ContactMin}, {"transport", "Transporttid", s.TransportMin}, {"admin", "Administrationstid", s.AdminMin}} {
		if f.min < 0 || f.min > 24*60 {
			v.add(f.field, "%s skal være mellem 0 og 24 timer.", f.label)
		}
	}
	if s.Status != SessionHeld && s.ContactMin > 0 {
		v.add("contact", "Kontakttid kan kun registreres på et gennemført møde.")
	}
	v.maxLen("place", "Sted", s.Place, MaxShortText)
	v.maxLen("note", "Note", s.Note, MaxLongText)
	for _, g := range s.Goals {
		v.maxLen("goals", "Note til mål", g.Note, MaxLongText)
	}
	return v.problems
}

// PlannedMin is the planned length in minutes.
func (s Session) PlannedMin() int {
	return int(s.PlannedEnd.Sub(s.PlannedStart) / time.Minute)
}

// Held reports whether the session took place, so its contact time counts.
func (s Session) Held() bool { return s.Status == SessionHeld }

// MissingRegistration reports whether a planned session lies in the past
// without having been registered ("mangler registrering").
func (s Session) MissingRegistration(now time.Time) bool {
	return s.Status == SessionPlanned && s.PlannedEnd.Before(now)
}
