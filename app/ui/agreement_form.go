package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// newAgreement opens the form for a course's first (or another) agreement,
// with the organisation's defaults: rate, legal basis and complaint
// guidance, and a period of six months from the course start or today.
func (s *citizensScreen) newAgreement(co data.Course) {
	a := s.agreementDefaults(co)
	s.agreementForm(co, a, "new").showDialog(lang.X("agreement_form.new", "Ny mentoraftale"), formSize, nil)
}

func (s *citizensScreen) agreementDefaults(co data.Course) data.Agreement {
	start := co.StartedOn
	if start.IsZero() || start.Before(s.env.today()) {
		start = s.env.today()
	}
	a := data.Agreement{CourseID: co.ID, MentorID: co.MentorID, Start: start, End: start.AddMonths(data.MaxAgreementMonths).AddDays(-1),
		HoursBasis: data.HoursPerWeek, Scope: data.PerPerson}
	if org, err := s.st.Organisation(context.Background()); err == nil {
		a.RateOere, a.LegalBasis, a.ComplaintGuidance = org.HourlyRateOere, org.LegalBasis, org.ComplaintGuidance
	}
	return a
}

// editAgreement opens the form on a saved agreement.
func (s *citizensScreen) editAgreement(co data.Course, a data.Agreement) {
	s.agreementForm(co, a, strconv.FormatInt(a.ID, 10)).showDialog(lang.X("agreement_form.edit", "Redigér mentoraftale"), formSize, nil)
}

// extendAgreement opens "Forlæng aftale": the next agreement prefilled
// from a, linked to it, starting the day after it ends.
func (s *citizensScreen) extendAgreement(co data.Course, a data.Agreement) {
	next := a.Extension()
	if co.MentorID != 0 {
		next.MentorID = co.MentorID // the extension names today's mentor
	}
	hint := muted(lang.X("agreement_form.extends", "Forlænger aftalen {{.Period}}. Indholdet er kopieret; ret det, der er ændret, og få aftalen underskrevet igen.",
		map[string]string{"Period": periodText(a.Start, a.End)}))
	s.agreementForm(co, next, "ext"+strconv.FormatInt(a.ID, 10)).showDialog(lang.X("agreement_form.extend", "Forlæng aftale"), formSize, hint)
}

// restoreAgreementDraft reopens an agreement form; the key is
// "<course>/<new|agreement id|ext<agreement id>>".
func (s *citizensScreen) restoreAgreementDraft(d data.Draft) {
	ctx := context.Background()
	courseText, which, _ := strings.Cut(d.Key, "/")
	courseID, _ := strconv.ParseInt(courseText, 10, 64)
	co, err := s.st.Course(ctx, courseID)
	if err != nil {
		s.env.showError(fmt.Errorf("%w: %w", errNoCourse, err))
		return
	}
	a := s.agreementDefaults(co)
	title := lang.X("agreement_form.new", "Ny mentoraftale")
	if id, err := strconv.ParseInt(strings.TrimPrefix(which, "ext"), 10, 64); err == nil && id != 0 {
		if a, err = s.st.Agreement(ctx, id); err != nil {
			s.env.showError(err)
			return
		}
		title = lang.X("agreement_form.edit", "Redigér mentoraftale")
		if strings.HasPrefix(which, "ext") {
			a, title = a.Extension(), lang.X("agreement_form.extend", "Forlæng aftale")
		}
	}
	ed := s.agreementForm(co, a, which)
	s.env.showError(ed.restore(d.Payload))
	ed.showDialog(title, formSize, nil)
}

// agreementForm mirrors the legal content of the written agreement: the
// goal(s), the mentor's name, contact and qualifications, the tasks, the
// period (a warning past six months), the hours per week or in total, per
// person or per place, the rate, the roles in focus, the legal basis and
// the complaint guidance, and the signatures.
func (s *citizensScreen) agreementForm(co data.Course, a data.Agreement, which string) *editor {
	ed := newEditor(s.env, s.st, draftAgreement, fmt.Sprintf("%d/%s", co.ID, which))
	s.form = ed
	citizenName := ""
	if r, ok := s.rowByID(co.CitizenID); ok {
		citizenName = r.citizen.Name
	}
	ed.title = func() string {
		return lang.X("agreement_form.draft_title", "Mentoraftale: {{.Name}}", map[string]string{"Name": citizenName})
	}
	var mentors choices
	for _, m := range sortedByName(s.lookups.mentors, func(m data.Mentor) string { return m.Name }) {
		if !m.Archived || m.ID == a.MentorID {
			mentors.add(m.Name, m.ID)
		}
	}
	mentor := ed.choice("mentor", lang.X("field.mentor", "Mentor"), mentors.labels, mentors.label(a.MentorID))
	info := wrapped("")
	showMentor := func(label string) { info.SetText(mentorContact(s.lookups.mentors[mentors.id(label)])) }
	showMentor(mentor.Selected)
	onMentor := mentor.OnChanged
	mentor.OnChanged = func(label string) { showMentor(label); onMentor(label) }
	ed.custom("mentor_info", lang.X("agreement_form.mentor_info", "Kontakt og kvalifikationer"), info,
		func() string { return "" }, func(string) {})
	ed.multiline("goal", lang.X("agreement_form.goal", "Mål med støtten"), a.Goal, 3)
	goals := s.courseGoalChecks(co.ID, a.GoalIDs)
	if goals != nil {
		f := ed.custom("course_goals", lang.X("agreement_form.course_goals", "Forløbets mål"), goals.group, goals.get, goals.set)
		goals.group.OnChanged = func([]string) { ed.edited(f) }
	}
	ed.multiline("tasks", lang.X("agreement_form.tasks", "Opgaver mentor hjælper med"), a.Tasks, 3)
	roles := newRoleChecks(a.Roles)
	rf := ed.custom("roles", lang.X("agreement_form.roles", "Roller i fokus"), roles.group, roles.get, roles.set)
	roles.group.OnChanged = func([]string) { ed.edited(rf) }
	ed.dateEntry("start", lang.X("agreement_form.start", "Startdato"), a.Start)
	ed.dateEntry("end", lang.X("agreement_form.end", "Slutdato"), a.End)
	basis := []string{lang.X("agreement_form.per_week", "Pr. uge"), lang.X("agreement_form.in_total", "I alt for perioden")}
	basisLabel := basis[0]
	if a.HoursBasis == data.HoursTotal {
		basisLabel = basis[1]
	}
	ed.choice("hours_basis", lang.X("agreement_form.hours_basis", "Timer angives"), basis, basisLabel)
	grantedText := ""
	if a.GrantedMin > 0 {
		grantedText = dk.FormatHours(a.GrantedMin)
	}
	granted := ed.entry("granted", lang.X("agreement_form.granted", "Bevilgede timer"), grantedText)
	granted.SetPlaceHolder(lang.X("agreement_form.granted_hint", "fx 1,5"))
	ed.byName["granted"].parse = func() string {
		if t := strings.TrimSpace(granted.Text); t != "" {
			if _, err := dk.ParseDecimal(t); err != nil {
				return lang.X("agreement_form.granted_bad", "Bevilgede timer: skriv et tal, fx 1,5.")
			}
		}
		return ""
	}
	scopes := []string{lang.X("agreement_form.per_person", "Pr. person"), lang.X("agreement_form.per_place", "Pr. plads (pladsmentor)")}
	scopeLabel := scopes[0]
	if a.Scope == data.PerPlace {
		scopeLabel = scopes[1]
	}
	ed.choice("scope", lang.X("agreement_form.scope", "Bevilling"), scopes, scopeLabel)
	rate := ed.entry("rate", lang.X("agreement_form.rate", "Timepris (kr.)"), strings.TrimSuffix(dk.FormatMoney(a.RateOere), " kr."))
	ed.byName["rate"].parse = func() string {
		if t := strings.TrimSpace(rate.Text); t != "" {
			if _, err := dk.ParseMoney(t); err != nil {
				return lang.X("agreement_form.rate_bad", "Timepris: skriv et beløb, fx 550,00.")
			}
		}
		return ""
	}
	ed.multiline("legal_basis", lang.X("agreement_form.legal_basis", "Lovgrundlag"), a.LegalBasis, 2)
	ed.multiline("complaint_guidance", lang.X("agreement_form.complaint", "Klagevejledning"), a.ComplaintGuidance, 3)
	ed.dateEntry("signed_citizen", lang.X("agreement_form.signed_citizen", "Underskrevet af borger"), a.SignedCitizen)
	ed.dateEntry("signed_municipality", lang.X("agreement_form.signed_municipality", "Underskrevet af kommune"), a.SignedMunicipality)
	ed.dateEntry("signed_provider", lang.X("agreement_form.signed_provider", "Underskrevet af leverandør"), a.SignedProvider)

	read := func() data.Agreement {
		out := a
		out.MentorID = mentors.id(ed.text("mentor"))
		out.Goal, out.Tasks = strings.TrimSpace(ed.text("goal")), strings.TrimSpace(ed.text("tasks"))
		if goals != nil {
			out.GoalIDs = goals.ids()
		}
		out.Roles = roles.roles()
		out.Start, out.End = ed.dateValue("start"), ed.dateValue("end")
		out.HoursBasis = data.HoursPerWeek
		if ed.text("hours_basis") == basis[1] {
			out.HoursBasis = data.HoursTotal
		}
		hours, _ := dk.ParseDecimal(ed.text("granted"))
		out.GrantedMin = int(hours*60 + 0.5)
		out.Scope = data.PerPerson
		if ed.text("scope") == scopes[1] {
			out.Scope = data.PerPlace
		}
		out.RateOere, _ = dk.ParseMoney(ed.text("rate"))
		out.LegalBasis = strings.TrimSpace(ed.text("legal_basis"))
		out.ComplaintGuidance = strings.TrimSpace(ed.text("complaint_guidance"))
		out.SignedCitizen, out.SignedMunicipality, out.SignedProvider =
			ed.dateValue("signed_citizen"), ed.dateValue("signed_municipality"), ed.dateValue("signed_provider")
		return out
	}
	ed.check = func() data.Problems {
		out := read()
		p := out.Validate()
		if out.MentorID == 0 {
			p = append(p, data.FieldError{Field: "mentor", Warning: true,
				Message: lang.X("agreement_form.no_mentor", "Aftalen skal nævne mentorens navn og kontaktoplysninger; vælg mentoren, når den er fundet.")})
		}
		return p
	}
	ed.save = func(ctx context.Context) error {
		out := read()
		if err := s.st.SaveAgreement(ctx, &out); err != nil {
			return err
		}
		a = out
		return nil
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	if a.ID != 0 {
		// Someone else saved the agreement meanwhile: what is typed goes on
		// top of their version at the next save.
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			fresh, err := s.st.Agreement(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			a = fresh
			shown := s.form
			defer func() { s.form = shown }()
			return s.agreementForm(co, fresh, which).fieldTexts(), nil
		}
	}
	return ed
}

// mentorContact is what the agreement says about the mentor: phone,
// e-mail and the documented qualifications.
func mentorContact(m data.Mentor) string {
	if m.ID == 0 {
		return lang.X("agreement_form.pick_mentor", "Vælg mentoren for at vise kontakt og kvalifikationer.")
	}
	lines := nonEmpty(strings.Join(nonEmpty(m.Phone, m.Email), " · "))
	q := strings.TrimSpace(m.Qualifications)
	if q == "" {
		q = lang.X("agreement_form.no_qualifications", "Kvalifikationer er ikke beskrevet på mentoren endnu.")
	}
	return strings.Join(append(lines, q), "\n")
}

// roleChecks is the four roles as check boxes.
type roleChecks struct{ group *widget.CheckGroup }

func newRoleChecks(current data.Roles) roleChecks {
	var labels, selected []string
	for _, r := range data.AllRoles {
		labels = append(labels, roleText(r))
		if current.Has(r) {
			selected = append(selected, roleText(r))
		}
	}
	g := widget.NewCheckGroup(labels, nil)
	g.Horizontal = true
	g.SetSelected(selected)
	return roleChecks{group: g}
}

func (rc roleChecks) roles() data.Roles {
	var rs data.Roles
	for _, r := range data.AllRoles {
		for _, sel := range rc.group.Selected {
			if sel == roleText(r) {
				rs = rs.With(r)
			}
		}
	}
	return rs
}

func (rc roleChecks) get() string { return strconv.Itoa(int(rc.roles())) }

func (rc roleChecks) set(v string) {
	n, _ := strconv.Atoi(v)
	var selected []string
	for _, r := range data.AllRoles {
		if data.Roles(n).Has(r) {
			selected = append(selected, roleText(r))
		}
	}
	rc.group.SetSelected(selected)
}

// goalChecks links an agreement to the course's goals.
type goalChecks struct {
	group *widget.CheckGroup
	goals []data.Goal
}

func (s *citizensScreen) courseGoalChecks(courseID data.ID, linked []data.ID) *goalChecks {
	if courseID == 0 {
		return nil
	}
	goals, err := s.st.Goals(context.Background(), courseID)
	if err != nil || len(goals) == 0 {
		return nil
	}
	gc := &goalChecks{goals: goals}
	var labels []string
	for _, g := range goals {
		labels = append(labels, g.Title)
	}
	gc.group = widget.NewCheckGroup(labels, nil)
	gc.setIDs(linked)
	return gc
}

func (gc *goalChecks) ids() []data.ID {
	var out []data.ID
	for _, g := range gc.goals {
		for _, sel := range gc.group.Selected {
			if sel == g.Title {
				out = append(out, g.ID)
				break
			}
		}
	}
	return out
}

func (gc *goalChecks) setIDs(ids []data.ID) {
	var selected []string
	for _, g := range gc.goals {
		for _, id := range ids {
			if id == g.ID {
				selected = append(selected, g.Title)
			}
		}
	}
	gc.group.SetSelected(selected)
}

func (gc *goalChecks) get() string {
	var parts []string
	for _, id := range gc.ids() {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	return strings.Join(parts, ",")
}

func (gc *goalChecks) set(v string) {
	var ids []data.ID
	for _, part := range strings.Split(v, ",") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	gc.setIDs(ids)
}
