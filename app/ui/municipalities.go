package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// municipalitiesStore is what the municipality screen reads.
type municipalitiesStore interface {
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
}

// caseworkerColumns: name, phone, e-mail.
var caseworkerColumns = columns{260, 140, 0}

type municipalitiesScreen struct {
	st       municipalitiesStore
	env      env
	archived *widget.Check
	cards    *fyne.Container
	root     fyne.CanvasObject
}

func newMunicipalitiesScreen(st municipalitiesStore, e env) *municipalitiesScreen {
	s := &municipalitiesScreen{st: st, env: e, cards: container.NewVBox()}
	s.archived = widget.NewCheck(lang.X("list.show_archived", "Vis arkiverede"), func(bool) {
		s.env.showError(s.load(context.Background()))
	})
	top := container.NewBorder(nil, nil, heading(lang.X("nav.municipalities", "Kommuner")), s.archived)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.cards))
	return s
}

func (s *municipalitiesScreen) view() fyne.CanvasObject { return s.root }

func (s *municipalitiesScreen) load(ctx context.Context) error {
	municipalities, err := s.st.Municipalities(ctx, s.archived.Checked)
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
	s.cards.Objects = nil
	if len(municipalities) == 0 {
		s.cards.Add(muted(lang.X("municipalities.none", "Der er ingen kommuner endnu.")))
	}
	for _, m := range municipalities {
		s.cards.Add(s.card(m, caseworkers, courses))
	}
	s.cards.Refresh()
	return nil
}

// card shows what invoices and secure mail need (EAN, secure e-mail), the
// number of courses, and the caseworkers.
func (s *municipalitiesScreen) card(m data.Municipality, caseworkers []data.Caseworker, courses []data.Course) fyne.CanvasObject {
	active, ordered := 0, 0
	for _, c := range courses {
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
		lang.X("caseworkers.col_name", "Sagsbehandler"), lang.X("caseworkers.col_phone", "Telefon"), lang.X("caseworkers.col_email", "E-mail")))
	count := 0
	for _, c := range caseworkers {
		if c.MunicipalityID != m.ID || (c.Archived && !s.archived.Checked) {
			continue
		}
		list.Add(caseworkerColumns.row(cell(c.Name), cell(orDash(c.Phone)), cell(orDash(c.Email))))
		count++
	}
	if count == 0 {
		list.Add(muted(lang.X("caseworkers.none", "Ingen sagsbehandlere registreret.")))
	}
	title := m.Name
	if m.Archived {
		title += " " + lang.X("list.archived_mark", "(arkiveret)")
	}
	return widget.NewCard(title, "", container.NewVBox(form, widget.NewSeparator(), list))
}
