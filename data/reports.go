package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ReportKind is one of the documents Mentorbog makes for a municipality.
// The values are stored and must never change.
type ReportKind string

const (
	KindAgreement   ReportKind = "mentoraftale"
	KindStart       ReportKind = "opstartsnotat"
	KindStatus      ReportKind = "statusrapport"
	KindFinal       ReportKind = "slutrapport"
	KindHours       ReportKind = "timeopgoerelse"
	KindCitizenData ReportKind = "borgerdata"
)

// ReportKinds lists every kind in the order the screens offer them.
var ReportKinds = []ReportKind{KindAgreement, KindStart, KindStatus, KindFinal, KindHours, KindCitizenData}

// Label is the Danish name of the document; it also starts its file name.
func (k ReportKind) Label() string {
	switch k {
	case KindAgreement:
		return "Mentoraftale"
	case KindStart:
		return "Opstartsnotat"
	case KindStatus:
		return "Statusrapport"
	case KindFinal:
		return "Slutrapport"
	case KindHours:
		return "Timeopgørelse"
	case KindCitizenData:
		return "Borgerens data"
	}
	return string(k)
}

// Written reports whether the kind has a written part (assessment,
// events, comments) and so goes through the approval workflow. The other
// kinds are made straight from the registered data.
func (k ReportKind) Written() bool {
	return k == KindStart || k == KindStatus || k == KindFinal
}

// ReportStatus is where a written report is in quality assurance:
// kladde → til godkendelse → godkendt → sendt.
type ReportStatus string

const (
	ReportDraft     ReportStatus = "kladde"
	ReportSubmitted ReportStatus = "til_godkendelse"
	ReportApproved  ReportStatus = "godkendt"
	ReportSent      ReportStatus = "sendt"
)

// ReportStatuses lists the statuses in flow order.
var ReportStatuses = []ReportStatus{ReportDraft, ReportSubmitted, ReportApproved, ReportSent}

// Label is the Danish name of the status.
func (s ReportStatus) Label() string {
	switch s {
	case ReportDraft:
		return "Kladde"
	case ReportSubmitted:
		return "Til godkendelse"
	case ReportApproved:
		return "Godkendt"
	case ReportSent:
		return "Sendt"
	}
	return string(s)
}

// Errors of the report workflow, in Danish for the user.
var (
	ErrReportNotEditable = errors.New("rapporten kan ikke ændres i sin nuværende status; en koordinator kan sende den tilbage til kladde")
	ErrReportNotApproved = errors.New("kun en godkendt rapport kan markeres som sendt")
	ErrApproveOwnRole    = errors.New("kun en koordinator eller administrator kan godkende en rapport")
)

// CanMoveReport tells whether a user with role may move a written report
// from one status to another. The flow: the mentor writes (kladde) and
// submits (til godkendelse); a koordinator or administrator approves it or
// sends it back to kladde with a comment; only an approved report is sent,
// which happens by marking a generated PDF sent (MarkReportSent), never by
// a plain status change.
func CanMoveReport(from, to ReportStatus, role UserRole) error {
	coordinator := role == RoleCoordinator || role == RoleAdministrator
	switch {
	case from == to:
		return nil
	case to == ReportSent:
		return ErrReportNotApproved
	case from == ReportDraft && to == ReportSubmitted:
		return nil
	case from == ReportSubmitted && to == ReportDraft:
		return nil // sent back by a coordinator, or withdrawn by its writer
	case to == ReportApproved:
		if !coordinator {
			return ErrApproveOwnRole
		}
		if from != ReportSubmitted {
			return fmt.Errorf("rapporten skal være sendt til godkendelse, før den kan godkendes (status nu: %s)", from.Label())
		}
		return nil
	case from == ReportApproved && to == ReportDraft:
		if !coordinator {
			return ErrForbidden
		}
		return nil // reopened to correct it; it must be approved again
	}
	return fmt.Errorf("en rapport kan ikke gå fra %s til %s", from.Label(), to.Label())
}

// Recommendation is the mentor's recommendation for the support.
type Recommendation string

const (
	RecommendNone     Recommendation = ""
	RecommendContinue Recommendation = "fortsaet"
	RecommendExtend   Recommendation = "forlaeng"
	RecommendEnd      Recommendation = "afslut"
)

// Recommendations lists the choices.
var Recommendations = []Recommendation{RecommendContinue, RecommendExtend, RecommendEnd}

// Label is the Danish wording in the report.
func (r Recommendation) Label() string {
	switch r {
	case RecommendContinue:
		return "Forløbet fortsætter som aftalt"
	case RecommendExtend:
		return "Forlængelse med en ny periode"
	case RecommendEnd:
		return "Forløbet afsluttes"
	}
	return ""
}

// ReportEvents are the things the municipality must know at once. Each is
// free text; empty means nothing to report.
type ReportEvents struct {
	Deviation      string // afvigelse fra planen
	Sickness       string // sygdom
	Crisis         string // krise
	JobOrEducation string // start på job eller uddannelse
}

// Any reports whether any event is written.
func (e ReportEvents) Any() bool {
	return e.Deviation != "" || e.Sickness != "" || e.Crisis != "" || e.JobOrEducation != ""
}

// Report is the written part of an opstartsnotat, statusrapport or
// slutrapport for one course and period, with its place in the workflow.
// The figures (sessions, hours, scores) are not stored here: they are read
// from the data when the PDF is made.
type Report struct {
	ID             ID
	Kind           ReportKind
	CourseID       ID
	AgreementID    ID // the agreement the period falls in; 0 = the course's
	MunicipalityID ID
	PeriodStart    Date
	PeriodEnd      Date

	Situation         string // opstartsnotat: the citizen's situation in brief
	Plan              string // opstartsnotat: goals and plan in words
	Events            ReportEvents
	Assessment        string // the mentor's assessment
	Recommendation    Recommendation
	SuggestedHoursMin int // with RecommendExtend: suggested contact time per week
	CitizenComments   string

	Status         ReportStatus
	CreatedBy      ID
	CreatedByName  string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SubmittedAt    time.Time
	ApprovedBy     ID
	ApprovedByName string
	ApprovedAt     time.Time
	SentAt         time.Time
	// Version is the stored version this record was read at, counted up
	// by every save; a save from an older version is refused
	// (ConflictError). 0 for a record not saved yet.
	Version int64
}

// Editable reports whether the written part may still change.
func (r Report) Editable(role UserRole) bool {
	switch r.Status {
	case ReportDraft:
		return true
	case ReportSubmitted:
		return role == RoleCoordinator || role == RoleAdministrator
	}
	return false
}

// Validate checks a report's written part.
func (r Report) Validate() Problems {
	var v validator
	if !r.Kind.Written() {
		v.add("kind", "Rapporttypen %q har ingen skriftlig del.", r.Kind.Label())
	}
	if r.CourseID == 0 {
		v.add("course", "Forløb skal vælges.")
	}
	if r.PeriodStart.IsZero() {
		v.add("period_start", "Periodens start skal udfyldes.")
	}
	if r.PeriodEnd.IsZero() {
		v.add("period_end", "Periodens slut skal udfyldes.")
	}
	if !r.PeriodStart.IsZero() && !r.PeriodEnd.IsZero() && r.PeriodEnd.Before(r.PeriodStart) {
		v.add("period_end", "Periodens slut skal ligge efter dens start.")
	}
	if !slices.Contains(ReportStatuses, r.Status) {
		v.add("status", "Status er ukendt.")
	}
	if r.Recommendation != RecommendNone && !slices.Contains(Recommendations, r.Recommendation) {
		v.add("recommendation", "Anbefalingen er ukendt.")
	}
	if r.Recommendation == RecommendExtend && r.SuggestedHoursMin <= 0 {
		v.add("suggested_hours", "Foreslåede timer pr. uge skal udfyldes ved en anbefalet forlængelse.")
	}
	if r.SuggestedHoursMin < 0 || r.SuggestedHoursMin > 40*60 {
		v.add("suggested_hours", "Foreslåede timer pr. uge skal være mellem 0 og 40.")
	}
	for _, f := range []struct{ field, label, text string }{
		{"situation", "Borgerens situation", r.Situation}, {"plan", "Plan", r.Plan},
		{"deviation", "Afvigelse fra planen", r.Events.Deviation}, {"sickness", "Sygdom", r.Events.Sickness},
		{"crisis", "Krise", r.Events.Crisis}, {"job_start", "Start på job eller uddannelse", r.Events.JobOrEducation},
		{"assessment", "Mentorens vurdering", r.Assessment}, {"citizen_comments", "Borgerens kommentarer", r.CitizenComments},
	} {
		v.maxLen(f.field, f.label, f.text, MaxLongText)
	}
	return v.problems
}

// ReportComment is a coordinator's (or the writer's) comment on a report.
type ReportComment struct {
	ID       ID
	ReportID ID
	UserID   ID
	Username string
	At       time.Time
	Text     string
}

// GeneratedReport is one PDF that Mentorbog made: the register that shows
// exactly what was sent to whom and when. The file itself is not kept; its
// SHA-256 proves which file it was.
type GeneratedReport struct {
	ID             ID
	ReportID       ID // the written report it was made from; 0 for data-only kinds
	Kind           ReportKind
	CourseID       ID
	CitizenID      ID
	MunicipalityID ID
	PeriodStart    Date
	PeriodEnd      Date
	FileName       string // never holds a CPR number
	Draft          bool   // marked UDKAST (the report was not approved)
	SHA256         string // hex
	GeneratedBy    ID
	GeneratedName  string
	GeneratedAt    time.Time
	ApprovedName   string
	ApprovedAt     time.Time
	SentAt         time.Time
	SentTo         string
}

// ReportFilter narrows Reports and GeneratedReports. Zero values mean "any".
type ReportFilter struct {
	CourseID       ID
	CitizenID      ID
	MunicipalityID ID
	Kinds          []ReportKind
	Statuses       []ReportStatus // Reports only
}

// ReportStore holds written reports, their comments and the register of
// generated PDFs. A mentor sees and writes the reports of their own
// courses; approving and marking sent needs a koordinator or administrator.
type ReportStore interface {
	Reports(ctx context.Context, f ReportFilter) ([]Report, error)
	Report(ctx context.Context, id ID) (Report, error)
	// SaveReport inserts (ID 0, as kladde) or updates the written part of
	// a report. It refuses when the report is not Editable for the user.
	SaveReport(ctx context.Context, r *Report) error
	// MoveReport changes the status following CanMoveReport, adding the
	// comment (when not empty) in the same transaction.
	MoveReport(ctx context.Context, id ID, to ReportStatus, comment string) error
	AddReportComment(ctx context.Context, id ID, text string) error
	ReportComments(ctx context.Context, id ID) ([]ReportComment, error)
	// RegisterGeneratedReport records a PDF that was made (ID, GeneratedBy,
	// GeneratedName and GeneratedAt are set by the store).
	RegisterGeneratedReport(ctx context.Context, g *GeneratedReport) error
	GeneratedReports(ctx context.Context, f ReportFilter) ([]GeneratedReport, error)
	// MarkReportSent records that a generated PDF was sent to `to`. A PDF
	// of a written report must be a non-draft of an approved report; the
	// report then becomes sendt.
	MarkReportSent(ctx context.Context, generatedID ID, to string) error
}

// DefaultReportEveryWeeks is how often a status report is due when the
// municipality has not said (many contracts say at least every 6 weeks).
const DefaultReportEveryWeeks = 6

// ReportInterval is the municipality's status report frequency in weeks.
func (m Municipality) ReportInterval() int {
	if m.ReportEveryWeeks > 0 {
		return m.ReportEveryWeeks
	}
	return DefaultReportEveryWeeks
}

// DueReport is a status report that is due: for a course, covering From to
// To, due since DueOn.
type DueReport struct {
	Course       Course
	Agreement    Agreement
	Municipality Municipality
	From, To     Date
	DueOn        Date
}

// DueInput is what DueStatusReports reads; callers load it beforehand so
// the rule is a pure function (used by the month-end run and the overview).
type DueInput struct {
	Courses        []Course
	Agreements     []Agreement // of those courses
	Municipalities []Municipality
	Reports        []Report // written reports of those courses (any kind)
}

// DueStatusReports lists the status reports due on day, by course id.
//
// The rule: a running course (aktiv or fastholdelse) with an agreement
// covering day reports every ReportInterval weeks. The clock starts at the
// end of its newest status report, or else at the start of the course (the
// first agreement's start when the course has no start date). A report is
// due once that many weeks have passed by day; it covers the days since the
// last report (at the earliest the agreement's start) up to day.
func DueStatusReports(day Date, in DueInput) []DueReport {
	municipalities := map[ID]Municipality{}
	for _, m := range in.Municipalities {
		municipalities[m.ID] = m
	}
	// The agreements by course, so the work follows the courses, not
	// courses times agreements (Oversigt passes thousands of each).
	agreementsOf := map[ID][]Agreement{}
	for _, a := range in.Agreements {
		agreementsOf[a.CourseID] = append(agreementsOf[a.CourseID], a)
	}
	reportsOf := map[ID][]Report{}
	for _, r := range in.Reports {
		reportsOf[r.CourseID] = append(reportsOf[r.CourseID], r)
	}
	var out []DueReport
	for _, c := range in.Courses {
		if c.Status != CourseActive && c.Status != CourseRetention {
			continue
		}
		agreement, first, ok := agreementsOn(c.ID, day, agreementsOf[c.ID])
		if !ok {
			continue
		}
		muni := municipalities[c.MunicipalityID]
		from := c.StartedOn
		if from.IsZero() {
			from = first
		}
		for _, r := range reportsOf[c.ID] {
			if r.Kind == KindStatus && !r.PeriodEnd.After(day) && !r.PeriodEnd.Before(from) {
				from = r.PeriodEnd.AddDays(1)
			}
		}
		due := from.AddDays(7 * muni.ReportInterval())
		if due.After(day) {
			continue
		}
		if from.Before(agreement.Start) {
			from = agreement.Start
		}
		out = append(out, DueReport{Course: c, Agreement: agreement, Municipality: muni, From: from, To: day, DueOn: due})
	}
	slices.SortFunc(out, func(a, b DueReport) int { return int(a.Course.ID - b.Course.ID) })
	return out
}

// agreementsOn finds the agreement of a course covering day (the newest
// when several do) and the start of the course's first agreement.
func agreementsOn(courseID ID, day Date, agreements []Agreement) (covering Agreement, firstStart Date, ok bool) {
	for _, a := range agreements {
		if a.CourseID != courseID {
			continue
		}
		if firstStart.IsZero() || a.Start.Before(firstStart) {
			firstStart = a.Start
		}
		if day.Within(a.Start, a.End) && (!ok || a.Start.After(covering.Start)) {
			covering, ok = a, true
		}
	}
	return covering, firstStart, ok
}
