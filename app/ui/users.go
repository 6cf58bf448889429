package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// usersStore is what the user administration reads and writes.
type usersStore interface {
	Users(ctx context.Context) ([]data.User, error)
	SaveUser(ctx context.Context, u *data.User, password string) error
	Mentors(ctx context.Context, includeArchived bool) ([]data.Mentor, error)
	CurrentUser() (data.User, bool)
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
}

// userColumns: username, name, role, mentor, status.
var userColumns = columns{150, 0, 120, 0, 170}

// userRoleLabel is the role's name in the interface language.
func userRoleLabel(r data.UserRole) string {
	switch r {
	case data.RoleMentor:
		return lang.X("userrole.mentor", "Mentor")
	case data.RoleCoordinator:
		return lang.X("userrole.coordinator", "Koordinator")
	case data.RoleAdministrator:
		return lang.X("userrole.administrator", "Administrator")
	}
	return r.Label()
}

type usersScreen struct {
	st  usersStore
	env env

	users   []data.User
	mentors map[data.ID]data.Mentor
	active  []data.Mentor // mentors a new mentor user can be linked to

	list  *widget.List
	count *widget.Label
	root  fyne.CanvasObject

	form *userForm // the open create or edit dialog, for tests
}

func newUsersScreen(st usersStore, e env) *usersScreen {
	s := &usersScreen{st: st, env: e, count: muted("")}
	s.list = widget.NewList(func() int { return len(s.users) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		if id < len(s.users) {
			s.openForm(s.users[id])
		}
	}
	add := widget.NewButtonWithIcon(lang.X("users.new", "Ny bruger"), theme.ContentAddIcon(), func() {
		s.openForm(data.User{Role: data.RoleMentor})
	})
	add.Importance = widget.HighImportance
	own := widget.NewButtonWithIcon(lang.X("password.change", "Skift adgangskode"), theme.AccountIcon(), func() {
		showChangePassword(st, e.window)
	})
	header := userColumns.header(lang.X("login.username", "Brugernavn"), lang.X("field.name", "Navn"),
		lang.X("users.col_role", "Rolle"), lang.X("users.col_mentor", "Mentor"), lang.X("users.col_status", "Status"))
	top := container.NewVBox(
		heading(lang.X("nav.users", "Brugere")),
		muted(lang.X("users.intro", "Vælg en bruger for at ændre navn, rolle eller spærre adgangen. En mentor ser kun borgerne i sine egne forløb.")),
		container.NewHBox(add, own),
		header,
	)
	s.root = container.NewBorder(top, s.count, nil, nil, s.list)
	return s
}

func (s *usersScreen) view() fyne.CanvasObject { return s.root }

func (s *usersScreen) load(ctx context.Context) error {
	users, err := s.st.Users(ctx)
	if err != nil {
		return err
	}
	mentors, err := s.st.Mentors(ctx, true)
	if err != nil {
		return err
	}
	dk.SortBy(users, func(u data.User) string { return strings.ToLower(u.Username) })
	s.users = users
	s.mentors = byID(mentors, func(m data.Mentor) data.ID { return m.ID })
	s.active = s.active[:0]
	for _, m := range mentors {
		if !m.Archived {
			s.active = append(s.active, m)
		}
	}
	dk.SortBy(s.active, func(m data.Mentor) string { return m.Name })
	s.count.SetText(lang.X("users.count", "Brugere i alt: {{.Count}}", map[string]int{"Count": len(users)}))
	s.list.Refresh()
	return nil
}

func (s *usersScreen) newRow() fyne.CanvasObject {
	return userColumns.row(cell(""), cell(""), cell(""), cell(""), cell(""))
}

func (s *usersScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.users) {
		return
	}
	u := s.users[id]
	name := u.DisplayName
	if me, ok := s.st.CurrentUser(); ok && me.ID == u.ID {
		name = lang.X("users.me", "{{.Name}} (dig)", map[string]string{"Name": orDash(name)})
	}
	mentor := ""
	if u.MentorID != 0 {
		mentor = s.mentors[u.MentorID].Name
	}
	setRow(o, u.Username, orDash(name), userRoleLabel(u.Role), orDash(mentor), s.statusText(u))
	status := o.(*fyne.Container).Objects[4].(*widget.Label)
	status.Importance = widget.MediumImportance
	if u.Disabled || u.LockedUntil.After(s.env.now()) {
		status.Importance = widget.DangerImportance
	}
	status.Refresh()
}

func (s *usersScreen) statusText(u data.User) string {
	switch {
	case u.Disabled:
		return lang.X("users.disabled", "Spærret")
	case u.LockedUntil.After(s.env.now()):
		return lang.X("users.locked_until", "Låst til kl. {{.Time}}",
			map[string]string{"Time": dk.FormatTime(u.LockedUntil.In(data.Zone()))})
	}
	return lang.X("users.active", "Aktiv")
}

// openForm opens the create (ID 0) or edit dialog of u.
func (s *usersScreen) openForm(u data.User) {
	me, _ := s.st.CurrentUser()
	f := newUserForm(s.st, s.env.window, u, me.ID != 0 && me.ID == u.ID, s.active, func() {
		s.env.showError(s.load(context.Background()))
	})
	s.form = f
	f.dlg.Show()
	f.focus()
}

// userForm is the dialog that creates or edits a user.
type userForm struct {
	st   usersStore
	win  fyne.Window
	user data.User
	self bool // the logged-in user edits themself
	// mentors offered for the mentor role; an archived mentor already
	// linked is added so the link is not lost by saving.
	mentors []data.Mentor
	saved   func()
	// relayout fits the dialog to its content after messages changed.
	relayout func()

	username *formField
	name     *formField
	role     *widget.Select
	roleMsg  *widget.Label
	mentor   *widget.Select
	mentorMs *widget.Label
	password *formField
	repeat   *formField
	disabled *widget.Check
	general  *widget.Label
	save     *widget.Button
	dlg      *dialog.CustomDialog
}

func newUserForm(st usersStore, win fyne.Window, u data.User, self bool, active []data.Mentor, saved func()) *userForm {
	f := &userForm{st: st, win: win, user: u, self: self, mentors: slices.Clone(active), saved: saved,
		general: problemLabel(), roleMsg: problemLabel(), mentorMs: problemLabel()}
	if u.MentorID != 0 && !slices.ContainsFunc(f.mentors, func(m data.Mentor) bool { return m.ID == u.MentorID }) {
		if all, err := st.Mentors(context.Background(), true); err == nil {
			for _, m := range all {
				if m.ID == u.MentorID {
					f.mentors = append(f.mentors, m)
				}
			}
		}
	}
	isNew := u.ID == 0
	f.username = newFormField(widget.NewEntry())
	f.username.entry.SetText(u.Username)
	f.name = newFormField(widget.NewEntry())
	f.name.entry.SetText(u.DisplayName)

	var roleLabels []string
	for _, r := range data.AllUserRoles {
		roleLabels = append(roleLabels, userRoleLabel(r))
	}
	f.role = widget.NewSelect(roleLabels, func(string) { f.roleChanged() })
	var mentorNames []string
	for _, m := range f.mentors {
		mentorNames = append(mentorNames, m.Name)
	}
	f.mentor = widget.NewSelect(mentorNames, func(string) {
		f.clearMessage(f.mentorMs)
		// A new mentor user is usually named after the mentor.
		if m, ok := f.selectedMentor(); ok && strings.TrimSpace(f.name.entry.Text) == "" {
			f.name.entry.SetText(m.Name)
		}
	})
	f.mentor.PlaceHolder = lang.X("users.pick_mentor", "Vælg mentor")
	if len(f.mentors) == 0 {
		f.mentor.PlaceHolder = lang.X("users.no_mentors", "Opret først en mentor")
	}
	for i, m := range f.mentors {
		if m.ID == u.MentorID {
			f.mentor.SetSelectedIndex(i)
		}
	}
	f.role.SetSelectedIndex(max(slices.Index(data.AllUserRoles, u.Role), 0))

	items := []*widget.FormItem{}
	if isNew {
		items = append(items, f.username.item(lang.X("login.username", "Brugernavn")))
	} else {
		items = append(items, widget.NewFormItem(lang.X("login.username", "Brugernavn"), bold(u.Username)))
	}
	items = append(items,
		f.name.item(lang.X("field.name", "Navn")),
		widget.NewFormItem(lang.X("users.col_role", "Rolle"), fieldWithMessage(f.role, f.roleMsg)),
		widget.NewFormItem(lang.X("users.col_mentor", "Mentor"), fieldWithMessage(f.mentor, f.mentorMs)),
	)
	content := container.NewVBox()
	title := lang.X("users.edit", "Redigér bruger")
	saveText := lang.L("Save")
	if isNew {
		title, saveText = lang.X("users.new", "Ny bruger"), lang.X("users.create", "Opret bruger")
		f.password = newFormField(widget.NewPasswordEntry())
		f.repeat = newFormField(widget.NewPasswordEntry())
		f.repeat.entry.OnSubmitted = func(string) { f.submit() }
		items = append(items,
			f.password.item(lang.X("login.password", "Adgangskode")),
			f.repeat.item(lang.X("password.repeat", "Gentag adgangskode")))
		content.Add(widget.NewForm(items...))
		content.Add(muted(lang.X("users.password_hint", "Giv brugeren adgangskoden personligt. Brugeren kan selv skifte den under Skift adgangskode.")))
	} else {
		f.disabled = widget.NewCheck(lang.X("users.disable", "Spær adgangen (brugeren kan ikke logge ind)"), nil)
		f.disabled.SetChecked(u.Disabled)
		items = append(items, widget.NewFormItem("", f.disabled))
		content.Add(widget.NewForm(items...))
		if unlock := f.unlockButton(); unlock != nil {
			content.Add(unlock)
		}
	}
	if self {
		// An administrator who demotes or blocks themself could leave the
		// organisation without an administrator.
		f.role.Disable()
		if f.disabled != nil {
			f.disabled.Disable()
		}
		content.Add(muted(lang.X("users.self_note", "Du kan ikke ændre din egen rolle eller spærre dig selv.")))
	}
	content.Add(f.general)

	f.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	f.save = widget.NewButtonWithIcon(saveText, theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.dlg.Hide),
		f.save,
	})
	f.dlg.Resize(fyne.NewSize(560, 0))
	f.relayout = relayoutDialog(f.dlg, 560, win)
	fields := []*formField{f.username, f.name}
	if f.password != nil {
		fields = append(fields, f.password, f.repeat)
	}
	onRelayout(f.relayout, fields...)
	f.roleChanged()
	return f
}

func (f *userForm) focus() {
	if f.user.ID == 0 {
		f.win.Canvas().Focus(f.username.entry)
		return
	}
	f.win.Canvas().Focus(f.name.entry)
}

func (f *userForm) selectedRole() data.UserRole {
	if i := f.role.SelectedIndex(); i >= 0 {
		return data.AllUserRoles[i]
	}
	return ""
}

func (f *userForm) selectedMentor() (data.Mentor, bool) {
	if i := f.mentor.SelectedIndex(); i >= 0 && i < len(f.mentors) {
		return f.mentors[i], true
	}
	return data.Mentor{}, false
}

// roleChanged offers the mentor choice only for the mentor role.
func (f *userForm) roleChanged() {
	f.clearMessage(f.roleMsg)
	if f.mentor == nil {
		return
	}
	if f.selectedRole() == data.RoleMentor && len(f.mentors) > 0 {
		f.mentor.Enable()
	} else {
		f.mentor.Disable()
		f.clearMessage(f.mentorMs)
	}
}

// clearMessage hides a select's message once the user changes the choice.
func (f *userForm) clearMessage(l *widget.Label) {
	if !l.Visible() {
		return
	}
	setProblem(l, "")
	if f.relayout != nil {
		f.relayout()
	}
}

func (f *userForm) submit() {
	setProblem(f.general, "")
	u := f.user
	if u.ID == 0 {
		u.Username = strings.TrimSpace(f.username.entry.Text)
	}
	u.DisplayName = strings.TrimSpace(f.name.entry.Text)
	u.Role = f.selectedRole()
	u.MentorID = 0
	if m, ok := f.selectedMentor(); ok && u.Role == data.RoleMentor {
		u.MentorID = m.ID
	}
	if f.disabled != nil {
		u.Disabled = f.disabled.Checked
	}
	ok := true
	if problems := u.Validate().Errors(); len(problems) > 0 {
		f.show(problems)
		ok = false
	}
	password := ""
	if u.ID == 0 {
		ok = checkNewPassword(f.password, f.repeat) && ok
		password = f.password.entry.Text
	}
	if !ok {
		f.relayout()
		return
	}
	if err := f.st.SaveUser(context.Background(), &u, password); err != nil {
		f.show(err)
		f.relayout()
		return
	}
	f.dlg.Hide()
	if f.saved != nil {
		f.saved()
	}
}

// show puts problems next to their fields.
func (f *userForm) show(err error) {
	fields := map[string]*formField{"username": f.username, "display_name": f.name}
	if f.password != nil {
		fields["password"] = f.password
	}
	// Role and mentor are selects, not entries: route their messages here.
	var problems, pr data.Problems
	if errors.As(err, &pr) {
		for _, p := range pr {
			switch p.Field {
			case "role":
				setProblem(f.roleMsg, p.Message)
			case "mentor":
				msg := p.Message
				if len(f.mentors) == 0 {
					msg += " " + lang.X("users.no_mentors_hint", "Opret mentoren under Mentorer først.")
				}
				setProblem(f.mentorMs, msg)
			default:
				problems = append(problems, p)
			}
		}
		if len(problems) == 0 {
			return
		}
		err = problems
	}
	showProblems(err, fields, f.general)
}

// changePasswordForm is the dialog where the logged-in user changes their
// own password.
type changePasswordForm struct {
	st       usersStore
	old      *formField
	password *formField
	repeat   *formField
	general  *widget.Label
	dlg      *dialog.CustomDialog
	win      fyne.Window
	relayout func()
}

// showChangePassword opens "Skift adgangskode" for the logged-in user.
func showChangePassword(st usersStore, win fyne.Window) *changePasswordForm {
	f := &changePasswordForm{st: st, win: win, general: problemLabel()}
	f.old = newFormField(widget.NewPasswordEntry())
	f.password = newFormField(widget.NewPasswordEntry())
	f.repeat = newFormField(widget.NewPasswordEntry())
	f.repeat.entry.OnSubmitted = func(string) { f.submit() }
	who := ""
	if u, ok := st.CurrentUser(); ok {
		who = u.Username
	}
	content := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.X("login.username", "Brugernavn"), bold(who)),
			f.old.item(lang.X("password.current", "Nuværende adgangskode")),
			f.password.item(lang.X("password.new", "Ny adgangskode")),
			f.repeat.item(lang.X("password.repeat", "Gentag adgangskode")),
		),
		muted(passwordHint()),
		f.general,
	)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("password.change", "Skift adgangskode"), content, win)
	save := widget.NewButtonWithIcon(lang.X("password.change", "Skift adgangskode"), theme.ConfirmIcon(), f.submit)
	save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.dlg.Hide),
		save,
	})
	f.dlg.Resize(fyne.NewSize(520, 0))
	relayout := relayoutDialog(f.dlg, 520, win)
	onRelayout(relayout, f.old, f.password, f.repeat)
	f.relayout = relayout
	f.dlg.Show()
	win.Canvas().Focus(f.old.entry)
	return f
}

func (f *changePasswordForm) submit() {
	setProblem(f.general, "")
	ok := true
	if f.old.entry.Text == "" {
		f.old.setError(lang.X("password.current_missing", "Skriv din nuværende adgangskode."))
		ok = false
	}
	ok = checkNewPassword(f.password, f.repeat) && ok
	if !ok {
		f.relayout()
		return
	}
	err := f.st.ChangePassword(context.Background(), f.old.entry.Text, f.password.entry.Text)
	if err != nil {
		showProblems(err, map[string]*formField{"old_password": f.old, "password": f.password}, f.general)
		f.relayout()
		return
	}
	f.dlg.Hide()
	dialog.ShowInformation(lang.X("password.change", "Skift adgangskode"),
		lang.X("password.changed", "Din adgangskode er skiftet. Brug den nye, næste gang du logger ind."), f.win)
}

// usersIcon is Material "manage_accounts": a person with a cog.
func usersIcon() fyne.Resource {
	return svgIcon("users.svg", "M10.67 13.02c-.22-.01-.44-.02-.67-.02-2.42 0-4.68.67-6.61 1.82-.88.52-1.39 1.5-1.39 2.53V20h9.26c-.79-1.13-1.26-2.51-1.26-4 0-1.07.25-2.07.67-2.98zM10 12c2.21 0 4-1.79 4-4s-1.79-4-4-4-4 1.79-4 4 1.79 4 4 4zm10.75 4c0-.22-.03-.42-.06-.63l1.14-1.01-1-1.73-1.45.49c-.32-.27-.68-.48-1.08-.63L18 11h-2l-.3 1.49c-.4.15-.76.36-1.08.63l-1.45-.49-1 1.73 1.14 1.01c-.03.21-.06.41-.06.63s.03.42.06.63l-1.14 1.01 1 1.73 1.45-.49c.32.27.68.48 1.08.63L16 21h2l.3-1.49c.4-.15.76-.36 1.08-.63l1.45.49 1-1.73-1.14-1.01c.03-.21.06-.41.06-.63zM17 18c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2z")
}

// userUnlocker lifts a lockout after failed logins (the SQLite store has it).
type userUnlocker interface {
	UnlockUser(ctx context.Context, userID data.ID) error
}

// unlockButton offers "Lås kontoen op" for a user locked out after failed
// logins, so the administrator need not wait out the lockout; nil otherwise.
func (f *userForm) unlockButton() fyne.CanvasObject {
	unlocker, ok := f.st.(userUnlocker)
	if !ok || !f.user.LockedUntil.After(time.Now()) {
		return nil
	}
	return widget.NewButtonWithIcon(lang.X("users.unlock", "Lås kontoen op"), theme.LoginIcon(), func() {
		if err := unlocker.UnlockUser(context.Background(), f.user.ID); err != nil {
			f.general.SetText(err.Error())
			f.general.Show()
			return
		}
		f.dlg.Hide()
		if f.saved != nil {
			f.saved()
		}
	})
}
