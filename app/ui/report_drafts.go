package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"mentorbog/data"
)

// restoreReportDraft reopens the report form a draft was kept from: the
// saved report (key: its id) or a new one prefilled again for the same
// kind, course and period (key: see newReportDraftKey). The form finds its
// draft itself and says the text was restored.
func (m *MainWindow) restoreReportDraft(d data.Draft) {
	m.ShowSection(SectionReports)
	s, ok := m.screenFor(SectionReports).(*reportsScreen)
	if !ok {
		return
	}
	s.tabs.SelectIndex(1) // Rapporter til kommunen: loads the written reports
	m.env.showError(s.written.restore(context.Background(), d.Key))
}

// restore opens the report a draft key names.
func (w *writtenReports) restore(ctx context.Context, key string) error {
	if w.courses == nil {
		if err := w.load(ctx); err != nil {
			return err
		}
	}
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		r, err := w.st.Report(ctx, data.ID(id))
		if err != nil {
			return fmt.Errorf("restore report draft: %w", err)
		}
		w.open(r)
		return nil
	}
	kind, courseID, from, to, err := parseNewReportDraftKey(key)
	if err != nil {
		return err
	}
	return w.start(kind, courseID, from, to)
}

// parseNewReportDraftKey reads "new:<kind>:<course>:<from>:<to>".
func parseNewReportDraftKey(key string) (kind data.ReportKind, courseID data.ID, from, to data.Date, err error) {
	parts := strings.Split(key, ":")
	if len(parts) != 5 || parts[0] != "new" {
		return "", 0, from, to, fmt.Errorf("restore report draft: unknown key %q", key)
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return "", 0, from, to, fmt.Errorf("restore report draft: course in %q: %w", key, err)
	}
	if from, err = data.ParseISODate(parts[3]); err != nil {
		return "", 0, from, to, fmt.Errorf("restore report draft: %w", err)
	}
	if to, err = data.ParseISODate(parts[4]); err != nil {
		return "", 0, from, to, fmt.Errorf("restore report draft: %w", err)
	}
	return data.ReportKind(parts[1]), data.ID(id), from, to, nil
}
