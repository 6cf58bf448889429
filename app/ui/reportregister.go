package ui

import (
	"context"
	"errors"
	"strings"

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

// registerStore is what the list of generated PDFs reads.
type registerStore interface {
	reports.Source
	GeneratedReports(ctx context.Context, f data.ReportFilter) ([]data.GeneratedReport, error)
}

// reportSender is the store's "mark sent" (koordinator or administrator).
type reportSender interface {
	MarkReportSent(ctx context.Context, generatedID data.ID, to string) error
}

// registerLimit caps the rows drawn; the newest come first.
const registerLimit = 200

// generatedList is the register of generated PDFs: who made which file
// when, who approved it, its SHA-256 and when it was sent to whom.
type generatedList struct {
	st     registerStore
	env    env
	filter data.ReportFilter
	pdf    *pdfOpener
	rows   *fyne.Container
	root   fyne.CanvasObject
	shown  []data.GeneratedReport
	extra  fyne.CanvasObject // e.g. a button above the list
}

func newGeneratedList(st registerStore, e env, f data.ReportFilter) *generatedList {
	g := &generatedList{st: st, env: e, filter: f, pdf: &pdfOpener{st: st, env: e}, rows: container.NewVBox()}
	g.root = container.NewVScroll(g.rows)
	return g
}

func (g *generatedList) view() fyne.CanvasObject { return g.root }

func (g *generatedList) load(ctx context.Context) error {
	list, err := g.st.GeneratedReports(ctx, g.filter)
	if err != nil {
		return err
	}
	g.shown = list
	g.rows.Objects = nil
	defer g.rows.Refresh()
	if len(list) == 0 {
		g.rows.Add(muted(lang.X("report.register_empty", "Der er endnu ikke dannet nogen rapporter.")))
	}
	for i, r := range list {
		if i == registerLimit {
			g.rows.Add(moreLine(len(list) - registerLimit))
			break
		}
		g.rows.Add(g.row(r))
	}
	return nil
}

// canSend tells whether the logged-in user may mark documents sent.
func (g *generatedList) canSend() bool {
	if _, ok := g.st.(reportSender); !ok {
		return false
	}
	u, ok := g.st.CurrentUser()
	return !ok || u.Role != data.RoleMentor
}

// row shows one document: its kind and file name with the actions, and
// under it who made it when, the approval, the hash and the sending.
func (g *generatedList) row(r data.GeneratedReport) fyne.CanvasObject {
	title := r.FileName
	if r.Draft {
		title = lang.X("report.draft_mark", "UDKAST") + " · " + title
	}
	parts := []string{lang.X("report.generated_by", "Dannet {{.When}} af {{.Who}}", map[string]string{
		"When": dk.FormatDateTime(r.GeneratedAt.In(data.Zone())), "Who": orDash(r.GeneratedName)})}
	if !r.ApprovedAt.IsZero() {
		parts = append(parts, lang.X("report.approved_by", "godkendt {{.When}} af {{.Who}}", map[string]string{
			"When": dk.FormatDate(r.ApprovedAt.In(data.Zone())), "Who": r.ApprovedName}))
	}
	parts = append(parts, "SHA-256 "+r.SHA256[:16]+"…")
	if r.SentAt.IsZero() {
		parts = append(parts, lang.X("report.not_sent", "ikke sendt"))
	} else {
		parts = append(parts, lang.X("report.sent_line", "sendt {{.When}} til {{.To}}", map[string]string{
			"When": dk.FormatDate(r.SentAt.In(data.Zone())), "To": r.SentTo}))
	}
	open := widget.NewButtonWithIcon(lang.X("report.open", "Åbn"), theme.VisibilityIcon(), func() { g.open(r) })
	saveAs := widget.NewButtonWithIcon(lang.X("report.save_as", "Gem som"), theme.DocumentSaveIcon(), func() { g.saveAs(r) })
	actions := container.NewHBox(open, saveAs)
	if g.canSend() && !r.Draft && r.SentAt.IsZero() {
		actions.Add(widget.NewButtonWithIcon(lang.X("report.mark_sent", "Markér sendt"), theme.MailSendIcon(), func() { g.askSent(r) }))
	}
	name := cell(title)
	name.TextStyle = fyne.TextStyle{Bold: true}
	details := wrapped(strings.Join(parts, " · "))
	details.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, nil, actions, container.NewVBox(name, details)), widget.NewSeparator())
}

// document re-renders a registered PDF; when the data has changed since,
// the user is told that this is a new version, registered as such.
func (g *generatedList) document(r data.GeneratedReport) (reports.Document, bool) {
	doc, changed, err := g.pdf.reproduce(context.Background(), r)
	if err != nil {
		g.env.showError(err)
		return doc, false
	}
	if changed && g.env.window != nil {
		dialog.ShowInformation(lang.X("report.changed_title", "Ny udgave"), lang.X("report.changed",
			"Data er ændret, siden rapporten blev dannet. Den viste PDF er en ny udgave og er registreret som sådan."), g.env.window)
		g.env.showError(g.load(context.Background()))
	}
	return doc, true
}

func (g *generatedList) open(r data.GeneratedReport) {
	if doc, ok := g.document(r); ok {
		g.env.showError(g.pdf.open(doc))
	}
}

func (g *generatedList) saveAs(r data.GeneratedReport) {
	if doc, ok := g.document(r); ok {
		g.pdf.saveAs(doc)
	}
}

// askSent asks to whom the PDF was sent and records it.
func (g *generatedList) askSent(r data.GeneratedReport) {
	if g.env.window == nil {
		return
	}
	to := widget.NewEntry()
	to.SetPlaceHolder(lang.X("report.sent_to_hint", "Sagsbehandler eller sikker postkasse"))
	msg := problemLabel()
	var dlg *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.X("report.mark_sent", "Markér sendt"), theme.ConfirmIcon(), func() {
		err := g.markSent(r.ID, to.Text)
		if err != nil {
			msg.SetText(err.Error())
			msg.Show()
			return
		}
		dlg.Hide()
	})
	ok.Importance = widget.HighImportance
	content := container.NewVBox(widget.NewLabel(r.FileName), widget.NewForm(widget.NewFormItem(lang.X("report.sent_to", "Sendt til"), to)), msg)
	dlg = dialog.NewCustomWithoutButtons(lang.X("report.mark_sent", "Markér sendt"), content, g.env.window)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { dlg.Hide() }), ok})
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

func (g *generatedList) markSent(id data.ID, to string) error {
	s, ok := g.st.(reportSender)
	if !ok {
		return data.ErrForbidden
	}
	if strings.TrimSpace(to) == "" {
		return errors.New(lang.X("report.sent_to_missing", "Skriv, hvem rapporten er sendt til."))
	}
	if err := s.MarkReportSent(context.Background(), id, to); err != nil {
		return err
	}
	return g.load(context.Background())
}
