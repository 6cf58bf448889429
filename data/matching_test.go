package data_test

import (
	"reflect"
	"testing"
	"time"

	"mentorbog/data"
)

func TestRankMentorsOrdersByEligibilityCapacityLanguageAndCompetence(t *testing.T) {
	citizen := data.Citizen{Name: "Amira", MotherTongue: "Arabisk", TargetGroup: "integration",
		Needs: []string{"angst", "gæld"}}
	mentors := []data.Mentor{
		{ID: 1, Name: "Åse Dansk", Kind: data.MentorEmployed, Languages: []string{"dansk"},
			Competences: []string{"angst", "gæld"}, WeeklyCapacityMin: 20 * 60},
		{ID: 2, Name: "Karim Arabisk", Kind: data.MentorEmployed, Languages: []string{"dansk", "arabisk"},
			Competences: []string{"motivation"}, WeeklyCapacityMin: 10 * 60},
		{ID: 3, Name: "Bo Fuld", Kind: data.MentorEmployed, Languages: []string{"arabisk"},
			Competences: []string{"angst og depression", "integration"}, WeeklyCapacityMin: 5 * 60},
		{ID: 4, Name: "Frida Frivillig", Kind: data.MentorVolunteer, Languages: []string{"arabisk"},
			Competences: []string{"angst"}, WeeklyCapacityMin: 8 * 60},
		{ID: 5, Name: "Gitte Arkiv", Kind: data.MentorEmployed, Archived: true, Languages: []string{"arabisk"}},
		{ID: 6, Name: "Ali Arabisk", Kind: data.MentorEmployed, Languages: []string{"arabisk"},
			Competences: []string{"angst"}, WeeklyCapacityMin: 10 * 60},
	}
	load := map[data.ID]float64{2: 3.5 * 60, 3: 6 * 60, 6: 9 * 60}
	got := data.RankMentors(citizen, "Integrationsprogrammet", mentors, load)
	var names []string
	for _, m := range got {
		names = append(names, m.Mentor.Name)
	}
	// Ali and Karim speak Arabic and have time; Ali meets a need. Åse meets
	// two needs but does not speak Arabic. Bo is full; Frida is a volunteer
	// without consent; Gitte is archived.
	want := []string{"Ali Arabisk", "Karim Arabisk", "Åse Dansk", "Bo Fuld", "Frida Frivillig"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("order %v, want %v", names, want)
	}
	ali, karim, aase, bo, frida := got[0], got[1], got[2], got[3], got[4]
	if !ali.SpeaksTongue || !reflect.DeepEqual(ali.Competences, []string{"angst"}) || ali.FreeWeeklyMin != 60 {
		t.Errorf("Ali: %+v", ali)
	}
	if karim.FreeWeeklyMin != 6.5*60 || len(karim.Competences) != 0 {
		t.Errorf("Karim: %+v", karim)
	}
	if aase.SpeaksTongue || !reflect.DeepEqual(aase.Competences, []string{"angst", "gæld"}) {
		t.Errorf("Åse: %+v", aase)
	}
	// Containment both ways, and the target group counts as a need.
	if !reflect.DeepEqual(bo.Competences, []string{"angst og depression", "integration"}) || bo.FreeWeeklyMin != -60 {
		t.Errorf("Bo: %+v", bo)
	}
	if frida.Eligible {
		t.Error("a volunteer is eligible without the citizen's consent")
	}
	citizen.Consents.VolunteerMentor = true
	got = data.RankMentors(citizen, "Integrationsprogrammet", mentors, load)
	if got[0].Mentor.Name != "Frida Frivillig" || !got[0].Eligible {
		t.Errorf("with consent the free volunteer who speaks Arabic and meets a need should lead (8 t free): %+v", got[0])
	}
}

func TestRankMentorsShortWordsMatchOnlyExactly(t *testing.T) {
	c := data.Citizen{Needs: []string{"it"}}
	got := data.RankMentors(c, "", []data.Mentor{{ID: 1, Name: "A", Kind: data.MentorEmployed, Competences: []string{"integration", "IT"}}}, nil)
	if !reflect.DeepEqual(got[0].Competences, []string{"IT"}) {
		t.Errorf("competences %v, want only IT", got[0].Competences)
	}
	if got[0].SpeaksTongue {
		t.Error("an empty mother tongue is spoken by nobody")
	}
}

func TestPlannedWeeklyLoadCountsTheMonthsSessionsButNotCancelled(t *testing.T) {
	z := data.Zone()
	at := func(d, h int) time.Time { return time.Date(2026, time.February, d, h, 0, 0, 0, z) }
	sessions := []data.Session{
		{MentorID: 1, PlannedStart: at(2, 9), PlannedEnd: at(2, 11), Status: data.SessionPlanned},
		{MentorID: 1, PlannedStart: at(9, 9), PlannedEnd: at(9, 11), Status: data.SessionHeld, ContactMin: 90},
		{MentorID: 1, PlannedStart: at(10, 9), PlannedEnd: at(10, 11), Status: data.SessionCancelledMentor},
		{MentorID: 1, PlannedStart: time.Date(2026, time.March, 1, 9, 0, 0, 0, z), PlannedEnd: time.Date(2026, time.March, 1, 12, 0, 0, 0, z), Status: data.SessionPlanned},
		{MentorID: 2, PlannedStart: at(28, 9), PlannedEnd: at(28, 13), Status: data.SessionNoShow},
	}
	load := data.PlannedWeeklyLoad(sessions, data.NewDate(2026, 2, 15))
	// February 2026 has 28 days: exactly 4 weeks.
	if load[1] != (120+90)/4.0 || load[2] != 240/4.0 {
		t.Errorf("load %v, want 1: 52.5, 2: 60", load)
	}
}

func TestExtensionStartsTheDayAfterAndLinks(t *testing.T) {
	a := data.Agreement{ID: 7, CourseID: 3, Start: data.NewDate(2026, 3, 1), End: data.NewDate(2026, 8, 31),
		HoursBasis: data.HoursPerWeek, GrantedMin: 90, Scope: data.PerPerson, Goal: "Praktik", Tasks: "Struktur",
		SignedCitizen: data.NewDate(2026, 2, 20), GoalIDs: []data.ID{4, 5}, MentorID: 2}
	next := a.Extension()
	if next.ID != 0 || next.ExtendsID != 7 || next.Start != data.NewDate(2026, 9, 1) || next.End != data.NewDate(2027, 2, 28) {
		t.Fatalf("extension %+v", next)
	}
	if next.Goal != "Praktik" || next.GrantedMin != 90 || next.MentorID != 2 || !next.SignedCitizen.IsZero() {
		t.Errorf("content not carried or signature kept: %+v", next)
	}
	next.GoalIDs[0] = 99
	if a.GoalIDs[0] != 4 {
		t.Error("the extension shares its goal list with the original")
	}
	if p := next.Validate(); len(p.Warnings()) != 0 {
		t.Errorf("a six-month extension warns: %v", p)
	}
	// A period of 45 days gives another 45 days.
	short := data.Agreement{ID: 1, Start: data.NewDate(2026, 1, 10), End: data.NewDate(2026, 2, 23)}
	if got := short.Extension(); got.Start != data.NewDate(2026, 2, 24) || got.End != data.NewDate(2026, 4, 9) {
		t.Errorf("short extension %v – %v", got.Start, got.End)
	}
	// A period longer than six months is cut to six.
	long := data.Agreement{ID: 1, Start: data.NewDate(2026, 1, 10), End: data.NewDate(2026, 12, 1)}
	if got := long.Extension(); got.End != data.NewDate(2027, 6, 1) {
		t.Errorf("long extension ends %v, want 2027-06-01", got.End)
	}
}
