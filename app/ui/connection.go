package ui

import (
	"context"
	"net"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/assets"
	"mentorbog/data"
)

// Preference keys of the connection dialog. The password is never kept:
// it is the user's login password (or PGPASSWORD / .pgpass).
const (
	dbKindPref = "database.kind" // dbKindFile or dbKindServer
	dbHostPref = "database.host"
	dbPortPref = "database.port"
	dbNamePref = "database.name"
	dbUserPref = "database.user"
	dbTLSPref  = "database.tls"

	dbKindFile   = "file"
	dbKindServer = "server"
)

// connectTimeout bounds how long a start waits for a server that does not
// answer, so an unplugged cable gives a message rather than a frozen window.
const connectTimeout = 10

// ServerAddress is a PostgreSQL server as the connection dialog asks for it.
type ServerAddress struct {
	Host, Port, Database string
	// User is empty when each Mentorbog user connects as their own role.
	User string
	// TLS requires an encrypted connection; always on for another machine.
	TLS bool
}

// Validate names each field that cannot make an address, in Danish.
func (a ServerAddress) Validate() data.Problems {
	var p data.Problems
	add := func(field, msg string) { p = append(p, data.FieldError{Field: field, Message: msg}) }
	host := strings.TrimSpace(a.Host)
	switch {
	case host == "":
		add("host", lang.X("connection.host_missing", "Vært skal udfyldes, fx db.mentorkorps.dk."))
	case strings.ContainsAny(host, " /@?#") || (strings.Contains(host, ":") && net.ParseIP(host) == nil):
		add("host", lang.X("connection.host_bad", "Vært skal være et navn eller en IP-adresse, uden port."))
	}
	if port, err := strconv.Atoi(strings.TrimSpace(a.Port)); err != nil || port < 1 || port > 65535 {
		add("port", lang.X("connection.port_bad", "Port skal være et tal fra 1 til 65535, normalt 5432."))
	}
	switch db := strings.TrimSpace(a.Database); {
	case db == "":
		add("database", lang.X("connection.database_missing", "Database skal udfyldes, fx mentorbog."))
	case strings.ContainsAny(db, " /?#"):
		add("database", lang.X("connection.database_bad", "Database må ikke indeholde mellemrum, / eller ?."))
	}
	if strings.ContainsAny(strings.TrimSpace(a.User), " /@:?#") {
		add("user", lang.X("connection.user_bad", "Brugernavn må ikke indeholde mellemrum, /, @ eller :."))
	}
	return p
}

// URL is the postgres:// address, without a password. A server elsewhere
// always gets sslmode=require, whatever the checkbox says.
func (a ServerAddress) URL() string {
	host := strings.TrimSpace(a.Host)
	u := url.URL{Scheme: "postgres", Host: net.JoinHostPort(host, strings.TrimSpace(a.Port)), Path: "/" + strings.TrimSpace(a.Database)}
	if user := strings.TrimSpace(a.User); user != "" {
		u.User = url.User(user)
	}
	mode := "prefer"
	if a.TLS || !isLocalServer(host) {
		mode = "require"
	}
	q := url.Values{}
	q.Set("sslmode", mode)
	q.Set("connect_timeout", strconv.Itoa(connectTimeout))
	u.RawQuery = q.Encode()
	return u.String()
}

// isLocalServer tells whether host is this PC, where TLS is not required.
func isLocalServer(host string) bool {
	host = strings.TrimSpace(host)
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// savedServer is the server last chosen in the dialog (or the defaults).
func savedServer(p fyne.Preferences) ServerAddress {
	return ServerAddress{
		Host:     p.String(dbHostPref),
		Port:     p.StringWithFallback(dbPortPref, "5432"),
		Database: p.StringWithFallback(dbNamePref, "mentorbog"),
		User:     p.String(dbUserPref),
		TLS:      p.BoolWithFallback(dbTLSPref, true),
	}
}

// SavedDatabase is the database chosen in the connection dialog: a
// postgres:// address, or "" for the local file (also when nothing was
// ever chosen, as for most users).
func SavedDatabase(p fyne.Preferences) string {
	if p.String(dbKindPref) != dbKindServer {
		return ""
	}
	a := savedServer(p)
	if len(a.Validate()) > 0 {
		return ""
	}
	return a.URL()
}

// saveChoice remembers the dialog's choice; the server fields are kept
// when the file is chosen, so switching back needs no retyping.
func saveChoice(p fyne.Preferences, server bool, a ServerAddress) {
	if !server {
		p.SetString(dbKindPref, dbKindFile)
		return
	}
	p.SetString(dbKindPref, dbKindServer)
	p.SetString(dbHostPref, strings.TrimSpace(a.Host))
	p.SetString(dbPortPref, strings.TrimSpace(a.Port))
	p.SetString(dbNamePref, strings.TrimSpace(a.Database))
	p.SetString(dbUserPref, strings.TrimSpace(a.User))
	p.SetBool(dbTLSPref, a.TLS)
}

// isServerAddr tells a postgres:// address from a file path.
func isServerAddr(addr string) bool {
	lower := strings.ToLower(strings.TrimSpace(addr))
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// describeDatabase is the one line under the login that says where the
// data is: the file, or the server and database (never user or password).
func describeDatabase(addr string) string {
	if !isServerAddr(addr) {
		return lang.X("connection.current_file", "Database: lokal fil på denne pc")
	}
	u, err := url.Parse(addr)
	if err != nil {
		return lang.X("connection.current_server_unknown", "Database: databaseserver")
	}
	return lang.X("connection.current_server", "Database: {{.Database}} på {{.Host}}",
		map[string]string{"Database": strings.TrimPrefix(u.Path, "/"), "Host": u.Host})
}

// OpenFunc opens a database address ("" is the local file) and returns it
// with the address it resolved to; its error reads as a Danish message.
type OpenFunc func(addr string) (data.Store, string, error)

// StartOptions is what the start of the GUI needs from package main.
type StartOptions struct {
	// Addr is the database named by --db or MENTORBOG_DB. Empty lets the
	// connection dialog's saved choice decide, else the local file.
	Addr string
	// Open opens a database (see cli.OpenDatabase).
	Open OpenFunc
	// OpenFileError shows why a local file could not be opened (with the
	// offer of a backup); nil shows the plain message.
	OpenFileError func(w fyne.Window, message, path string)
	// Language and Now are passed on to the main window.
	Language string
	Now      func() time.Time
	// Trace records the first frames of the login and the main window's
	// sections for the start benchmark; nil (the normal case) records nothing.
	Trace *StartupTrace
}

// Starter is the start window: it opens the database, shows the setup or
// login screen with a "Skift database…" link, and opens the main window.
type Starter struct {
	app   fyne.App
	opts  StartOptions
	win   fyne.Window
	store data.Store
	addr  string // the resolved address of store, or of the failed attempt
	// requested is the address store was opened from ("" = the local file).
	requested string

	dialog  *ConnectionDialog // the open connection dialog, for tests
	problem *widget.Label     // why the database could not be opened
	login   *LoginScreen
	setup   *SetupScreen
	// opened is called with the main window; tests replace it.
	opened func(data.User)
	// opening counts the server connections being opened (waitOpen).
	opening sync.WaitGroup
}

// Start builds the start window and opens the database in it. Show the
// window and run the app; call Close afterwards.
func Start(a fyne.App, opts StartOptions) *Starter {
	s := &Starter{app: a, opts: opts}
	s.win = a.NewWindow(lang.X("app.title", "Mentorbog"))
	s.win.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	s.opened = s.openMainWindow
	addr := opts.Addr
	if addr == "" {
		addr = SavedDatabase(a.Preferences())
	}
	s.connect(addr)
	s.win.CenterOnScreen()
	return s
}

// Window is the start window.
func (s *Starter) Window() fyne.Window { return s.win }

// Close closes the open database.
func (s *Starter) Close() {
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
}

// open opens addr, off the UI goroutine for a server (connecting may take
// seconds), and calls done on the UI goroutine.
func (s *Starter) open(addr string, done func(st data.Store, resolved string, err error)) {
	if !isServerAddr(addr) {
		st, resolved, err := s.opts.Open(addr)
		done(st, resolved, err)
		return
	}
	s.opening.Add(1)
	go func() {
		defer s.opening.Done()
		st, resolved, err := s.opts.Open(addr)
		fyne.Do(func() { done(st, resolved, err) })
	}()
}

// waitOpen waits for the server connections open started (tests: Fyne's
// test driver runs fyne.Do on the calling goroutine, so the window must
// not be read while one is being shown).
func (s *Starter) waitOpen() { s.opening.Wait() }

// connect opens the database the window starts with.
func (s *Starter) connect(addr string) {
	if isServerAddr(addr) {
		s.showWaiting(addr)
	}
	s.open(addr, func(st data.Store, resolved string, err error) {
		s.addr = resolved
		if err != nil {
			s.showError(addr, resolved, err)
			return
		}
		s.use(st, addr, resolved)
	})
}

// reopen is open for the dialog: choosing the database that is open
// already keeps it (a SQLite file cannot be opened twice).
func (s *Starter) reopen(addr string, done func(data.Store, string, error)) {
	if s.store != nil && addr == s.requested {
		done(s.store, s.addr, nil)
		return
	}
	s.open(addr, done)
}

// use makes st the database of the start window, closing the previous one.
func (s *Starter) use(st data.Store, requested, resolved string) {
	if st != s.store {
		s.Close()
	}
	s.store, s.requested, s.addr = st, requested, resolved
	s.showEntry()
}

func (s *Starter) showWaiting(addr string) {
	bar := widget.NewProgressBarInfinite()
	s.win.SetContent(centeredCard(container.NewVBox(
		brandHeader(lang.X("connection.connecting_title", "Forbinder")),
		wrapped(lang.X("connection.connecting", "Forbinder til databaseserveren …")),
		muted(describeDatabase(addr)),
		bar,
	), 420))
	s.win.Resize(fyne.NewSize(560, 420))
}

// showEntry shows the setup screen on a new database, else the login.
func (s *Starter) showEntry() {
	needed, err := s.store.SetupNeeded(context.Background())
	if err != nil {
		s.showError(s.addr, s.addr, err)
		return
	}
	s.login, s.setup = nil, nil
	if needed {
		s.setup = NewSetupScreen(s.store, s.win, s.opened)
		s.win.SetContent(s.withDatabaseLink(s.setup.Content()))
		s.win.Resize(fyne.NewSize(720, 800))
		s.setup.Focus()
		return
	}
	s.login = NewLoginScreen(s.store, s.win, s.opened)
	s.win.SetContent(s.opts.Trace.withMarker("login", s.withDatabaseLink(s.login.Content())))
	s.win.Resize(fyne.NewSize(560, 560))
	s.login.Focus()
}

// withDatabaseLink puts a quiet line under a start screen: where the data
// is, and the way to another database. Most users never need it.
func (s *Starter) withDatabaseLink(content fyne.CanvasObject) fyne.CanvasObject {
	link := widget.NewHyperlink(lang.X("connection.change", "Skift database…"), nil)
	link.OnTapped = s.ShowDialog
	where := muted(describeDatabase(s.addr))
	where.Wrapping = fyne.TextWrapOff
	footer := container.NewHBox(layout.NewSpacer(), where, link, layout.NewSpacer())
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), footer), nil, nil, content)
}

// showError explains why the database could not be opened. A local file
// keeps its own window (with the offer of a backup); for a server the user
// can try again or choose another database.
func (s *Starter) showError(addr, resolved string, err error) {
	if !isServerAddr(addr) && s.opts.OpenFileError != nil {
		s.win.SetContent(s.withDatabaseLink(layout.NewSpacer()))
		s.win.Resize(fyne.NewSize(720, 420))
		s.opts.OpenFileError(s.win, err.Error(), resolved)
		return
	}
	msg := wrapped(err.Error())
	msg.Importance = widget.DangerImportance
	s.problem = msg
	retry := widget.NewButtonWithIcon(lang.X("connection.retry", "Prøv igen"), theme.ViewRefreshIcon(), func() { s.connect(addr) })
	change := widget.NewButtonWithIcon(lang.X("connection.change", "Skift database…"), theme.StorageIcon(), s.ShowDialog)
	change.Importance = widget.HighImportance
	quit := widget.NewButtonWithIcon(lang.X("connection.quit", "Luk Mentorbog"), theme.CancelIcon(), s.app.Quit)
	s.win.SetContent(centeredCard(container.NewVBox(
		brandHeader(lang.X("connection.error_title", "Databasen kan ikke åbnes")),
		msg,
		container.NewHBox(layout.NewSpacer(), quit, retry, change),
	), 560))
	s.win.Resize(fyne.NewSize(720, 460))
}

// ShowDialog opens the connection dialog over the start window.
func (s *Starter) ShowDialog() {
	s.dialog = newConnectionDialog(s.win, s.app.Preferences(), s.addr, s.reopen, func(st data.Store, requested, resolved string) {
		s.use(st, requested, resolved)
	})
	s.dialog.show()
}

// openMainWindow turns the start window into the main window after a
// login or the setup.
func (s *Starter) openMainWindow(data.User) {
	ctx := context.Background()
	// The login's Argon2id derivation left a 32 MiB block of garbage and a
	// GC goal twice the heap it was live in: without a collection now, the
	// next one comes only after Oversigt has grown the heap to that goal.
	debug.FreeOSMemory()
	// After the collection: the start probe (build/bench/startprobe) counts
	// the memory peak from here as the app's with its data, apart from the
	// login's.
	s.opts.Trace.event("login-ok")
	// The main window takes over the start window (see Options.Window).
	mw := NewMainWindow(s.app, s.store, Options{Now: s.opts.Now, Language: s.opts.Language,
		IdleLock: IdleLockTimeout(ctx, s.store), Trace: s.opts.Trace, Window: s.win})
	s.win.CenterOnScreen()
	mw.StartAutoBackup()
	mw.OfferDrafts()
}

// ConnectionDialog chooses the database: the local file or a server.
type ConnectionDialog struct {
	win   fyne.Window
	prefs fyne.Preferences
	open  func(addr string, done func(data.Store, string, error))
	done  func(st data.Store, requested, resolved string)

	kind                   *widget.RadioGroup
	host, port, db, user   *widget.Entry
	tls                    *widget.Check
	serverForm             *fyne.Container
	problems               *widget.Label
	connectB, cancelB      *widget.Button
	progress               *widget.ProgressBarInfinite
	dlg                    *dialog.CustomDialog
	fieldProblems          map[string]*widget.Label
	fileChoice, serverKind string
	// cancelled: a connection that succeeds after Annullér is closed again.
	cancelled bool
}

func newConnectionDialog(win fyne.Window, prefs fyne.Preferences, current string,
	open func(string, func(data.Store, string, error)), done func(st data.Store, requested, resolved string)) *ConnectionDialog {
	d := &ConnectionDialog{win: win, prefs: prefs, open: open, done: done, problems: problemLabel(),
		fieldProblems: map[string]*widget.Label{}}
	d.fileChoice = lang.X("connection.kind_file", "Lokal fil på denne pc")
	d.serverKind = lang.X("connection.kind_server", "Databaseserver (PostgreSQL)")
	saved := savedServer(prefs)
	d.host = d.entry(saved.Host, "db.mentorkorps.dk")
	d.port = d.entry(saved.Port, "5432")
	d.db = d.entry(saved.Database, "mentorbog")
	d.user = d.entry(saved.User, lang.X("connection.user_placeholder", "tom: dit eget Mentorbog-login"))
	d.tls = widget.NewCheck(lang.X("connection.tls", "Kræv kryptering (TLS)"), nil)
	d.tls.SetChecked(saved.TLS)
	d.host.OnChanged = func(string) { d.clear(); d.followHost() }
	d.followHost()
	d.serverForm = container.NewVBox(widget.NewForm(
		d.formItem("host", lang.X("connection.host", "Vært"), d.host),
		d.formItem("port", lang.X("connection.port", "Port"), d.port),
		d.formItem("database", lang.X("connection.database", "Database"), d.db),
		d.formItem("user", lang.X("connection.user", "Brugernavn (valgfrit)"), d.user),
		widget.NewFormItem("", d.tls),
	), muted(lang.X("connection.password_note", "Adgangskoden er den, du logger ind i Mentorbog med; den gemmes ikke her.")))
	d.kind = widget.NewRadioGroup([]string{d.fileChoice, d.serverKind}, func(string) { d.clear(); d.showKind() })
	d.kind.Required = true
	if isServerAddr(current) || (current == "" && prefs.String(dbKindPref) == dbKindServer) {
		d.kind.SetSelected(d.serverKind)
	} else {
		d.kind.SetSelected(d.fileChoice)
	}
	d.progress = widget.NewProgressBarInfinite()
	d.progress.Stop()
	d.progress.Hide()
	d.cancelB = widget.NewButtonWithIcon(lang.X("connection.cancel", "Annullér"), theme.CancelIcon(), func() {
		d.cancelled = true
		d.dlg.Hide()
	})
	d.connectB = widget.NewButtonWithIcon(lang.X("connection.connect", "Forbind"), theme.ConfirmIcon(), d.Connect)
	d.connectB.Importance = widget.HighImportance
	body := container.NewVBox(
		wrapped(lang.X("connection.intro", "Hvor ligger Mentorbogs data? De fleste bruger den lokale fil. En databaseserver bruges, når mange arbejder i de samme data fra flere pc'er.")),
		d.kind, d.serverForm, d.problems, d.progress,
	)
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("connection.title", "Database"), body, win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancelB, d.connectB})
	d.showKind()
	return d
}

func (d *ConnectionDialog) entry(text, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { d.clear() }
	e.OnSubmitted = func(string) { d.Connect() }
	return e
}

// formItem is a form row with the field's own message under it.
func (d *ConnectionDialog) formItem(field, label string, e *widget.Entry) *widget.FormItem {
	p := problemLabel()
	// One line: a wrapped label in a form row is cut off (its height is
	// not known when the form lays out), and the messages are short.
	p.Wrapping = fyne.TextWrapOff
	d.fieldProblems[field] = p
	return widget.NewFormItem(label, container.NewVBox(e, p))
}

func (d *ConnectionDialog) show() {
	d.dlg.Show()
	d.resize()
	if d.server() {
		d.win.Canvas().Focus(d.host)
	}
}

// resize fits the dialog to its content. Twice: a wrapped message knows its
// height only once it has been laid out at the dialog's width.
func (d *ConnectionDialog) resize() {
	d.dlg.Resize(fyne.NewSize(620, 0))
	d.dlg.Resize(fyne.NewSize(620, 0))
}

func (d *ConnectionDialog) server() bool { return d.kind.Selected == d.serverKind }

func (d *ConnectionDialog) showKind() {
	if d.server() {
		d.serverForm.Show()
	} else {
		d.serverForm.Hide()
	}
	if d.dlg != nil {
		d.resize()
	}
}

// followHost forces TLS on for a server that is not this PC.
func (d *ConnectionDialog) followHost() {
	if host := strings.TrimSpace(d.host.Text); host != "" && !isLocalServer(host) {
		d.tls.SetChecked(true)
		d.tls.Disable()
		d.tls.Text = lang.X("connection.tls_forced", "Kræv kryptering (TLS) – altid, når serveren ikke er denne pc")
		d.tls.Refresh()
		return
	}
	d.tls.Enable()
	d.tls.Text = lang.X("connection.tls", "Kræv kryptering (TLS)")
	d.tls.Refresh()
}

// address is what the fields say.
func (d *ConnectionDialog) address() ServerAddress {
	return ServerAddress{Host: d.host.Text, Port: d.port.Text, Database: d.db.Text, User: d.user.Text, TLS: d.tls.Checked}
}

func (d *ConnectionDialog) clear() {
	setProblem(d.problems, "")
	for _, l := range d.fieldProblems {
		setProblem(l, "")
	}
}

// Connect checks the fields and opens the chosen database. On failure the
// dialog stays with everything typed and the reason; on success the choice
// is remembered and the start window switches to the new database.
func (d *ConnectionDialog) Connect() {
	d.clear()
	addr := ""
	if d.server() {
		a := d.address()
		if problems := a.Validate(); len(problems) > 0 {
			for _, p := range problems {
				setProblem(d.fieldProblems[p.Field], p.Message)
			}
			d.resize()
			return
		}
		addr = a.URL()
	}
	d.busy(true)
	d.cancelled = false
	d.open(addr, func(st data.Store, resolved string, err error) {
		d.busy(false)
		if d.cancelled {
			if st != nil {
				st.Close()
			}
			return
		}
		if err != nil {
			setProblem(d.problems, err.Error())
			d.resize()
			return
		}
		saveChoice(d.prefs, d.server(), d.address())
		d.dlg.Hide()
		d.done(st, addr, resolved)
	})
}

func (d *ConnectionDialog) busy(on bool) {
	if on {
		d.connectB.Disable()
		d.progress.Show()
		d.progress.Start()
		return
	}
	d.connectB.Enable()
	d.progress.Stop()
	d.progress.Hide()
}
