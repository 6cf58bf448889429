package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// choices maps the labels of a drop-down to record ids, so a choice field
// can hold names while the record holds ids. Index 0 may be "(ingen)".
type choices struct {
	labels []string
	ids    []data.ID
}

func (c *choices) add(label string, id data.ID) {
	// Two records with the same name get their id added, so each label
	// picks exactly one record.
	for _, l := range c.labels {
		if l == label {
			label = fmt.Sprintf("%s (%d)", label, id)
			break
		}
	}
	c.labels = append(c.labels, label)
	c.ids = append(c.ids, id)
}

func (c choices) label(id data.ID) string {
	for i, x := range c.ids {
		if x == id {
			return c.labels[i]
		}
	}
	return ""
}

func (c choices) id(label string) data.ID {
	for i, l := range c.labels {
		if l == label {
			return c.ids[i]
		}
	}
	return 0
}

// newCourse opens the form for a new course of the citizen, ordered today.
func (s *citizensScreen) newCourse(c data.Citizen) {
	co := data.Course{CitizenID: c.ID, Status: data.CourseOrdered, OrderedOn: s.env.today()}
	s.courseForm(co).showDialog(lang.X("course_form.new", "Nyt forløb"), fyne.NewSize(680, 600), nil)
}

// editCourse opens the form on a saved course.
func (s *citizensScreen) editCourse(co data.Course) {
	s.courseForm(co).showDialog(lang.X("course_form.edit", "Redigér forløb"), fyne.NewSize(680, 600), nil)
}

// restoreCourseDraft reopens a course form; the key is "<citizen>/<course>".
func (s *citizensScreen) restoreCourseDraft(d data.Draft) {
	citizenID, courseID := splitDraftKey(d.Key)
	co := data.Course{CitizenID: citizenID, Status: data.CourseOrdered, OrderedOn: s.env.today()}
	if courseID != 0 {
		var err error
		if co, err = s.st.Course(context.Background(), courseID); err != nil {
			s.env.showError(err)
			return
		}
	}
	ed := s.courseForm(co)
	s.env.showError(ed.restore(d.Payload))
	ed.showDialog(lang.X("course_form.edit", "Redigér forløb"), fyne.NewSize(680, 600), nil)
}

// splitDraftKey reads "a/b" as two ids; a part that is not a number is 0.
func splitDraftKey(key string) (data.ID, data.ID) {
	a, b, _ := strings.Cut(key, "/")
	x, _ := strconv.ParseInt(a, 10, 64)
	y, _ := strconv.ParseInt(b, 10, 64)
	return x, y
}

// courseForm edits a course's order: citizen, municipality, caseworker,
// the municipality's reference, dates and the progression instrument. A
// new course starts as bestilt or aktiv; later status changes go through
// changeStatus, which follows the flow.
func (s *citizensScreen) courseForm(co data.Course) *editor {
	ed := newEditor(s.env, s.st, draftCourse, fmt.Sprintf("%d/%d", co.CitizenID, co.ID))
	s.form = ed
	ed.title = func() string {
		return lang.X("course_form.draft_title", "Forløb: {{.Name}}", map[string]string{"Name": ed.text("citizen")})
	}
	var citizens choices
	for _, r := range s.rows {
		if !r.citizen.Archived || r.citizen.ID == co.CitizenID {
			citizens.add(r.citizen.Name, r.citizen.ID)
		}
	}
	ed.choice("citizen", lang.X("course_form.citizen", "Borger"), citizens.labels, citizens.label(co.CitizenID))
	municipalities := s.municipalityChoices(co.MunicipalityID)
	muni := ed.choice("municipality", lang.X("course_form.municipality", "Kommune"), municipalities.labels, municipalities.label(co.MunicipalityID))
	caseworkers := s.caseworkerChoices(co.MunicipalityID)
	cw := ed.choice("caseworker", lang.X("field.caseworker", "Sagsbehandler"), caseworkers.labels, caseworkers.label(co.CaseworkerID))
	// The caseworkers follow the chosen municipality.
	onMuni := muni.OnChanged
	muni.OnChanged = func(label string) {
		caseworkers = s.caseworkerChoices(municipalities.id(label))
		cw.Options = caseworkers.labels
		if caseworkers.id(cw.Selected) == 0 {
			cw.SetSelected(caseworkers.labels[0])
		}
		cw.Refresh()
		onMuni(label)
	}
	ed.entry("order_ref", lang.X("field.order_ref", "Kommunens reference"), co.OrderRef)
	ed.dateEntry("ordered_on", lang.X("course_form.ordered_on", "Bestilt den"), co.OrderedOn)
	ed.dateEntry("started_on", lang.X("course_form.started_on", "Startet den"), co.StartedOn)
	instruments := s.instrumentChoices()
	current := co.InstrumentID
	if current == 0 {
		current = instruments.defaultID
	}
	ed.choice("instrument", lang.X("course_form.instrument", "Progressionsværktøj"), instruments.labels, instruments.label(current))
	// The usual form and place are the defaults of every session planned
	// or registered in the course.
	ed.choice("usual_form", lang.X("course_form.usual_form", "Sædvanlig mødeform"), formLabels(), formLabel(co.UsualForm))
	ed.entry("usual_place", lang.X("course_form.usual_place", "Sædvanligt mødested"), co.UsualPlace)
	var statuses []string
	if co.ID == 0 {
		statuses = []string{courseStatusText(data.CourseOrdered), courseStatusText(data.CourseActive)}
		ed.choice("status", lang.X("course_form.status", "Status"), statuses, courseStatusText(co.Status))
	}
	read := func() data.Course {
		out := co
		out.CitizenID = citizens.id(ed.text("citizen"))
		out.MunicipalityID = municipalities.id(ed.text("municipality"))
		out.CaseworkerID = caseworkers.id(ed.text("caseworker"))
		out.OrderRef = strings.TrimSpace(ed.text("order_ref"))
		out.OrderedOn, out.StartedOn = ed.dateValue("ordered_on"), ed.dateValue("started_on")
		out.InstrumentID = instruments.id(ed.text("instrument"))
		out.UsualForm = formOf(ed.text("usual_form"))
		out.UsualPlace = strings.TrimSpace(ed.text("usual_place"))
		if co.ID == 0 {
			out.Status = data.CourseOrdered
			if ed.text("status") == courseStatusText(data.CourseActive) {
				out.Status = data.CourseActive
			}
		}
		return out
	}
	ed.check = func() data.Problems {
		out := read()
		p := out.Validate()
		if out.Status == data.CourseActive && out.StartedOn.IsZero() {
			p = append(p, data.FieldError{Field: "started_on", Message: lang.X("course_form.start_needed", "Startdato skal udfyldes, når forløbet er aktivt.")})
		}
		if !out.OrderedOn.IsZero() && !out.StartedOn.IsZero() && out.StartedOn.Before(out.OrderedOn) {
			p = append(p, data.FieldError{Field: "started_on", Warning: true,
				Message: lang.X("course_form.started_before_order", "Startdatoen ligger før bestillingen.")})
		}
		return p
	}
	ed.save = func(ctx context.Context) error {
		out := read()
		if err := s.st.SaveCourse(ctx, &out); err != nil {
			return err
		}
		co = out
		return nil
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	if co.ID != 0 {
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			fresh, err := s.st.Course(ctx, co.ID)
			if err != nil {
				return nil, err
			}
			co = fresh
			shown := s.form
			defer func() { s.form = shown }()
			return s.courseForm(fresh).fieldTexts(), nil
		}
	}
	return ed
}

func (s *citizensScreen) municipalityChoices(current data.ID) choices {
	var c choices
	for _, m := range sortedByName(s.lookups.municipalities, func(m data.Municipality) string { return m.Name }) {
		if !m.Archived || m.ID == current {
			c.add(m.Name, m.ID)
		}
	}
	return c
}

func (s *citizensScreen) caseworkerChoices(municipality data.ID) choices {
	c := choices{labels: []string{lang.X("citizen_form.none", "(ingen)")}, ids: []data.ID{0}}
	for _, cw := range sortedByName(s.lookups.caseworkers, func(c data.Caseworker) string { return c.Name }) {
		if cw.MunicipalityID == municipality && municipality != 0 && !cw.Archived {
			c.add(cw.Name, cw.ID)
		}
	}
	return c
}

// instrumentChoice is the instruments by name, with the default marked.
type instrumentChoice struct {
	choices
	defaultID data.ID
}

func (s *citizensScreen) instrumentChoices() instrumentChoice {
	var c instrumentChoice
	instruments, err := s.st.Instruments(context.Background())
	if err != nil {
		return c
	}
	for _, in := range instruments {
		label := in.Name
		if in.IsDefault {
			label += " " + lang.X("course_form.default", "(standard)")
			c.defaultID = in.ID
		}
		c.add(label, in.ID)
	}
	return c
}

// changeStatus moves a course on in its flow. Ending it (afsluttet or
// afbrudt) asks for the outcome, a note and the end date.
func (s *citizensScreen) changeStatus(co data.Course) {
	ed := newEditor(s.env, s.st, "", "")
	s.form = ed
	var next []string
	for _, st := range data.CourseStatuses {
		if st != co.Status && co.Status.CanMoveTo(st) {
			next = append(next, courseStatusText(st))
		}
	}
	if len(next) == 0 {
		return
	}
	statusOf := func(label string) data.CourseStatus {
		for _, st := range data.CourseStatuses {
			if courseStatusText(st) == label {
				return st
			}
		}
		return co.Status
	}
	ed.choice("status", lang.X("course_form.new_status", "Ny status"), next, next[0])
	started := co.StartedOn
	if started.IsZero() {
		started = s.env.today()
	}
	if co.StartedOn.IsZero() {
		ed.dateEntry("started_on", lang.X("course_form.started_on", "Startet den"), started)
	}
	ed.dateEntry("ended_on", lang.X("course_form.ended_on", "Afsluttet den"), s.env.today())
	outcomes := []string{lang.X("citizen_form.none", "(ingen)")}
	for _, o := range data.Outcomes {
		outcomes = append(outcomes, outcomeText(o))
	}
	ed.choice("outcome", lang.X("field.outcome", "Resultat"), outcomes, outcomes[0])
	ed.multiline("outcome_note", lang.X("course_form.outcome_note", "Bemærkning til resultat"), co.OutcomeNote, 3)
	read := func() data.Course {
		out := co
		out.Status = statusOf(ed.text("status"))
		if co.StartedOn.IsZero() && out.Status != data.CourseAborted {
			out.StartedOn = ed.dateValue("started_on")
		}
		out.Outcome, out.OutcomeNote, out.EndedOn = data.OutcomeNone, "", data.Date{}
		if !out.Status.Open() {
			for _, o := range data.Outcomes {
				if outcomeText(o) == ed.text("outcome") {
					out.Outcome = o
				}
			}
			out.OutcomeNote = strings.TrimSpace(ed.text("outcome_note"))
			out.EndedOn = ed.dateValue("ended_on")
		}
		return out
	}
	ed.check = func() data.Problems {
		out := read()
		p := out.Validate()
		if !co.Status.CanMoveTo(out.Status) {
			p = append(p, data.FieldError{Field: "status", Message: lang.X("course_form.flow", "Forløbet kan ikke gå fra {{.From}} til {{.To}}.",
				map[string]string{"From": courseStatusText(co.Status), "To": courseStatusText(out.Status)})})
		}
		if !out.Status.Open() && out.EndedOn.IsZero() {
			p = append(p, data.FieldError{Field: "ended_on", Message: lang.X("course_form.end_needed", "Slutdato skal udfyldes, når forløbet afsluttes.")})
		}
		return p
	}
	ed.save = func(ctx context.Context) error {
		out := read()
		if err := s.st.SaveCourse(ctx, &out); err != nil {
			return err
		}
		co = out
		return nil
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	hint := muted(lang.X("course_form.flow_hint", "Forløbet går fra bestilt til aktiv, evt. fastholdelse, og slutter som afsluttet eller afbrudt. Resultat og bemærkning udfyldes, når forløbet slutter."))
	ed.showDialog(lang.X("course_form.status_title", "Skift status · nu {{.Status}}", map[string]string{"Status": courseStatusText(co.Status)}),
		fyne.NewSize(620, 520), hint)
}

// changeMentor hands the course over to another mentor, asking for the
// handover note that ends the current mentor's period.
func (s *citizensScreen) changeMentor(co data.Course) {
	s.mentorChangeForm(co).showDialog(lang.X("mentor_change.title", "Skift mentor"), fyne.NewSize(620, 500),
		muted(lang.X("mentor_change.hint", "Den nuværende mentors periode slutter dagen før skiftet. Overdragelsesnoten følger forløbet, så viden om borgeren ikke går tabt.")))
}

// restoreMentorChangeDraft reopens a change of mentor; the key is the course id.
func (s *citizensScreen) restoreMentorChangeDraft(d data.Draft) {
	id, _ := strconv.ParseInt(d.Key, 10, 64)
	co, err := s.st.Course(context.Background(), id)
	if err != nil {
		s.env.showError(fmt.Errorf("%w: %w", errNoCourse, err))
		return
	}
	ed := s.mentorChangeForm(co)
	s.env.showError(ed.restore(d.Payload))
	ed.showDialog(lang.X("mentor_change.title", "Skift mentor"), fyne.NewSize(620, 500), nil)
}

func (s *citizensScreen) mentorChangeForm(co data.Course) *editor {
	ed := newEditor(s.env, s.st, draftMentorChange, strconv.FormatInt(co.ID, 10))
	s.form = ed
	ed.title = func() string { return lang.X("mentor_change.title", "Skift mentor") + ": " + ed.text("mentor") }
	var mentors choices
	for _, m := range sortedByName(s.lookups.mentors, func(m data.Mentor) string { return m.Name }) {
		if !m.Archived && m.ID != co.MentorID {
			mentors.add(m.Name, m.ID)
		}
	}
	current := lang.X("citizens.no_mentor", "Ingen mentor endnu")
	if co.MentorID != 0 {
		current = s.lookups.mentors[co.MentorID].Name
	}
	ed.custom("current", lang.X("mentor_change.current", "Nuværende mentor"), bold(current), func() string { return "" }, func(string) {})
	ed.choice("mentor", lang.X("mentor_change.new", "Ny mentor"), mentors.labels, "")
	ed.dateEntry("from", lang.X("mentor_change.from", "Skifter den"), s.env.today())
	ed.multiline("handover_note", lang.X("mentor_change.note", "Overdragelsesnote"), "", 6)
	ed.check = func() data.Problems {
		var p data.Problems
		if mentors.id(ed.text("mentor")) == 0 {
			p = append(p, data.FieldError{Field: "mentor", Message: lang.X("mentor_change.pick", "Ny mentor skal vælges.")})
		}
		if ed.dateValue("from").IsZero() {
			p = append(p, data.FieldError{Field: "from", Message: lang.X("mentor_change.date", "Dato for mentorskiftet skal udfyldes.")})
		}
		if co.MentorID != 0 && strings.TrimSpace(ed.text("handover_note")) == "" {
			p = append(p, data.FieldError{Field: "handover_note", Message: lang.X("mentor_change.note_needed", "Overdragelsesnote skal udfyldes ved mentorskift.")})
		}
		return p
	}
	ed.save = func(ctx context.Context) error {
		return s.st.AssignMentor(ctx, co.ID, mentors.id(ed.text("mentor")), ed.dateValue("from"), strings.TrimSpace(ed.text("handover_note")))
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	return ed
}

// sortedByName lists a lookup's records in Danish order of their names,
// for drop-downs.
func sortedByName[T any](m map[data.ID]T, name func(T) string) []T {
	out := make([]T, 0, len(m))
	for _, x := range m {
		out = append(out, x)
	}
	dk.SortBy(out, name)
	return out
}
