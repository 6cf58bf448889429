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
// overview; each line opens Rapporter, where the report is written.
func (m *MainWindow) statusReportsDue(ctx context.Context) ([]overviewLine, error) {
	today := m.env.today()
	courses, err := m.store.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive, data.CourseRetention}})
	if err != nil {
		return nil, fmt.Errorf("status reports due: %w", err)
	}
	in := data.DueInput{Courses: courses}
	for _, c := range courses {
		agreements, err := m.store.Agreements(ctx, c.ID, data.Date{})
		if err != nil {
			return nil, fmt.Errorf("status reports due: %w", err)
		}
		in.Agreements = append(in.Agreements, agreements...)
	}
	if in.Municipalities, err = m.store.Municipalities(ctx, true); err != nil {
		return nil, fmt.Errorf("status reports due: %w", err)
	}
	if in.Reports, err = m.store.Reports(ctx, data.ReportFilter{Kinds: []data.ReportKind{data.KindStatus}}); err != nil {
		return nil, fmt.Errorf("status reports due: %w", err)
	}
	citizens, err := m.store.Citizens(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("status reports due: %w", err)
	}
	names := byID(citizens, func(c data.Citizen) data.ID { return c.ID })
	var lines []overviewLine
	for _, due := range data.DueStatusReports(today, in) {
		lines = append(lines, overviewLine{
			icon: theme.DocumentIcon(),
			text: lang.X("overview.status_due_line", "{{.Name}} · {{.Municipality}} · periode {{.Period}}",
				map[string]string{"Name": names[due.Course.CitizenID].Name, "Municipality": due.Municipality.Name,
					"Period": periodText(due.From, due.To)}),
			imp:  widget.WarningImportance,
			open: func() { m.ShowSection(SectionReports) },
		})
	}
	return lines, nil
}
