package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mentorbog/data"
)

// recoveryKeyFormat is 14 groups of 4 Crockford base32 characters.
var recoveryKeyFormat = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$`)

func TestSetupScreen(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	w := newStartWindow(t, fyne.NewSize(720, 760))
	var got *data.User
	s := NewSetupScreen(st, w, func(u data.User) { got = &u })
	w.SetContent(s.Content())
	s.Focus()
	windowShows(t, w, "Opret administrator", "Brugernavn", "Gentag adgangskode", "Mindst 10 tegn")
	captureWindow(t, w, "setup")

	stillNeeded := func(t *testing.T) {
		t.Helper()
		needed, err := st.SetupNeeded(ctx)
		must(t, err)
		if !needed {
			t.Fatal("a bad form created the administrator")
		}
	}

	// Bad input: a space in the username, a short password, no name.
	test.Type(s.username.entry, "anne a")
	test.Type(s.password.entry, "kort")
	test.Type(s.repeat.entry, "kort")
	tap(s.create)
	if s.username.msg.Text != "Brugernavn må ikke indeholde mellemrum." {
		t.Errorf("username message %q", s.username.msg.Text)
	}
	if s.password.msg.Text != "Adgangskoden skal have mindst 10 tegn." {
		t.Errorf("password message %q", s.password.msg.Text)
	}
	if s.name.msg.Text != "Navn skal udfyldes." {
		t.Errorf("name message %q", s.name.msg.Text)
	}
	stillNeeded(t)
	captureWindow(t, w, "setup-errors")
	// What was typed stays.
	if s.username.entry.Text != "anne a" || s.password.entry.Text != "kort" {
		t.Errorf("the form lost what was typed: %q, %q", s.username.entry.Text, s.password.entry.Text)
	}
	// Typing in a field takes its message away.
	s.username.entry.SetText(adminUser)
	if s.username.msg.Visible() {
		t.Error("the username message stays after the field was changed")
	}

	// Long enough but different.
	test.Type(s.name.entry, adminName)
	s.password.entry.SetText(adminPassword)
	s.repeat.entry.SetText(adminPassword + "x")
	s.repeat.entry.OnSubmitted("") // Enter
	if s.repeat.msg.Text != "De to adgangskoder er ikke ens." || s.password.msg.Visible() {
		t.Errorf("mismatch: repeat %q, password %q", s.repeat.msg.Text, s.password.msg.Text)
	}
	stillNeeded(t)

	// Valid: the recovery key is shown once.
	s.repeat.entry.SetText(adminPassword)
	tap(s.create)
	if u, ok := st.CurrentUser(); !ok || u.Username != adminUser || u.Role != data.RoleAdministrator {
		t.Fatalf("after setup the store has user %+v (%v)", u, ok)
	}
	if !recoveryKeyFormat.MatchString(s.key) {
		t.Fatalf("recovery key %q has the wrong format", s.key)
	}
	if shown := strings.ReplaceAll(s.keyLabel.Text, "\n", ""); shown != s.key {
		t.Errorf("the screen shows %q, the key is %q", shown, s.key)
	}
	windowShows(t, w, "Gendannelsesnøgle", "Skriv gendannelsesnøglen ned",
		"Kopiér", "Jeg har gemt gendannelsesnøglen", "Fortsæt")
	if s.password.entry.Text != "" {
		t.Error("the password is kept in the form after setup")
	}
	captureWindow(t, w, "setup-recovery-key")
	key := s.key
	tap(s.copyKey)
	if clip := fyne.CurrentApp().Clipboard().Content(); clip != key {
		t.Errorf("Kopiér put %q on the clipboard", clip)
	}
	if !s.proceed.Disabled() {
		t.Error("Fortsæt is enabled before the checkbox is ticked")
	}
	s.Continue()
	if got != nil {
		t.Fatal("Fortsæt opened the main window without the checkbox")
	}
	test.Tap(s.saved)
	if s.proceed.Disabled() {
		t.Fatal("Fortsæt is still disabled after ticking the checkbox")
	}
	tap(s.proceed)
	if got == nil || got.Username != adminUser || got.DisplayName != adminName {
		t.Fatalf("Fortsæt gave %+v", got)
	}

	// The key opens the database.
	st.Lock()
	if _, err := st.RecoverAdministrator(ctx, adminUser, key, "endnu en ny adgangskode"); err != nil {
		t.Errorf("the shown recovery key does not work: %v", err)
	}
}
