package ui

import (
	"context"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// overviewStore is what the overview reads. It reads what it shows and
// sums in the database: the names of the citizens it names (not every
// citizen's record), the open courses (not the closed history), the
// agreements to warn about as the database keeps their held hours (the
// first few of each list and their counts, not every running agreement)
// and the hours of the listed ones as totals (not their sessions), so its
// cost follows the open work and what it shows, not the years of history.
type overviewStore interface {
	CitizenNames(ctx context.Context, ids []data.ID) (map[data.ID]string, error)
	CountCitizens(ctx context.Context, includeArchived bool) (int, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Course(ctx context.Context, id data.ID) (data.Course, error)
	RunningAgreements(ctx context.Context, on data.Date) ([]data.Agreement, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
	SessionTotals(ctx context.Context, periods []data.SessionPeriod) ([]data.SessionTotals, error)
	AgreementWarnings(ctx context.Context, today data.Date, endingDays, limit int) (data.AgreementWarnings, error)
	LatestSessions(ctx context.Context, f data.SessionFilter) (map[data.ID]time.Time, error)
}

// openStatuses are the courses the overview counts and lists; courses
// named by a session or a running agreement are read besides.
var openStatuses = []data.CourseStatus{data.CourseOrdered, data.CourseActive, data.CourseRetention}

// endingSoonDays is how far ahead the overview warns about agreements that
// end: two weeks leaves time to ask the municipality for an extension.
const endingSoonDays = 14

// overviewCap is how many rows each overview card lists before "… og N til".
const overviewCap = 6

// agreementUse is one running agreement with its hours.
type agreementUse struct {
	agreement data.Agreement
	course    data.Course
	hours     data.Hours
	// figures are the hours this week and in total, as every screen
	// showing an agreement shows them.
	figures agreementHours
}

// overviewFacts is everything the overview shows, computed before anything
// is drawn so the figures can be tested without a window.
type overviewFacts struct {
	activeCourses, citizens, mentors int
	today                            []data.Session
	missing                          []data.Session
	// ending, over80 and over100 are the first overviewCap agreements of
	// each warning; the counts say how many there are in all.
	ending                                 []agreementUse
	over80, over100                        []agreementUse
	endingCount, over80Count, over100Count int
	noMentor                               []data.Course
	// noRecent are active courses with a mentor but no held session in the
	// last quietDays days; lastHeld is the latest held session before that.
	noRecent []data.Course
	lastHeld map[data.ID]time.Time
	// Lookups for the rows: citizenName holds the citizens named here.
	citizenName      map[data.ID]string
	mentorByID       map[data.ID]data.Mentor
	courseByID       map[data.ID]data.Course
	openCourses      []data.Course // ordered, active and in retention (openStatuses)
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

	// mentorView shows a mentor's own day instead of the coordinator's
	// whole organisation.
	mentorView bool
	// statusDue lists the status reports falling due: the lines of the
	// first overviewCap and how many there are. The section shows only
	// when it is set (the reports feature provides it). It is given the
	// open courses, which the overview has read already, and the
	// agreements running today.
	statusDue func(ctx context.Context, open []data.Course, running []data.Agreement) ([]overviewLine, int, error)
	dueLines  []overviewLine
	dueCount  int
	// openSession opens a session's form; openCitizen a citizen's page.
	// Both may be nil.
	openSession func(s data.Session)
	openCitizen func(id data.ID)
}

// overviewLine is one line of a card: an icon and text (status by icon
// and words, not colour alone), and what tapping it opens.
type overviewLine struct {
	icon fyne.Resource
	text string
	// detail is a second, smaller line (the hours of an agreement).
	detail string
	imp    widget.Importance
	open   func()
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
	s.dueLines, s.dueCount = nil, 0
	if s.statusDue != nil {
		// The reports due need every running agreement; the warnings
		// above do not read them.
		running, err := s.st.RunningAgreements(ctx, data.DateOf(s.env.now()))
		if err != nil {
			return err
		}
		lines, count, err := s.statusDue(ctx, s.facts.openCourses, running)
		if err != nil {
			return err
		}
		s.dueLines, s.dueCount = lines, count
	}
	// The new widgets are drawn as they are; Refresh on the container
	// would refresh each of them again, shaping every line's truncated
	// text a second time (a third of the first frame at stor).
	s.root.Objects = []fyne.CanvasObject{s.render()}
	s.root.Layout.Layout(s.root.Objects, s.root.Size())
	canvas.Refresh(s.root)
	return nil
}

// loadOverview reads the store and computes the figures for the moment now.
func loadOverview(ctx context.Context, st overviewStore, now time.Time) (overviewFacts, error) {
	var f overviewFacts
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return f, err
	}
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return f, err
	}
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: openStatuses})
	if err != nil {
		return f, err
	}
	if f.citizens, err = st.CountCitizens(ctx, false); err != nil {
		return f, err
	}
	f.mentorByID = byID(mentors, func(m data.Mentor) data.ID { return m.ID })
	f.openCourses = courses
	f.courseByID = byID(courses, func(c data.Course) data.ID { return c.ID })
	f.municipalityByID = byID(municipalities, func(m data.Municipality) data.ID { return m.ID })
	f.countKeyFigures(mentors, courses)
	if err := f.loadSessions(ctx, st, now); err != nil {
		return f, err
	}
	if err := f.loadQuiet(ctx, st, courses, now); err != nil {
		return f, err
	}
	if err := f.loadAgreements(ctx, st, data.DateOf(now)); err != nil {
		return f, err
	}
	return f, f.loadNames(ctx, st)
}

// addCourses reads the courses in ids that the open courses do not hold
// (a session or agreement of an ended course), one by one: they are few.
func (f *overviewFacts) addCourses(ctx context.Context, st overviewStore, ids []data.ID) error {
	for _, id := range ids {
		if _, ok := f.courseByID[id]; ok {
			continue
		}
		c, err := st.Course(ctx, id)
		if err != nil {
			return err
		}
		f.courseByID[id] = c
	}
	return nil
}

// loadNames reads the names of the citizens the overview names, and no
// other citizen's.
func (f *overviewFacts) loadNames(ctx context.Context, st overviewStore) error {
	var ids []data.ID
	for _, list := range [][]data.Session{f.today, f.missing} {
		// The sessions a card shows: the coordinator's per mentor, a
		// mentor's in the list's order (the facts serve both views).
		shown := slices.Concat(byMentor(list, f.mentorByID), list[:min(len(list), overviewCap)])
		for _, ss := range shown {
			ids = append(ids, f.courseByID[ss.CourseID].CitizenID)
		}
	}
	for _, list := range [][]agreementUse{f.ending, f.over80, f.over100} {
		for _, u := range list {
			ids = append(ids, u.course.CitizenID)
		}
	}
	for _, list := range [][]data.Course{f.noMentor, f.noRecent} {
		for _, c := range list {
			ids = append(ids, c.CitizenID)
		}
	}
	names, err := st.CitizenNames(ctx, ids)
	if err != nil {
		return err
	}
	f.citizenName = names
	return nil
}

// quietDays: a citizen with no held session for two weeks may be slipping
// away, and the hours granted are not being delivered.
const quietDays = 14

// quietLookback is how far back the overview looks for the last held
// session of a quiet course.
const quietLookback = 180

// loadQuiet finds the active courses with no held session in quietDays,
// asking the database for the latest held session of each active course
// in the lookback (one index step per course; no sessions are read).
func (f *overviewFacts) loadQuiet(ctx context.Context, st overviewStore, courses []data.Course, now time.Time) error {
	var candidates []data.ID
	for _, c := range courses {
		if c.Status == data.CourseActive && c.MentorID != 0 {
			candidates = append(candidates, c.ID)
		}
	}
	held := []data.SessionStatus{data.SessionHeld}
	since := now.AddDate(0, 0, -quietDays)
	latest, err := st.LatestSessions(ctx, data.SessionFilter{From: now.AddDate(0, 0, -quietLookback), To: now,
		Statuses: held, CourseIDs: candidates})
	if err != nil {
		return err
	}
	// A course whose latest held session is from since on has met
	// recently; the others' latest is their last held session before that.
	active := map[data.ID]bool{}
	f.lastHeld = map[data.ID]time.Time{}
	for course, start := range latest {
		if start.Unix() >= since.Unix() {
			active[course] = true
		} else {
			f.lastHeld[course] = start
		}
	}
	for _, c := range courses {
		if c.Status == data.CourseActive && c.MentorID != 0 && !active[c.ID] {
			f.noRecent = append(f.noRecent, c)
		}
	}
	// Longest silence first; never-met last of all.
	slices.SortFunc(f.noRecent, func(a, b data.Course) int {
		return f.lastHeld[a.ID].Compare(f.lastHeld[b.ID])
	})
	return nil
}

func (f *overviewFacts) countKeyFigures(mentors []data.Mentor, courses []data.Course) {
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
	// Without notes (HoursOnly): a line shows the time, citizen, status
	// and form, and opening one reads the whole session from the store.
	today, err := st.Sessions(ctx, data.SessionFilter{From: start, To: dayStart(data.DateOf(now).AddDays(1)), HoursOnly: true})
	if err != nil {
		return err
	}
	sortSessions(today)
	f.today = today
	planned, err := st.Sessions(ctx, data.SessionFilter{To: now, Statuses: []data.SessionStatus{data.SessionPlanned}, HoursOnly: true})
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
	var courses []data.ID
	for _, list := range [][]data.Session{f.today, f.missing} {
		for _, ss := range list {
			courses = append(courses, ss.CourseID)
		}
	}
	return f.addCourses(ctx, st, courses)
}

// loadAgreements reads the agreements to warn about: the first
// overviewCap of each list and how many there are, from the held hours the
// database keeps per agreement (the same rules as classify and
// data.Account), then accounts the listed ones in full. No running
// agreement besides the listed ones is read.
func (f *overviewFacts) loadAgreements(ctx context.Context, st overviewStore, today data.Date) error {
	w, err := st.AgreementWarnings(ctx, today, endingSoonDays, overviewCap)
	if err != nil {
		return err
	}
	f.endingCount, f.over80Count, f.over100Count = w.EndingCount, w.Over80Count, w.Over100Count
	var courses []data.ID
	for _, list := range [][]data.AgreementUse{w.Ending, w.Over80, w.Over100} {
		for _, u := range list {
			courses = append(courses, u.Agreement.CourseID)
		}
	}
	if err := f.addCourses(ctx, st, courses); err != nil {
		return err
	}
	f.ending, f.over80, f.over100 = f.uses(w.Ending), f.uses(w.Over80), f.uses(w.Over100)
	if err := f.loadListedTotals(ctx, st); err != nil {
		return err
	}
	return f.loadWeekFigures(ctx, st, today)
}

// uses are the store's listed agreements with their courses, in the
// store's order.
func (f *overviewFacts) uses(list []data.AgreementUse) []agreementUse {
	out := make([]agreementUse, len(list))
	for i, u := range list {
		out[i] = agreementUse{agreement: u.Agreement, course: f.courseByID[u.Agreement.CourseID], hours: u.Hours}
	}
	return out
}

// eachListed calls do with every listed agreement: ending soon, over 80 %
// and over 100 % (an agreement can be in two of them).
func (f *overviewFacts) eachListed(do func(u *agreementUse)) {
	for _, list := range [][]agreementUse{f.ending, f.over80, f.over100} {
		for i := range list {
			do(&list[i])
		}
	}
}

// loadListedTotals accounts the listed agreements in full (planned hours,
// no-shows, cancellations) from the database's sums.
func (f *overviewFacts) loadListedTotals(ctx context.Context, st overviewStore) error {
	var periods []data.SessionPeriod
	seen := map[data.ID]bool{}
	f.eachListed(func(u *agreementUse) {
		if !seen[u.agreement.ID] {
			seen[u.agreement.ID] = true
			periods = append(periods, data.AgreementPeriod(u.agreement))
		}
	})
	if len(periods) == 0 {
		return nil
	}
	totals, err := st.SessionTotals(ctx, periods)
	if err != nil {
		return err
	}
	totalsOf := map[data.ID][]data.SessionTotals{}
	for _, t := range totals {
		totalsOf[t.Key] = append(totalsOf[t.Key], t)
	}
	f.eachListed(func(u *agreementUse) { u.hours = data.AccountTotals(u.agreement, totalsOf[u.agreement.ID]) })
	return nil
}

// loadWeekFigures works out the hours lines (this week and in total) of
// the listed agreements only, from this week's sessions of their courses.
func (f *overviewFacts) loadWeekFigures(ctx context.Context, st overviewStore, today data.Date) error {
	var courses []data.ID
	f.eachListed(func(u *agreementUse) { courses = append(courses, u.agreement.CourseID) })
	if len(courses) == 0 {
		return nil
	}
	monday := mondayOf(today)
	week, err := st.Sessions(ctx, data.SessionFilter{From: dayStart(monday), To: dayStart(monday.AddDays(7)),
		CourseIDs: courses, HoursOnly: true})
	if err != nil {
		return err
	}
	weekOf := map[data.ID][]data.Session{}
	for _, ss := range week {
		weekOf[ss.CourseID] = append(weekOf[ss.CourseID], ss)
	}
	f.eachListed(func(u *agreementUse) {
		u.figures = hoursFrom(u.agreement, u.hours, weekOf[u.agreement.CourseID], today)
	})
	return nil
}

func sortSessions(ss []data.Session) {
	slices.SortFunc(ss, func(a, b data.Session) int { return a.PlannedStart.Compare(b.PlannedStart) })
}

// render draws the figures and cards; it is rebuilt on every load because
// the number of rows in each card changes.
func (s *overviewScreen) render() fyne.CanvasObject {
	f := s.facts
	now := s.env.now()
	title := heading(lang.X("nav.overview", "Oversigt"))
	date := widget.NewLabel(capitalize(weekdayText(now.Weekday())) + " " + dk.FormatDateLong(now))
	var figures, cards *fyne.Container
	if s.mentorView {
		warnings, warningCount := s.citizenWarnings()
		figures = container.NewGridWithColumns(4,
			figure(len(f.today), lang.X("overview.sessions_today", "Møder i dag")),
			figure(len(f.missing), lang.X("overview.missing_count", "Mangler registrering")),
			figure(f.activeCourses, lang.X("overview.my_courses", "Mine aktive forløb")),
			figure(warningCount, lang.X("overview.warning_count", "Advarsler")),
		)
		cards = container.NewGridWithColumns(2,
			s.cardOf(lang.X("overview.today", "Dagens møder"), s.sessionLines(f.today, false), len(f.today)),
			s.cardOf(lang.X("overview.missing", "Mangler registrering"), s.sessionLines(f.missing, true), len(f.missing)),
		)
		cards = container.NewVBox(cards, s.cardOf(lang.X("overview.my_warnings", "Advarsler om mine borgere"), warnings, warningCount))
	} else {
		figures = container.NewGridWithColumns(5,
			figure(f.activeCourses, lang.X("overview.active_courses", "Aktive forløb")),
			figure(f.citizens, lang.X("overview.citizens", "Borgere")),
			figure(f.mentors, lang.X("overview.mentors", "Mentorer")),
			figure(len(f.today), lang.X("overview.sessions_today", "Møder i dag")),
			figure(len(f.missing), lang.X("overview.missing_count", "Mangler registrering")),
		)
		cards = container.NewGridWithColumns(2,
			s.cardOf(lang.X("overview.today", "Dagens møder"), s.perMentor(f.today, false), len(f.today)),
			s.cardOf(lang.X("overview.missing", "Mangler registrering"), s.perMentor(f.missing, true), len(f.missing)),
			s.cardOf(lang.X("overview.ending", "Aftaler der udløber inden for 14 dage"), s.endingLines(), f.endingCount),
			s.card(lang.X("overview.no_mentor", "Forløb uden mentor"), s.noMentorLines()),
			s.cardOf(lang.X("overview.over80", "80 % eller mere af timerne brugt"), s.useLines(f.over80, widget.WarningImportance), f.over80Count),
			s.cardOf(lang.X("overview.over100", "Alle timer brugt (100 % eller mere)"), s.useLines(f.over100, widget.DangerImportance), f.over100Count),
			s.card(lang.X("overview.quiet", "Ingen gennemførte møder i 14 dage"), s.quietLines()),
		)
		if s.statusDue != nil {
			cards.Add(s.cardOf(lang.X("overview.status_due", "Statusrapporter der forfalder"), s.dueLines, s.dueCount))
		}
	}
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

// card shows at most overviewCap lines (a mentor's sub-heading counts as
// none) and says how many were left out.
func (s *overviewScreen) card(title string, lines []overviewLine) fyne.CanvasObject {
	total := 0
	for _, l := range lines {
		if l.icon != nil {
			total++
		}
	}
	return s.cardOf(title, lines, total)
}

// cardOf is card for a list of which lines are the first: total is how
// many there are in all (lines may hold only the first overviewCap).
func (s *overviewScreen) cardOf(title string, lines []overviewLine, total int) fyne.CanvasObject {
	box := container.NewVBox()
	shown := 0
	if total == 0 {
		box.Add(muted(lang.X("overview.none", "Ingen")))
	}
	for _, l := range lines {
		if l.icon == nil { // a sub-heading
			if shown < overviewCap {
				box.Add(bold(l.text))
			}
			continue
		}
		if shown == overviewCap {
			break
		}
		box.Add(newLinkLine(l))
		shown++
	}
	if total > shown && shown == overviewCap {
		box.Add(moreLine(total - overviewCap))
	}
	return widget.NewCard("", title+" ("+strconv.Itoa(total)+")", box)
}

// sessionLine is one session: time (with the date when in the past), the
// citizen's initials, status, form, and the mentor unless grouped.
func (s *overviewScreen) sessionLine(ss data.Session, withDate, withMentor bool) overviewLine {
	icon, status, imp := sessionStatus(ss, s.env.now())
	when := timeSpan(ss.PlannedStart, ss.PlannedEnd)
	if withDate {
		when = dk.FormatDate(ss.PlannedStart.In(data.Zone())) + " " + when
	}
	text := when + " · " + s.initials(ss.CourseID) + " · " + status + " · " + formText(ss.Form)
	if withMentor {
		text += " · " + s.facts.mentorByID[ss.MentorID].Name
	}
	return overviewLine{icon: icon, text: text, imp: imp, open: func() {
		if s.openSession != nil {
			s.openSession(ss)
		}
	}}
}

func (s *overviewScreen) sessionLines(list []data.Session, withDate bool) []overviewLine {
	var out []overviewLine
	for _, ss := range list[:min(len(list), overviewCap)] {
		out = append(out, s.sessionLine(ss, withDate, false))
	}
	return out
}

// perMentor groups the sessions a card shows (the first overviewCap of
// byMentor's order) under their mentor's name, for the coordinator.
func (s *overviewScreen) perMentor(list []data.Session, withDate bool) []overviewLine {
	var out []overviewLine
	mentor := data.ID(-1)
	for _, ss := range byMentor(list, s.facts.mentorByID) {
		if ss.MentorID != mentor {
			mentor = ss.MentorID
			out = append(out, overviewLine{text: s.facts.mentorByID[mentor].Name})
		}
		out = append(out, s.sessionLine(ss, withDate, false))
	}
	return out
}

// byMentor is the first overviewCap sessions of list in the order a
// coordinator's card lists them: grouped by mentor, mentors in Danish
// order, each mentor's in the list's order. A card shows no more, so no
// more lines are made and no more citizens' names are read (a large
// organisation has 700 sessions a day).
func byMentor(list []data.Session, mentorByID map[data.ID]data.Mentor) []data.Session {
	ids, groups := mentorGroups(list, mentorByID)
	var out []data.Session
	for _, id := range ids {
		for _, ss := range groups[id] {
			if len(out) == overviewCap {
				return out
			}
			out = append(out, ss)
		}
	}
	return out
}

// mentorGroups groups list by mentor: the mentors in Danish order of their
// names, each mentor's sessions in the list's order.
func mentorGroups(list []data.Session, mentorByID map[data.ID]data.Mentor) ([]data.ID, map[data.ID][]data.Session) {
	groups := map[data.ID][]data.Session{}
	var ids []data.ID
	for _, ss := range list {
		if _, ok := groups[ss.MentorID]; !ok {
			ids = append(ids, ss.MentorID)
		}
		groups[ss.MentorID] = append(groups[ss.MentorID], ss)
	}
	dk.SortBy(ids, func(id data.ID) string { return mentorByID[id].Name })
	return ids, groups
}

// citizenLine opens the citizen's page.
func (s *overviewScreen) citizenLine(icon fyne.Resource, text string, imp widget.Importance, citizenID data.ID) overviewLine {
	return overviewLine{icon: icon, text: text, imp: imp, open: func() {
		if s.openCitizen != nil {
			s.openCitizen(citizenID)
		}
	}}
}

func (s *overviewScreen) endingLines() []overviewLine {
	var out []overviewLine
	today := s.env.today()
	for _, u := range s.facts.ending {
		text := endsText(s.citizenName(u.course.CitizenID), u.agreement.End, today)
		l := s.citizenLine(theme.HistoryIcon(), text, widget.MediumImportance, u.course.CitizenID)
		l.detail = u.figures.text()
		out = append(out, l)
	}
	return out
}

// endsText is an ending agreement's line: "slutter 24-11-2026 (i morgen)",
// "(i dag)" or "(om 5 dage)".
func endsText(name string, end, today data.Date) string {
	args := map[string]any{"Name": name, "Date": dateText(end), "Days": today.DaysUntil(end)}
	switch today.DaysUntil(end) {
	case 0:
		return lang.X("overview.ends_today", "{{.Name}} · slutter {{.Date}} (i dag)", args)
	case 1:
		return lang.X("overview.ends_tomorrow", "{{.Name}} · slutter {{.Date}} (i morgen)", args)
	}
	return lang.X("overview.ends_in", "{{.Name}} · slutter {{.Date}} (om {{.Days}} dage)", args)
}

func (s *overviewScreen) useLines(uses []agreementUse, imp widget.Importance) []overviewLine {
	var out []overviewLine
	for _, u := range uses {
		text := s.citizenName(u.course.CitizenID) + " · " + usedOfGranted(u.hours.UsedMin, u.hours.GrantedMin) +
			" (" + percentText(u.hours.UsedShare()) + ")"
		l := s.citizenLine(theme.WarningIcon(), text, imp, u.course.CitizenID)
		l.detail = u.figures.text()
		out = append(out, l)
	}
	return out
}

func (s *overviewScreen) noMentorLines() []overviewLine {
	var out []overviewLine
	for _, c := range s.facts.noMentor {
		text := s.citizenName(c.CitizenID) + " · " +
			lang.X("overview.ordered_on", "bestilt {{.Date}}", map[string]string{"Date": dateText(c.OrderedOn)})
		if c.Status != data.CourseOrdered {
			// A running course that lost its mentor is more urgent than a new order.
			text += " · " + courseStatusText(c.Status)
		}
		text += " · " + s.facts.municipalityByID[c.MunicipalityID].Name
		out = append(out, s.citizenLine(theme.QuestionIcon(), text, widget.MediumImportance, c.CitizenID))
	}
	return out
}

func (s *overviewScreen) quietLines() []overviewLine {
	var out []overviewLine
	for _, c := range s.facts.noRecent {
		last := s.facts.lastHeld[c.ID]
		detail := lang.X("overview.never_held", "intet gennemført møde i et halvt år")
		if !last.IsZero() {
			detail = lang.X("overview.last_held", "seneste møde {{.Date}}", map[string]string{"Date": dk.FormatDate(last.In(data.Zone()))})
		}
		text := s.citizenName(c.CitizenID) + " · " + detail + " · " + s.facts.mentorByID[c.MentorID].Name
		out = append(out, s.citizenLine(theme.MailSendIcon(), text, widget.WarningImportance, c.CitizenID))
	}
	return out
}

// citizenWarnings are a mentor's warnings about their own citizens in one
// list: agreements ending, hours running out, no recent session; and how
// many there are in all. Each list holds its first overviewCap, so the
// first overviewCap lines of the whole are those of all the warnings.
func (s *overviewScreen) citizenWarnings() ([]overviewLine, int) {
	f := s.facts
	out := s.endingLines()
	out = append(out, s.useLines(f.over100, widget.DangerImportance)...)
	out = append(out, s.useLines(f.over80, widget.WarningImportance)...)
	quiet := s.quietLines()
	return append(out, quiet...), f.endingCount + f.over100Count + f.over80Count + len(quiet)
}

func (s *overviewScreen) citizenName(id data.ID) string { return s.facts.citizenName[id] }

// initials shows the citizen of a course by initials, as in the calendar,
// so a screen seen over a shoulder gives no names away.
func (s *overviewScreen) initials(courseID data.ID) string {
	return data.Initials(s.facts.citizenName[s.facts.courseByID[courseID].CitizenID])
}

// linkLine is an overview line that opens what it is about when tapped,
// or from the keyboard: Tab reaches it, Enter or Space opens it. The
// focused (or hovered) line is highlighted.
type linkLine struct {
	widget.BaseWidget
	line    overviewLine
	content fyne.CanvasObject
	bg      *canvas.Rectangle
	focused bool
	hovered bool
}

func newLinkLine(l overviewLine) *linkLine {
	w := &linkLine{line: l, content: iconLine(l.icon, l.text, l.imp), bg: canvas.NewRectangle(color.Transparent)}
	w.bg.CornerRadius = theme.InputRadiusSize()
	if l.detail != "" {
		main := cell(l.text)
		main.Importance = l.imp
		lines := []fyne.CanvasObject{main}
		for _, d := range strings.Split(l.detail, "\n") {
			detail := cell(d)
			detail.SizeName = theme.SizeNameCaptionText
			lines = append(lines, detail)
		}
		w.content = container.NewBorder(nil, nil, widget.NewIcon(l.icon), nil,
			container.New(layout.NewCustomPaddedVBoxLayout(-10), lines...))
	}
	w.ExtendBaseWidget(w)
	return w
}

func (w *linkLine) open() {
	if w.line.open != nil {
		w.line.open()
	}
}

func (w *linkLine) Tapped(*fyne.PointEvent) { w.open() }

func (w *linkLine) Cursor() desktop.Cursor { return desktop.PointerCursor }

// FocusGained, FocusLost, TypedRune and TypedKey make the line reachable
// with Tab and opened with Enter or Space, like a button.
func (w *linkLine) FocusGained()   { w.focused = true; w.Refresh() }
func (w *linkLine) FocusLost()     { w.focused = false; w.Refresh() }
func (w *linkLine) TypedRune(rune) {}
func (w *linkLine) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		w.open()
	}
}

func (w *linkLine) MouseIn(*desktop.MouseEvent)    { w.hovered = true; w.Refresh() }
func (w *linkLine) MouseMoved(*desktop.MouseEvent) {}
func (w *linkLine) MouseOut()                      { w.hovered = false; w.Refresh() }

func (w *linkLine) CreateRenderer() fyne.WidgetRenderer {
	return &linkLineRenderer{w: w, objects: []fyne.CanvasObject{w.bg, w.content}}
}

type linkLineRenderer struct {
	w       *linkLine
	objects []fyne.CanvasObject
}

func (r *linkLineRenderer) Layout(size fyne.Size) {
	r.w.bg.Resize(size)
	r.w.content.Resize(size)
}

func (r *linkLineRenderer) MinSize() fyne.Size { return r.w.content.MinSize() }

func (r *linkLineRenderer) Refresh() {
	switch {
	case r.w.focused:
		r.w.bg.FillColor = theme.Color(theme.ColorNameFocus)
	case r.w.hovered:
		r.w.bg.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.w.bg.FillColor = color.Transparent
	}
	r.w.bg.Refresh()
	r.w.content.Refresh()
}

func (r *linkLineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *linkLineRenderer) Destroy()                     {}
