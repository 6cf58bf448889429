package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/csvimport"
)

// importKind is what a file is imported as.
type importKind int

const (
	importCitizens importKind = iota
	importMentors
)

// importStore is what an import needs: the csvimport store, the audit log
// and the user (who is named in the log). *sqlstore.Store has it.
type importStore interface {
	csvimport.ImportStore
	Audit(ctx context.Context, e data.AuditEntry) error
	CurrentUser() (data.User, bool)
}

// importer is one import from a CSV file: the preview of what the file
// holds with every problem (line, column, reason), then, only when the file
// is clean, the import itself with progress and Annullér. Nothing is
// imported unless every row is valid, and a cancelled import leaves nothing.
type importer struct {
	env  env
	st   importStore
	kind importKind
	done func() // after a finished import, e.g. reload the list

	fileName string
	citizens []csvimport.Row[data.Citizen]
	mentors  []csvimport.Row[data.Mentor]
	problems csvimport.Problems // blocking: nothing is imported
	warnings csvimport.Problems // shown, never blocking

	dlg       *dialog.CustomDialog
	summary   *widget.Label
	progress  *widget.ProgressBar
	importBtn *widget.Button
	closeBtn  *widget.Button
	stop      context.CancelFunc
	running   bool
	imported  int
	// finished is closed when an import run has ended (tests wait on it).
	finished chan struct{}
	// afterRow, when set, runs after each saved row (tests cancel from it).
	afterRow func(done int)
}

// pickImportFile asks for a CSV file and shows its preview.
func pickImportFile(e env, st importStore, kind importKind, done func()) *importer {
	im := &importer{env: e, st: st, kind: kind, done: done}
	if e.window == nil {
		return im
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, e.window)
			return
		}
		if r == nil {
			return // the user cancelled
		}
		defer r.Close()
		// One byte over the limit lets csvimport say the file is too big.
		content, err := io.ReadAll(io.LimitReader(r, csvimport.MaxBytes+1))
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s: %w", r.URI().Name(), err), e.window)
			return
		}
		im.preview(r.URI().Name(), content)
	}, e.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt"}))
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(900, 600))
	return im
}

// plural is "borgere" or "mentorer".
func (im *importer) plural() string {
	if im.kind == importCitizens {
		return lang.X("import.citizens", "borgere")
	}
	return lang.X("import.mentors", "mentorer")
}

// rowCount is how many valid rows the file gave.
func (im *importer) rowCount() int {
	if im.kind == importCitizens {
		return len(im.citizens)
	}
	return len(im.mentors)
}

// check reads the file and checks it against the database (duplicate CPR
// numbers) without importing anything.
func (im *importer) check(content []byte) error {
	im.problems, im.warnings = nil, nil
	var dbProblems csvimport.Problems
	var err error
	if im.kind == importCitizens {
		im.citizens, im.problems = csvimport.ParseCitizens(bytes.NewReader(content))
		for _, r := range im.citizens {
			im.warnings = append(im.warnings, r.Warnings...)
		}
		_, dbProblems, err = csvimport.ImportCitizens(context.Background(), im.st, im.citizens, true)
	} else {
		im.mentors, im.problems = csvimport.ParseMentors(bytes.NewReader(content))
		for _, r := range im.mentors {
			im.warnings = append(im.warnings, r.Warnings...)
		}
	}
	im.problems = append(im.problems, dbProblems...)
	im.citizens = withoutProblemLines(im.citizens, dbProblems)
	sort.SliceStable(im.problems, func(i, j int) bool { return im.problems[i].Line < im.problems[j].Line })
	return err
}

// withoutProblemLines drops the rows the database check found fault with,
// so the preview lists only rows that are in order.
func withoutProblemLines[T any](rows []csvimport.Row[T], problems csvimport.Problems) []csvimport.Row[T] {
	if len(problems) == 0 {
		return rows
	}
	bad := map[int]bool{}
	for _, p := range problems {
		bad[p.Line] = true
	}
	var out []csvimport.Row[T]
	for _, r := range rows {
		if !bad[r.Line] {
			out = append(out, r)
		}
	}
	return out
}

// preview checks the file and shows what it holds.
func (im *importer) preview(name string, content []byte) {
	im.fileName = name
	if err := im.check(content); err != nil {
		im.env.showError(err)
		return
	}
	im.summary = wrapped(im.summaryText())
	im.summary.TextStyle = fyne.TextStyle{Bold: true}
	if len(im.problems) > 0 {
		im.summary.Importance = widget.DangerImportance
	}
	im.progress = widget.NewProgressBar()
	im.progress.Hide()
	im.importBtn = widget.NewButtonWithIcon(lang.X("import.run", "Importér {{.What}} ({{.Count}})",
		map[string]string{"Count": strconv.Itoa(im.rowCount()), "What": im.plural()}), theme.UploadIcon(), im.start)
	im.importBtn.Importance = widget.HighImportance
	if len(im.problems) > 0 || im.rowCount() == 0 {
		im.importBtn.Disable()
	}
	im.closeBtn = widget.NewButtonWithIcon(lang.X("form.cancel", "Annullér"), theme.CancelIcon(), im.cancel)
	foot := container.NewVBox(im.progress, container.NewHBox(layout.NewSpacer(), im.closeBtn, im.importBtn))

	parts := container.NewVSplit(im.rowsView(), im.problemsView())
	parts.Offset = 0.4
	if len(im.problems)+len(im.warnings) == 0 {
		parts.Offset = 0.85
	}
	columnsHint := muted(lang.X("import.columns", "Kolonner (i vilkårlig rækkefølge, kun Navn skal være der): {{.Columns}}",
		map[string]string{"Columns": importHelpText(im.kind)}))
	top := container.NewVBox(bold(lang.X("import.file", "Fil: {{.Name}}", map[string]string{"Name": name})), columnsHint, im.summary)
	title := lang.X("import.title_citizens", "Importér borgere fra CSV")
	if im.kind == importMentors {
		title = lang.X("import.title_mentors", "Importér mentorer fra CSV")
	}
	im.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, foot, nil, nil, parts), im.env.window)
	im.dlg.Resize(fyne.NewSize(1100, 680))
	im.dlg.Show()
}

func (im *importer) summaryText() string {
	n := strconv.Itoa(im.rowCount())
	switch {
	case len(im.problems) > 0:
		return lang.X("import.summary_errors", "Fejl i filen: {{.Errors}}. Intet bliver importeret, før filen er rettet. Rækker i orden: {{.Rows}}.",
			map[string]string{"Errors": strconv.Itoa(len(im.problems)), "Rows": n})
	case im.rowCount() == 0:
		return lang.X("import.summary_empty", "Filen har ingen rækker at importere.")
	}
	return lang.X("import.summary_ok", "Alle rækker er i orden og klar til import ({{.Rows}}).", map[string]string{"Rows": n})
}

// previewColumns are the columns of the row preview: Linje first, then the
// record's fields as the import reads them.
func (im *importer) previewColumns() (columns, []string) {
	if im.kind == importCitizens {
		return columns{56, 0, 110, 110, 0, 0, 76, 100, 100, 0}, []string{
			lang.X("import.col_line", "Linje"), lang.X("field.name", "Navn"), lang.X("citizens.col_cpr", "CPR-nr."),
			lang.X("field.phone", "Telefon"), lang.X("field.email", "E-mail"), lang.X("field.address", "Adresse"),
			lang.X("import.col_postcode", "Postnr."), lang.X("organisation.city", "By"),
			lang.X("field.mother_tongue", "Modersmål"), lang.X("field.target_group", "Målgruppe")}
	}
	return columns{56, 0, 80, 120, 0, 0, 0, 90}, []string{
		lang.X("import.col_line", "Linje"), lang.X("field.name", "Navn"), lang.X("mentors.col_kind", "Type"),
		lang.X("field.phone", "Telefon"), lang.X("field.email", "E-mail"), lang.X("field.languages", "Sprog"),
		lang.X("field.competences", "Kompetencer"), lang.X("mentors.col_capacity", "Kapacitet")}
}

// previewCells is one row's texts. The CPR number is masked: a preview is
// no reason to show it in full.
func (im *importer) previewCells(i int) []string {
	if im.kind == importCitizens {
		r := im.citizens[i]
		c := r.Record
		return []string{strconv.Itoa(r.Line), c.Name, orDash(c.MaskedCPR()), orDash(c.Phone), orDash(c.Email),
			orDash(c.Address), orDash(c.Postcode), orDash(c.City), orDash(c.MotherTongue), orDash(c.TargetGroup)}
	}
	r := im.mentors[i]
	m := r.Record
	return []string{strconv.Itoa(r.Line), m.Name, mentorKindText(m.Kind), orDash(m.Phone), orDash(m.Email),
		orDash(strings.Join(m.Languages, ", ")), orDash(strings.Join(m.Competences, ", ")), perWeek(m.WeeklyCapacityMin)}
}

func (im *importer) rowsView() fyne.CanvasObject {
	cols, titles := im.previewColumns()
	list := widget.NewList(func() int { return im.rowCount() },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(titles))
			for i := range cells {
				cells[i] = cell("")
			}
			return cols.row(cells...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < im.rowCount() {
				setRow(o, im.previewCells(id)...)
			}
		})
	caption := bold(lang.X("import.rows", "Rækker i filen ({{.Count}})", map[string]int{"Count": im.rowCount()}))
	return container.NewBorder(container.NewVBox(caption, cols.header(titles...)), nil, nil, nil, list)
}

// problemColumns: line, column, reason.
var problemColumns = columns{56, 130, 0}

// problemsView lists every problem, then the warnings, each with line,
// column and reason.
func (im *importer) problemsView() fyne.CanvasObject {
	type line struct {
		p       csvimport.Problem
		warning bool
	}
	var lines []line
	for _, p := range im.problems {
		lines = append(lines, line{p, false})
	}
	for _, p := range im.warnings {
		lines = append(lines, line{p, true})
	}
	if len(lines) == 0 {
		return muted(lang.X("import.no_problems", "Ingen fejl fundet."))
	}
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return problemColumns.row(cell(""), cell(""), cell("")) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(lines) {
				return
			}
			l := lines[id]
			where := lang.X("import.whole_file", "Hele filen")
			if l.p.Line > 0 {
				where = strconv.Itoa(l.p.Line)
			}
			reason := l.p.Message
			cells := o.(*fyne.Container).Objects
			cells[2].(*widget.Label).Importance = widget.DangerImportance
			if l.warning {
				reason = lang.X("form.note", "Bemærk: {{.Message}}", map[string]string{"Message": reason})
				cells[2].(*widget.Label).Importance = widget.WarningImportance
			}
			setRow(o, where, orDash(l.p.Column), reason)
		})
	caption := bold(lang.X("import.problems", "Fejl ({{.Errors}}) og bemærkninger ({{.Warnings}})",
		map[string]int{"Errors": len(im.problems), "Warnings": len(im.warnings)}))
	header := problemColumns.header(lang.X("import.col_line", "Linje"), lang.X("import.col_column", "Kolonne"), lang.X("import.col_reason", "Årsag"))
	return container.NewBorder(container.NewVBox(caption, header), nil, nil, nil, list)
}

// start runs the import in the background, with progress; Annullér stops
// it and rolls everything back.
func (im *importer) start() {
	if im.running || len(im.problems) > 0 || im.rowCount() == 0 {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	im.stop, im.running = stop, true
	im.finished = make(chan struct{})
	im.importBtn.Disable()
	im.progress.SetValue(0)
	im.progress.Show()
	im.summary.Importance = widget.MediumImportance
	im.summary.SetText(lang.X("import.running", "Importerer … Annullér stopper importen, og så importeres intet."))
	go im.run(ctx)
}

func (im *importer) run(ctx context.Context) {
	defer close(im.finished)
	progress := func(done, total int) {
		fyne.Do(func() { im.progress.SetValue(float64(done) / float64(total)) })
		if im.afterRow != nil {
			im.afterRow(done)
		}
	}
	var n int
	var problems csvimport.Problems
	var err error
	if im.kind == importCitizens {
		n, problems, err = csvimport.ImportCitizensProgress(ctx, im.st, im.citizens, false, progress)
	} else {
		n, problems, err = csvimport.ImportMentorsProgress(ctx, im.st, im.mentors, false, progress)
	}
	if err == nil && len(problems) == 0 {
		im.audit(ctx, n)
	}
	fyne.Do(func() { im.finish(n, problems, err) })
}

// audit names how many and the file, never a person (as the command line).
func (im *importer) audit(ctx context.Context, n int) {
	u, _ := im.st.CurrentUser()
	_ = im.st.Audit(context.WithoutCancel(ctx), data.AuditEntry{UserID: u.ID, Username: u.Username,
		Action: data.AuditImport, Detail: fmt.Sprintf("%d %s fra %s", n, im.plural(), im.fileName)})
}

// finish tells the outcome and reloads the screen after a real import.
func (im *importer) finish(n int, problems csvimport.Problems, err error) {
	im.running, im.stop = false, nil
	im.progress.Hide()
	switch {
	case errors.Is(err, context.Canceled):
		im.summary.Importance = widget.WarningImportance
		im.summary.SetText(lang.X("import.cancelled", "Importen blev annulleret. Intet er importeret."))
		im.importBtn.Enable()
	case err != nil:
		im.summary.Importance = widget.DangerImportance
		im.summary.SetText(lang.X("import.failed", "Importen mislykkedes, og intet er importeret: {{.Error}}", map[string]string{"Error": err.Error()}))
	case len(problems) > 0:
		im.problems = problems
		im.summary.Importance = widget.DangerImportance
		im.summary.SetText(im.summaryText() + "\n" + problems.Error())
	default:
		im.imported = n
		im.summary.Importance = widget.SuccessImportance
		im.summary.SetText(lang.X("import.done", "Færdig: {{.What}} importeret ({{.Count}}).", map[string]string{"Count": strconv.Itoa(n), "What": im.plural()}))
		im.importBtn.Hide()
		im.closeBtn.SetText(lang.X("import.close", "Luk"))
		if im.done != nil {
			im.done()
		}
	}
	if im.dlg != nil {
		im.dlg.Refresh()
	}
}

// cancel stops a running import, or closes the preview.
func (im *importer) cancel() {
	if im.running && im.stop != nil {
		im.stop()
		return
	}
	if im.dlg != nil {
		im.dlg.Hide()
	}
}

// importHelpText tells which columns a file may have.
func importHelpText(kind importKind) string {
	if kind == importCitizens {
		return "Navn;CPR;Telefon;E-mail;Adresse;Postnr;By;Modersmål;Målgruppe"
	}
	return "Navn;Telefon;E-mail;Type;Sprog;Kompetencer;Kapacitet"
}
