package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"mentorbog/data"
)

// municipalityFormStore is what the municipality and caseworker forms need.
type municipalityFormStore interface {
	Municipality(ctx context.Context, id data.ID) (data.Municipality, error)
	SaveMunicipality(ctx context.Context, m *data.Municipality) error
	Caseworkers(ctx context.Context, municipalityID data.ID) ([]data.Caseworker, error)
	SaveCaseworker(ctx context.Context, c *data.Caseworker) error
	data.DraftStore
}

// municipalityEditor builds the form for m (ID 0: a new municipality).
// Archived has its own buttons on the municipality's page.
func municipalityEditor(e env, st municipalityFormStore, m data.Municipality, saved func(data.Municipality)) *editor {
	ed := newEditor(e, st, draftMunicipality, recordKey(m.ID))
	ed.title = func() string {
		return lang.X("municipalities.draft_title", "Kommune: {{.Name}}", map[string]string{"Name": orDash(ed.text("name"))})
	}
	ed.entry("name", lang.X("field.name", "Navn"), m.Name).SetPlaceHolder(lang.X("municipalities.name_hint", "fx Næstved Kommune"))
	ed.multiline("address", lang.X("field.address", "Adresse"), m.Address, 2)
	ed.entry("ean", lang.X("field.ean", "EAN-nummer"), m.EAN).SetPlaceHolder(lang.X("municipalities.ean_hint", "13 cifre – bruges på fakturaer"))
	ed.entry("secure_email", lang.X("field.secure_email", "Sikker e-mail"), m.SecureEmail).
		SetPlaceHolder(lang.X("municipalities.secure_email_hint", "Til rapporter med personoplysninger"))
	// How often the municipality wants a status report; empty means the
	// default, so most coordinators never touch it.
	every := ""
	if m.ReportEveryWeeks > 0 {
		every = strconv.Itoa(m.ReportEveryWeeks)
	}
	weeksLabel := lang.X("municipalities.report_every", "Statusrapport hver (uger)")
	ed.entry("report_every_weeks", weeksLabel, every).SetPlaceHolder(
		lang.X("municipalities.report_every_hint", "Tom: hver {{.N}}. uge", map[string]int{"N": data.DefaultReportEveryWeeks}))
	ed.byName["report_every_weeks"].parse = func() string {
		if t := strings.TrimSpace(ed.text("report_every_weeks")); t != "" {
			if _, err := strconv.Atoi(t); err != nil {
				return lang.X("municipalities.report_every_bad", "{{.Field}}: skriv et helt antal uger, fx 6.", map[string]string{"Field": weeksLabel})
			}
		}
		return ""
	}
	read := func() data.Municipality {
		r := m
		r.Name = strings.TrimSpace(ed.text("name"))
		r.Address = strings.TrimSpace(ed.text("address"))
		r.EAN = strings.TrimSpace(ed.text("ean"))
		r.SecureEmail = strings.TrimSpace(ed.text("secure_email"))
		r.ReportEveryWeeks, _ = strconv.Atoi(strings.TrimSpace(ed.text("report_every_weeks")))
		return r
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		r := read()
		if err := st.SaveMunicipality(ctx, &r); err != nil {
			return err
		}
		m = r
		return nil
	}
	ed.saved = func() {
		if saved != nil {
			saved(m)
		}
	}
	if m.ID != 0 {
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			fresh, err := st.Municipality(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			m = fresh
			return municipalityEditor(e, st, fresh, nil).fieldTexts(), nil
		}
	}
	return ed
}

func municipalityFormTitle(m data.Municipality) string {
	if m.ID == 0 {
		return lang.X("municipalities.new", "Ny kommune")
	}
	return lang.X("municipalities.edit_title", "Redigér kommune")
}

func openMunicipalityForm(e env, st municipalityFormStore, m data.Municipality, saved func(data.Municipality)) *editor {
	ed := municipalityEditor(e, st, m, saved)
	ed.showDialog(municipalityFormTitle(m), fyne.NewSize(680, 480), nil)
	return ed
}

// restoreMunicipalityDraft reopens the municipality form from a draft.
func restoreMunicipalityDraft(e env, st municipalityFormStore, d data.Draft, saved func(data.Municipality)) (*editor, error) {
	var m data.Municipality
	if id := keyID(d.Key); id != 0 {
		stored, err := st.Municipality(context.Background(), id)
		if err != nil {
			return nil, err
		}
		m = stored
	}
	ed := municipalityEditor(e, st, m, saved)
	if err := ed.restore(d.Payload); err != nil {
		return nil, err
	}
	ed.showDialog(municipalityFormTitle(m), fyne.NewSize(680, 480), nil)
	return ed, nil
}

// caseworkerDraftKey ties a new caseworker's draft to its municipality, so
// restoring it knows where the caseworker belongs: "<municipality>/<id|ny>".
func caseworkerDraftKey(c data.Caseworker) string {
	return recordKey(c.MunicipalityID) + "/" + recordKey(c.ID)
}

// caseworkerEditor builds the form for a caseworker of the municipality
// named municipality. Every field of data.Caseworker is on it, including
// Archived (a caseworker who has left).
func caseworkerEditor(e env, st municipalityFormStore, c data.Caseworker, municipality string, saved func(data.Caseworker)) *editor {
	ed := newEditor(e, st, draftCaseworker, caseworkerDraftKey(c))
	ed.title = func() string {
		return lang.X("caseworkers.draft_title", "Sagsbehandler: {{.Name}} ({{.Municipality}})",
			map[string]string{"Name": orDash(ed.text("name")), "Municipality": municipality})
	}
	ed.entry("name", lang.X("field.name", "Navn"), c.Name)
	ed.entry("phone", lang.X("field.phone", "Telefon"), c.Phone)
	ed.entry("email", lang.X("field.email", "E-mail"), c.Email)
	ed.checkbox("archived", lang.X("list.archived", "Arkiveret"),
		lang.X("caseworkers.archived_text", "Arbejder ikke længere med vores borgere (skjules)"), c.Archived)
	read := func() data.Caseworker {
		r := c
		r.Name = strings.TrimSpace(ed.text("name"))
		r.Phone = strings.TrimSpace(ed.text("phone"))
		r.Email = strings.TrimSpace(ed.text("email"))
		r.Archived = ed.text("archived") != ""
		return r
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		r := read()
		if err := st.SaveCaseworker(ctx, &r); err != nil {
			return err
		}
		c = r
		return nil
	}
	ed.saved = func() {
		if saved != nil {
			saved(c)
		}
	}
	if c.ID != 0 {
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			list, err := st.Caseworkers(ctx, c.MunicipalityID)
			if err != nil {
				return nil, err
			}
			for _, fresh := range list {
				if fresh.ID == c.ID {
					c = fresh
					return caseworkerEditor(e, st, fresh, municipality, nil).fieldTexts(), nil
				}
			}
			return nil, data.ErrNotFound
		}
	}
	return ed
}

func caseworkerFormTitle(c data.Caseworker, municipality string) string {
	if c.ID == 0 {
		return lang.X("caseworkers.new_title", "Ny sagsbehandler i {{.Municipality}}", map[string]string{"Municipality": municipality})
	}
	return lang.X("caseworkers.edit_title", "Redigér sagsbehandler i {{.Municipality}}", map[string]string{"Municipality": municipality})
}

func openCaseworkerForm(e env, st municipalityFormStore, c data.Caseworker, municipality string, saved func(data.Caseworker)) *editor {
	ed := caseworkerEditor(e, st, c, municipality, saved)
	ed.showDialog(caseworkerFormTitle(c, municipality), fyne.NewSize(620, 400), nil)
	return ed
}

// restoreCaseworkerDraft reopens the caseworker form from a draft.
func restoreCaseworkerDraft(e env, st municipalityFormStore, d data.Draft, saved func(data.Caseworker)) (*editor, error) {
	mKey, cKey, _ := strings.Cut(d.Key, "/")
	m, err := st.Municipality(context.Background(), keyID(mKey))
	if err != nil {
		return nil, err
	}
	c := data.Caseworker{MunicipalityID: m.ID}
	if id := keyID(cKey); id != 0 {
		all, err := st.Caseworkers(context.Background(), m.ID)
		if err != nil {
			return nil, err
		}
		for _, cw := range all {
			if cw.ID == id {
				c = cw
			}
		}
	}
	ed := caseworkerEditor(e, st, c, m.Name, saved)
	if err := ed.restore(d.Payload); err != nil {
		return nil, err
	}
	ed.showDialog(caseworkerFormTitle(c, m.Name), fyne.NewSize(620, 400), nil)
	return ed, nil
}
