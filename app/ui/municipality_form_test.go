package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// cardOf finds the card of the named municipality on the screen.
func cardOf(t *testing.T, s *municipalitiesScreen, name string) *widget.Card {
	t.Helper()
	for _, o := range s.cards.Objects {
		if c, ok := o.(*widget.Card); ok && (c.Title == name || strings.HasPrefix(c.Title, name+" ")) {
			return c
		}
	}
	t.Fatalf("no card for %s", name)
	return nil
}

func cardTitles(s *municipalitiesScreen) []string {
	var out []string
	for _, o := range s.cards.Objects {
		if c, ok := o.(*widget.Card); ok {
			out = append(out, c.Title)
		}
	}
	return out
}

func TestMunicipalityAndCaseworkerFormsValidateSaveAndShowOnThePage(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionMunicipalities)
	s := m.screens[SectionMunicipalities].(*municipalitiesScreen)
	m.env.keys.trigger(keyNew)
	ed := s.form
	if ed == nil {
		t.Fatal("Ctrl+N opened no municipality form")
	}
	typeField(t, m, ed, "ean", "57980")
	typeField(t, m, ed, "secure_email", "jobcenter.aeroe.dk")
	leaveTo(m, ed, "address")
	for field, want := range map[string]string{"name": "Navn skal udfyldes.", "ean": "EAN-nummer skal bestå af 13 cifre.",
		"secure_email": "Sikker e-mail er ikke en gyldig e-mailadresse."} {
		if got := ed.message(field); got != want {
			t.Errorf("%s: message %q, want %q", field, got, want)
		}
	}
	m.env.keys.trigger(keySave)
	if ed.closed || !strings.Contains(ed.general.Text, "EAN-nummer") || ed.text("ean") != "57980" {
		t.Fatalf("saving with problems: closed %v, list %q", ed.closed, ed.general.Text)
	}
	typeField(t, m, ed, "name", "Ærø Kommune")
	typeField(t, m, ed, "address", "Statene 2, 5970 Ærøskøbing")
	typeField(t, m, ed, "ean", "5798000000099")
	typeField(t, m, ed, "secure_email", "jobcenter@aeroe.dk")
	m.env.keys.trigger(keySave)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	all, err := st.Municipalities(ctx, true)
	must(t, err)
	var aeroe data.Municipality
	for _, mu := range all {
		if mu.Name == "Ærø Kommune" {
			aeroe = mu
		}
	}
	if aeroe.EAN != "5798000000099" || aeroe.Address != "Statene 2, 5970 Ærøskøbing" || aeroe.SecureEmail != "jobcenter@aeroe.dk" {
		t.Fatalf("stored %+v", aeroe)
	}
	// Danish order: Ærø after Slagelse.
	if got := cardTitles(s); !slices.Equal(got, []string{"Næstved Kommune", "Slagelse Kommune", "Ærø Kommune"}) {
		t.Errorf("cards %v", got)
	}

	// A caseworker added from the municipality's page.
	test.Tap(findButton(cardOf(t, s, "Ærø Kommune"), "Ny sagsbehandler"))
	cw := s.form
	typeField(t, m, cw, "phone", "abc")
	typeField(t, m, cw, "email", "mette@aeroe")
	leaveTo(m, cw, "name")
	if !strings.Contains(cw.message("phone"), "Telefon") || !strings.Contains(cw.message("email"), "E-mail") {
		t.Errorf("caseworker messages: %q / %q", cw.message("phone"), cw.message("email"))
	}
	m.env.keys.trigger(keySave)
	if cw.closed {
		t.Fatal("caseworker saved with problems")
	}
	typeField(t, m, cw, "name", "Mette Højgård")
	typeField(t, m, cw, "phone", "62 52 10 00")
	typeField(t, m, cw, "email", "mette@aeroe.dk")
	m.env.keys.trigger(keySave)
	if !cw.closed {
		t.Fatalf("caseworker not saved: %q", cw.general.Text)
	}
	cws, err := st.Caseworkers(ctx, aeroe.ID)
	must(t, err)
	if len(cws) != 1 || cws[0].Name != "Mette Højgård" || cws[0].Email != "mette@aeroe.dk" || cws[0].Phone != "62 52 10 00" {
		t.Fatalf("caseworkers of Ærø: %+v", cws)
	}
	assertShows(t, m, "Mette Højgård", "62 52 10 00")

	// Searching by a caseworker's name finds the municipality.
	m.env.keys.trigger(keyFind)
	test.Type(s.search, "højgård")
	if got := cardTitles(s); !slices.Equal(got, []string{"Ærø Kommune"}) {
		t.Errorf("search højgård: %v", got)
	}
	s.search.SetText("lise holm")
	if got := cardTitles(s); !slices.Equal(got, []string{"Næstved Kommune"}) {
		t.Errorf("search lise holm: %v", got)
	}
	s.search.SetText("")

	// Editing the caseworker: marking her as left hides her by default.
	test.Tap(findButton(cardOf(t, s, "Ærø Kommune"), "Redigér"))
	cw = s.form
	if cw.kind != draftCaseworker || cw.text("name") != "Mette Højgård" {
		t.Fatalf("Redigér in the caseworker row opened %q with %q", cw.kind, cw.text("name"))
	}
	cw.byName["archived"].obj.(*widget.Check).SetChecked(true)
	m.env.keys.trigger(keySave)
	if cws, _ = st.Caseworkers(ctx, aeroe.ID); !cws[0].Archived {
		t.Fatal("the caseworker was not archived")
	}
	assertHides(t, m, "Mette Højgård")

	// Næstved has courses: archiving only; it is then hidden under Aktive.
	test.Tap(findButton(cardOf(t, s, "Næstved Kommune"), "Arkivér"))
	assertShows(t, m, "Arkivér kommune?")
	tapOverlay(t, m, "Ja", "Yes")
	n, err := st.Municipality(ctx, f.naestved.ID)
	must(t, err)
	if !n.Archived {
		t.Fatal("Næstved was not archived")
	}
	s.status.SetSelectedIndex(int(showActive))
	if slices.Contains(cardTitles(s), "Næstved Kommune") {
		t.Error("an archived municipality is shown under Aktive")
	}
	s.status.SetSelectedIndex(int(showArchived))
	if got := cardTitles(s); !slices.Equal(got, []string{"Næstved Kommune (arkiveret)"}) {
		t.Errorf("archived: %v", got)
	}
	test.Tap(findButton(cardOf(t, s, "Næstved Kommune"), "Genaktivér"))
	if n, _ = st.Municipality(ctx, f.naestved.ID); n.Archived {
		t.Error("Næstved was not reactivated")
	}

	// Ærø has no courses: it may be deleted with its caseworkers.
	test.Tap(findButton(cardOf(t, s, "Ærø Kommune"), "Arkivér"))
	tapOverlay(t, m, "Slet")
	if _, err := st.Municipality(ctx, aeroe.ID); err == nil {
		t.Error("Ærø was not deleted")
	}
}

func TestMunicipalityPageWithCaseworkersOnDemoData(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionMunicipalities)
	s := m.screens[SectionMunicipalities].(*municipalitiesScreen)
	ms, err := st.Municipalities(ctx, false)
	must(t, err)
	cws, err := st.Caseworkers(ctx, ms[0].ID)
	must(t, err)
	if len(cws) == 0 {
		t.Fatal("the demo municipality has no caseworkers")
	}
	// Narrow to the first municipality by one of its caseworkers.
	s.search.SetText(cws[0].Name)
	if got := cardTitles(s); !slices.Contains(got, ms[0].Name) {
		t.Fatalf("search %q: %v", cws[0].Name, got)
	}
	for _, c := range cws {
		if !c.Archived {
			assertShows(t, m, c.Name)
		}
	}
	assertShows(t, m, "Ny sagsbehandler", "Redigér", "Arkivér")
	capture(t, m, "kommune-side")
	test.Tap(findButton(cardOf(t, s, ms[0].Name), "Ny sagsbehandler"))
	capture(t, m, "sagsbehandler-form")
}
