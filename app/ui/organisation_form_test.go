package ui

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/demo"
)

func testLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 24))
	for x := 0; x < 60; x++ {
		for y := 0; y < 24; y++ {
			img.Set(x, y, color.RGBA{0, 120, 140, 255})
		}
	}
	var buf bytes.Buffer
	must(t, png.Encode(&buf, img))
	return buf.Bytes()
}

func TestAdministratorEditsEveryOrganisationField(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	m := newWindow(t, st)
	m.ShowSection(SectionSettings)
	s := m.screens[SectionSettings].(*settingsScreen)
	test.Tap(findButton(s.org, "Redigér organisation"))
	ed := s.orgForm
	if ed == nil {
		t.Fatal("Redigér organisation opened no form")
	}
	typeField(t, m, ed, "cvr", "1234")
	typeField(t, m, ed, "postcode", "47OO")
	typeField(t, m, ed, "hourly_rate", "550,555")
	typeField(t, m, ed, "email", "kontakt@")
	ed.byName["logo"].set(base64.StdEncoding.EncodeToString([]byte("no picture")))
	typeField(t, m, ed, "name", "")
	leaveTo(m, ed, "legal_basis")
	for field, want := range map[string]string{"cvr": "CVR-nummer", "postcode": "Postnummer", "hourly_rate": "Timepris",
		"email": "E-mail", "name": "Organisationens navn"} {
		if got := ed.message(field); !strings.Contains(got, want) {
			t.Errorf("%s: message %q, want one naming %s", field, got, want)
		}
	}
	m.env.keys.trigger(keySave)
	if ed.closed {
		t.Fatal("saved with problems")
	}
	for _, want := range []string{"CVR-nummer", "Postnummer", "Timepris", "E-mail", "Logo", "navn"} {
		if !strings.Contains(ed.general.Text, want) {
			t.Errorf("problem list lacks %q: %q", want, ed.general.Text)
		}
	}
	if ed.text("hourly_rate") != "550,555" || ed.text("cvr") != "1234" {
		t.Error("typed values lost")
	}
	capture(t, m, "organisation-form-fejl")

	logo := testLogo(t)
	typeField(t, m, ed, "name", "Broen Mentorservice ApS")
	typeField(t, m, ed, "cvr", "87654321")
	typeField(t, m, ed, "address", "Ringstedgade 10")
	typeField(t, m, ed, "postcode", "4700")
	typeField(t, m, ed, "city", "Næstved")
	typeField(t, m, ed, "phone", "55 77 88 99")
	typeField(t, m, ed, "email", "kontakt@broen.dk")
	ed.byName["logo"].set(base64.StdEncoding.EncodeToString(logo))
	ed.byName["jobcentre_label"].obj.(*widget.Select).SetSelected(data.LabelKommune)
	typeField(t, m, ed, "hourly_rate", "1.234,50")
	typeField(t, m, ed, "report_footer", "Broen · CVR 87654321 · Ringstedgade 10, 4700 Næstved")
	typeField(t, m, ed, "legal_basis", "Lov om en aktiv beskæftigelsesindsats, kapitel 26 (§§ 167–171)")
	typeField(t, m, ed, "complaint_guidance", "Du kan klage til kommunen inden 4 uger efter, at du har fået afgørelsen.")
	capture(t, m, "organisation-form")
	m.env.keys.trigger(keySave)
	if !ed.closed {
		t.Fatalf("not saved: %q", ed.general.Text)
	}
	o, err := st.Organisation(ctx)
	must(t, err)
	want := data.Organisation{Name: "Broen Mentorservice ApS", CVR: "87654321", Address: "Ringstedgade 10", Postcode: "4700",
		City: "Næstved", Phone: "55 77 88 99", Email: "kontakt@broen.dk", Logo: logo, JobcentreLabel: data.LabelKommune,
		HourlyRateOere: 123450, ReportFooter: "Broen · CVR 87654321 · Ringstedgade 10, 4700 Næstved",
		LegalBasis:        "Lov om en aktiv beskæftigelsesindsats, kapitel 26 (§§ 167–171)",
		ComplaintGuidance: "Du kan klage til kommunen inden 4 uger efter, at du har fået afgørelsen."}
	if !bytes.Equal(o.Logo, want.Logo) {
		t.Error("logo not stored")
	}
	o.Logo, want.Logo = nil, nil
	if o.Version < 2 {
		t.Errorf("version %d after the form's save, want it counted up", o.Version)
	}
	o.Version = 0 // counted by the store, not typed
	if !reflect.DeepEqual(o, want) {
		t.Fatalf("stored %+v\nwant   %+v", o, want)
	}
	assertShows(t, m, "1.234,50 kr.", "87654321", "Kommune")
}

func TestCoordinatorCannotEditTheOrganisation(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	loginAs(t, st, "koordinator", "demo-koordinator")
	m := newWindow(t, st)
	m.ShowSection(SectionSettings)
	s := m.screens[SectionSettings].(*settingsScreen)
	if findButton(s.org, "Redigér organisation") != nil {
		t.Error("a coordinator is offered Redigér organisation")
	}
	// The coordinator does edit mentors and municipalities.
	m.ShowSection(SectionMentors)
	if findButton(m.screens[SectionMentors].(*mentorsScreen).toolbar, "Ny mentor") == nil {
		t.Error("a coordinator is not offered Ny mentor")
	}
}

func TestMentorUserSeesNoRegistryButtons(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	must(t, demo.AddUsers(ctx, st))
	loginAs(t, st, "mentor", "demo-mentor-1234")
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	if len(s.toolbar.Objects) != 0 {
		t.Error("a mentor user is offered create or import")
	}
	m.env.keys.trigger(keyNew)
	if s.form != nil {
		t.Error("Ctrl+N opened a mentor form for a mentor user")
	}
}
