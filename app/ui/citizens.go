package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// citizensStore is what the citizen screen and its forms read and write.
type citizensStore interface {
	// CitizenSummaries is the list: name, CPR and phone of every citizen,
	// without decrypting the rest of each record.
	CitizenSummaries(ctx context.Context, includeArchived bool) ([]data.CitizenSummary, error)
	// Citizen opens one record; the store writes the opening to the audit log.
	Citizen(ctx context.Context, id data.ID) (data.Citizen, error)
	SaveCitizen(ctx context.Context, c *data.Citizen) error
	TargetGroups(ctx context.Context) ([]data.TargetGroup, error)
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error)
	Organisation(ctx context.Context) (data.Organisation, error)
	data.CourseStore
	data.GoalStore
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
	data.DraftStore
}

// citizenCPRFinder finds the holder of a CPR number without opening the
// record (so without an audit entry for a citizen nobody looked at).
type citizenCPRFinder interface {
	CitizenIDByCPR(ctx context.Context, number string, except data.ID) (data.ID, error)
}

// citizenLogReader reads one citizen's audit entries (coordinators and
// administrators).
type citizenLogReader interface {
	CitizenLog(ctx context.Context, citizenID data.ID, limit int) ([]data.AuditEntry, error)
}

// citizenStatus filters the list by the citizen's courses.
type citizenStatus int

const (
	citizensActive citizenStatus = iota // with an open course
	citizensEnded                       // with courses, none open
	citizensAll
)

// citizenColumns: name, masked CPR. Course status and mentor go on a second
// line, so long names are not cut off.
var citizenColumns = columns{0, 110}

// citizenRow is one citizen in the list with what the list shows and
// searches, prepared once per load so typing stays fast. It holds the
// citizen's summary, not the record: the record is read when the citizen
// is opened.
type citizenRow struct {
	citizen   data.CitizenSummary
	status    data.CourseStatus // of the course the list shows, when hasCourse
	hasCourse bool
	open      bool   // has a course still running
	mentor    string // the shown course's mentor
	name      string // lower case, for search
	cprDigits string
	phone     string // digits only
}

type citizensScreen struct {
	st  citizensStore
	env env
	// role is the logged-in user's role ("" before setup, when the store
	// runs without users): mentors see no Log tab and create nothing.
	role data.UserRole

	rows     []citizenRow  // every citizen, Danish order
	shown    []*citizenRow // after search and filters; point into rows
	lookups  citizenLookups
	selected data.ID

	search   *keyEntry
	status   *widget.Select
	archived *widget.Check
	count    *widget.Label
	list     *widget.List
	// details holds the selected citizen's page: header and tabs.
	details *fyne.Container
	tabs    *container.AppTabs
	page    *citizenPage
	root    fyne.CanvasObject
	// erase, set for administrators, erases a citizen ("Slet borger").
	erase func(ctx context.Context, id data.ID) error
	// eraseForm is the open confirmation, for tests.
	eraseForm *eraseCitizenForm
	// documents shows a citizen's documents (reports) in the Dokumenter
	// tab; nil shows "Ingen dokumenter endnu". The lead wires it to the
	// reports view.
	documents func(citizenID data.ID) fyne.CanvasObject
	// form is the form opened last, and matching the last mentor
	// suggestions shown; tests reach them here.
	form     *editor
	matching *matchingDialog
	// importer is the citizen import opened last (tests reach it here).
	importer *importer
}

// citizenLookups are the records the rows and details refer to.
type citizenLookups struct {
	mentors        map[data.ID]data.Mentor
	municipalities map[data.ID]data.Municipality
	caseworkers    map[data.ID]data.Caseworker
	targetGroups   map[string]data.TargetGroup
}

func newCitizensScreen(st citizensStore, e env) *citizensScreen {
	s := &citizensScreen{st: st, env: e, count: muted(""), details: container.NewStack()}
	s.search = newKeyEntry(e.keys)
	s.search.SetPlaceHolder(lang.X("citizens.search", "Søg på navn, CPR-cifre eller telefon"))
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.status = widget.NewSelect([]string{
		lang.X("citizens.filter_active", "Aktive"),
		lang.X("citizens.filter_ended", "Afsluttede"),
		lang.X("citizens.filter_all", "Alle"),
	}, func(string) { s.applyFilter() })
	s.status.SetSelectedIndex(int(citizensActive))
	s.archived = widget.NewCheck(lang.X("list.show_archived", "Vis arkiverede"), func(bool) { s.applyFilter() })
	s.list = widget.NewList(func() int { return len(s.shown) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) { s.selectRow(id) }
	return s
}

// build lays the screen out once its role is known.
func (s *citizensScreen) build() *citizensScreen {
	s.root = s.layout()
	return s
}

func (s *citizensScreen) layout() fyne.CanvasObject {
	filters := container.NewHBox(container.New(minWidth(160), s.status), s.archived)
	header := citizenColumns.header(lang.X("citizens.col_name", "Navn"), lang.X("citizens.col_cpr", "CPR-nr."))
	add := widget.NewButtonWithIcon(lang.X("citizen_form.new", "Ny borger"), theme.ContentAddIcon(), s.newCitizen)
	add.Importance = widget.HighImportance
	if s.role == data.RoleMentor {
		add.Hide()
	}
	actions := container.NewHBox(add)
	if imp := s.importButton(); imp != nil {
		actions = container.NewHBox(imp, add)
	}
	title := container.NewBorder(nil, nil, nil, actions, heading(lang.X("nav.citizens", "Borgere")))
	top := container.NewVBox(title, s.search, filters, header)
	left := container.NewBorder(top, s.count, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewPadded(s.details))
	split.Offset = 0.33
	return split
}

func (s *citizensScreen) view() fyne.CanvasObject { return s.root }

// importButton is "Importér borgere" for coordinators and administrators
// (and a database without users yet); nil for mentors or a store that
// cannot import.
func (s *citizensScreen) importButton() *widget.Button {
	st, ok := s.st.(importStore)
	if !ok || s.role == data.RoleMentor {
		return nil
	}
	return widget.NewButtonWithIcon(lang.X("registry.import_citizens", "Importér borgere"), theme.UploadIcon(), func() {
		s.importer = pickImportFile(s.env, st, importCitizens, func() { s.env.showError(s.load(context.Background())) })
	})
}

// keys: Ctrl+N registers a new citizen, Ctrl+F goes to the search field.
func (s *citizensScreen) keys() map[string]func() {
	return map[string]func(){
		keyNew: s.newCitizen,
		keyFind: func() {
			if s.env.window != nil {
				s.env.window.Canvas().Focus(s.search)
			}
		},
	}
}

// open shows one citizen's page, e.g. from Oversigt. The filters are
// widened when they hide the citizen.
func (s *citizensScreen) open(id data.ID) {
	row, ok := s.rowByID(id)
	if !ok {
		s.env.showError(s.load(context.Background()))
		if row, ok = s.rowByID(id); !ok {
			return
		}
	}
	if !containsRow(s.shown, id) {
		s.search.SetText("")
		s.status.SetSelectedIndex(int(citizensAll))
		if row.citizen.Archived {
			s.archived.SetChecked(true)
		}
	}
	for i, r := range s.shown {
		if r.citizen.ID == id {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
}

func containsRow(rows []*citizenRow, id data.ID) bool {
	for _, r := range rows {
		if r.citizen.ID == id {
			return true
		}
	}
	return false
}

func (s *citizensScreen) newRow() fyne.CanvasObject {
	name := cell("")
	name.TextStyle = fyne.TextStyle{Bold: true}
	course := cell("")
	course.SizeName = theme.SizeNameCaptionText
	// The negative padding pulls the two lines together into one entry.
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
		citizenColumns.row(name, cell("")), course)
}

func (s *citizensScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.shown) {
		return
	}
	r := s.shown[id]
	status := lang.X("citizens.no_course", "Intet forløb")
	if r.hasCourse {
		status = courseStatusText(r.status)
	}
	if r.citizen.Archived {
		status = lang.X("list.archived", "Arkiveret")
	}
	if r.mentor != "" {
		status += " · " + r.mentor
	}
	box := o.(*fyne.Container)
	setRow(box.Objects[0], r.citizen.Name, orDash(r.citizen.MaskedCPR()))
	setLabel(box.Objects[1].(*widget.Label), status)
}

func (s *citizensScreen) load(ctx context.Context) error {
	if err := s.loadRows(ctx); err != nil {
		return err
	}
	s.applyFilter()
	return s.showDetails(ctx)
}

// loadRows reads the lookups and the citizens' summaries and makes the
// list's rows, in Danish order. Of the courses only what a row shows is
// kept; the open citizen's page reads their courses itself.
func (s *citizensScreen) loadRows(ctx context.Context) error {
	l, err := s.loadLookups(ctx)
	if err != nil {
		return err
	}
	citizens, err := s.st.CitizenSummaries(ctx, true)
	if err != nil {
		return err
	}
	// The rows show a course's status and mentor only.
	courses, err := s.st.CourseSummaries(ctx)
	if err != nil {
		return err
	}
	s.lookups = l
	shown := shownCourses(courses)
	s.rows = make([]citizenRow, 0, len(citizens))
	for _, c := range citizens {
		s.rows = append(s.rows, s.makeRow(c, shown[c.ID]))
	}
	dk.SortBy(s.rows, func(r citizenRow) string { return r.citizen.Name })
	return nil
}

func (s *citizensScreen) loadLookups(ctx context.Context) (citizenLookups, error) {
	var l citizenLookups
	mentors, err := s.st.Mentors(ctx, true)
	if err != nil {
		return l, err
	}
	municipalities, err := s.st.Municipalities(ctx, true)
	if err != nil {
		return l, err
	}
	caseworkers, err := s.st.Caseworkers(ctx, 0)
	if err != nil {
		return l, err
	}
	groups, err := s.st.TargetGroups(ctx)
	if err != nil {
		return l, err
	}
	l.mentors = byID(mentors, func(m data.Mentor) data.ID { return m.ID })
	l.municipalities = byID(municipalities, func(m data.Municipality) data.ID { return m.ID })
	l.caseworkers = byID(caseworkers, func(c data.Caseworker) data.ID { return c.ID })
	l.targetGroups = map[string]data.TargetGroup{}
	for _, g := range groups {
		l.targetGroups[g.Code] = g
	}
	return l, nil
}

// citizenCourses reads one citizen's courses, newest first, so their
// current course comes first on the page.
func (s *citizensScreen) citizenCourses(ctx context.Context, citizenID data.ID) ([]data.Course, error) {
	courses, err := s.st.Courses(ctx, data.CourseFilter{CitizenID: citizenID})
	if err != nil {
		return nil, err
	}
	sortNewestFirst(courses)
	return courses, nil
}

func sortNewestFirst(courses []data.Course) {
	slices.SortFunc(courses, func(a, b data.Course) int {
		if c := b.OrderedOn.Compare(a.OrderedOn); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
}

// rowCourse is what a list row shows of a citizen's courses.
type rowCourse struct {
	course    data.CourseSummary // the course shown; zero when none
	hasCourse bool
	open      bool
}

// shownCourses picks per citizen the course the list shows: the newest
// running one, else the newest of all (newest as sortNewestFirst orders).
// One pass over the courses, without grouping them per citizen: Borgere
// reads every course of the organisation (18,000 at the largest size).
func shownCourses(courses []data.CourseSummary) map[data.ID]rowCourse {
	out := make(map[data.ID]rowCourse, len(courses))
	for _, c := range courses {
		cur, seen := out[c.CitizenID]
		if !seen || showsBefore(c, cur.course) {
			out[c.CitizenID] = rowCourse{course: c, hasCourse: true, open: c.Status.Open()}
		}
	}
	return out
}

// showsBefore reports whether a citizen's row shows course a rather than
// b: a running course before an ended one, then the newer.
func showsBefore(a, b data.CourseSummary) bool {
	if a.Status.Open() != b.Status.Open() {
		return a.Status.Open()
	}
	if c := a.OrderedOn.Compare(b.OrderedOn); c != 0 {
		return c > 0
	}
	return a.ID > b.ID
}

// makeRow prepares a citizen's row: the shown course's status and mentor,
// and the search keys.
func (s *citizensScreen) makeRow(c data.CitizenSummary, shown rowCourse) citizenRow {
	r := citizenRow{
		citizen:   c,
		hasCourse: shown.hasCourse,
		open:      shown.open,
		status:    shown.course.Status,
		name:      strings.ToLower(c.Name),
		cprDigits: digitsOnly(c.CPR),
		phone:     digitsOnly(c.Phone),
	}
	if r.hasCourse && shown.course.MentorID != 0 {
		r.mentor = s.lookups.mentors[shown.course.MentorID].Name
	}
	return r
}

// applyFilter narrows the list in memory: names will be encrypted in the
// database, so searching there is not possible. Redrawing the list's rows
// (text shaping) is what a keystroke costs, so the list is redrawn only
// when the rows it shows changed.
func (s *citizensScreen) applyFilter() {
	if s.list == nil {
		return // the status Select fires while the screen is being built
	}
	shown := filterCitizens(s.rows, s.search.Text, citizenStatus(s.status.SelectedIndex()), s.archived.Checked)
	count := lang.X("citizens.count", "Viser {{.Shown}} af {{.Total}} borgere", map[string]int{"Shown": len(shown), "Total": len(s.rows)})
	if count != s.count.Text {
		s.count.SetText(count)
	}
	if slices.Equal(shown, s.shown) && s.shown != nil {
		return
	}
	s.shown = shown
	s.list.UnselectAll()
	s.list.Refresh()
	for i, r := range s.shown {
		if r.citizen.ID == s.selected && s.selected != 0 {
			s.list.Select(i)
			break
		}
	}
}

// filterCitizens keeps the rows matching the search text, status and
// archive choice. The rows point into rows, which load keeps unchanged
// until the next load.
func filterCitizens(rows []citizenRow, query string, status citizenStatus, showArchived bool) []*citizenRow {
	q := newCitizenQuery(query)
	out := []*citizenRow{}
	for i := range rows {
		r := &rows[i]
		if r.citizen.Archived && !showArchived {
			continue
		}
		if status == citizensActive && !r.open || status == citizensEnded && (r.open || !r.hasCourse) {
			continue
		}
		if q.matches(r) {
			out = append(out, r)
		}
	}
	return out
}

// citizenQuery is the search text prepared once per keystroke.
type citizenQuery struct {
	text   string // lower case, trimmed
	digits string // the digits, when the text is a number ("" otherwise)
}

func newCitizenQuery(query string) citizenQuery {
	q := citizenQuery{text: strings.ToLower(strings.TrimSpace(query))}
	if strings.TrimFunc(q.text, func(c rune) bool { return unicode.IsDigit(c) || strings.ContainsRune(" -+", c) }) == "" {
		q.digits = digitsOnly(q.text)
	}
	return q
}

// matches: part of the name, or, when the query is a number, part of the
// CPR digits or the phone number (spaces and hyphens ignored).
func (q citizenQuery) matches(r *citizenRow) bool {
	if q.text == "" || strings.Contains(r.name, q.text) {
		return true
	}
	return q.digits != "" && (strings.Contains(r.cprDigits, q.digits) || strings.Contains(r.phone, q.digits))
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func (s *citizensScreen) selectRow(id widget.ListItemID) {
	if id < 0 || id >= len(s.shown) {
		return
	}
	s.selected = s.shown[id].citizen.ID
	err := s.showDetails(context.Background())
	// A second layout gives wrapped texts their final height.
	s.root.Refresh()
	s.env.showError(err)
}

// showDetails draws the selected citizen's page, reading the record fresh
// through the store (so the opening is audited).
func (s *citizensScreen) showDetails(ctx context.Context) error {
	row, ok := s.rowByID(s.selected)
	if !ok {
		s.selected = 0
		s.page = nil
		s.details.Objects = []fyne.CanvasObject{container.NewVBox(
			muted(lang.X("citizens.pick", "Vælg en borger på listen for at se kontaktoplysninger, overleveringsprofil, forløb og timer.")))}
		s.details.Refresh()
		return nil
	}
	// Opening the record goes through the store so that it is logged
	// ("who looked at my data"), and reads it fresh.
	c, err := s.st.Citizen(ctx, row.citizen.ID)
	if err != nil {
		return err
	}
	tab := 0
	if s.page != nil && s.page.citizen.ID == c.ID && s.tabs != nil {
		tab = s.tabs.SelectedIndex()
	}
	p := &citizenPage{s: s, citizen: c}
	if err := p.load(ctx); err != nil {
		return err
	}
	s.page = p
	s.details.Objects = []fyne.CanvasObject{p.build(tab)}
	s.details.Refresh()
	return nil
}

func (s *citizensScreen) rowByID(id data.ID) (citizenRow, bool) {
	for _, r := range s.rows {
		if r.citizen.ID == id && id != 0 {
			return r, true
		}
	}
	return citizenRow{}, false
}

func (s *citizensScreen) targetGroupName(code string) string {
	if g, ok := s.lookups.targetGroups[code]; ok {
		return g.Name
	}
	return code
}

func (s *citizensScreen) contactForm(c data.Citizen) *widget.Form {
	address := strings.TrimSpace(c.Address + ", " + strings.TrimSpace(c.Postcode+" "+c.City))
	language := c.MotherTongue
	if c.InterpreterNeeded {
		language += " " + lang.X("citizens.interpreter", "(tolk nødvendig)")
	}
	return readOnlyForm(
		lang.X("field.address", "Adresse"), strings.Trim(address, ", "),
		lang.X("field.phone", "Telefon"), c.Phone,
		lang.X("field.email", "E-mail"), c.Email,
		lang.X("field.mother_tongue", "Modersmål"), language,
		lang.X("field.target_group", "Målgruppe"), s.targetGroupName(c.TargetGroup),
		lang.X("field.consents", "Samtykker"), consentText(c.Consents),
	)
}

func consentText(c data.Consents) string {
	var parts []string
	if c.VolunteerMentor {
		parts = append(parts, lang.X("consent.volunteer", "frivillig mentor"))
	}
	if c.SMS {
		parts = append(parts, lang.X("consent.sms", "SMS"))
	}
	if c.Email {
		parts = append(parts, lang.X("consent.email", "e-mail"))
	}
	return strings.Join(parts, ", ")
}

func (s *citizensScreen) profileForm(p data.HandoverProfile) fyne.CanvasObject {
	return readOnlyForm(
		lang.X("profile.resources", "Ressourcer"), p.Resources,
		lang.X("profile.competences", "Kompetencer"), p.Competences,
		lang.X("profile.limitations", "Begrænsninger og skånehensyn"), p.Limitations,
		lang.X("profile.everyday", "Udfordringer i hverdagen"), p.Everyday,
		lang.X("profile.what_works", "Hvad virker"), p.WhatWorks,
	)
}

// agreementView shows one agreement: period, grant, hours used of granted
// with a bar, what remains, and the non-billable time apart.
func agreementView(a data.Agreement, h data.Hours, today data.Date) fyne.CanvasObject {
	title := lang.X("agreement.title", "Aftale {{.Period}}", map[string]string{"Period": periodText(a.Start, a.End)})
	if a.ExtendsID != 0 {
		title += " " + lang.X("agreement.extension", "(forlængelse)")
	}
	if today.Within(a.Start, a.End) {
		title += " · " + lang.X("agreement.running", "løbende")
	}
	grant := lang.X("agreement.total", "{{.Hours}} t i alt", map[string]string{"Hours": dk.FormatHours(a.GrantedMin)})
	if a.HoursBasis == data.HoursPerWeek {
		grant = lang.X("agreement.weekly", "{{.Hours}} t pr. uge", map[string]string{"Hours": dk.FormatHours(a.GrantedMin)})
	}
	used := bold(usedOfGranted(h.UsedMin, h.GrantedMin))
	remaining := widget.NewLabel(lang.X("agreement.remaining", "{{.Hours}} t tilbage", map[string]string{"Hours": dk.FormatHours(h.RemainingMin())}))
	if h.RemainingMin() < 0 {
		remaining.SetText(lang.X("agreement.exceeded", "{{.Hours}} t over det bevilgede", map[string]string{"Hours": dk.FormatHours(-h.RemainingMin())}))
		remaining.Importance = widget.DangerImportance
	}
	bar := widget.NewProgressBar()
	bar.SetValue(min(h.UsedShare(), 1))
	bar.TextFormatter = func() string { return percentText(h.UsedShare()) }
	details := muted(lang.X("agreement.details",
		"Bevilget {{.Grant}} · planlagt {{.Planned}} t · gennemførte møder: {{.Held}} · udeblivelser: {{.NoShows}} · ikke faktureret: transport {{.Transport}} t, administration {{.Admin}} t",
		map[string]string{
			"Grant": grant, "Planned": dk.FormatHours(h.PlannedMin), "Held": strconv.Itoa(h.Held),
			"NoShows": strconv.Itoa(h.NoShows), "Transport": dk.FormatHours(h.TransportMin), "Admin": dk.FormatHours(h.AdminMin),
		}))
	return container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), nil, bold(title)),
		container.NewBorder(nil, nil, used, remaining, bar),
		details,
		readOnlyForm(
			lang.X("agreement.goal", "Mål"), a.Goal,
			lang.X("agreement.tasks", "Opgaver"), a.Tasks,
			lang.X("agreement.roles", "Roller"), rolesText(a.Roles),
		),
	)
}

func rolesText(rs data.Roles) string {
	var names []string
	for _, r := range rs.List() {
		names = append(names, roleText(r))
	}
	return strings.Join(names, ", ")
}

func nonEmpty(items ...string) []string {
	var out []string
	for _, it := range items {
		if strings.TrimSpace(it) != "" {
			out = append(out, it)
		}
	}
	return out
}

// citizensScreen shows Borgere and returns its screen, for restoring the
// citizen side's drafts and for opening a citizen from other screens.
func (m *MainWindow) citizensScreen() *citizensScreen {
	m.ShowSection(SectionCitizens)
	s, _ := m.screenFor(SectionCitizens).(*citizensScreen)
	return s
}
