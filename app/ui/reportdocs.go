package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/app/reports"
	"mentorbog/data"
)

// citizenDocsStore is what the citizen's Dokumenter tab reads.
type citizenDocsStore interface {
	registerStore
}

// newCitizenDocuments lists the reports made about one citizen (every kind,
// with who made them, approval, hash and sending) with Åbn and Gem som, for
// the citizen page's "Dokumenter" tab. A koordinator or administrator can
// also make "Borgerens data" there, for a request of access.
func newCitizenDocuments(st citizenDocsStore, e env, citizenID data.ID) fyne.CanvasObject {
	list := newGeneratedList(st, e, data.ReportFilter{CitizenID: citizenID})
	reload := func() { e.showError(list.load(context.Background())) }
	top := container.NewVBox()
	if u, ok := st.CurrentUser(); !ok || u.Role != data.RoleMentor {
		access := widget.NewButtonWithIcon(lang.X("report.citizen_data", "Dan indsigtsrapport (Borgerens data)"), theme.DocumentIcon(), func() {
			doc, err := reports.Produce(context.Background(), st, reports.Request{Kind: data.KindCitizenData, CitizenID: citizenID, On: e.today()})
			if err == nil {
				err = list.pdf.open(doc)
			}
			e.showError(err)
			reload()
		})
		top.Add(container.NewHBox(access))
	}
	reload()
	return container.NewBorder(top, nil, nil, nil, list.view())
}
