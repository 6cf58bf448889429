package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorbog/data"
)

// Office hours: sessions lie between 08:00 and 16:00.
const (
	dayStartMin = 8 * 60
	dayEndMin   = 16 * 60
	// breakMin is kept free between two of a mentor's sessions for travel.
	breakMin = 15
)

// span is booked time of a day, in minutes after midnight.
type span struct{ start, end int }

// slot is one session in the making.
type slot struct {
	day           data.Date
	start, length int
	form          data.SessionForm
	place         string
	openers       []string // sentences that may open the note
	agreement     *agreement
	mentor        *mentor
	first, last   bool
}

// saveSessions plans and saves the course's sessions, scoring its goals at
// a held session about every four weeks.
func (g *generator) saveSessions(ctx context.Context, c *course) error {
	if c.Status == data.CourseOrdered {
		return nil
	}
	slots := g.planSlots(c, maxDate(c.StartedOn, g.today.AddDays(-365)), g.lastSessionDay(c))
	for i, sl := range slots {
		s := g.newSession(c, sl, g.statusFor(c, sl, len(slots)-i))
		if err := g.st.SaveSession(ctx, s); err != nil {
			return fmt.Errorf("demo: save session: %w", err)
		}
		g.sum.Sessions++
		if err := g.scoreGoals(ctx, c, sl, s); err != nil {
			return err
		}
	}
	return nil
}

// lastSessionDay is the end of a closed course, or about four weeks ahead
// for an open one, but never past its last agreement: nobody plans hours
// that have not been granted.
func (g *generator) lastSessionDay(c *course) data.Date {
	if !c.EndedOn.IsZero() {
		return c.EndedOn
	}
	return minDate(g.today.AddDays(27), c.agreements[len(c.agreements)-1].End)
}

// agreementOn returns the agreement covering day, or nil.
func (c *course) agreementOn(day data.Date) *agreement {
	for _, a := range c.agreements {
		if day.Within(a.Start, a.End) {
			return a
		}
	}
	return nil
}

// planSlots walks the weeks from `from` to `to` and books the course's
// usual number of sessions in each, on its usual days when possible.
func (g *generator) planSlots(c *course, from, to data.Date) []slot {
	var out []slot
	if from == c.StartedOn {
		if sl, ok := g.book(c, c.StartedOn, true); ok {
			out = append(out, sl)
		}
	}
	for monday := mondayOf(from); !monday.After(to); monday = monday.AddDays(7) {
		days := g.candidateDays(c, monday, from, to)
		if len(days) == 0 || mondayOf(c.StartedOn) == monday {
			continue // the first week has the first meeting only
		}
		want := c.agreementOn(days[0]).perWeek
		if g.chance(0.06) {
			want-- // a quiet week: the citizen is doing fine, or busy elsewhere
		}
		var week []slot
		for _, day := range days {
			if len(week) >= want {
				break
			}
			if sl, ok := g.book(c, day, false); ok {
				week = append(week, sl)
			}
		}
		// Saved in time order, so that scores follow the sessions.
		slices.SortFunc(week, func(a, b slot) int { return a.day.Compare(b.day) })
		out = append(out, week...)
	}
	if len(out) > 0 && !c.EndedOn.IsZero() {
		out[len(out)-1].last = true
	}
	return out
}

// candidateDays lists the week's possible days, usual days first and the
// other workdays after them in random order.
func (g *generator) candidateDays(c *course, monday, from, to data.Date) []data.Date {
	var usual, other []data.Date
	for i := range 5 {
		day := monday.AddDays(i)
		if !day.Within(from, to) || !isWorkday(day) || c.agreementOn(day) == nil {
			continue
		}
		if m := c.mentorOn(day); m == nil || m.onHoliday(day) {
			continue
		}
		if containsWeekday(c.days, day.Weekday()) {
			usual = append(usual, day)
		} else {
			other = append(other, day)
		}
	}
	g.rng.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
	return append(usual, other...)
}

func containsWeekday(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// onHoliday: each mentor takes three weeks of summer holiday.
func (m *mentor) onHoliday(day data.Date) bool {
	w := isoWeek(day)
	return day.Month >= time.June && day.Month <= time.August && w >= m.summerWeek && w < m.summerWeek+3
}

// book finds a free time on day for one session of the course.
func (g *generator) book(c *course, day data.Date, first bool) (slot, bool) {
	a := c.agreementOn(day)
	m := c.mentorOn(day)
	if a == nil || m == nil {
		return slot{}, false
	}
	sl := slot{day: day, agreement: a, mentor: m, first: first}
	sl.form = g.formFor(c, day, first)
	sl.length = lengthFor(sl.form, a.sessionMin)
	sl.place, sl.openers = g.placeFor(c, sl.form)
	if first { // the first meeting is at the office and takes an hour
		sl.length, sl.place = 60, inPersonPlaces[0].name
	}
	var starts []int
	for range 10 {
		starts = append(starts, dayStartMin+g.rng.IntN((dayEndMin-dayStartMin-sl.length)/15+1)*15)
	}
	if g.chance(0.7) { // mostly the usual time; otherwise what suited that week
		starts = append([]int{c.startMin}, starts...)
	}
	for _, start := range starts {
		if start+sl.length > dayEndMin {
			continue
		}
		if g.reserve(m, day, span{start, start + sl.length}) {
			sl.start = start
			return sl, true
		}
	}
	return slot{}, false
}

// reserve books sp in the mentor's day unless it clashes (with a break).
func (g *generator) reserve(m *mentor, day data.Date, sp span) bool {
	days := g.busy[m.ID]
	if days == nil {
		days = map[data.Date][]span{}
		g.busy[m.ID] = days
	}
	for _, b := range days[day] {
		if sp.start < b.end+breakMin && b.start < sp.end+breakMin {
			return false
		}
	}
	days[day] = append(days[day], sp)
	return true
}

// formWeight is one session form and how often it is used.
type formWeight struct {
	form   data.SessionForm
	weight int
}

var (
	usualForms = []formWeight{
		{data.FormInPerson, 36}, {data.FormHomeVisit, 14}, {data.FormPhone, 14}, {data.FormEscort, 12},
		{data.FormWorkplace, 6}, {data.FormNetwork, 5}, {data.FormVideo, 6}, {data.FormMessage, 7},
	}
	// In retention the mentor mostly follows up at or around the workplace.
	retentionForms = []formWeight{
		{data.FormWorkplace, 30}, {data.FormPhone, 25}, {data.FormInPerson, 25}, {data.FormMessage, 10}, {data.FormVideo, 10},
	}
)

func (g *generator) formFor(c *course, day data.Date, first bool) data.SessionForm {
	if first {
		return data.FormInPerson
	}
	forms := usualForms
	if !c.retentionFrom.IsZero() && !day.Before(c.retentionFrom) {
		forms = retentionForms
	}
	total := 0
	for _, f := range forms {
		total += f.weight
	}
	n := g.rng.IntN(total)
	for _, f := range forms {
		if n < f.weight {
			return f.form
		}
		n -= f.weight
	}
	return data.FormInPerson
}

// lengthFor fits the usual session length to the form: calls are short,
// going along to an appointment takes longer.
func lengthFor(form data.SessionForm, usual int) int {
	switch form {
	case data.FormPhone, data.FormMessage:
		return 30
	case data.FormVideo:
		return min(usual, 45)
	case data.FormEscort, data.FormNetwork:
		return max(usual, 60)
	case data.FormWorkplace:
		return max(usual, 45)
	}
	return usual
}

// placeFor picks where the session is and the note openers that fit it.
func (g *generator) placeFor(c *course, form data.SessionForm) (string, []string) {
	centre := c.citizen.muni.spec.towns[0].name
	switch form {
	case data.FormInPerson:
		p := pick(g, inPersonPlaces)
		return withTown(p.name, c.citizen.town.name), p.openers
	case data.FormEscort:
		p := pick(g, placesFor(escortPlaces, c.citizen.theme.competence))
		return withTown(p.name, centre), p.openers
	case data.FormNetwork:
		p := pick(g, networkPlaces)
		return withTown(p.name, centre), p.openers
	case data.FormWorkplace:
		if c.workplace == "" {
			c.workplace = withTown(pick(g, workplaceNames), c.citizen.town.name)
		}
		return c.workplace, formOpeners[form]
	case data.FormHomeVisit:
		return "Borgerens hjem", formOpeners[form]
	case data.FormPhone:
		return "Telefon", formOpeners[form]
	case data.FormVideo:
		return "Video", formOpeners[form]
	case data.FormMessage:
		return "SMS", formOpeners[form]
	}
	return "", nil
}

// placesFor leaves out the places meant for other themes.
func placesFor(places []place, competence string) []place {
	var out []place
	for _, p := range places {
		if len(p.competences) == 0 || slices.Contains(p.competences, competence) {
			out = append(out, p)
		}
	}
	return out
}

func withTown(place, town string) string {
	if strings.Contains(place, "%s") {
		return fmt.Sprintf(place, town)
	}
	return place
}

// statusFor decides what became of a session. remaining counts this and
// the later sessions of the course.
func (g *generator) statusFor(c *course, sl slot, remaining int) data.SessionStatus {
	switch {
	case !sl.day.Before(g.today):
		return data.SessionPlanned
	case sl.first, sl.last && c.Status == data.CourseEnded:
		return data.SessionHeld
	case c.Outcome == data.OutcomeStopped && remaining <= 3:
		return data.SessionNoShow // the citizen stopped coming before the course was stopped
	case sl.day.After(g.today.AddDays(-10)) && g.chance(0.15):
		return data.SessionPlanned // not registered yet: "mangler registrering"
	}
	switch r := g.rng.Float64(); {
	case r < 0.81:
		return data.SessionHeld
	case r < 0.89:
		return data.SessionNoShow
	case r < 0.965:
		return data.SessionCancelledCitizen
	default:
		return data.SessionCancelledMentor
	}
}

func (g *generator) newSession(c *course, sl slot, status data.SessionStatus) *data.Session {
	s := &data.Session{
		CourseID:     c.ID,
		MentorID:     sl.mentor.ID,
		PlannedStart: at(sl.day, sl.start),
		PlannedEnd:   at(sl.day, sl.start+sl.length),
		Status:       status,
		Form:         sl.form,
		Place:        sl.place,
	}
	switch status {
	case data.SessionHeld:
		g.fillHeld(c, sl, s)
	case data.SessionNoShow:
		s.TransportMin = g.transportFor(sl)
		s.AdminMin = g.between(1, 2) * 5
		s.Note = g.noShowNote(sl.form)
		s.RegisteredAt = g.registeredAfter(s.PlannedEnd)
	case data.SessionCancelledCitizen, data.SessionCancelledMentor:
		notes := citizenCancelNotes
		if status == data.SessionCancelledMentor {
			notes = mentorCancelNotes
		}
		s.AdminMin = g.between(0, 1) * 5
		s.Note = pick(g, notes)
		s.RegisteredAt = g.cancelledAt(sl)
	}
	return s
}

func (g *generator) noShowNote(form data.SessionForm) string {
	switch form {
	case data.FormHomeVisit:
		return pick(g, homeNoShowNotes)
	case data.FormPhone, data.FormVideo, data.FormMessage:
		return pick(g, callNoShowNotes)
	}
	return pick(g, noShowNotes)
}

// cancelledAt: a cancellation is registered when it comes in, the same
// morning or on the working day before, in office hours.
func (g *generator) cancelledAt(sl slot) time.Time {
	if sl.start >= 9*60 && g.chance(0.5) {
		return at(sl.day, g.between(7*4+2, sl.start/15-2)*15) // 07:30 until 30 minutes before
	}
	return at(prevWorkday(sl.day.AddDays(-1)), g.between(9*4, 16*4)*15)
}

// fillHeld registers a held session: actual times, minutes, roles, goals
// worked on and the mentor's note.
func (g *generator) fillHeld(c *course, sl slot, s *data.Session) {
	s.ActualStart = s.PlannedStart.Add(time.Duration(pick(g, []int{-5, 0, 0, 0, 5, 10})) * time.Minute)
	s.ContactMin = max(15, sl.length+pick(g, []int{-15, -10, -5, 0, 0, 0, 0, 5, 10, 15}))
	if sl.form == data.FormMessage {
		s.ContactMin = g.between(2, 4) * 5
	}
	s.ActualEnd = s.ActualStart.Add(time.Duration(s.ContactMin) * time.Minute)
	s.TransportMin = g.transportFor(sl)
	s.AdminMin = g.between(2, 4) * 5
	if sl.form == data.FormEscort || sl.form == data.FormNetwork {
		s.AdminMin += 10 // more to pass on to the caseworker afterwards
	}
	s.Roles = g.rolesFor(sl)
	s.Goals = g.sessionGoals(c, sl)
	s.Note = g.heldNote(c, sl)
	s.RegisteredAt = g.registeredAfter(s.ActualEnd)
}

// transportFor: travel time, recorded but never billed. Nobody travels to
// the office, a call or a text.
func (g *generator) transportFor(sl slot) int {
	switch sl.form {
	case data.FormPhone, data.FormVideo, data.FormMessage:
		return 0
	case data.FormInPerson, data.FormNetwork:
		if strings.HasPrefix(sl.place, "Broen Mentorhus") {
			return 0
		}
		return g.between(2, 5) * 5
	case data.FormEscort:
		return g.between(4, 9) * 5
	}
	return g.between(3, 8) * 5
}

// registeredAfter: most mentors write the note the same afternoon or
// evening, some the next working morning.
func (g *generator) registeredAfter(end time.Time) time.Time {
	if g.chance(0.15) {
		next := nextWorkday(data.DateOf(end).AddDays(1))
		if next.Before(g.today) {
			return at(next, 8*60+g.between(0, 8)*15)
		}
	}
	return end.Add(time.Duration(g.between(1, 20)*15) * time.Minute)
}

// rolesFor: the form often says which role the mentor had; otherwise one
// or two of the agreement's roles in focus. At the first meeting the mentor
// explains the agreement and asks about the citizen's own goals.
func (g *generator) rolesFor(sl slot) data.Roles {
	if sl.first {
		return data.Roles(0).With(data.RoleCoach).With(data.RoleSystemGuide)
	}
	inFocus := sl.agreement.Roles.List()
	var r data.Role
	switch sl.form {
	case data.FormEscort, data.FormNetwork:
		r = data.RoleSystemGuide
	case data.FormWorkplace:
		r = data.RoleBridgeBuilder
	case data.FormHomeVisit:
		r = data.RolePersonalSupport
	default:
		r = pick(g, inFocus)
	}
	roles := data.Roles(0).With(r)
	if g.chance(0.4) {
		roles = roles.With(pick(g, inFocus))
	}
	return roles
}

// sessionGoals: the first meeting sets all goals, the last one sums them
// up, and the sessions between work on one or two with a short note that
// fits how far the course has come.
func (g *generator) sessionGoals(c *course, sl slot) []data.SessionGoal {
	var open []*goal
	for _, gl := range sl.agreement.goals {
		if !sl.day.Before(gl.CreatedOn) {
			open = append(open, gl)
		}
	}
	var out []data.SessionGoal
	switch {
	case sl.first:
		for _, gl := range open {
			out = append(out, data.SessionGoal{GoalID: gl.ID, Note: goalStartNote})
		}
	case sl.last:
		for _, gl := range open {
			out = append(out, data.SessionGoal{GoalID: gl.ID, Note: goalEndNote})
		}
	default:
		for _, gl := range pickSome(g, open, g.between(1, 2)) {
			out = append(out, data.SessionGoal{GoalID: gl.ID, Note: g.goalNote(c, gl, sl.day)})
		}
	}
	return out
}

// goalNote picks the note matching the share of the course that has
// passed, give or take one.
func (g *generator) goalNote(c *course, gl *goal, day data.Date) string {
	end := c.EndedOn
	if end.IsZero() {
		end = g.today.AddDays(27)
	}
	total := max(1, gl.CreatedOn.DaysUntil(end))
	progress := float64(gl.CreatedOn.DaysUntil(day)) / float64(total)
	notes := gl.template.notes
	i := int(progress*float64(len(notes))) + g.between(-1, 1)
	return notes[min(len(notes)-1, max(0, i))]
}

// heldNote writes one to four sentences: an opening that fits the form,
// something about the citizen's week and sometimes the next step.
func (g *generator) heldNote(c *course, sl slot) string {
	switch {
	case sl.first:
		return pick(g, startNotes)
	case sl.last:
		return pick(g, endNotes)
	}
	sentences := []string{pick(g, sl.openers)}
	pool := append(append([]string(nil), c.citizen.theme.notes...), genericNotes...)
	switch {
	case sl.agreement.retention:
		pool = retentionNotes
	case sl.form == data.FormEscort || sl.form == data.FormNetwork || sl.form == data.FormMessage:
		pool = genericNotes // the errand is the story; theme talk would not fit
	}
	sentences = append(sentences, pickSome(g, pool, g.between(0, 2))...)
	if g.chance(0.4) {
		sentences = append(sentences, pick(g, closingNotes))
	}
	return strings.Join(sentences, " ")
}

// scoreGoals scores the agreement's goals together with the citizen at a
// held session about every four weeks. Values mostly rise: that is what a
// course that works looks like, with the odd setback.
func (g *generator) scoreGoals(ctx context.Context, c *course, sl slot, s *data.Session) error {
	if s.Status != data.SessionHeld || !c.lastScore.IsZero() && sl.day.Before(c.lastScore.AddDays(26)) {
		return nil
	}
	c.lastScore = sl.day
	for _, gl := range sl.agreement.goals {
		if sl.day.Before(gl.CreatedOn) {
			continue
		}
		sc := data.Score{GoalID: gl.ID, SessionID: s.ID, On: sl.day}
		first := gl.value == 0
		step := g.nextScore(gl)
		sc.Value = gl.value
		switch {
		case first:
			sc.Note = pick(g, firstScoreNotes)
		case step < 0:
			sc.Note = pick(g, setbackNotes)
		case g.chance(0.3):
			sc.Note = pick(g, scoreNotes)
		}
		if err := g.st.SaveScore(ctx, &sc); err != nil {
			return fmt.Errorf("demo: save score: %w", err)
		}
		g.sum.Scores++
	}
	return nil
}

// nextScore moves the goal's value and returns the step taken (0 for the
// first score).
func (g *generator) nextScore(gl *goal) int {
	if gl.value == 0 {
		gl.value = g.between(2, 4)
		if gl.retention {
			gl.value = g.between(5, 7) // a job start means much is already in place
		}
		return 0
	}
	step := pick(g, []int{-1, 0, 1, 1, 1, 2})
	gl.value = min(10, max(1, gl.value+step))
	return step
}
