package ui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// editGoal opens the form for a course goal: title, description, the
// instrument domain it belongs to, when it was set and whether it is met.
func (s *citizensScreen) editGoal(co data.Course, g data.Goal, in data.Instrument) {
	ed := newEditor(s.env, s.st, "", "")
	s.form = ed
	if g.CreatedOn.IsZero() {
		g.CreatedOn = s.env.today()
	}
	ed.entry("title", lang.X("goal_form.title", "Mål"), g.Title)
	ed.multiline("description", lang.X("goal_form.description", "Beskrivelse"), g.Description, 3)
	domains := append([]string{lang.X("citizen_form.none", "(ingen)")}, in.Domains...)
	domain := g.Domain
	if domain == "" {
		domain = domains[0]
	}
	ed.choice("domain", lang.X("goal_form.domain", "Domæne"), domains, domain)
	ed.dateEntry("created_on", lang.X("goal_form.created_on", "Sat den"), g.CreatedOn)
	ed.checkbox("achieved", "", lang.X("goal_form.achieved", "Målet er nået"), g.Achieved)
	read := func() data.Goal {
		out := g
		out.CourseID = co.ID
		out.Title, out.Description = strings.TrimSpace(ed.text("title")), strings.TrimSpace(ed.text("description"))
		out.Domain = ed.text("domain")
		if out.Domain == domains[0] {
			out.Domain = ""
		}
		out.CreatedOn = ed.dateValue("created_on")
		out.Achieved = ed.text("achieved") != ""
		return out
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		out := read()
		return s.st.SaveGoal(ctx, &out)
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	if g.ID != 0 {
		// Someone else saved the goal meanwhile: the next save goes on top
		// of their version; the goal list behind the form shows it.
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			goals, err := s.st.Goals(ctx, co.ID)
			if err != nil {
				return nil, err
			}
			for _, fresh := range goals {
				if fresh.ID == g.ID {
					g = fresh
					return nil, nil
				}
			}
			return nil, data.ErrNotFound
		}
	}
	title := lang.X("goal_form.new", "Nyt mål")
	if g.ID != 0 {
		title = lang.X("goal_form.edit", "Redigér mål")
	}
	ed.showDialog(title, fyne.NewSize(620, 520), nil)
}

// recordScore records a score of one of the course's goals on a day,
// checked against the instrument's scale; the anchors explain the values.
func (s *citizensScreen) recordScore(co data.Course, goals []data.Goal, in data.Instrument) {
	if len(goals) == 0 {
		return
	}
	ed := newEditor(s.env, s.st, "", "")
	s.form = ed
	var goalChoices choices
	for _, g := range goals {
		goalChoices.add(g.Title, g.ID)
	}
	ed.choice("goal", lang.X("score_form.goal", "Mål"), goalChoices.labels, goalChoices.labels[0])
	ed.dateEntry("on", lang.X("score_form.on", "Dato"), s.env.today())
	var values []string
	for v := in.ScaleMin; v <= in.ScaleMax; v++ {
		label := strconv.Itoa(v)
		if a := in.Anchors[v]; a != "" {
			label += " – " + a
		}
		values = append(values, label)
	}
	ed.choice("value", lang.X("score_form.value", "Score"), values, "")
	ed.multiline("note", lang.X("score_form.note", "Note"), "", 3)
	read := func() data.Score {
		sc := data.Score{GoalID: goalChoices.id(ed.text("goal")), On: ed.dateValue("on"), Value: in.ScaleMin - 1}
		if v, err := strconv.Atoi(strings.SplitN(ed.text("value"), " ", 2)[0]); err == nil {
			sc.Value = v
		}
		sc.Note = strings.TrimSpace(ed.text("note"))
		return sc
	}
	ed.check = func() data.Problems { return read().ValidateOn(in) }
	ed.save = func(ctx context.Context) error {
		sc := read()
		return s.st.SaveScore(ctx, &sc)
	}
	ed.saved = func() { s.reloadAndOpen(co.CitizenID) }
	ed.showDialog(lang.X("score_form.title", "Registrér score"), fyne.NewSize(620, 480), muted(scaleText(in)))
}

// manageInstruments lists the progression instruments with a button to
// define a new one or edit one.
func (s *citizensScreen) manageInstruments() {
	instruments, err := s.st.Instruments(context.Background())
	if err != nil {
		s.env.showError(err)
		return
	}
	var dlg *dialog.CustomDialog
	rows := container.NewVBox(muted(lang.X("progression_tool.intro", "Et progressionsværktøj har domæner, en skala og ankertekster. Vælg værktøjet på forløbet.")))
	for _, in := range instruments {
		in := in
		name := in.Name
		if in.IsDefault {
			name += " " + lang.X("course_form.default", "(standard)")
		}
		edit := widget.NewButtonWithIcon(lang.X("progression_tool.edit", "Redigér"), theme.DocumentCreateIcon(), func() {
			dlg.Hide()
			s.editInstrument(in)
		})
		rows.Add(container.NewBorder(nil, nil, nil, edit, container.NewVBox(bold(name), muted(scaleText(in)))))
	}
	add := widget.NewButtonWithIcon(lang.X("progression_tool.new", "Nyt værktøj"), theme.ContentAddIcon(), func() {
		dlg.Hide()
		s.editInstrument(data.Instrument{ScaleMin: 1, ScaleMax: 10})
	})
	add.Importance = widget.HighImportance
	rows.Add(container.NewHBox(add))
	dlg = dialog.NewCustom(lang.X("progression_tool.title", "Progressionsværktøjer"), lang.X("progression_tool.close", "Luk"),
		container.NewVScroll(rows), s.env.window)
	dlg.Resize(fyne.NewSize(640, 480))
	dlg.Show()
}

// editInstrument defines or edits an instrument: name, scale, one domain
// a line, and anchors as "1 = Slet ikke" a line.
func (s *citizensScreen) editInstrument(in data.Instrument) {
	ed := newEditor(s.env, s.st, "", "")
	s.form = ed
	ed.entry("name", lang.X("progression_tool.name", "Navn"), in.Name)
	ed.entry("scale_min", lang.X("progression_tool.scale_min", "Skala fra"), strconv.Itoa(in.ScaleMin))
	ed.entry("scale", lang.X("progression_tool.scale_max", "Skala til"), strconv.Itoa(in.ScaleMax))
	ed.multiline("domains", lang.X("progression_tool.domains", "Domæner (ét pr. linje)"), strings.Join(in.Domains, "\n"), 5)
	ed.multiline("anchors", lang.X("progression_tool.anchors", "Ankertekster (fx 1 = Slet ikke)"), anchorsText(in.Anchors), 4)
	ed.checkbox("is_default", "", lang.X("progression_tool.default", "Standard for nye forløb"), in.IsDefault)
	number := func(name, label string) func() string {
		return func() string {
			if _, err := strconv.Atoi(strings.TrimSpace(ed.text(name))); err != nil {
				return lang.X("progression_tool.number", "{{.Field}}: skriv et helt tal.", map[string]string{"Field": label})
			}
			return ""
		}
	}
	ed.byName["scale_min"].parse = number("scale_min", lang.X("progression_tool.scale_min", "Skala fra"))
	ed.byName["scale"].parse = number("scale", lang.X("progression_tool.scale_max", "Skala til"))
	ed.byName["anchors"].parse = func() string {
		if _, bad := parseAnchors(ed.text("anchors")); bad != "" {
			return lang.X("progression_tool.anchor_bad", "Ankertekster: skriv »tal = tekst« på hver linje (fejl i »{{.Line}}«).", map[string]string{"Line": bad})
		}
		return ""
	}
	read := func() data.Instrument {
		out := in
		out.Name = strings.TrimSpace(ed.text("name"))
		out.ScaleMin, _ = strconv.Atoi(strings.TrimSpace(ed.text("scale_min")))
		out.ScaleMax, _ = strconv.Atoi(strings.TrimSpace(ed.text("scale")))
		out.Domains = nil
		for _, line := range strings.Split(ed.text("domains"), "\n") {
			if d := strings.TrimSpace(line); d != "" {
				out.Domains = append(out.Domains, d)
			}
		}
		out.Anchors, _ = parseAnchors(ed.text("anchors"))
		out.IsDefault = ed.text("is_default") != ""
		return out
	}
	ed.check = func() data.Problems { return read().Validate() }
	ed.save = func(ctx context.Context) error {
		out := read()
		return s.st.SaveInstrument(ctx, &out)
	}
	ed.saved = func() {
		if s.selected != 0 {
			s.reloadAndOpen(s.selected)
		}
	}
	if in.ID != 0 {
		ed.reload = func(ctx context.Context) (map[string]string, error) {
			list, err := s.st.Instruments(ctx)
			if err != nil {
				return nil, err
			}
			for _, fresh := range list {
				if fresh.ID == in.ID {
					in = fresh
					return nil, nil
				}
			}
			return nil, data.ErrNotFound
		}
	}
	title := lang.X("progression_tool.new", "Nyt værktøj")
	if in.ID != 0 {
		title = lang.X("progression_tool.edit_title", "Redigér værktøj")
	}
	ed.showDialog(title, fyne.NewSize(620, 600), nil)
}

func anchorsText(anchors map[int]string) string {
	values := make([]int, 0, len(anchors))
	for v := range anchors {
		values = append(values, v)
	}
	sort.Ints(values)
	var lines []string
	for _, v := range values {
		lines = append(lines, fmt.Sprintf("%d = %s", v, anchors[v]))
	}
	return strings.Join(lines, "\n")
}

// parseAnchors reads "1 = Slet ikke" lines; bad is the first line that is
// not of that form.
func parseAnchors(text string) (anchors map[int]string, bad string) {
	anchors = map[int]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		value, label, ok := strings.Cut(line, "=")
		v, err := strconv.Atoi(strings.TrimSpace(value))
		if !ok || err != nil || strings.TrimSpace(label) == "" {
			return anchors, line
		}
		anchors[v] = strings.TrimSpace(label)
	}
	return anchors, ""
}
