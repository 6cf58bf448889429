package ui

import (
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// fixedNow is Monday 23 November 2026, 10:30 Danish time: week 48.
var fixedNow = time.Date(2026, time.November, 23, 10, 30, 0, 0, data.Zone())

func clock() time.Time { return fixedNow }

// openStore opens an empty database in the test's temporary folder.
func openStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(filepath.Join(t.TempDir(), "mentorbog.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fixture is a small hand-made organisation whose figures are known exactly.
type fixture struct {
	anna, oemer, carl, erik, fatima, dorte data.Citizen
	karen, bo, retired                     data.Mentor
	naestved, slagelse                     data.Municipality
	annaCourse                             data.Course
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, data.Zone())
}

// seed fills st with the fixture:
//   - Anna Bøgh: active, Karen, 26 t granted in total, 12,5 t used (10 × 75 min,
//     4 of them in October); a session today at 14:00 and one at 08:00 not
//     registered; a no-show on 18 November.
//   - Ømer Yilmaz: active, Karen, agreement ending 1 December, 9 of 10 t used.
//   - Fatima Hassan: active, Bo, 5,5 of 5 t used.
//   - Carl Dahl: ended with a job. Erik Berg: ordered, no mentor.
//   - Dorte Ågård: archived.
func seed(t *testing.T, st data.Store) fixture {
	t.Helper()
	ctx := context.Background()
	var f fixture
	org, err := st.Organisation(ctx)
	must(t, err)
	org.Name, org.CVR, org.Address, org.Postcode, org.City = "Broen Mentorservice ApS", "12345678", "Ringstedgade 10", "4700", "Næstved"
	org.Phone, org.Email, org.JobcentreLabel, org.HourlyRateOere = "55 77 88 99", "kontakt@broen.dk", data.LabelKommune, 55000
	must(t, st.SaveOrganisation(ctx, org))

	f.naestved = data.Municipality{Name: "Næstved Kommune", EAN: "5798000000001", SecureEmail: "jobcenter@naestved.dk", Address: "Teatergade 8, 4700 Næstved"}
	f.slagelse = data.Municipality{Name: "Slagelse Kommune", EAN: "5798000000002", SecureEmail: "jobcenter@slagelse.dk"}
	must(t, st.SaveMunicipality(ctx, &f.naestved))
	must(t, st.SaveMunicipality(ctx, &f.slagelse))
	must(t, st.SaveCaseworker(ctx, &data.Caseworker{MunicipalityID: f.naestved.ID, Name: "Lise Holm", Phone: "55 88 00 00", Email: "liho@naestved.dk"}))

	f.karen = data.Mentor{Name: "Karen Østergaard", Kind: data.MentorEmployed, WeeklyCapacityMin: 30 * 60,
		Languages: []string{"dansk", "arabisk"}, Competences: []string{"psykoterapi", "misbrug"}, Qualifications: "Cand.psych."}
	f.bo = data.Mentor{Name: "Bo Andersen", Kind: data.MentorVolunteer, WeeklyCapacityMin: 8 * 60, Languages: []string{"dansk"}}
	f.retired = data.Mentor{Name: "Gitte Pension", Kind: data.MentorEmployed, Archived: true}
	for _, m := range []*data.Mentor{&f.karen, &f.bo, &f.retired} {
		must(t, st.SaveMentor(ctx, m))
	}

	f.anna = citizen(t, st, "Anna Bøgh", "0101901234", "20 30 40 50", false)
	f.oemer = citizen(t, st, "Ømer Yilmaz", "1502851235", "31 31 31 31", false)
	f.fatima = citizen(t, st, "Fatima Hassan", "0303031236", "", false)
	f.carl = citizen(t, st, "Carl Dahl", "2003751111", "", false)
	f.erik = citizen(t, st, "Erik Berg", "1112131414", "", false)
	f.dorte = citizen(t, st, "Dorte Ågård", "0909091919", "", true)

	f.annaCourse = course(t, st, f.anna, f.naestved, f.karen, data.CourseActive)
	agreement(t, st, f.annaCourse, data.NewDate(2026, 9, 1), data.NewDate(2027, 2, 28), 26*60)
	for i, day := range []time.Time{at(2026, 9, 7, 10, 0), at(2026, 9, 14, 10, 0), at(2026, 9, 21, 10, 0),
		at(2026, 9, 28, 10, 0), at(2026, 10, 5, 10, 0), at(2026, 10, 12, 10, 0), at(2026, 10, 19, 10, 0),
		at(2026, 10, 26, 10, 0), at(2026, 11, 2, 10, 0), at(2026, 11, 9, 10, 0)} {
		held(t, st, f.annaCourse, f.karen, day, 75, 20+i)
	}
	planned(t, st, f.annaCourse, f.karen, at(2026, 11, 23, 14, 0), data.SessionPlanned)
	planned(t, st, f.annaCourse, f.karen, at(2026, 11, 23, 8, 0), data.SessionPlanned)
	planned(t, st, f.annaCourse, f.karen, at(2026, 11, 18, 9, 0), data.SessionNoShow)
	planned(t, st, f.annaCourse, f.karen, at(2026, 12, 25, 9, 0), data.SessionPlanned)

	oemer := course(t, st, f.oemer, f.slagelse, f.karen, data.CourseActive)
	agreement(t, st, oemer, data.NewDate(2026, 6, 2), data.NewDate(2026, 12, 1), 10*60)
	held(t, st, oemer, f.karen, at(2026, 11, 20, 13, 0), 9*60, 0)

	fatima := course(t, st, f.fatima, f.naestved, f.bo, data.CourseActive)
	agreement(t, st, fatima, data.NewDate(2026, 10, 1), data.NewDate(2027, 3, 31), 5*60)
	held(t, st, fatima, f.bo, at(2026, 11, 17, 9, 0), 330, 0)

	carl := course(t, st, f.carl, f.naestved, f.bo, data.CourseEnded)
	carl.Outcome, carl.EndedOn = data.OutcomeJob, data.NewDate(2026, 10, 31)
	must(t, st.SaveCourse(ctx, &carl))
	course(t, st, f.erik, f.slagelse, data.Mentor{}, data.CourseOrdered)
	return f
}

func citizen(t *testing.T, st data.Store, name, cpr, phone string, archived bool) data.Citizen {
	t.Helper()
	c := data.Citizen{Name: name, CPR: cpr, Phone: phone, Archived: archived, TargetGroup: "aktivitetsparat",
		Address: "Vestergade 1", Postcode: "4700", City: "Næstved", MotherTongue: "dansk",
		Profile: data.HandoverProfile{Resources: "Mødestabil, god til praktisk arbejde", WhatWorks: "Korte gåture"}}
	must(t, st.SaveCitizen(context.Background(), &c))
	return c
}

func course(t *testing.T, st data.Store, c data.Citizen, m data.Municipality, mentor data.Mentor, status data.CourseStatus) data.Course {
	t.Helper()
	ctx := context.Background()
	co := data.Course{CitizenID: c.ID, MunicipalityID: m.ID, Status: status, OrderRef: "J-" + c.CPR[:4],
		OrderedOn: data.NewDate(2026, 8, 20), StartedOn: data.NewDate(2026, 9, 1)}
	if status == data.CourseOrdered {
		co.StartedOn = data.Date{}
		co.OrderedOn = data.NewDate(2026, 11, 16)
	}
	if status == data.CourseEnded {
		co.Outcome = data.OutcomeJob
	}
	must(t, st.SaveCourse(ctx, &co))
	if mentor.ID != 0 {
		must(t, st.AssignMentor(ctx, co.ID, mentor.ID, data.NewDate(2026, 8, 25), ""))
		co.MentorID = mentor.ID
	}
	return co
}

func agreement(t *testing.T, st data.Store, co data.Course, from, to data.Date, grantedMin int) {
	t.Helper()
	a := data.Agreement{CourseID: co.ID, Start: from, End: to, HoursBasis: data.HoursTotal, GrantedMin: grantedMin,
		Scope: data.PerPerson, RateOere: 55000, Goal: "Komme i praktik", Tasks: "Struktur i hverdagen",
		Roles: data.Roles(0).With(data.RoleCoach).With(data.RoleBridgeBuilder), ComplaintGuidance: "Klage inden 4 uger."}
	must(t, st.SaveAgreement(context.Background(), &a))
}

func held(t *testing.T, st data.Store, co data.Course, m data.Mentor, start time.Time, contactMin, transportMin int) {
	t.Helper()
	s := data.Session{CourseID: co.ID, MentorID: m.ID, PlannedStart: start, PlannedEnd: start.Add(time.Duration(contactMin) * time.Minute),
		Status: data.SessionHeld, Form: data.FormInPerson, ContactMin: contactMin, TransportMin: transportMin, AdminMin: 10}
	must(t, st.SaveSession(context.Background(), &s))
}

func planned(t *testing.T, st data.Store, co data.Course, m data.Mentor, start time.Time, status data.SessionStatus) {
	t.Helper()
	s := data.Session{CourseID: co.ID, MentorID: m.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: status, Form: data.FormPhone}
	must(t, st.SaveSession(context.Background(), &s))
}

// newWindow builds the main window on a fresh test app at 1200×760. It does
// not follow changes made elsewhere: the test driver runs fyne.Do on the
// calling goroutine, so a live reload settling on its timer would lay out
// widgets at the same time as the test (newLiveWindow is for the tests of
// that).
func newWindow(t *testing.T, st data.Store) *MainWindow {
	t.Helper()
	m := newLiveWindow(t, st)
	m.stopFollowing()
	return m
}

// newLiveWindow is newWindow following changes, stopped when the test ends.
func newLiveWindow(t *testing.T, st data.Store) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	m := NewMainWindow(a, st, Options{Now: clock, Language: "da"})
	m.Window().Resize(fyne.NewSize(1200, 760))
	t.Cleanup(func() {
		// A test may have closed the window itself; closing twice panics.
		if slices.Contains(a.Driver().AllWindows(), m.Window()) {
			m.Window().Close()
		}
	})
	t.Cleanup(m.stopFollowing) // runs first: no reload after the test
	return m
}

// lightTheme pins the light variant: the test app reports no variant, so
// screenshots would otherwise come out in neither light nor dark.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// markup is everything drawn in the window, texts included.
func markup(m *MainWindow) string { return test.RenderToMarkup(m.Window().Canvas()) }

func assertShows(t *testing.T, m *MainWindow, texts ...string) {
	t.Helper()
	out := markup(m)
	for _, s := range texts {
		if !strings.Contains(out, s) {
			t.Errorf("window does not show %q", s)
		}
	}
}

func assertHides(t *testing.T, m *MainWindow, texts ...string) {
	t.Helper()
	out := markup(m)
	for _, s := range texts {
		if strings.Contains(out, s) {
			t.Errorf("window shows %q, which it must not", s)
		}
	}
}

// capture writes the window as PNG under $MENTORBOG_SHOTS, for looking at
// the screens; without the variable nothing is written.
func capture(t *testing.T, m *MainWindow, name string) {
	t.Helper()
	dir := os.Getenv("MENTORBOG_SHOTS")
	if dir == "" {
		return
	}
	must(t, os.MkdirAll(dir, 0o755))
	f, err := os.Create(filepath.Join(dir, name+".png"))
	must(t, err)
	defer f.Close()
	must(t, png.Encode(f, m.Window().Canvas().Capture()))
}
