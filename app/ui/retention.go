package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// RetentionSetting is the store setting of the retention period in months.
const RetentionSetting = "retention_months"

const maxRetentionMonths = 240

// retentionStore is what the "Sletning" tab needs; only the SQLite store
// has it.
type retentionStore interface {
	RetentionMonths(ctx context.Context) (int, error)
	RetentionPreview(ctx context.Context, today data.Date) ([]data.RetentionCandidate, error)
	RunRetention(ctx context.Context, today data.Date) (int, error)
	DeletionLog(ctx context.Context) ([]data.Deletion, error)
	SetSetting(ctx context.Context, key, value string) error
	CitizenNames(ctx context.Context, ids []data.ID) (map[data.ID]string, error)
}

// citizenEraser erases one citizen ("Slet borger").
type citizenEraser interface {
	EraseCitizen(ctx context.Context, citizenID data.ID) error
}

var (
	dueColumns      = columns{0, 210}
	deletionColumns = columns{150, 110, 0, 130, 70}
)

type retentionScreen struct {
	st  retentionStore
	env env

	due       []data.RetentionCandidate
	names     map[data.ID]string
	deletions []data.Deletion

	months    *formField
	run       *widget.Button
	dueCount  *widget.Label
	dueList   *widget.List
	delList   *widget.List
	delCount  *widget.Label
	result    *widget.Label
	root      fyne.CanvasObject
	confirmed func() // the confirmation dialog's Slet, for tests
}

func newRetentionScreen(st retentionStore, e env) *retentionScreen {
	s := &retentionScreen{st: st, env: e, dueCount: muted(""), delCount: muted(""), result: wrapped("")}
	s.result.Hide()
	s.months = newFormField(widget.NewEntry())
	s.months.entry.OnSubmitted = func(string) { s.saveMonths() }
	s.run = widget.NewButtonWithIcon(lang.X("retention.run", "Slet nu"), theme.DeleteIcon(), s.confirmRun)
	s.run.Importance = widget.DangerImportance
	s.dueList = widget.NewList(func() int { return len(s.due) },
		func() fyne.CanvasObject { return dueColumns.row(cell(""), cell("")) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.due) {
				c := s.due[id]
				setRow(o, s.citizenName(c.CitizenID), dateText(c.LastEnded))
			}
		})
	s.delList = widget.NewList(func() int { return len(s.deletions) },
		func() fyne.CanvasObject {
			return deletionColumns.row(cell(""), cell(""), cell(""), cell(""), cell(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.deletions) {
				d := s.deletions[id]
				setRow(o, auditTime(d.At), orDash(d.Actor), orDash(d.Reason), d.Kind, strconv.Itoa(d.Count))
			}
		})
	s.root = s.layout()
	return s
}

func (s *retentionScreen) layout() fyne.CanvasObject {
	save := widget.NewButtonWithIcon(lang.X("retention.save", "Gem"), theme.DocumentSaveIcon(), s.saveMonths)
	period := container.NewHBox(
		widget.NewLabel(lang.X("retention.keep", "Slet borgere, når alle deres forløb har været afsluttet i")),
		container.New(minWidth(70), s.months.entry),
		widget.NewLabel(lang.X("retention.months", "måneder (1–240)")),
		save,
	)
	explain := muted(lang.X("retention.explain", "Borgere med et åbent forløb eller et afsluttet forløb uden slutdato slettes aldrig. Sletningen fjerner borgeren med alle forløb, aftaler, mål og møder og kan ikke fortrydes. Revisionsloggen beholder kun borgerens id."))
	dueBox := container.NewBorder(
		container.NewVBox(bold(lang.X("retention.due", "Borgere der skal slettes")),
			dueColumns.header(lang.X("retention.col_name", "Navn"), lang.X("retention.col_ended", "Sidste forløb sluttede"))),
		container.NewVBox(s.dueCount, container.NewHBox(s.run)), nil, nil, s.dueList)
	delBox := container.NewBorder(
		container.NewVBox(bold(lang.X("retention.log", "Sletteloggen")),
			deletionColumns.header(lang.X("retention.col_time", "Tidspunkt"), lang.X("retention.col_actor", "Udført af"),
				lang.X("retention.col_reason", "Årsag"), lang.X("retention.col_kind", "Slags"), lang.X("retention.col_count", "Antal"))),
		s.delCount, nil, nil, s.delList)
	top := container.NewVBox(heading(lang.X("security.tab_retention", "Sletning")), period, fieldWithMessage(explain, s.months.msg), s.result)
	split := container.NewVSplit(dueBox, delBox)
	split.Offset = 0.5
	return container.NewBorder(top, nil, nil, nil, split)
}

func (s *retentionScreen) view() fyne.CanvasObject { return s.root }

func (s *retentionScreen) citizenName(id data.ID) string {
	if n, ok := s.names[id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

func (s *retentionScreen) load(ctx context.Context) error {
	months, err := s.st.RetentionMonths(ctx)
	if err != nil {
		return err
	}
	s.months.entry.SetText(strconv.Itoa(months))
	s.months.setError("")
	s.due, err = s.st.RetentionPreview(ctx, s.env.today())
	if err != nil {
		return err
	}
	ids := make([]data.ID, 0, len(s.due))
	for _, c := range s.due {
		ids = append(ids, c.CitizenID)
	}
	if s.names, err = s.st.CitizenNames(ctx, ids); err != nil {
		return err
	}
	s.deletions, err = s.st.DeletionLog(ctx)
	if err != nil {
		return err
	}
	counts := map[string]int{"Count": len(s.due), "Months": months}
	if len(s.due) == 1 {
		s.dueCount.SetText(lang.X("retention.due_count_one", "1 borger har passeret slettefristen på {{.Months}} måneder.", counts))
	} else {
		s.dueCount.SetText(lang.X("retention.due_count", "{{.Count}} borgere har passeret slettefristen på {{.Months}} måneder.", counts))
	}
	if len(s.deletions) == 1 {
		s.delCount.SetText(lang.X("retention.log_count_one", "1 linje i sletteloggen."))
	} else {
		s.delCount.SetText(lang.X("retention.log_count", "{{.Count}} linjer i sletteloggen.", map[string]int{"Count": len(s.deletions)}))
	}
	if len(s.due) == 0 {
		s.run.Disable()
	} else {
		s.run.Enable()
	}
	s.dueList.Refresh()
	s.delList.Refresh()
	s.root.Refresh()
	return nil
}

func (s *retentionScreen) saveMonths() {
	n, err := strconv.Atoi(strings.TrimSpace(s.months.entry.Text))
	if err != nil || n < 1 || n > maxRetentionMonths {
		s.months.setError(lang.X("retention.months_invalid", "Skriv et helt antal måneder fra 1 til 240."))
		return
	}
	if err := s.st.SetSetting(context.Background(), RetentionSetting, strconv.Itoa(n)); err != nil {
		s.months.setError(err.Error())
		return
	}
	s.env.showError(s.load(context.Background()))
}

// confirmRun asks, with the number of citizens, before erasing.
func (s *retentionScreen) confirmRun() {
	n := len(s.due)
	if n == 0 {
		return
	}
	s.confirmed = s.runNow
	if s.env.window == nil {
		return
	}
	msg := lang.X("retention.confirm", "{{.Count}} borgere slettes permanent med alle forløb, aftaler, mål og møder.\n\nDet kan ikke fortrydes. Vil du slette dem nu?",
		map[string]int{"Count": n})
	d := dialog.NewConfirm(lang.X("retention.confirm_title", "Slet borgere"), msg, func(ok bool) {
		if ok {
			s.runNow()
		}
	}, s.env.window)
	d.SetConfirmText(lang.X("retention.confirm_button", "Slet {{.Count}} borgere", map[string]int{"Count": n}))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// runNow erases the due citizens and says how many.
func (s *retentionScreen) runNow() {
	ctx := context.Background()
	n, err := s.st.RunRetention(ctx, s.env.today())
	if err != nil {
		s.env.showProblem(lang.X("retention.failed", "Sletningen blev ikke gennemført; intet er slettet."), err)
		return
	}
	s.result.Importance = widget.SuccessImportance
	s.result.SetText(lang.X("retention.done", "{{.Count}} borgere er slettet.", map[string]int{"Count": n}))
	s.result.Show()
	s.env.showError(s.load(ctx))
}

// eraseCitizenForm asks for the citizen's name before erasing them: the
// erasure cannot be undone, so one click is not enough.
type eraseCitizenForm struct {
	name    *widget.Entry
	msg     *widget.Label
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

// confirmErase opens the confirmation for erasing c.
func (s *citizensScreen) confirmErase(c data.Citizen) {
	if s.erase == nil || s.env.window == nil {
		return
	}
	f := &eraseCitizenForm{name: widget.NewEntry(), msg: problemLabel()}
	matches := func() bool { return strings.TrimSpace(f.name.Text) == strings.TrimSpace(c.Name) }
	f.confirm = widget.NewButtonWithIcon(lang.X("citizens.erase_confirm", "Slet borgeren permanent"), theme.DeleteIcon(), func() {
		if !matches() {
			setProblem(f.msg, lang.X("citizens.erase_mismatch", "Navnet skal skrives præcis som ovenfor."))
			return
		}
		ctx := context.Background()
		if err := s.erase(ctx, c.ID); err != nil {
			setProblem(f.msg, lang.X("citizens.erase_failed", "Borgeren kunne ikke slettes; intet er slettet.")+" "+err.Error())
			return
		}
		f.dlg.Hide()
		s.eraseForm = nil
		s.selected = 0
		s.env.showError(s.load(ctx))
		s.root.Refresh()
	})
	f.confirm.Importance = widget.DangerImportance
	f.confirm.Disable()
	f.name.OnChanged = func(string) {
		setProblem(f.msg, "")
		if matches() {
			f.confirm.Enable()
		} else {
			f.confirm.Disable()
		}
	}
	f.name.SetPlaceHolder(c.Name)
	content := container.NewVBox(
		wrapped(lang.X("citizens.erase_text", "{{.Name}} slettes med alle forløb, aftaler, mål, møder og noter. Det kan ikke fortrydes. Revisionsloggen beholder kun borgerens id, og sletteloggen kun antal.",
			map[string]string{"Name": c.Name})),
		bold(lang.X("citizens.erase_type", "Skriv borgerens navn for at bekræfte:")),
		f.name, f.msg,
	)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("citizens.erase_title", "Slet borger"), content, s.env.window)
	f.dlg.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.dlg.Hide), f.confirm,
	})
	f.dlg.Resize(fyne.NewSize(560, 0))
	s.eraseForm = f
	f.dlg.Show()
	s.env.window.Canvas().Focus(f.name)
}
