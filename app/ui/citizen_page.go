package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// citizenPage is one citizen's page: a header with the actions and the
// tabs Profil, Forløb og aftaler, Møder, Mål og progression, Dokumenter
// and Log. Everything is read fresh when the page is built.
type citizenPage struct {
	s       *citizensScreen
	citizen data.Citizen

	courses     []data.Course // newest first
	agreements  map[data.ID][]data.Agreement
	sessions    map[data.ID][]data.Session
	history     map[data.ID][]data.MentorAssignment
	goals       map[data.ID][]data.Goal
	scores      map[data.ID][]data.Score // by goal
	instruments []data.Instrument
}

// Tab indexes, in the order shown.
const (
	tabProfile = iota
	tabCourses
	tabSessions
	tabProgression
	tabDocuments
	tabLog
)

func (p *citizenPage) load(ctx context.Context) error {
	st := p.s.st
	var err error
	if p.courses, err = p.s.citizenCourses(ctx, p.citizen.ID); err != nil {
		return err
	}
	p.agreements = map[data.ID][]data.Agreement{}
	p.sessions = map[data.ID][]data.Session{}
	p.history = map[data.ID][]data.MentorAssignment{}
	p.goals = map[data.ID][]data.Goal{}
	p.scores = map[data.ID][]data.Score{}
	if p.instruments, err = st.Instruments(ctx); err != nil {
		return err
	}
	for _, co := range p.courses {
		if p.agreements[co.ID], err = st.Agreements(ctx, co.ID, data.Date{}); err != nil {
			return err
		}
		slices.SortFunc(p.agreements[co.ID], func(a, b data.Agreement) int { return b.Start.Compare(a.Start) })
		if p.sessions[co.ID], err = st.Sessions(ctx, data.SessionFilter{CourseID: co.ID}); err != nil {
			return err
		}
		if p.history[co.ID], err = st.MentorHistory(ctx, co.ID); err != nil {
			return err
		}
		if p.goals[co.ID], err = st.Goals(ctx, co.ID); err != nil {
			return err
		}
		for _, g := range p.goals[co.ID] {
			if p.scores[g.ID], err = st.Scores(ctx, g.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// build lays the page out with the given tab selected.
func (p *citizenPage) build(tab int) fyne.CanvasObject {
	s := p.s
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("citizen_page.tab_profile", "Profil"), scrolled(p.profileTab())),
		container.NewTabItem(lang.X("citizen_page.tab_courses", "Forløb og aftaler"), scrolled(p.coursesTab())),
		container.NewTabItem(lang.X("citizen_page.tab_sessions", "Møder"), scrolled(p.sessionsTab())),
		container.NewTabItem(lang.X("citizen_page.tab_progression", "Mål og progression"), scrolled(p.progressionTab())),
		container.NewTabItem(lang.X("citizen_page.tab_documents", "Dokumenter"), scrolled(p.documentsTab())),
		container.NewTabItem(lang.X("citizen_page.tab_log", "Log"), scrolled(p.logTab())),
	)
	if tab > 0 && tab < len(s.tabs.Items) {
		s.tabs.SelectIndex(tab)
	}
	return container.NewBorder(p.header(), nil, nil, nil, s.tabs)
}

// scrolled lets a tab's content scroll on its own, so the header and the
// tab bar stay in view.
func scrolled(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(o))
}

// header is the name, the masked CPR and target group, and the actions.
func (p *citizenPage) header() fyne.CanvasObject {
	s, c := p.s, p.citizen
	var actions []fyne.CanvasObject
	edit := widget.NewButtonWithIcon(lang.X("citizen_page.edit", "Redigér"), theme.DocumentCreateIcon(), func() { s.editCitizen(c) })
	actions = append(actions, edit)
	if s.role != data.RoleMentor {
		actions = append(actions, widget.NewButtonWithIcon(lang.X("citizen_page.new_course", "Nyt forløb"), theme.ContentAddIcon(), func() { s.newCourse(c) }))
		archive := widget.NewButtonWithIcon(lang.X("citizen_page.archive", "Arkivér"), theme.FolderIcon(), func() { s.setArchived(c, true) })
		if c.Archived {
			archive = widget.NewButtonWithIcon(lang.X("citizen_page.unarchive", "Genåbn"), theme.FolderOpenIcon(), func() { s.setArchived(c, false) })
		}
		archive.Importance = widget.LowImportance
		actions = append(actions, archive)
	}
	if s.erase != nil {
		del := widget.NewButtonWithIcon(lang.X("citizens.erase", "Slet borger…"), theme.DeleteIcon(), func() { s.confirmErase(c) })
		del.Importance = widget.DangerImportance
		actions = append(actions, del)
	}
	facts := nonEmpty(c.MaskedCPR(), s.targetGroupName(c.TargetGroup))
	if c.Archived {
		facts = append(facts, lang.X("list.archived", "Arkiveret"))
	}
	return container.NewVBox(
		heading(c.Name),
		muted(strings.Join(facts, " · ")),
		container.NewHBox(actions...),
	)
}

func (p *citizenPage) profileTab() fyne.CanvasObject {
	c := p.citizen
	contact := p.s.contactForm(c)
	contact.Append(lang.X("citizen_form.needs", "Behov"), wrapped(orDash(strings.Join(c.Needs, ", "))))
	return container.NewVBox(
		widget.NewCard("", lang.X("citizens.contact", "Kontakt"), contact),
		widget.NewCard("", lang.X("citizens.profile", "Overleveringsprofil"), p.s.profileForm(c.Profile)),
	)
}

func (p *citizenPage) coursesTab() fyne.CanvasObject {
	box := container.NewVBox()
	if len(p.courses) == 0 {
		box.Add(muted(lang.X("citizens.no_courses", "Borgeren har ingen forløb.")))
	}
	for _, co := range p.courses {
		box.Add(p.courseCard(co))
	}
	return box
}

// courseCard shows one course: its facts and actions, the mentor history
// with handover notes, and the agreements with their hours.
func (p *citizenPage) courseCard(co data.Course) fyne.CanvasObject {
	s := p.s
	l := s.lookups
	mentor := lang.X("citizens.no_mentor", "Ingen mentor endnu")
	if co.MentorID != 0 {
		mentor = l.mentors[co.MentorID].Name
	}
	outcome := ""
	if co.Outcome != data.OutcomeNone {
		outcome = outcomeText(co.Outcome)
		if co.OutcomeNote != "" {
			outcome += " – " + co.OutcomeNote
		}
	}
	box := container.NewVBox(readOnlyForm(
		lang.X("field.mentor", "Mentor"), mentor,
		lang.X("field.caseworker", "Sagsbehandler"), l.caseworkers[co.CaseworkerID].Name,
		lang.X("field.order_ref", "Kommunens reference"), co.OrderRef,
		lang.X("field.ordered_on", "Bestilt"), dateText(co.OrderedOn),
		lang.X("field.period", "Periode"), periodText(co.StartedOn, co.EndedOn),
		lang.X("field.outcome", "Resultat"), outcome,
		lang.X("course_form.instrument", "Progressionsværktøj"), p.instrumentOf(co).Name,
	))
	box.Add(p.courseActions(co))
	if h := p.history[co.ID]; len(h) > 0 {
		box.Add(bold(lang.X("course_page.history", "Mentorhistorik")))
		for i := len(h) - 1; i >= 0; i-- {
			box.Add(p.assignmentLine(h[i]))
		}
	}
	agreements := p.agreements[co.ID]
	if len(agreements) == 0 {
		box.Add(muted(lang.X("citizens.no_agreements", "Ingen aftaler på forløbet endnu.")))
	}
	for i, a := range agreements {
		box.Add(widget.NewSeparator())
		hours := data.Account(a, p.sessions[co.ID])
		box.Add(agreementView(a, hours, s.env.today()))
		box.Add(hoursTable(a, p.sessions[co.ID], s.env.today()))
		box.Add(p.agreementActions(co, a, i == 0))
	}
	title := lang.X("citizens.course_title", "Forløb · {{.Status}}", map[string]string{"Status": courseStatusText(co.Status)})
	return widget.NewCard("", title+" · "+l.municipalities[co.MunicipalityID].Name, box)
}

func (p *citizenPage) courseActions(co data.Course) fyne.CanvasObject {
	s := p.s
	if s.role == data.RoleMentor {
		return layout.NewSpacer()
	}
	row := container.NewHBox(
		widget.NewButtonWithIcon(lang.X("course_page.edit", "Redigér forløb"), theme.DocumentCreateIcon(), func() { s.editCourse(co) }),
	)
	if co.Status.Open() {
		row.Add(widget.NewButtonWithIcon(lang.X("course_page.status", "Skift status…"), theme.MediaSkipNextIcon(), func() { s.changeStatus(co) }))
		if co.MentorID == 0 {
			find := widget.NewButtonWithIcon(lang.X("course_page.find_mentor", "Foreslå mentor…"), theme.SearchIcon(), func() { s.suggestMentors(co) })
			find.Importance = widget.HighImportance
			row.Add(find)
		} else {
			row.Add(widget.NewButtonWithIcon(lang.X("course_page.change_mentor", "Skift mentor…"), mentorsIcon(), func() { s.changeMentor(co) }))
		}
		row.Add(widget.NewButtonWithIcon(lang.X("course_page.new_agreement", "Ny aftale"), theme.ContentAddIcon(), func() { s.newAgreement(co) }))
	}
	return row
}

// assignmentLine is one period with one mentor and the handover note
// written when it ended.
func (p *citizenPage) assignmentLine(a data.MentorAssignment) fyne.CanvasObject {
	name := p.s.lookups.mentors[a.MentorID].Name
	period := periodText(a.From, a.To)
	if a.To.IsZero() {
		period = lang.X("course_page.since", "fra {{.Date}} (nuværende)", map[string]string{"Date": dateText(a.From)})
	}
	line := container.NewVBox(iconLine(mentorsIcon(), name+" · "+period, widget.MediumImportance))
	if strings.TrimSpace(a.HandoverNote) != "" {
		line.Add(wrapped(lang.X("course_page.handover", "Overdragelsesnote: {{.Note}}", map[string]string{"Note": a.HandoverNote})))
	}
	return line
}

func (p *citizenPage) agreementActions(co data.Course, a data.Agreement, newest bool) fyne.CanvasObject {
	s := p.s
	if s.role == data.RoleMentor {
		return layout.NewSpacer()
	}
	row := container.NewHBox(layout.NewSpacer(),
		widget.NewButtonWithIcon(lang.X("agreement_page.edit", "Redigér aftale"), theme.DocumentCreateIcon(), func() { s.editAgreement(co, a) }))
	if newest && co.Status.Open() {
		ext := widget.NewButtonWithIcon(lang.X("agreement_page.extend", "Forlæng aftale"), theme.ContentRedoIcon(), func() { s.extendAgreement(co, a) })
		ext.Importance = widget.HighImportance
		row.Add(ext)
	}
	return row
}

// hoursTable shows granted, planned, used and remaining hours for the week
// (this week while the agreement runs, else the average week) and in total.
func hoursTable(a data.Agreement, sessions []data.Session, today data.Date) fyne.CanvasObject {
	cols := columns{130, 0, 0, 0, 0}
	h := hoursOf(a, sessions, today)
	row := func(label string, f hoursFigures) fyne.CanvasObject {
		return cols.row(cell(label), cell(hoursT(f.granted)), cell(hoursT(f.planned)), cell(hoursT(f.used)), cell(hoursT(f.remaining())))
	}
	return container.NewVBox(
		cols.header("", lang.X("hours_table.granted", "Bevilget"), lang.X("hours_table.planned", "Planlagt"),
			lang.X("hours_table.used", "Brugt"), lang.X("hours_table.remaining", "Resterende")),
		row(h.weekLabel, h.week),
		row(lang.X("hours_table.total", "I alt"), h.total),
	)
}

// sessionsTab lists the citizen's sessions of every course, newest first.
func (p *citizenPage) sessionsTab() fyne.CanvasObject {
	var all []data.Session
	for _, co := range p.courses {
		all = append(all, p.sessions[co.ID]...)
	}
	slices.SortFunc(all, func(a, b data.Session) int { return b.PlannedStart.Compare(a.PlannedStart) })
	box := container.NewVBox()
	if len(all) == 0 {
		box.Add(muted(lang.X("citizen_page.no_sessions", "Ingen møder endnu.")))
		return box
	}
	now := p.s.env.now()
	cols := columns{140, 170, 0, 80}
	box.Add(cols.header(lang.X("citizen_page.col_when", "Tid"), lang.X("citizen_page.col_status", "Status"),
		lang.X("citizen_page.col_form", "Form og mentor"), lang.X("citizen_page.col_contact", "Kontakt")))
	for _, se := range all {
		icon, status, imp := sessionStatus(se, now)
		when := dk.FormatDate(se.PlannedStart.In(data.Zone())) + " " + dk.FormatTime(se.PlannedStart.In(data.Zone()))
		contact := ""
		if se.Held() {
			contact = dk.FormatHours(se.ContactMin) + " t"
		}
		what := strings.Join(nonEmpty(formText(se.Form), p.s.lookups.mentors[se.MentorID].Name), " · ")
		box.Add(cols.row(cell(when), iconLine(icon, status, imp), cell(what), cell(contact)))
	}
	return box
}

func (p *citizenPage) documentsTab() fyne.CanvasObject {
	if p.s.documents != nil {
		if o := p.s.documents(p.citizen.ID); o != nil {
			return o
		}
	}
	return muted(lang.X("citizen_page.no_documents", "Ingen dokumenter endnu"))
}

// logTab lists who opened and changed the citizen's data. Mentors do not
// see it; the store refuses them too.
func (p *citizenPage) logTab() fyne.CanvasObject {
	reader, ok := p.s.st.(citizenLogReader)
	if !ok || p.s.role == data.RoleMentor {
		return muted(lang.X("citizen_page.log_hidden", "Loggen kan ses af koordinatorer og administratorer."))
	}
	entries, err := reader.CitizenLog(context.Background(), p.citizen.ID, 200)
	if err != nil {
		return muted(lang.X("citizen_page.log_failed", "Loggen kunne ikke hentes: {{.Error}}", map[string]string{"Error": err.Error()}))
	}
	box := container.NewVBox(muted(lang.X("citizen_page.log_intro", "Hvem har åbnet og ændret borgerens oplysninger (nyeste først).")))
	cols := columns{140, 130, 130, 0}
	box.Add(cols.header(lang.X("citizen_page.col_time", "Tidspunkt"), lang.X("citizen_page.col_user", "Bruger"),
		lang.X("citizen_page.col_action", "Handling"), lang.X("citizen_page.col_detail", "Detaljer")))
	for _, e := range entries {
		box.Add(cols.row(cell(dk.FormatDateTime(e.At.In(data.Zone()))), cell(orDash(e.Username)),
			cell(e.Action.Label()), cell(e.Detail)))
	}
	if len(entries) == 0 {
		box.Add(muted(lang.X("citizen_page.log_empty", "Ingen poster.")))
	}
	return box
}

// instrumentOf is the course's instrument, else the default one.
func (p *citizenPage) instrumentOf(co data.Course) data.Instrument {
	return instrumentFor(p.instruments, co.InstrumentID)
}

func instrumentFor(instruments []data.Instrument, id data.ID) data.Instrument {
	var def data.Instrument
	for _, in := range instruments {
		if in.ID == id && id != 0 {
			return in
		}
		if in.IsDefault && def.ID == 0 {
			def = in
		}
	}
	if def.ID == 0 {
		return data.DefaultInstrument()
	}
	return def
}

// latestScore shows the newest score of a goal, "6 (12-11-2026)".
func latestScore(scores []data.Score) string {
	if len(scores) == 0 {
		return lang.X("progression.no_scores", "Ingen scorer endnu")
	}
	last := scores[len(scores)-1]
	return fmt.Sprintf("%d (%s)", last.Value, dateText(last.On))
}
