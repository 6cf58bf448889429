package reports

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"mentorbog/data"
)

// Source is the part of the store that reports read and write. data.Store
// satisfies it; reports never reach past it.
type Source interface {
	Organisation(ctx context.Context) (data.Organisation, error)
	Municipality(ctx context.Context, id data.ID) (data.Municipality, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error)
	Citizen(ctx context.Context, id data.ID) (data.Citizen, error)
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	TargetGroups(ctx context.Context) ([]data.TargetGroup, error)
	Course(ctx context.Context, id data.ID) (data.Course, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	MentorHistory(ctx context.Context, courseID data.ID) ([]data.MentorAssignment, error)
	Agreements(ctx context.Context, courseID data.ID, activeOn data.Date) ([]data.Agreement, error)
	Agreement(ctx context.Context, id data.ID) (data.Agreement, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Instruments(ctx context.Context) ([]data.Instrument, error)
	Goals(ctx context.Context, courseID data.ID) ([]data.Goal, error)
	Scores(ctx context.Context, goalID data.ID) ([]data.Score, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
	Reports(ctx context.Context, f data.ReportFilter) ([]data.Report, error)
	Report(ctx context.Context, id data.ID) (data.Report, error)
	SaveReport(ctx context.Context, r *data.Report) error
	ReportComments(ctx context.Context, id data.ID) ([]data.ReportComment, error)
	RegisterGeneratedReport(ctx context.Context, g *data.GeneratedReport) error
	Audit(ctx context.Context, e data.AuditEntry) error
	CurrentUser() (data.User, bool)
}

// MissingError says the data lacks something a report requires, in
// Danish, e.g. that there is no agreement in the period. Commands exit 1
// with its message; screens show it as it is.
type MissingError struct{ Message string }

func (e *MissingError) Error() string { return e.Message }

func missing(format string, args ...any) error {
	return &MissingError{Message: fmt.Sprintf(format, args...)}
}

// IsMissing reports whether err is a MissingError.
func IsMissing(err error) bool {
	var m *MissingError
	return errors.As(err, &m)
}

// courseFile is everything about one course that its documents show, read
// once and sorted, so rendering is a pure function of it.
type courseFile struct {
	org          data.Organisation
	course       data.Course
	citizen      data.Citizen
	municipality data.Municipality
	caseworker   data.Caseworker
	mentors      map[data.ID]data.Mentor
	history      []data.MentorAssignment
	agreements   []data.Agreement // oldest first
	goals        []data.Goal
	scores       map[data.ID][]data.Score // by goal, oldest first
	instrument   data.Instrument
	sessions     []data.Session // every session of the course, by planned start
}

// mentor is the course's current primary mentor (zero when none).
func (f courseFile) mentor() data.Mentor { return f.mentors[f.course.MentorID] }

// loadCourse reads a course and everything around it for the course's
// documents, which print the sessions' times, forms and statuses but never
// their notes: the notes are not read (nor decrypted). It returns once the
// audit entry of its citizen read has committed.
func loadCourse(ctx context.Context, st Source, courseID data.ID) (courseFile, error) {
	var audits pendingAudits
	f, err := loadCourseWith(ctx, st, courseID, false, &audits)
	if werr := audits.wait(); err == nil {
		err = werr
	}
	return f, err
}

// loadCourseWith reads a course; withNotes also reads every session's note
// and goal notes (the citizen's data extract shows them). The audit entry
// of the citizen read may still be committing when it returns: it is added
// to audits, and what is made from the course must not be handed out
// before audits.wait() returned nil.
func loadCourseWith(ctx context.Context, st Source, courseID data.ID, withNotes bool, audits *pendingAudits) (courseFile, error) {
	var f courseFile
	var err error
	if f.org, err = st.Organisation(ctx); err != nil {
		return f, fmt.Errorf("read organisation: %w", err)
	}
	if f.course, err = st.Course(ctx, courseID); err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return f, missing("Forløb %d findes ikke.", courseID)
		}
		return f, fmt.Errorf("read course: %w", err)
	}
	citizen, committed, err := readCitizen(ctx, st, f.course.CitizenID)
	if err != nil {
		return f, fmt.Errorf("read citizen: %w", err)
	}
	f.citizen = citizen
	audits.add(committed)
	if f.municipality, err = st.Municipality(ctx, f.course.MunicipalityID); err != nil {
		return f, fmt.Errorf("read municipality: %w", err)
	}
	if f.course.CaseworkerID != 0 {
		cws, err := st.Caseworkers(ctx, f.course.MunicipalityID)
		if err != nil {
			return f, fmt.Errorf("read caseworkers: %w", err)
		}
		for _, c := range cws {
			if c.ID == f.course.CaseworkerID {
				f.caseworker = c
			}
		}
	}
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return f, fmt.Errorf("read mentors: %w", err)
	}
	f.mentors = map[data.ID]data.Mentor{}
	for _, m := range mentors {
		f.mentors[m.ID] = m
	}
	if f.history, err = st.MentorHistory(ctx, courseID); err != nil {
		return f, fmt.Errorf("read mentor history: %w", err)
	}
	if f.agreements, err = st.Agreements(ctx, courseID, data.Date{}); err != nil {
		return f, fmt.Errorf("read agreements: %w", err)
	}
	slices.SortStableFunc(f.agreements, func(a, b data.Agreement) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	if f.goals, err = st.Goals(ctx, courseID); err != nil {
		return f, fmt.Errorf("read goals: %w", err)
	}
	if f.scores, err = scoresOf(ctx, st, courseID, f.goals); err != nil {
		return f, fmt.Errorf("read scores: %w", err)
	}
	if f.instrument, err = instrumentOf(ctx, st, f.course.InstrumentID); err != nil {
		return f, err
	}
	if f.sessions, err = st.Sessions(ctx, data.SessionFilter{CourseID: courseID, HoursOnly: !withNotes}); err != nil {
		return f, fmt.Errorf("read sessions: %w", err)
	}
	return f, nil
}

// citizenAuditing is a Source whose citizen read lets the read's audit
// entry commit while the document is read and rendered (sqlstore.Store):
// the entry's durable commit is waiting on the disk (or the server), not
// computing, so it need not hold the report up.
type citizenAuditing interface {
	CitizenAuditing(ctx context.Context, id data.ID) (data.Citizen, func() error, error)
}

// readCitizen reads a citizen; committed waits for the read's audit entry
// (at once for a Source without CitizenAuditing, whose Citizen records it
// before returning).
func readCitizen(ctx context.Context, st Source, id data.ID) (c data.Citizen, committed func() error, err error) {
	if a, ok := st.(citizenAuditing); ok {
		return a.CitizenAuditing(ctx, id)
	}
	c, err = st.Citizen(ctx, id)
	return c, func() error { return nil }, err
}

// pendingAudits are the audit entries of a document's reads that may still
// be committing.
type pendingAudits []func() error

func (p *pendingAudits) add(committed func() error) {
	if committed != nil {
		*p = append(*p, committed)
	}
}

// wait waits for every entry and returns their errors: a document whose
// reads were not all recorded must not be produced.
func (p pendingAudits) wait() error {
	var errs []error
	for _, committed := range p {
		errs = append(errs, committed())
	}
	return errors.Join(errs...)
}

// courseScoresReader is a Source that reads all of a course's scores in
// one statement (sqlstore.Store): on a server each statement is a round
// trip, and Scores takes two per goal.
type courseScoresReader interface {
	CourseScores(ctx context.Context, courseID data.ID) (map[data.ID][]data.Score, error)
}

// scoresOf is the scores of each of the course's goals, oldest first.
func scoresOf(ctx context.Context, st Source, courseID data.ID, goals []data.Goal) (map[data.ID][]data.Score, error) {
	byGoal := map[data.ID][]data.Score{}
	if r, ok := st.(courseScoresReader); ok {
		all, err := r.CourseScores(ctx, courseID)
		if err != nil {
			return nil, err
		}
		for _, g := range goals {
			byGoal[g.ID] = all[g.ID]
		}
	} else {
		for _, g := range goals {
			s, err := st.Scores(ctx, g.ID)
			if err != nil {
				return nil, err
			}
			byGoal[g.ID] = s
		}
	}
	for _, s := range byGoal {
		slices.SortStableFunc(s, func(a, b data.Score) int { return cmp.Or(a.On.Compare(b.On), cmp.Compare(a.ID, b.ID)) })
	}
	return byGoal, nil
}

// instrumentScales is a Source that lists the instruments without their
// domains and anchors (sqlstore.Store), which documents do not print.
type instrumentScales interface {
	InstrumentScales(ctx context.Context) ([]data.Instrument, error)
}

// instrumentOf is the course's instrument, or the default one; only its
// scale is printed.
func instrumentOf(ctx context.Context, st Source, id data.ID) (data.Instrument, error) {
	list, err := listInstruments(ctx, st)
	if err != nil {
		return data.Instrument{}, fmt.Errorf("read instruments: %w", err)
	}
	fallback := data.DefaultInstrument()
	for _, in := range list {
		if in.ID == id && id != 0 {
			return in, nil
		}
		if in.IsDefault {
			fallback = in
		}
	}
	return fallback, nil
}

func listInstruments(ctx context.Context, st Source) ([]data.Instrument, error) {
	if r, ok := st.(instrumentScales); ok {
		return r.InstrumentScales(ctx)
	}
	return st.Instruments(ctx)
}

// sessionsIn returns the sessions planned on the days from..to.
func sessionsIn(sessions []data.Session, from, to data.Date) []data.Session {
	var out []data.Session
	for _, s := range sessions {
		if data.DateOf(s.PlannedStart.In(data.Zone())).Within(from, to) {
			out = append(out, s)
		}
	}
	return out
}

// agreementFor picks the agreement a period belongs to: the given one, or
// the newest agreement overlapping the period.
func (f courseFile) agreementFor(id data.ID, from, to data.Date) (data.Agreement, int, bool) {
	best := -1
	for i, a := range f.agreements {
		if id != 0 {
			if a.ID == id {
				best = i
			}
			continue
		}
		if !a.Start.After(to) && !a.End.Before(from) {
			best = i
		}
	}
	if best < 0 {
		return data.Agreement{}, 0, false
	}
	return f.agreements[best], best, true
}

// dateText is dd-mm-yyyy, or "–" for no date.
func dateText(d data.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.In(data.Zone()).Format("02-01-2006")
}

// periodText is "01-09-2026 – 28-02-2027".
// An open end reads "fra 01-09-2026".
func periodText(from, to data.Date) string {
	if to.IsZero() && !from.IsZero() {
		return "fra " + dateText(from)
	}
	return dateText(from) + " – " + dateText(to)
}

// dayOf is the Danish day of an instant.
func dayOf(t time.Time) data.Date { return data.DateOf(t.In(data.Zone())) }
