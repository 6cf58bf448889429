package ui

import (
	"bytes"
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"mentorbog/app/icsexport"
	"mentorbog/data"
)

// exportICS saves the sessions of the mentors filtered on (all when none)
// as an .ics file chosen in a file dialog.
func (s *calendarScreen) exportICS() {
	if s.env.window == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		n, err := s.writeICS(context.Background(), w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(errors.New(lang.X("calendar.export_failed", "Kalenderen kunne ikke eksporteres.")+"\n\n"+err.Error()), s.env.window)
			return
		}
		showMessage(s.env.window, lang.X("calendar.exported_title", "Eksporteret"),
			lang.X("calendar.exported", "{{.Count}} møder er gemt i {{.File}}. Filen viser kun initialer, form og sted.",
				map[string]any{"Count": n, "File": w.URI().Name()}))
	}, s.env.window)
	d.SetFileName("mentorbog-kalender.ics")
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(900, 600))
}

// writeICS writes the export (audited by icsexport.Export).
func (s *calendarScreen) writeICS(ctx context.Context, w interface{ Write([]byte) (int, error) }) (int, error) {
	var ids []data.ID
	for id := range s.mentorIDs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var buf bytes.Buffer
	n, err := icsexport.Export(ctx, s.st, &buf, ids, s.env.now())
	if err != nil {
		return 0, err
	}
	_, err = w.Write(buf.Bytes())
	return n, err
}
