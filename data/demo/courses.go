package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorbog/data"
)

// course is a planned course: the record plus its timeline, mentors,
// agreements and goals, worked out before anything is saved.
type course struct {
	data.Course
	citizen *citizen
	// retentionFrom is the day a retention course switched to
	// fastholdelse (the citizen's first working day).
	retentionFrom data.Date
	mentors       []assignment
	agreements    []*agreement
	goals         []*goal

	// The course's habit: which weekdays and at what time the mentor and
	// citizen usually meet. Recurring times are what real calendars show.
	days      []time.Weekday
	startMin  int    // minutes after midnight
	workplace string // the internship or job the mentor visits
	lastScore data.Date
}

type assignment struct {
	mentor *mentor
	from   data.Date
	note   string // handover note written when this period ended
}

type agreement struct {
	data.Agreement
	retention bool
	goals     []*goal
	// sessionMin and perWeek are how the granted hours are usually spent.
	sessionMin, perWeek int
}

type goal struct {
	data.Goal
	template  goalTemplate
	retention bool
	value     int // the latest score, 0 before the first
}

// planCourses decides every course's story before any of it is saved: it
// needs to know the ends to write the beginnings (an archived citizen, a
// handover to a colleague).
func (g *generator) planCourses(context.Context) error {
	statuses := g.shuffledStatuses()
	if len(statuses) != len(g.citizens) {
		return fmt.Errorf("demo: %d course statuses planned for %d citizens", len(statuses), len(g.citizens))
	}
	for i, c := range g.citizens {
		g.courses = append(g.courses, g.planTimeline(c, statuses[i]))
	}
	g.planEarlierCourses()
	g.archiveOldCitizens()
	if err := g.matchMentors(); err != nil {
		return err
	}
	g.planMentorChanges()
	for _, c := range g.courses {
		g.planGoals(c)
		g.planAgreements(c)
	}
	g.assignOrderRefs()
	return nil
}

func (g *generator) shuffledStatuses() []data.CourseStatus {
	var out []data.CourseStatus
	for _, s := range data.CourseStatuses {
		for range g.plan.statuses[s] {
			out = append(out, s)
		}
	}
	g.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// planTimeline sets the course's dates by status. Every course starts
// within the last year, so its whole history fits the demo's twelve months.
func (g *generator) planTimeline(c *citizen, status data.CourseStatus) *course {
	co := &course{citizen: c}
	co.Status = status // the ids of citizen, municipality and caseworker are set when saved
	t := g.today
	switch status {
	case data.CourseOrdered:
		co.OrderedOn = prevWorkday(t.AddDays(-g.between(1, 20)))
		return co
	case data.CourseActive:
		// Most running courses are months old; a few just started.
		co.StartedOn = nextWorkday(t.AddDays(-max(g.between(10, 340), g.between(10, 340))))
	case data.CourseRetention:
		co.StartedOn = nextWorkday(t.AddDays(-g.between(220, 345)))
		co.retentionFrom = nextWorkday(t.AddDays(-g.between(15, 100)))
	case data.CourseEnded:
		co.StartedOn = nextWorkday(t.AddDays(-g.between(160, 350)))
		co.EndedOn = prevWorkday(minDate(co.StartedOn.AddDays(g.between(100, 300)), t.AddDays(-g.between(3, 30))))
		co.Outcome = pick(g, endedOutcomes)
	case data.CourseAborted:
		co.StartedOn = nextWorkday(t.AddDays(-g.between(60, 340)))
		co.EndedOn = prevWorkday(minDate(co.StartedOn.AddDays(g.between(25, 120)), t.AddDays(-2)))
		co.Outcome = pick(g, abortedOutcomes)
	}
	g.settle(co)
	return co
}

// settle fills in what follows from a started course's dates: the outcome
// note, the order date and the meeting habit.
func (g *generator) settle(co *course) {
	if co.Outcome != data.OutcomeNone {
		co.OutcomeNote = pick(g, outcomeNotes[co.Outcome])
	}
	co.OrderedOn = prevWorkday(co.StartedOn.AddDays(-g.between(7, 25)))
	co.days = g.meetingDays()
	co.startMin = g.between(0, 24)*15 + 8*60 // 08:00–14:00
}

// planEarlierCourses gives some citizens whose course is new an earlier
// course that ended: people come back, and the citizen page must show
// more than one course.
func (g *generator) planEarlierCourses() {
	var out []*course
	added := 0
	for _, c := range g.courses {
		recent := c.Status == data.CourseOrdered || c.Status == data.CourseActive && c.StartedOn.After(g.today.AddDays(-150))
		if recent && added < g.plan.earlierCourses {
			if e := g.earlierCourse(c); e != nil {
				out = append(out, e)
				added++
			}
		}
		out = append(out, c)
	}
	g.courses = out
}

// earlierCourse plans a closed course ending some weeks before next was
// ordered, or nil when there is no room for one in the demo's year.
func (g *generator) earlierCourse(next *course) *course {
	end := prevWorkday(next.OrderedOn.AddDays(-g.between(20, 60)))
	start := nextWorkday(maxDate(end.AddDays(-g.between(90, 220)), g.today.AddDays(-355)))
	if start.DaysUntil(end) < 60 {
		return nil
	}
	co := &course{citizen: next.citizen}
	co.StartedOn, co.EndedOn = start, end
	co.Status, co.Outcome = data.CourseEnded, pick(g, []data.Outcome{data.OutcomeInternship, data.OutcomeOtherOffer, data.OutcomeJob})
	if g.chance(0.5) {
		co.Status, co.Outcome = data.CourseAborted, pick(g, []data.Outcome{data.OutcomeStopped, data.OutcomeOther})
	}
	g.settle(co)
	return co
}

// meetingDays picks the two weekdays a course usually meets on, with a day
// or more between them.
func (g *generator) meetingDays() []time.Weekday {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	days := pickSome(g, weekdays, 2)
	if days[1]-days[0] == 1 { // not two days in a row: spread the week
		days = days[:1]
		days = append(days, weekdays[(int(days[0])+1)%5])
	}
	return days
}

// prevWorkday returns d itself when it is a workday, else the one before.
func prevWorkday(d data.Date) data.Date {
	for !isWorkday(d) {
		d = d.AddDays(-1)
	}
	return d
}

// archiveOldCitizens archives the citizens of the two courses that ended
// first, among citizens with no open course: their case is closed and they
// no longer show in the lists.
func (g *generator) archiveOldCitizens() {
	open := map[*citizen]bool{}
	for _, c := range g.courses {
		open[c.citizen] = open[c.citizen] || c.Status.Open()
	}
	var closed []*course
	for _, c := range g.courses {
		if !open[c.citizen] {
			closed = append(closed, c)
		}
	}
	slices.SortStableFunc(closed, func(a, b *course) int { return a.EndedOn.Compare(b.EndedOn) })
	for _, c := range closed[:min(2, len(closed))] {
		c.citizen.Archived = true
	}
}

// matchMentors chooses each started course's first mentor the way a
// coordinator would: the citizen's mother tongue, the mentor's competences
// and how busy the mentor already is. Courses are matched in start order so
// the load grows as it did in reality.
func (g *generator) matchMentors() error {
	started := g.startedCourses()
	slices.SortStableFunc(started, func(a, b *course) int { return a.StartedOn.Compare(b.StartedOn) })
	for _, c := range started {
		m := g.bestMentor(c, c.StartedOn, nil)
		if m == nil {
			return fmt.Errorf("demo: no mentor available on %s", c.StartedOn)
		}
		m.courses++
		c.mentors = []assignment{{mentor: m, from: c.StartedOn}}
	}
	return nil
}

func (g *generator) startedCourses() []*course {
	var out []*course
	for _, c := range g.courses {
		if c.Status != data.CourseOrdered {
			out = append(out, c)
		}
	}
	return out
}

// bestMentor scores the mentors available on day for course c, leaving out
// the one in except.
func (g *generator) bestMentor(c *course, day data.Date, except *mentor) *mentor {
	var best *mentor
	bestScore := -1e9
	for _, m := range g.mentors {
		if m == except || !g.mentorAvailable(m, c, day) {
			continue
		}
		score := g.rng.Float64() * 1.5
		if c.citizen.MotherTongue != "dansk" && slices.Contains(m.Languages, c.citizen.MotherTongue) {
			score += 4
		}
		if slices.Contains(m.Competences, c.citizen.theme.competence) {
			score += 3
		}
		if m.Kind == data.MentorVolunteer {
			score += 2 // citizens who consented usually asked for one
		}
		score -= float64(m.courses) * 600 / float64(max(m.WeeklyCapacityMin, 60))
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	return best
}

// mentorAvailable: a volunteer only with the citizen's consent, and a
// leaving mentor takes no new course shortly before leaving.
func (g *generator) mentorAvailable(m *mentor, c *course, day data.Date) bool {
	if m.Kind == data.MentorVolunteer && !c.citizen.Consents.VolunteerMentor {
		return false
	}
	if !m.leftOn.IsZero() && !day.Before(m.leftOn.AddDays(-45)) {
		return false
	}
	return true
}

// planMentorChanges hands the leaving mentor's running courses over on
// their last day, and lets two other long courses change mentor midway.
func (g *generator) planMentorChanges() {
	for _, c := range g.startedCourses() {
		first := c.mentors[0].mentor
		if first.leftOn.IsZero() || !c.EndedOn.IsZero() && c.EndedOn.Before(first.leftOn) {
			continue
		}
		g.changeMentor(c, first.leftOn, fmt.Sprintf("%s er stoppet i %s.", first.Name, g.org.Name))
	}
	changed := 0
	for _, c := range g.startedCourses() {
		if changed == 2 || len(c.mentors) > 1 {
			continue
		}
		end := g.today
		if !c.EndedOn.IsZero() {
			end = c.EndedOn
		}
		if c.StartedOn.DaysUntil(end) < 150 {
			continue
		}
		day := nextWorkday(c.StartedOn.AddDays(g.between(60, c.StartedOn.DaysUntil(end)-45)))
		if g.changeMentor(c, day, pick(g, changeReasons)) {
			changed++
		}
	}
}

var changeReasons = []string{
	"Mentorskifte efter ønske fra borgeren, som ikke følte, at kemien passede.",
	"Mentorskifte for at frigøre kapacitet hos mentor; aftalt med sagsbehandler.",
	"Mentorskifte, da borgeren skal i praktik, og den nye mentor kender virksomheden.",
}

// changeMentor ends the current mentor's period the day before day and
// starts a colleague's, with a handover note that carries on what works.
func (g *generator) changeMentor(c *course, day data.Date, reason string) bool {
	current := c.mentors[len(c.mentors)-1].mentor
	next := g.bestMentor(c, day, current)
	if next == nil {
		return false
	}
	next.courses++
	c.mentors[len(c.mentors)-1].note = g.handoverNote(c, next, reason)
	c.mentors = append(c.mentors, assignment{mentor: next, from: day})
	return true
}

func (g *generator) handoverNote(c *course, next *mentor, reason string) string {
	firstName := strings.Fields(next.Name)[0]
	whatWorks := strings.SplitAfter(c.citizen.Profile.WhatWorks, ".")[0]
	goals := "Målene i aftalen fortsætter uændret."
	return fmt.Sprintf("%s Overleveringsmøde holdt med borgeren, der har mødt %s. Det vigtigste at vide: %s %s",
		reason, firstName, strings.TrimSpace(whatWorks), goals)
}

// mentorOn returns the course's primary mentor on day.
func (c *course) mentorOn(day data.Date) *mentor {
	var m *mentor
	for _, a := range c.mentors {
		if !day.Before(a.from) {
			m = a.mentor
		}
	}
	return m
}

// planGoals picks two or three of the theme's goals; a retention course
// also gets the retention goal from its first working day.
func (g *generator) planGoals(c *course) {
	if c.Status == data.CourseOrdered {
		return
	}
	for _, t := range pickSome(g, c.citizen.theme.goals, g.between(2, 3)) {
		c.goals = append(c.goals, &goal{template: t, Goal: data.Goal{
			Title: t.title, Description: t.description, Domain: t.domain, CreatedOn: c.StartedOn,
		}})
	}
	if c.Status == data.CourseRetention {
		t := retentionGoal
		c.goals = append(c.goals, &goal{template: t, retention: true, Goal: data.Goal{
			Title: t.title, Description: t.description, Domain: t.domain, CreatedOn: c.retentionFrom,
		}})
	}
}

// planAgreements chains periods of at most six months from the start until
// the course is covered. Open courses sometimes already have the next
// period signed; a retention course gets its own period from the job start.
func (g *generator) planAgreements(c *course) {
	if c.Status == data.CourseOrdered {
		return
	}
	coverUntil := g.today
	switch {
	case c.Status == data.CourseRetention:
		coverUntil = c.retentionFrom.AddDays(-1)
	case !c.EndedOn.IsZero():
		coverUntil = c.EndedOn
	}
	weekly := pick(g, []int{60, 75, 90, 90, 105, 120})
	for start := c.StartedOn; ; {
		end := start.AddMonths(pick(g, []int{6, 6, 6, 4, 3})).AddDays(-1)
		if c.Status == data.CourseRetention && !end.Before(coverUntil) {
			end = coverUntil // cut short: the job start changed the plan
		}
		c.agreements = append(c.agreements, g.newAgreement(c, start, end, weekly, false))
		start = end.AddDays(1)
		weekly = g.adjustHours(weekly)
		if !end.Before(coverUntil) {
			break
		}
	}
	last := c.agreements[len(c.agreements)-1]
	switch {
	case c.Status == data.CourseRetention:
		end := c.retentionFrom.AddMonths(g.between(3, 6)).AddDays(-1)
		c.agreements = append(c.agreements, g.newAgreement(c, c.retentionFrom, end, 60, true))
	case c.Status == data.CourseActive && last.End.Before(g.today.AddDays(28)) && g.chance(0.5):
		start := last.End.AddDays(1)
		c.agreements = append(c.agreements, g.newAgreement(c, start, start.AddMonths(6).AddDays(-1), weekly, false))
	}
}

// adjustHours changes the weekly hours a little at an extension, as
// municipalities do when the need grows or shrinks.
func (g *generator) adjustHours(weekly int) int {
	return min(120, max(60, weekly+pick(g, []int{-15, 0, 0, 0, 15, 30})))
}

func (g *generator) newAgreement(c *course, start, end data.Date, weekly int, retention bool) *agreement {
	a := &agreement{retention: retention}
	a.Agreement = data.Agreement{
		Start:             start,
		End:               end,
		HoursBasis:        data.HoursPerWeek,
		GrantedMin:        weekly,
		Scope:             data.PerPerson,
		RateOere:          g.org.HourlyRateOere,
		Goal:              c.citizen.theme.agreementGoal,
		Tasks:             c.citizen.theme.tasks,
		Roles:             c.citizen.theme.roles,
		LegalBasis:        g.org.LegalBasis,
		ComplaintGuidance: g.org.ComplaintGuidance,
	}
	if retention {
		a.Goal, a.Tasks, a.Roles = retentionAgreementGoal, retentionTasks, retentionRoles
	}
	if g.chance(0.15) {
		// Some municipalities grant a pool of hours for the whole period.
		a.HoursBasis = data.HoursTotal
		a.GrantedMin = max(60, int(float64(weekly)*a.Weeks()/60+0.5)*60)
	}
	if g.chance(0.1) {
		a.Scope = data.PerPlace // pladsmentor shared with other citizens
	}
	g.sign(a, len(c.agreements) == 0)
	a.goals = agreementGoals(c, retention)
	a.sessionMin, a.perWeek = sessionPattern(weekly, g.chance(0.75))
	return a
}

// sign dates the signatures around the start. A signature that would lie
// after today has not been given yet and stays empty.
func (g *generator) sign(a *agreement, first bool) {
	provider := a.Start.AddDays(-g.between(3, 12))
	municipality := a.Start.AddDays(-g.between(1, 8))
	citizenSigned := a.Start // at the first meeting
	if !first {
		citizenSigned = a.Start.AddDays(-g.between(0, 14))
	}
	for _, s := range []struct {
		day data.Date
		to  *data.Date
	}{{provider, &a.SignedProvider}, {municipality, &a.SignedMunicipality}, {citizenSigned, &a.SignedCitizen}} {
		if s.day.Before(g.today) {
			*s.to = s.day
		}
	}
}

// agreementGoals: an ordinary period works on the course goals; the
// retention period on the retention goal and the first goal.
func agreementGoals(c *course, retention bool) []*goal {
	var out []*goal
	for i, gl := range c.goals {
		if gl.retention == retention || retention && i == 0 {
			out = append(out, gl)
		}
	}
	return out
}

// sessionPattern splits weekly minutes into sessions of 30–90 minutes.
func sessionPattern(weekly int, preferShort bool) (sessionMin, perWeek int) {
	switch {
	case weekly <= 75 && preferShort:
		return 30, 2
	case weekly <= 75:
		return weekly, 1
	default:
		return min(90, (weekly/2+14)/15*15), 2
	}
}

// assignOrderRefs numbers the orders of each municipality in order date
// order, in the municipality's own reference format.
func (g *generator) assignOrderRefs() {
	byOrder := slices.Clone(g.courses)
	slices.SortStableFunc(byOrder, func(a, b *course) int { return a.OrderedOn.Compare(b.OrderedOn) })
	for _, c := range byOrder {
		m := c.citizen.muni
		m.nextRef += g.between(1, 9) // other providers get orders too
		c.OrderRef = fmt.Sprintf(m.spec.refFormat, c.OrderedOn.Year, m.nextRef)
	}
}

// saveCourses saves each course with its mentor history, goals,
// agreements, sessions and scores.
func (g *generator) saveCourses(ctx context.Context) error {
	for _, c := range g.courses {
		if err := g.saveCourse(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) saveCourse(ctx context.Context, c *course) error {
	c.CitizenID = c.citizen.ID
	c.MunicipalityID = c.citizen.muni.ID
	c.CaseworkerID = pick(g, c.citizen.muni.caseworkers).ID
	if err := g.st.SaveCourse(ctx, &c.Course); err != nil {
		return fmt.Errorf("demo: save course: %w", err)
	}
	g.sum.Courses++
	for i, a := range c.mentors {
		note := ""
		if i > 0 {
			note = c.mentors[i-1].note
		}
		if err := g.st.AssignMentor(ctx, c.ID, a.mentor.ID, a.from, note); err != nil {
			return fmt.Errorf("demo: assign mentor: %w", err)
		}
		c.MentorID = a.mentor.ID
	}
	if err := g.saveGoals(ctx, c); err != nil {
		return err
	}
	if err := g.saveAgreements(ctx, c); err != nil {
		return err
	}
	if err := g.saveSessions(ctx, c); err != nil {
		return err
	}
	return g.saveAchievedGoals(ctx, c)
}

func (g *generator) saveGoals(ctx context.Context, c *course) error {
	for _, gl := range c.goals {
		gl.CourseID = c.ID
		if err := g.st.SaveGoal(ctx, &gl.Goal); err != nil {
			return fmt.Errorf("demo: save goal: %w", err)
		}
		g.sum.Goals++
	}
	return nil
}

func (g *generator) saveAgreements(ctx context.Context, c *course) error {
	var previous data.ID
	for _, a := range c.agreements {
		a.CourseID = c.ID
		a.ExtendsID = previous
		for _, gl := range a.goals {
			a.GoalIDs = append(a.GoalIDs, gl.ID)
		}
		if err := g.st.SaveAgreement(ctx, &a.Agreement); err != nil {
			return fmt.Errorf("demo: save agreement: %w", err)
		}
		previous = a.ID
		g.sum.Agreements++
	}
	return nil
}

// saveAchievedGoals marks the goals whose latest score reached 9 or more.
func (g *generator) saveAchievedGoals(ctx context.Context, c *course) error {
	for _, gl := range c.goals {
		if gl.value < 9 {
			continue
		}
		gl.Achieved = true
		if err := g.st.SaveGoal(ctx, &gl.Goal); err != nil {
			return fmt.Errorf("demo: save achieved goal: %w", err)
		}
	}
	return nil
}
