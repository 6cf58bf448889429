package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// citizensWindow is the fixture organisation with Borgere on screen.
func citizensWindow(t *testing.T) (*MainWindow, *citizensScreen, fixture, data.Store) {
	t.Helper()
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	return m, m.screens[SectionCitizens].(*citizensScreen), f, st
}

// fieldEntry is the entry of a form field, also when the field shows more
// than the entry (the CPR field has a button under it).
func fieldEntry(t *testing.T, ed *editor, name string) *keyEntry {
	t.Helper()
	f, ok := ed.byName[name]
	if !ok {
		t.Fatalf("the form has no field %q", name)
	}
	e, ok := f.focus.(*keyEntry)
	if !ok {
		t.Fatalf("field %q is not an entry", name)
	}
	return e
}

func fieldSelect(t *testing.T, ed *editor, name string) *widget.Select {
	t.Helper()
	s, ok := ed.byName[name].obj.(*widget.Select)
	if !ok {
		t.Fatalf("field %q is not a drop-down", name)
	}
	return s
}

// typeIn focuses a field, replaces its text by typing, and leaves it by
// focusing the form's first field (or the second when it is the first).
func typeIn(t *testing.T, m *MainWindow, ed *editor, name, text string) {
	t.Helper()
	e := fieldEntry(t, ed, name)
	c := m.Window().Canvas()
	c.Focus(e)
	e.SetText("")
	test.Type(e, text)
	other := ed.fields[0]
	if other.name == name {
		other = ed.fields[1]
	}
	if other.focus != nil {
		c.Focus(other.focus)
	} else {
		c.Unfocus()
	}
}

func ctrlS(ed *editor, m *MainWindow) {
	fieldEntryOrCanvas(ed, m).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
}

func fieldEntryOrCanvas(ed *editor, m *MainWindow) interface{ TypedShortcut(fyne.Shortcut) } {
	for _, f := range ed.fields {
		if e, ok := f.focus.(*keyEntry); ok {
			return e
		}
	}
	return nil
}

func TestCitizenFormValidatesRefusesDuplicateCPRAndOnlyWarnsOnModulus11(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	if !m.env.keys.trigger(keyNew) {
		t.Fatal("Ctrl+N on Borgere opened nothing")
	}
	ed := s.form
	if ed == nil || ed.kind != draftCitizen {
		t.Fatalf("Ctrl+N opened %+v", ed)
	}
	typeIn(t, m, ed, "email", "ikke-en-adresse")
	typeIn(t, m, ed, "postcode", "47")
	if got := ed.message("email"); !strings.Contains(got, "E-mail") {
		t.Errorf("e-mail message after leaving it: %q", got)
	}
	if got := ed.message("postcode"); !strings.Contains(got, "Postnummer") {
		t.Errorf("postcode message: %q", got)
	}
	typeIn(t, m, ed, "needs", "angst, gæld")
	ctrlS(ed, m)
	if !strings.Contains(ed.general.Text, "Navn skal udfyldes.") || !strings.Contains(ed.general.Text, "E-mail") {
		t.Fatalf("problem list = %q", ed.general.Text)
	}
	if fieldEntry(t, ed, "email").Text != "ikke-en-adresse" || fieldEntry(t, ed, "needs").Text != "angst, gæld" {
		t.Fatal("typed values were lost when saving was refused")
	}
	all, _ := st.Citizens(ctx, true)
	if len(all) != 6 {
		t.Fatalf("saved despite problems: %d citizens", len(all))
	}

	// Fix the fields but type Anna's CPR number: refused, with a link to her.
	typeIn(t, m, ed, "name", "Zenia Åberg")
	typeIn(t, m, ed, "email", "zenia@example.dk")
	typeIn(t, m, ed, "postcode", "4700")
	typeIn(t, m, ed, "cpr", "010190-1234")
	ctrlS(ed, m)
	if got := ed.message("cpr"); !strings.Contains(got, "Anna Bøgh er allerede registreret") {
		t.Fatalf("duplicate CPR message = %q", got)
	}
	link := findButton(ed.byName["cpr"].obj, "Åbn Anna Bøgh")
	if link == nil || !link.Visible() {
		t.Fatal("no link to the existing citizen")
	}
	capture(t, m, "borger-dublet-cpr")

	// A number that fails modulus 11 only warns; the citizen is saved.
	typeIn(t, m, ed, "cpr", "150385-4322")
	if got := ed.message("cpr"); !strings.HasPrefix(got, "Bemærk:") {
		t.Fatalf("modulus 11 message = %q, want a warning", got)
	}
	fieldSelect(t, ed, "target_group").SetSelected("Integrationsprogrammet")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	saved, err := st.(citizenCPRFinder).CitizenIDByCPR(ctx, "1503854322", 0)
	must(t, err)
	c, err := st.Citizen(ctx, saved)
	must(t, err)
	if c.Name != "Zenia Åberg" || c.Email != "zenia@example.dk" || c.TargetGroup != "integration" || strings.Join(c.Needs, "|") != "angst|gæld" {
		t.Fatalf("stored %+v", c)
	}
	if s.page == nil || s.page.citizen.ID != c.ID {
		t.Fatal("the new citizen's page is not shown after saving")
	}

	// The link opens the existing citizen and keeps what was typed as a draft.
	m.env.keys.trigger(keyNew)
	ed = s.form
	typeIn(t, m, ed, "name", "Dublet")
	typeIn(t, m, ed, "cpr", "0101901234")
	ctrlS(ed, m)
	tap(findButton(ed.byName["cpr"].obj, "Åbn Anna Bøgh"))
	if s.selected != f.anna.ID || !ed.closed {
		t.Fatalf("the link showed %d, want Anna %d", s.selected, f.anna.ID)
	}
	if d, _ := st.Drafts(ctx); len(d) != 1 || d[0].Title != "Borger: Dublet" {
		t.Fatalf("drafts after following the link: %+v", d)
	}
}

func TestCitizenDraftSurvivesClosingTheWindowAndRestart(t *testing.T) {
	m, s, _, st := citizensWindow(t)
	m.env.keys.trigger(keyNew)
	ed := s.form
	typeIn(t, m, ed, "name", "Øjvind Ærbø")
	typeIn(t, m, ed, "phone", "20 30 40 99")
	fieldEntry(t, ed, "profile_what_works").SetText("Gåture ved havnen")
	ed.keepDraft()
	m.closeRequested()

	m2 := newWindow(t, st)
	m2.OfferDrafts()
	assertShows(t, m2, "Ikke-gemte kladder", "Borger: Øjvind Ærbø")
	tapOverlay(t, m2, "Gendan")
	s2 := m2.screens[SectionCitizens].(*citizensScreen)
	r := s2.form
	if r == nil || r.text("name") != "Øjvind Ærbø" || r.text("phone") != "20 30 40 99" || r.text("profile_what_works") != "Gåture ved havnen" {
		t.Fatalf("restored form: %+v", r)
	}
	ctrlS(r, m2)
	if !r.closed {
		t.Fatalf("restored form not saved: %q", r.general.Text)
	}
	if d, _ := st.Drafts(context.Background()); len(d) != 0 {
		t.Errorf("draft kept after saving: %+v", d)
	}
	all, _ := st.Citizens(context.Background(), false)
	found := false
	for _, c := range all {
		found = found || c.Name == "Øjvind Ærbø" && c.Phone == "20 30 40 99"
	}
	if !found {
		t.Error("the restored citizen was not stored")
	}
}

func TestCitizenListDanishOrderSearchKeysAndArchive(t *testing.T) {
	m, s, f, st := citizensWindow(t)
	ctx := context.Background()
	for i, name := range []string{"Åse Zangenberg", "Zenia Holm", "Æble Hansen", "Aage Olsen"} {
		c := citizen(t, st, name, "010180100"+string(rune('1'+i)), "", false)
		course(t, st, c, f.naestved, f.karen, data.CourseActive)
	}
	s.env.showError(s.load(ctx))
	var names []string
	for _, r := range s.shown {
		names = append(names, r.citizen.Name)
	}
	// Z before Æ, Ø, Å; "Aa" sorts as Å, after Å-names starting "Ås".
	want := []string{"Anna Bøgh", "Erik Berg", "Fatima Hassan", "Zenia Holm", "Æble Hansen", "Ømer Yilmaz", "Aage Olsen", "Åse Zangenberg"}
	if !equal(names, want) {
		t.Errorf("order %v\nwant  %v", names, want)
	}
	// Ctrl+F puts the cursor in the search field from anywhere in the section.
	m.Window().Canvas().Unfocus()
	m.env.keys.trigger(keyFind)
	if m.Window().Canvas().Focused() != s.search {
		t.Fatal("Ctrl+F did not focus the search field")
	}
	test.Type(s.search, "ZEN")
	if len(s.shown) != 1 || s.shown[0].citizen.Name != "Zenia Holm" {
		t.Errorf("search ZEN shows %d rows", len(s.shown))
	}
	s.search.SetText("")

	// Archiving hides the citizen until "Vis arkiverede" is ticked.
	s.open(f.fatima.ID)
	tap(findButton(s.details, "Arkivér"))
	c, _ := st.Citizen(ctx, f.fatima.ID)
	if !c.Archived {
		t.Fatal("Arkivér did not archive")
	}
	s.archived.SetChecked(false)
	if containsRow(s.shown, f.fatima.ID) {
		t.Error("an archived citizen is listed without Vis arkiverede")
	}
	s.archived.SetChecked(true)
	if !containsRow(s.shown, f.fatima.ID) {
		t.Error("Vis arkiverede does not show the archived citizen")
	}
}
