package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// draftRestorers maps each kind of draft to the form that restores it. A
// form that keeps drafts adds its kind here.
func (m *MainWindow) draftRestorers() map[string]func(d data.Draft) {
	return map[string]func(d data.Draft){
		draftSessionPlan:     m.restoreSessionDraft,
		draftSessionRegister: m.restoreSessionDraft,
		draftMentor:          m.restoreRegistryDraft,
		draftMunicipality:    m.restoreRegistryDraft,
		draftCaseworker:      m.restoreRegistryDraft,
		draftOrganisation:    m.restoreRegistryDraft,
		draftCitizen:         func(d data.Draft) { m.citizensScreen().restoreCitizenDraft(d) },
		draftCourse:          func(d data.Draft) { m.citizensScreen().restoreCourseDraft(d) },
		draftAgreement:       func(d data.Draft) { m.citizensScreen().restoreAgreementDraft(d) },
		draftMentorChange:    func(d data.Draft) { m.citizensScreen().restoreMentorChangeDraft(d) },
		draftKindReport:      m.restoreReportDraft,
	}
}

// OfferDrafts shows the drafts left by a crash or a closed window and
// offers to restore or discard each. It does nothing when there are none.
func (m *MainWindow) OfferDrafts() {
	drafts, err := m.store.Drafts(context.Background())
	if err != nil || len(drafts) == 0 {
		return
	}
	var offer []data.Draft
	for _, d := range drafts {
		if _, ok := m.restorers[d.Kind]; ok {
			offer = append(offer, d)
		}
	}
	if len(offer) == 0 {
		return
	}
	var dlg *dialog.CustomDialog
	rows := container.NewVBox()
	for _, d := range offer {
		rows.Add(m.draftRow(d, func() {
			dlg.Hide()
			m.restorers[d.Kind](d)
		}, func() {
			_ = m.store.DiscardDraft(context.Background(), d.Kind, d.Key)
			dlg.Hide()
			m.OfferDrafts()
		}))
	}
	intro := wrapped(lang.X("drafts.intro", "Mentorbog blev lukket, mens en formular ikke var gemt. Det, du havde skrevet, er gemt som kladde:"))
	dlg = dialog.NewCustom(lang.X("drafts.title", "Ikke-gemte kladder"), lang.X("drafts.later", "Senere"),
		container.NewVBox(intro, rows), m.win)
	dlg.Resize(fyne.NewSize(620, 0))
	dlg.Show()
}

// draftRow is one draft with when it was kept and the two choices.
func (m *MainWindow) draftRow(d data.Draft, restore, discard func()) fyne.CanvasObject {
	title := d.Title
	if title == "" {
		title = d.Kind
	}
	when := muted(fmt.Sprintf("%s %s", lang.X("drafts.kept", "Gemt"), dk.FormatDateTime(d.SavedAt)))
	restoreBtn := widget.NewButtonWithIcon(lang.X("drafts.restore", "Gendan"), theme.HistoryIcon(), restore)
	restoreBtn.Importance = widget.HighImportance
	discardBtn := widget.NewButtonWithIcon(lang.X("drafts.discard", "Kassér"), theme.DeleteIcon(), discard)
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(discardBtn, restoreBtn)),
		container.NewVBox(bold(title), when))
}
