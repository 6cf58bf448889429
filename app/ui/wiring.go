package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// wireScreens connects screens that open one another: a citizen named on
// the overview or in the calendar opens on the citizen page, and the
// citizen page shows the citizen's reports.
func (m *MainWindow) wireScreens() {
	m.openCitizen = func(id data.ID) {
		if s := m.citizensScreen(); s != nil {
			s.open(id)
		}
	}
}

// citizenDocuments is the Dokumenter tab of the citizen page.
func (m *MainWindow) citizenDocuments(citizenID data.ID) fyne.CanvasObject {
	return newCitizenDocuments(m.store, m.env, citizenID)
}

// statusReportsDue lists the status reports falling due today, for the
// overview, given the open courses and the agreements running today (both
// read by the overview already; a report falls due only on an active
// course or one in retention, DueStatusReports picks them): the lines of
// the first overviewCap, which the card shows, and how many are due. Only
// their citizens' names are read (a large organisation has hundreds due).
// Each line opens Rapporter, where the report is written.
func (m *MainWindow) statusReportsDue(ctx context.Context, courses []data.Course, running []data.Agreement) ([]overviewLine, int, error) {
	today := m.env.today()
	in := data.DueInput{Courses: courses}
	var err error
	if in.Agreements, err = m.dueAgreements(ctx, courses, running); err != nil {
		return nil, 0, fmt.Errorf("status reports due: %w", err)
	}
	if in.Municipalities, err = m.store.Municipalities(ctx, true); err != nil {
		return nil, 0, fmt.Errorf("status reports due: %w", err)
	}
	if in.Reports, err = m.store.Reports(ctx, data.ReportFilter{Kinds: []data.ReportKind{data.KindStatus}}); err != nil {
		return nil, 0, fmt.Errorf("status reports due: %w", err)
	}
	due := data.DueStatusReports(today, in)
	shown := due[:min(len(due), overviewCap)]
	ids := make([]data.ID, len(shown))
	for i, d := range shown {
		ids[i] = d.Course.CitizenID
	}
	names, err := m.store.CitizenNames(ctx, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("status reports due: %w", err)
	}
	var lines []overviewLine
	for _, due := range shown {
		lines = append(lines, overviewLine{
			icon: theme.DocumentIcon(),
			text: lang.X("overview.status_due_line", "{{.Name}} · {{.Municipality}} · periode {{.Period}}",
				map[string]string{"Name": names[due.Course.CitizenID], "Municipality": due.Municipality.Name,
					"Period": periodText(due.From, due.To)}),
			imp:  widget.WarningImportance,
			open: func() { m.ShowSection(SectionReports) },
		})
	}
	return lines, len(due), nil
}

// dueAgreements are the agreements DueStatusReports needs for courses: a
// report falls due only on a course with an agreement running today, and
// the course's first agreement matters only when the course has no start
// date. So it takes the running agreements (read once for the overview)
// and reads every agreement only of those few courses, not of every
// course one by one.
func (m *MainWindow) dueAgreements(ctx context.Context, courses []data.Course, running []data.Agreement) ([]data.Agreement, error) {
	hasRunning := map[data.ID]bool{}
	for _, a := range running {
		hasRunning[a.CourseID] = true
	}
	whole := map[data.ID]bool{}
	var out []data.Agreement
	for _, c := range courses {
		// Only an active course reports (as DueStatusReports decides).
		if !isActive(c.Status) || !c.StartedOn.IsZero() || !hasRunning[c.ID] {
			continue
		}
		all, err := m.store.Agreements(ctx, c.ID, data.Date{})
		if err != nil {
			return nil, err
		}
		out = append(out, all...)
		whole[c.ID] = true
	}
	for _, a := range running {
		if !whole[a.CourseID] {
			out = append(out, a)
		}
	}
	return out, nil
}
