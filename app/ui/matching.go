package ui

import (
	"context"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// matchingDialog shows the mentors suggested for a course without a
// mentor, best first, each with why it ranks there and a button that
// assigns the mentor.
type matchingDialog struct {
	dlg     *dialog.CustomDialog
	matches []data.MentorMatch // eligible ones, in the order shown
	buttons []*widget.Button   // "Vælg" per match
	reasons []string           // the why-line per match
}

// suggestMentors ranks the mentors for the course's citizen (data.RankMentors)
// on this month's load and shows the suggestions.
func (s *citizensScreen) suggestMentors(co data.Course) {
	ctx := context.Background()
	if _, ok := s.rowByID(co.CitizenID); !ok {
		return
	}
	// The ranking needs the whole record (mother tongue, needs, target
	// group): the page's when the citizen is open, else opened here.
	var citizen data.Citizen
	if s.page != nil && s.page.citizen.ID == co.CitizenID {
		citizen = s.page.citizen
	} else {
		var err error
		if citizen, err = s.st.Citizen(ctx, co.CitizenID); err != nil {
			s.env.showError(err)
			return
		}
	}
	from, to := data.MonthBounds(s.env.today())
	sessions, err := s.st.Sessions(ctx, data.SessionFilter{From: from, To: to})
	if err != nil {
		s.env.showError(err)
		return
	}
	mentors := make([]data.Mentor, 0, len(s.lookups.mentors))
	for _, m := range s.lookups.mentors {
		mentors = append(mentors, m)
	}
	ranked := data.RankMentors(citizen, s.targetGroupName(citizen.TargetGroup), mentors, data.PlannedWeeklyLoad(sessions, s.env.today()))
	md := &matchingDialog{}
	s.matching = md
	rows := container.NewVBox(muted(lang.X("matching.intro",
		"Rækkefølge: taler borgerens modersmål, kompetencer der matcher borgerens behov og målgruppe, og ledig tid denne måned (kapacitet minus planlagte timer).")))
	excluded := 0
	for _, m := range ranked {
		if !m.Eligible {
			excluded++
			continue
		}
		i := len(md.matches)
		why := matchReasons(m, citizen.MotherTongue)
		choose := widget.NewButtonWithIcon(lang.X("matching.choose", "Vælg"), theme.ConfirmIcon(), func() { s.assignSuggested(co, md, i) })
		if i == 0 {
			choose.Importance = widget.HighImportance
		}
		md.matches = append(md.matches, m)
		md.buttons = append(md.buttons, choose)
		md.reasons = append(md.reasons, why)
		title := strconv.Itoa(i+1) + ". " + m.Mentor.Name + " · " + mentorKindText(m.Mentor.Kind)
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(choose), container.NewVBox(bold(title), wrapped(why))))
		rows.Add(widget.NewSeparator())
	}
	if len(md.matches) == 0 {
		rows.Add(muted(lang.X("matching.none", "Ingen aktive mentorer at foreslå.")))
	}
	switch {
	case excluded == 1:
		rows.Add(muted(lang.X("matching.volunteer_left_out", "1 frivillig mentor er udeladt: borgeren har ikke givet samtykke til en frivillig mentor.")))
	case excluded > 1:
		rows.Add(muted(lang.X("matching.volunteers_left_out", "{{.Count}} frivillige mentorer er udeladt: borgeren har ikke givet samtykke til en frivillig mentor.",
			map[string]int{"Count": excluded})))
	}
	title := lang.X("matching.title", "Forslag til mentor for {{.Name}}", map[string]string{"Name": citizen.Name})
	md.dlg = dialog.NewCustom(title, lang.X("matching.close", "Luk"), container.NewVScroll(rows), s.env.window)
	md.dlg.Resize(fyne.NewSize(720, 560))
	md.dlg.Show()
}

// matchReasons says why a mentor ranks where it does:
// "taler arabisk · kompetence: angst · 6,5 t ledig/uge".
func matchReasons(m data.MentorMatch, tongue string) string {
	var parts []string
	if m.SpeaksTongue {
		parts = append(parts, lang.X("matching.speaks", "taler {{.Language}}", map[string]string{"Language": strings.ToLower(strings.TrimSpace(tongue))}))
	} else if strings.TrimSpace(tongue) != "" {
		parts = append(parts, lang.X("matching.not_speaks", "taler ikke {{.Language}}", map[string]string{"Language": strings.ToLower(strings.TrimSpace(tongue))}))
	}
	if len(m.Competences) > 0 {
		parts = append(parts, lang.X("matching.competence", "kompetence: {{.List}}", map[string]string{"List": strings.Join(m.Competences, ", ")}))
	} else {
		parts = append(parts, lang.X("matching.no_competence", "ingen matchende kompetence"))
	}
	// Free time to the nearest half hour: the load is an average, and
	// "20,53 t" would claim a precision it does not have.
	free := math.Round(m.FreeWeeklyMin/30) * 30
	switch {
	case free < 0:
		parts = append(parts, lang.X("matching.full", "fuldt booket ({{.Hours}} t over/uge)", map[string]string{"Hours": dk.FormatHours(int(-free))}))
	case free == 0:
		parts = append(parts, lang.X("matching.no_time", "ingen ledig tid denne måned"))
	default:
		parts = append(parts, lang.X("matching.free", "{{.Hours}} t ledig/uge", map[string]string{"Hours": dk.FormatHours(int(free))}))
	}
	if m.Mentor.Kind == data.MentorVolunteer {
		parts = append(parts, lang.X("matching.volunteer_ok", "frivillig (borgeren har givet samtykke)"))
	}
	return strings.Join(parts, " · ")
}

// assignSuggested makes the i-th suggestion the course's mentor from today.
// There was no mentor before, so there is nothing to hand over.
func (s *citizensScreen) assignSuggested(co data.Course, md *matchingDialog, i int) {
	m := md.matches[i].Mentor
	if err := s.st.AssignMentor(context.Background(), co.ID, m.ID, s.env.today(), ""); err != nil {
		s.env.showError(err)
		return
	}
	md.dlg.Hide()
	s.reloadAndOpen(co.CitizenID)
}
