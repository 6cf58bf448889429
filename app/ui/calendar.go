package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// calendarStore is what the calendar reads.
type calendarStore interface {
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
}

// calendarColumns: status icon, time, initials, form, mentor, status text.
var calendarColumns = columns{24, 100, 70, 150, 0, 190}

// calendarScreen is a week agenda, Monday to Sunday.
type calendarScreen struct {
	st  calendarStore
	env env

	week     data.Date // the Monday shown
	mentorID data.ID   // 0 = all mentors
	mentors  []data.Mentor
	courses  map[data.ID]data.Course
	citizens map[data.ID]data.Citizen
	mentorBy map[data.ID]data.Mentor
	sessions []data.Session

	title    *widget.Label
	filter   *widget.Select
	days     *fyne.Container
	scroll   *container.Scroll
	root     fyne.CanvasObject
	updating bool // true while load fills the filter, so it does not reload
}

func newCalendarScreen(st calendarStore, e env) *calendarScreen {
	s := &calendarScreen{st: st, env: e, title: heading(""), days: container.NewVBox()}
	s.filter = widget.NewSelect(nil, s.onFilter)
	s.scroll = container.NewVScroll(s.days)
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.moveWeek(-7) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.moveWeek(7) })
	today := widget.NewButton(lang.X("calendar.today", "I dag"), func() { s.goTo(mondayOf(s.env.today())) })
	filter := container.New(minWidth(220), s.filter)
	bar := container.NewBorder(nil, nil, s.title, container.NewHBox(prev, today, next, filter))
	s.root = container.NewBorder(bar, nil, nil, nil, s.scroll)
	return s
}

func (s *calendarScreen) view() fyne.CanvasObject { return s.root }

// load refreshes lookups and the week; the first time it opens on the
// current week, later it keeps the week the user moved to.
func (s *calendarScreen) load(ctx context.Context) error {
	if s.week.IsZero() {
		s.week = mondayOf(s.env.today())
	}
	if err := s.loadLookups(ctx); err != nil {
		return err
	}
	return s.loadWeek(ctx)
}

func (s *calendarScreen) loadLookups(ctx context.Context) error {
	citizens, err := s.st.Citizens(ctx, true)
	if err != nil {
		return err
	}
	courses, err := s.st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return err
	}
	all, err := s.st.Mentors(ctx, true)
	if err != nil {
		return err
	}
	s.citizens = byID(citizens, func(c data.Citizen) data.ID { return c.ID })
	s.courses = byID(courses, func(c data.Course) data.ID { return c.ID })
	s.mentorBy = byID(all, func(m data.Mentor) data.ID { return m.ID })
	s.mentors = s.mentors[:0]
	for _, m := range all {
		if !m.Archived {
			s.mentors = append(s.mentors, m)
		}
	}
	dk.SortBy(s.mentors, func(m data.Mentor) string { return m.Name })
	s.fillFilter()
	return nil
}

// fillFilter offers "Alle mentorer" and every active mentor, keeping the
// current choice when that mentor is still there.
func (s *calendarScreen) fillFilter() {
	s.updating = true
	defer func() { s.updating = false }()
	options := []string{lang.X("calendar.all_mentors", "Alle mentorer")}
	selected := 0
	for i, m := range s.mentors {
		options = append(options, m.Name)
		if m.ID == s.mentorID {
			selected = i + 1
		}
	}
	if selected == 0 {
		s.mentorID = 0
	}
	s.filter.SetOptions(options)
	s.filter.SetSelectedIndex(selected)
}

func (s *calendarScreen) onFilter(string) {
	if s.updating {
		return
	}
	s.mentorID = 0
	if i := s.filter.SelectedIndex(); i > 0 && i <= len(s.mentors) {
		s.mentorID = s.mentors[i-1].ID
	}
	s.env.showError(s.loadWeek(context.Background()))
}

func (s *calendarScreen) moveWeek(days int) { s.goTo(s.week.AddDays(days)) }

func (s *calendarScreen) goTo(monday data.Date) {
	s.week = monday
	s.env.showError(s.loadWeek(context.Background()))
}

// loadWeek reads the sessions of the week shown, for the chosen mentor.
func (s *calendarScreen) loadWeek(ctx context.Context) error {
	f := data.SessionFilter{From: dayStart(s.week), To: dayStart(s.week.AddDays(7))}
	if s.mentorID != 0 {
		f.MentorIDs = []data.ID{s.mentorID}
	}
	sessions, err := s.st.Sessions(ctx, f)
	if err != nil {
		return err
	}
	sortSessions(sessions)
	s.sessions = sessions
	s.render()
	return nil
}

func (s *calendarScreen) render() {
	s.title.SetText(weekTitle(s.week))
	s.days.Objects = nil
	for i := 0; i < 7; i++ {
		day := s.week.AddDays(i)
		s.days.Add(s.dayHeader(day))
		rows := 0
		for _, ss := range s.sessions {
			if data.DateOf(ss.PlannedStart.In(data.Zone())) == day {
				s.days.Add(s.sessionRow(ss))
				rows++
			}
		}
		if rows == 0 {
			s.days.Add(muted(lang.X("calendar.no_sessions", "Ingen møder")))
		}
	}
	s.days.Refresh()
	s.scroll.ScrollToTop()
}

// dayHeader names the day, marks today and names a public holiday.
func (s *calendarScreen) dayHeader(day data.Date) fyne.CanvasObject {
	t := dayStart(day)
	text := capitalize(weekdayText(t.Weekday())) + " " +
		strings.TrimSuffix(dk.FormatDateLong(t), " "+strconv.Itoa(day.Year))
	parts := []fyne.CanvasObject{bold(text)}
	if day == s.env.today() {
		today := bold(lang.X("calendar.is_today", "I dag"))
		today.Importance = widget.HighImportance
		parts = append(parts, today)
	}
	if name, ok := dk.HolidayName(t); ok {
		holiday := bold(name)
		holiday.Importance = widget.WarningImportance
		parts = append(parts, widget.NewIcon(theme.InfoIcon()), holiday)
	}
	return container.NewVBox(widget.NewSeparator(), container.NewHBox(parts...))
}

// sessionRow shows a session by time, the citizen's initials (never the
// name or CPR: the calendar is often on screen), form, mentor and status.
func (s *calendarScreen) sessionRow(ss data.Session) fyne.CanvasObject {
	icon, status, imp := sessionStatus(ss, s.env.now())
	statusLabel := cell(status)
	statusLabel.Importance = imp
	citizen := s.citizens[s.courses[ss.CourseID].CitizenID]
	return calendarColumns.row(
		widget.NewIcon(icon),
		cell(timeSpan(ss.PlannedStart, ss.PlannedEnd)),
		cell(data.Initials(citizen.Name)),
		cell(formText(ss.Form)),
		cell(s.mentorBy[ss.MentorID].Name),
		statusLabel,
	)
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
