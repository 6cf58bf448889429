package reports

import (
	"context"
	"fmt"
	"strings"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// citizenFile is everything Mentorbog holds about one citizen.
type citizenFile struct {
	org          data.Organisation
	citizen      data.Citizen
	targetGroups map[string]string
	courses      []courseFile
	reports      map[data.ID][]data.Report // by course
	comments     map[data.ID][]data.ReportComment
}

// loadCitizen reads the citizen's whole file; it returns once the audit
// entries of its reads have committed.
func loadCitizen(ctx context.Context, st Source, citizenID data.ID) (citizenFile, error) {
	var audits pendingAudits
	f, err := loadCitizenWith(ctx, st, citizenID, &audits)
	if werr := audits.wait(); err == nil {
		err = werr
	}
	return f, err
}

func loadCitizenWith(ctx context.Context, st Source, citizenID data.ID, audits *pendingAudits) (citizenFile, error) {
	var f citizenFile
	var err error
	if f.org, err = st.Organisation(ctx); err != nil {
		return f, fmt.Errorf("read organisation: %w", err)
	}
	if f.citizen, err = st.Citizen(ctx, citizenID); err != nil {
		return f, missingIfNotFound(err, "Borger %d findes ikke.", citizenID)
	}
	groups, err := st.TargetGroups(ctx)
	if err != nil {
		return f, fmt.Errorf("read target groups: %w", err)
	}
	f.targetGroups = map[string]string{}
	for _, g := range groups {
		f.targetGroups[g.Code] = g.Name
	}
	courses, err := st.Courses(ctx, data.CourseFilter{CitizenID: citizenID})
	if err != nil {
		return f, fmt.Errorf("read courses: %w", err)
	}
	f.reports, f.comments = map[data.ID][]data.Report{}, map[data.ID][]data.ReportComment{}
	for _, c := range courses {
		cf, err := loadCourseWith(ctx, st, c.ID, true, audits)
		if err != nil {
			return f, err
		}
		f.courses = append(f.courses, cf)
		reports, err := st.Reports(ctx, data.ReportFilter{CourseID: c.ID})
		if err != nil {
			return f, fmt.Errorf("read reports: %w", err)
		}
		f.reports[c.ID] = reports
		for _, r := range reports {
			if f.comments[r.ID], err = st.ReportComments(ctx, r.ID); err != nil {
				return f, fmt.Errorf("read report comments: %w", err)
			}
		}
	}
	return f, nil
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// citizenDataDoc renders the answer to a request of access.
func (f citizenFile) doc(on data.Date) *document {
	d := newFramed(frame{org: f.org, title: "Borgerens data", created: on.In(data.Zone())})
	c := f.citizen
	d.heading("Borgerens data: "+c.Name, 16)
	d.paragraph(fmt.Sprintf("Her er alle oplysninger, som %s har registreret om borgeren i Mentorbog pr. %s, til brug ved "+
		"en anmodning om indsigt (databeskyttelsesforordningens artikel 15). Hvem der har set og ændret oplysningerne, "+
		"fremgår af revisionsloggen, som udleveres særskilt.", f.org.Name, dateText(on)))
	d.section("Personoplysninger", 30)
	group := f.targetGroups[c.TargetGroup]
	if group == "" {
		group = c.TargetGroup
	}
	var consents []string
	for _, x := range []struct {
		on   bool
		name string
	}{{c.Consents.VolunteerMentor, "frivillig mentor"}, {c.Consents.SMS, "sms"}, {c.Consents.Email, "e-mail"}} {
		if x.on {
			consents = append(consents, x.name)
		}
	}
	d.facts([][2]string{
		{"Navn", c.Name},
		{"CPR-nummer", orDash(c.MaskedCPR()) + " (det fulde nummer er registreret; vises maskeret)"},
		{"Adresse", orDash(joinNonEmpty(", ", c.Address, joinNonEmpty(" ", c.Postcode, c.City)))},
		{"Telefon", orDash(c.Phone)},
		{"E-mail", orDash(c.Email)},
		{"Modersmål", orDash(c.MotherTongue)},
		{"Behov for tolk", yesNo(c.InterpreterNeeded)},
		{"Målgruppe", orDash(group)},
		{"Samtykker", orDash(strings.Join(consents, ", "))},
		{"Arkiveret", yesNo(c.Archived)},
	})
	d.section("Overleveringsprofil", 20)
	d.textBlock("Ressourcer", c.Profile.Resources)
	d.textBlock("Kompetencer", c.Profile.Competences)
	d.textBlock("Begrænsninger og skånehensyn", c.Profile.Limitations)
	d.textBlock("Udfordringer i hverdagen", c.Profile.Everyday)
	d.textBlock("Hvad virker", c.Profile.WhatWorks)
	if len(f.courses) == 0 {
		d.section("Forløb", 10)
		d.paragraph("Borgeren har ingen forløb.")
	}
	for _, cf := range f.courses {
		f.courseSection(d, cf)
	}
	return d
}

func (f citizenFile) courseSection(d *document, cf courseFile) {
	co := cf.course
	d.pdf.AddPage()
	d.heading(fmt.Sprintf("Forløb nr. %d (%s)", co.ID, strings.ToLower(co.Status.Label())), 13)
	d.facts([][2]string{
		{"Kommune", cf.municipality.Name},
		{"Sagsbehandler", orDash(cf.caseworker.Name)},
		{"Kommunens reference", orDash(co.OrderRef)},
		{"Bestilt", dateText(co.OrderedOn)},
		{"Periode", periodText(co.StartedOn, co.EndedOn)},
		{"Resultat", orDash(co.Outcome.Label())},
	})
	if co.OutcomeNote != "" {
		d.textBlock("Bemærkning til resultatet", co.OutcomeNote)
	}
	d.section("Mentorer", 20)
	var rows [][]string
	var handovers []string
	for _, h := range cf.history {
		rows = append(rows, []string{cf.mentors[h.MentorID].Name, dateText(h.From), dateText(h.To)})
		if h.HandoverNote != "" {
			handovers = append(handovers, dateText(h.To)+": "+h.HandoverNote)
		}
	}
	if len(rows) > 0 {
		d.table([]string{"Mentor", "Fra", "Til"}, []float64{contentWidth - 60, 30, 30}, rows)
	} else {
		d.paragraph("Ingen mentor tilknyttet.")
	}
	if len(handovers) > 0 {
		d.pdf.SetFont(fontFamily, "B", 10)
		d.pdf.MultiCell(contentWidth, lineHeight, "Overleveringsnoter", "", "L", false)
		d.bullets(handovers)
	}
	for i, a := range cf.agreements {
		d.section("Mentoraftale "+periodText(a.Start, a.End)+" ("+extensionText(i)+")", 25)
		d.facts([][2]string{
			{"Timer", grantText(a)},
			{"Timepris", dk.FormatMoney(a.RateOere)},
			{"Roller i fokus", orDash(rolesText(a.Roles))},
			{"Underskrevet", fmt.Sprintf("borger %s · kommune %s · leverandør %s", dateText(a.SignedCitizen), dateText(a.SignedMunicipality), dateText(a.SignedProvider))},
		})
		d.textBlock("Formål", a.Goal)
		d.textBlock("Opgaver", a.Tasks)
	}
	d.section("Mål og scoringer", 20)
	if len(cf.goals) == 0 {
		d.paragraph("Ingen mål.")
	}
	for _, g := range cf.goals {
		d.textBlock(g.Title+" (oprettet "+dateText(g.CreatedOn)+")", g.Description)
		var lines []string
		for _, s := range cf.scores[g.ID] {
			lines = append(lines, joinNonEmpty(" – ", fmt.Sprintf("%s: %d", dateText(s.On), s.Value), s.Note))
		}
		if len(lines) > 0 {
			d.bullets(lines)
		}
	}
	d.section(fmt.Sprintf("Møder (%d)", len(cf.sessions)), 20)
	if len(cf.sessions) > 0 {
		d.table([]string{"Dato", "Tid", "Form", "Kontakttid", "Status"}, []float64{28, 28, 44, 26, contentWidth - 126}, sessionRows(cf.sessions))
	}
	var notes []string
	goalTitle := map[data.ID]string{}
	for _, g := range cf.goals {
		goalTitle[g.ID] = g.Title
	}
	for _, s := range cf.sessions {
		day := dateText(dayOf(s.PlannedStart))
		if s.Note != "" || s.Place != "" {
			notes = append(notes, day+": "+joinNonEmpty(" – ", placeText(s.Place), s.Note))
		}
		for _, g := range s.Goals {
			if g.Note != "" {
				notes = append(notes, day+" (mål: "+goalTitle[g.GoalID]+"): "+g.Note)
			}
		}
	}
	if len(notes) > 0 {
		d.section("Noter fra møderne", 15)
		d.bullets(notes)
	}
	for _, r := range f.reports[co.ID] {
		d.section(fmt.Sprintf("%s %s (%s)", r.Kind.Label(), periodText(r.PeriodStart, r.PeriodEnd), strings.ToLower(r.Status.Label())), 20)
		for _, p := range [][2]string{{"Borgerens situation", r.Situation}, {"Plan", r.Plan},
			{"Afvigelse fra planen", r.Events.Deviation}, {"Sygdom", r.Events.Sickness}, {"Krise", r.Events.Crisis},
			{"Start på job eller uddannelse", r.Events.JobOrEducation}, {"Mentorens vurdering", r.Assessment},
			{"Anbefaling", r.Recommendation.Label()}, {"Borgerens kommentarer", r.CitizenComments}} {
			if strings.TrimSpace(p[1]) != "" {
				d.textBlock(p[0], p[1])
			}
		}
		var comments []string
		for _, c := range f.comments[r.ID] {
			comments = append(comments, dk.FormatDateTime(c.At.In(data.Zone()))+" "+c.Username+": "+c.Text)
		}
		if len(comments) > 0 {
			d.pdf.SetFont(fontFamily, "B", 10)
			d.pdf.MultiCell(contentWidth, lineHeight, "Kommentarer", "", "L", false)
			d.bullets(comments)
		}
	}
}

func placeText(p string) string {
	if p == "" {
		return ""
	}
	return "sted: " + p
}

func missingIfNotFound(err error, format string, args ...any) error {
	if isNotFound(err) {
		return missing(format, args...)
	}
	return err
}
