package ui

import (
	"strings"
	"testing"

	"mentorbog/data"
)

// Every screen that shows an agreement shows granted, planned, used and
// remaining hours, this week and in total, from one helper.
func TestAgreementHoursAgreeOnEveryScreen(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	// Anna: 26 t granted, 12,5 t used (10 × 75 min), two sessions of an
	// hour still planned today and one later (3 t); this week none held yet.
	const annaTotal = "I alt: brugt 12,5 t af 26 t · planlagt 3 t · tilbage 13,5 t"

	m.showCitizen(f.anna.ID)
	s := m.citizensScreen()
	s.tabs.SelectIndex(1) // Forløb og aftaler
	assertShows(t, m, "Bevilget", "Planlagt", "Brugt", "Resterende", "Uge 48", "26 t", "12,5 t", "13,5 t")
	capture(t, m, "timer-borger")

	// Oversigt: Ømer's agreement ends within 14 days; Fatima used all.
	m.ShowSection(SectionOverview)
	assertShows(t, m, "I alt: brugt 9 t af 10 t · planlagt 0 t · tilbage 1 t", "Uge 48: brugt 0 t af 0,38 t",
		"I alt: brugt 5,5 t af 5 t · planlagt 0 t · tilbage -0,5 t")

	// Rapporter: each line of October's timesheet and the report form.
	r := reportsOf(t, m)
	r.tabs.SelectIndex(0)
	assertShows(t, m, "Aftalen: "+annaTotal)
	capture(t, m, "timer-timeopgoerelse")
	must(t, r.written.start(data.KindStatus, f.annaCourse.ID, data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)))
	assertShows(t, m, annaTotal, "Uge 48: brugt 0 t af")
	capture(t, m, "timer-rapport")
	if out := markup(m); strings.Contains(out, ".5 t") {
		t.Error("an hour figure without the decimal comma")
	}
}
