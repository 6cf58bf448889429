package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mentorbog/app/cli"
	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
)

func TestServerAddressNamesTheFieldAndForcesTLSElsewhere(t *testing.T) {
	bad := ServerAddress{Host: "db.kommune.dk:5432", Port: "fem", Database: "", User: "ole hansen"}
	problems := bad.Validate()
	for field, want := range map[string]string{"host": "Vært", "port": "Port", "database": "Database", "user": "Brugernavn"} {
		p, ok := problems.For(field)
		if !ok || !strings.HasPrefix(p.Message, want) {
			t.Errorf("%s: %q, want a message starting with %q", field, p.Message, want)
		}
	}
	remote := ServerAddress{Host: "db.kommune.dk", Port: "5432", Database: "mentorbog", TLS: false}
	if len(remote.Validate()) > 0 {
		t.Fatalf("a good address is refused: %v", remote.Validate())
	}
	if got := remote.URL(); got != "postgres://db.kommune.dk:5432/mentorbog?connect_timeout=10&sslmode=require" {
		t.Errorf("a server elsewhere without the checkbox: %s", got)
	}
	local := ServerAddress{Host: "localhost", Port: "5433", Database: "mb", User: "kontor"}
	if got := local.URL(); got != "postgres://kontor@localhost:5433/mb?connect_timeout=10&sslmode=prefer" {
		t.Errorf("this PC without TLS: %s", got)
	}
	if got := (ServerAddress{Host: "::1", Port: "5432", Database: "mb", TLS: true}).URL(); got != "postgres://[::1]:5432/mb?connect_timeout=10&sslmode=require" {
		t.Errorf("IPv6 with TLS: %s", got)
	}
}

// startApp is a test app whose "local file" is a file in t.TempDir() and
// whose databases are opened the way the real app opens them.
func startApp(t *testing.T) (fyne.App, OpenFunc, string) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	file := filepath.Join(t.TempDir(), "mentorbog.db")
	open := func(addr string) (data.Store, string, error) {
		if addr == "" {
			addr = file
		}
		st, resolved, err := cli.OpenDatabase(addr)
		if err != nil {
			return nil, resolved, err
		}
		return st, resolved, nil
	}
	return a, open, file
}

// eventually waits for a connection made off the UI goroutine.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// closedPort is a loopback port nothing listens on.
const closedPort = "1"

func TestConnectionDialogChoosesAServerAndBack(t *testing.T) {
	a, open, file := startApp(t)
	s := Start(a, StartOptions{Open: open})
	t.Cleanup(s.Close)
	w := s.Window()
	// Most users: nothing chosen, the local file, the setup screen, and a
	// quiet way to another database under it.
	if s.setup == nil || s.addr != file {
		t.Fatalf("first start: setup %v, database %q", s.setup != nil, s.addr)
	}
	windowShows(t, w, "Opret administrator", "Database: lokal fil på denne pc", "Skift database…")

	s.ShowDialog()
	d := s.dialog
	windowShows(t, w, "Lokal fil på denne pc", "Databaseserver (PostgreSQL)")
	if d.kind.Selected != d.fileChoice || d.serverForm.Visible() {
		t.Fatalf("the dialog does not start on the current choice: %q", d.kind.Selected)
	}
	d.kind.SetSelected(d.serverKind)
	if !d.serverForm.Visible() || d.port.Text != "5432" || d.db.Text != "mentorbog" {
		t.Fatalf("server fields: visible %v, port %q, database %q", d.serverForm.Visible(), d.port.Text, d.db.Text)
	}
	// Another machine: TLS is required and cannot be switched off.
	test.Type(d.host, "db.mentorkorps.dk")
	if !d.tls.Checked || !d.tls.Disabled() {
		t.Error("TLS is not forced on for a server elsewhere")
	}
	windowShows(t, w, "Kræv kryptering (TLS) – altid, når serveren ikke er denne pc")
	captureWindow(t, w, "connection-dialog")

	// Bad fields: each named, nothing typed is lost, nothing is opened.
	d.port.SetText("fem")
	d.db.SetText("")
	test.Tap(d.connectB)
	for field, want := range map[string]string{"port": "Port skal være et tal", "database": "Database skal udfyldes"} {
		if l := d.fieldProblems[field]; !l.Visible() || !strings.HasPrefix(l.Text, want) {
			t.Errorf("%s: %q, want %q under the field", field, l.Text, want)
		}
	}
	if d.problems.Visible() {
		t.Errorf("a general message besides the fields' own: %q", d.problems.Text)
	}
	captureWindow(t, w, "connection-dialog-problems")
	if d.host.Text != "db.mentorkorps.dk" || d.port.Text != "fem" || s.addr != file {
		t.Fatalf("the bad fields changed something: host %q port %q database %q", d.host.Text, d.port.Text, s.addr)
	}

	// A server that does not answer: a Danish reason, the dialog stays
	// with what was typed, and the local file stays open.
	d.host.SetText("127.0.0.1")
	if d.tls.Disabled() {
		t.Error("TLS is forced on for this PC")
	}
	d.tls.SetChecked(false)
	d.port.SetText(closedPort)
	d.db.SetText("mentorbog")
	test.Tap(d.connectB)
	s.waitOpen() // the dialog is updated by the connection's goroutine until then
	eventually(t, "the connection to fail", func() bool { return d.connectB.Disabled() == false && d.problems.Visible() })
	if want := "Kan ikke forbinde til databasen mentorbog på 127.0.0.1:1: Der er ingen forbindelse til serveren"; !strings.HasPrefix(d.problems.Text, want) {
		t.Errorf("refused: %q, want %q", d.problems.Text, want)
	}
	captureWindow(t, w, "connection-dialog-refused")
	if s.addr != file || s.store == nil || d.port.Text != closedPort || a.Preferences().String(dbKindPref) == dbKindServer {
		t.Fatalf("a failed connection changed the database (%q) or the saved choice", s.addr)
	}
	test.Tap(d.cancelB)
	windowHides(t, w, "Databaseserver (PostgreSQL)")

	if storetest.Postgres() {
		connectToTestServer(t, a, s, open)
	} else {
		t.Log("MENTORBOG_TEST_PG is not set: the successful server connection is tested when it is")
	}

	// Back to the local file: the dialog remembers the server's fields.
	s.ShowDialog()
	d = s.dialog
	d.kind.SetSelected(d.fileChoice)
	test.Tap(d.connectB)
	if s.addr != file || s.setup == nil {
		t.Fatalf("back to the file: %q", s.addr)
	}
	if a.Preferences().String(dbKindPref) != dbKindFile || SavedDatabase(a.Preferences()) != "" {
		t.Error("the file choice is not remembered")
	}
}

// connectToTestServer connects the dialog to a new database on the test
// server, typed field by field, with the password from PGPASSWORD (the
// dialog never asks for one), and checks what a restart would open.
func connectToTestServer(t *testing.T, a fyne.App, s *Starter, open OpenFunc) {
	t.Helper()
	u, err := url.Parse(storetest.Addr(t, "server.db"))
	must(t, err)
	password, _ := u.User.Password()
	t.Setenv("PGPASSWORD", password)
	s.ShowDialog()
	d := s.dialog
	if d.kind.Selected != d.fileChoice {
		t.Errorf("the dialog offers %q, not the current file", d.kind.Selected)
	}
	d.kind.SetSelected(d.serverKind)
	d.host.SetText(u.Hostname())
	d.port.SetText(u.Port())
	d.db.SetText(strings.TrimPrefix(u.Path, "/"))
	d.user.SetText(u.User.Username())
	d.tls.SetChecked(false)
	test.Tap(d.connectB)
	eventually(t, "the server", func() bool { return isServerAddr(s.addr) })
	w := s.Window()
	windowShows(t, w, "Opret administrator", "Database: "+strings.TrimPrefix(u.Path, "/")+" på "+u.Host)
	captureWindow(t, w, "connection-server-setup")
	prefs := a.Preferences()
	for _, key := range []string{dbKindPref, dbHostPref, dbPortPref, dbNamePref, dbUserPref} {
		if strings.Contains(prefs.String(key), password) {
			t.Errorf("the password is in the preference %s", key)
		}
	}
	// The next start opens the saved server without asking.
	again := Start(a, StartOptions{Open: open})
	t.Cleanup(again.Close)
	eventually(t, "the saved server", func() bool { return again.setup != nil || again.login != nil })
	if !isServerAddr(again.addr) {
		t.Fatalf("the next start opened %q", again.addr)
	}
	again.Close()
}

func TestStartExplainsAServerThatDoesNotAnswerAndOffersAnother(t *testing.T) {
	a, open, file := startApp(t)
	server := "postgres://kontor:hemmelig@127.0.0.1:" + closedPort + "/mentorbog?sslmode=disable&connect_timeout=5"
	s := Start(a, StartOptions{Addr: server, Open: open})
	t.Cleanup(s.Close)
	w := s.Window()
	s.waitOpen() // the window is drawn by the connection's goroutine until then
	eventually(t, "the connection to fail", func() bool { return strings.Contains(windowMarkup(w), "Databasen kan ikke åbnes") })
	// "Prøv igen" tries the same server again, and fails the same way.
	s.problem.SetText("")
	s.connect(server)
	s.waitOpen()
	eventually(t, "the second try to fail", func() bool { return s.problem.Text != "" })
	windowShows(t, w, "Prøv igen", "Skift database…", "Luk Mentorbog")
	if want := "Kan ikke forbinde til databasen mentorbog på 127.0.0.1:1 (bruger kontor): Der er ingen forbindelse til serveren"; !strings.HasPrefix(s.problem.Text, want) {
		t.Errorf("the reason: %q, want %q", s.problem.Text, want)
	}
	windowHides(t, w, "hemmelig")
	captureWindow(t, w, "connection-error")

	// Choose the local file instead: the setup screen follows.
	s.ShowDialog()
	d := s.dialog
	if d.kind.Selected != d.serverKind {
		t.Errorf("the dialog does not start on the server that failed")
	}
	d.kind.SetSelected(d.fileChoice)
	test.Tap(d.connectB)
	if s.addr != file || s.setup == nil {
		t.Fatalf("after choosing the file: %q", s.addr)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("the local file was not made: %v", err)
	}
}

func TestLoginOnTheSavedFileShowsWhereTheDataIs(t *testing.T) {
	a, open, file := startApp(t)
	setUpAdministrator(t, file)
	s := Start(a, StartOptions{Open: open})
	t.Cleanup(s.Close)
	if s.login == nil {
		t.Fatal("no login screen on a database with users")
	}
	w := s.Window()
	windowShows(t, w, "Log ind", "Database: lokal fil på denne pc", "Skift database…")
	captureWindow(t, w, "connection-login")
	// Choosing the open file again keeps it open (a file cannot be opened twice).
	s.ShowDialog()
	test.Tap(s.dialog.connectB)
	if s.login == nil || s.store == nil || s.dialog.problems.Visible() {
		t.Fatalf("choosing the open file again: %q", s.dialog.problems.Text)
	}
}

// TestLoginTurnsTheStartWindowIntoTheMainWindow: after the login the user
// has one window, the one they typed into, now showing Oversigt (a second
// window would cost the GL driver a new context and move on screen).
func TestLoginTurnsTheStartWindowIntoTheMainWindow(t *testing.T) {
	a, open, file := startApp(t)
	setUpAdministrator(t, file)

	windowsBefore := len(a.Driver().AllWindows())
	s := Start(a, StartOptions{Open: open, Now: clock, Language: "da"})
	t.Cleanup(s.Close)
	w := s.Window()
	if s.login == nil {
		t.Fatal("a database with a user does not show the login")
	}
	test.Type(s.login.username, adminUser)
	test.Type(s.login.password, adminPassword)
	s.login.Submit()
	s.login.waitLogin()
	// The test driver has a window of its own: count against it.
	if got := len(a.Driver().AllWindows()); got != windowsBefore+1 || !slices.Contains(a.Driver().AllWindows(), w) {
		t.Fatalf("after the login: %d windows (before the start %d), the start window kept: %v",
			got, windowsBefore, slices.Contains(a.Driver().AllWindows(), w))
	}
	windowShows(t, w, "Oversigt", adminName)
	if sz := w.Canvas().Size(); sz.Width < 1000 {
		t.Errorf("the main window kept the login's size: %v", sz)
	}
}

// setUpAdministrator makes the database file with its administrator, as
// the setup screen would, so the start window shows the login.
func setUpAdministrator(t *testing.T, file string) {
	t.Helper()
	st, _, err := cli.OpenDatabase(file)
	must(t, err)
	_, err = st.Setup(context.Background(), data.User{Username: adminUser, DisplayName: adminName}, adminPassword)
	must(t, err)
	st.Close()
}
