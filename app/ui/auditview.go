package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// auditStore is what the audit log tab reads. Citizens gives the names
// (already decrypted, without an audit entry per citizen); Citizen is
// never called here, as every opening of a record is itself logged.
type auditStore interface {
	AuditLog(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error)
	Organisation(ctx context.Context) (data.Organisation, error)
	VerifyAuditChain(ctx context.Context) (data.AuditVerification, error)
	Audit(ctx context.Context, e data.AuditEntry) error
	Users(ctx context.Context) ([]data.User, error)
	CitizenSummaries(ctx context.Context, includeArchived bool) ([]data.CitizenSummary, error)
	CurrentUser() (data.User, bool)
}

// auditRetentionStore sets how long the audit log is kept.
type auditRetentionStore interface {
	AuditRetentionMonths(ctx context.Context) (int, error)
	SetAuditRetentionMonths(ctx context.Context, months int) error
}

// auditLimit caps the rows shown; the filters reach older entries.
const auditLimit = 500

// auditColumns: time, user, action, citizen, details.
var auditColumns = columns{150, 120, 170, 180, 0}

type auditScreen struct {
	st  auditStore
	env env

	entries  []data.AuditEntry
	names    map[data.ID]string              // citizen id → name
	byID     map[data.ID]data.CitizenSummary // the loaded citizens, for the PDF export
	users    []data.User
	citizens []data.CitizenSummary // in the citizen filter's order

	user      *widget.Select
	citizen   *widget.Select
	action    *widget.Select
	from, to  *formField
	count     *widget.Label
	chain     *fyne.Container
	list      *widget.List
	export    *widget.Button
	exportPDF *widget.Button
	months    *formField
	monthsBox fyne.CanvasObject
	root      fyne.CanvasObject
}

func newAuditScreen(st auditStore, e env) *auditScreen {
	s := &auditScreen{st: st, env: e, count: muted(""), chain: container.NewStack()}
	apply := func(string) { s.reload() }
	s.user = widget.NewSelect(nil, apply)
	s.citizen = widget.NewSelect(nil, func(string) {
		s.updateExport()
		s.reload()
	})
	actions := []string{lang.X("audit.all_actions", "Alle handlinger")}
	for _, a := range data.AuditActions {
		actions = append(actions, a.Label())
	}
	s.action = widget.NewSelect(actions, apply)
	s.from = newFormField(widget.NewEntry())
	s.to = newFormField(widget.NewEntry())
	for _, f := range []*formField{s.from, s.to} {
		f.entry.SetPlaceHolder(lang.X("audit.date_placeholder", "dd-mm-åååå"))
		f.entry.OnSubmitted = apply
	}
	s.list = widget.NewList(func() int { return len(s.entries) }, s.newRow, s.updateRow)
	s.list.OnSelected = func(id widget.ListItemID) { s.showEntry(id) }
	s.export = widget.NewButtonWithIcon(lang.X("audit.export", "Eksportér for borger (CSV)…"), theme.DocumentSaveIcon(),
		func() { s.chooseExportFile(reports.FormatCSV) })
	s.export.Disable()
	s.exportPDF = widget.NewButtonWithIcon(lang.X("audit.export_pdf", "Eksportér for borger (PDF)…"), theme.DocumentPrintIcon(),
		func() { s.chooseExportFile(reports.FormatPDF) })
	s.exportPDF.Disable()
	if _, ok := st.(auditRetentionStore); ok {
		s.months = newFormField(widget.NewEntry())
		s.months.entry.OnSubmitted = func(string) { s.saveMonths() }
		save := widget.NewButtonWithIcon(lang.X("audit.save_months", "Gem"), theme.DocumentSaveIcon(), s.saveMonths)
		s.monthsBox = container.NewHBox(
			widget.NewLabel(lang.X("audit.keep", "Opbevar revisionsloggen i")),
			container.New(minWidth(70), s.months.entry),
			widget.NewLabel(lang.X("audit.months_min", "måneder (mindst 6)")),
			save,
		)
	}
	s.root = s.layout()
	return s
}

// labelled puts a caption above a filter field.
func labelled(caption string, field fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(caption)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return container.New(layout.NewCustomPaddedVBoxLayout(0), l, field)
}

func (s *auditScreen) layout() fyne.CanvasObject {
	search := widget.NewButtonWithIcon(lang.X("audit.search", "Søg"), theme.SearchIcon(), s.reload)
	reset := widget.NewButtonWithIcon(lang.X("audit.reset", "Nulstil"), theme.ContentClearIcon(), s.resetFilters)
	filters := container.NewGridWithColumns(3,
		labelled(lang.X("audit.user", "Bruger"), s.user),
		labelled(lang.X("audit.citizen", "Borger"), s.citizen),
		labelled(lang.X("audit.action", "Handling"), s.action),
	)
	dates := container.NewGridWithColumns(3,
		labelled(lang.X("audit.from", "Fra dato"), fieldWithMessage(s.from.entry, s.from.msg)),
		labelled(lang.X("audit.to", "Til og med dato"), fieldWithMessage(s.to.entry, s.to.msg)),
		container.NewVBox(widget.NewLabel(""), container.NewHBox(search, reset)),
	)
	header := auditColumns.header(
		lang.X("audit.col_time", "Tidspunkt"), lang.X("audit.col_user", "Bruger"),
		lang.X("audit.col_action", "Handling"), lang.X("audit.col_citizen", "Borger"),
		lang.X("audit.col_detail", "Detaljer"))
	top := container.NewVBox(heading(lang.X("audit.title", "Revisionslog")), s.chain, filters, dates, widget.NewSeparator(), header)
	bottomRow := container.NewBorder(nil, nil, nil, container.NewHBox(s.exportPDF, s.export), s.count)
	bottom := container.NewVBox(widget.NewSeparator(), bottomRow)
	if s.monthsBox != nil {
		bottom.Add(s.monthsBox)
		bottom.Add(fieldWithMessage(layout.NewSpacer(), s.months.msg))
	}
	return container.NewBorder(top, bottom, nil, nil, s.list)
}

func (s *auditScreen) view() fyne.CanvasObject { return s.root }

func (s *auditScreen) newRow() fyne.CanvasObject {
	return auditColumns.row(cell(""), cell(""), cell(""), cell(""), cell(""))
}

func (s *auditScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.entries) {
		return
	}
	e := s.entries[id]
	setRow(o, auditTime(e.At), orDash(e.Username), e.Action.Label(), s.citizenName(e.CitizenID), orDash(e.Detail))
}

// auditTime is dd-mm-yyyy HH:MM:SS in Danish time.
func auditTime(t time.Time) string {
	return t.In(data.Zone()).Format("02-01-2006 15:04:05")
}

// citizenName names the citizen of an entry, or says it has been erased.
func (s *auditScreen) citizenName(id data.ID) string {
	if id == 0 {
		return "–"
	}
	if n, ok := s.names[id]; ok {
		return n
	}
	return lang.X("audit.citizen_erased", "#{{.ID}} (slettet)", map[string]string{"ID": strconv.FormatInt(id, 10)})
}

func (s *auditScreen) load(ctx context.Context) error {
	users, err := s.st.Users(ctx)
	if err != nil {
		return err
	}
	citizens, err := s.st.CitizenSummaries(ctx, true)
	if err != nil {
		return err
	}
	dk.SortBy(users, func(u data.User) string { return u.Username })
	dk.SortBy(citizens, func(c data.CitizenSummary) string { return c.Name })
	s.users, s.citizens = users, citizens
	s.names = make(map[data.ID]string, len(citizens))
	s.byID = make(map[data.ID]data.CitizenSummary, len(citizens))
	for _, c := range citizens {
		s.names[c.ID] = c.Name
		s.byID[c.ID] = c
	}
	s.setOptions()
	if rs, ok := s.st.(auditRetentionStore); ok {
		n, err := rs.AuditRetentionMonths(ctx)
		if err != nil {
			return err
		}
		s.months.entry.SetText(strconv.Itoa(n))
		s.months.setError("")
	}
	s.showChain(ctx)
	return s.query(ctx)
}

// setOptions fills the user and citizen filters, keeping the choices made.
func (s *auditScreen) setOptions() {
	userID, citizenID := s.selectedUser(), s.selectedCitizen()
	users := []string{lang.X("audit.all_users", "Alle brugere")}
	for _, u := range s.users {
		users = append(users, u.Username+" ("+orDash(u.DisplayName)+")")
	}
	citizens := []string{lang.X("audit.all_citizens", "Alle borgere")}
	for _, c := range s.citizens {
		citizens = append(citizens, c.Name+" (#"+strconv.FormatInt(c.ID, 10)+")")
	}
	setSelect(s.user, users, 1+slices.IndexFunc(s.users, func(u data.User) bool { return u.ID == userID && userID != 0 }))
	setSelect(s.citizen, citizens, 1+slices.IndexFunc(s.citizens, func(c data.CitizenSummary) bool { return c.ID == citizenID && citizenID != 0 }))
	if s.action.SelectedIndex() < 0 {
		setSelect(s.action, s.action.Options, 0)
	}
	s.updateExport()
}

// setSelect replaces a Select's options and selects index i without
// firing OnChanged (the caller reloads once).
func setSelect(sel *widget.Select, options []string, i int) {
	sel.Options = options
	if i < 0 || i >= len(options) {
		i = 0
	}
	sel.Selected = options[i]
	sel.Refresh()
}

func (s *auditScreen) selectedUser() data.ID {
	if i := s.user.SelectedIndex(); i > 0 && i-1 < len(s.users) {
		return s.users[i-1].ID
	}
	return 0
}

func (s *auditScreen) selectedCitizen() data.ID {
	if i := s.citizen.SelectedIndex(); i > 0 && i-1 < len(s.citizens) {
		return s.citizens[i-1].ID
	}
	return 0
}

func (s *auditScreen) selectedAction() (data.AuditAction, bool) {
	if i := s.action.SelectedIndex(); i > 0 && i-1 < len(data.AuditActions) {
		return data.AuditActions[i-1], true
	}
	return "", false
}

// selectCitizen sets the citizen filter (tests, and the export).
func (s *auditScreen) selectCitizen(id data.ID) {
	for i, c := range s.citizens {
		if c.ID == id {
			s.citizen.SetSelectedIndex(i + 1)
			return
		}
	}
}

// selectAction sets the action filter.
func (s *auditScreen) selectAction(a data.AuditAction) {
	s.action.SetSelectedIndex(slices.Index(data.AuditActions, a) + 1)
}

func (s *auditScreen) updateExport() {
	for _, b := range []*widget.Button{s.export, s.exportPDF} {
		if s.selectedCitizen() != 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (s *auditScreen) resetFilters() {
	setSelect(s.user, s.user.Options, 0)
	setSelect(s.citizen, s.citizen.Options, 0)
	setSelect(s.action, s.action.Options, 0)
	s.from.entry.SetText("")
	s.to.entry.SetText("")
	s.updateExport()
	s.reload()
}

func (s *auditScreen) reload() {
	if s.list == nil || s.names == nil {
		return // a Select fires while the screen is being built
	}
	s.env.showError(s.query(context.Background()))
}

// parseFilterDate reads a dd-mm-åååå field; an empty field is no limit.
func parseFilterDate(f *formField) (data.Date, bool) {
	text := strings.TrimSpace(f.entry.Text)
	if text == "" {
		f.setError("")
		return data.Date{}, true
	}
	t, err := dk.ParseDate(text, data.Zone())
	if err != nil {
		f.setError(lang.X("audit.bad_date", "Skriv datoen som dd-mm-åååå, fx 23-11-2026."))
		return data.Date{}, false
	}
	f.setError("")
	return data.DateOf(t), true
}

// filter builds the store filter from the fields; ok is false when a date
// is not a date (the field says why).
func (s *auditScreen) filter() (data.AuditFilter, bool) {
	f := data.AuditFilter{UserID: s.selectedUser(), CitizenID: s.selectedCitizen(), Limit: auditLimit}
	if a, ok := s.selectedAction(); ok {
		f.Actions = []data.AuditAction{a}
	}
	from, okFrom := parseFilterDate(s.from)
	to, okTo := parseFilterDate(s.to)
	if !okFrom || !okTo {
		return f, false
	}
	if !from.IsZero() {
		f.From = dayStart(from)
	}
	if !to.IsZero() {
		f.To = dayStart(to.AddDays(1)) // "til og med"
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		s.to.setError(lang.X("audit.to_before_from", "Til-datoen ligger før fra-datoen."))
		return f, false
	}
	return f, true
}

func (s *auditScreen) query(ctx context.Context) error {
	f, ok := s.filter()
	if !ok {
		return nil
	}
	entries, err := s.st.AuditLog(ctx, f)
	if err != nil {
		return err
	}
	s.entries = entries
	switch {
	case len(entries) >= auditLimit:
		s.count.SetText(lang.X("audit.count_limit", "Viser de nyeste {{.Count}} poster. Afgræns med filtrene for at se ældre.", map[string]int{"Count": len(entries)}))
	default:
		s.count.SetText(lang.X("audit.count", "Viser {{.Count}} poster, nyeste først.", map[string]int{"Count": len(entries)}))
	}
	s.list.UnselectAll()
	s.list.Refresh()
	return nil
}

// showChain checks the hash chain and tells the result in words.
func (s *auditScreen) showChain(ctx context.Context) {
	v, err := s.st.VerifyAuditChain(ctx)
	var line fyne.CanvasObject
	switch {
	case err != nil:
		line = iconLine(theme.ErrorIcon(), lang.X("audit.chain_error", "Kæden kunne ikke kontrolleres: {{.Error}}", map[string]string{"Error": err.Error()}), widget.DangerImportance)
	case v.OK:
		line = iconLine(theme.ConfirmIcon(), lang.X("audit.chain_ok", "Kæden er intakt ({{.Count}} poster).", map[string]int{"Count": v.Entries}), widget.SuccessImportance)
	default:
		l := wrapped(lang.X("audit.chain_broken", "Kæden er brudt: {{.Problem}}", map[string]string{"Problem": v.Problem}))
		l.Importance = widget.DangerImportance
		line = container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, l)
	}
	s.chain.Objects = []fyne.CanvasObject{line}
	s.chain.Refresh()
}

// showEntry shows one entry in full, for details too long for the row.
func (s *auditScreen) showEntry(id widget.ListItemID) {
	if id < 0 || id >= len(s.entries) || s.env.window == nil {
		return
	}
	e := s.entries[id]
	form := readOnlyForm(
		lang.X("audit.col_time", "Tidspunkt"), auditTime(e.At),
		lang.X("audit.col_user", "Bruger"), e.Username,
		lang.X("audit.col_action", "Handling"), e.Action.Label(),
		lang.X("audit.col_citizen", "Borger"), s.citizenName(e.CitizenID),
		lang.X("audit.col_detail", "Detaljer"), e.Detail,
		lang.X("audit.entry_no", "Post nr."), strconv.FormatInt(e.ID, 10),
	)
	d := dialog.NewCustom(lang.X("audit.entry", "Post i revisionsloggen"), lang.L("OK"), form, s.env.window)
	d.SetOnClosed(s.list.UnselectAll)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// exportFileName never holds a name or CPR number: only the citizen's id
// and the day.
func exportFileName(citizenID data.ID, today data.Date, format string) string {
	return fmt.Sprintf("Revisionslog_borger-%d_%s%s", citizenID, today.String(), format)
}

func (s *auditScreen) chooseExportFile(format string) {
	id := s.selectedCitizen()
	if id == 0 || s.env.window == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		n, err := s.exportCitizen(context.Background(), w, id, format)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(errors.New(lang.X("audit.export_failed", "Revisionsloggen kunne ikke eksporteres.")+"\n\n"+err.Error()), s.env.window)
			return
		}
		dialog.ShowInformation(lang.X("audit.exported_title", "Eksporteret"),
			lang.X("audit.exported", "{{.Count}} poster er gemt i {{.File}}.", map[string]any{"Count": n, "File": w.URI().Name()}), s.env.window)
		s.reload()
	}, s.env.window)
	d.SetFileName(exportFileName(id, s.env.today(), format))
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(900, 600))
}

// exportCitizenFile writes the citizen's entries to path (used by tests
// and by anything that already has a path).
func (s *auditScreen) exportCitizenFile(ctx context.Context, path string, citizenID data.ID) (int, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := s.exportCitizen(ctx, f, citizenID, strings.ToLower(filepath.Ext(path)))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// exportCitizen writes every audit entry about one citizen, oldest first,
// as PDF or CSV (the citizen's "who looked at my data"), and logs the
// export. The name comes from the loaded list, so exporting does not add
// an "opened" entry of its own.
func (s *auditScreen) exportCitizen(ctx context.Context, w io.Writer, citizenID data.ID, format string) (int, error) {
	entries, err := s.st.AuditLog(ctx, data.AuditFilter{CitizenID: citizenID})
	if err != nil {
		return 0, err
	}
	org, err := s.st.Organisation(ctx)
	if err != nil {
		return 0, err
	}
	var citizen *data.Citizen // nil for an erased citizen
	if c, ok := s.byID[citizenID]; ok {
		// The export names the citizen with the masked CPR: the summary's.
		citizen = &data.Citizen{ID: c.ID, Name: c.Name, CPR: c.CPR}
	}
	if err := reports.ExportCitizenAudit(w, format, org, citizenID, citizen, entries, s.env.now()); err != nil {
		return 0, err
	}
	u, _ := s.st.CurrentUser()
	err = s.st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditExport,
		CitizenID: citizenID, Detail: "revisionslog for borgeren eksporteret som " + strings.ToUpper(strings.TrimPrefix(format, "."))})
	return len(entries), err
}

func (s *auditScreen) saveMonths() {
	rs, ok := s.st.(auditRetentionStore)
	if !ok {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(s.months.entry.Text))
	if err != nil || n < data.MinAuditRetentionMonths || n > 1200 {
		s.months.setError(lang.X("audit.months_invalid", "Skriv et helt antal måneder, mindst 6."))
		return
	}
	if err := rs.SetAuditRetentionMonths(context.Background(), n); err != nil {
		s.months.setError(err.Error())
		return
	}
	s.months.setError("")
	s.env.showError(s.load(context.Background()))
}
