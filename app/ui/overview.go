package ui

import (
	"context"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// overviewStore is what the overview reads.
type overviewStore interface {
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Agreements(ctx context.Context, courseID data.ID, activeOn data.Date) ([]data.Agreement, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
}

// endingSoonDays is how far ahead the overview warns about agreements that
// end: two weeks leaves time to ask the municipality for an extension.
const endingSoonDays = 14

// overviewCap is how many rows each overview card lists before "og N flere".
const overviewCap = 6

// agreementUse is one running agreement with its hours.
type agreementUse struct {
	agreement data.Agreement
	course    data.Course
	hours     data.Hours
}

// overviewFacts is everything the overview shows, computed before anything
// is drawn so the figures can be tested without a window.
type overviewFacts struct {
	activeCourses, citizens, mentors int
	today                            []data.Session
	missing                          []data.Session
	ending                           []agreementUse
	over80, over100                  []agreementUse
	noMentor                         []data.Course
	// Lookups for the rows.
	citizenByID      map[data.ID]data.Citizen
	mentorByID       map[data.ID]data.Mentor
	courseByID       map[data.ID]data.Course
	municipalityByID map[data.ID]data.Municipality
}

type overviewScreen struct {
	st    overviewStore
	env   env
	facts overviewFacts
	root  *fyne.Container
	// notice, when set, gives a warning for the top of the overview (an
	// old or missing backup, for administrators); onNotice opens where it
	// is dealt with.
	notice     func(ctx context.Context) string
	onNotice   func()
	noticeText string
}

func newOverviewScreen(st overviewStore, e env) *overviewScreen {
	return &overviewScreen{st: st, env: e, root: container.NewStack()}
}

func (s *overviewScreen) view() fyne.CanvasObject { return s.root }

func (s *overviewScreen) load(ctx context.Context) error {
	facts, err := loadOverview(ctx, s.st, s.env.now())
	if err != nil {
		return err
	}
	s.facts = facts
	s.noticeText = ""
	if s.notice != nil {
		s.noticeText = s.notice(ctx)
	}
	s.root.Objects = []fyne.CanvasObject{s.render()}
	s.root.Refresh()
	return nil
}

// loadOverview reads the store and computes the figures for the moment now.
func loadOverview(ctx context.Context, st overviewStore, now time.Time) (overviewFacts, error) {
	var f overviewFacts
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return f, err
	}
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return f, err
	}
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return f, err
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return f, err
	}
	f.citizenByID = byID(citizens, func(c data.Citizen) data.ID { return c.ID })
	f.mentorByID = byID(mentors, func(m data.Mentor) data.ID { return m.ID })
	f.courseByID = byID(courses, func(c data.Course) data.ID { return c.ID })
	f.municipalityByID = byID(municipalities, func(m data.Municipality) data.ID { return m.ID })
	f.countKeyFigures(citizens, mentors, courses)
	if err := f.loadSessions(ctx, st, now); err != nil {
		return f, err
	}
	return f, f.loadAgreements(ctx, st, data.DateOf(now))
}

func (f *overviewFacts) countKeyFigures(citizens []data.Citizen, mentors []data.Mentor, courses []data.Course) {
	for _, c := range citizens {
		if !c.Archived {
			f.citizens++
		}
	}
	for _, m := range mentors {
		if !m.Archived {
			f.mentors++
		}
	}
	for _, c := range courses {
		if isActive(c.Status) {
			f.activeCourses++
		}
		if c.Status.Open() && c.MentorID == 0 {
			f.noMentor = append(f.noMentor, c)
		}
	}
	slices.SortFunc(f.noMentor, func(a, b data.Course) int { return a.OrderedOn.Compare(b.OrderedOn) })
}

// loadSessions finds today's sessions and the planned ones in the past that
// nobody has registered yet.
func (f *overviewFacts) loadSessions(ctx context.Context, st overviewStore, now time.Time) error {
	start := dayStart(data.DateOf(now))
	today, err := st.Sessions(ctx, data.SessionFilter{From: start, To: dayStart(data.DateOf(now).AddDays(1))})
	if err != nil {
		return err
	}
	sortSessions(today)
	f.today = today
	planned, err := st.Sessions(ctx, data.SessionFilter{To: now, Statuses: []data.SessionStatus{data.SessionPlanned}})
	if err != nil {
		return err
	}
	for _, s := range planned {
		if s.MissingRegistration(now) {
			f.missing = append(f.missing, s)
		}
	}
	// Newest first: yesterday's session is easiest to remember and register.
	slices.SortFunc(f.missing, func(a, b data.Session) int { return b.PlannedStart.Compare(a.PlannedStart) })
	return nil
}

// loadAgreements accounts every agreement running today against the
// sessions of its course.
func (f *overviewFacts) loadAgreements(ctx context.Context, st overviewStore, today data.Date) error {
	running, err := st.Agreements(ctx, 0, today)
	if err != nil {
		return err
	}
	sessionsOf := map[data.ID][]data.Session{}
	for _, a := range running {
		if _, ok := sessionsOf[a.CourseID]; !ok {
			ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: a.CourseID})
			if err != nil {
				return err
			}
			sessionsOf[a.CourseID] = ss
		}
		use := agreementUse{agreement: a, course: f.courseByID[a.CourseID], hours: data.Account(a, sessionsOf[a.CourseID])}
		f.classify(use, today)
	}
	slices.SortFunc(f.ending, func(a, b agreementUse) int { return a.agreement.End.Compare(b.agreement.End) })
	byShare := func(a, b agreementUse) int {
		return -compareFloat(a.hours.UsedShare(), b.hours.UsedShare())
	}
	slices.SortFunc(f.over80, byShare)
	slices.SortFunc(f.over100, byShare)
	return nil
}

// classify puts a running agreement in the lists it belongs to. 100 % and
// more is its own list, so 80 % means "80 up to 100".
func (f *overviewFacts) classify(u agreementUse, today data.Date) {
	if days := today.DaysUntil(u.agreement.End); days >= 0 && days <= endingSoonDays {
		f.ending = append(f.ending, u)
	}
	switch share := u.hours.UsedShare(); {
	case share >= 1:
		f.over100 = append(f.over100, u)
	case share >= 0.8:
		f.over80 = append(f.over80, u)
	}
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortSessions(ss []data.Session) {
	slices.SortFunc(ss, func(a, b data.Session) int { return a.PlannedStart.Compare(b.PlannedStart) })
}

// render draws the figures; it is rebuilt on every load because the number
// of rows in each card changes.
func (s *overviewScreen) render() fyne.CanvasObject {
	f := s.facts
	now := s.env.now()
	title := heading(lang.X("nav.overview", "Oversigt"))
	date := widget.NewLabel(capitalize(weekdayText(now.Weekday())) + " " + dk.FormatDateLong(now))
	figures := container.NewGridWithColumns(5,
		figure(f.activeCourses, lang.X("overview.active_courses", "Aktive forløb")),
		figure(f.citizens, lang.X("overview.citizens", "Borgere")),
		figure(f.mentors, lang.X("overview.mentors", "Mentorer")),
		figure(len(f.today), lang.X("overview.sessions_today", "Møder i dag")),
		figure(len(f.missing), lang.X("overview.missing_count", "Mangler registrering")),
	)
	cards := container.NewGridWithColumns(2,
		s.listCard(lang.X("overview.today", "Dagens møder"), len(f.today), s.todayRows()),
		s.listCard(lang.X("overview.missing", "Mangler registrering"), len(f.missing), s.missingRows()),
		s.listCard(lang.X("overview.ending", "Aftaler der udløber inden for 14 dage"), len(f.ending), s.endingRows()),
		s.listCard(lang.X("overview.no_mentor", "Forløb uden mentor"), len(f.noMentor), s.noMentorRows()),
		s.listCard(lang.X("overview.over80", "80 % eller mere af timerne brugt"), len(f.over80), s.useRows(f.over80, widget.WarningImportance)),
		s.listCard(lang.X("overview.over100", "Alle timer brugt (100 % eller mere)"), len(f.over100), s.useRows(f.over100, widget.DangerImportance)),
	)
	top := container.NewVBox(container.NewBorder(nil, nil, title, date), figures)
	if s.noticeText != "" {
		warn := widget.NewButtonWithIcon(s.noticeText, theme.WarningIcon(), func() {
			if s.onNotice != nil {
				s.onNotice()
			}
		})
		warn.Importance = widget.WarningImportance
		warn.Alignment = widget.ButtonAlignLeading
		top.Objects = append([]fyne.CanvasObject{warn}, top.Objects...)
	}
	// The VBox keeps cards at their natural height when there is little to show.
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(cards)))
}

// figure is one key figure: a large number over its caption.
func figure(n int, caption string) fyne.CanvasObject {
	return widget.NewCard(strconv.Itoa(n), caption, nil)
}

// listCard shows at most overviewCap rows and says how many were left out.
func (s *overviewScreen) listCard(title string, total int, rows []fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox()
	if total == 0 {
		box.Add(muted(lang.X("overview.none", "Ingen")))
	}
	for i, r := range rows {
		if i == overviewCap {
			box.Add(moreLine(total - overviewCap))
			break
		}
		box.Add(r)
	}
	return widget.NewCard("", title+" ("+strconv.Itoa(total)+")", box)
}

func (s *overviewScreen) todayRows() []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	now := s.env.now()
	for _, ss := range s.facts.today {
		icon, status, imp := sessionStatus(ss, now)
		text := timeSpan(ss.PlannedStart, ss.PlannedEnd) + " · " + s.initials(ss.CourseID) + " · " + status +
			" · " + formText(ss.Form) + " · " + s.facts.mentorByID[ss.MentorID].Name
		rows = append(rows, iconLine(icon, text, imp))
	}
	return rows
}

func (s *overviewScreen) missingRows() []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, ss := range s.facts.missing {
		start := ss.PlannedStart.In(data.Zone())
		text := dk.FormatDate(start) + " " + dk.FormatTime(start) + " · " + s.initials(ss.CourseID) + " · " +
			s.facts.mentorByID[ss.MentorID].Name
		rows = append(rows, iconLine(theme.WarningIcon(), text, widget.WarningImportance))
	}
	return rows
}

func (s *overviewScreen) endingRows() []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	today := s.env.today()
	for _, u := range s.facts.ending {
		text := lang.X("overview.ends_in", "{{.Name}} · slutter {{.Date}} (om {{.Days}} dage)", map[string]any{
			"Name": s.citizenName(u.course.CitizenID), "Date": dateText(u.agreement.End),
			"Days": today.DaysUntil(u.agreement.End),
		})
		rows = append(rows, iconLine(theme.HistoryIcon(), text, widget.MediumImportance))
	}
	return rows
}

func (s *overviewScreen) useRows(uses []agreementUse, imp widget.Importance) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, u := range uses {
		text := s.citizenName(u.course.CitizenID) + " · " + usedOfGranted(u.hours.UsedMin, u.hours.GrantedMin) +
			" (" + percentText(u.hours.UsedShare()) + ")"
		rows = append(rows, iconLine(theme.WarningIcon(), text, imp))
	}
	return rows
}

func (s *overviewScreen) noMentorRows() []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, c := range s.facts.noMentor {
		text := s.citizenName(c.CitizenID) + " · " +
			lang.X("overview.ordered_on", "bestilt {{.Date}}", map[string]string{"Date": dateText(c.OrderedOn)})
		if c.Status != data.CourseOrdered {
			// A running course that lost its mentor is more urgent than a new order.
			text += " · " + courseStatusText(c.Status)
		}
		text += " · " + s.facts.municipalityByID[c.MunicipalityID].Name
		rows = append(rows, iconLine(theme.QuestionIcon(), text, widget.MediumImportance))
	}
	return rows
}

func (s *overviewScreen) citizenName(id data.ID) string { return s.facts.citizenByID[id].Name }

// initials shows the citizen of a course by initials, as in the calendar,
// so a screen seen over a shoulder gives no names away.
func (s *overviewScreen) initials(courseID data.ID) string {
	return data.Initials(s.facts.citizenByID[s.facts.courseByID[courseID].CitizenID].Name)
}
