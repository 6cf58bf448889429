package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// mentorsStore is what the mentor screen reads and writes.
type mentorsStore interface {
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Mentor(ctx context.Context, id data.ID) (data.Mentor, error)
	SaveMentor(ctx context.Context, m *data.Mentor) error
	CitizenNames(ctx context.Context, ids []data.ID) (map[data.ID]string, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
	CurrentUser() (data.User, bool)
	data.DraftStore
}

// registryDeleter is offered by stores that can delete a mentor or a
// municipality without history (*sqlstore.Store); others only archive.
type registryDeleter interface {
	MentorHasHistory(ctx context.Context, id data.ID) (bool, error)
	DeleteMentor(ctx context.Context, id data.ID) error
	MunicipalityHasHistory(ctx context.Context, id data.ID) (bool, error)
	DeleteMunicipality(ctx context.Context, id data.ID) error
}

// archiveFilter is the status filter of the registry lists: archived
// records are hidden unless asked for.
type archiveFilter int

const (
	showActive archiveFilter = iota
	showArchived
	showAll
)

func newArchiveFilter(changed func()) *widget.Select {
	s := widget.NewSelect([]string{
		lang.X("registry.filter_active", "Aktive"),
		lang.X("registry.filter_archived", "Arkiverede"),
		lang.X("registry.filter_all", "Alle"),
	}, nil)
	s.SetSelectedIndex(int(showActive))
	s.OnChanged = func(string) { changed() }
	return s
}

func (f archiveFilter) keeps(archived bool) bool {
	switch f {
	case showActive:
		return !archived
	case showArchived:
		return archived
	}
	return true
}

// matchesQuery tells whether every word of the query occurs in one of the
// texts (case-insensitive); phone numbers match with or without spaces.
func matchesQuery(query string, texts ...string) bool {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return true
	}
	hay := strings.ToLower(strings.Join(texts, "\n"))
	compact := strings.ReplaceAll(hay, " ", "")
	for _, w := range words {
		if !strings.Contains(hay, w) && !strings.Contains(compact, w) {
			return false
		}
	}
	return true
}

// canEditRegistry tells whether the user may create and change mentors and
// municipalities: coordinators and administrators (and anyone on a database
// without users yet).
func canEditRegistry(u data.User, loggedIn bool) bool {
	return !loggedIn || u.Role != data.RoleMentor
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
	citizens map[data.ID]string // names of the listed courses' citizens
	selected data.ID

	search   *keyEntry
	status   *widget.Select
	count    *widget.Label
	toolbar  *fyne.Container
	list     *widget.List
	details  *fyne.Container
	root     fyne.CanvasObject
	editable bool

	// form and importer are the open form and import, for tests.
	form     *editor
	importer *importer
}

func newMentorsScreen(st mentorsStore, e env) *mentorsScreen {
	s := &mentorsScreen{st: st, env: e, details: container.NewVBox(), count: muted("")}
	s.search = newKeyEntry(e.keys)
	s.search.SetPlaceHolder(lang.X("mentors.search", "Søg på navn, telefon eller e-mail"))
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.status = newArchiveFilter(s.applyFilter)
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
	s.toolbar = container.NewHBox()
	title := container.NewBorder(nil, nil, heading(lang.X("nav.mentors", "Mentorer")), s.toolbar)
	filters := container.NewBorder(nil, nil, nil, container.New(minWidth(160), s.status), s.search)
	top := container.NewVBox(title, filters, header)
	listPart := container.NewBorder(top, s.count, nil, nil, s.list)
	split := container.NewVSplit(listPart, container.NewVScroll(container.NewPadded(s.details)))
	split.Offset = 0.5
	s.root = split
	return s
}

func (s *mentorsScreen) view() fyne.CanvasObject { return s.root }

// keys: Ctrl+N creates a mentor, Ctrl+F goes to the search field.
func (s *mentorsScreen) keys() map[string]func() {
	return map[string]func(){keyNew: s.create, keyFind: s.focusSearch}
}

func (s *mentorsScreen) focusSearch() {
	if s.env.window != nil {
		s.env.window.Canvas().Focus(s.search)
	}
}

// buildToolbar offers "Ny mentor" and the mentor import to those who may
// edit (citizens are imported from Borgere).
func (s *mentorsScreen) buildToolbar() {
	s.toolbar.Objects = nil
	if s.editable {
		importStore, canImport := s.st.(importStore)
		if canImport {
			s.toolbar.Add(widget.NewButtonWithIcon(lang.X("registry.import_mentors", "Importér mentorer"), theme.UploadIcon(),
				func() { s.importer = pickImportFile(s.env, importStore, importMentors, s.reload) }))
		}
		add := widget.NewButtonWithIcon(lang.X("mentors.new", "Ny mentor"), theme.ContentAddIcon(), s.create)
		add.Importance = widget.HighImportance
		s.toolbar.Add(add)
	}
	s.toolbar.Refresh()
}

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
	u, loggedIn := s.st.CurrentUser()
	s.editable = canEditRegistry(u, loggedIn)
	s.buildToolbar()
	mentors, err := s.st.Mentors(ctx, true)
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
	ids := make([]data.ID, 0, len(courses))
	for _, c := range courses {
		ids = append(ids, c.CitizenID)
	}
	if s.citizens, err = s.st.CitizenNames(ctx, ids); err != nil {
		return err
	}
	s.rows = mentorRows(mentors, courses, week)
	dk.SortBy(s.rows, func(r mentorRow) string { return r.mentor.Name })
	s.applyFilter()
	s.showDetails()
	return nil
}

// reload loads the list again after a save or an import.
func (s *mentorsScreen) reload() {
	s.env.showError(s.load(context.Background()))
	s.root.Refresh()
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

// applyFilter narrows the list to the search and the status filter.
// Archived mentors are hidden by default: they stay in the database for the
// history of old courses.
func (s *mentorsScreen) applyFilter() {
	if s.list == nil {
		return // the status Select fires while the screen is being built
	}
	filter := archiveFilter(s.status.SelectedIndex())
	s.shown = s.shown[:0]
	for _, r := range s.rows {
		m := r.mentor
		if filter.keeps(m.Archived) && matchesQuery(s.search.Text, m.Name, m.Phone, m.Email) {
			s.shown = append(s.shown, r)
		}
	}
	s.count.SetText(lang.X("mentors.count", "Viser {{.Shown}} af {{.Total}} mentorer",
		map[string]int{"Shown": len(s.shown), "Total": len(s.rows)}))
	s.list.UnselectAll()
	s.list.Refresh()
	// Keep the details of the selected mentor while it is still listed.
	for i, r := range s.shown {
		if r.mentor.ID == s.selected {
			s.list.Select(i)
		}
	}
}

// showDetails shows contact, qualifications (the law wants them
// documented), this week's load against capacity and the active courses.
func (s *mentorsScreen) showDetails() {
	s.details.Objects = nil
	defer s.details.Refresh()
	row := s.selectedRow()
	if row == nil {
		s.details.Add(muted(lang.X("mentors.pick", "Vælg en mentor for at se kontaktoplysninger, kvalifikationer og forløb.")))
		return
	}
	m := row.mentor
	load := lang.X("mentors.week_load", "{{.Planned}} t planlagt af {{.Capacity}} t kapacitet", map[string]string{
		"Planned": dk.FormatHours(row.weekPlanMin), "Capacity": dk.FormatHours(m.WeeklyCapacityMin)})
	form := readOnlyForm(
		lang.X("mentors.col_kind", "Type"), mentorKindText(m.Kind),
		lang.X("field.phone", "Telefon"), m.Phone,
		lang.X("field.email", "E-mail"), m.Email,
		lang.X("field.qualifications", "Kvalifikationer"), m.Qualifications,
		lang.X("field.languages", "Sprog"), strings.Join(m.Languages, ", "),
		lang.X("field.competences", "Kompetencer"), strings.Join(m.Competences, ", "),
		lang.X("mentors.this_week", "Denne uge"), load,
	)
	var names []string
	for _, c := range row.active {
		names = append(names, s.citizens[c.CitizenID]+" ("+courseStatusText(c.Status)+")")
	}
	dk.SortBy(names, func(n string) string { return n })
	courses := lang.X("mentors.courses", "Aktive forløb ({{.Count}})", map[string]int{"Count": len(names)})
	title := m.Name
	if m.Archived {
		title += " " + lang.X("list.archived_mark", "(arkiveret)")
	}
	s.details.Add(container.NewBorder(nil, nil, heading(title), s.detailButtons(m)))
	s.details.Add(form)
	s.details.Add(bold(courses))
	s.details.Add(wrapped(orDash(strings.Join(names, ", "))))
}

func (s *mentorsScreen) selectedRow() *mentorRow {
	for i := range s.rows {
		if s.rows[i].mentor.ID == s.selected {
			return &s.rows[i]
		}
	}
	return nil
}

// detailButtons: Redigér, and Arkivér or Genaktivér.
func (s *mentorsScreen) detailButtons(m data.Mentor) fyne.CanvasObject {
	if !s.editable {
		return nil
	}
	edit := widget.NewButtonWithIcon(lang.X("registry.edit", "Redigér"), theme.DocumentCreateIcon(), func() { s.edit(m) })
	archive := widget.NewButtonWithIcon(lang.X("registry.archive", "Arkivér"), theme.FolderIcon(), func() { s.confirmArchive(m) })
	if m.Archived {
		archive = widget.NewButtonWithIcon(lang.X("registry.unarchive", "Genaktivér"), theme.ViewRestoreIcon(), func() { s.setArchived(m, false) })
	}
	return container.NewHBox(archive, edit)
}

func (s *mentorsScreen) create() {
	if !s.editable {
		return
	}
	s.form = openMentorForm(s.env, s.st, data.Mentor{Kind: data.MentorEmployed}, s.savedMentor)
}

func (s *mentorsScreen) edit(m data.Mentor) {
	s.form = openMentorForm(s.env, s.st, m, s.savedMentor)
}

// savedMentor selects the saved mentor in the reloaded list.
func (s *mentorsScreen) savedMentor(m data.Mentor) {
	s.selected = m.ID
	if m.Archived && archiveFilter(s.status.SelectedIndex()) == showActive {
		s.status.SetSelectedIndex(int(showAll))
	}
	s.reload()
}

// confirmArchive explains what archiving does. A mentor without any
// history may instead be deleted outright (typed in by mistake).
func (s *mentorsScreen) confirmArchive(m data.Mentor) {
	body := lang.X("mentors.archive_body", "{{.Name}} skjules i lister og kan ikke vælges til nye forløb. Gamle forløb, møder og rapporter beholder mentoren. Du kan genaktivere mentoren senere.",
		map[string]string{"Name": m.Name})
	if del, ok := s.st.(registryDeleter); ok {
		if used, err := del.MentorHasHistory(context.Background(), m.ID); err == nil && !used {
			s.offerDelete(m, del, body)
			return
		}
	}
	dialog.ShowConfirm(lang.X("mentors.archive_title", "Arkivér mentor?"), body, func(yes bool) {
		if yes {
			s.setArchived(m, true)
		}
	}, s.env.window)
}

// offerDelete lets the user pick between archiving and deleting a mentor
// nobody refers to.
func (s *mentorsScreen) offerDelete(m data.Mentor, del registryDeleter, body string) {
	var dlg *dialog.CustomDialog
	note := wrapped(body + "\n\n" + lang.X("mentors.no_history", "Mentoren har ingen forløb eller møder og kan også slettes helt."))
	archive := widget.NewButtonWithIcon(lang.X("registry.archive", "Arkivér"), theme.FolderIcon(), func() {
		dlg.Hide()
		s.setArchived(m, true)
	})
	remove := widget.NewButtonWithIcon(lang.X("registry.delete", "Slet"), theme.DeleteIcon(), func() {
		dlg.Hide()
		if err := del.DeleteMentor(context.Background(), m.ID); err != nil {
			s.env.showError(err)
			return
		}
		s.selected = 0
		s.reload()
	})
	remove.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.X("form.cancel", "Annullér"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.X("mentors.archive_title", "Arkivér mentor?"),
		container.NewBorder(nil, container.NewHBox(cancel, remove, archive), nil, nil, note), s.env.window)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

func (s *mentorsScreen) setArchived(m data.Mentor, archived bool) {
	fresh, err := s.st.Mentor(context.Background(), m.ID)
	if err == nil {
		fresh.Archived = archived
		err = s.st.SaveMentor(context.Background(), &fresh)
	}
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		s.env.showError(err)
		return
	}
	s.savedMentor(fresh)
}
