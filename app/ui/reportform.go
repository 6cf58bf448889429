package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// reportFormStore is what the report form reads and writes.
type reportFormStore interface {
	reports.Source
	MoveReport(ctx context.Context, id data.ID, to data.ReportStatus, comment string) error
	AddReportComment(ctx context.Context, id data.ID, text string) error
	SaveDraft(ctx context.Context, d data.Draft) error
	Drafts(ctx context.Context) ([]data.Draft, error)
	DiscardDraft(ctx context.Context, kind, key string) error
}

// draftKindReport is the Draft.Kind of an unsaved report form.
const draftKindReport = "report"

// reportText is the typed part of the form, as kept in a draft.
type reportText struct {
	Situation, Plan, Deviation, Sickness, Crisis, JobStart string
	Assessment, CitizenComments, Suggested                 string
	Recommendation                                         data.Recommendation
}

// reportForm writes and moves one report through quality assurance: the
// mentor writes and submits; a koordinator or administrator comments,
// sends back or approves. Only the store decides; the buttons follow it.
type reportForm struct {
	st      reportFormStore
	env     env
	pdf     *pdfOpener
	report  data.Report
	role    data.UserRole
	heading string // "Statusrapport · Anna Bøgh · forløb 12"
	saved   func() // the list reloads

	situation, plan, deviation, sickness, crisis, jobStart *widget.Entry
	assessment, citizenComments, suggested, comment        *widget.Entry
	recommendation                                         *widget.RadioGroup
	status, message, restored                              *widget.Label
	comments                                               *fyne.Container
	save, submit, approve, sendBack, reopen, makePDF       *widget.Button
	dlg                                                    *dialog.CustomDialog
	root                                                   fyne.CanvasObject
	lastDraft                                              time.Time
	dirty                                                  bool
	// ready is false while the form fills itself, so filling it is not
	// taken for typing.
	ready bool
}

var recommendationLabels = func() []string {
	return []string{lang.X("report.rec_continue", "Fortsæt som aftalt"),
		lang.X("report.rec_extend", "Forlæng med en ny periode"), lang.X("report.rec_end", "Afslut forløbet")}
}

// newReportForm builds the form for r (ID 0: a new, prefilled report).
func newReportForm(st reportFormStore, e env, r data.Report, heading string, saved func()) *reportForm {
	u, _ := st.CurrentUser()
	role := u.Role
	if role == "" {
		role = data.RoleAdministrator // a database without users: system mode
	}
	f := &reportForm{st: st, env: e, pdf: &pdfOpener{st: st, env: e}, report: r, role: role, heading: heading, saved: saved,
		status: bold(""), message: problemLabel(), restored: muted(""), comments: container.NewVBox()}
	f.restored.Hide()
	multi := func(text string, rows int) *widget.Entry {
		en := widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(rows)
		en.SetText(text)
		en.OnChanged = func(string) { f.changed() }
		return en
	}
	f.situation, f.plan = multi(r.Situation, 4), multi(r.Plan, 4)
	f.deviation, f.sickness = multi(r.Events.Deviation, 2), multi(r.Events.Sickness, 2)
	f.crisis, f.jobStart = multi(r.Events.Crisis, 2), multi(r.Events.JobOrEducation, 2)
	f.assessment, f.citizenComments = multi(r.Assessment, 6), multi(r.CitizenComments, 3)
	f.suggested = widget.NewEntry()
	f.suggested.SetPlaceHolder("1,5")
	if r.SuggestedHoursMin > 0 {
		f.suggested.SetText(dk.FormatHours(r.SuggestedHoursMin))
	}
	f.suggested.OnChanged = func(string) { f.changed() }
	f.recommendation = widget.NewRadioGroup(recommendationLabels(), func(string) { f.recommendationChanged(); f.changed() })
	f.recommendation.Horizontal = true
	if i := indexOf(data.Recommendations, r.Recommendation); i >= 0 {
		f.recommendation.SetSelected(recommendationLabels()[i])
	}
	f.comment = widget.NewMultiLineEntry()
	f.comment.SetMinRowsVisible(2)
	f.comment.SetPlaceHolder(lang.X("report.comment_hint", "Kommentar til rapporten (f.eks. hvad der skal rettes)"))
	f.root = f.build()
	f.restoreDraft()
	f.refreshState()
	f.ready = true
	return f
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

func (f *reportForm) build() fyne.CanvasObject {
	r := f.report
	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, f.status, bold(f.heading)),
		muted(lang.X("report.period_line", "Periode: {{.Period}}", map[string]string{"Period": periodText(r.PeriodStart, r.PeriodEnd)})),
		f.agreementHours(),
		f.restored,
		f.message,
	)
	form := widget.NewForm()
	if r.Kind == data.KindStart {
		form.Append(lang.X("report.situation", "Borgerens situation"), f.situation)
		form.Append(lang.X("report.plan", "Mål og plan"), f.plan)
	}
	form.Append(lang.X("report.deviation", "Afvigelse fra planen"), f.deviation)
	form.Append(lang.X("report.sickness", "Sygdom"), f.sickness)
	form.Append(lang.X("report.crisis", "Krise"), f.crisis)
	form.Append(lang.X("report.job_start", "Start på job eller uddannelse"), f.jobStart)
	form.Append(lang.X("report.assessment", "Mentorens vurdering"), f.assessment)
	form.Append(lang.X("report.recommendation", "Anbefaling"), f.recommendation)
	form.Append(lang.X("report.suggested", "Foreslåede timer pr. uge"), container.NewBorder(nil, nil, nil,
		widget.NewLabel(lang.X("report.hours_per_week", "t pr. uge")), f.suggested))
	form.Append(lang.X("report.citizen_comments", "Borgerens kommentarer"), f.citizenComments)
	body.Add(form)
	body.Add(widget.NewSeparator())
	body.Add(bold(lang.X("report.comments", "Kommentarer")))
	body.Add(f.comments)
	body.Add(f.comment)

	f.save = widget.NewButtonWithIcon(lang.X("report.save", "Gem"), theme.DocumentSaveIcon(), f.onSave)
	f.submit = widget.NewButtonWithIcon(lang.X("report.submit", "Send til godkendelse"), theme.MailSendIcon(), f.onSubmit)
	f.approve = widget.NewButtonWithIcon(lang.X("report.approve", "Godkend"), theme.ConfirmIcon(), f.onApprove)
	f.approve.Importance = widget.HighImportance
	f.sendBack = widget.NewButtonWithIcon(lang.X("report.send_back", "Send tilbage til kladde"), theme.ContentUndoIcon(), f.onSendBack)
	f.reopen = widget.NewButtonWithIcon(lang.X("report.reopen", "Genåbn"), theme.ContentUndoIcon(), f.onSendBack)
	f.makePDF = widget.NewButtonWithIcon(lang.X("report.make_pdf", "Dan PDF og åbn"), theme.DocumentIcon(), f.onPDF)
	commentBtn := widget.NewButtonWithIcon(lang.X("report.add_comment", "Tilføj kommentar"), theme.ContentAddIcon(), f.onComment)
	body.Add(container.NewHBox(commentBtn))
	return container.NewVScroll(container.NewPadded(body))
}

// show opens the form in a dialog over the window.
func (f *reportForm) show() {
	if f.env.window == nil {
		return
	}
	closeBtn := widget.NewButtonWithIcon(lang.X("report.close", "Luk"), theme.CancelIcon(), f.close)
	f.dlg = dialog.NewCustomWithoutButtons(f.report.Kind.Label(), f.root, f.env.window)
	f.dlg.SetButtons([]fyne.CanvasObject{closeBtn, f.makePDF, f.reopen, f.sendBack, f.submit, f.approve, f.save})
	f.dlg.Resize(fyne.NewSize(980, 700))
	// Closing Mentorbog with the form open keeps the typed text as a draft.
	if f.env.keys != nil {
		pop := f.env.keys.push(map[string]func(){keyKeep: f.keepIfDirty})
		f.dlg.SetOnClosed(pop)
	}
	f.dlg.Show()
}

func (f *reportForm) keepIfDirty() {
	if f.dirty {
		f.keepDraft()
	}
}

// close keeps what was typed but not saved as a draft, then closes.
func (f *reportForm) close() {
	if f.dirty {
		f.keepDraft()
	}
	if f.dlg != nil {
		f.dlg.Hide()
	}
}

func (f *reportForm) draftKey() string {
	if f.report.ID != 0 {
		return strconv.FormatInt(f.report.ID, 10)
	}
	return newReportDraftKey(f.report.Kind, f.report.CourseID, f.report.PeriodStart, f.report.PeriodEnd)
}

// newReportDraftKey is the draft key of a report not saved yet: what
// restoring needs to prefill it again (kind, course and period).
func newReportDraftKey(kind data.ReportKind, courseID data.ID, from, to data.Date) string {
	return fmt.Sprintf("new:%s:%d:%s:%s", kind, courseID, from, to)
}

func (f *reportForm) typed() reportText {
	t := reportText{Situation: f.situation.Text, Plan: f.plan.Text, Deviation: f.deviation.Text, Sickness: f.sickness.Text,
		Crisis: f.crisis.Text, JobStart: f.jobStart.Text, Assessment: f.assessment.Text, CitizenComments: f.citizenComments.Text,
		Suggested: f.suggested.Text}
	if i := indexOf(recommendationLabels(), f.recommendation.Selected); i >= 0 {
		t.Recommendation = data.Recommendations[i]
	}
	return t
}

// changed keeps a draft every few seconds while the user types, so a
// crash or a flat battery loses at most a few seconds of text.
func (f *reportForm) changed() {
	if !f.ready {
		return
	}
	f.dirty = true
	if f.env.clock != nil && f.env.now().Sub(f.lastDraft) >= draftInterval {
		f.keepDraft()
	}
}

func (f *reportForm) keepDraft() {
	payload, err := json.Marshal(f.typed())
	if err != nil {
		return
	}
	title := f.heading
	err = f.st.SaveDraft(context.Background(), data.Draft{Kind: draftKindReport, Key: f.draftKey(), Title: title,
		Payload: string(payload), SavedAt: f.env.now()})
	if err == nil {
		f.lastDraft = f.env.now()
	}
}

// restoreDraft fills the form from a draft kept when it was last closed
// without saving, and says so.
func (f *reportForm) restoreDraft() {
	drafts, err := f.st.Drafts(context.Background())
	if err != nil {
		return
	}
	for _, d := range drafts {
		if d.Kind != draftKindReport || d.Key != f.draftKey() {
			continue
		}
		var t reportText
		if json.Unmarshal([]byte(d.Payload), &t) != nil {
			return
		}
		f.setTyped(t)
		f.restored.SetText(lang.X("report.restored", "Teksten er gendannet fra en kladde, der ikke blev gemt ({{.When}}). Gem for at beholde den.",
			map[string]string{"When": dk.FormatDateTime(d.SavedAt.In(data.Zone()))}))
		f.restored.Show()
		f.dirty = true
		f.root.Refresh()
		return
	}
}

func (f *reportForm) setTyped(t reportText) {
	f.situation.SetText(t.Situation)
	f.plan.SetText(t.Plan)
	f.deviation.SetText(t.Deviation)
	f.sickness.SetText(t.Sickness)
	f.crisis.SetText(t.Crisis)
	f.jobStart.SetText(t.JobStart)
	f.assessment.SetText(t.Assessment)
	f.citizenComments.SetText(t.CitizenComments)
	f.suggested.SetText(t.Suggested)
	if i := indexOf(data.Recommendations, t.Recommendation); i >= 0 {
		f.recommendation.SetSelected(recommendationLabels()[i])
	} else {
		f.recommendation.SetSelected("")
	}
}

func (f *reportForm) recommendationChanged() {
	if f.recommendation.Selected == recommendationLabels()[1] && f.report.Editable(f.role) {
		f.suggested.Enable()
	} else {
		f.suggested.Disable()
	}
}

// refreshState shows the status and enables what the role may do now.
func (f *reportForm) refreshState() {
	r := f.report
	coordinator := f.role == data.RoleCoordinator || f.role == data.RoleAdministrator
	status := r.Status.Label()
	if r.ID == 0 {
		status = lang.X("report.unsaved", "Ikke gemt")
	}
	f.status.SetText(lang.X("report.status_line", "Status: {{.Status}}", map[string]string{"Status": status}))
	editable := r.Editable(f.role)
	for _, en := range []*widget.Entry{f.situation, f.plan, f.deviation, f.sickness, f.crisis, f.jobStart, f.assessment, f.citizenComments} {
		if editable {
			en.Enable()
		} else {
			en.Disable()
		}
	}
	if editable {
		f.recommendation.Enable()
		f.save.Show()
	} else {
		f.recommendation.Disable()
		f.save.Hide()
	}
	f.recommendationChanged()
	setVisible(f.submit, r.Status == data.ReportDraft)
	setVisible(f.approve, coordinator && r.Status == data.ReportSubmitted)
	setVisible(f.sendBack, r.Status == data.ReportSubmitted && r.ID != 0)
	setVisible(f.reopen, coordinator && r.Status == data.ReportApproved)
	setVisible(f.makePDF, r.ID != 0)
	f.loadComments()
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

func (f *reportForm) loadComments() {
	f.comments.Objects = nil
	defer f.comments.Refresh()
	if f.report.ID == 0 {
		f.comments.Add(muted(lang.X("report.no_comments", "Ingen kommentarer endnu.")))
		return
	}
	list, err := f.st.ReportComments(context.Background(), f.report.ID)
	if err != nil {
		f.showMessage(err)
		return
	}
	if len(list) == 0 {
		f.comments.Add(muted(lang.X("report.no_comments", "Ingen kommentarer endnu.")))
	}
	for _, c := range list {
		f.comments.Add(wrapped(dk.FormatDateTime(c.At.In(data.Zone())) + " · " + c.Username + ": " + c.Text))
	}
}

// collect builds the report from the form; a bad number is a problem
// naming the field, and nothing typed is cleared.
func (f *reportForm) collect() (data.Report, error) {
	r := f.report
	t := f.typed()
	r.Situation, r.Plan, r.Assessment, r.CitizenComments = t.Situation, t.Plan, t.Assessment, t.CitizenComments
	r.Events = data.ReportEvents{Deviation: t.Deviation, Sickness: t.Sickness, Crisis: t.Crisis, JobOrEducation: t.JobStart}
	r.Recommendation, r.SuggestedHoursMin = t.Recommendation, 0
	if r.Recommendation == data.RecommendExtend && strings.TrimSpace(t.Suggested) != "" {
		hours, err := dk.ParseDecimal(t.Suggested)
		if err != nil || hours < 0 {
			return r, data.Problems{{Field: "suggested_hours", Message: lang.X("report.bad_hours",
				"Foreslåede timer pr. uge skal være et tal, f.eks. 1,5.")}}
		}
		r.SuggestedHoursMin = int(hours*60 + 0.5)
	}
	return r, nil
}

// showMessage shows a problem at the top of the form (or hides it) and
// scrolls there, so it is seen whatever was scrolled into view.
func (f *reportForm) showMessage(err error) {
	if err == nil {
		f.message.SetText("")
		f.message.Hide()
	} else {
		f.message.SetText(err.Error())
		f.message.Show()
		if sc, ok := f.root.(*container.Scroll); ok {
			sc.ScrollToTop()
		}
	}
	f.root.Refresh()
}

// persist saves the written part when the user may still edit it.
func (f *reportForm) persist() error {
	if !f.report.Editable(f.role) {
		return nil
	}
	r, err := f.collect()
	if err != nil {
		return err
	}
	oldKey := f.draftKey()
	if err := f.st.SaveReport(context.Background(), &r); err != nil {
		return err
	}
	f.report = r
	f.dirty = false
	_ = f.st.DiscardDraft(context.Background(), draftKindReport, oldKey)
	_ = f.st.DiscardDraft(context.Background(), draftKindReport, f.draftKey())
	f.restored.Hide()
	return nil
}

func (f *reportForm) after(err error) {
	f.showMessage(err)
	if err != nil {
		return
	}
	if r, rerr := f.st.Report(context.Background(), f.report.ID); rerr == nil {
		f.report = r
	}
	f.comment.SetText("")
	f.refreshState()
	if f.saved != nil {
		f.saved()
	}
}

func (f *reportForm) onSave() { f.after(f.persist()) }

func (f *reportForm) onSubmit() {
	if err := f.persist(); err != nil {
		f.showMessage(err)
		return
	}
	f.after(f.st.MoveReport(context.Background(), f.report.ID, data.ReportSubmitted, f.comment.Text))
}

func (f *reportForm) onApprove() {
	if err := f.persist(); err != nil {
		f.showMessage(err)
		return
	}
	f.after(f.st.MoveReport(context.Background(), f.report.ID, data.ReportApproved, f.comment.Text))
}

// onSendBack returns a report to kladde; a coordinator must say why.
func (f *reportForm) onSendBack() {
	coordinator := f.role == data.RoleCoordinator || f.role == data.RoleAdministrator
	if coordinator && strings.TrimSpace(f.comment.Text) == "" {
		f.showMessage(errors.New(lang.X("report.need_comment", "Skriv i kommentarfeltet, hvad der skal rettes.")))
		return
	}
	f.after(f.st.MoveReport(context.Background(), f.report.ID, data.ReportDraft, f.comment.Text))
}

func (f *reportForm) onComment() {
	if f.report.ID == 0 {
		if err := f.persist(); err != nil {
			f.showMessage(err)
			return
		}
	}
	f.after(f.st.AddReportComment(context.Background(), f.report.ID, f.comment.Text))
}

// onPDF saves, makes the PDF (UDKAST until approved), registers it and
// opens it.
func (f *reportForm) onPDF() {
	if err := f.persist(); err != nil {
		f.showMessage(err)
		return
	}
	doc, err := reports.Produce(context.Background(), f.st, reports.Request{Kind: f.report.Kind, ReportID: f.report.ID, On: f.env.today()})
	if err == nil {
		err = f.pdf.open(doc)
	}
	f.after(err)
}

// agreementHours shows the hours of the agreement the report is about
// (granted, planned, used and remaining, this week and in total), as the
// citizen page and Oversigt show them; nothing when there is none.
func (f *reportForm) agreementHours() fyne.CanvasObject {
	ctx := context.Background()
	if f.report.AgreementID == 0 {
		return container.NewVBox()
	}
	agreements, err := f.st.Agreements(ctx, f.report.CourseID, data.Date{})
	if err != nil {
		return container.NewVBox()
	}
	for _, a := range agreements {
		if a.ID != f.report.AgreementID {
			continue
		}
		sessions, err := f.st.Sessions(ctx, data.SessionFilter{CourseID: a.CourseID})
		if err != nil {
			break
		}
		h := hoursOf(a, sessions, f.env.today())
		return container.NewVBox(muted(lang.X("report.agreement_hours", "Timer på aftalen {{.Period}}:", map[string]string{
			"Period": periodText(a.Start, a.End)})), muted(h.totalLine()), muted(h.weekLine()))
	}
	return container.NewVBox()
}
