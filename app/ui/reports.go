package ui

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// reportsStore is what the report preview reads.
type reportsStore interface {
	Organisation(ctx context.Context) (data.Organisation, error)
	Municipalities(ctx context.Context, includeArchived bool) ([]data.Municipality, error)
	Citizens(ctx context.Context, includeArchived bool) ([]data.Citizen, error)
	Courses(ctx context.Context, f data.CourseFilter) ([]data.Course, error)
	Agreements(ctx context.Context, courseID data.ID, activeOn data.Date) ([]data.Agreement, error)
	Sessions(ctx context.Context, f data.SessionFilter) ([]data.Session, error)
}

// reportMonths is how many months back the month choice reaches.
const reportMonths = 12

// timesheetColumns: citizen, CPR, sessions, contact hours, rate, amount,
// transport, admin.
var timesheetColumns = columns{0, 110, 70, 130, 110, 130, 90, 80}

// timesheetLine is one citizen at one rate in one month. A citizen appears
// twice only when the rate changed within the month (a new agreement).
type timesheetLine struct {
	citizen      data.Citizen
	rateOere     int64
	held         int
	contactMin   int
	transportMin int
	adminMin     int
}

// amountOere is contact time × rate, rounded to whole øre.
func (l timesheetLine) amountOere() int64 {
	return (int64(l.contactMin)*l.rateOere + 30) / 60
}

// timesheet is the timeopgørelse of one municipality for one month.
type timesheet struct {
	municipality data.Municipality
	lines        []timesheetLine
}

// totals sums the lines; the amount is the sum of the rounded line amounts,
// as on the invoice.
func (t timesheet) totals() (held, contactMin, transportMin, adminMin int, amount int64) {
	for _, l := range t.lines {
		held += l.held
		contactMin += l.contactMin
		transportMin += l.transportMin
		adminMin += l.adminMin
		amount += l.amountOere()
	}
	return
}

type reportsScreen struct {
	st     reportsStore
	env    env
	months []data.Date // first day of each month offered, newest first
	month  *widget.Select
	body   *fyne.Container
	root   fyne.CanvasObject
	sheets []timesheet
	// updating is true while load fills the month choice, so filling it
	// does not trigger a second load.
	updating bool
}

func newReportsScreen(st reportsStore, e env) *reportsScreen {
	s := &reportsScreen{st: st, env: e, body: container.NewVBox()}
	s.month = widget.NewSelect(nil, func(string) {
		if !s.updating {
			s.env.showError(s.loadMonth(context.Background()))
		}
	})
	title := heading(lang.X("reports.title", "Timeopgørelse"))
	bar := container.NewBorder(nil, nil, title, container.NewHBox(widget.NewLabel(lang.X("reports.month", "Måned")), container.New(minWidth(200), s.month)))
	s.root = container.NewBorder(bar, nil, nil, nil, container.NewVScroll(s.body))
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
		options = append(options, capitalize(dk.MonthName(m.Month))+" "+strconv.Itoa(m.Year))
	}
	if chosen < 0 {
		chosen = 1
	}
	s.updating = true
	s.month.SetOptions(options)
	s.month.SetSelectedIndex(chosen)
	s.updating = false
	return s.loadMonth(ctx)
}

// loadMonth reads the month's sessions and builds one timesheet per
// municipality.
func (s *reportsScreen) loadMonth(ctx context.Context) error {
	i := s.month.SelectedIndex()
	if i < 0 || i >= len(s.months) {
		return nil
	}
	sheets, err := loadTimesheets(ctx, s.st, s.months[i])
	if err != nil {
		return err
	}
	s.sheets = sheets
	s.render(s.month.Selected)
	return nil
}

func loadTimesheets(ctx context.Context, st reportsStore, month data.Date) ([]timesheet, error) {
	org, err := st.Organisation(ctx)
	if err != nil {
		return nil, err
	}
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return nil, err
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return nil, err
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return nil, err
	}
	sessions, err := st.Sessions(ctx, data.SessionFilter{From: dayStart(month), To: dayStart(month.AddMonths(1))})
	if err != nil {
		return nil, err
	}
	agreements := map[data.ID][]data.Agreement{}
	for _, ss := range sessions {
		if _, ok := agreements[ss.CourseID]; !ok {
			if agreements[ss.CourseID], err = st.Agreements(ctx, ss.CourseID, data.Date{}); err != nil {
				return nil, err
			}
		}
	}
	in := timesheetInput{
		sessions: sessions, agreements: agreements, defaultRate: org.HourlyRateOere,
		courses:        byID(courses, func(c data.Course) data.ID { return c.ID }),
		citizens:       byID(citizens, func(c data.Citizen) data.ID { return c.ID }),
		municipalities: byID(municipalities, func(m data.Municipality) data.ID { return m.ID }),
	}
	return in.build(), nil
}

// timesheetInput is what building the timesheets needs, read beforehand so
// the arithmetic is a pure function.
type timesheetInput struct {
	sessions       []data.Session
	agreements     map[data.ID][]data.Agreement // by course
	courses        map[data.ID]data.Course
	citizens       map[data.ID]data.Citizen
	municipalities map[data.ID]data.Municipality
	defaultRate    int64
}

// build groups the sessions by municipality, citizen and rate. Only held
// sessions' contact time is billed; transport and admin time are summed apart
// because the law forbids billing them.
func (in timesheetInput) build() []timesheet {
	type key struct {
		municipality, citizen data.ID
		rate                  int64
	}
	lines := map[key]*timesheetLine{}
	for _, ss := range in.sessions {
		course := in.courses[ss.CourseID]
		k := key{course.MunicipalityID, course.CitizenID, in.rate(ss)}
		l := lines[k]
		if l == nil {
			l = &timesheetLine{citizen: in.citizens[course.CitizenID], rateOere: k.rate}
			lines[k] = l
		}
		if ss.Held() {
			l.held++
			l.contactMin += ss.ContactMin
		}
		l.transportMin += ss.TransportMin
		l.adminMin += ss.AdminMin
	}
	byMunicipality := map[data.ID]*timesheet{}
	for k, l := range lines {
		if l.held == 0 && l.transportMin == 0 && l.adminMin == 0 {
			continue // only cancelled or planned sessions: nothing to report
		}
		t := byMunicipality[k.municipality]
		if t == nil {
			t = &timesheet{municipality: in.municipalities[k.municipality]}
			byMunicipality[k.municipality] = t
		}
		t.lines = append(t.lines, *l)
	}
	var out []timesheet
	for _, t := range byMunicipality {
		dk.SortBy(t.lines, func(l timesheetLine) string { return l.citizen.Name })
		out = append(out, *t)
	}
	dk.SortBy(out, func(t timesheet) string { return t.municipality.Name })
	return out
}

// rate is the hourly rate of the agreement covering the session's day, or
// the organisation's default when no agreement does.
func (in timesheetInput) rate(ss data.Session) int64 {
	agreements := slices.Clone(in.agreements[ss.CourseID])
	slices.SortFunc(agreements, func(a, b data.Agreement) int { return b.Start.Compare(a.Start) })
	for _, a := range agreements {
		if a.Covers(ss.PlannedStart.In(data.Zone())) {
			return a.RateOere
		}
	}
	return in.defaultRate
}

func (s *reportsScreen) render(monthName string) {
	s.body.Objects = nil
	defer s.body.Refresh()
	if len(s.sheets) == 0 {
		s.body.Add(muted(lang.X("reports.empty", "Ingen registrerede møder i {{.Month}}.", map[string]string{"Month": monthName})))
	}
	for _, t := range s.sheets {
		s.body.Add(timesheetCard(t, monthName))
	}
	s.body.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, muted(lang.X("reports.note",
		"Kun kontakttid faktureres. Transport- og administrationstid er registreret og vises til orientering, men indgår ikke i beløbet."))))
}

func timesheetCard(t timesheet, monthName string) fyne.CanvasObject {
	rows := container.NewVBox(timesheetColumns.header(
		lang.X("reports.col_citizen", "Borger"), lang.X("reports.col_cpr", "CPR-nr."),
		lang.X("reports.col_sessions", "Møder"), lang.X("reports.col_contact", "Kontakttimer"),
		lang.X("reports.col_rate", "Timepris"), lang.X("reports.col_amount", "Beløb"),
		lang.X("reports.col_transport", "Transport"), lang.X("reports.col_admin", "Admin.")))
	for _, l := range t.lines {
		rows.Add(timesheetColumns.row(cell(l.citizen.Name), cell(orDash(l.citizen.MaskedCPR())),
			number(strconv.Itoa(l.held)), number(dk.FormatHours(l.contactMin)), number(dk.FormatMoney(l.rateOere)),
			number(dk.FormatMoney(l.amountOere())), muteNumber(dk.FormatHours(l.transportMin)), muteNumber(dk.FormatHours(l.adminMin))))
	}
	held, contact, transport, admin, amount := t.totals()
	total := timesheetColumns.row(bold(lang.X("reports.total", "I alt")), cell(""),
		boldNumber(strconv.Itoa(held)), boldNumber(dk.FormatHours(contact)), cell(""),
		boldNumber(dk.FormatMoney(amount)), muteNumber(dk.FormatHours(transport)), muteNumber(dk.FormatHours(admin)))
	rows.Add(widget.NewSeparator())
	rows.Add(total)
	subtitle := lang.X("reports.subtitle", "{{.Month}} · EAN {{.EAN}}", map[string]string{"Month": monthName, "EAN": orDash(t.municipality.EAN)})
	return widget.NewCard(t.municipality.Name, subtitle, rows)
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
