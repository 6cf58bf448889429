package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// mentorsStore is what the mentor screen reads.
type mentorsStore interface {
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
}

// mentorColumns: name, kind, capacity, languages, competences, active courses.
var mentorColumns = columns{0, 90, 120, 170, 0, 110}

// mentorRow is one mentor with the figures the list shows.
type mentorRow struct {
	mentor      data.Mentor
	active      []data.Course // active courses where the mentor is primary
	weekPlanMin int           // planned and held minutes this week
}

type mentorsScreen struct {
	st  mentorsStore
	env env

	rows     []mentorRow
	shown    []mentorRow
	citizens map[data.ID]data.Citizen
	selected data.ID

	archived *widget.Check
	list     *widget.List
	details  *fyne.Container
	root     fyne.CanvasObject
}

func newMentorsScreen(st mentorsStore, e env) *mentorsScreen {
	s := &mentorsScreen{st: st, env: e, details: container.NewVBox()}
	s.archived = widget.NewCheck(lang.X("list.show_archived", "Vis arkiverede"), func(bool) { s.applyFilter() })
	s.list = widget.NewList(func() int { return len(s.shown) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.shown) {
			s.selected = s.shown[id].mentor.ID
			s.showDetails()
			s.root.Refresh() // wrapped texts get their height in a second layout
		}
	}
	header := mentorColumns.header(
		lang.X("mentors.col_name", "Navn"), lang.X("mentors.col_kind", "Type"),
		lang.X("mentors.col_capacity", "Kapacitet"), lang.X("mentors.col_languages", "Sprog"),
		lang.X("mentors.col_competences", "Kompetencer"), lang.X("mentors.col_active", "Aktive forløb"))
	top := container.NewVBox(container.NewBorder(nil, nil, heading(lang.X("nav.mentors", "Mentorer")), s.archived), header)
	split := container.NewVSplit(container.NewBorder(top, nil, nil, nil, s.list), container.NewVScroll(container.NewPadded(s.details)))
	split.Offset = 0.45
	s.root = split
	return s
}

func (s *mentorsScreen) view() fyne.CanvasObject { return s.root }

func (s *mentorsScreen) newRow() fyne.CanvasObject {
	return mentorColumns.row(cell(""), cell(""), cell(""), cell(""), cell(""), cell(""))
}

func (s *mentorsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.shown) {
		return
	}
	r := s.shown[id]
	name := r.mentor.Name
	if r.mentor.Archived {
		name += " " + lang.X("list.archived_mark", "(arkiveret)")
	}
	setRow(o, name, mentorKindText(r.mentor.Kind), perWeek(r.mentor.WeeklyCapacityMin),
		orDash(strings.Join(r.mentor.Languages, ", ")), orDash(strings.Join(r.mentor.Competences, ", ")),
		strconv.Itoa(len(r.active)))
}

// perWeek shows "15 t/uge".
func perWeek(minutes int) string {
	return lang.X("hours.per_week", "{{.Hours}} t/uge", map[string]string{"Hours": dk.FormatHours(minutes)})
}

func (s *mentorsScreen) load(ctx context.Context) error {
	mentors, err := s.st.Mentors(ctx, true)
	if err != nil {
		return err
	}
	citizens, err := s.st.Citizens(ctx, true)
	if err != nil {
		return err
	}
	courses, err := s.st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive, data.CourseRetention}})
	if err != nil {
		return err
	}
	monday := mondayOf(s.env.today())
	week, err := s.st.Sessions(ctx, data.SessionFilter{From: dayStart(monday), To: dayStart(monday.AddDays(7)),
		Statuses: []data.SessionStatus{data.SessionPlanned, data.SessionHeld}})
	if err != nil {
		return err
	}
	s.citizens = byID(citizens, func(c data.Citizen) data.ID { return c.ID })
	s.rows = mentorRows(mentors, courses, week)
	dk.SortBy(s.rows, func(r mentorRow) string { return r.mentor.Name })
	s.applyFilter()
	s.showDetails()
	return nil
}

// mentorRows counts each mentor's active courses and this week's planned time.
func mentorRows(mentors []data.Mentor, active []data.Course, week []data.Session) []mentorRow {
	rows := make([]mentorRow, len(mentors))
	index := map[data.ID]int{}
	for i, m := range mentors {
		rows[i].mentor = m
		index[m.ID] = i
	}
	for _, c := range active {
		if i, ok := index[c.MentorID]; ok && isActive(c.Status) {
			rows[i].active = append(rows[i].active, c)
		}
	}
	for _, ss := range week {
		if i, ok := index[ss.MentorID]; ok {
			rows[i].weekPlanMin += ss.PlannedMin()
		}
	}
	return rows
}

// applyFilter hides archived mentors unless asked: they stay in the
// database for the history of old courses.
func (s *mentorsScreen) applyFilter() {
	s.shown = s.shown[:0]
	for _, r := range s.rows {
		if !r.mentor.Archived || s.archived.Checked {
			s.shown = append(s.shown, r)
		}
	}
	s.list.UnselectAll()
	s.list.Refresh()
}

// showDetails shows contact, qualifications (the law wants them
// documented), this week's load against capacity and the active courses.
func (s *mentorsScreen) showDetails() {
	s.details.Objects = nil
	defer s.details.Refresh()
	var row *mentorRow
	for i := range s.rows {
		if s.rows[i].mentor.ID == s.selected {
			row = &s.rows[i]
		}
	}
	if row == nil {
		s.details.Add(muted(lang.X("mentors.pick", "Vælg en mentor for at se kontaktoplysninger, kvalifikationer og forløb.")))
		return
	}
	m := row.mentor
	load := lang.X("mentors.week_load", "{{.Planned}} t planlagt af {{.Capacity}} t kapacitet", map[string]string{
		"Planned": dk.FormatHours(row.weekPlanMin), "Capacity": dk.FormatHours(m.WeeklyCapacityMin)})
	form := readOnlyForm(
		lang.X("field.phone", "Telefon"), m.Phone,
		lang.X("field.email", "E-mail"), m.Email,
		lang.X("field.qualifications", "Kvalifikationer"), m.Qualifications,
		lang.X("field.languages", "Sprog"), strings.Join(m.Languages, ", "),
		lang.X("field.competences", "Kompetencer"), strings.Join(m.Competences, ", "),
		lang.X("mentors.this_week", "Denne uge"), load,
	)
	var names []string
	for _, c := range row.active {
		names = append(names, s.citizens[c.CitizenID].Name+" ("+courseStatusText(c.Status)+")")
	}
	dk.SortBy(names, func(n string) string { return n })
	courses := lang.X("mentors.courses", "Aktive forløb ({{.Count}})", map[string]int{"Count": len(names)})
	s.details.Add(heading(m.Name))
	s.details.Add(form)
	s.details.Add(bold(courses))
	s.details.Add(wrapped(orDash(strings.Join(names, ", "))))
}
