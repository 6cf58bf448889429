package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// answer is one button of a question dialog.
type answer struct {
	label string
	icon  fyne.Resource
	high  bool // the highlighted (most likely) answer
	run   func()
}

// question is an open question dialog; tests press its buttons.
type question struct {
	dlg     *dialog.CustomDialog
	buttons []*widget.Button
}

// ask shows a question with Annullér and the answers as buttons. Esc (and
// Annullér) closes it without an answer; Ctrl+S does nothing while it is
// open, so the form below is not saved past the question.
func ask(e env, title, text string, answers ...answer) *question {
	q := &question{}
	if e.window == nil {
		return q
	}
	q.dlg = dialog.NewCustomWithoutButtons(title, container.NewPadded(wrapped(text)), e.window)
	pop := e.keys.push(map[string]func(){keySave: func() {}, keyCancel: q.dlg.Hide})
	q.dlg.SetOnClosed(pop)
	cancel := widget.NewButtonWithIcon(lang.X("form.cancel", "Annullér"), theme.CancelIcon(), q.dlg.Hide)
	buttons := []fyne.CanvasObject{cancel}
	q.buttons = append(q.buttons, cancel)
	for _, a := range answers {
		a := a
		b := widget.NewButtonWithIcon(a.label, a.icon, func() {
			q.dlg.Hide()
			a.run()
		})
		if a.high {
			b.Importance = widget.HighImportance
		}
		q.buttons = append(q.buttons, b)
		buttons = append(buttons, b)
	}
	q.dlg.SetButtons(buttons)
	q.dlg.Resize(fyne.NewSize(560, 0))
	q.dlg.Show()
	if len(answers) > 0 {
		e.window.Canvas().Focus(q.buttons[1]) // Tab moves on; Enter or Space answers
	}
	return q
}

// askScope asks, when saving a change to a session of a series, whether
// it applies to this session only or to the later ones too.
func (p *planForm) askScope(proceed func()) {
	if p.original.ID == 0 || p.original.SeriesID == 0 {
		proceed()
		return
	}
	p.cal.question = ask(p.cal.env, lang.X("series.edit_title", "Ret møde i en serie"),
		lang.X("series.edit_text", "Mødet hører til en serie. Skal ændringen gælde kun dette møde eller også de senere planlagte møder i serien?"),
		answer{label: lang.X("plan.scope_this", "Kun dette møde"), icon: theme.ConfirmIcon(), high: true,
			run: func() { p.scopeLater = false; proceed() }},
		answer{label: lang.X("series.scope_later", "Dette og senere"), icon: theme.MediaFastForwardIcon(),
			run: func() { p.scopeLater = true; proceed() }})
}

// mayDelete tells whether the user may delete ss: a planned session (never
// registered) of their own, or any for a coordinator. The store checks too.
func (s *calendarScreen) mayDelete(ss data.Session) bool {
	return ss.ID != 0 && ss.Deletable() && (s.ownMentor == 0 || ss.MentorID == s.ownMentor)
}

// deleteButton is "Slet møde" for a form about ss, or nil when it may not
// be deleted; ed is the open form, closed (its draft discarded) once the
// session is gone.
func (s *calendarScreen) deleteButton(ss data.Session, ed *editor) fyne.CanvasObject {
	if !s.mayDelete(ss) {
		return nil
	}
	b := widget.NewButtonWithIcon(lang.X("series.delete", "Slet møde"), theme.DeleteIcon(), func() { s.askDelete(ss, ed) })
	b.Importance = widget.DangerImportance
	return b
}

// askDelete confirms deleting ss (and, for a series, asks how much of it).
func (s *calendarScreen) askDelete(ss data.Session, ed *editor) {
	start := ss.PlannedStart.In(data.Zone())
	about := map[string]string{"Citizen": s.citizenName(s.courses[ss.CourseID].CitizenID),
		"Day": dk.FormatDate(start), "Time": dk.FormatTime(start)}
	deleteNow := func(fromHere bool) func() {
		return func() { s.deleteSession(ss, fromHere, ed) }
	}
	if ss.SeriesID == 0 {
		s.question = ask(s.env, lang.X("series.delete_title", "Slet møde?"),
			lang.X("series.delete_text", "Mødet {{.Day}} kl. {{.Time}} med {{.Citizen}} slettes. Det kan ikke fortrydes.", about),
			answer{label: lang.X("series.delete_confirm", "Slet"), icon: theme.DeleteIcon(), high: true, run: deleteNow(false)})
		return
	}
	s.question = ask(s.env, lang.X("series.delete_title", "Slet møde?"),
		lang.X("series.delete_series_text", "Mødet {{.Day}} kl. {{.Time}} med {{.Citizen}} hører til en serie. Slet kun dette møde, eller også de senere planlagte møder i serien? Registrerede møder bliver stående. Det kan ikke fortrydes.", about),
		answer{label: lang.X("plan.scope_this", "Kun dette møde"), icon: theme.DeleteIcon(), high: true, run: deleteNow(false)},
		answer{label: lang.X("series.scope_later", "Dette og senere"), icon: theme.DeleteIcon(), run: deleteNow(true)})
}

// deleteSession deletes ss (or the series from it), closes the form and
// reloads; a refusal is shown in words.
func (s *calendarScreen) deleteSession(ss data.Session, fromHere bool, ed *editor) {
	ctx := context.Background()
	var err error
	if fromHere {
		_, err = s.st.DeleteSeriesFrom(ctx, ss.ID)
	} else {
		err = s.st.DeleteSession(ctx, ss.ID)
	}
	switch {
	case errors.Is(err, data.ErrSessionNotPlanned):
		showMessage(s.env.window, lang.X("series.delete_title", "Slet møde?"),
			lang.X("series.not_planned", "Mødet er registreret og kan ikke slettes. Ret registreringen i stedet."))
		return
	case err != nil:
		s.env.showError(err)
		return
	}
	if ed != nil {
		ed.discardDraft()
		ed.changed = false
		ed.close()
	}
	s.afterSave()
}
