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

// municipalityTestForm is a small form on the editor, as every form in the
// app builds one: fields, check, save.
func municipalityTestForm(m *MainWindow, saved *data.Municipality) *editor {
	ed := newEditor(m.env, m.store, "test_municipality", "new")
	ed.title = func() string { return "Kommune: " + ed.text("name") }
	ed.entry("name", "Navn", "")
	ed.entry("ean", "EAN-nummer", "")
	ed.entry("secure_email", "Sikker e-mail", "")
	ed.dateEntry("contract_start", "Kontraktstart", data.Date{})
	read := func() data.Municipality {
		return data.Municipality{Name: ed.text("name"), EAN: ed.text("ean"), SecureEmail: ed.text("secure_email")}
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		mu := read()
		if err := m.store.SaveMunicipality(ctx, &mu); err != nil {
			return err
		}
		*saved = mu
		return nil
	}
	return ed
}

func TestEditorValidatesLeftFieldsRefusesSaveAndKeepsWhatWasTyped(t *testing.T) {
	st := openStore(t)
	m := newWindow(t, st)
	var saved data.Municipality
	ed := municipalityTestForm(m, &saved)
	ed.showDialog("Ny kommune", fyne.NewSize(600, 480), nil)
	c := m.Window().Canvas()

	ean := ed.byName["ean"].obj.(*keyEntry)
	c.Focus(ean)
	test.Type(ean, "123")
	if got := ed.message("ean"); got != "" {
		t.Fatalf("message while typing: %q", got)
	}
	c.Focus(ed.byName["secure_email"].obj.(*keyEntry)) // leaves EAN
	if got := ed.message("ean"); !strings.Contains(got, "EAN-nummer") {
		t.Fatalf("EAN message after leaving the field = %q, want one naming EAN-nummer", got)
	}
	// The form opened with Navn focused and the user left it empty.
	if got := ed.message("name"); got != "Navn skal udfyldes." {
		t.Fatalf("name message = %q", got)
	}
	if got := ed.message("contract_start"); got != "" {
		t.Fatalf("a field never visited shows %q", got)
	}
	c.Focus(ed.byName["contract_start"].obj.(*keyEntry))
	test.Type(ed.byName["contract_start"].obj.(*keyEntry), "31-02-2026")
	c.Focus(ean)
	if got := ed.message("contract_start"); !strings.Contains(got, "Kontraktstart") {
		t.Fatalf("date message = %q", got)
	}

	// Ctrl+S typed into a field: refused, every problem listed, values stay.
	ean.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if saved.ID != 0 {
		t.Fatal("saved despite problems")
	}
	if !strings.Contains(ed.general.Text, "Navn") || !strings.Contains(ed.general.Text, "EAN") {
		t.Fatalf("problem list = %q", ed.general.Text)
	}
	if ean.Text != "123" || ed.text("contract_start") != "31-02-2026" {
		t.Fatal("typed values were lost")
	}
	capture(t, m, "editor-fejl")

	// Fix and save with Ctrl+S on the canvas (no entry focused).
	test.Type(ed.byName["name"].obj.(*keyEntry), "Næstved Kommune")
	ean.SetText("5798000000001")
	ed.byName["contract_start"].obj.(*keyEntry).SetText("01-02-2026")
	c.Unfocus()
	if !m.env.keys.trigger(keySave) {
		t.Fatal("Ctrl+S reached no form")
	}
	if saved.ID == 0 {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	got, err := st.Municipality(context.Background(), saved.ID)
	if err != nil || got.Name != "Næstved Kommune" || got.EAN != "5798000000001" {
		t.Fatalf("stored %+v, %v", got, err)
	}
	if m.env.keys.trigger(keySave) {
		t.Fatal("the closed form still takes Ctrl+S")
	}
}

func TestEditorDraftSurvivesClosingTheWindowAndIsOfferedAfterRestart(t *testing.T) {
	st := openStore(t)
	m := newWindow(t, st)
	var saved data.Municipality
	ed := municipalityTestForm(m, &saved)
	ed.showDialog("Ny kommune", fyne.NewSize(600, 480), nil)
	test.Type(ed.byName["name"].obj.(*keyEntry), "Ærø Kommune")
	ed.keepDraft() // what the timer does every few seconds
	drafts, err := st.Drafts(context.Background())
	if err != nil || len(drafts) != 1 || drafts[0].Title != "Kommune: Ærø Kommune" {
		t.Fatalf("drafts after typing: %+v, %v", drafts, err)
	}
	test.Type(ed.byName["ean"].obj.(*keyEntry), "579")
	m.closeRequested() // the user closes Mentorbog with the form open

	// A new window on the same database offers the draft; restoring puts
	// every typed value back.
	m2 := newWindow(t, st)
	var restored *editor
	m2.restorers["test_municipality"] = func(d data.Draft) {
		restored = municipalityTestForm(m2, &saved)
		must(t, restored.restore(d.Payload))
		restored.showDialog("Ny kommune", fyne.NewSize(600, 480), nil)
	}
	m2.OfferDrafts()
	assertShows(t, m2, "Ikke-gemte kladder", "Kommune: Ærø Kommune", "Gendan")
	capture(t, m2, "kladde-tilbud")
	tapOverlay(t, m2, "Gendan")
	if restored == nil || restored.text("name") != "Ærø Kommune" || restored.text("ean") != "579" {
		t.Fatalf("restored values: %+v", restored)
	}

	// Esc with changes asks; confirming discards the draft.
	m2.env.keys.trigger(keyCancel)
	assertShows(t, m2, "Kassér ændringer?")
	tapOverlay(t, m2, "Ja", "Yes")
	if d, _ := st.Drafts(context.Background()); len(d) != 0 {
		t.Fatalf("draft kept after discarding: %+v", d)
	}
}

// tapOverlay taps the first button with one of the texts in the topmost
// dialog, failing the test when there is none.
func tapOverlay(t *testing.T, m *MainWindow, texts ...string) {
	t.Helper()
	top := m.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", texts)
	}
	for _, text := range texts {
		if b := findButton(top, text); b != nil {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the dialog has no button %q", texts)
}

// keyedScreen is a section with its own Ctrl+N.
type keyedScreen struct {
	widget.Label
	created int
}

func (k *keyedScreen) view() fyne.CanvasObject        { return &k.Label }
func (k *keyedScreen) load(ctx context.Context) error { return nil }
func (k *keyedScreen) keys() map[string]func() {
	return map[string]func(){keyNew: func() { k.created++ }}
}

func TestSectionKeysFollowTheSectionOnScreenAndFormsComeFirst(t *testing.T) {
	st := openStore(t)
	m := newWindow(t, st)
	ks := &keyedScreen{}
	m.screens[SectionMentors] = ks
	m.ShowSection(SectionMentors)
	search := newKeyEntry(m.env.keys)
	search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	if ks.created != 1 {
		t.Fatalf("Ctrl+N in a search field created %d", ks.created)
	}
	m.ShowSection(SectionOverview)
	m.env.keys.trigger(keyNew)
	if ks.created != 1 {
		t.Fatal("Ctrl+N reached a section no longer on screen")
	}
	m.ShowSection(SectionMentors)
	var saved data.Municipality
	ed := municipalityTestForm(m, &saved)
	ed.showDialog("Ny kommune", fyne.NewSize(600, 480), nil)
	if m.env.keys.trigger(keyNew); ks.created != 1 {
		t.Fatal("Ctrl+N passed through an open form")
	}
	if m.env.keys.trigger(keyCancel); !ed.closed {
		t.Fatal("Esc did not close the unchanged form")
	}
	m.env.keys.trigger(keyNew)
	if ks.created != 2 {
		t.Fatalf("after the form closed, Ctrl+N created %d", ks.created)
	}
}

func TestEditorProblemListFollowsTheFixesAfterARefusedSave(t *testing.T) {
	st := openStore(t)
	m := newWindow(t, st)
	var saved data.Municipality
	ed := municipalityTestForm(m, &saved)
	// The store refuses a name the checks cannot know is taken.
	storeSave := ed.save
	ed.save = func(ctx context.Context) error {
		if ed.text("name") == "Næstved Kommune" {
			return data.Problems{{Field: "name", Message: "Navnet findes allerede."}}
		}
		return storeSave(ctx)
	}
	ed.showDialog("Ny kommune", fyne.NewSize(600, 480), nil)
	c := m.Window().Canvas()
	name, ean := ed.byName["name"].obj.(*keyEntry), ed.byName["ean"].obj.(*keyEntry)
	test.Type(ean, "123")
	m.env.keys.trigger(keySave)
	if !ed.general.Visible() || !strings.Contains(ed.general.Text, "Navn skal udfyldes") || !strings.Contains(ed.general.Text, "EAN") {
		t.Fatalf("problem list after the refused save: %q", ed.general.Text)
	}

	// Fixing the name and leaving it takes it off the list; EAN stays.
	c.Focus(name)
	test.Type(name, "Næstved Kommune")
	c.Focus(ean)
	if strings.Contains(ed.general.Text, "Navn") || !strings.Contains(ed.general.Text, "EAN") {
		t.Fatalf("after fixing the name: %q", ed.general.Text)
	}
	capture(t, m, "editor-liste-opdateret")
	ean.SetText("5798000000001")
	c.Focus(name) // leaves EAN: nothing blocks any more
	if ed.general.Visible() {
		t.Fatalf("the list stays with nothing to fix: %q", ed.general.Text)
	}

	// The store refuses the name: listed until the name changes.
	m.env.keys.trigger(keySave)
	if !strings.Contains(ed.general.Text, "Navnet findes allerede") || ed.closed {
		t.Fatalf("the store's refusal is not listed: %q", ed.general.Text)
	}
	c.Focus(ean)
	c.Focus(name) // leaving fields without changing the name keeps it
	if !strings.Contains(ed.general.Text, "Navnet findes allerede") || ed.message("name") != "Navnet findes allerede." {
		t.Fatalf("the store's refusal went without a change: list %q, field %q", ed.general.Text, ed.message("name"))
	}
	name.SetText("Næstved Kommune Nord")
	c.Focus(ean)
	if ed.general.Visible() {
		t.Fatalf("the list stays after changing the refused name: %q", ed.general.Text)
	}
	m.env.keys.trigger(keySave)
	if saved.ID == 0 || !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
}
