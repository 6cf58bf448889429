package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// municipalitiesStore is what the municipality screen reads and writes.
type municipalitiesStore interface {
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Municipality(ctx context.Context, id data.ID) (data.Municipality, error)
	SaveMunicipality(ctx context.Context, m *data.Municipality) error
	Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error)
	SaveCaseworker(ctx context.Context, c *data.Caseworker) error
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	CurrentUser() (data.User, bool)
	data.DraftStore
}

// caseworkerColumns: name, phone, e-mail, button.
var caseworkerColumns = columns{240, 130, 0, 110}

type municipalitiesScreen struct {
	st  municipalitiesStore
	env env

	municipalities []data.Municipality // every one, Danish order
	caseworkers    []data.Caseworker
	courses        []data.Course

	search   *keyEntry
	status   *widget.Select
	count    *widget.Label
	toolbar  *fyne.Container
	cards    *fyne.Container
	root     fyne.CanvasObject
	editable bool

	// form is the open form, for tests.
	form *editor
}

func newMunicipalitiesScreen(st municipalitiesStore, e env) *municipalitiesScreen {
	s := &municipalitiesScreen{st: st, env: e, cards: container.NewVBox(), count: muted("")}
	s.search = newKeyEntry(e.keys)
	s.search.SetPlaceHolder(lang.X("municipalities.search", "Søg på kommune, sagsbehandler, telefon eller e-mail"))
	s.search.OnChanged = func(string) { s.showCards() }
	s.status = newArchiveFilter(s.showCards)
	s.toolbar = container.NewHBox()
	title := container.NewBorder(nil, nil, heading(lang.X("nav.municipalities", "Kommuner")), s.toolbar)
	filters := container.NewBorder(nil, nil, nil, container.New(minWidth(160), s.status), s.search)
	top := container.NewVBox(title, filters)
	s.root = container.NewBorder(top, s.count, nil, nil, container.NewVScroll(s.cards))
	return s
}

func (s *municipalitiesScreen) view() fyne.CanvasObject { return s.root }

// keys: Ctrl+N creates a municipality, Ctrl+F goes to the search field.
func (s *municipalitiesScreen) keys() map[string]func() {
	return map[string]func(){keyNew: s.create, keyFind: func() {
		if s.env.window != nil {
			s.env.window.Canvas().Focus(s.search)
		}
	}}
}

func (s *municipalitiesScreen) load(ctx context.Context) error {
	u, loggedIn := s.st.CurrentUser()
	s.editable = canEditRegistry(u, loggedIn)
	s.toolbar.Objects = nil
	if s.editable {
		add := widget.NewButtonWithIcon(lang.X("municipalities.new", "Ny kommune"), theme.ContentAddIcon(), s.create)
		add.Importance = widget.HighImportance
		s.toolbar.Add(add)
	}
	s.toolbar.Refresh()
	municipalities, err := s.st.Municipalities(ctx, true)
	if err != nil {
		return err
	}
	caseworkers, err := s.st.Caseworkers(ctx, 0)
	if err != nil {
		return err
	}
	courses, err := s.st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return err
	}
	dk.SortBy(municipalities, func(m data.Municipality) string { return m.Name })
	dk.SortBy(caseworkers, func(c data.Caseworker) string { return c.Name })
	s.municipalities, s.caseworkers, s.courses = municipalities, caseworkers, courses
	s.showCards()
	return nil
}

// reload loads everything again after a save.
func (s *municipalitiesScreen) reload() {
	s.env.showError(s.load(context.Background()))
	s.root.Refresh()
}

// shown is the municipalities the search and the status filter keep. The
// search also looks at the caseworkers, so typing a caseworker's name finds
// their municipality.
func (s *municipalitiesScreen) shown() []data.Municipality {
	filter := archiveFilter(s.status.SelectedIndex())
	var out []data.Municipality
	for _, m := range s.municipalities {
		if !filter.keeps(m.Archived) {
			continue
		}
		texts := []string{m.Name, m.Address, m.EAN, m.SecureEmail}
		for _, c := range s.caseworkers {
			if c.MunicipalityID == m.ID {
				texts = append(texts, c.Name, c.Phone, c.Email)
			}
		}
		if matchesQuery(s.search.Text, texts...) {
			out = append(out, m)
		}
	}
	return out
}

func (s *municipalitiesScreen) showCards() {
	if s.cards == nil || s.count == nil {
		return // the status Select fires while the screen is being built
	}
	shown := s.shown()
	s.cards.Objects = nil
	if len(shown) == 0 {
		s.cards.Add(muted(lang.X("municipalities.none", "Der er ingen kommuner endnu.")))
	}
	for _, m := range shown {
		s.cards.Add(s.card(m))
	}
	s.count.SetText(lang.X("municipalities.count", "Viser {{.Shown}} af {{.Total}} kommuner",
		map[string]int{"Shown": len(shown), "Total": len(s.municipalities)}))
	s.cards.Refresh()
}

// card is the municipality's page: what invoices and secure mail need (EAN,
// secure e-mail), the number of courses, and the caseworkers, each with
// Redigér, and Ny sagsbehandler.
func (s *municipalitiesScreen) card(m data.Municipality) fyne.CanvasObject {
	active, ordered := 0, 0
	for _, c := range s.courses {
		if c.MunicipalityID != m.ID {
			continue
		}
		if isActive(c.Status) {
			active++
		}
		if c.Status == data.CourseOrdered {
			ordered++
		}
	}
	form := readOnlyForm(
		lang.X("field.address", "Adresse"), m.Address,
		lang.X("field.ean", "EAN-nummer"), m.EAN,
		lang.X("field.secure_email", "Sikker e-mail"), m.SecureEmail,
		lang.X("municipalities.courses", "Forløb"), lang.X("municipalities.course_counts",
			"Aktive: {{.Active}} · bestilte: {{.Ordered}}", map[string]string{"Active": strconv.Itoa(active), "Ordered": strconv.Itoa(ordered)}),
	)
	list := container.NewVBox(caseworkerColumns.header(
		lang.X("caseworkers.col_name", "Sagsbehandler"), lang.X("caseworkers.col_phone", "Telefon"),
		lang.X("caseworkers.col_email", "E-mail"), ""))
	count := 0
	for _, c := range s.caseworkers {
		if c.MunicipalityID != m.ID || (c.Archived && archiveFilter(s.status.SelectedIndex()) == showActive) {
			continue
		}
		name := c.Name
		if c.Archived {
			name += " " + lang.X("list.archived_mark", "(arkiveret)")
		}
		var edit fyne.CanvasObject = cell("")
		if s.editable {
			b := widget.NewButtonWithIcon(lang.X("registry.edit", "Redigér"), theme.DocumentCreateIcon(), func() { s.editCaseworker(c) })
			b.Importance = widget.LowImportance
			edit = b
		}
		list.Add(caseworkerColumns.row(cell(name), cell(orDash(c.Phone)), cell(orDash(c.Email)), edit))
		count++
	}
	if count == 0 {
		list.Add(muted(lang.X("caseworkers.none", "Ingen sagsbehandlere registreret.")))
	}
	title := m.Name
	if m.Archived {
		title += " " + lang.X("list.archived_mark", "(arkiveret)")
	}
	body := container.NewVBox(form, widget.NewSeparator(), list)
	if s.editable {
		body.Add(s.cardButtons(m))
	}
	return widget.NewCard(title, "", body)
}

// cardButtons: Ny sagsbehandler on the left; Arkivér/Genaktivér and Redigér
// on the right.
func (s *municipalitiesScreen) cardButtons(m data.Municipality) fyne.CanvasObject {
	addCW := widget.NewButtonWithIcon(lang.X("caseworkers.new", "Ny sagsbehandler"), theme.ContentAddIcon(),
		func() { s.editCaseworker(data.Caseworker{MunicipalityID: m.ID}) })
	edit := widget.NewButtonWithIcon(lang.X("registry.edit", "Redigér"), theme.DocumentCreateIcon(), func() { s.edit(m) })
	archive := widget.NewButtonWithIcon(lang.X("registry.archive", "Arkivér"), theme.FolderIcon(), func() { s.confirmArchive(m) })
	if m.Archived {
		archive = widget.NewButtonWithIcon(lang.X("registry.unarchive", "Genaktivér"), theme.ViewRestoreIcon(), func() { s.setArchived(m, false) })
	}
	return container.NewBorder(nil, nil, addCW, container.NewHBox(archive, edit))
}

func (s *municipalitiesScreen) create() {
	if !s.editable {
		return
	}
	s.form = openMunicipalityForm(s.env, s.st, data.Municipality{}, s.saved)
}

func (s *municipalitiesScreen) edit(m data.Municipality) {
	s.form = openMunicipalityForm(s.env, s.st, m, s.saved)
}

func (s *municipalitiesScreen) editCaseworker(c data.Caseworker) {
	name := ""
	for _, m := range s.municipalities {
		if m.ID == c.MunicipalityID {
			name = m.Name
		}
	}
	s.form = openCaseworkerForm(s.env, s.st, c, name, func(data.Caseworker) { s.reload() })
}

// saved shows the saved municipality even when the filter would hide it.
func (s *municipalitiesScreen) saved(m data.Municipality) {
	if !archiveFilter(s.status.SelectedIndex()).keeps(m.Archived) {
		s.status.SetSelectedIndex(int(showAll))
	}
	s.reload()
}

// confirmArchive archives a municipality (its courses keep it); one without
// courses may be deleted instead.
func (s *municipalitiesScreen) confirmArchive(m data.Municipality) {
	body := lang.X("municipalities.archive_body", "{{.Name}} skjules i lister og kan ikke vælges til nye forløb. Forløb og rapporter beholder kommunen. Du kan genaktivere den senere.",
		map[string]string{"Name": m.Name})
	title := lang.X("municipalities.archive_title", "Arkivér kommune?")
	if del, ok := s.st.(registryDeleter); ok {
		if used, err := del.MunicipalityHasHistory(context.Background(), m.ID); err == nil && !used {
			var dlg *dialog.CustomDialog
			note := wrapped(body + "\n\n" + lang.X("municipalities.no_history", "Kommunen har ingen forløb og kan også slettes helt (med sine sagsbehandlere)."))
			archive := widget.NewButtonWithIcon(lang.X("registry.archive", "Arkivér"), theme.FolderIcon(), func() { dlg.Hide(); s.setArchived(m, true) })
			remove := widget.NewButtonWithIcon(lang.X("registry.delete", "Slet"), theme.DeleteIcon(), func() {
				dlg.Hide()
				s.env.showError(del.DeleteMunicipality(context.Background(), m.ID))
				s.reload()
			})
			remove.Importance = widget.DangerImportance
			cancel := widget.NewButton(lang.X("form.cancel", "Annullér"), func() { dlg.Hide() })
			dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(cancel, remove, archive), nil, nil, note), s.env.window)
			dlg.Resize(fyne.NewSize(520, 0))
			dlg.Show()
			return
		}
	}
	dialog.ShowConfirm(title, body, func(yes bool) {
		if yes {
			s.setArchived(m, true)
		}
	}, s.env.window)
}

func (s *municipalitiesScreen) setArchived(m data.Municipality, archived bool) {
	fresh, err := s.st.Municipality(context.Background(), m.ID)
	if err == nil {
		fresh.Archived = archived
		err = s.st.SaveMunicipality(context.Background(), &fresh)
	}
	if err != nil {
		s.env.showError(err)
		return
	}
	s.saved(fresh)
}
