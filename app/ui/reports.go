package ui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// reportsStore is what the Rapporter section reads and writes.
type reportsStore interface {
	reportFormStore
	GeneratedReports(ctx context.Context, f data.ReportFilter) ([]data.GeneratedReport, error)
	MarkReportSent(ctx context.Context, generatedID data.ID, to string) error
	CitizenNames(ctx context.Context, ids []data.ID) (map[data.ID]string, error)
}

// reportMonths is how many months back the month choice reaches.
const reportMonths = 12

// timesheetColumns: citizen, CPR, sessions, contact hours, rate, amount,
// transport, admin.
var timesheetColumns = columns{0, 110, 70, 130, 110, 130, 90, 80}

// reportsScreen is the Rapporter section: the month's timeopgørelse, the
// written reports with their workflow, and the register of every PDF made.
type reportsScreen struct {
	st     reportsStore
	env    env
	pdf    *pdfOpener
	months []data.Date // first day of each month offered, newest first
	month  *widget.Select
	body   *fyne.Container
	root   fyne.CanvasObject
	tabs   *container.AppTabs
	sheets []reports.Timesheet
	// updating is true while load fills the month choice, so filling it
	// does not trigger a second load.
	updating bool
	written  *writtenReports
	register *generatedList
	// courseSessions are the sessions of the timesheets' courses, for the
	// agreements' hours.
	courseSessions map[data.ID][]data.Session
}

func newReportsScreen(st reportsStore, e env) *reportsScreen {
	s := &reportsScreen{st: st, env: e, body: container.NewVBox(), pdf: &pdfOpener{st: st, env: e}}
	s.month = widget.NewSelect(nil, func(string) {
		if !s.updating {
			s.env.showError(s.loadMonth(context.Background()))
		}
	})
	s.written = newWrittenReports(st, e, func() { s.env.showError(s.register.load(context.Background())) })
	s.register = newGeneratedList(st, e, data.ReportFilter{})
	monthBar := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.X("reports.month", "Måned")), container.New(minWidth(200), s.month)))
	timesheets := container.NewBorder(monthBar, nil, nil, nil, container.NewVScroll(s.body))
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("reports.title", "Timeopgørelse"), theme.ListIcon(), timesheets),
		container.NewTabItemWithIcon(lang.X("report.tab_written", "Rapporter til kommunen"), theme.DocumentCreateIcon(), s.written.view()),
		container.NewTabItemWithIcon(lang.X("report.tab_register", "Dannede PDF'er"), theme.DocumentIcon(), s.register.view()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.env.showError(s.loadTab(context.Background())) }
	monthEnd := widget.NewButtonWithIcon(lang.X("report.month_end", "Månedsafslutning"), theme.MailSendIcon(), func() {
		newMonthEndDialog(st, s.env, s.months, func() { s.env.showError(s.load(context.Background())) }).show()
	})
	newReport := widget.NewButtonWithIcon(lang.X("report.new", "Ny rapport"), theme.ContentAddIcon(), func() { s.written.newReport() })
	newReport.Importance = widget.HighImportance
	bar := container.NewBorder(nil, nil, heading(lang.X("nav.reports", "Rapporter")), container.NewHBox(monthEnd, newReport))
	s.root = container.NewBorder(bar, nil, nil, nil, s.tabs)
	return s
}

func (s *reportsScreen) view() fyne.CanvasObject { return s.root }

// load offers the last twelve months; the first time it picks last month,
// the one usually being invoiced.
func (s *reportsScreen) load(ctx context.Context) error {
	first := data.NewDate(s.env.today().Year, s.env.today().Month, 1)
	chosen := s.month.SelectedIndex()
	s.months = s.months[:0]
	var options []string
	for i := 0; i < reportMonths; i++ {
		m := first.AddMonths(-i)
		s.months = append(s.months, m)
		options = append(options, monthText(m))
	}
	if chosen < 0 {
		chosen = 1
	}
	s.updating = true
	s.month.SetOptions(options)
	s.month.SetSelectedIndex(chosen)
	s.updating = false
	if err := s.loadMonth(ctx); err != nil {
		return err
	}
	return s.loadTab(ctx)
}

// loadTab reloads the written reports or the register when shown.
func (s *reportsScreen) loadTab(ctx context.Context) error {
	switch s.tabs.SelectedIndex() {
	case 1:
		return s.written.load(ctx)
	case 2:
		return s.register.load(ctx)
	}
	return nil
}

func monthText(m data.Date) string {
	return capitalize(dk.MonthName(m.Month)) + " " + strconv.Itoa(m.Year)
}

// loadMonth reads the month's sessions and builds one timesheet per
// municipality.
func (s *reportsScreen) loadMonth(ctx context.Context) error {
	i := s.month.SelectedIndex()
	if i < 0 || i >= len(s.months) {
		return nil
	}
	sheets, err := reports.LoadTimesheets(ctx, s.st, s.months[i])
	if err != nil {
		return err
	}
	s.sheets = sheets
	if err := s.loadCourseSessions(ctx); err != nil {
		return err
	}
	s.render(s.month.Selected)
	return nil
}

// loadCourseSessions reads every session of the courses on the timesheets,
// so each line can show its agreement's hours like the other screens.
func (s *reportsScreen) loadCourseSessions(ctx context.Context) error {
	s.courseSessions = map[data.ID][]data.Session{}
	for _, t := range s.sheets {
		for _, l := range t.Lines {
			if _, done := s.courseSessions[l.CourseID]; done || l.Agreement.ID == 0 {
				continue
			}
			list, err := s.st.Sessions(ctx, data.SessionFilter{CourseID: l.CourseID})
			if err != nil {
				return fmt.Errorf("timesheet hours: %w", err)
			}
			s.courseSessions[l.CourseID] = list
		}
	}
	return nil
}

func (s *reportsScreen) render(monthName string) {
	s.body.Objects = nil
	defer s.body.Refresh()
	if len(s.sheets) == 0 {
		s.body.Add(muted(lang.X("reports.empty", "Ingen registrerede møder i {{.Month}}.", map[string]string{"Month": monthName})))
	}
	for _, t := range s.sheets {
		s.body.Add(s.timesheetCard(t, monthName))
	}
	s.body.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, muted(lang.X("reports.note",
		"Kun kontakttid faktureres. Transport- og administrationstid er registreret og vises til orientering, men indgår ikke i beløbet."))))
}

func (s *reportsScreen) timesheetCard(t reports.Timesheet, monthName string) fyne.CanvasObject {
	rows := container.NewVBox(timesheetColumns.header(
		lang.X("reports.col_citizen", "Borger"), lang.X("reports.col_cpr", "CPR-nr."),
		lang.X("reports.col_sessions", "Møder"), lang.X("reports.col_contact", "Kontakttimer"),
		lang.X("reports.col_rate", "Timepris"), lang.X("reports.col_amount", "Beløb"),
		lang.X("reports.col_transport", "Transport"), lang.X("reports.col_admin", "Admin.")))
	for _, l := range t.Lines {
		rows.Add(timesheetColumns.row(cell(l.Citizen.Name), cell(orDash(l.Citizen.MaskedCPR())),
			number(strconv.Itoa(l.Hours.Held)), number(dk.FormatHours(l.Hours.UsedMin)), number(dk.FormatMoney(l.RateOere)),
			number(dk.FormatMoney(l.AmountOere())), muteNumber(dk.FormatHours(l.Hours.TransportMin)), muteNumber(dk.FormatHours(l.Hours.AdminMin))))
		if l.Agreement.ID != 0 {
			h := hoursOf(l.Agreement, s.courseSessions[l.CourseID], s.env.today())
			detail := cell(lang.X("reports.agreement_hours", "Aftalen:") + " " + h.totalLine() + " — " + h.weekLine())
			detail.SizeName = theme.SizeNameCaptionText
			rows.Add(container.New(layout.NewCustomPaddedLayout(-12, 0, 0, 0), detail))
		}
	}
	tot := t.Totals()
	total := timesheetColumns.row(bold(lang.X("reports.total", "I alt")), cell(""),
		boldNumber(strconv.Itoa(tot.Held)), boldNumber(dk.FormatHours(tot.ContactMin)), cell(""),
		boldNumber(dk.FormatMoney(tot.AmountOere)), muteNumber(dk.FormatHours(tot.TransportMin)), muteNumber(dk.FormatHours(tot.AdminMin)))
	rows.Add(widget.NewSeparator())
	rows.Add(total)
	makePDF := widget.NewButtonWithIcon(lang.X("report.make_pdf", "Dan PDF og åbn"), theme.DocumentIcon(), func() {
		doc, err := reports.Produce(context.Background(), s.st, reports.Request{Kind: data.KindHours,
			MunicipalityID: t.Municipality.ID, From: t.Month, On: s.env.today()})
		if err == nil {
			err = s.pdf.open(doc)
		}
		s.env.showError(err)
	})
	rows.Add(container.NewHBox(makePDF))
	subtitle := lang.X("reports.subtitle", "{{.Month}} · EAN {{.EAN}}", map[string]string{"Month": monthName, "EAN": orDash(t.Municipality.EAN)})
	return widget.NewCard(t.Municipality.Name, subtitle, rows)
}

// number is a right-aligned cell, so decimal commas line up.
func number(text string) *widget.Label {
	l := cell(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

func boldNumber(text string) *widget.Label {
	l := number(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// muteNumber is a right-aligned number in italics: time that is recorded
// but not billed.
func muteNumber(text string) *widget.Label {
	l := number(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	return l
}
