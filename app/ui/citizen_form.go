package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// Draft kinds of the citizen side's forms (see draftRestorers).
const (
	draftCitizen      = "citizen"
	draftCourse       = "course"
	draftAgreement    = "agreement"
	draftMentorChange = "mentor_change"
)

// formSize is the size of the larger forms; the window is 1200×760.
var formSize = fyne.NewSize(760, 540)

// newCitizen opens an empty citizen form (Ctrl+N on Borgere).
func (s *citizensScreen) newCitizen() {
	if s.role == data.RoleMentor {
		return
	}
	s.citizenForm(data.Citizen{}).showDialog(lang.X("citizen_form.new", "Ny borger"), formSize, nil)
}

// editCitizen opens the form on a saved citizen.
func (s *citizensScreen) editCitizen(c data.Citizen) {
	s.citizenForm(c).showDialog(lang.X("citizen_form.edit", "Redigér borger"), formSize, nil)
}

// restoreCitizenDraft reopens a citizen form from its draft.
func (s *citizensScreen) restoreCitizenDraft(d data.Draft) {
	var base data.Citizen
	if id, err := strconv.ParseInt(d.Key, 10, 64); err == nil && id != 0 {
		c, err := s.st.Citizen(context.Background(), id)
		if err != nil {
			s.env.showError(err)
			return
		}
		base = c
	}
	ed := s.citizenForm(base)
	s.env.showError(ed.restore(d.Payload))
	title := lang.X("citizen_form.new", "Ny borger")
	if base.ID != 0 {
		title = lang.X("citizen_form.edit", "Redigér borger")
	}
	ed.showDialog(title, formSize, nil)
}

// citizenForm builds the form for every field of a citizen. A CPR number
// that fails the modulus 11 check only warns; one that another citizen
// already has is refused, with a button to that citizen.
func (s *citizensScreen) citizenForm(c data.Citizen) *editor {
	key := "new"
	if c.ID != 0 {
		key = strconv.FormatInt(c.ID, 10)
	}
	ed := newEditor(s.env, s.st, draftCitizen, key)
	s.form = ed
	ed.title = func() string {
		return lang.X("citizen_form.draft_title", "Borger: {{.Name}}", map[string]string{"Name": orDash(ed.text("name"))})
	}
	ed.entry("name", lang.X("field.name", "Navn"), c.Name)
	cprText := ""
	if n, err := c.CPRNumber(); err == nil {
		cprText = n.Formatted()
	}
	cprEntry := ed.entry("cpr", lang.X("citizen_form.cpr", "CPR-nummer"), cprText)
	cprEntry.SetPlaceHolder("ddmmåå-xxxx")
	duplicate := widget.NewButtonWithIcon("", theme.AccountIcon(), nil)
	duplicate.Importance = widget.WarningImportance
	duplicate.Hide()
	ed.byName["cpr"].obj = container.NewVBox(cprEntry, container.NewHBox(duplicate))
	ed.entry("address", lang.X("field.address", "Adresse"), c.Address)
	ed.entry("postcode", lang.X("citizen_form.postcode", "Postnummer"), c.Postcode)
	ed.entry("city", lang.X("citizen_form.city", "By"), c.City)
	ed.entry("phone", lang.X("field.phone", "Telefon"), c.Phone)
	ed.entry("email", lang.X("field.email", "E-mail"), c.Email)
	ed.entry("mother_tongue", lang.X("field.mother_tongue", "Modersmål"), c.MotherTongue)
	ed.checkbox("interpreter_needed", "", lang.X("citizen_form.interpreter", "Tolk nødvendig"), c.InterpreterNeeded)
	groups := s.targetGroupChoices(c.TargetGroup)
	ed.choice("target_group", lang.X("field.target_group", "Målgruppe"), groups.labels, groups.label(c.TargetGroup))
	needs := ed.entry("needs", lang.X("citizen_form.needs", "Behov"), strings.Join(c.Needs, ", "))
	needs.SetPlaceHolder(lang.X("citizen_form.needs_hint", "fx angst, gæld, praktik (komma mellem)"))
	ed.checkbox("consent_volunteer", lang.X("field.consents", "Samtykker"), lang.X("citizen_form.consent_volunteer", "Frivillig mentor"), c.Consents.VolunteerMentor)
	ed.checkbox("consent_sms", "", lang.X("citizen_form.consent_sms", "SMS"), c.Consents.SMS)
	ed.checkbox("consent_email", "", lang.X("citizen_form.consent_email", "E-mail"), c.Consents.Email)
	ed.multiline("profile_resources", lang.X("profile.resources", "Ressourcer"), c.Profile.Resources, 2)
	ed.multiline("profile_competences", lang.X("profile.competences", "Kompetencer"), c.Profile.Competences, 2)
	ed.multiline("profile_limitations", lang.X("profile.limitations", "Begrænsninger og skånehensyn"), c.Profile.Limitations, 2)
	ed.multiline("profile_everyday", lang.X("profile.everyday", "Udfordringer i hverdagen"), c.Profile.Everyday, 2)
	ed.multiline("profile_what_works", lang.X("profile.what_works", "Hvad virker"), c.Profile.WhatWorks, 2)
	if c.ID != 0 {
		ed.checkbox("archived", "", lang.X("citizen_form.archived", "Arkiveret (skjules på listen)"), c.Archived)
	}
	read := func() data.Citizen {
		out := c
		out.Name = strings.TrimSpace(ed.text("name"))
		out.CPR = strings.TrimSpace(ed.text("cpr"))
		out.Address, out.Postcode, out.City = ed.text("address"), strings.TrimSpace(ed.text("postcode")), ed.text("city")
		out.Phone, out.Email = strings.TrimSpace(ed.text("phone")), strings.TrimSpace(ed.text("email"))
		out.MotherTongue = strings.TrimSpace(ed.text("mother_tongue"))
		out.InterpreterNeeded = ed.text("interpreter_needed") != ""
		out.TargetGroup = groups.code(ed.text("target_group"))
		out.Needs = data.SplitList(ed.text("needs"))
		out.Consents = data.Consents{VolunteerMentor: ed.text("consent_volunteer") != "",
			SMS: ed.text("consent_sms") != "", Email: ed.text("consent_email") != ""}
		out.Profile = data.HandoverProfile{Resources: ed.text("profile_resources"), Competences: ed.text("profile_competences"),
			Limitations: ed.text("profile_limitations"), Everyday: ed.text("profile_everyday"), WhatWorks: ed.text("profile_what_works")}
		if c.ID != 0 {
			out.Archived = ed.text("archived") != ""
		}
		return out
	}
	// The citizen found with the same CPR number at the last save: the
	// refusal stays next to the field until the number is changed.
	var dupCPR string
	var dupID data.ID
	ed.check = func() data.Problems {
		rec := read()
		p := rec.Validate()
		if dupID != 0 && digitsOnly(rec.CPR) == dupCPR {
			p = append(p, data.FieldError{Field: "cpr", Message: s.duplicateMessage(dupID)})
		} else if duplicate.Visible() {
			duplicate.Hide()
		}
		return p
	}
	ed.save = func(ctx context.Context) error {
		rec := read()
		if id := s.cprHolder(ctx, rec.CPR, rec.ID); id != 0 {
			dupCPR, dupID = digitsOnly(rec.CPR), id
			s.offerExisting(ed, duplicate, id)
			return data.Problems{{Field: "cpr", Message: s.duplicateMessage(id)}}
		}
		if err := s.st.SaveCitizen(ctx, &rec); err != nil {
			return err
		}
		s.selected = rec.ID
		return nil
	}
	ed.saved = func() { s.reloadAndOpen(s.selected) }
	if c.ID != 0 {
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			fresh, err := s.st.Citizen(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			c = fresh
			shown := s.form
			defer func() { s.form = shown }()
			return s.citizenForm(fresh).fieldTexts(), nil
		}
	}
	return ed
}

// cprHolder is the id of another citizen with the CPR number, or 0.
func (s *citizensScreen) cprHolder(ctx context.Context, number string, self data.ID) data.ID {
	finder, ok := s.st.(citizenCPRFinder)
	if !ok || strings.TrimSpace(number) == "" {
		return 0
	}
	id, err := finder.CitizenIDByCPR(ctx, number, self)
	if err != nil {
		return 0 // the store refuses the duplicate on save all the same
	}
	return id
}

func (s *citizensScreen) duplicateMessage(id data.ID) string {
	name := "–"
	if r, ok := s.rowByID(id); ok {
		name = r.citizen.Name
	}
	return lang.X("citizen_form.duplicate", "CPR-nummer: {{.Name}} er allerede registreret med dette CPR-nummer.", map[string]string{"Name": name})
}

// offerExisting turns the button under the CPR field into a link to the
// citizen who has the number. Following it keeps what was typed as a draft.
func (s *citizensScreen) offerExisting(ed *editor, b *widget.Button, id data.ID) {
	name := "–"
	if r, ok := s.rowByID(id); ok {
		name = r.citizen.Name
	}
	b.SetText(lang.X("citizen_form.open_existing", "Åbn {{.Name}}", map[string]string{"Name": name}))
	b.OnTapped = func() {
		ed.close()
		s.open(id)
	}
	b.Show()
	ed.relayout()
}

// setArchived archives a citizen (hidden from the list, kept with the
// history) or takes them back.
func (s *citizensScreen) setArchived(c data.Citizen, archived bool) {
	c.Archived = archived
	if err := s.st.SaveCitizen(context.Background(), &c); err != nil {
		s.env.showError(err)
		return
	}
	if archived {
		s.archived.SetChecked(true) // keep the archived citizen in view
	}
	s.reloadAndOpen(c.ID)
}

// reloadAndOpen reloads the list and shows the citizen's page.
func (s *citizensScreen) reloadAndOpen(id data.ID) {
	s.selected = id
	if err := s.load(context.Background()); err != nil {
		s.env.showError(err)
		return
	}
	s.open(id)
	if s.root != nil {
		s.root.Refresh()
	}
}

// targetGroups maps the target group choice's labels to codes. Legacy
// groups are offered only to a citizen who already has one.
type targetGroups struct {
	labels []string
	codes  []string
}

func (s *citizensScreen) targetGroupChoices(current string) targetGroups {
	g := targetGroups{labels: []string{lang.X("citizen_form.none", "(ingen)")}, codes: []string{""}}
	groups, err := s.st.TargetGroups(context.Background())
	if err != nil {
		return g
	}
	for _, tg := range groups {
		if tg.Legacy && tg.Code != current {
			continue
		}
		g.labels = append(g.labels, tg.Name)
		g.codes = append(g.codes, tg.Code)
	}
	return g
}

func (g targetGroups) label(code string) string {
	for i, c := range g.codes {
		if c == code {
			return g.labels[i]
		}
	}
	return g.labels[0]
}

func (g targetGroups) code(label string) string {
	for i, l := range g.labels {
		if l == label {
			return g.codes[i]
		}
	}
	return ""
}

// errNoCourse is reported when a form is restored for a course that no
// longer exists.
var errNoCourse = errors.New("forløbet findes ikke længere")
