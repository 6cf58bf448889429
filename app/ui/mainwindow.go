// Package ui is Mentorbog's desktop user interface: the main window with its
// navigation and one screen per section. Screens read through narrow
// interfaces (the part of data.Store each needs) and reload whenever they are
// shown, so what the user sees is always what the store holds.
package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/assets"
	"mentorbog/data"
)

// Section names accepted by ShowSection.
const (
	SectionOverview       = "overview"
	SectionCalendar       = "calendar"
	SectionCitizens       = "citizens"
	SectionMentors        = "mentors"
	SectionMunicipalities = "municipalities"
	SectionReports        = "reports"
	SectionSettings       = "settings"
	// SectionUsers is shown to administrators only, so it is not in Sections.
	SectionUsers = "users"
)

// Sections lists the section names in navigation order.
func Sections() []string {
	return []string{SectionOverview, SectionCalendar, SectionCitizens, SectionMentors,
		SectionMunicipalities, SectionReports, SectionSettings}
}

// Options adjusts the main window.
type Options struct {
	// Now is the clock; nil means time.Now. Tests and screenshots pass a
	// fixed time so "today" matches the demo data.
	Now func() time.Time
	// Language is the language in use ("da" or "en") as returned by
	// i18n.Setup; the settings screen shows it.
	Language string
	// IdleLock is the idle time before Mentorbog locks itself (see
	// IdleLockTimeout); 0 means no automatic lock, only the Lås button.
	IdleLock time.Duration
	// Trace records each section's first frame for the start benchmark
	// (trace.go); nil records nothing.
	Trace *StartupTrace
	// Window is the window to show the main window in: the start window
	// after a login, so the user's window stays where it is and the GL
	// driver sets up no second one (about 0.2 s on a software renderer).
	// nil makes a new window.
	Window fyne.Window
}

// screen is one section: a view built once and reloaded each time it is shown.
type screen interface {
	view() fyne.CanvasObject
	load(ctx context.Context) error
}

// section ties a name to its navigation entry and its screen.
type section struct {
	name  string
	title string
	icon  fyne.Resource
	build func() screen
}

// MainWindow is Mentorbog's main window.
type MainWindow struct {
	win      fyne.Window
	env      env
	store    data.Store
	sections []section
	screens  map[string]screen
	nav      *widget.List
	body     *fyne.Container
	current  string
	user     data.User // logged in when the window was built
	lock     *IdleLock
	// restorers reopen a form from its draft, by draft kind (see
	// draftRestorers); filled when the window is built.
	restorers map[string]func(d data.Draft)
	// popSectionKeys removes the keyboard actions of the section on screen.
	popSectionKeys func()
	// openCitizen shows one citizen on the citizen page (connected by the
	// citizen page); nil until then, and callers check.
	openCitizen func(id data.ID)
	// live follows what others change (live.go).
	live *liveUpdates
	// trace records first frames for the start benchmark; usually nil.
	trace *StartupTrace
}

// NewMainWindow builds the main window on a and shows the overview. The
// window is not shown; the caller calls ShowAndRun.
func NewMainWindow(a fyne.App, st data.Store, opt Options) *MainWindow {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	w := opt.Window
	if w == nil {
		w = a.NewWindow(lang.X("app.title", "Mentorbog"))
		w.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	m := &MainWindow{
		win:     w,
		env:     env{window: w, prefs: a.Preferences(), clock: opt.Now, language: opt.Language},
		store:   st,
		screens: map[string]screen{},
		body:    container.NewStack(),
		trace:   opt.Trace,
	}
	m.user, _ = st.CurrentUser()
	m.env.keys = newKeymap(w)
	m.lock = NewIdleLock(w, st, opt.IdleLock, m.Reload)
	m.sections = m.sectionList()
	m.nav = m.buildNav()
	w.SetContent(m.lock.Wrap(container.NewBorder(nil, nil, m.sidebar(), nil, m.body)))
	w.Resize(fyne.NewSize(1200, 760))
	m.ShowSection(SectionOverview)
	m.lock.Start()
	m.restorers = m.draftRestorers()
	m.wireScreens()
	m.followChanges()
	// Open forms keep their drafts when the window closes under them.
	w.SetCloseIntercept(m.closeRequested)
	return m
}

// closeRequested runs when the user closes the window: open forms keep
// their drafts first.
func (m *MainWindow) closeRequested() {
	m.env.keys.all(keyKeep)
	m.stopFollowing()
	m.win.Close()
}

// IdleLock is the window's lock (the Lås button and the automatic lock).
func (m *MainWindow) IdleLock() *IdleLock { return m.lock }

// Reload reloads the section on screen from the store, e.g. after unlocking.
// The section's view is kept, so what is typed in it stays.
func (m *MainWindow) Reload() {
	if m.current != "" {
		m.show(m.current)
	}
}

// Window returns the Fyne window.
func (m *MainWindow) Window() fyne.Window { return m.win }

// ShowSection switches to the named section (see the Section constants) and
// reloads it from the store. Unknown names are ignored.
func (m *MainWindow) ShowSection(name string) {
	for i, s := range m.sections {
		if s.name != name {
			continue
		}
		if m.current == name {
			m.show(name) // Select would not fire again for the selected row
			return
		}
		m.nav.Select(i)
		return
	}
}

// sectionList defines the navigation; each screen gets only its slice of
// the store.
func (m *MainWindow) sectionList() []section {
	e, st := m.env, m.store
	list := []section{
		{SectionOverview, lang.X("nav.overview", "Oversigt"), overviewIcon(),
			func() screen { return m.newOverview() }},
		{SectionCalendar, lang.X("nav.calendar", "Kalender"), theme.CalendarIcon(),
			func() screen { return m.newCalendar() }},
		{SectionCitizens, lang.X("nav.citizens", "Borgere"), theme.AccountIcon(),
			func() screen { return m.newCitizens() }},
		{SectionMentors, lang.X("nav.mentors", "Mentorer"), mentorsIcon(),
			func() screen { return newMentorsScreen(st, e) }},
		{SectionMunicipalities, lang.X("nav.municipalities", "Kommuner"), municipalityIcon(),
			func() screen { return newMunicipalitiesScreen(st, e) }},
		{SectionReports, lang.X("nav.reports", "Rapporter"), reportsIcon(),
			func() screen { return newReportsScreen(st, e) }},
		{SectionSettings, lang.X("nav.settings", "Indstillinger"), theme.SettingsIcon(),
			func() screen { return newSettingsScreen(st, e) }},
	}
	if m.user.Role == data.RoleAdministrator {
		users := section{SectionUsers, lang.X("nav.users", "Brugere"), usersIcon(),
			func() screen { return newUsersScreen(st, e) }}
		security := section{SectionSecurity, lang.X("nav.security", "Sikkerhed"), securityIcon(),
			func() screen { return newSecurityScreen(st, e) }}
		list = slices.Insert(list, len(list)-1, users, security) // before Indstillinger
	}
	return list
}

// isAdmin tells whether the logged-in user is an administrator.
func (m *MainWindow) isAdmin() bool { return m.user.Role == data.RoleAdministrator }

// newOverview is the overview; administrators also see a warning when the
// newest backup is old or missing, which opens Sikkerhed.
func (m *MainWindow) newOverview() screen {
	s := newOverviewScreen(m.store, m.env)
	m.wireOverview(s)
	if _, ok := m.store.(backupStore); ok && m.isAdmin() {
		s.notice = func(ctx context.Context) string {
			c, err := loadBackupConfig(ctx, m.store, m.env.prefs)
			if err != nil {
				return ""
			}
			return backupWarning(c.dir, m.env.now())
		}
		s.onNotice = func() {
			m.ShowSection(SectionSecurity)
			if sec, ok := m.screens[SectionSecurity].(*securityScreen); ok && sec.backups != nil {
				sec.selectTab(sec.backups.view())
			}
		}
	}
	return s
}

// newCitizens is the citizen screen; administrators can erase a citizen.
func (m *MainWindow) newCitizens() screen {
	s := newCitizensScreen(m.store, m.env)
	s.role = m.user.Role
	s.documents = m.citizenDocuments
	if er, ok := m.store.(citizenEraser); ok && m.isAdmin() {
		s.erase = er.EraseCitizen
	}
	return s.build()
}

func (m *MainWindow) buildNav() *widget.List {
	nav := widget.NewList(
		func() int { return len(m.sections) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), nil, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(m.sections[id].title)
			c.Objects[1].(*widget.Icon).SetResource(m.sections[id].icon)
		},
	)
	nav.OnSelected = func(id widget.ListItemID) { m.show(m.sections[id].name) }
	return nav
}

// sidebar is the app mark, the organisation's name and the navigation.
func (m *MainWindow) sidebar() fyne.CanvasObject {
	logo := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSquareSize(36))
	title := bold(lang.X("app.title", "Mentorbog"))
	title.SizeName = theme.SizeNameSubHeadingText
	org := cell("")
	if o, err := m.store.Organisation(context.Background()); err == nil {
		org.SetText(o.Name)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, logo, nil, title),
		org,
		widget.NewSeparator(),
	)
	side := container.NewBorder(top, m.userBox(), nil, nil, m.nav)
	return container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.New(minWidth(200), side))
}

// keyed is a screen with keyboard actions of its own (keyNew, keyFind),
// active while it is on screen.
type keyed interface {
	keys() map[string]func()
}

// show puts a section on screen and reloads it.
func (m *MainWindow) show(name string) {
	s := m.screenFor(name)
	if s == nil {
		return
	}
	if m.popSectionKeys != nil {
		m.popSectionKeys()
		m.popSectionKeys = nil
	}
	if k, ok := s.(keyed); ok {
		m.popSectionKeys = m.env.keys.push(k.keys())
	}
	m.current = name
	m.body.Objects = []fyne.CanvasObject{s.view()}
	// Sized for its load, not refreshed: nothing is drawn before the load
	// returns (it runs on this goroutine), and refreshing the view's old
	// widgets here, which the load may replace, cost Oversigt a third of
	// its first frame (every line's text shaped again).
	m.body.Layout.Layout(m.body.Objects, m.body.Size())
	err := s.load(context.Background())
	// Wrapped labels learn their width in the first layout and their height
	// in the next: lay out again now the data is in.
	m.body.Refresh()
	if mark := m.trace.marker(name); mark != nil {
		m.body.Add(mark) // after the (synchronous) load: its first frame shows the data
	}
	m.env.showError(err)
}

// screenFor builds a screen the first time it is needed, so starting the app
// does not pay for screens the user never opens.
func (m *MainWindow) screenFor(name string) screen {
	if s, ok := m.screens[name]; ok {
		return s
	}
	for _, sec := range m.sections {
		if sec.name == name {
			s := sec.build()
			m.screens[name] = s
			return s
		}
	}
	return nil
}

// userBox is the logged-in user with "Skift adgangskode" and "Lås" at the
// foot of the navigation; nothing when no one is logged in (a database
// without users, as in tests of single screens).
func (m *MainWindow) userBox() fyne.CanvasObject {
	if m.user.Username == "" {
		return nil
	}
	name := cell(orDash(m.user.DisplayName))
	name.TextStyle = fyne.TextStyle{Bold: true}
	role := cell(userRoleLabel(m.user.Role))
	role.SizeName = theme.SizeNameCaptionText
	password := widget.NewButtonWithIcon(lang.X("password.change", "Skift adgangskode"), theme.AccountIcon(), func() {
		showChangePassword(m.store, m.win)
	})
	password.Importance = widget.LowImportance
	password.Alignment = widget.ButtonAlignLeading
	lock := widget.NewButtonWithIcon(lang.X("lock.now", "Lås"), lockIcon(), func() { m.lock.LockNow() })
	return container.NewVBox(widget.NewSeparator(), name, role, password, lock)
}
