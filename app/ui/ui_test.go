package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"mentorbog/app/i18n"
	"mentorbog/data"
)

func TestOverviewFigures(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	f, err := loadOverview(context.Background(), st, fixedNow)
	must(t, err)
	if f.activeCourses != 3 || f.citizens != 5 || f.mentors != 2 {
		t.Errorf("active courses %d, citizens %d, mentors %d; want 3, 5, 2", f.activeCourses, f.citizens, f.mentors)
	}
	if len(f.today) != 2 {
		t.Errorf("today's sessions: %d, want 2", len(f.today))
	}
	// 08:00 today is past and planned; 14:00 is still ahead; the no-show is registered.
	if len(f.missing) != 1 || f.missing[0].PlannedStart.Hour() != 8 {
		t.Errorf("missing registration: %+v", f.missing)
	}
	if len(f.ending) != 1 || f.citizenName[f.ending[0].course.CitizenID] != "Ømer Yilmaz" {
		t.Errorf("ending within 14 days: %+v", f.ending)
	}
	if len(f.over80) != 1 || f.over80[0].hours.UsedMin != 540 {
		t.Errorf("over 80 %%: %+v", f.over80)
	}
	if len(f.over100) != 1 || f.over100[0].hours.UsedMin != 330 {
		t.Errorf("over 100 %%: %+v", f.over100)
	}
	if len(f.noMentor) != 1 || f.citizenName[f.noMentor[0].CitizenID] != "Erik Berg" {
		t.Errorf("courses without a mentor: %+v", f.noMentor)
	}
}

func TestOverviewScreen(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionOverview)
	assertShows(t, m, "Aktive forløb", "Mangler registrering (1)", "Ømer Yilmaz · slutter 01-12-2026 (om 8 dage)",
		"Ømer Yilmaz · 9 t af 10 t (90 %)", "Fatima Hassan · 5,5 t af 5 t (110 %)", "Erik Berg",
		"14:00–15:00 · A.B. · Planlagt · Telefon", "Karen Østergaard", "Broen Mentorservice ApS")
	capture(t, m, "fixture-overview")
}

func TestCitizenListMasksCPR(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	assertShows(t, m, "Anna Bøgh", "010190-XXXX", "Aktiv", "Karen Østergaard", "Viser 4 af 6 borgere")
	assertHides(t, m, "0101901234", "010190-1234", "Dorte Ågård", "Carl Dahl")
	s := m.screens[SectionCitizens].(*citizensScreen)
	// Danish order: Ø after the plain letters.
	var names []string
	for _, r := range s.shown {
		names = append(names, r.citizen.Name)
	}
	if want := []string{"Anna Bøgh", "Erik Berg", "Fatima Hassan", "Ømer Yilmaz"}; !equal(names, want) {
		t.Errorf("list order %v, want %v", names, want)
	}
	s.status.SetSelectedIndex(int(citizensEnded))
	assertShows(t, m, "Carl Dahl", "Afsluttet")
	s.status.SetSelectedIndex(int(citizensAll))
	s.archived.SetChecked(true)
	assertShows(t, m, "Dorte Ågård", "Arkiveret", "Viser 6 af 6 borgere")
}

func TestCitizenSearchFiltersAsYouType(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	cases := []struct{ query, want string }{
		{"bøgh", "Anna Bøgh"},     // part of the name, any case
		{"150285", "Ømer Yilmaz"}, // CPR digits
		{"2030 40", "Anna Bøgh"},  // phone, spaces ignored
		{"1235", "Ømer Yilmaz"},   // last four CPR digits
	}
	for _, c := range cases {
		s.search.SetText("")
		test.Type(s.search, c.query)
		if len(s.shown) != 1 || s.shown[0].citizen.Name != c.want {
			t.Errorf("search %q shows %d rows, want only %s", c.query, len(s.shown), c.want)
		}
	}
	s.search.SetText("")
	test.Type(s.search, "øm")
	assertShows(t, m, "Ømer Yilmaz", "Viser 1 af 6 borgere")
	assertHides(t, m, "Anna Bøgh")
}

func TestCitizenDetailsShowHours(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	s.list.Select(0)
	if s.selected != f.anna.ID {
		t.Fatalf("selected %d, want Anna %d", s.selected, f.anna.ID)
	}
	assertShows(t, m, "Anna Bøgh", "20 30 40 50", "Aktivitetsparate kontanthjælpsmodtagere", "Mødestabil")
	assertHides(t, m, "0101901234")
	capture(t, m, "fixture-citizens")
	s.tabs.SelectIndex(tabCourses)
	assertShows(t, m, "12,5 t af 26 t", "13,5 t tilbage", "Aftale 01-09-2026 – 28-02-2027", "Næstved Kommune", "Motiverende coach")
	capture(t, m, "fixture-citizens-courses")
}

func TestWeekRange(t *testing.T) {
	cases := map[data.Date]string{
		data.NewDate(2026, 11, 23): "23.–29. nov. 2026",
		data.NewDate(2026, 11, 30): "30. nov.–6. dec. 2026",
		data.NewDate(2026, 12, 28): "28. dec. 2026–3. jan. 2027",
	}
	for monday, want := range cases {
		if got := weekRange(monday, monday.AddDays(6)); got != want {
			t.Errorf("weekRange(%s) = %q, want %q", monday, got, want)
		}
	}
	if got := weekTitle(data.NewDate(2026, 12, 28)); got != "Uge 53 · 28. dec. 2026–3. jan. 2027" {
		t.Errorf("weekTitle = %q", got)
	}
}

func TestMentorsScreen(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	assertShows(t, m, "Karen Østergaard", "Ansat", "30 t/uge", "dansk, arabisk", "psykoterapi, misbrug",
		"Bo Andersen", "Frivillig", "8 t/uge")
	assertHides(t, m, "Gitte Pension")
	s := m.screens[SectionMentors].(*mentorsScreen)
	for i, r := range s.shown {
		if r.mentor.Name == "Karen Østergaard" {
			if len(r.active) != 2 {
				t.Errorf("Karen has %d active courses, want 2", len(r.active))
			}
			s.list.Select(i)
		}
	}
	assertShows(t, m, "Cand.psych.", "Anna Bøgh (Aktiv), Ømer Yilmaz (Aktiv)")
	s.status.SetSelectedIndex(int(showAll))
	assertShows(t, m, "Gitte Pension")
	capture(t, m, "fixture-mentors")
}

func TestMunicipalitiesScreen(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionMunicipalities)
	assertShows(t, m, "Næstved Kommune", "5798000000001", "jobcenter@naestved.dk", "Lise Holm", "Slagelse Kommune",
		"Aktive: 2 · bestilte: 0", "Aktive: 1 · bestilte: 1")
	capture(t, m, "fixture-municipalities")
}

func TestReportsTimesheet(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionReports)
	s := m.screens[SectionReports].(*reportsScreen)
	if s.month.Selected != "Oktober 2026" {
		t.Errorf("default month %q, want last month", s.month.Selected)
	}
	// October: Anna held 4 × 75 min = 5 t at 550 kr.; transport 24+25+26+27 min.
	assertShows(t, m, "Næstved Kommune", "Anna Bøgh", "010190-XXXX", "5", "550,00 kr.", "2.750,00 kr.", "1,7", "0,67")
	assertHides(t, m, "0101901234", "Slagelse Kommune")
	s.month.SetSelectedIndex(0)
	// November: Ømer 9 t in Slagelse; Anna 75 min, Fatima 5,5 t in Næstved.
	assertShows(t, m, "Slagelse Kommune", "4.950,00 kr.", "Fatima Hassan", "3.025,00 kr.")
	capture(t, m, "fixture-reports")
}

func TestSettingsScreen(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionSettings)
	assertShows(t, m, "Broen Mentorservice ApS", "12345678", "Ringstedgade 10, 4700 Næstved", "550,00 kr.",
		"Automatisk (følg systemet)", "næste gang Mentorbog startes")
	s := m.screens[SectionSettings].(*settingsScreen)
	s.language.SetSelected("English")
	if got := m.env.prefs.String(i18n.PreferenceKey); got != i18n.English {
		t.Errorf("language preference %q, want en", got)
	}
	capture(t, m, "fixture-settings")
}

func TestEverySectionShows(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	m := newWindow(t, st)
	for _, name := range Sections() {
		m.ShowSection(name)
		if m.current != name {
			t.Errorf("ShowSection(%q) left %q on screen", name, m.current)
		}
	}
	m.ShowSection("nonsense")
	if m.current != SectionSettings {
		t.Errorf("an unknown section changed the screen to %q", m.current)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// brokenStore fails every read, like a database on a network drive that
// went away.
type brokenStore struct{ data.Store }

var errBroken = errors.New("disk I/O error")

func (brokenStore) Organisation(context.Context) (data.Organisation, error) {
	return data.Organisation{}, errBroken
}
func (brokenStore) Citizens(context.Context, bool) ([]data.Citizen, error) { return nil, errBroken }
func (brokenStore) Mentors(context.Context, bool) ([]data.Mentor, error)   { return nil, errBroken }
func (brokenStore) Municipalities(context.Context, bool) ([]data.Municipality, error) {
	return nil, errBroken
}
func (brokenStore) Courses(context.Context, data.CourseFilter) ([]data.Course, error) {
	return nil, errBroken
}

func TestLoadErrorsShowADanishDialog(t *testing.T) {
	st := openStore(t)
	m := newWindow(t, brokenStore{st})
	for _, name := range Sections() {
		m.ShowSection(name)
		if m.Window().Canvas().Overlays().Top() == nil {
			t.Errorf("%s: no error dialog", name)
		}
		assertShows(t, m, "Fejl", "Data kunne ikke hentes fra databasen.", "disk I/O error")
		for m.Window().Canvas().Overlays().Top() != nil {
			m.Window().Canvas().Overlays().Remove(m.Window().Canvas().Overlays().Top())
		}
	}
}
