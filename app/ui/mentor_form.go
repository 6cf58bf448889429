package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// Draft kinds of the registry forms (see draftRestorers).
const (
	draftMentor       = "mentor"
	draftMunicipality = "kommune"
	draftCaseworker   = "sagsbehandler"
	draftOrganisation = "organisation"
)

// mentorFormStore is what the mentor form needs.
type mentorFormStore interface {
	Mentor(ctx context.Context, id data.ID) (data.Mentor, error)
	SaveMentor(ctx context.Context, m *data.Mentor) error
	data.DraftStore
}

// recordKey is the draft key of a record: its id, or "ny" for a new one.
func recordKey(id data.ID) string {
	if id == 0 {
		return "ny"
	}
	return strconv.FormatInt(id, 10)
}

// keyID reads a draft key made by recordKey; 0 for a new record.
func keyID(key string) data.ID {
	id, _ := strconv.ParseInt(key, 10, 64)
	return id
}

// mentorKinds pairs the kinds with their labels, in the form's order.
func mentorKinds() ([]data.MentorKind, []string) {
	kinds := []data.MentorKind{data.MentorEmployed, data.MentorVolunteer}
	return kinds, []string{mentorKindText(kinds[0]), mentorKindText(kinds[1])}
}

// hoursText shows minutes as hours with a decimal comma, "" for none.
func hoursText(minutes int) string {
	if minutes == 0 {
		return ""
	}
	return dk.FormatHours(minutes)
}

// parseHoursText reads hours typed with a decimal comma ("7,5") as minutes.
func parseHoursText(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "t"))
	if s == "" {
		return 0, nil
	}
	f, err := dk.ParseDecimal(s)
	if err != nil {
		return 0, err
	}
	return int(f*60 + 0.5), nil
}

// mentorEditor builds the form for m (ID 0: a new mentor). Every field of
// data.Mentor is on it; Archived has its own buttons on the mentor's page
// and is kept as it is.
func mentorEditor(e env, st mentorFormStore, m data.Mentor, saved func(data.Mentor)) *editor {
	ed := newEditor(e, st, draftMentor, recordKey(m.ID))
	ed.title = func() string {
		return lang.X("mentors.draft_title", "Mentor: {{.Name}}", map[string]string{"Name": orDash(ed.text("name"))})
	}
	kinds, labels := mentorKinds()
	kindLabel := labels[0]
	for i, k := range kinds {
		if k == m.Kind {
			kindLabel = labels[i]
		}
	}
	ed.entry("name", lang.X("field.name", "Navn"), m.Name)
	ed.choice("kind", lang.X("mentors.col_kind", "Type"), labels, kindLabel)
	ed.entry("phone", lang.X("field.phone", "Telefon"), m.Phone)
	ed.entry("email", lang.X("field.email", "E-mail"), m.Email)
	ed.multiline("qualifications", lang.X("field.qualifications", "Kvalifikationer"), m.Qualifications, 3).
		SetPlaceHolder(lang.X("mentors.qualifications_hint", "Uddannelse og erfaring – står i mentoraftalen"))
	ed.entry("languages", lang.X("field.languages", "Sprog"), strings.Join(m.Languages, ", ")).
		SetPlaceHolder(lang.X("mentors.list_hint", "Adskil med komma, fx dansk, arabisk"))
	ed.entry("competences", lang.X("field.competences", "Kompetencer"), strings.Join(m.Competences, ", ")).
		SetPlaceHolder(lang.X("mentors.competences_hint", "Adskil med komma, fx psykoterapi, misbrug"))
	capLabel := lang.X("mentors.capacity_label", "Kapacitet (timer pr. uge)")
	ed.entry("capacity", capLabel, hoursText(m.WeeklyCapacityMin)).
		SetPlaceHolder(lang.X("mentors.capacity_hint", "fx 7,5"))
	ed.byName["capacity"].parse = func() string {
		if _, err := parseHoursText(ed.text("capacity")); err != nil {
			return lang.X("mentors.capacity_unreadable", "Kapacitet skal være et antal timer om ugen, fx 7,5.")
		}
		return ""
	}
	read := func() data.Mentor {
		r := m
		r.Name = strings.TrimSpace(ed.text("name"))
		r.Kind = ""
		for i, l := range labels {
			if l == ed.text("kind") {
				r.Kind = kinds[i]
			}
		}
		r.Phone = strings.TrimSpace(ed.text("phone"))
		r.Email = strings.TrimSpace(ed.text("email"))
		r.Qualifications = strings.TrimSpace(ed.text("qualifications"))
		r.Languages = data.SplitList(ed.text("languages"))
		r.Competences = data.SplitList(ed.text("competences"))
		r.WeeklyCapacityMin, _ = parseHoursText(ed.text("capacity"))
		return r
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		r := read()
		if err := st.SaveMentor(ctx, &r); err != nil {
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
			fresh, err := st.Mentor(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			m = fresh
			return mentorEditor(e, st, fresh, nil).fieldTexts(), nil
		}
	}
	return ed
}

// mentorFormTitle is "Ny mentor" or "Redigér mentor".
func mentorFormTitle(m data.Mentor) string {
	if m.ID == 0 {
		return lang.X("mentors.new", "Ny mentor")
	}
	return lang.X("mentors.edit_title", "Redigér mentor")
}

// openMentorForm shows the mentor form in a dialog.
func openMentorForm(e env, st mentorFormStore, m data.Mentor, saved func(data.Mentor)) *editor {
	ed := mentorEditor(e, st, m, saved)
	ed.showDialog(mentorFormTitle(m), fyne.NewSize(720, 580), nil)
	return ed
}

// restoreMentorDraft reopens the mentor form from a draft: on the stored
// mentor when the draft was for one, else on a new mentor.
func restoreMentorDraft(e env, st mentorFormStore, d data.Draft, saved func(data.Mentor)) (*editor, error) {
	m := data.Mentor{Kind: data.MentorEmployed}
	if id := keyID(d.Key); id != 0 {
		stored, err := st.Mentor(context.Background(), id)
		if err != nil {
			return nil, err
		}
		m = stored
	}
	ed := mentorEditor(e, st, m, saved)
	if err := ed.restore(d.Payload); err != nil {
		return nil, err
	}
	ed.showDialog(mentorFormTitle(m), fyne.NewSize(720, 580), nil)
	return ed, nil
}
