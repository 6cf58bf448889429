package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mentorbog/data"
	"mentorbog/data/demo"
)

// TestDemoSections fills a database with the demo organisation, opens every
// section and checks that it shows the store's data, never a full CPR.
// With MENTORBOG_SHOTS set it saves a screenshot of each section.
func TestDemoSections(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	sum, err := demo.Generate(ctx, st, demo.Config{Seed: 1, Today: data.DateOf(fixedNow)})
	must(t, err)
	citizens, err := st.Citizens(ctx, true)
	must(t, err)
	m := newWindow(t, st)

	fullCPR := func(t *testing.T) {
		t.Helper()
		out := markup(m)
		for _, c := range citizens {
			if len(c.CPR) >= 10 && (strings.Contains(out, c.CPR) || strings.Contains(out, c.CPR[:6]+"-"+c.CPR[6:])) {
				t.Errorf("%s shows the full CPR of %s", m.current, c.Name)
			}
		}
	}

	t.Run("overview", func(t *testing.T) {
		m.ShowSection(SectionOverview)
		f := m.screens[SectionOverview].(*overviewScreen).facts
		courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive, data.CourseRetention}})
		must(t, err)
		if f.activeCourses != len(courses) || f.activeCourses == 0 {
			t.Errorf("overview says %d active courses, the store has %d", f.activeCourses, len(courses))
		}
		mentors, err := st.Mentors(ctx, false)
		must(t, err)
		if f.mentors != len(mentors) || sum.Mentors < len(mentors) || f.citizens == 0 {
			t.Errorf("overview: %d mentors (store %d), %d citizens", f.mentors, len(mentors), f.citizens)
		}
		assertShows(t, m, "Aktive forløb", "Dagens møder", "Mangler registrering", "Forløb uden mentor")
		fullCPR(t)
		capture(t, m, "overview")
	})

	t.Run("calendar", func(t *testing.T) {
		m.ShowSection(SectionCalendar)
		s := m.screens[SectionCalendar].(*calendarScreen)
		if len(s.sessions) == 0 {
			t.Error("the calendar shows no sessions in the demo's current week")
		}
		assertShows(t, m, "Uge 48 · 23.–29. nov. 2026", "Man 23. nov.")
		fullCPR(t)
		capture(t, m, "calendar")
	})

	t.Run("citizens", func(t *testing.T) {
		m.ShowSection(SectionCitizens)
		s := m.screens[SectionCitizens].(*citizensScreen)
		if len(s.shown) == 0 {
			t.Fatal("no citizens listed")
		}
		first := s.shown[0].citizen
		assertShows(t, m, first.Name, first.MaskedCPR())
		if !regexp.MustCompile(`\d{6}-XXXX`).MatchString(markup(m)) {
			t.Error("no masked CPR in the list")
		}
		// Search by the first citizen's surname: only matching names remain.
		parts := strings.Fields(first.Name)
		surname := parts[len(parts)-1]
		test.Type(s.search, surname)
		if len(s.shown) == 0 {
			t.Fatalf("searching %q found nothing", surname)
		}
		for _, r := range s.shown {
			if !strings.Contains(strings.ToLower(r.citizen.Name), strings.ToLower(surname)) {
				t.Errorf("searching %q shows %s", surname, r.citizen.Name)
			}
		}
		s.search.SetText("")
		s.list.Select(0)
		assertShows(t, m, "Kontakt", "Overleveringsprofil")
		s.tabs.SelectIndex(tabCourses)
		if !strings.Contains(markup(m), " t af ") {
			t.Error("the selected citizen shows no hours used of granted")
		}
		fullCPR(t)
		capture(t, m, "citizens")
	})

	t.Run("mentors", func(t *testing.T) {
		m.ShowSection(SectionMentors)
		s := m.screens[SectionMentors].(*mentorsScreen)
		if len(s.shown) == 0 {
			t.Fatal("no mentors listed")
		}
		s.list.Select(0)
		assertShows(t, m, s.shown[0].mentor.Name, "t/uge", "Kvalifikationer")
		capture(t, m, "mentors")
	})

	t.Run("municipalities", func(t *testing.T) {
		m.ShowSection(SectionMunicipalities)
		ms, err := st.Municipalities(ctx, false)
		must(t, err)
		for _, mu := range ms {
			assertShows(t, m, mu.Name, mu.EAN)
		}
		capture(t, m, "municipalities")
	})

	t.Run("reports", func(t *testing.T) {
		m.ShowSection(SectionReports)
		s := m.screens[SectionReports].(*reportsScreen)
		if len(s.sheets) == 0 {
			t.Fatal("no timesheet for last month")
		}
		assertShows(t, m, "Oktober 2026", "I alt", "kr.", "XXXX")
		fullCPR(t)
		capture(t, m, "reports")
	})

	t.Run("settings", func(t *testing.T) {
		m.ShowSection(SectionSettings)
		org, err := st.Organisation(ctx)
		must(t, err)
		assertShows(t, m, org.Name, "Sprog")
		capture(t, m, "settings")
	})
}
