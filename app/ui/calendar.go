package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// calendarStore is what the calendar, the planning form and the
// after-meeting form use.
type calendarStore interface {
	data.CitizenStore
	data.MentorStore
	data.CourseStore
	data.GoalStore
	data.SessionStore
	data.SeriesStore
	data.DraftStore
	Organisation(ctx context.Context) (data.Organisation, error)
	Audit(ctx context.Context, e data.AuditEntry) error
	CurrentUser() (data.User, bool)
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
}

// calendarMode is the calendar's view.
type calendarMode int

const (
	modeWeek calendarMode = iota
	modeMonth
	modeDay
)

// showNamesPref is the preference that shows citizens' full names in the
// calendar instead of initials. Initials are the default: a calendar is
// often on screen where others can see it.
const showNamesPref = "calendar.show_names"

// calendarScreen is the session calendar: a week time grid, a month with
// ISO week numbers and a day agenda, filtered by mentor and citizen.
type calendarScreen struct {
	st  calendarStore
	env env

	mode      calendarMode
	anchor    data.Date        // a day in the period shown
	mentorIDs map[data.ID]bool // empty = every mentor
	citizenID data.ID          // 0 = every citizen
	ownMentor data.ID          // the logged-in mentor's own id (0 for coordinators)

	mentors []data.Mentor // active, Danish order
	// courses holds the open courses (what can be planned), the filtered
	// citizen's courses and those of the sessions shown or opened; others
	// are read by id when a session needs them (lookupSessions).
	courses map[data.ID]data.Course
	// citizenNames names the citizens of those courses: the session lines
	// and forms show the name, nothing else of the record.
	citizenNames map[data.ID]string
	mentorBy     map[data.ID]data.Mentor
	sessions     []data.Session // the visible range, filtered
	// dayCounts is, in a month of many sessions, how many each day has
	// (sessions then holds only the first lines of each day); nil when
	// sessions holds them all.
	dayCounts map[data.Date]int
	// weekLayout is the week grid laid out by reload (sessions then holds
	// only the sessions it draws).
	weekLayout weekLayout

	title     *widget.Label
	modeBtns  [3]*widget.Button
	mentorBtn *widget.Button
	citizen   *widget.Select
	citizenOf []data.ID // citizen ids in the order of the select's options
	jump      *keyEntry
	names     *widget.Check
	week      *weekView
	month     *monthView
	day       *dayView
	body      *fyne.Container
	root      fyne.CanvasObject
	updating  bool // lookups are filling the filters: do not reload

	// openCitizen, when set, opens a citizen's page (wired by the main
	// window); nil-safe.
	openCitizen func(id data.ID)
	// form is the planning or after-meeting form opened last.
	form *editor
	// question is the question dialog opened last (series scope, delete); tests answer it.
	question *question
	// onSaved runs after a form saved, e.g. to reload the overview.
	onSaved func()
}

func newCalendarScreen(st calendarStore, e env) *calendarScreen {
	s := &calendarScreen{st: st, env: e, title: heading(""), mentorIDs: map[data.ID]bool{}, body: container.NewStack()}
	s.week = newWeekView(s)
	s.month = newMonthView(s)
	s.day = newDayView(s)
	s.root = container.NewBorder(s.toolbar(), nil, nil, nil, s.body)
	return s
}

func (s *calendarScreen) view() fyne.CanvasObject { return s.root }

// keys: Ctrl+N plans a session, Ctrl+F jumps to a date.
func (s *calendarScreen) keys() map[string]func() {
	return map[string]func(){
		keyNew: func() { s.planAt(s.env.now().Add(time.Hour).Truncate(time.Hour)) },
		keyFind: func() {
			if s.env.window != nil {
				s.env.window.Canvas().Focus(s.jump)
			}
		},
	}
}

// toolbar: the period title and navigation on the first line, the view,
// filters, jump field and actions on the second.
func (s *calendarScreen) toolbar() fyne.CanvasObject {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.step(1) })
	today := widget.NewButton(lang.X("calendar.today", "I dag"), func() { s.goTo(s.env.today()) })
	labels := []string{lang.X("calendar.mode_week", "Uge"), lang.X("calendar.mode_month", "Måned"), lang.X("calendar.mode_day", "Dag")}
	modes := container.NewHBox()
	for i, l := range labels {
		mode := calendarMode(i)
		s.modeBtns[i] = widget.NewButton(l, func() { s.setMode(mode) })
		modes.Add(s.modeBtns[i])
	}
	plan := widget.NewButtonWithIcon(lang.X("calendar.plan", "Planlæg møde"), theme.ContentAddIcon(), func() {
		s.planAt(dayStart(s.anchor).Add(9 * time.Hour))
	})
	plan.Importance = widget.HighImportance
	register := widget.NewButtonWithIcon(lang.X("calendar.register_unplanned", "Registrér kontakt"), theme.DocumentCreateIcon(), func() {
		s.registerNew()
	})
	export := widget.NewButtonWithIcon(lang.X("calendar.export", "Eksportér (.ics)"), theme.DownloadIcon(), s.exportICS)
	first := container.NewBorder(nil, nil, s.title, container.NewHBox(prev, today, next, widget.NewSeparator(), modes,
		widget.NewSeparator(), export))

	s.mentorBtn = widget.NewButtonWithIcon("", mentorsIcon(), s.pickMentors)
	s.citizen = widget.NewSelect(nil, func(string) { s.onCitizen() })
	s.jump = newKeyEntry(s.env.keys)
	s.jump.SetPlaceHolder(lang.X("calendar.jump_placeholder", "Gå til dato eller uge"))
	s.jump.OnSubmitted = func(string) { s.jumpTo() }
	jumpBtn := widget.NewButtonWithIcon("", theme.SearchIcon(), s.jumpTo)
	s.names = widget.NewCheck(lang.X("calendar.show_names", "Vis navne"), func(on bool) {
		if s.env.prefs != nil {
			s.env.prefs.SetBool(showNamesPref, on)
		}
		s.render()
	})
	if s.env.prefs != nil {
		s.names.SetChecked(s.env.prefs.Bool(showNamesPref))
	}
	filters := container.NewHBox(s.mentorBtn, container.New(minWidth(180), s.citizen),
		container.New(minWidth(220), container.NewBorder(nil, nil, nil, jumpBtn, s.jump)), s.names)
	second := container.NewHBox(filters, layout.NewSpacer(), register, plan)
	return container.NewVBox(first, second)
}

// load refreshes the lookups and the visible range; the first time it opens
// on today's week, later it keeps where the user went.
func (s *calendarScreen) load(ctx context.Context) error {
	if s.anchor.IsZero() {
		s.anchor = s.env.today()
		if u, ok := s.st.CurrentUser(); ok && u.Role == data.RoleMentor && u.MentorID != 0 {
			// A mentor sees their own sessions by default.
			s.ownMentor = u.MentorID
			s.mentorIDs = map[data.ID]bool{u.MentorID: true}
		}
	}
	if err := s.loadLookups(ctx); err != nil {
		return err
	}
	return s.reload(ctx)
}

func (s *calendarScreen) loadLookups(ctx context.Context) error {
	open, err := s.st.Courses(ctx, data.CourseFilter{Statuses: openCourseStatuses})
	if err != nil {
		return fmt.Errorf("calendar: courses: %w", err)
	}
	all, err := s.st.Mentors(ctx, true)
	if err != nil {
		return fmt.Errorf("calendar: mentors: %w", err)
	}
	s.courses = byID(open, func(c data.Course) data.ID { return c.ID })
	s.citizenNames = map[data.ID]string{}
	filter := []data.ID{s.citizenID}
	for _, c := range open {
		filter = append(filter, c.CitizenID)
	}
	citizens, err := s.st.CitizenSummariesOf(ctx, filter)
	if err != nil {
		return fmt.Errorf("calendar: citizens: %w", err)
	}
	for _, c := range citizens {
		s.citizenNames[c.ID] = c.Name
	}
	if err := s.loadCitizenCourses(ctx); err != nil {
		return err
	}
	s.mentorBy = byID(all, func(m data.Mentor) data.ID { return m.ID })
	s.mentors = s.mentors[:0]
	for _, m := range all {
		if !m.Archived {
			s.mentors = append(s.mentors, m)
		}
	}
	dk.SortBy(s.mentors, func(m data.Mentor) string { return m.Name })
	s.fillCitizenFilter(citizens)
	s.updateMentorButton()
	return nil
}

// openCourseStatuses are the statuses of a course that is still running
// (data.CourseStatus.Open).
var openCourseStatuses = []data.CourseStatus{data.CourseOrdered, data.CourseActive, data.CourseRetention}

// loadCitizenCourses reads every course of the citizen filtered on, ended
// ones too: reload keeps the sessions of their courses.
func (s *calendarScreen) loadCitizenCourses(ctx context.Context) error {
	if s.citizenID == 0 {
		return nil
	}
	courses, err := s.st.Courses(ctx, data.CourseFilter{CitizenID: s.citizenID})
	if err != nil {
		return fmt.Errorf("calendar: the citizen's courses: %w", err)
	}
	for _, c := range courses {
		s.courses[c.ID] = c
	}
	return nil
}

// lookupSessions reads the courses and citizens' names of the given
// sessions that the screen does not hold yet (sessions of ended courses).
func (s *calendarScreen) lookupSessions(ctx context.Context, sessions []data.Session) error {
	var missing []data.ID
	for _, ss := range sessions {
		if _, ok := s.courses[ss.CourseID]; !ok && ss.CourseID != 0 {
			missing = append(missing, ss.CourseID)
		}
	}
	slices.Sort(missing)
	for chunk := range slices.Chunk(slices.Compact(missing), 500) {
		courses, err := s.st.Courses(ctx, data.CourseFilter{IDs: chunk})
		if err != nil {
			return fmt.Errorf("calendar: courses of the sessions: %w", err)
		}
		for _, c := range courses {
			s.courses[c.ID] = c
		}
	}
	var unnamed []data.ID
	for _, ss := range sessions {
		id := s.courses[ss.CourseID].CitizenID
		if _, ok := s.citizenNames[id]; !ok && id != 0 {
			unnamed = append(unnamed, id)
		}
	}
	if len(unnamed) == 0 {
		return nil
	}
	names, err := s.st.CitizenNames(ctx, unnamed)
	if err != nil {
		return fmt.Errorf("calendar: names of the sessions' citizens: %w", err)
	}
	maps.Copy(s.citizenNames, names)
	return nil
}

// citizenName is a citizen's name as far as the screen has read it.
func (s *calendarScreen) citizenName(id data.ID) string { return s.citizenNames[id] }

// fillCitizenFilter offers, in Danish order, the citizens with an open
// course (not the thousands whose courses ended) and the citizen filtered
// on; archived citizens only when filtered on.
func (s *calendarScreen) fillCitizenFilter(citizens []data.CitizenSummary) {
	s.updating = true
	defer func() { s.updating = false }()
	hasOpenCourse := map[data.ID]bool{}
	for _, c := range s.courses {
		if c.Status.Open() {
			hasOpenCourse[c.CitizenID] = true
		}
	}
	var shown []data.CitizenSummary
	for _, c := range citizens {
		if hasOpenCourse[c.ID] && !c.Archived || c.ID == s.citizenID && s.citizenID != 0 {
			shown = append(shown, c)
		}
	}
	dk.SortBy(shown, func(c data.CitizenSummary) string { return c.Name })
	options := []string{lang.X("calendar.all_citizens", "Alle borgere")}
	s.citizenOf = []data.ID{0}
	selected := 0
	for _, c := range shown {
		options = append(options, c.Name)
		s.citizenOf = append(s.citizenOf, c.ID)
		if c.ID == s.citizenID {
			selected = len(options) - 1
		}
	}
	if selected == 0 {
		s.citizenID = 0
	}
	s.citizen.SetOptions(options)
	s.citizen.SetSelectedIndex(selected)
}

func (s *calendarScreen) onCitizen() {
	if s.updating {
		return
	}
	s.citizenID = 0
	if i := s.citizen.SelectedIndex(); i > 0 && i < len(s.citizenOf) {
		s.citizenID = s.citizenOf[i]
	}
	if err := s.loadCitizenCourses(context.Background()); err != nil {
		s.env.showError(err)
		return
	}
	s.env.showError(s.reload(context.Background()))
}

// updateMentorButton names the mentor filter: "Alle mentorer", one name, or
// "3 mentorer".
func (s *calendarScreen) updateMentorButton() {
	text := lang.X("calendar.all_mentors", "Alle mentorer")
	switch n := len(s.mentorIDs); {
	case n == 1:
		for id := range s.mentorIDs {
			text = s.mentorBy[id].Name
		}
	case n > 1:
		text = lang.X("calendar.n_mentors", "{{.Count}} mentorer", map[string]int{"Count": n})
	}
	s.mentorBtn.SetText(text)
}

// pickMentors lets a coordinator choose one, several or all mentors.
func (s *calendarScreen) pickMentors() {
	if s.env.window == nil {
		return
	}
	chosen := map[data.ID]bool{}
	for id := range s.mentorIDs {
		chosen[id] = true
	}
	checks := container.NewVBox()
	var boxes []*widget.Check
	for _, m := range s.mentors {
		id := m.ID
		c := widget.NewCheck(m.Name, func(on bool) {
			if on {
				chosen[id] = true
			} else {
				delete(chosen, id)
			}
		})
		c.SetChecked(chosen[id])
		boxes = append(boxes, c)
		checks.Add(c)
	}
	all := widget.NewButton(lang.X("calendar.all_mentors", "Alle mentorer"), func() {
		for _, b := range boxes {
			b.SetChecked(false)
		}
	})
	scroll := container.NewVScroll(checks)
	scroll.SetMinSize(fyne.NewSize(320, min(float32(len(s.mentors))*38+10, 420)))
	content := container.NewBorder(muted(lang.X("calendar.mentor_hint", "Ingen valgt viser alle mentorer.")), all, nil, nil, scroll)
	showCustomConfirm(s.env.window, lang.X("calendar.pick_mentors", "Vælg mentorer"), content, func() {
		s.mentorIDs = chosen
		s.updateMentorButton()
		s.env.showError(s.reload(context.Background()))
	})
}

func (s *calendarScreen) setMode(m calendarMode) {
	s.mode = m
	s.env.showError(s.reload(context.Background()))
}

// step moves one period back or forward.
func (s *calendarScreen) step(dir int) {
	switch s.mode {
	case modeMonth:
		first := data.NewDate(s.anchor.Year, s.anchor.Month, 1)
		s.anchor = first.AddMonths(dir)
	case modeDay:
		s.anchor = s.anchor.AddDays(dir)
	default:
		s.anchor = s.anchor.AddDays(7 * dir)
	}
	s.env.showError(s.reload(context.Background()))
}

func (s *calendarScreen) goTo(d data.Date) {
	s.anchor = d
	s.env.showError(s.reload(context.Background()))
}

// openDay shows one day's agenda.
func (s *calendarScreen) openDay(d data.Date) {
	s.anchor, s.mode = d, modeDay
	s.env.showError(s.reload(context.Background()))
}

// jumpTo reads the jump field: a date (dd-mm-yyyy), or a week number
// ("uge 12", "12", "2027-12" or "12/2027"), which opens the week view.
func (s *calendarScreen) jumpTo() {
	d, mode, ok := parseJump(s.jump.Text, s.anchor)
	if !ok {
		s.env.showError(nil)
		if s.env.window != nil {
			showMessage(s.env.window, lang.X("calendar.jump_title", "Gå til"),
				lang.X("calendar.jump_bad", "Skriv en dato som 23-11-2026 eller et ugenummer som uge 48."))
		}
		return
	}
	if mode == modeWeek {
		s.mode = modeWeek
	}
	s.jump.SetText("")
	s.goTo(d)
}

// parseJump understands what parseJump's caller documents; around is the
// day shown, whose ISO year a bare week number belongs to.
func parseJump(text string, around data.Date) (data.Date, calendarMode, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return data.Date{}, 0, false
	}
	if d, err := dk.ParseDate(t, data.Zone()); err == nil {
		return data.DateOf(d), modeDay, true
	}
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "uge"), "week"))
	year, _ := dk.ISOWeek(dayStart(around))
	weekText := t
	if a, b, found := strings.Cut(t, "/"); found { // 12/2027
		weekText = a
		y, err := strconv.Atoi(strings.TrimSpace(b))
		if err != nil {
			return data.Date{}, 0, false
		}
		year = y
	} else if a, b, found := strings.Cut(t, "-"); found { // 2027-12
		y, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			return data.Date{}, 0, false
		}
		year, weekText = y, b
	}
	week, err := strconv.Atoi(strings.TrimSpace(weekText))
	if err != nil || week < 1 || week > dk.WeeksInYear(year) || year < 1900 || year > 2200 {
		return data.Date{}, 0, false
	}
	return data.DateOf(dk.WeekStart(year, week, data.Zone())), modeWeek, true
}

// visibleRange is the first day and the day after the last day shown.
func (s *calendarScreen) visibleRange() (from, to data.Date) {
	switch s.mode {
	case modeMonth:
		first := mondayOf(data.NewDate(s.anchor.Year, s.anchor.Month, 1))
		return first, first.AddDays(42)
	case modeDay:
		return s.anchor, s.anchor.AddDays(1)
	}
	monday := mondayOf(s.anchor)
	return monday, monday.AddDays(7)
}

// reload reads the sessions of the visible range only, for the chosen
// mentors, and draws them.
func (s *calendarScreen) reload(ctx context.Context) error {
	from, to := s.visibleRange()
	// Without notes: the views show times, status, form and the citizen,
	// and a month of every mentor is ~15,000 sessions at a large
	// organisation; open reads the whole session for its form.
	f := data.SessionFilter{From: dayStart(from), To: dayStart(to), HoursOnly: true}
	for id := range s.mentorIDs {
		f.MentorIDs = append(f.MentorIDs, id)
	}
	slices.Sort(f.MentorIDs)
	var sessions []data.Session
	var counts map[data.Date]int
	var layout weekLayout
	var err error
	switch {
	case s.mode == modeMonth && s.citizenID == 0:
		sessions, counts, err = s.monthSessions(ctx, f, from, to)
	case s.mode == modeWeek && s.citizenID == 0:
		sessions, layout, err = s.weekSessions(ctx, f, from)
	default:
		sessions, err = s.st.Sessions(ctx, f)
	}
	if err != nil {
		return fmt.Errorf("calendar: sessions: %w", err)
	}
	s.dayCounts = counts
	if s.citizenID != 0 {
		sessions = slices.DeleteFunc(sessions, func(ss data.Session) bool {
			return s.courses[ss.CourseID].CitizenID != s.citizenID
		})
	}
	// Stable: sessions starting together stay in Sessions' order (by id),
	// the order weekSessions lays them out in.
	slices.SortStableFunc(sessions, func(a, b data.Session) int { return a.PlannedStart.Compare(b.PlannedStart) })
	if s.mode == modeWeek && s.citizenID != 0 {
		layout = layoutWeek(from, sessions)
	}
	s.sessions = sessions
	s.weekLayout = layout
	s.render()
	return nil
}

// A week of sessions is read whole (one statement, ~5 µs a session on
// SQLite) when it holds at most weekReadWhole sessions, or fewer than
// perMoment per moment they start at: reading the first few of each
// moment (one UNION ALL part per moment, ~80 µs each to prepare and run)
// pays only when many start together, as in a week of every mentor.
const (
	weekReadWhole = 200
	perMoment     = 16
	// weekFewMentors: a week of this many mentors or fewer is read whole
	// at once; a mentor holds a few dozen sessions a week.
	weekFewMentors = 3
)

// weekSessions lays the week out and reads whole only the sessions it may
// draw. The grid shows at most maxLanes side by side, and sessions
// starting at the same moment all overlap, so of each moment at most the
// first maxLanes (by id) can be drawn: a week of every mentor at a large
// organisation, ~2,500 sessions starting at ~40 moments, reads ~100 whole
// and the count and latest end of the others (SessionStarts), which is
// all the "+N" blocks, the lanes and the hours shown need. The blocks are
// placed exactly as from every session (layoutTimes, tested against the
// lane-by-lane placement of them all).
func (s *calendarScreen) weekSessions(ctx context.Context, f data.SessionFilter, monday data.Date) ([]data.Session, weekLayout, error) {
	readWhole := func() ([]data.Session, weekLayout, error) {
		all, err := s.st.Sessions(ctx, f)
		if err != nil {
			return nil, weekLayout{}, err
		}
		return all, layoutWeek(monday, all), nil
	}
	if n := len(f.MentorIDs); n > 0 && n <= weekFewMentors {
		return readWhole()
	}
	starts, err := s.st.SessionStarts(ctx, f)
	if err != nil {
		return nil, weekLayout{}, err
	}
	total, instant := 0, false
	for _, st := range starts {
		total += st.Count
		// A session not ending after its start frees its lane at once:
		// its moment's sessions do not all overlap (never saved by the app).
		instant = instant || !st.EarliestEnd.After(st.Start)
	}
	if total <= weekReadWhole || total < perMoment*len(starts) || instant {
		return readWhole()
	}
	// One span per moment: from it to the next.
	bounds := make([]time.Time, 0, len(starts)+1)
	for _, st := range starts {
		bounds = append(bounds, st.Start)
	}
	bounds = append(bounds, starts[len(starts)-1].Start.Add(time.Second))
	firsts := f
	firsts.Limit = maxLanes
	read, err := s.st.FirstSessionsPerSpan(ctx, firsts, bounds)
	if err != nil {
		return nil, weekLayout{}, err
	}
	times, sessionOf := firstsAndMore(starts, read)
	layout := layoutTimes(monday, times)
	drawn := layout.withSessions(func(index int) data.Session { return sessionOf[index] })
	return drawn, layout, nil
}

// firstsAndMore lists the times of each moment's sessions read (by start
// and id) followed by one standing for the rest of the moment's count;
// sessionOf gives the session of each time listed for one.
func firstsAndMore(starts []data.SessionStart, read []data.Session) (times []sessionTime, sessionOf map[int]data.Session) {
	sessionOf = map[int]data.Session{}
	i := 0
	for _, st := range starts {
		// (Sessions saved between the two reads may differ a little; the
		// next reload shows them.)
		for i < len(read) && read[i].PlannedStart.Before(st.Start) {
			i++
		}
		n := 0
		for ; i < len(read) && read[i].PlannedStart.Equal(st.Start); i++ {
			sessionOf[len(times)] = read[i]
			times = append(times, sessionTime{id: read[i].ID, start: read[i].PlannedStart, end: read[i].PlannedEnd})
			n++
		}
		if st.Count > n {
			times = append(times, sessionTime{start: st.Start, end: st.LatestEnd, more: st.Count - n})
		}
	}
	return times, sessionOf
}

// monthReadWhole is the most sessions a month view reads whole; past it,
// reading each day's first lines and count (two statements for the 42
// days, ~10 ms) costs less than reading every session (~17 µs each at stor).
const monthReadWhole = 1000

// monthSessions reads what the month's cells show. A month of every
// mentor at a large organisation holds ~15,000 sessions and a cell shows
// monthLines of them, so past monthReadWhole it reads per day the first
// monthLines sessions and the day's count. Both are one statement for all
// the days: on PostgreSQL every statement is a round trip to the server.
func (s *calendarScreen) monthSessions(ctx context.Context, f data.SessionFilter, from, to data.Date) ([]data.Session, map[data.Date]int, error) {
	var bounds []time.Time
	for d := from; !d.After(to); d = d.AddDays(1) {
		bounds = append(bounds, dayStart(d))
	}
	perDay, err := s.st.CountSessionsPerSpan(ctx, f, bounds)
	if err != nil {
		return nil, nil, err
	}
	total := 0
	for _, n := range perDay {
		total += n
	}
	if total <= monthReadWhole {
		all, err := s.st.Sessions(ctx, f)
		return all, nil, err
	}
	first := f
	first.Limit = monthLines
	shown, err := s.st.FirstSessionsPerSpan(ctx, first, bounds)
	if err != nil {
		return nil, nil, err
	}
	counts := make(map[data.Date]int, len(perDay))
	for i, n := range perDay {
		counts[from.AddDays(i)] = n
	}
	return shown, counts, nil
}

// render draws the current view from s.sessions.
func (s *calendarScreen) render() {
	// Sessions of ended courses need their course and citizen's name.
	s.env.showError(s.lookupSessions(context.Background(), s.sessions))
	for i, b := range s.modeBtns {
		if b == nil {
			continue
		}
		if calendarMode(i) == s.mode {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	var v fyne.CanvasObject
	switch s.mode {
	case modeMonth:
		s.title.SetText(monthTitle(s.anchor))
		s.month.show(s.anchor, s.sessions, s.dayCounts)
		v = s.month.root
	case modeDay:
		s.title.SetText(dayTitle(s.anchor))
		s.day.show(s.anchor, s.sessions)
		v = s.day.root
	default:
		s.title.SetText(weekTitle(mondayOf(s.anchor)))
		s.week.show(mondayOf(s.anchor), s.weekLayout)
		v = s.week.root
	}
	if len(s.body.Objects) != 1 || s.body.Objects[0] != v {
		s.body.Objects = []fyne.CanvasObject{v}
	}
	s.body.Refresh()
}

// citizenLabel is the citizen of a session as the setting says: initials
// by default, the full name when "Vis navne" is on.
func (s *calendarScreen) citizenLabel(ss data.Session) string {
	name := s.citizenName(s.courses[ss.CourseID].CitizenID)
	if s.names != nil && s.names.Checked {
		return name
	}
	return data.Initials(name)
}

// open opens a session: a future planned session in the planning form, any
// other in the after-meeting form.
func (s *calendarScreen) open(ss data.Session) {
	// The calendar holds sessions without their notes (see reload): the
	// forms get the whole session as it is stored now.
	full, err := s.st.Session(context.Background(), ss.ID)
	if err != nil {
		s.env.showError(fmt.Errorf("calendar: open session: %w", err))
		return
	}
	ss = full
	if err := s.lookupSessions(context.Background(), []data.Session{ss}); err != nil {
		s.env.showError(err)
		return
	}
	if ss.Status == data.SessionPlanned && ss.PlannedStart.After(s.env.now()) {
		s.editPlanned(ss)
		return
	}
	s.register(ss)
}

func (s *calendarScreen) afterSave() {
	s.env.showError(s.reload(context.Background()))
	if s.onSaved != nil {
		s.onSaved()
	}
}

// mondayOf is the Monday of d's week: Danish weeks start on Monday.
func mondayOf(d data.Date) data.Date {
	return data.DateOf(dk.StartOfWeek(dayStart(d)))
}

// weekTitle gives "Uge 48 · 23.–29. nov. 2026" with the ISO week number.
func weekTitle(monday data.Date) string {
	_, week := dk.ISOWeek(dayStart(monday))
	return lang.X("calendar.week_title", "Uge {{.Week}} · {{.Range}}", map[string]any{
		"Week": week, "Range": weekRange(monday, monday.AddDays(6)),
	})
}

// monthTitle gives "November 2026".
func monthTitle(d data.Date) string {
	return capitalize(dk.MonthName(d.Month)) + " " + strconv.Itoa(d.Year)
}

// dayTitle gives "Mandag 23. nov. 2026 · uge 48".
func dayTitle(d data.Date) string {
	t := dayStart(d)
	_, week := dk.ISOWeek(t)
	return capitalize(weekdayText(t.Weekday())) + " " + dk.FormatDateLong(t) + " · " +
		lang.X("calendar.week_short", "uge {{.Week}}", map[string]int{"Week": week})
}

// weekRange writes a span of days without repeating the month or year when
// both ends share it: "23.–29. nov. 2026", "30. nov.–6. dec. 2026",
// "28. dec. 2026–3. jan. 2027".
func weekRange(from, to data.Date) string {
	end := dk.FormatDateLong(dayStart(to))
	switch {
	case from.Year != to.Year:
		return dk.FormatDateLong(dayStart(from)) + "–" + end
	case from.Month != to.Month:
		return strings.TrimSuffix(dk.FormatDateLong(dayStart(from)), " "+strconv.Itoa(from.Year)) + "–" + end
	}
	return strconv.Itoa(from.Day) + ".–" + end
}
