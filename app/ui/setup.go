package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// setupStore is what the first start needs.
type setupStore interface {
	Setup(ctx context.Context, admin data.User, password string) (recoveryKey string, err error)
	CurrentUser() (data.User, bool)
}

// SetupScreen is the first start: create the administrator, then show the
// recovery key once.
type SetupScreen struct {
	st   setupStore
	win  fyne.Window
	done func(data.User)

	username *formField
	name     *formField
	password *formField
	repeat   *formField
	general  *widget.Label
	create   *widget.Button

	// The recovery step.
	key      string
	keyLabel *widget.Label
	copyKey  *widget.Button
	saved    *widget.Check
	proceed  *widget.Button
	admin    data.User

	body *fyne.Container // holds the current step
}

// NewSetupScreen builds the setup screen for win; done is called with the
// new administrator (logged in) once the recovery key is saved.
func NewSetupScreen(st setupStore, win fyne.Window, done func(data.User)) *SetupScreen {
	s := &SetupScreen{st: st, win: win, done: done, general: problemLabel(), body: container.NewStack()}
	s.username = newFormField(widget.NewEntry())
	s.name = newFormField(widget.NewEntry())
	s.password = newFormField(widget.NewPasswordEntry())
	s.repeat = newFormField(widget.NewPasswordEntry())
	s.repeat.entry.OnSubmitted = func(string) { s.Submit() }
	onRelayout(s.body.Refresh, s.username, s.name, s.password, s.repeat)
	s.create = widget.NewButtonWithIcon(lang.X("setup.submit", "Opret administrator"), theme.ConfirmIcon(), s.Submit)
	s.create.Importance = widget.HighImportance

	form := widget.NewForm(
		s.username.item(lang.X("login.username", "Brugernavn")),
		s.name.item(lang.X("field.name", "Navn")),
		s.password.item(lang.X("login.password", "Adgangskode")),
		s.repeat.item(lang.X("password.repeat", "Gentag adgangskode")),
	)
	s.body.Objects = []fyne.CanvasObject{centeredCard(container.NewVBox(
		brandHeader(lang.X("setup.title", "Opret administrator")),
		wrapped(lang.X("setup.intro", "Velkommen til Mentorbog. Opret først administratoren. Administratoren opretter bagefter de øvrige brugere og bestemmer, hvad de må se.")),
		form,
		muted(passwordHint()),
		s.general,
		s.create,
	), 480)}
	return s
}

// Content is the screen to put in the window.
func (s *SetupScreen) Content() fyne.CanvasObject { return s.body }

// Focus puts the cursor in the username field.
func (s *SetupScreen) Focus() { s.win.Canvas().Focus(s.username.entry) }

// Submit checks the form and creates the administrator. Nothing is created
// while a field has a problem; what was typed stays.
func (s *SetupScreen) Submit() {
	setProblem(s.general, "")
	admin := data.User{
		Username:    strings.TrimSpace(s.username.entry.Text),
		DisplayName: strings.TrimSpace(s.name.entry.Text),
		Role:        data.RoleAdministrator,
	}
	fields := map[string]*formField{"username": s.username, "display_name": s.name, "password": s.password}
	ok := checkNewPassword(s.password, s.repeat)
	if problems := admin.Validate().Errors(); len(problems) > 0 {
		showProblems(problems, fields, s.general)
		ok = false
	}
	if admin.DisplayName == "" {
		s.name.setError(lang.X("setup.name_missing", "Navn skal udfyldes."))
		ok = false
	}
	if !ok {
		s.body.Refresh()
		return
	}
	key, err := s.st.Setup(context.Background(), admin, s.password.entry.Text)
	if err != nil {
		showProblems(err, fields, s.general)
		s.body.Refresh()
		return
	}
	s.password.entry.SetText("")
	s.repeat.entry.SetText("")
	s.admin = admin
	if u, ok := s.st.CurrentUser(); ok {
		s.admin = u
	}
	s.showRecoveryKey(key)
}

// showRecoveryKey replaces the form with the recovery key, shown this once.
func (s *SetupScreen) showRecoveryKey(key string) {
	s.key = key
	s.keyLabel = widget.NewLabelWithStyle(splitRecoveryKey(key), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	s.keyLabel.SizeName = theme.SizeNameHeadingText
	s.keyLabel.Selectable = true
	s.copyKey = widget.NewButtonWithIcon(lang.X("recovery.copy", "Kopiér"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(s.key)
		s.copyKey.SetText(lang.X("recovery.copied", "Kopieret"))
		s.copyKey.SetIcon(theme.ConfirmIcon())
	})
	s.proceed = widget.NewButtonWithIcon(lang.X("recovery.continue", "Fortsæt"), theme.NavigateNextIcon(), s.Continue)
	s.proceed.Importance = widget.HighImportance
	s.proceed.Disable()
	s.saved = widget.NewCheck(lang.X("recovery.saved", "Jeg har gemt gendannelsesnøglen"), func(on bool) {
		if on {
			s.proceed.Enable()
		} else {
			s.proceed.Disable()
		}
	})
	keyBox := widget.NewCard("", "", container.NewVBox(s.keyLabel, container.NewCenter(s.copyKey)))
	s.body.Objects = []fyne.CanvasObject{centeredCard(container.NewVBox(
		brandHeader(lang.X("recovery.heading", "Gendannelsesnøgle")),
		wrapped(lang.X("recovery.explain", "Skriv gendannelsesnøglen ned eller print den, og opbevar den sikkert. Den er eneste vej ind, hvis administratorens adgangskode glemmes.")),
		keyBox,
		muted(lang.X("recovery.once", "Nøglen vises kun denne ene gang. Mentorbog gemmer den ikke.")),
		s.saved,
		s.proceed,
	), 620)}
	s.body.Refresh()
	s.win.Canvas().Focus(s.saved)
}

// Continue opens Mentorbog once the user has ticked that the key is saved.
func (s *SetupScreen) Continue() {
	if !s.saved.Checked {
		return
	}
	s.key = "" // shown once; not kept on screen or in memory longer than needed
	if s.done != nil {
		s.done(s.admin)
	}
}

// splitRecoveryKey breaks the key into two lines of groups so it fits a
// narrow window in large type; Kopiér copies it whole.
func splitRecoveryKey(key string) string {
	groups := strings.Split(key, "-")
	if len(groups) < 4 {
		return key
	}
	half := (len(groups) + 1) / 2
	return strings.Join(groups[:half], "-") + "-\n" + strings.Join(groups[half:], "-")
}
