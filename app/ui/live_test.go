package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// followRefreshes counts the window's refreshes after changes elsewhere.
func followRefreshes(m *MainWindow) <-chan struct{} {
	done := make(chan struct{}, 16)
	m.live.refreshed = func() { done <- struct{}{} }
	return done
}

// awaitRefresh waits for the next refresh; the deadline only guards
// against one that never comes.
func awaitRefresh(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the window did not refresh after the change")
	}
}

// mentorWindow seeds the fixture, gives Karen a mentor login, logs her in
// and opens her main window.
func mentorWindow(t *testing.T) (*sqlstore.Store, fixture, *MainWindow) {
	t.Helper()
	st, _ := adminStore(t)
	f := seed(t, st)
	ctx := context.Background()
	karen := data.User{Username: "karen", DisplayName: f.karen.Name, Role: data.RoleMentor, MentorID: f.karen.ID}
	must(t, st.SaveUser(ctx, &karen, "karens lange kode"))
	st.Lock()
	_, err := st.Login(ctx, "karen", "karens lange kode")
	must(t, err)
	return st, f, newLiveWindow(t, st)
}

func TestCalendarShowsASessionPlannedElsewhereAndLeavesTheOpenFormAlone(t *testing.T) {
	st, f, m := mentorWindow(t)
	refreshed := followRefreshes(m)
	s := calendarOf(t, m)
	if s.ownMentor != f.karen.ID {
		t.Fatalf("not Karen's own calendar: %v", s.mentorIDs)
	}
	week := strings.Join(blockTexts(s), "\n")
	if strings.Contains(week, "13:00 A.B.") {
		t.Fatalf("a 13:00 session before it was planned:\n%s", week)
	}

	// Karen is writing down a meeting.
	s.register(missingSession(t, st))
	ed := s.form
	typeInto(t, m, ed, "note", "Anna fortalte om praktikken og")
	note := ed.byName["note"].obj.(*keyEntry)
	capture(t, m, "live-before")

	// Meanwhile the session is planned elsewhere (on SQLite, through the
	// same store: one program per database file).
	start := at(2026, 11, 25, 13, 0)
	planned := data.Session{CourseID: f.annaCourse.ID, MentorID: f.karen.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: data.SessionPlanned, Form: data.FormInPerson, Place: "Jobcentret"}
	must(t, st.SaveSession(context.Background(), &planned))
	awaitRefresh(t, refreshed)

	week = strings.Join(blockTexts(s), "\n")
	if !strings.Contains(week, "13:00 A.B.") {
		t.Errorf("the calendar does not show the new session:\n%s", week)
	}
	if ed.closed || s.form != ed {
		t.Fatal("the open form was closed or replaced")
	}
	if note.Text != "Anna fortalte om praktikken og" {
		t.Errorf("the typed note changed to %q", note.Text)
	}
	if m.Window().Canvas().Focused() != note {
		t.Errorf("the note lost the cursor to %T", m.Window().Canvas().Focused())
	}
	// Typing goes on where it stopped.
	typeInto(t, m, ed, "note", "Anna fortalte om praktikken og hendes nye arbejdstider.")
	capture(t, m, "live-after")
	ed.cancel()
	tapOverlay(t, m, "Ja", "Yes")
	capture(t, m, "live-calendar")
}

func TestCitizenPageFollowsChangesWithoutLoggingAnotherOpening(t *testing.T) {
	st, _ := adminStore(t)
	f := seed(t, st)
	ctx := context.Background()
	m := newLiveWindow(t, st)
	refreshed := followRefreshes(m)
	m.showCitizen(f.anna.ID)
	s := m.citizensScreen()
	if s.page == nil || s.page.citizen.ID != f.anna.ID {
		t.Fatal("Anna's page is not open")
	}
	s.tabs.SelectIndex(tabSessions)
	s.search.SetText("Anna")
	m.Window().Canvas().Focus(s.search)
	openings := func() int {
		log, err := st.CitizenLog(ctx, f.anna.ID, 1000)
		must(t, err)
		n := 0
		for _, e := range log {
			if e.Action == "open_citizen" {
				n++
			}
		}
		return n
	}
	before := openings()

	start := at(2026, 12, 2, 9, 0)
	planned := data.Session{CourseID: f.annaCourse.ID, MentorID: f.karen.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: data.SessionPlanned, Form: data.FormPhone}
	must(t, st.SaveSession(ctx, &planned))
	awaitRefresh(t, refreshed)

	if s.tabs.SelectedIndex() != tabSessions {
		t.Errorf("the page went back to tab %d", s.tabs.SelectedIndex())
	}
	assertShows(t, m, "02-12-2026 09:00")
	if s.search.Text != "Anna" || m.Window().Canvas().Focused() != s.search {
		t.Errorf("the search lost its text %q or the cursor", s.search.Text)
	}
	if got := openings(); got != before {
		t.Errorf("refreshing logged %d more openings of Anna's record", got-before)
	}
	capture(t, m, "live-citizen-page")

	// A change to Anna's own record is read again (and that opening logged).
	anna, err := st.Citizen(ctx, f.anna.ID)
	must(t, err)
	anna.Phone = "20 20 20 20"
	must(t, st.SaveCitizen(ctx, &anna))
	awaitRefresh(t, refreshed)
	if s.page.citizen.Phone != "20 20 20 20" {
		t.Errorf("the page shows phone %q", s.page.citizen.Phone)
	}
}

func TestOverviewFollowsASessionPlannedElsewhere(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newLiveWindow(t, st)
	refreshed := followRefreshes(m)
	m.ShowSection(SectionOverview)
	assertHides(t, m, "16:30–17:15")

	start := at(2026, 11, 23, 16, 30)
	planned := data.Session{CourseID: f.annaCourse.ID, MentorID: f.karen.ID, PlannedStart: start, PlannedEnd: start.Add(45 * time.Minute),
		Status: data.SessionPlanned, Form: data.FormPhone}
	must(t, st.SaveSession(context.Background(), &planned))
	awaitRefresh(t, refreshed)
	assertShows(t, m, "16:30–17:15")
	capture(t, m, "live-overview")
}
