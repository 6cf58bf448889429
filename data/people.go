package data

import (
	"errors"
	"strings"
	"time"

	"mentorbog/data/cpr"
)

// ID identifies a stored record. Zero means "not saved yet".
type ID = int64

// Organisation is the provider (leverandør) using Mentorbog. There is one.
type Organisation struct {
	Name     string
	CVR      string
	Address  string
	Postcode string
	City     string
	Phone    string
	Email    string
	Logo     []byte // PNG or JPEG, shown on reports
	// JobcentreLabel is what the municipality is called in screens and
	// reports: "Jobcenter" or "Kommune" (the 2025 reform renamed it, many
	// still say jobcenter).
	JobcentreLabel string
	HourlyRateOere int64 // default rate for new agreements, in øre
	ReportFooter   string
	// LegalBasis and ComplaintGuidance are the default texts for new
	// agreements. Law changes, so they are editable text, never constants.
	LegalBasis        string
	ComplaintGuidance string
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Jobcentre labels.
const (
	LabelJobcenter = "Jobcenter"
	LabelKommune   = "Kommune"
)

// Validate checks the organisation settings.
func (o Organisation) Validate() Problems {
	var v validator
	v.required("name", "Organisationens navn", o.Name, MaxShortText)
	v.digitsExactly("cvr", "CVR-nummer", o.CVR, 8)
	v.maxLen("address", "Adresse", o.Address, MaxLineText)
	v.digitsExactly("postcode", "Postnummer", o.Postcode, 4)
	v.maxLen("city", "By", o.City, MaxShortText)
	v.phone("phone", "Telefon", o.Phone)
	v.email("email", "E-mail", o.Email)
	if o.JobcentreLabel != LabelJobcenter && o.JobcentreLabel != LabelKommune {
		v.add("jobcentre_label", "Betegnelse for kommunen skal være %q eller %q.", LabelJobcenter, LabelKommune)
	}
	if o.HourlyRateOere < 0 {
		v.add("hourly_rate", "Timepris kan ikke være negativ.")
	}
	v.maxLen("report_footer", "Rapportens sidefod", o.ReportFooter, MaxLineText)
	v.maxLen("legal_basis", "Lovgrundlag", o.LegalBasis, MaxLongText)
	v.maxLen("complaint_guidance", "Klagevejledning", o.ComplaintGuidance, MaxLongText)
	if len(o.Logo) > 2<<20 {
		v.add("logo", "Logoet er for stort (højst 2 MB).")
	}
	return v.problems
}

// MentorKind tells employed mentors from volunteers.
type MentorKind string

const (
	MentorEmployed  MentorKind = "ansat"
	MentorVolunteer MentorKind = "frivillig"
)

// Mentor is a person who meets citizens.
type Mentor struct {
	ID    ID
	Name  string
	Phone string
	Email string
	Kind  MentorKind
	// Qualifications must be documented by law and appear in agreements.
	Qualifications string
	Languages      []string
	Competences    []string
	// WeeklyCapacityMin is how many minutes of contact a week the mentor can give.
	WeeklyCapacityMin int
	Archived          bool
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a mentor.
func (m Mentor) Validate() Problems {
	var v validator
	v.required("name", "Navn", m.Name, MaxShortText)
	v.phone("phone", "Telefon", m.Phone)
	v.email("email", "E-mail", m.Email)
	if m.Kind != MentorEmployed && m.Kind != MentorVolunteer {
		v.add("kind", "Type skal være ansat eller frivillig.")
	}
	v.maxLen("qualifications", "Kvalifikationer", m.Qualifications, MaxLongText)
	v.maxLen("languages", "Sprog", strings.Join(m.Languages, ", "), MaxLineText)
	v.maxLen("competences", "Kompetencer", strings.Join(m.Competences, ", "), MaxLineText)
	if m.WeeklyCapacityMin < 0 || m.WeeklyCapacityMin > 60*60 {
		v.add("capacity", "Kapacitet skal være mellem 0 og 60 timer om ugen.")
	}
	return v.problems
}

// Municipality is a kommune/jobcenter that orders mentor support.
type Municipality struct {
	ID          ID
	Name        string
	Address     string
	EAN         string // 13 digits, needed on invoices to public bodies
	SecureEmail string
	Archived    bool
	// ReportEveryWeeks is how often the municipality wants a status report;
	// 0 means DefaultReportEveryWeeks (see ReportInterval).
	ReportEveryWeeks int
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a municipality.
func (m Municipality) Validate() Problems {
	var v validator
	v.required("name", "Navn", m.Name, MaxShortText)
	v.maxLen("address", "Adresse", m.Address, MaxLineText)
	v.digitsExactly("ean", "EAN-nummer", m.EAN, 13)
	v.email("secure_email", "Sikker e-mail", m.SecureEmail)
	if m.ReportEveryWeeks < 0 || m.ReportEveryWeeks > 52 {
		v.add("report_every_weeks", "Statusrapport hver N. uge skal være mellem 0 og 52.")
	}
	return v.problems
}

// Caseworker (sagsbehandler) is the municipality's contact person.
type Caseworker struct {
	ID             ID
	MunicipalityID ID
	Name           string
	Phone          string
	Email          string
	Archived       bool
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Validate checks a caseworker.
func (c Caseworker) Validate() Problems {
	var v validator
	if c.MunicipalityID == 0 {
		v.add("municipality", "Kommune skal vælges.")
	}
	v.required("name", "Navn", c.Name, MaxShortText)
	v.phone("phone", "Telefon", c.Phone)
	v.email("email", "E-mail", c.Email)
	return v.problems
}

// TargetGroup is one entry of the configurable list of målgrupper. Legacy
// groups (such as ressourceforløb after the 2025 reform) stay on old
// citizens but are not offered for new ones.
type TargetGroup struct {
	Code   string
	Name   string
	Legacy bool
}

// Consents records what the citizen has agreed to.
type Consents struct {
	VolunteerMentor bool // a voluntary mentor only with the citizen's consent
	SMS             bool
	Email           bool
}

// HandoverProfile is what a new mentor or caseworker needs to know; it is
// easily lost at a change of mentor, so it lives on the citizen.
type HandoverProfile struct {
	Resources   string
	Competences string
	Limitations string // incl. skånehensyn
	Everyday    string // everyday challenges
	WhatWorks   string
}

// Citizen (borger) receives mentor support. Name, CPR, contact details and
// the handover profile are personal data: the store keeps every read and
// write of them in one place (citizens.go) so they can be encrypted there.
type Citizen struct {
	ID                ID
	Name              string
	CPR               string // as typed or stored: 10 digits; see CPRNumber
	Address           string
	Postcode          string
	City              string
	Phone             string
	Email             string
	MotherTongue      string
	InterpreterNeeded bool
	TargetGroup       string // TargetGroup.Code
	Consents          Consents
	Profile           HandoverProfile
	Archived          bool

	// Needs are what the support is about ("angst", "gæld", "praktik"),
	// matched against the mentors' competences when a mentor is chosen.
	// Health data, so a personal column.
	Needs []string
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// CPRNumber parses the stored CPR. An empty CPR gives "" and no error.
func (c Citizen) CPRNumber() (cpr.Number, error) {
	if strings.TrimSpace(c.CPR) == "" {
		return "", nil
	}
	return cpr.Parse(c.CPR)
}

// MaskedCPR shows DDMMYY-XXXX, or "" when there is none. A CPR that does
// not parse is masked all the same, never shown.
func (c Citizen) MaskedCPR() string {
	n, err := c.CPRNumber()
	if err != nil {
		return "••••••-XXXX"
	}
	if n == "" {
		return ""
	}
	return n.Masked()
}

// Validate checks a citizen. CPR follows the domain rules: format and date
// block; a failed modulus 11 check only warns.
func (c Citizen) Validate() Problems {
	var v validator
	v.required("name", "Navn", c.Name, MaxShortText)
	if n, err := c.CPRNumber(); err != nil {
		v.add("cpr", "CPR-nummer: %s", err.Error())
	} else if n != "" && n.Warning() != "" {
		v.warn("cpr", "CPR-nummer: %s", n.Warning())
	}
	v.maxLen("address", "Adresse", c.Address, MaxLineText)
	v.digitsExactly("postcode", "Postnummer", c.Postcode, 4)
	v.maxLen("city", "By", c.City, MaxShortText)
	v.phone("phone", "Telefon", c.Phone)
	v.email("email", "E-mail", c.Email)
	v.maxLen("mother_tongue", "Modersmål", c.MotherTongue, MaxShortText)
	v.maxLen("target_group", "Målgruppe", c.TargetGroup, MaxShortText)
	v.maxLen("needs", "Behov", strings.Join(c.Needs, ", "), MaxLineText)
	v.maxLen("profile_resources", "Ressourcer", c.Profile.Resources, MaxLongText)
	v.maxLen("profile_competences", "Kompetencer", c.Profile.Competences, MaxLongText)
	v.maxLen("profile_limitations", "Begrænsninger og skånehensyn", c.Profile.Limitations, MaxLongText)
	v.maxLen("profile_everyday", "Udfordringer i hverdagen", c.Profile.Everyday, MaxLongText)
	v.maxLen("profile_what_works", "Hvad virker", c.Profile.WhatWorks, MaxLongText)
	return v.problems
}

// Initials gives "A.B." for "Anna Bøgh": what the calendar may show instead
// of a full name.
func Initials(name string) string {
	var b strings.Builder
	for _, part := range strings.Fields(name) {
		r := []rune(part)
		b.WriteString(strings.ToUpper(string(r[0])))
		b.WriteString(".")
	}
	return b.String()
}

// Age returns the full years from birth to on.
func Age(birth time.Time, on Date) int {
	b := DateOf(birth)
	years := on.Year - b.Year
	if on.Month < b.Month || (on.Month == b.Month && on.Day < b.Day) {
		years--
	}
	return years
}

// SplitList reads a comma- or semicolon-separated list typed by a user,
// trimming blanks and dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ErrHasHistory refuses deleting a mentor or municipality that courses,
// sessions or users refer to: it is archived instead, so history stays whole.
var ErrHasHistory = errors.New("posten har historik og kan kun arkiveres")
