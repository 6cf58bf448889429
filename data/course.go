package data

import "time"

// CourseStatus is where a course (forløb) is in its life.
type CourseStatus string

const (
	CourseOrdered   CourseStatus = "bestilt"
	CourseActive    CourseStatus = "aktiv"
	CourseRetention CourseStatus = "fastholdelse"
	CourseEnded     CourseStatus = "afsluttet"
	CourseAborted   CourseStatus = "afbrudt"
)

// CourseStatuses lists every status in flow order.
var CourseStatuses = []CourseStatus{CourseOrdered, CourseActive, CourseRetention, CourseEnded, CourseAborted}

// Label is the Danish name used in reports.
func (s CourseStatus) Label() string {
	switch s {
	case CourseOrdered:
		return "Bestilt"
	case CourseActive:
		return "Aktiv"
	case CourseRetention:
		return "Fastholdelse"
	case CourseEnded:
		return "Afsluttet"
	case CourseAborted:
		return "Afbrudt"
	}
	return string(s)
}

// Open reports whether the course is still running (not ended or aborted).
func (s CourseStatus) Open() bool {
	return s == CourseOrdered || s == CourseActive || s == CourseRetention
}

// CanMoveTo tells whether the flow bestilt → aktiv → (fastholdelse) →
// afsluttet/afbrudt allows going from s to next. A course can be aborted
// from any open state; an ended course stays ended.
func (s CourseStatus) CanMoveTo(next CourseStatus) bool {
	if s == next {
		return true
	}
	switch s {
	case CourseOrdered:
		return next == CourseActive || next == CourseAborted
	case CourseActive:
		return next == CourseRetention || next == CourseEnded || next == CourseAborted
	case CourseRetention:
		return next == CourseEnded || next == CourseAborted
	}
	return false
}

// Outcome is how a course ended.
type Outcome string

const (
	OutcomeNone       Outcome = ""
	OutcomeJob        Outcome = "job"
	OutcomeFlexJob    Outcome = "fleksjob"
	OutcomeEducation  Outcome = "uddannelse"
	OutcomeInternship Outcome = "praktik"
	OutcomeOtherOffer Outcome = "andet_tilbud"
	OutcomeStopped    Outcome = "ophoert"
	OutcomeMoved      Outcome = "fraflyttet"
	OutcomeOther      Outcome = "andet"
)

// Outcomes lists the outcomes a course can end with.
var Outcomes = []Outcome{OutcomeJob, OutcomeFlexJob, OutcomeEducation, OutcomeInternship, OutcomeOtherOffer, OutcomeStopped, OutcomeMoved, OutcomeOther}

// Label is the Danish name used in reports.
func (o Outcome) Label() string {
	switch o {
	case OutcomeJob:
		return "Job"
	case OutcomeFlexJob:
		return "Fleksjob"
	case OutcomeEducation:
		return "Uddannelse"
	case OutcomeInternship:
		return "Praktik"
	case OutcomeOtherOffer:
		return "Andet tilbud"
	case OutcomeStopped:
		return "Ophørt"
	case OutcomeMoved:
		return "Fraflyttet"
	case OutcomeOther:
		return "Andet"
	}
	return ""
}

// Course (forløb) is one order of mentor support for one citizen.
type Course struct {
	ID             ID
	CitizenID      ID
	MunicipalityID ID
	CaseworkerID   ID // 0 when not known yet
	OrderRef       string
	Status         CourseStatus
	Outcome        Outcome
	OutcomeNote    string
	OrderedOn      Date
	StartedOn      Date
	EndedOn        Date
	InstrumentID   ID // the progression instrument; 0 for the default
	// MentorID is the current primary mentor (0 = none yet); the history
	// lives in MentorAssignment rows.
	MentorID ID
	// UsualForm and UsualPlace are how and where the mentor and citizen
	// usually meet: the defaults when a session is planned or registered.
	UsualForm  SessionForm
	UsualPlace string
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a course.
func (c Course) Validate() Problems {
	var v validator
	if c.CitizenID == 0 {
		v.add("citizen", "Borger skal vælges.")
	}
	if c.MunicipalityID == 0 {
		v.add("municipality", "Kommune skal vælges.")
	}
	v.maxLen("order_ref", "Kommunens reference", c.OrderRef, MaxShortText)
	known := false
	for _, s := range CourseStatuses {
		known = known || s == c.Status
	}
	if !known {
		v.add("status", "Status er ukendt.")
	}
	if (c.Status == CourseEnded || c.Status == CourseAborted) && c.Outcome == OutcomeNone {
		v.add("outcome", "Resultat skal vælges, når forløbet afsluttes.")
	}
	if !c.StartedOn.IsZero() && !c.EndedOn.IsZero() && c.EndedOn.Before(c.StartedOn) {
		v.add("ended_on", "Slutdato skal ligge efter startdato.")
	}
	v.maxLen("outcome_note", "Bemærkning til resultat", c.OutcomeNote, MaxLongText)
	v.maxLen("usual_place", "Sædvanligt mødested", c.UsualPlace, MaxShortText)
	return v.problems
}

// MentorAssignment is one period with one primary mentor on a course.
type MentorAssignment struct {
	ID           ID
	CourseID     ID
	MentorID     ID
	From         Date
	To           Date // zero while current
	HandoverNote string
}

// Role is one of the mentor's four roles (Næstved's model).
type Role int

const (
	RolePersonalSupport Role = 1 << iota // personlig støtte
	RoleCoach                            // motiverende coach
	RoleSystemGuide                      // systemguide
	RoleBridgeBuilder                    // brobygger
)

// AllRoles lists the four roles in their usual order.
var AllRoles = []Role{RolePersonalSupport, RoleCoach, RoleSystemGuide, RoleBridgeBuilder}

// Label is the Danish name of one role.
func (r Role) Label() string {
	switch r {
	case RolePersonalSupport:
		return "Personlig støtte"
	case RoleCoach:
		return "Motiverende coach"
	case RoleSystemGuide:
		return "Systemguide"
	case RoleBridgeBuilder:
		return "Brobygger"
	}
	return ""
}

// Roles is a set of roles.
type Roles int

// Has reports whether r is in the set.
func (rs Roles) Has(r Role) bool { return int(rs)&int(r) != 0 }

// With returns the set plus r.
func (rs Roles) With(r Role) Roles { return Roles(int(rs) | int(r)) }

// List returns the roles in the set, in order.
func (rs Roles) List() []Role {
	var out []Role
	for _, r := range AllRoles {
		if rs.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// HoursBasis tells whether granted hours are per week or for the whole period.
type HoursBasis string

const (
	HoursPerWeek HoursBasis = "uge"
	HoursTotal   HoursBasis = "total"
)

// GrantScope tells whether hours are granted per person or per place
// (pladsmentor: one mentor shared by several people).
type GrantScope string

const (
	PerPerson GrantScope = "person"
	PerPlace  GrantScope = "plads"
)

// MaxAgreementMonths is the law's limit for one period of mentor support.
const MaxAgreementMonths = 6

// Agreement (mentoraftale) is one period of granted support inside a course.
// Its content mirrors what the law requires of the written agreement.
type Agreement struct {
	ID         ID
	CourseID   ID
	ExtendsID  ID // the agreement this one extends; 0 for the first
	Start      Date
	End        Date
	HoursBasis HoursBasis
	// GrantedMin is the granted contact time in minutes, per week or in
	// total depending on HoursBasis.
	GrantedMin         int
	Scope              GrantScope
	RateOere           int64
	Goal               string // the overall goal of the support
	Tasks              string // what the mentor will help with
	Roles              Roles  // roles in focus
	LegalBasis         string
	ComplaintGuidance  string
	SignedCitizen      Date
	SignedMunicipality Date
	SignedProvider     Date
	GoalIDs            []ID // the course goals this agreement works on
	// MentorID is the mentor the agreement names (the law wants the
	// mentor's name and contact in it); 0 means the course's mentor.
	MentorID ID
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks an agreement. A period past six months is a warning: the
// law allows a new period after it, and the municipality decides.
func (a Agreement) Validate() Problems {
	var v validator
	if a.CourseID == 0 {
		v.add("course", "Forløb skal vælges.")
	}
	if a.Start.IsZero() {
		v.add("start", "Startdato skal udfyldes.")
	}
	if a.End.IsZero() {
		v.add("end", "Slutdato skal udfyldes.")
	}
	if !a.Start.IsZero() && !a.End.IsZero() {
		if a.End.Before(a.Start) {
			v.add("end", "Slutdato skal ligge efter startdato.")
		} else if a.End.After(lastDayOfMonths(a.Start, MaxAgreementMonths)) {
			v.warn("end", "Perioden er længere end %d måneder; loven giver mentorstøtte for højst %d måneder ad gangen.", MaxAgreementMonths, MaxAgreementMonths)
		}
	}
	if a.HoursBasis != HoursPerWeek && a.HoursBasis != HoursTotal {
		v.add("hours_basis", "Timer skal angives pr. uge eller i alt.")
	}
	if a.GrantedMin <= 0 {
		v.add("granted", "Bevilgede timer skal være større end 0.")
	} else if a.HoursBasis == HoursPerWeek && a.GrantedMin > 40*60 {
		v.add("granted", "Bevilgede timer pr. uge kan højst være 40.")
	}
	if a.Scope != PerPerson && a.Scope != PerPlace {
		v.add("scope", "Bevillingen skal være pr. person eller pr. plads.")
	}
	if a.RateOere < 0 {
		v.add("rate", "Timepris kan ikke være negativ.")
	}
	v.required("goal", "Mål", a.Goal, MaxLongText)
	v.required("tasks", "Opgaver", a.Tasks, MaxLongText)
	v.maxLen("legal_basis", "Lovgrundlag", a.LegalBasis, MaxLongText)
	v.required("complaint_guidance", "Klagevejledning", a.ComplaintGuidance, MaxLongText)
	return v.problems
}

// lastDayOfMonths is the last day of a period of n months from start: the
// day before the same day n months later. When that month has no such day
// (31 August + 6 months), the period ends on the month's last day instead
// of spilling a few days into the next month as AddMonths does.
func lastDayOfMonths(start Date, n int) Date {
	later := start.AddMonths(n)
	if later.Day != start.Day {
		return NewDate(later.Year, later.Month, 0)
	}
	return later.AddDays(-1)
}

// Weeks is the agreement's length in weeks, counting both end days
// (1 January to 7 January is one week).
func (a Agreement) Weeks() float64 {
	if a.Start.IsZero() || a.End.IsZero() || a.End.Before(a.Start) {
		return 0
	}
	return float64(a.Start.DaysUntil(a.End)+1) / 7
}

// GrantedTotalMin is the granted contact time for the whole period.
func (a Agreement) GrantedTotalMin() int {
	if a.HoursBasis == HoursPerWeek {
		return int(float64(a.GrantedMin)*a.Weeks() + 0.5)
	}
	return a.GrantedMin
}

// GrantedWeeklyMin is the granted contact time per week (an average when
// hours are granted in total).
func (a Agreement) GrantedWeeklyMin() float64 {
	if a.HoursBasis == HoursPerWeek {
		return float64(a.GrantedMin)
	}
	if w := a.Weeks(); w > 0 {
		return float64(a.GrantedMin) / w
	}
	return 0
}

// Covers reports whether the instant t falls on a day of the agreement
// period. Days are Danish days, whatever t's location.
func (a Agreement) Covers(t time.Time) bool {
	return DateOf(t.In(Zone())).Within(a.Start, a.End)
}
