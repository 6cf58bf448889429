package ui

import (
	"context"
	"testing"

	"mentorbog/data"
)

// TestCitizenPageScreenshots shows a demo citizen's page tab by tab, the
// agreement form with its validation messages and the mentor suggestions,
// for looking at (MENTORBOG_SHOTS=dir).
func TestCitizenPageScreenshots(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)

	// The citizen with the most goals, so the chart has something to show.
	var best data.Course
	most := -1
	active, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	must(t, err)
	for _, co := range active {
		goals, _ := st.Goals(ctx, co.ID)
		if len(goals) > most {
			best, most = co, len(goals)
		}
	}
	s.open(best.CitizenID)
	if s.page == nil || s.page.citizen.ID != best.CitizenID {
		t.Fatal("the citizen's page did not open")
	}
	names := []string{"profil", "forloeb", "moeder", "progression", "dokumenter", "log"}
	for i, name := range names {
		s.tabs.SelectIndex(i)
		m.Window().Content().Refresh()
		capture(t, m, "borger-"+name)
	}
	s.tabs.SelectIndex(tabSessions)
	assertShows(t, m, "Gennemført")
	s.tabs.SelectIndex(tabLog)
	assertShows(t, m, "Åbnede borger", "admin")

	// The agreement form with what a hurried coordinator leaves out.
	s.tabs.SelectIndex(tabCourses)
	s.newAgreement(best)
	ed := s.form
	typeIn(t, m, ed, "granted", "to timer")
	typeIn(t, m, ed, "end", "31-12-2027")
	ctrlS(ed, m)
	assertShows(t, m, "Mål skal udfyldes.", "Bemærk: Perioden er længere end 6 måneder")
	capture(t, m, "aftale-valideringsfejl")
	ed.changed = false
	ed.cancel()

	// Mentor suggestions for a course without a mentor.
	var open data.Course
	courses, err := st.Courses(ctx, data.CourseFilter{})
	must(t, err)
	for _, co := range courses {
		if co.MentorID == 0 && co.Status.Open() {
			open = co
			break
		}
	}
	if open.ID == 0 {
		t.Fatal("the demo has no course without a mentor")
	}
	// Needs, so the suggestions can say which competences match.
	needy, err := st.Citizen(ctx, open.CitizenID)
	must(t, err)
	needy.Needs = []string{"gæld", "angst", "praktik"}
	must(t, st.SaveCitizen(ctx, &needy))
	s.env.showError(s.load(ctx))
	s.open(open.CitizenID)
	s.tabs.SelectIndex(tabCourses)
	capture(t, m, "borger-uden-mentor")
	s.suggestMentors(open)
	if s.matching == nil || len(s.matching.matches) == 0 {
		t.Fatal("no suggestions")
	}
	capture(t, m, "mentorforslag")
}
