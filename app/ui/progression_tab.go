package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// progressionTab shows each course's goals with their newest score and a
// chart of the scores over time.
func (p *citizenPage) progressionTab() fyne.CanvasObject {
	box := container.NewVBox()
	if len(p.courses) == 0 {
		box.Add(muted(lang.X("citizens.no_courses", "Borgeren har ingen forløb.")))
	}
	for _, co := range p.courses {
		box.Add(p.progressionCard(co))
	}
	return box
}

func (p *citizenPage) progressionCard(co data.Course) fyne.CanvasObject {
	s := p.s
	in := p.instrumentOf(co)
	goals := p.goals[co.ID]
	box := container.NewVBox(muted(scaleText(in)))
	if s.role != data.RoleMentor {
		score := widget.NewButtonWithIcon(lang.X("progression.record", "Registrér score"), theme.ContentAddIcon(), func() { s.recordScore(co, goals, in) })
		if len(goals) == 0 {
			score.Disable()
		}
		box.Add(container.NewHBox(
			widget.NewButtonWithIcon(lang.X("progression.new_goal", "Nyt mål"), theme.ContentAddIcon(), func() { s.editGoal(co, data.Goal{CourseID: co.ID}, in) }),
			score,
			widget.NewButtonWithIcon(lang.X("progression.instruments", "Progressionsværktøjer…"), theme.SettingsIcon(), func() { s.manageInstruments() }),
		))
	}
	if len(goals) == 0 {
		box.Add(muted(lang.X("progression.no_goals", "Ingen mål på forløbet endnu.")))
	}
	var series []chartSeries
	for _, g := range goals {
		if sc := p.scores[g.ID]; len(sc) > 0 {
			series = append(series, chartSeries{name: g.Title, points: sc})
		}
	}
	// The chart comes first: how the citizen is doing at a glance.
	if len(series) > 0 {
		box.Add(bold(lang.X("progression.chart", "Udvikling over tid")))
		box.Add(newProgressChart(series, in.ScaleMin, in.ScaleMax))
		box.Add(chartLegend(series))
		box.Add(widget.NewSeparator())
	}
	for _, g := range goals {
		box.Add(p.goalLine(co, g, in))
	}
	title := lang.X("citizens.course_title", "Forløb · {{.Status}}", map[string]string{"Status": courseStatusText(co.Status)})
	return widget.NewCard("", title+" · "+in.Name, box)
}

// goalLine is a goal with its domain, newest score and an edit button.
func (p *citizenPage) goalLine(co data.Course, g data.Goal, in data.Instrument) fyne.CanvasObject {
	facts := nonEmpty(g.Domain, lang.X("progression.latest", "Seneste score: {{.Score}}", map[string]string{"Score": latestScore(p.scores[g.ID])}))
	if g.Achieved {
		facts = append(facts, lang.X("progression.achieved", "Nået"))
	}
	text := container.NewVBox(bold(g.Title), muted(strings.Join(facts, " · ")))
	if g.Description != "" {
		text.Add(wrapped(g.Description))
	}
	if p.s.role == data.RoleMentor {
		return text
	}
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.s.editGoal(co, g, in) })
	edit.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewVBox(edit), text)
}

// scaleText explains the scale with its anchors: "Skala 1–10: 1 = Slet
// ikke · 5 = Delvist · 10 = I høj grad".
func scaleText(in data.Instrument) string {
	values := make([]int, 0, len(in.Anchors))
	for v := range in.Anchors {
		values = append(values, v)
	}
	sort.Ints(values)
	var parts []string
	for _, v := range values {
		parts = append(parts, fmt.Sprintf("%d = %s", v, in.Anchors[v]))
	}
	text := lang.X("progression.scale", "Skala {{.Min}}–{{.Max}}", map[string]int{"Min": in.ScaleMin, "Max": in.ScaleMax})
	if len(parts) > 0 {
		text += ": " + strings.Join(parts, " · ")
	}
	return text
}
