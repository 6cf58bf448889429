package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// findButton finds the button with the given text in o. (test.LaidOutObjects
// would make new renderers, detaching labels from what is drawn.)
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func userNamed(t *testing.T, st usersStore, username string) (data.User, bool) {
	t.Helper()
	users, err := st.Users(context.Background())
	must(t, err)
	for _, u := range users {
		if u.Username == username {
			return u, true
		}
	}
	return data.User{}, false
}

func TestUsersScreenCreatesMentorUser(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionUsers)
	if m.current != SectionUsers {
		t.Fatal("an administrator has no Brugere section")
	}
	s := m.screens[SectionUsers].(*usersScreen)
	assertShows(t, m, "Brugere", "Ny bruger", adminUser, adminName+" (dig)", "Administrator", "Aktiv", "Brugere i alt: 1")
	capture(t, m, "users")

	test.Tap(findButton(s.root, "Ny bruger"))
	f := s.form
	if f == nil || m.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("Ny bruger opened no dialog")
	}
	if len(f.mentors) == 0 {
		t.Fatal("the form offers no mentors")
	}
	// A mentor user without a mentor, and passwords that differ.
	test.Type(f.username.entry, "mette")
	f.role.SetSelected("Mentor")
	test.Type(f.password.entry, "mettes lange kode")
	test.Type(f.repeat.entry, "mettes lange kodx")
	tap(f.save)
	if f.mentorMs.Text != "En bruger med rollen mentor skal knyttes til en mentor." {
		t.Errorf("mentor message %q", f.mentorMs.Text)
	}
	if f.repeat.msg.Text != "De to adgangskoder er ikke ens." {
		t.Errorf("repeat message %q", f.repeat.msg.Text)
	}
	if _, ok := userNamed(t, st, "mette"); ok {
		t.Fatal("a user was created from a bad form")
	}
	capture(t, m, "users-new-errors")

	mentor := f.mentors[0]
	f.mentor.SetSelectedIndex(0)
	if f.name.entry.Text != mentor.Name {
		t.Errorf("the name was not taken from the mentor: %q", f.name.entry.Text)
	}
	f.repeat.entry.SetText("mettes lange kode")
	capture(t, m, "users-new")
	tap(f.save)
	u, ok := userNamed(t, st, "mette")
	if !ok {
		t.Fatalf("no user mette; messages %q %q", f.general.Text, f.username.msg.Text)
	}
	if u.Role != data.RoleMentor || u.MentorID != mentor.ID || u.DisplayName != mentor.Name {
		t.Errorf("stored %+v, want a mentor user of %s", u, mentor.Name)
	}
	if m.Window().Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open after saving")
	}
	assertShows(t, m, "mette", mentor.Name, "Brugere i alt: 2")

	// The same username again is refused by the store, next to the field.
	test.Tap(findButton(s.root, "Ny bruger"))
	f = s.form
	test.Type(f.username.entry, "mette")
	f.role.SetSelected("Koordinator")
	test.Type(f.name.entry, "Mette To")
	test.Type(f.password.entry, "mettes lange kode")
	test.Type(f.repeat.entry, "mettes lange kode")
	tap(f.save)
	if f.username.msg.Text != "Brugernavnet er allerede i brug." {
		t.Errorf("duplicate username: %q / %q", f.username.msg.Text, f.general.Text)
	}
	f.dlg.Hide()

	// Edit: block mette.
	for i, x := range s.users {
		if x.Username == "mette" {
			s.list.Select(i)
		}
	}
	f = s.form
	if f.user.Username != "mette" || f.disabled == nil {
		t.Fatalf("the edit dialog is for %q", f.user.Username)
	}
	f.disabled.SetChecked(true)
	capture(t, m, "users-edit")
	tap(f.save)
	if u, _ := userNamed(t, st, "mette"); !u.Disabled {
		t.Error("mette is not blocked")
	}
	assertShows(t, m, "Spærret")

	// The administrator cannot demote or block themself.
	for i, x := range s.users {
		if x.Username == adminUser {
			s.list.Select(i)
		}
	}
	if !s.form.role.Disabled() || !s.form.disabled.Disabled() {
		t.Error("the administrator can change their own role")
	}
	s.form.dlg.Hide()

	// A blocked user cannot log in.
	st.Lock()
	if _, err := st.Login(ctx, "mette", "mettes lange kode"); err == nil {
		t.Error("a blocked user logged in")
	}
}

func TestChangePassword(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	test.Tap(findButton(m.Window().Content(), "Skift adgangskode"))
	top := m.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Skift adgangskode opened no dialog")
	}
	m.Window().Canvas().Overlays().Remove(top) // the test drives its own copy
	f := showChangePassword(st, m.Window())
	test.Type(f.old.entry, "forkert forkert")
	test.Type(f.password.entry, "kort")
	test.Type(f.repeat.entry, "kort")
	f.submit()
	if f.password.msg.Text != "Adgangskoden skal have mindst 10 tegn." {
		t.Errorf("short password: %q", f.password.msg.Text)
	}
	f.password.entry.SetText("en helt ny adgangskode")
	f.repeat.entry.SetText("en helt ny adgangskode")
	f.submit()
	if f.old.msg.Text != "Den nuværende adgangskode er forkert." {
		t.Errorf("wrong old password: %q / %q", f.old.msg.Text, f.general.Text)
	}
	capture(t, m, "change-password")
	f.old.entry.SetText(adminPassword)
	f.submit()
	if f.general.Visible() || f.old.msg.Visible() {
		t.Fatalf("change failed: %q %q", f.general.Text, f.old.msg.Text)
	}
	assertShows(t, m, "Din adgangskode er skiftet.")
	st.Lock()
	if _, err := st.Login(ctx, adminUser, "en helt ny adgangskode"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestUsersSectionOnlyForAdministrators(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	u := data.User{Username: "kim", DisplayName: "Kim Kristensen", Role: data.RoleCoordinator}
	must(t, st.SaveUser(ctx, &u, "kims lange kode"))
	st.Lock()
	_, err := st.Login(ctx, "kim", "kims lange kode")
	must(t, err)
	m := newWindow(t, st)
	for _, sec := range m.sections {
		if sec.name == SectionUsers {
			t.Error("a coordinator sees the Brugere section")
		}
	}
	m.ShowSection(SectionUsers)
	if m.current == SectionUsers {
		t.Error("a coordinator opened the Brugere section")
	}
	assertShows(t, m, "Kim Kristensen", "Koordinator", "Lås")
}
