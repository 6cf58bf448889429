package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
)

// monthEnd is "Månedsafslutning": every due status report and every
// municipality's timeopgørelse for a month, written to a folder, with a
// progress bar and cancel. A failing document is listed with its reason;
// the rest go on.
type monthEnd struct {
	st       reportsStore
	env      env
	months   []data.Date
	done     func()
	munis    []data.Municipality
	month    *widget.Select
	kommune  *widget.Select
	dir      *widget.Entry
	progress *widget.ProgressBar
	status   *widget.Label
	results  *fyne.Container
	start    *widget.Button
	cancel   *widget.Button
	stop     context.CancelFunc
	dlg      *dialog.CustomDialog
	content  fyne.CanvasObject
	// finished is closed when a run ends (tests wait on it).
	finished chan struct{}
	outcome  []reports.MonthEndResult
}

func newMonthEndDialog(st reportsStore, e env, months []data.Date, done func()) *monthEnd {
	m := &monthEnd{st: st, env: e, months: months, done: done, progress: widget.NewProgressBar(),
		status: widget.NewLabel(""), results: container.NewVBox()}
	var names []string
	for _, d := range months {
		names = append(names, monthText(d))
	}
	m.month = widget.NewSelect(names, func(string) { m.dir.SetText(m.defaultDir()) })
	m.dir = widget.NewEntry()
	munis, err := st.Municipalities(context.Background(), false)
	e.showError(err)
	m.munis = munis
	options := []string{lang.X("report.all_municipalities", "Alle kommuner")}
	for _, mu := range munis {
		options = append(options, mu.Name)
	}
	m.kommune = widget.NewSelect(options, nil)
	m.kommune.SetSelectedIndex(0)
	if len(names) > 1 {
		m.month.SetSelectedIndex(1) // last month, the one being closed
	} else if len(names) == 1 {
		m.month.SetSelectedIndex(0)
	}
	choose := widget.NewButtonWithIcon(lang.X("report.choose_folder", "Vælg mappe …"), theme.FolderOpenIcon(), m.chooseDir)
	m.start = widget.NewButtonWithIcon(lang.X("report.month_end_start", "Dan rapporterne"), theme.MediaPlayIcon(), func() { m.run() })
	m.start.Importance = widget.HighImportance
	m.cancel = widget.NewButtonWithIcon(lang.X("report.cancel_run", "Annullér"), theme.CancelIcon(), func() {
		if m.stop != nil {
			m.stop()
		}
	})
	m.cancel.Disable()
	form := widget.NewForm(
		widget.NewFormItem(lang.X("reports.month", "Måned"), m.month),
		widget.NewFormItem(lang.X("report.municipality", "Kommune"), m.kommune),
		widget.NewFormItem(lang.X("report.folder", "Mappe"), container.NewBorder(nil, nil, nil, choose, m.dir)))
	hint := muted(lang.X("report.month_end_hint", "Danner alle statusrapporter, der forfalder i måneden (uskrevne gemmes som kladde og mærkes UDKAST), og hver kommunes timeopgørelse. Alt registreres under Dannede PDF'er."))
	m.content = container.NewBorder(container.NewVBox(form, hint, container.NewHBox(m.start, m.cancel), m.progress, m.status), nil, nil, nil,
		container.NewVScroll(m.results))
	return m
}

func (m *monthEnd) selectedMonth() data.Date {
	if i := m.month.SelectedIndex(); i >= 0 && i < len(m.months) {
		return m.months[i]
	}
	return data.NewDate(m.env.today().Year, m.env.today().Month, 1)
}

// defaultDir is Mentorbog/Rapporter/ÅÅÅÅ-MM in the user's home folder.
func (m *monthEnd) defaultDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	d := m.selectedMonth()
	return filepath.Join(home, "Mentorbog", "Rapporter", fmt.Sprintf("%04d-%02d", d.Year, d.Month))
}

func (m *monthEnd) show() {
	if m.env.window == nil {
		return
	}
	closeBtn := widget.NewButtonWithIcon(lang.X("report.close", "Luk"), theme.CancelIcon(), func() {
		if m.stop != nil {
			m.stop()
		}
		m.dlg.Hide()
	})
	m.dlg = dialog.NewCustomWithoutButtons(lang.X("report.month_end", "Månedsafslutning"), m.content, m.env.window)
	m.dlg.SetButtons([]fyne.CanvasObject{closeBtn})
	m.dlg.Resize(fyne.NewSize(860, 600))
	m.dlg.Show()
}

func (m *monthEnd) chooseDir() {
	if m.env.window == nil {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			m.dir.SetText(u.Path())
		}
	}, m.env.window)
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(800, 560))
}

// run plans the month and makes the documents in the background; the
// progress bar and the list follow through fyne.Do.
func (m *monthEnd) run() {
	dir := m.dir.Text
	if dir == "" {
		dir = m.defaultDir()
		m.dir.SetText(dir)
	}
	m.results.Objects = nil
	m.results.Refresh()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		m.status.SetText(lang.X("report.folder_failed", "Mappen kunne ikke oprettes: {{.Error}}", map[string]string{"Error": err.Error()}))
		return
	}
	var muni data.ID
	if i := m.kommune.SelectedIndex(); i > 0 {
		muni = m.munis[i-1].ID
	}
	ctx, stop := context.WithCancel(context.Background())
	m.stop = stop
	jobs, err := reports.PlanMonthEnd(ctx, m.st, m.selectedMonth(), muni, m.env.today())
	if err != nil {
		stop()
		m.status.SetText(err.Error())
		return
	}
	m.finished = make(chan struct{})
	m.start.Disable()
	m.cancel.Enable()
	m.progress.Max = float64(max(len(jobs), 1))
	m.progress.SetValue(0)
	m.status.SetText(lang.X("report.month_end_planned", "{{.Count}} dokumenter dannes …", map[string]int{"Count": len(jobs)}))
	go func() {
		results := reports.RunMonthEnd(ctx, m.st, jobs, dir, func(done, total int, r reports.MonthEndResult) {
			fyne.Do(func() {
				m.progress.SetValue(float64(done))
				m.results.Add(resultLine(r))
			})
		})
		fyne.Do(func() {
			m.finish(results, len(jobs), ctx.Err() != nil, dir)
			stop()
		})
	}()
}

// resultLine is one document: its file, or its failure and the reason.
func resultLine(r reports.MonthEndResult) fyne.CanvasObject {
	if r.Err != nil {
		return iconLine(theme.ErrorIcon(), r.Job.Label+": "+r.Err.Error(), widget.DangerImportance)
	}
	return iconLine(theme.ConfirmIcon(), r.Job.Label+": "+filepath.Base(r.Path), widget.MediumImportance)
}

func (m *monthEnd) finish(results []reports.MonthEndResult, total int, cancelled bool, dir string) {
	m.outcome = results
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
		}
	}
	text := lang.X("report.month_end_done", "Færdig: {{.OK}} dokumenter dannet i {{.Dir}}, {{.Failed}} fejlede.", map[string]any{
		"OK": len(results) - failed, "Dir": dir, "Failed": failed})
	if cancelled {
		text = lang.X("report.month_end_cancelled", "Annulleret efter {{.Done}} af {{.Total}} dokumenter.", map[string]int{"Done": len(results), "Total": total})
	}
	m.status.SetText(text)
	m.start.Enable()
	m.cancel.Disable()
	if m.done != nil {
		m.done()
	}
	close(m.finished)
}
