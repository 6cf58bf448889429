package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/sqlstore"
)

// The administrator created by adminStore.
const (
	adminUser     = "admin"
	adminName     = "Anne Andersen"
	adminPassword = "korrekt hest batteri"
)

// adminStore opens an empty database and creates the administrator, who is
// then logged in. It returns the recovery key.
func adminStore(t *testing.T) (*sqlstore.Store, string) {
	t.Helper()
	st := openStore(t)
	key, err := st.Setup(context.Background(), data.User{Username: adminUser, DisplayName: adminName}, adminPassword)
	must(t, err)
	return st, key
}

// demoStore is adminStore filled with the demo organisation.
func demoStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	st, _ := adminStore(t)
	_, err := demo.Generate(context.Background(), st, demo.Config{Seed: 1, Today: data.DateOf(fixedNow)})
	if err != nil {
		t.Fatalf("demo.Generate after Setup: %v", err)
	}
	return st
}

// newStartWindow is a window the size main.go gives the start screens.
func newStartWindow(t *testing.T, size fyne.Size) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	w := a.NewWindow("Mentorbog")
	w.Resize(size)
	t.Cleanup(w.Close)
	return w
}

func windowMarkup(w fyne.Window) string { return test.RenderToMarkup(w.Canvas()) }

func windowShows(t *testing.T, w fyne.Window, texts ...string) {
	t.Helper()
	out := windowMarkup(w)
	for _, s := range texts {
		if !strings.Contains(out, s) {
			t.Errorf("window does not show %q", s)
		}
	}
}

func windowHides(t *testing.T, w fyne.Window, texts ...string) {
	t.Helper()
	out := windowMarkup(w)
	for _, s := range texts {
		if strings.Contains(out, s) {
			t.Errorf("window shows %q, which it must not", s)
		}
	}
}

// captureWindow is capture for any window.
func captureWindow(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("MENTORBOG_SHOTS")
	if dir == "" {
		return
	}
	must(t, os.MkdirAll(dir, 0o755))
	f, err := os.Create(filepath.Join(dir, name+".png"))
	must(t, err)
	defer f.Close()
	must(t, png.Encode(f, w.Canvas().Capture()))
}

func tap(b *widget.Button) { test.Tap(b) }

func TestLoginScreen(t *testing.T) {
	st, _ := adminStore(t)
	st.Lock()
	w := newStartWindow(t, fyne.NewSize(560, 520))
	var got *data.User
	s := NewLoginScreen(st, w, func(u data.User) { got = &u })
	w.SetContent(s.Content())
	s.Focus()
	if w.Canvas().Focused() != s.username {
		t.Error("the username field does not have the cursor")
	}
	windowShows(t, w, "Log ind", "Brugernavn", "Adgangskode", "Glemt adgangskode?")
	captureWindow(t, w, "login")

	// Empty fields are caught without asking the store.
	tap(s.submit)
	s.waitLogin()
	windowShows(t, w, "Skriv dit brugernavn.")

	// Unknown user and wrong password read the same; the username stays.
	test.Type(s.username, "nobody")
	test.Type(s.password, "forkert forkert")
	s.password.OnSubmitted(s.password.Text) // Enter
	s.waitLogin()
	windowShows(t, w, "Forkert brugernavn eller adgangskode.")
	s.username.SetText(adminUser)
	for i := 1; i < data.MaxFailedLogins; i++ {
		test.Type(s.password, "forkert forkert")
		tap(s.submit)
		s.waitLogin()
		if s.username.Text != adminUser || s.password.Text != "" {
			t.Fatalf("attempt %d: username %q, password %q; want the username kept and the password cleared", i, s.username.Text, s.password.Text)
		}
		if s.msg.Text != "Forkert brugernavn eller adgangskode." {
			t.Errorf("attempt %d: message %q", i, s.msg.Text)
		}
	}
	test.Type(s.password, "forkert forkert")
	tap(s.submit)
	s.waitLogin()
	if !strings.HasPrefix(s.msg.Text, "Kontoen er låst efter 5 forkerte forsøg. Prøv igen kl. ") {
		t.Errorf("after %d failures: %q", data.MaxFailedLogins, s.msg.Text)
	}
	captureWindow(t, w, "login-locked-account")
	// Even the right password is refused while the account is locked.
	test.Type(s.password, adminPassword)
	tap(s.submit)
	s.waitLogin()
	if got != nil || !strings.HasPrefix(s.msg.Text, "Kontoen er låst") {
		t.Errorf("logged in during the lockout: %q", s.msg.Text)
	}
	if _, ok := st.CurrentUser(); ok {
		t.Error("the store is unlocked during the lockout")
	}
}

func TestLoginOpensMainWindow(t *testing.T) {
	st := demoStore(t)
	st.Lock()
	w := newStartWindow(t, fyne.NewSize(560, 520))
	var got data.User
	s := NewLoginScreen(st, w, func(u data.User) { got = u })
	w.SetContent(s.Content())
	test.Type(s.username, adminUser)
	s.username.OnSubmitted(s.username.Text) // Enter with no password moves on
	if w.Canvas().Focused() != s.password {
		t.Error("Enter in the username field did not move to the password")
	}
	test.Type(s.password, adminPassword)
	s.password.OnSubmitted(s.password.Text)
	s.waitLogin()
	if got.Username != adminUser || got.Role != data.RoleAdministrator {
		t.Fatalf("logged in as %+v", got)
	}
	m := newWindow(t, st)
	org, err := st.Organisation(context.Background())
	must(t, err)
	assertShows(t, m, org.Name, "Aktive forløb", adminName, "Administrator", "Lås", "Brugere")
	m.ShowSection(SectionCitizens)
	if len(m.screens[SectionCitizens].(*citizensScreen).shown) == 0 {
		t.Error("no citizens after login")
	}
}

func TestForgotPassword(t *testing.T) {
	st, key := adminStore(t)
	st.Lock()
	w := newStartWindow(t, fyne.NewSize(640, 620))
	var got *data.User
	s := NewLoginScreen(st, w, func(u data.User) { got = &u })
	w.SetContent(s.Content())
	test.Type(s.username, adminUser)
	test.TapAt(s.forgot, fyne.NewPos(s.forgot.Size().Width/2, s.forgot.Size().Height/2))
	f := s.recovery
	if f == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Glemt adgangskode? opened no dialog")
	}
	if f.username.entry.Text != adminUser {
		t.Errorf("the dialog's username is %q, want the one typed", f.username.entry.Text)
	}
	windowShows(t, w, "Glemt adgangskode", "Gendannelsesnøgle", "Ny adgangskode", "Gentag adgangskode")

	// A wrong but well-formed key, and passwords that do not match.
	wrong := []byte(key)
	if wrong[0] == 'A' {
		wrong[0] = 'B'
	} else {
		wrong[0] = 'A'
	}
	test.Type(f.key.entry, string(wrong))
	test.Type(f.password.entry, "en ny lang adgangskode")
	test.Type(f.repeat.entry, "en anden lang adgangskode")
	f.submit()
	if f.repeat.msg.Text != "De to adgangskoder er ikke ens." {
		t.Errorf("mismatch message %q", f.repeat.msg.Text)
	}
	f.repeat.entry.SetText("en ny lang adgangskode")
	f.submit()
	if f.key.msg.Text != "Gendannelsesnøglen er forkert." || got != nil {
		t.Errorf("wrong key: message %q, logged in %v", f.key.msg.Text, got != nil)
	}
	captureWindow(t, w, "login-recovery")

	f.key.entry.SetText(strings.ToLower(key))
	f.password.entry.SetText("en ny lang adgangskode")
	f.repeat.entry.SetText("en ny lang adgangskode")
	f.submit()
	if got == nil || got.Username != adminUser {
		t.Fatalf("recovery did not log in: %q %q", f.key.msg.Text, f.general.Text)
	}
	st.Lock()
	if _, err := st.Login(context.Background(), adminUser, "en ny lang adgangskode"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestLoginErrorTextLocked(t *testing.T) {
	until := time.Date(2026, 11, 23, 14, 35, 0, 0, data.Zone())
	if got := loginErrorText(&data.AccountLockedError{Until: until}); got != "Kontoen er låst efter 5 forkerte forsøg. Prøv igen kl. 14:35." {
		t.Errorf("locked: %q", got)
	}
}

// gatedLogin is the real store, whose Login waits until the test opens the
// gate: the login screen is seen while the password is being checked.
type gatedLogin struct {
	loginStore
	gate chan struct{}
}

func (g gatedLogin) Login(ctx context.Context, username, password string) (data.User, error) {
	<-g.gate
	return g.loginStore.Login(ctx, username, password)
}

// TestLoginKeepsTheWindowDrawingWhileThePasswordIsChecked: the key
// derivation runs off the UI goroutine; meanwhile the fields and the
// button wait, the button says "Logger ind…", and a second Enter does not
// start a second login, nor does "Glemt adgangskode?" open its dialog.
func TestLoginKeepsTheWindowDrawingWhileThePasswordIsChecked(t *testing.T) {
	st, _ := adminStore(t)
	st.Lock()
	w := newStartWindow(t, fyne.NewSize(560, 520))
	logins := 0
	gate := make(chan struct{})
	s := NewLoginScreen(gatedLogin{loginStore: st, gate: gate}, w, func(data.User) { logins++ })
	w.SetContent(s.Content())
	test.Type(s.username, adminUser)
	test.Type(s.password, adminPassword)
	tap(s.submit)
	if !s.submit.Disabled() || !s.username.Disabled() || !s.password.Disabled() {
		t.Error("the fields and the button take input while the password is checked")
	}
	windowShows(t, w, "Logger ind…")
	captureWindow(t, w, "login-working")
	s.password.OnSubmitted(s.password.Text) // a second Enter
	s.forgot.OnTapped()                     // "Glemt adgangskode?" meanwhile
	if s.recovery != nil {
		t.Error("the password recovery opened while a login was being checked")
	}
	close(gate)
	s.waitLogin()
	if logins != 1 {
		t.Fatalf("%d logins, want 1", logins)
	}
	if s.submit.Disabled() || s.submit.Text != "Log ind" || s.password.Text != "" {
		t.Errorf("after the login: button disabled %v, text %q, password %q", s.submit.Disabled(), s.submit.Text, s.password.Text)
	}
	if _, ok := st.CurrentUser(); !ok {
		t.Error("the store is not logged in")
	}
}
