package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mentorbog/data"
)

// TestAgreementFormRefusesSavingOverAnotherUsersChange: Anne has the
// agreement open while Mette, on another PC, saves a change to it. Anne's
// Ctrl+S is refused with a message naming Mette; everything Anne typed is
// still in the form and Mette's change is not overwritten. "Vis den nye
// version" shows what Mette changed, and after bringing it into the form
// Anne saves again on top of Mette's version.
func TestAgreementFormRefusesSavingOverAnotherUsersChange(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	_, err := st.Setup(ctx, data.User{Username: adminUser, DisplayName: adminName}, adminPassword)
	must(t, err)
	must(t, st.SaveUser(ctx, &data.User{Username: "mette", DisplayName: "Mette Hansen", Role: data.RoleCoordinator}, "mettes lange kode"))

	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	s.open(f.anna.ID)
	list, err := st.Agreements(ctx, f.annaCourse.ID, data.Date{})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("Anna's agreements: %+v", list)
	}
	opened := list[0]
	s.editAgreement(f.annaCourse, opened)
	ed := s.form
	if ed.text("goal") != "Komme i praktik" {
		t.Fatalf("the form opened with goal %q", ed.text("goal"))
	}

	// Mette saves a new goal behind Anne's back (the same store, logged in
	// as Mette for the moment, as if on her own PC).
	st.Lock()
	_, err = st.Login(ctx, "mette", "mettes lange kode")
	must(t, err)
	byMette, err := st.Agreement(ctx, opened.ID)
	must(t, err)
	byMette.Goal = "Fast job i detailhandlen"
	must(t, st.SaveAgreement(ctx, &byMette))
	st.Lock()
	_, err = st.Login(ctx, adminUser, adminPassword)
	must(t, err)

	typeIn(t, m, ed, "tasks", "Følge til jobsamtaler hver uge")
	ctrlS(ed, m)
	if ed.closed {
		t.Fatal("the form closed: Anne's save went over Mette's change")
	}
	if msg := ed.general.Text; !strings.Contains(msg, "Mentoraftalen er ændret af Mette Hansen") ||
		!strings.Contains(msg, "Dine ændringer står stadig på skærmen") {
		t.Fatalf("message after the refused save: %q", msg)
	}
	assertShows(t, m, "Mentoraftalen er ændret af Mette Hansen")
	if got := ed.text("tasks"); got != "Følge til jobsamtaler hver uge" {
		t.Fatalf("typed tasks after the refused save: %q", got)
	}
	stored, err := st.Agreement(ctx, opened.ID)
	must(t, err)
	if stored.Goal != "Fast job i detailhandlen" || stored.Tasks != "Struktur i hverdagen" || stored.Version != opened.Version+1 {
		t.Fatalf("stored after the refused save: goal %q tasks %q version %d", stored.Goal, stored.Tasks, stored.Version)
	}

	// What changed is shown field by field.
	if ed.conflict == nil || !ed.conflict.Visible() {
		t.Fatal("no way to see the new version")
	}
	var goalDiff []string
	for _, d := range ed.conflictDifferences() {
		if d[0] == "Mål med støtten" {
			goalDiff = d[1:]
		}
	}
	if len(goalDiff) != 2 || goalDiff[0] != "Fast job i detailhandlen" || goalDiff[1] != "Komme i praktik" {
		t.Fatalf("goal difference %v", goalDiff)
	}
	capture(t, m, "konflikt-aftale")
	test.Tap(findButton(ed.conflict, "Vis den nye version"))
	assertShows(t, m, "Gemt nu: Fast job i detailhandlen", "I formularen: Komme i praktik")
	capture(t, m, "konflikt-ny-version")
	if over := m.Window().Canvas().Overlays().Top(); over != nil {
		m.Window().Canvas().Overlays().Remove(over)
	}

	// Anne keeps Mette's goal and saves again: on top of Mette's version.
	typeIn(t, m, ed, "goal", "Fast job i detailhandlen")
	ctrlS(ed, m)
	if !ed.closed {
		t.Fatalf("saving again after the conflict: %q", ed.general.Text)
	}
	final, err := st.Agreement(ctx, opened.ID)
	must(t, err)
	if final.Goal != "Fast job i detailhandlen" || final.Tasks != "Følge til jobsamtaler hver uge" || final.Version != opened.Version+2 {
		t.Fatalf("after saving again: goal %q tasks %q version %d", final.Goal, final.Tasks, final.Version)
	}
}
