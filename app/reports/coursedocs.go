package reports

import (
	"fmt"
	"strconv"
	"strings"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// hoursText is "12,5 t".
func hoursText(min int) string { return dk.FormatHours(min) + " t" }

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return strings.Join(out, sep)
}

// extensionText says which period an agreement is: the first or the n-th
// extension.
func extensionText(index int) string {
	if index == 0 {
		return "første periode"
	}
	return fmt.Sprintf("forlængelse nr. %d", index)
}

// grantText is "1,5 t pr. uge (i alt 39 t)" or "26 t i alt".
func grantText(a data.Agreement) string {
	scope := ""
	if a.Scope == data.PerPlace {
		scope = ", pladsmentor"
	}
	if a.HoursBasis == data.HoursPerWeek {
		return fmt.Sprintf("%s pr. uge (i alt %s)%s", hoursText(a.GrantedMin), hoursText(a.GrantedTotalMin()), scope)
	}
	return fmt.Sprintf("%s i alt for perioden%s", hoursText(a.GrantedMin), scope)
}

func rolesText(rs data.Roles) string {
	var names []string
	for _, r := range rs.List() {
		names = append(names, r.Label())
	}
	return joinNonEmpty(", ", names...)
}

// partyFacts are the parties every course document starts with.
func (f courseFile) partyFacts() [][2]string {
	m := f.mentor()
	org := f.org
	facts := [][2]string{
		{"Leverandør", joinNonEmpty(" · ", org.Name, cvrText(org.CVR), joinNonEmpty(", ", org.Address, joinNonEmpty(" ", org.Postcode, org.City)), org.Phone, org.Email)},
		{"Mentor", orDash(joinNonEmpty(" · ", m.Name, m.Phone, m.Email))},
	}
	if m.Qualifications != "" {
		facts = append(facts, [2]string{"Kvalifikationer", m.Qualifications})
	}
	facts = append(facts,
		[2]string{f.municipalityLabel(), orDash(f.municipality.Name)},
		[2]string{"Sagsbehandler", orDash(joinNonEmpty(" · ", f.caseworker.Name, f.caseworker.Phone, f.caseworker.Email))},
		[2]string{"Borger", f.citizen.Name},
		[2]string{"CPR-nummer", orDash(f.citizen.MaskedCPR())},
		[2]string{"Forløb", joinNonEmpty(" · ", "nr. "+strconv.FormatInt(f.course.ID, 10), refText(f.course.OrderRef), f.course.Status.Label())},
	)
	return facts
}

func (f courseFile) municipalityLabel() string {
	if f.org.JobcentreLabel == data.LabelJobcenter {
		return "Jobcenter"
	}
	return "Kommune"
}

func cvrText(cvr string) string {
	if cvr == "" {
		return ""
	}
	return "CVR " + cvr
}

func refText(ref string) string {
	if ref == "" {
		return ""
	}
	return "kommunens reference " + ref
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// goalTitles lists the titles of the agreement's goals (or all goals).
func (f courseFile) goalTitles(ids []data.ID) []string {
	var out []string
	for _, g := range f.goals {
		if len(ids) == 0 || containsID(ids, g.ID) {
			out = append(out, joinNonEmpty(": ", g.Title, g.Description))
		}
	}
	return out
}

func containsID(ids []data.ID, id data.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// agreementDoc is the mentoraftale with every item the law requires and
// signature lines for the three parties.
func (f courseFile) agreementDoc(a data.Agreement, index int, on data.Date) *document {
	d := newFramed(frame{org: f.org, title: "Mentoraftale", created: on.In(data.Zone())})
	d.heading("Aftale om mentorstøtte", 16)
	d.facts(f.partyFacts())
	d.section("Aftalens indhold", 30)
	d.facts([][2]string{
		{"Periode", periodText(a.Start, a.End) + " (" + extensionText(index) + ")"},
		{"Timer", grantText(a)},
		{"Timepris", dk.FormatMoney(a.RateOere)},
		{"Roller i fokus", orDash(rolesText(a.Roles))},
	})
	d.textBlock("Formålet med mentorstøtten", a.Goal)
	if titles := f.goalTitles(a.GoalIDs); len(titles) > 0 && len(a.GoalIDs) > 0 {
		d.pdf.SetFont(fontFamily, "B", 10)
		d.pdf.MultiCell(contentWidth, lineHeight, "Mål i perioden", "", "L", false)
		d.bullets(titles)
	}
	d.textBlock("Opgaver, mentoren hjælper med", a.Tasks)
	m := f.mentor()
	d.textBlock("Mentorens navn og kontaktoplysninger", joinNonEmpty(" · ", m.Name, m.Phone, m.Email))
	d.textBlock("Mentorens kvalifikationer", m.Qualifications)
	d.textBlock("Lovgrundlag", firstNonEmpty(a.LegalBasis, f.org.LegalBasis))
	d.textBlock("Klagevejledning", firstNonEmpty(a.ComplaintGuidance, f.org.ComplaintGuidance))
	d.section("Underskrifter", 40)
	d.signatures([]string{"Borger: " + f.citizen.Name, f.municipalityLabel() + ": " + f.municipality.Name, "Leverandør: " + f.org.Name},
		[]string{signedText(a.SignedCitizen), signedText(a.SignedMunicipality), signedText(a.SignedProvider)})
	return d
}

func signedText(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return dateText(d)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// writtenFrame is the frame of a written report; unapproved ones are drafts.
func (f courseFile) writtenFrame(kind data.ReportKind, on data.Date, draft bool) *document {
	d := newFramed(frame{org: f.org, title: kind.Label(), created: on.In(data.Zone()), draft: draft})
	d.heading(kind.Label(), 16)
	if draft {
		d.notice("UDKAST – rapporten er ikke godkendt og må ikke sendes til kommunen.", true)
	}
	return d
}

// startNoteDoc is the opstartsnotat after the first meeting.
func (f courseFile) startNoteDoc(r data.Report, on data.Date, draft bool) *document {
	d := f.writtenFrame(data.KindStart, on, draft)
	facts := f.partyFacts()
	if a, i, ok := f.agreementFor(r.AgreementID, r.PeriodStart, r.PeriodEnd); ok {
		facts = append(facts, [2]string{"Mentoraftale", periodText(a.Start, a.End) + " (" + extensionText(i) + "), " + grantText(a)})
	}
	facts = append(facts, [2]string{"Første møde", dateText(f.firstHeld())})
	d.facts(facts)
	d.section("Borgerens situation", 20)
	d.paragraph(orDash(r.Situation))
	d.section("Mål", 20)
	if titles := f.goalTitles(nil); len(titles) > 0 {
		d.bullets(titles)
	} else {
		d.paragraph("Der er endnu ikke aftalt mål.")
	}
	d.section("Plan", 20)
	d.paragraph(orDash(r.Plan))
	d.textBlock("Borgerens kommentarer", r.CitizenComments)
	f.closing(d, r, on)
	return d
}

// firstHeld is the day of the first held session.
func (f courseFile) firstHeld() data.Date {
	for _, s := range f.sessions {
		if s.Held() {
			return dayOf(s.PlannedStart)
		}
	}
	return data.Date{}
}

// closing writes the date, the approval and the mentor's signature line.
func (f courseFile) closing(d *document, r data.Report, on data.Date) {
	d.section("Dato og underskrift", 40)
	lines := [][2]string{{"Dato", dateText(on)}}
	if !r.ApprovedAt.IsZero() && (r.Status == data.ReportApproved || r.Status == data.ReportSent) {
		lines = append(lines, [2]string{"Godkendt af", r.ApprovedByName + ", " + dateText(dayOf(r.ApprovedAt))})
	}
	d.facts(lines)
	d.signatures([]string{"Mentor: " + f.mentor().Name, "Leverandør: " + f.org.Name}, nil)
}

// periodHours is the delivery of one report period against its agreement.
type periodHours struct {
	agreement  data.Agreement
	index      int
	granted    int
	usedPeriod int
	usedTotal  int
	period     data.Hours // counts of the period
}

func (p periodHours) remaining() int { return p.granted - p.usedTotal }

// deliveryFor computes the hours of a report period: used in the period
// over every agreement, used in total and remaining against the agreement
// the period belongs to, counting sessions up to the period's end.
func (f courseFile) deliveryFor(a data.Agreement, index int, from, to data.Date) periodHours {
	period := data.Account(data.Agreement{CourseID: f.course.ID, Start: from, End: to}, f.sessions)
	upTo := sessionsIn(f.sessions, data.Date{}, to)
	total := data.Account(a, upTo)
	return periodHours{agreement: a, index: index, granted: total.GrantedMin, usedPeriod: period.UsedMin,
		usedTotal: total.UsedMin, period: period}
}

// statusDoc is the periodic statusrapport.
func (f courseFile) statusDoc(r data.Report, on data.Date, draft bool) (*document, error) {
	from, to := r.PeriodStart, r.PeriodEnd
	a, index, ok := f.agreementFor(r.AgreementID, from, to)
	if !ok {
		return nil, missing("Forløb %d har ingen mentoraftale i perioden %s.", f.course.ID, periodText(from, to))
	}
	h := f.deliveryFor(a, index, from, to)
	d := f.writtenFrame(data.KindStatus, on, draft)
	facts := append(f.partyFacts(), [2]string{"Rapportperiode", periodText(from, to)})
	d.facts(facts)

	d.section("Mentoraftalen", 30)
	d.facts([][2]string{
		{"Aftaleperiode", periodText(a.Start, a.End) + " (" + extensionText(index) + ")"},
		{"Bevilget", grantText(a)},
		{"Formål", orDash(a.Goal)},
		{"Opgaver", orDash(a.Tasks)},
	})

	d.section("Timer", 40)
	d.tableWith(tableStyle{aligns: "LR"}, []string{"", "Timer"}, []float64{contentWidth - 40, 40}, [][]string{
		{"Bevilget i aftaleperioden " + periodText(a.Start, a.End), hoursText(h.granted)},
		{"Brugt i rapportperioden", hoursText(h.usedPeriod)},
		{"Brugt i alt i aftaleperioden til " + dateText(minDate(to, a.End)), hoursText(h.usedTotal)},
		{"Resterende", hoursText(h.remaining())},
	})

	period := sessionsIn(f.sessions, from, to)
	d.section(fmt.Sprintf("Møder i perioden (%d)", len(period)), 20)
	if len(period) == 0 {
		d.paragraph("Der er ingen møder i perioden.")
	} else {
		d.table([]string{"Dato", "Tid", "Form", "Kontakttid", "Status"}, []float64{28, 28, 44, 26, contentWidth - 126}, sessionRows(period))
	}
	d.section("Udeblivelser og aflysninger", 20)
	d.facts(absenceFacts(period))

	d.section("Mål og progression", 40)
	f.goalBlocks(d, to)
	d.section("Scoringer over tid", chartHeight+15)
	f.scoreChart(d, to)
	d.section("Timer pr. uge mod bevillingen", chartHeight+15)
	d.hoursChart(weeksOf(a, f.sessions, from, to), a.GrantedWeeklyMin())

	f.narrative(d, r)
	f.closing(d, r, on)
	return d, nil
}

func minDate(a, b data.Date) data.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// weeksOf is the agreement's weeks (data.WeeklyHours) that overlap
// from..to, worked out week by week from the first of them: WeeklyHours
// accounts every week of the agreement, each over every session of the
// course, when the chart shows only the report period's.
func weeksOf(a data.Agreement, sessions []data.Session, from, to data.Date) []data.PeriodHours {
	if a.Start.IsZero() || a.End.IsZero() {
		return nil
	}
	var out []data.PeriodHours
	day := from
	if day.Before(a.Start) {
		day = a.Start
	}
	// Each week counts the sessions on its days, which lie within a week
	// of the period: the rest of the course's sessions need not be looked
	// at for every week.
	sessions = sessionsIn(sessions, day.AddDays(-7), to.AddDays(7))
	for {
		w, ok := data.WeekOf(a, sessions, day)
		if !ok || w.Start.After(to) {
			return out
		}
		out = append(out, w)
		day = w.End.AddDays(1)
	}
}

// sessionRows is one table row per session.
func sessionRows(sessions []data.Session) [][]string {
	rows := make([][]string, 0, len(sessions))
	for _, s := range sessions {
		start, end := s.PlannedStart, s.PlannedEnd
		if !s.ActualStart.IsZero() {
			start, end = s.ActualStart, s.ActualEnd
		}
		contact := "–"
		if s.Held() {
			contact = hoursText(s.ContactMin)
		}
		rows = append(rows, []string{dateText(dayOf(s.PlannedStart)),
			dk.FormatTime(start.In(data.Zone())) + "–" + dk.FormatTime(end.In(data.Zone())), s.Form.Label(), contact, s.Status.Label()})
	}
	return rows
}

// absenceFacts lists no-shows and cancellations with their dates.
func absenceFacts(sessions []data.Session) [][2]string {
	dates := map[data.SessionStatus][]string{}
	for _, s := range sessions {
		dates[s.Status] = append(dates[s.Status], dateText(dayOf(s.PlannedStart)))
	}
	line := func(st data.SessionStatus) [2]string {
		list := dates[st]
		if len(list) == 0 {
			return [2]string{st.Label(), "ingen"}
		}
		return [2]string{st.Label(), fmt.Sprintf("%d: %s", len(list), strings.Join(list, ", "))}
	}
	return [][2]string{line(data.SessionNoShow), line(data.SessionCancelledCitizen), line(data.SessionCancelledMentor)}
}

// goalBlocks writes each goal with its latest scores up to `to`.
func (f courseFile) goalBlocks(d *document, to data.Date) {
	if len(f.goals) == 0 {
		d.paragraph("Der er ingen mål på forløbet.")
		return
	}
	in := f.instrument
	for _, g := range f.goals {
		var scores []data.Score
		for _, s := range f.scores[g.ID] {
			if !s.On.After(to) {
				scores = append(scores, s)
			}
		}
		d.keepTogether(16)
		d.pdf.SetFont(fontFamily, "B", 10)
		title := g.Title
		if g.Achieved {
			title += " (nået)"
		}
		d.pdf.MultiCell(contentWidth, lineHeight, clean(title), "", "L", false)
		d.pdf.SetFont(fontFamily, "", 10)
		line := "Ingen scoringer endnu."
		if n := len(scores); n > 0 {
			last := scores[n-1]
			line = fmt.Sprintf("Seneste score: %d af %d (%s)", last.Value, in.ScaleMax, dateText(last.On))
			if n > 1 {
				prev := scores[n-2]
				line += fmt.Sprintf(" · forrige: %d (%s) · første: %d (%s)", prev.Value, dateText(prev.On), scores[0].Value, dateText(scores[0].On))
			}
			if last.Note != "" {
				line += "\n" + last.Note
			}
		}
		d.pdf.MultiCell(contentWidth, lineHeight, clean(line), "", "L", false)
		d.pdf.Ln(2)
	}
}

// scoreChart draws every goal's scores up to `to`.
func (f courseFile) scoreChart(d *document, to data.Date) {
	var series []goalSeries
	for _, g := range f.goals {
		var scores []data.Score
		for _, s := range f.scores[g.ID] {
			if !s.On.After(to) {
				scores = append(scores, s)
			}
		}
		series = append(series, goalSeries{title: g.Title, scores: scores})
	}
	from := f.course.StartedOn
	if from.IsZero() || from.After(to) {
		from = to
	}
	d.scoreChart(series, f.instrument.ScaleMin, f.instrument.ScaleMax, from, to)
}

// narrative writes the written part: events, assessment, recommendation,
// the citizen's comments.
func (f courseFile) narrative(d *document, r data.Report) {
	d.section("Hændelser, kommunen skal kende til", 20)
	if !r.Events.Any() {
		d.paragraph("Ingen afvigelser, sygdom, kriser eller start på job eller uddannelse i perioden.")
	} else {
		for _, e := range [][2]string{{"Afvigelse fra planen", r.Events.Deviation}, {"Sygdom", r.Events.Sickness},
			{"Krise", r.Events.Crisis}, {"Start på job eller uddannelse", r.Events.JobOrEducation}} {
			if strings.TrimSpace(e[1]) != "" {
				d.textBlock(e[0], e[1])
			}
		}
	}
	d.section("Mentorens vurdering og anbefaling", 20)
	d.paragraph(orDash(r.Assessment))
	rec := orDash(r.Recommendation.Label())
	if r.Recommendation == data.RecommendExtend && r.SuggestedHoursMin > 0 {
		rec += fmt.Sprintf(", foreslået %s pr. uge", hoursText(r.SuggestedHoursMin))
	}
	d.facts([][2]string{{"Anbefaling", rec}})
	d.section("Borgerens kommentarer", 15)
	d.paragraph(orDash(r.CitizenComments))
}

// finalDoc is the slutrapport over the whole course and all its agreements.
func (f courseFile) finalDoc(r data.Report, on data.Date, draft bool) (*document, error) {
	if len(f.agreements) == 0 {
		return nil, missing("Forløb %d har ingen mentoraftale; en slutrapport kræver mindst én.", f.course.ID)
	}
	d := f.writtenFrame(data.KindFinal, on, draft)
	first, last := f.agreements[0].Start, f.agreements[len(f.agreements)-1].End
	start := firstDate(f.course.StartedOn, first)
	end := firstDate(f.course.EndedOn, last)
	outcome := orDash(f.course.Outcome.Label())
	d.facts(append(f.partyFacts(), [2]string{"Forløbets periode", periodText(start, end)}, [2]string{"Resultat", outcome}))
	if f.course.OutcomeNote != "" {
		d.textBlock("Om resultatet", f.course.OutcomeNote)
	}
	d.section("Mentoraftaler og timer", 30)
	var rows [][]string
	var granted, used, held, noShows int
	for i, a := range f.agreements {
		h := data.Account(a, f.sessions)
		granted, used, held, noShows = granted+h.GrantedMin, used+h.UsedMin, held+h.Held, noShows+h.NoShows
		rows = append(rows, []string{periodText(a.Start, a.End), extensionText(i), hoursText(h.GrantedMin), hoursText(h.UsedMin),
			hoursText(h.RemainingMin()), strconv.Itoa(h.Held), strconv.Itoa(h.NoShows)})
	}
	rows = append(rows, []string{"I alt", "", hoursText(granted), hoursText(used), hoursText(granted - used), strconv.Itoa(held), strconv.Itoa(noShows)})
	d.tableWith(tableStyle{aligns: "LLRRRRR", total: true}, []string{"Periode", "Aftale", "Bevilget", "Brugt", "Resterende", "Møder", "Udebl."},
		[]float64{44, 34, 22, 20, 24, 15, contentWidth - 159}, rows)
	d.section("Fremmøde", 20)
	d.facts(absenceFacts(f.sessions))
	d.section("Mål og progression", 40)
	f.goalBlocks(d, end)
	d.section("Scoringer over hele forløbet", chartHeight+15)
	f.scoreChart(d, end)
	f.narrative(d, r)
	f.closing(d, r, on)
	return d, nil
}

func firstDate(d, fallback data.Date) data.Date {
	if d.IsZero() {
		return fallback
	}
	return d
}
