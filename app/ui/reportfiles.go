package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"mentorbog/app/reports"
	"mentorbog/data"
)

// pdfOpener opens and saves generated reports for a screen.
type pdfOpener struct {
	st  reports.Source
	env env
	// opened records what Åbn handed to the system viewer (tests read it).
	opened []string
}

// open writes the PDF to a private temporary folder and hands it to the
// system's PDF viewer for reading and printing.
func (o *pdfOpener) open(doc reports.Document) error {
	dir, err := os.MkdirTemp("", "mentorbog-rapport-")
	if err != nil {
		return fmt.Errorf("open report: %w", err)
	}
	path := filepath.Join(dir, doc.FileName)
	if err := os.WriteFile(path, doc.PDF, 0o600); err != nil {
		return fmt.Errorf("open report: %w", err)
	}
	o.opened = append(o.opened, path)
	reports.Audit(context.Background(), o.st, data.AuditReportExported, doc.Entry)
	if app := fyne.CurrentApp(); app != nil {
		u, err := url.Parse(storage.NewFileURI(path).String())
		if err != nil {
			return fmt.Errorf("open report: %w", err)
		}
		return app.OpenURL(u)
	}
	return nil
}

// saveAs asks where to save the PDF, under its CPR-free file name.
func (o *pdfOpener) saveAs(doc reports.Document) {
	if o.env.window == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			o.env.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		err = o.write(w, doc)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(errors.New(lang.X("report.save_failed", "Rapporten kunne ikke gemmes.")+"\n\n"+err.Error()), o.env.window)
		}
	}, o.env.window)
	d.SetFileName(doc.FileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show() // a file dialog must be shown before it can be resized (Fyne 2.8)
	d.Resize(fyne.NewSize(800, 560))
}

// write saves the PDF and logs the export.
func (o *pdfOpener) write(w io.Writer, doc reports.Document) error {
	if _, err := w.Write(doc.PDF); err != nil {
		return fmt.Errorf("save report: %w", err)
	}
	reports.Audit(context.Background(), o.st, data.AuditReportExported, doc.Entry)
	return nil
}

// reproduce renders a registered document again. The same data gives the
// same file, so an unchanged hash proves it is the file that was made (and
// perhaps sent); when the data has changed since, the new file is
// registered as a document of its own and changed is true.
func (o *pdfOpener) reproduce(ctx context.Context, g data.GeneratedReport) (doc reports.Document, changed bool, err error) {
	req := reports.RequestFor(g)
	doc, err = reports.Render(ctx, o.st, req)
	if err != nil {
		return doc, false, err
	}
	if doc.SHA256 == g.SHA256 {
		doc.Entry = g
		return doc, false, nil
	}
	doc, err = reports.Produce(ctx, o.st, req)
	return doc, true, err
}
