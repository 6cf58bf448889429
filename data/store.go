package data

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a record with the given id does not exist.
var ErrNotFound = errors.New("ikke fundet")

// Store is all data access of Mentorbog. Screens, reports and commands go
// through it and nothing else, so that a second backend (PostgreSQL for
// organisations with many users) and the data-protection layer (field
// encryption and the role check on every read) each live in one place.
//
// Save methods insert when the record's ID is 0 and update otherwise; they
// validate first and return Problems when the record has blocking problems.
// The acting user will travel in ctx, so adding the role check does not
// change these signatures.
type Store interface {
	AuthStore
	AuditStore
	OrganisationStore
	MentorStore
	MunicipalityStore
	CitizenStore
	CourseStore
	GoalStore
	SessionStore
	SeriesStore
	SettingStore
	DraftStore
	ReportStore
	ChangeStore
	// Atomically runs fn in one transaction: every store call made with the
	// ctx that fn receives commits together or not at all.
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
	Close() error
}

// OrganisationStore holds the provider's own settings.
type OrganisationStore interface {
	Organisation(ctx context.Context) (Organisation, error)
	SaveOrganisation(ctx context.Context, o Organisation) error
}

// MentorStore holds mentors.
type MentorStore interface {
	Mentors(ctx context.Context, includeArchived bool) ([]Mentor, error)
	Mentor(ctx context.Context, id ID) (Mentor, error)
	SaveMentor(ctx context.Context, m *Mentor) error
}

// MunicipalityStore holds municipalities and their caseworkers.
type MunicipalityStore interface {
	Municipalities(ctx context.Context, includeArchived bool) ([]Municipality, error)
	Municipality(ctx context.Context, id ID) (Municipality, error)
	SaveMunicipality(ctx context.Context, m *Municipality) error
	// Caseworkers of one municipality, or of all when municipalityID is 0.
	Caseworkers(ctx context.Context, municipalityID ID) ([]Caseworker, error)
	SaveCaseworker(ctx context.Context, c *Caseworker) error
}

// CitizenStore holds citizens. Search is done in memory over the decrypted
// list, never with SQL LIKE: names will be encrypted in the database.
type CitizenStore interface {
	Citizens(ctx context.Context, includeArchived bool) ([]Citizen, error)
	Citizen(ctx context.Context, id ID) (Citizen, error)
	SaveCitizen(ctx context.Context, c *Citizen) error
	TargetGroups(ctx context.Context) ([]TargetGroup, error)
	// CitizenNames reads only the names of the given citizens (those the
	// user may see; others are left out), for screens that name a few
	// citizens among thousands without decrypting every record.
	CitizenNames(ctx context.Context, ids []ID) (map[ID]string, error)
	// CountCitizens counts the citizens the user may see.
	CountCitizens(ctx context.Context, includeArchived bool) (int, error)
	// CitizenSummaries lists what a list of citizens shows and searches
	// (name, CPR, phone, archived) for the citizens the user may see, by
	// id, decrypting only those columns; archived ones only when asked.
	CitizenSummaries(ctx context.Context, includeArchived bool) ([]CitizenSummary, error)
	// CitizenSummariesOf is CitizenSummaries for the given citizens only
	// (archived or not; those the user may not see are left out).
	CitizenSummariesOf(ctx context.Context, ids []ID) ([]CitizenSummary, error)
}

// CourseFilter narrows Courses. Zero values mean "any".
type CourseFilter struct {
	CitizenID ID
	MentorID  ID // current primary mentor
	Statuses  []CourseStatus
	// IDs, when given, are the only courses read (at most a few hundred:
	// each is a statement parameter).
	IDs []ID
}

// CourseStore holds courses, their mentor history and their agreements.
type CourseStore interface {
	Courses(ctx context.Context, f CourseFilter) ([]Course, error)
	// CourseSummaries lists every course the user may see, by id, with
	// what a list of citizens shows of it (no texts).
	CourseSummaries(ctx context.Context) ([]CourseSummary, error)
	Course(ctx context.Context, id ID) (Course, error)
	SaveCourse(ctx context.Context, c *Course) error
	// AssignMentor makes mentorID the course's primary mentor from the given
	// day, closing the current assignment with the handover note.
	AssignMentor(ctx context.Context, courseID, mentorID ID, from Date, handoverNote string) error
	MentorHistory(ctx context.Context, courseID ID) ([]MentorAssignment, error)
	// RunningAgreements are the agreements whose period contains on, for
	// the hours accounting: only ID, CourseID, Start, End, HoursBasis and
	// GrantedMin are filled (nothing is decrypted, no goal link read).
	RunningAgreements(ctx context.Context, on Date) ([]Agreement, error)
	// Agreements of one course (courseID > 0), or every agreement whose
	// period contains the day `activeOn` when courseID is 0.
	Agreements(ctx context.Context, courseID ID, activeOn Date) ([]Agreement, error)
	Agreement(ctx context.Context, id ID) (Agreement, error)
	SaveAgreement(ctx context.Context, a *Agreement) error
}

// GoalStore holds progression instruments, goals and scores.
type GoalStore interface {
	Instruments(ctx context.Context) ([]Instrument, error)
	SaveInstrument(ctx context.Context, in *Instrument) error
	Goals(ctx context.Context, courseID ID) ([]Goal, error)
	SaveGoal(ctx context.Context, g *Goal) error
	Scores(ctx context.Context, goalID ID) ([]Score, error)
	SaveScore(ctx context.Context, s *Score) error
}

// SessionFilter narrows Sessions. Zero values mean "any"; From is
// inclusive and To exclusive, compared with the planned start.
type SessionFilter struct {
	From, To  time.Time
	MentorIDs []ID
	CourseID  ID
	// CourseIDs limits to these courses (any when empty).
	CourseIDs []ID
	Statuses  []SessionStatus
	// HoursOnly leaves out the notes and goal notes (Note and Goals stay
	// empty): the hours accounting needs neither, and not decrypting them
	// keeps Oversigt's warnings fast with years of history.
	HoursOnly bool
	// Limit keeps only the first Limit sessions by planned start (0: all):
	// a month cell shows a few lines and how many more there are.
	Limit int
}

// SessionStart is one moment sessions start at: how many, and when the
// first and the last of them end. The week grid lays out thousands of
// sessions starting at a few dozen moments, and draws at most a few of
// each.
type SessionStart struct {
	Start                  time.Time
	Count                  int
	EarliestEnd, LatestEnd time.Time
}

// SessionStore holds sessions (møder).
type SessionStore interface {
	Sessions(ctx context.Context, f SessionFilter) ([]Session, error)
	// CountSessions counts the sessions Sessions would list (Limit aside).
	CountSessions(ctx context.Context, f SessionFilter) (int, error)
	// CountSessionsPerSpan is CountSessions for each span [bounds[i],
	// bounds[i+1]) in place of f's From and To, asked in one statement (a
	// month cell's "+N more" for 42 days is one round trip, not 42).
	CountSessionsPerSpan(ctx context.Context, f SessionFilter, bounds []time.Time) ([]int, error)
	// FirstSessionsPerSpan is Sessions for each span [bounds[i],
	// bounds[i+1]) in place of f's From and To (f.Limit per span), in one
	// statement, all by planned start: a month cell's first lines.
	FirstSessionsPerSpan(ctx context.Context, f SessionFilter, bounds []time.Time) ([]Session, error)
	// SessionStarts is the moments the sessions Sessions would list start
	// at (f.Limit aside), by time, with how many start then and when they
	// end.
	SessionStarts(ctx context.Context, f SessionFilter) ([]SessionStart, error)
	Session(ctx context.Context, id ID) (Session, error)
	SaveSession(ctx context.Context, s *Session) error
	// DeleteSession deletes one planned session (ErrSessionNotPlanned for a
	// held or registered one); a coordinator or the session's mentor may.
	DeleteSession(ctx context.Context, id ID) error
	// DeleteSeriesFrom deletes the session and every later planned session
	// of its series (registered ones stay); it returns how many went.
	DeleteSeriesFrom(ctx context.Context, id ID) (int, error)
	// SessionTotals sums the hours of the sessions of each period in the
	// database (see AccountTotals), one row per period with sessions, by
	// key: the hours of every running agreement without reading their
	// sessions.
	SessionTotals(ctx context.Context, periods []SessionPeriod) ([]SessionTotals, error)
	// AgreementWarnings are the agreements running on today that end
	// within endingDays or have used 80 % or 100 % of their hours, at
	// most limit of each list, with the count of each (the store keeps
	// every agreement's held hours, so this reads no session).
	AgreementWarnings(ctx context.Context, today Date, endingDays, limit int) (AgreementWarnings, error)
	// LatestSessions is, for each course in f.CourseIDs, the latest
	// planned start of its sessions matching the rest of f (courses with
	// none are left out).
	LatestSessions(ctx context.Context, f SessionFilter) (map[ID]time.Time, error)
}

// SeriesStore plans recurring series of sessions.
type SeriesStore interface {
	// SaveSeries stores the rule and plans every session of it in one
	// transaction; it returns the planned sessions.
	SaveSeries(ctx context.Context, sr *Series) ([]Session, error)
	Series(ctx context.Context, id ID) (Series, error)
	// SaveSessionAndLater saves s ("dette og senere") and moves every later
	// still-planned session of its series the same way (see SeriesEdit);
	// it returns how many later sessions changed.
	SaveSessionAndLater(ctx context.Context, s *Session) (int, error)
}

// SettingStore holds small named settings of the organisation.
type SettingStore interface {
	Setting(ctx context.Context, key string) (string, error) // "" when unset
	SetSetting(ctx context.Context, key, value string) error
}
