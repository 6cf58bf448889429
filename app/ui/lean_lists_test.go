package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// TestCitizenListRowsAreTheRecords: Borgere lists summaries, not records;
// on the demo data every row shows and searches what the whole records
// and every course give (name, masked CPR, the newest running course or
// else the newest course, its mentor), in Danish order, and selecting a
// row opens the whole record.
func TestCitizenListRowsAreTheRecords(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)

	citizens, err := st.Citizens(ctx, true)
	must(t, err)
	courses, err := st.Courses(ctx, data.CourseFilter{})
	must(t, err)
	mentors, err := st.Mentors(ctx, true)
	must(t, err)
	mentorBy := byID(mentors, func(m data.Mentor) data.ID { return m.ID })
	perCitizen := coursesByCitizen(courses)
	dk.SortBy(citizens, func(c data.Citizen) string { return c.Name })
	if len(s.rows) != len(citizens) || len(citizens) < 20 {
		t.Fatalf("%d rows for %d citizens", len(s.rows), len(citizens))
	}
	several := 0 // citizens with more than one course: the row picks one
	for i, c := range citizens {
		r := s.rows[i]
		if r.citizen.ID != c.ID || r.citizen.Name != c.Name || r.citizen.MaskedCPR() != c.MaskedCPR() || r.citizen.Archived != c.Archived {
			t.Fatalf("row %d is %+v, the record %d %q %s", i, r.citizen, c.ID, c.Name, c.MaskedCPR())
		}
		if r.phone != digitsOnly(c.Phone) || r.cprDigits != digitsOnly(c.CPR) {
			t.Errorf("%s: search keys %q/%q, the record's phone %q", c.Name, r.phone, r.cprDigits, c.Phone)
		}
		cs := perCitizen[c.ID]
		if len(cs) > 1 {
			several++
		}
		var want data.Course
		open := false
		for _, co := range cs {
			if co.Status.Open() {
				want, open = co, true
				break
			}
		}
		if !open && len(cs) > 0 {
			want = cs[0]
		}
		if r.hasCourse != (len(cs) > 0) || r.open != open || r.status != want.Status || r.mentor != mentorBy[want.MentorID].Name {
			t.Errorf("%s: row course %v/%v/%s/%q, want %v/%v/%s/%q", c.Name, r.hasCourse, r.open, r.status, r.mentor,
				len(cs) > 0, open, want.Status, mentorBy[want.MentorID].Name)
		}
	}

	if several == 0 {
		t.Fatal("no demo citizen has two courses: the row's choice of course is not tested")
	}

	// A search by phone digits finds the record with that phone.
	withPhone := slices.IndexFunc(citizens, func(c data.Citizen) bool { return len(digitsOnly(c.Phone)) >= 8 && !c.Archived })
	if withPhone < 0 {
		t.Fatal("no citizen with a phone number")
	}
	s.status.SetSelectedIndex(int(citizensAll))
	s.search.SetText(citizens[withPhone].Phone)
	if !slices.ContainsFunc(s.shown, func(r *citizenRow) bool { return r.citizen.ID == citizens[withPhone].ID }) {
		t.Errorf("searching %q does not show %s", citizens[withPhone].Phone, citizens[withPhone].Name)
	}
	s.list.Select(0)
	if s.page == nil || s.page.citizen.ID != s.shown[0].citizen.ID {
		t.Fatal("selecting the first row opens no page")
	}
	full, err := st.Citizen(ctx, s.shown[0].citizen.ID)
	must(t, err)
	if s.page.citizen.Address != full.Address || s.page.citizen.Profile != full.Profile || s.page.citizen.Email != full.Email {
		t.Errorf("the page shows %+v, the record is %+v", s.page.citizen, full)
	}
	want, err := st.Courses(ctx, data.CourseFilter{CitizenID: full.ID})
	must(t, err)
	if len(s.page.courses) != len(want) {
		t.Errorf("the page shows %d courses, the citizen has %d", len(s.page.courses), len(want))
	}
}

// TestCalendarNamesSessionsOfEndedCoursesAndOffersOpenOnes: the calendar
// reads the open courses only; a session of an ended course still shows
// its citizen, the citizen filter offers the citizens with an open course
// in Danish order (and the one filtered on), and filtering on a citizen
// whose course ended shows that course's sessions.
func TestCalendarNamesSessionsOfEndedCoursesAndOffersOpenOnes(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	carl, err := st.Courses(ctx, data.CourseFilter{CitizenID: f.carl.ID})
	must(t, err)
	held(t, st, carl[0], f.bo, at(2026, 10, 20, 11, 0), 60, 0)

	m := newWindow(t, st)
	s := calendarOf(t, m)
	if want := []string{"Alle borgere", "Anna Bøgh", "Erik Berg", "Fatima Hassan", "Ømer Yilmaz"}; !slices.Equal(s.citizen.Options, want) {
		t.Errorf("the citizen filter offers %v, want %v", s.citizen.Options, want)
	}
	if _, ok := s.courses[carl[0].ID]; ok {
		t.Error("the calendar read Carl's ended course before it showed a session of it")
	}
	s.names.SetChecked(true)
	s.goTo(data.NewDate(2026, 10, 20))
	if got := strings.Join(blockTexts(s), "\n"); !strings.Contains(got, "11:00 Carl Dahl") {
		t.Errorf("the week of 19 October shows\n%s\nnot Carl's session", got)
	}
	s.names.SetChecked(false)
	if got := strings.Join(blockTexts(s), "\n"); !strings.Contains(got, "11:00 C.D.") {
		t.Errorf("the week of 19 October shows\n%s\nnot Carl's initials", got)
	}

	// Filtered on Carl (e.g. kept from before his course ended).
	s.citizenID = f.carl.ID
	must(t, s.load(ctx))
	if i := s.citizen.SelectedIndex(); i < 0 || s.citizen.Options[i] != "Carl Dahl" {
		t.Errorf("the filter on Carl shows %q of %v", s.citizen.Selected, s.citizen.Options)
	}
	if len(s.sessions) != 1 || s.sessions[0].CourseID != carl[0].ID {
		t.Errorf("filtered on Carl the week shows %d sessions", len(s.sessions))
	}
	s.citizen.SetSelectedIndex(0)
	if s.citizenID != 0 {
		t.Error("Alle borgere keeps the filter")
	}
}

// coursesByCitizen groups courses per citizen, newest first: the test's
// own account of which course a row shows.
func coursesByCitizen(courses []data.Course) map[data.ID][]data.Course {
	out := map[data.ID][]data.Course{}
	for _, c := range courses {
		out[c.CitizenID] = append(out[c.CitizenID], c)
	}
	for _, cs := range out {
		sortNewestFirst(cs)
	}
	return out
}
