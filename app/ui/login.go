package ui

import (
	"context"
	"errors"
	"runtime/debug"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/assets"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// loginStore is what the login screen, the lock overlay and the recovery
// dialog need.
type loginStore interface {
	Login(ctx context.Context, username, password string) (data.User, error)
	RecoverAdministrator(ctx context.Context, username, recoveryKey, newPassword string) (data.User, error)
}

// LoginScreen is the start screen after setup: username and password.
type LoginScreen struct {
	st   loginStore
	win  fyne.Window
	done func(data.User)

	username *widget.Entry
	password *widget.Entry
	submit   *widget.Button
	forgot   *widget.Hyperlink
	msg      *widget.Label
	root     fyne.CanvasObject

	recovery *recoveryForm // the open "Glemt adgangskode?" dialog, for tests

	// busy: a login is being checked (Argon2id, a few tenths of a
	// second), off the UI goroutine. pending lets tests wait for it.
	busy    bool
	pending sync.WaitGroup
}

// NewLoginScreen builds the login screen for win; done is called with the
// logged-in user (after a login or an administrator's recovery).
func NewLoginScreen(st loginStore, win fyne.Window, done func(data.User)) *LoginScreen {
	s := &LoginScreen{st: st, win: win, done: done, msg: problemLabel()}
	s.username = widget.NewEntry()
	s.username.SetPlaceHolder(lang.X("login.username", "Brugernavn"))
	s.password = widget.NewPasswordEntry()
	s.password.SetPlaceHolder(lang.X("login.password", "Adgangskode"))
	// Enter in the username field moves on to the password; Enter in the
	// password field logs in.
	s.username.OnSubmitted = func(string) {
		if s.password.Text == "" {
			win.Canvas().Focus(s.password)
			return
		}
		s.Submit()
	}
	s.password.OnSubmitted = func(string) { s.Submit() }
	s.username.OnChanged = func(string) { s.setMessage("") }
	s.password.OnChanged = func(string) { s.setMessage("") }
	s.submit = widget.NewButtonWithIcon(lang.X("login.submit", "Log ind"), theme.LoginIcon(), s.Submit)
	s.submit.Importance = widget.HighImportance
	s.forgot = widget.NewHyperlink(lang.X("login.forgot", "Glemt adgangskode?"), nil)
	s.forgot.OnTapped = s.showRecovery

	form := widget.NewForm(
		widget.NewFormItem(lang.X("login.username", "Brugernavn"), s.username),
		widget.NewFormItem(lang.X("login.password", "Adgangskode"), s.password),
	)
	body := container.NewVBox(
		brandHeader(lang.X("login.title", "Log ind")),
		form,
		s.msg,
		s.submit,
		container.NewCenter(s.forgot),
	)
	s.root = centeredCard(body, 400)
	return s
}

// Content is the screen to put in the window.
func (s *LoginScreen) Content() fyne.CanvasObject { return s.root }

// Focus puts the cursor in the first empty field.
func (s *LoginScreen) Focus() {
	if s.username.Text == "" {
		s.win.Canvas().Focus(s.username)
		return
	}
	s.win.Canvas().Focus(s.password)
}

// Submit tries to log in. The password's key derivation (Argon2id, a few
// tenths of a second) runs off the UI goroutine, so the window keeps
// drawing and says it is logging in; the fields and the button wait until
// it is done. On failure the username stays and only the password is
// cleared.
func (s *LoginScreen) Submit() {
	if s.busy {
		return
	}
	username := strings.TrimSpace(s.username.Text)
	switch {
	case username == "":
		s.setMessage(lang.X("login.username_missing", "Skriv dit brugernavn."))
		s.win.Canvas().Focus(s.username)
		return
	case s.password.Text == "":
		s.setMessage(lang.X("login.password_missing", "Skriv din adgangskode."))
		s.win.Canvas().Focus(s.password)
		return
	}
	password := s.password.Text
	s.setBusy(true)
	s.pending.Add(1)
	go func() {
		defer s.pending.Done()
		// The password derivation takes a 32 MiB block (Argon2id): the
		// start's garbage is collected and given back first, so the
		// block comes on top of what the login window holds and no more.
		debug.FreeOSMemory()
		u, err := s.st.Login(context.Background(), username, password)
		fyne.Do(func() { s.finish(u, err) })
	}()
}

// finish ends a login Submit started, on the UI goroutine.
func (s *LoginScreen) finish(u data.User, err error) {
	s.setBusy(false)
	s.password.SetText("")
	if err != nil {
		s.setMessage(loginErrorText(err))
		s.win.Canvas().Focus(s.password)
		return
	}
	if s.done != nil {
		s.done(u)
	}
}

// setBusy shows that a login is being checked: the fields and the button
// wait, and the button says so.
func (s *LoginScreen) setBusy(busy bool) {
	s.busy = busy
	if busy {
		s.setMessage("")
		s.username.Disable()
		s.password.Disable()
		s.submit.SetText(lang.X("login.working", "Logger ind…"))
		s.submit.Disable()
		return
	}
	s.username.Enable()
	s.password.Enable()
	s.submit.SetText(lang.X("login.submit", "Log ind"))
	s.submit.Enable()
}

// waitLogin waits for a login Submit started (tests).
func (s *LoginScreen) waitLogin() { s.pending.Wait() }

// setMessage shows (or with "" removes) the message under the fields.
func (s *LoginScreen) setMessage(text string) {
	was := s.msg.Visible()
	setProblem(s.msg, text)
	if was != s.msg.Visible() {
		s.root.Refresh()
	}
}

// loginErrorText is the Danish message for a failed login. A wrong
// username and a wrong password read the same, so the screen does not tell
// which usernames exist.
func loginErrorText(err error) string {
	var locked *data.AccountLockedError
	switch {
	case errors.As(err, &locked):
		return lang.X("login.locked", "Kontoen er låst efter {{.Count}} forkerte forsøg. Prøv igen kl. {{.Time}}.",
			map[string]any{"Count": data.MaxFailedLogins, "Time": dk.FormatTime(locked.Until.In(data.Zone()))})
	case errors.Is(err, data.ErrWrongPassword):
		return lang.X("login.wrong", "Forkert brugernavn eller adgangskode.")
	}
	return lang.X("login.failed", "Du kunne ikke logges ind: {{.Error}}", map[string]string{"Error": err.Error()})
}

func (s *LoginScreen) showRecovery() {
	if s.busy {
		// A login is being checked; it may succeed in a moment, and a
		// second way in beside it would only confuse. (Fyne's hyperlink
		// cannot be disabled; the fields and the button show the wait.)
		return
	}
	f := newRecoveryForm(s.st, s.win, strings.TrimSpace(s.username.Text), func(u data.User) {
		s.password.SetText("")
		if s.done != nil {
			s.done(u)
		}
	})
	s.recovery = f
	f.dlg.Show()
	f.focus()
}

// recoveryForm is the "Glemt adgangskode?" dialog: an administrator sets a
// new password with the recovery key from setup.
type recoveryForm struct {
	st       loginStore
	win      fyne.Window
	done     func(data.User)
	username *formField
	key      *formField
	password *formField
	repeat   *formField
	general  *widget.Label
	dlg      *dialog.CustomDialog
}

func newRecoveryForm(st loginStore, win fyne.Window, username string, done func(data.User)) *recoveryForm {
	f := &recoveryForm{st: st, win: win, done: done, general: problemLabel()}
	f.username = newFormField(widget.NewEntry())
	f.username.entry.SetText(username)
	f.key = newFormField(widget.NewEntry())
	f.key.entry.SetPlaceHolder("XXXX-XXXX-XXXX-…")
	f.key.entry.TextStyle = fyne.TextStyle{Monospace: true}
	f.password = newFormField(widget.NewPasswordEntry())
	f.repeat = newFormField(widget.NewPasswordEntry())
	f.repeat.entry.OnSubmitted = func(string) { f.submit() }
	form := widget.NewForm(
		f.username.item(lang.X("login.username", "Brugernavn")),
		f.key.item(lang.X("recovery.key", "Gendannelsesnøgle")),
		f.password.item(lang.X("password.new", "Ny adgangskode")),
		f.repeat.item(lang.X("password.repeat", "Gentag adgangskode")),
	)
	content := container.NewVBox(
		wrapped(lang.X("recovery.intro", "Kun for administratorer: skriv gendannelsesnøglen, du fik, da Mentorbog blev sat op, og vælg en ny adgangskode.")),
		form,
		muted(passwordHint()),
		f.general,
	)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("recovery.title", "Glemt adgangskode"), content, win)
	save := widget.NewButtonWithIcon(lang.X("recovery.submit", "Skift adgangskode og log ind"), theme.ConfirmIcon(), f.submit)
	save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.dlg.Hide),
		save,
	})
	f.dlg.Resize(fyne.NewSize(560, 0))
	onRelayout(relayoutDialog(f.dlg, 560, win), f.username, f.key, f.password, f.repeat)
	return f
}

func (f *recoveryForm) focus() {
	if f.username.entry.Text == "" {
		f.win.Canvas().Focus(f.username.entry)
		return
	}
	f.win.Canvas().Focus(f.key.entry)
}

func (f *recoveryForm) submit() {
	if f.general.Visible() {
		setProblem(f.general, "")
		f.username.relayout()
	}
	fields := map[string]*formField{"username": f.username, "recovery_key": f.key, "password": f.password}
	ok := true
	if strings.TrimSpace(f.username.entry.Text) == "" {
		f.username.setError(lang.X("login.username_missing", "Skriv dit brugernavn."))
		ok = false
	}
	if strings.TrimSpace(f.key.entry.Text) == "" {
		f.key.setError(lang.X("recovery.key_missing", "Skriv gendannelsesnøglen."))
		ok = false
	}
	if !checkNewPassword(f.password, f.repeat) {
		ok = false
	}
	if !ok {
		return
	}
	u, err := f.st.RecoverAdministrator(context.Background(), strings.TrimSpace(f.username.entry.Text),
		f.key.entry.Text, f.password.entry.Text)
	if err != nil {
		showProblems(err, fields, f.general)
		f.username.relayout()
		return
	}
	f.dlg.Hide()
	if f.done != nil {
		f.done(u)
	}
}

// relayoutDialog grows or shrinks a dialog to its content at the given
// width and centres it again, after a message line came or went.
func relayoutDialog(d *dialog.CustomDialog, width float32, win fyne.Window) func() {
	return func() {
		d.Resize(fyne.NewSize(width, 0))
		if top := win.Canvas().Overlays().Top(); top != nil {
			top.Refresh()
		}
	}
}

// passwordHint explains the password rule once, in words users remember.
func passwordHint() string {
	return lang.X("password.hint", "Mindst {{.Min}} tegn. En sætning af flere ord er både stærk og let at huske.",
		map[string]int{"Min": data.MinPasswordLength})
}

// checkNewPassword shows the password rules and a mismatch next to the
// fields and reports whether both are fine.
func checkNewPassword(password, repeat *formField) bool {
	ok := true
	if p, bad := data.ValidatePassword(password.entry.Text).For("password"); bad {
		password.setError(p.Message)
		ok = false
	}
	if repeat.entry.Text != password.entry.Text {
		repeat.setError(lang.X("password.mismatch", "De to adgangskoder er ikke ens."))
		ok = false
	}
	return ok
}

// formField is an entry with the message line under it, so a problem is
// shown next to the field it is about.
type formField struct {
	entry *widget.Entry
	msg   *widget.Label
	// relayout lays the form out again when the message line appears or
	// goes; set by the form's owner with onRelayout.
	relayout func()
}

func newFormField(e *widget.Entry) *formField {
	f := &formField{entry: e, msg: problemLabel()}
	// Typing in a field takes its message away: the user is fixing it.
	e.OnChanged = func(string) { f.setError("") }
	return f
}

// item is the form row of the field.
func (f *formField) item(label string) *widget.FormItem {
	return widget.NewFormItem(label, fieldWithMessage(f.entry, f.msg))
}

func (f *formField) setError(text string) {
	was := f.msg.Visible()
	setProblem(f.msg, text)
	if f.relayout != nil && was != f.msg.Visible() {
		f.relayout()
	}
}

// onRelayout makes the fields call relayout when a message comes or goes.
func onRelayout(relayout func(), fields ...*formField) {
	for _, f := range fields {
		f.relayout = relayout
	}
}

// fieldWithMessage stacks a field and its message line closely.
func fieldWithMessage(field fyne.CanvasObject, msg *widget.Label) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedVBoxLayout(0), field, msg)
}

// problemLabel is a hidden message line in the error colour; the words
// themselves say what is wrong, so colour is not the only signal.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setProblem shows text in a problem label, or hides it when text is empty.
func setProblem(l *widget.Label, text string) {
	if l.Text == text && l.Visible() == (text != "") {
		return
	}
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// showProblems puts each of the store's field problems next to its field;
// anything else goes to the general message line.
func showProblems(err error, fields map[string]*formField, general *widget.Label) {
	var problems data.Problems
	if !errors.As(err, &problems) {
		setProblem(general, lang.X("auth.save_failed", "Det kunne ikke gemmes: {{.Error}}", map[string]string{"Error": err.Error()}))
		return
	}
	var rest []string
	for _, p := range problems.Errors() {
		if f, ok := fields[p.Field]; ok {
			f.setError(p.Message)
			continue
		}
		rest = append(rest, p.Message)
	}
	setProblem(general, strings.Join(rest, "\n"))
}

// brandHeader is the app mark, the name and a title, for the screens
// shown before the main window.
func brandHeader(title string) fyne.CanvasObject {
	logo := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSquareSize(48))
	name := bold(lang.X("app.title", "Mentorbog"))
	name.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(
		container.NewCenter(container.NewHBox(logo, container.NewCenter(name))),
		container.NewCenter(heading(title)),
	)
}

// centeredCard puts content in the middle of the window at a readable
// width, scrolling when the window is small.
func centeredCard(content fyne.CanvasObject, width float32) fyne.CanvasObject {
	card := widget.NewCard("", "", container.NewPadded(content))
	return container.NewScroll(container.NewCenter(container.New(fixedWidth(width), card)))
}

// fixedWidth lays its objects out at a fixed width and asks for the height
// they need at that width. Resizing them before measuring lets wrapped
// labels learn their width, so they are not measured as one long line
// (too short) or one word per line (too tall) in the first layout.
type fixedWidth float32

// Layout stretches every object over the whole area.
func (w fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the width and the tallest object's height at that width.
func (w fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		if o.Size().Width != float32(w) {
			o.Resize(fyne.NewSize(float32(w), o.MinSize().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}
