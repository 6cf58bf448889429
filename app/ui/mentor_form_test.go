package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// typeField focuses a field of the form and types into it, as a user would.
func typeField(t *testing.T, m *MainWindow, ed *editor, name, text string) {
	t.Helper()
	f, ok := ed.byName[name]
	if !ok {
		t.Fatalf("the form has no field %q", name)
	}
	e, ok := f.obj.(*keyEntry)
	if !ok {
		t.Fatalf("field %q is no entry", name)
	}
	m.Window().Canvas().Focus(e)
	e.SetText("")
	test.Type(e, text)
}

// leaveTo moves the focus to another field: the one left shows its message.
func leaveTo(m *MainWindow, ed *editor, name string) {
	if f, ok := ed.byName[name]; ok && f.focus != nil {
		m.Window().Canvas().Focus(f.focus)
	}
}

func pressCtrlS(ed *editor, field string) {
	ed.byName[field].obj.(*keyEntry).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
}

func listedMentorNames(s *mentorsScreen) []string {
	var names []string
	for _, r := range s.shown {
		names = append(names, r.mentor.Name)
	}
	return names
}

func TestMentorFormValidatesTypedFieldsRefusesSaveThenSavesEveryField(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	m.Window().Canvas().Focus(s.search)
	s.search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	ed := s.form
	if ed == nil {
		t.Fatal("Ctrl+N in the search field opened no mentor form")
	}

	typeField(t, m, ed, "phone", "20 30 4x")
	leaveTo(m, ed, "email")
	if got := ed.message("phone"); !strings.Contains(got, "Telefon") {
		t.Errorf("phone message %q", got)
	}
	if got := ed.message("name"); got != "Navn skal udfyldes." {
		t.Errorf("name (focused first, left empty) message %q", got)
	}
	typeField(t, m, ed, "email", "karen@broen")
	typeField(t, m, ed, "capacity", "mange")
	if got := ed.message("email"); !strings.Contains(got, "E-mail") {
		t.Errorf("e-mail message %q", got)
	}
	leaveTo(m, ed, "name")
	if got := ed.message("capacity"); !strings.Contains(got, "Kapacitet") {
		t.Errorf("capacity message %q", got)
	}
	pressCtrlS(ed, "name")
	for _, want := range []string{"Der er ikke gemt", "Navn", "Telefon", "E-mail", "Kapacitet"} {
		if !strings.Contains(ed.general.Text, want) {
			t.Errorf("problem list lacks %q: %q", want, ed.general.Text)
		}
	}
	if ed.text("phone") != "20 30 4x" || ed.text("email") != "karen@broen" || ed.text("capacity") != "mange" {
		t.Error("typed values were lost when saving was refused")
	}
	capture(t, m, "mentor-form-fejl")

	typeField(t, m, ed, "name", "Åse Ærbø")
	ed.byName["kind"].obj.(*widget.Select).SetSelected("Frivillig")
	typeField(t, m, ed, "phone", "+45 20 30 40 50")
	typeField(t, m, ed, "email", "aase@broen.dk")
	typeField(t, m, ed, "qualifications", "Socialrådgiver, 10 års erfaring med unge")
	typeField(t, m, ed, "languages", "dansk, tyrkisk")
	typeField(t, m, ed, "competences", "angst; misbrug")
	typeField(t, m, ed, "capacity", "7,5")
	pressCtrlS(ed, "capacity")
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	mentors, err := st.Mentors(ctx, true)
	must(t, err)
	var saved data.Mentor
	for _, mt := range mentors {
		if mt.Name == "Åse Ærbø" {
			saved = mt
		}
	}
	want := data.Mentor{ID: saved.ID, Name: "Åse Ærbø", Phone: "+45 20 30 40 50", Email: "aase@broen.dk", Kind: data.MentorVolunteer,
		Qualifications: "Socialrådgiver, 10 års erfaring med unge", Languages: []string{"dansk", "tyrkisk"},
		Competences: []string{"angst", "misbrug"}, WeeklyCapacityMin: 450}
	if saved.ID == 0 || !mentorsEqual(saved, want) {
		t.Fatalf("stored %+v\nwant   %+v", saved, want)
	}
	if s.selected != saved.ID {
		t.Error("the new mentor is not selected in the list")
	}
	assertShows(t, m, "Åse Ærbø", "7,5 t/uge", "Socialrådgiver, 10 års erfaring med unge")

	// Editing: the form opens with the stored values; a change is stored.
	test.Tap(findButton(s.details, "Redigér"))
	ed = s.form
	if ed.text("capacity") != "7,5" || ed.text("kind") != "Frivillig" || ed.text("languages") != "dansk, tyrkisk" {
		t.Fatalf("edit form shows capacity %q kind %q languages %q", ed.text("capacity"), ed.text("kind"), ed.text("languages"))
	}
	typeField(t, m, ed, "capacity", "12")
	m.env.keys.trigger(keySave)
	got, err := st.Mentor(ctx, saved.ID)
	must(t, err)
	if got.WeeklyCapacityMin != 12*60 {
		t.Errorf("edited capacity %d min", got.WeeklyCapacityMin)
	}
}

func mentorsEqual(a, b data.Mentor) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Phone == b.Phone && a.Email == b.Email && a.Kind == b.Kind &&
		a.Qualifications == b.Qualifications && slices.Equal(a.Languages, b.Languages) &&
		slices.Equal(a.Competences, b.Competences) && a.WeeklyCapacityMin == b.WeeklyCapacityMin && a.Archived == b.Archived
}

func TestMentorListSearchesSortsDanishAndHidesArchived(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	ctx := context.Background()
	for _, name := range []string{"Ølstykke Per", "Zenia Holm", "Aage Bruun", "Æbelø Lis", "Anders Bak"} {
		mt := data.Mentor{Name: name, Kind: data.MentorEmployed, Phone: "40 40 40 40"}
		must(t, st.SaveMentor(ctx, &mt))
	}
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	names := listedMentorNames(s)
	// Danish order: Æ, Ø, Å after Z, and "Aa" is sorted as Å.
	want := []string{"Anders Bak", "Bo Andersen", "Karen Østergaard", "Zenia Holm", "Æbelø Lis", "Ølstykke Per", "Aage Bruun"}
	if !slices.Equal(names, want) {
		t.Errorf("order %v\nwant  %v", names, want)
	}
	if slices.Contains(names, "Gitte Pension") {
		t.Error("an archived mentor is listed by default")
	}

	m.env.keys.trigger(keyFind)
	if m.Window().Canvas().Focused() != s.search {
		t.Error("Ctrl+F did not focus the search field")
	}
	test.Type(s.search, "østergaard")
	if got := listedMentorNames(s); !slices.Equal(got, []string{"Karen Østergaard"}) {
		t.Errorf("search østergaard: %v", got)
	}
	s.search.SetText("40404040") // a phone number typed without spaces
	if got := listedMentorNames(s); len(got) != 5 {
		t.Errorf("search by phone: %v", got)
	}
	s.search.SetText("")
	s.status.SetSelectedIndex(int(showArchived))
	if got := listedMentorNames(s); !slices.Equal(got, []string{"Gitte Pension"}) {
		t.Errorf("archived only: %v", got)
	}
	s.status.SetSelectedIndex(int(showAll))
	if got := listedMentorNames(s); len(got) != 8 {
		t.Errorf("all: %v", got)
	}
}

func TestMentorArchiveUnarchiveAndDeleteWithoutHistory(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	typo := data.Mentor{Name: "Tastefejl", Kind: data.MentorEmployed}
	must(t, st.SaveMentor(ctx, &typo))
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	pick := func(id data.ID) {
		t.Helper()
		for i, r := range s.shown {
			if r.mentor.ID == id {
				s.list.Select(i)
				return
			}
		}
		t.Fatalf("mentor %d is not listed", id)
	}

	// Bo has courses: he can only be archived.
	pick(f.bo.ID)
	test.Tap(findButton(s.details, "Arkivér"))
	assertShows(t, m, "Arkivér mentor?")
	assertHides(t, m, "kan også slettes")
	tapOverlay(t, m, "Ja", "Yes")
	bo, err := st.Mentor(ctx, f.bo.ID)
	must(t, err)
	if !bo.Archived {
		t.Fatal("Bo was not archived")
	}
	if !slices.Contains(listedMentorNames(s), "Bo Andersen") || s.status.SelectedIndex() != int(showAll) {
		t.Error("the archived mentor vanished from the screen the user is working on")
	}
	assertShows(t, m, "Bo Andersen (arkiveret)")
	s.status.SetSelectedIndex(int(showActive))
	if slices.Contains(listedMentorNames(s), "Bo Andersen") {
		t.Error("an archived mentor is listed under Aktive")
	}
	s.status.SetSelectedIndex(int(showArchived))
	pick(f.bo.ID)
	test.Tap(findButton(s.details, "Genaktivér"))
	if bo, _ = st.Mentor(ctx, f.bo.ID); bo.Archived {
		t.Fatal("Bo was not reactivated")
	}

	// A mentor without history may be deleted.
	s.status.SetSelectedIndex(int(showActive))
	pick(typo.ID)
	test.Tap(findButton(s.details, "Arkivér"))
	assertShows(t, m, "kan også slettes helt")
	tapOverlay(t, m, "Slet")
	if _, err := st.Mentor(ctx, typo.ID); err == nil {
		t.Fatal("the mentor without history was not deleted")
	}
	if slices.Contains(listedMentorNames(s), "Tastefejl") {
		t.Error("the deleted mentor is still listed")
	}
	if err := st.DeleteMentor(ctx, f.karen.ID); err == nil || !strings.Contains(err.Error(), "historik") {
		t.Errorf("deleting Karen, who has courses: %v", err)
	}
}

func TestMentorDraftSurvivesWindowCloseAndRestart(t *testing.T) {
	st := demoStore(t)
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	s.create()
	ed := s.form
	typeField(t, m, ed, "name", "Søren Åkjær")
	typeField(t, m, ed, "capacity", "12,5")
	ed.byName["kind"].obj.(*widget.Select).SetSelected("Frivillig")
	m.closeRequested() // the window closes with the form open and unsaved

	m2 := newWindow(t, st)
	m2.OfferDrafts()
	assertShows(t, m2, "Ikke-gemte kladder", "Mentor: Søren Åkjær")
	tapOverlay(t, m2, "Gendan")
	top := m2.Window().Canvas().Overlays().Top()
	if top == nil || findButton(top, "Gem") == nil {
		t.Fatal("restoring opened no form")
	}
	if b := findButton(top, "Gem"); b != nil {
		// Save the restored form with Ctrl+S: the mentor is stored and the draft gone.
		m2.env.keys.trigger(keySave)
	}
	mentors, err := st.Mentors(context.Background(), true)
	must(t, err)
	found := false
	for _, mt := range mentors {
		if mt.Name == "Søren Åkjær" && mt.WeeklyCapacityMin == 750 && mt.Kind == data.MentorVolunteer {
			found = true
		}
	}
	if !found {
		t.Fatal("the restored mentor was not saved with its typed values")
	}
	if d, _ := st.Drafts(context.Background()); len(d) != 0 {
		t.Errorf("drafts left after saving: %+v", d)
	}
}
