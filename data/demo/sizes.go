package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"mentorbog/data"
)

// The benchmark sizes: organisations with years of history, to measure how
// Mentorbog copes after ten years of use. Their data has the same shape as
// the demo's (themes, notes, agreements of at most six months, one to two
// sessions a week, some no-shows and cancellations) but is planned with a
// simpler calendar, so that a million sessions can be made in minutes.
const (
	// SizeSmall ("lille"): 2 mentors, 30 active citizens, 3 years (~5,000 sessions).
	SizeSmall Size = "lille"
	// SizeMedium ("mellem"), a municipal mentor corps: 24 mentors, 400
	// active citizens, 10 years (~3,000 citizens, ~150,000 sessions).
	SizeMedium Size = "mellem"
	// SizeLarge ("stor"): 100 mentors, 2,000 active citizens, 10 years
	// (~15,000 citizens, ~1,000,000 sessions).
	SizeLarge Size = "stor"
)

// Sizes lists every size `mentorbog demo --size` accepts.
func Sizes() []Size { return []Size{SizeDemo, SizeSmall, SizeMedium, SizeLarge} }

// GeneratorVersion changes whenever the sized data changes shape, so cached
// benchmark databases made by an older generator are not reused.
const GeneratorVersion = 2

// benchPlan is what a benchmark size means in numbers.
type benchPlan struct {
	mentors  int
	active   int // citizens with a running course today
	citizens int // every citizen over the whole history
	years    int
	// returning is the share of past citizens who come back for a second
	// course later (or earlier) in the history: a re-referral with its own
	// agreements and sessions, never overlapping the first and ended before
	// today, so the running courses stay exactly bp.active. Zero draws
	// nothing, so a size without returns keeps its data.
	returning float64
}

func benchPlanFor(s Size) (benchPlan, bool) {
	switch s {
	case SizeSmall:
		return benchPlan{mentors: 2, active: 30, citizens: 100, years: 3}, true
	case SizeMedium:
		return benchPlan{mentors: 24, active: 400, citizens: 3000, years: 10}, true
	case SizeLarge:
		// One course per citizen gives stor 828,545 sessions; the issue asks
		// for about 1,000,000. Letting 23 % of the past citizens (3,000 of 13,000)
		// come back for a second course brings stor there with the issue's
		// 15,000 citizens and 2,000 running courses (mellem and lille keep
		// one course each: they already match the figures).
		return benchPlan{mentors: 100, active: 2000, citizens: 15000, years: 10, returning: 0.23}, true
	}
	return benchPlan{}, false
}

// bulkSessionStore is the store's batch insert (data/sqlstore BulkSessions).
// Without it the sessions are saved one by one, which is correct but slow.
type bulkSessionStore interface {
	BulkSessions(ctx context.Context, sessions []data.Session) error
}

// sizedChunk is how many citizens go into one transaction: big enough to
// amortise the fsync of a commit, small enough to keep memory flat.
const sizedChunk = 250

// sized generates a benchmark size. It reuses the demo's tables (themes,
// names, municipalities) through the embedded generator.
type sized struct {
	*generator
	bp       benchPlan
	mentors  []data.Mentor
	history  data.Date // the first day of the history
	perMent  []int     // courses given to each mentor so far (for time slots)
	usedCPR  map[string]bool
	sessions []data.Session
}

func generateSized(ctx context.Context, st data.Store, cfg Config, bp benchPlan) (Summary, error) {
	g := &sized{
		generator: &generator{
			st:    st,
			rng:   rand.New(rand.NewPCG(cfg.Seed, pcgStream)),
			today: cfg.Today,
			busy:  map[data.ID]map[data.Date][]span{},
		},
		bp:      bp,
		history: cfg.Today.AddMonths(-12 * bp.years),
		perMent: make([]int, bp.mentors),
		usedCPR: map[string]bool{},
	}
	err := st.Atomically(ctx, func(ctx context.Context) error {
		if err := ensureEmpty(ctx, st); err != nil {
			return err
		}
		for _, step := range []func(context.Context) error{g.saveOrganisation, g.loadInstrument, g.saveSizedMentors, g.saveMunicipalities} {
			if err := step(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	for first := 0; first < bp.citizens; first += sizedChunk {
		last := min(first+sizedChunk, bp.citizens)
		err := st.Atomically(ctx, func(ctx context.Context) error {
			for i := first; i < last; i++ {
				if err := g.citizenWithCourse(ctx, i); err != nil {
					return err
				}
			}
			return g.flushSessions(ctx)
		})
		if err != nil {
			return Summary{}, err
		}
	}
	return g.sum, nil
}

// saveSizedMentors makes bp.mentors mentors; the demo's six are reused for
// their texts, with new names beyond them.
func (g *sized) saveSizedMentors(ctx context.Context) error {
	for i := 0; i < g.bp.mentors; i++ {
		spec := mentorSpecs[i%len(mentorSpecs)]
		name := spec.name
		if i >= len(mentorSpecs) {
			name = g.danishName()
		}
		m := data.Mentor{
			Name:              name,
			Phone:             g.mobileNumber(),
			Email:             fmt.Sprintf("mentor%d@mentorkorps.example", i+1),
			Kind:              data.MentorEmployed,
			Qualifications:    spec.qualifications,
			Languages:         spec.languages,
			Competences:       spec.competences,
			WeeklyCapacityMin: 30 * 60,
		}
		if err := g.st.SaveMentor(ctx, &m); err != nil {
			return fmt.Errorf("demo: save mentor: %w", err)
		}
		g.mentors = append(g.mentors, m)
		g.sum.Mentors++
	}
	return nil
}

// citizenWithCourse makes citizen number i with one course, and for a
// share of the past citizens a second one. The first bp.active citizens are
// in a running course today; the others had theirs somewhere in the history.
func (g *sized) citizenWithCourse(ctx context.Context, i int) error {
	foreign := g.chance(0.25)
	name := g.danishName()
	tongue := "dansk"
	if foreign {
		fn := pick(g.generator, foreignNames)
		name, tongue = fn.name, fn.tongue
	}
	c, err := g.newCitizen(foreignName{name: name, tongue: tongue}, g.usedCPR)
	if err != nil {
		return err
	}
	months := g.between(6, 18)
	var start, end data.Date
	if i < g.bp.active {
		// Somewhere inside its course today.
		start = g.today.AddDays(-g.between(7, months*30-14))
	} else {
		latest := g.today.AddMonths(-months).AddDays(-7)
		start = g.history.AddDays(g.rng.IntN(max(1, g.history.DaysUntil(latest))))
	}
	end = start.AddMonths(months).AddDays(-1)
	status := data.CourseActive
	if i >= g.bp.active {
		status = data.CourseEnded
		c.Archived = end.Before(g.today.AddMonths(-24))
		if g.chance(0.15) {
			status = data.CourseAborted
			end = start.AddDays(g.between(30, start.DaysUntil(end)))
		}
	}
	var again []pastCourse
	if i >= g.bp.active && g.bp.returning > 0 && g.chance(g.bp.returning) {
		again = g.secondCourse(start, end)
	}
	for _, pc := range again {
		c.Archived = c.Archived && pc.end.Before(g.today.AddMonths(-24))
	}
	if err := g.st.SaveCitizen(ctx, &c.Citizen); err != nil {
		return fmt.Errorf("demo: save citizen: %w", err)
	}
	g.sum.Citizens++
	if err := g.sizedCourse(ctx, c, i, status, start, end); err != nil {
		return err
	}
	for _, pc := range again {
		// Its own order number: i+bp.citizens is never a first course's.
		if err := g.sizedCourse(ctx, c, i+g.bp.citizens, pc.status, pc.start, pc.end); err != nil {
			return err
		}
	}
	return nil
}

// pastCourse is an ended course's span.
type pastCourse struct {
	status     data.CourseStatus
	start, end data.Date
}

// secondCourse places a re-referral of 6–18 months, two to 24 months after
// the first course ended, or as long before it began when there is no room
// after it. It ends at least a week before today (so it never runs today)
// and starts inside the history; when neither side has room there is none.
func (g *sized) secondCourse(first, last data.Date) []pastCourse {
	months := g.between(6, 18)
	gap := g.between(2, 24)
	pc := pastCourse{status: data.CourseEnded}
	pc.start = last.AddMonths(gap)
	pc.end = pc.start.AddMonths(months).AddDays(-1)
	if !pc.end.Before(g.today.AddDays(-7)) {
		pc.end = first.AddMonths(-gap)
		pc.start = pc.end.AddMonths(-months).AddDays(1)
		if pc.start.Before(g.history) {
			return nil
		}
	}
	if g.chance(0.15) {
		pc.status = data.CourseAborted
		pc.end = pc.start.AddDays(g.between(30, pc.start.DaysUntil(pc.end)))
	}
	return []pastCourse{pc}
}

func (g *sized) sizedCourse(ctx context.Context, c *citizen, i int, status data.CourseStatus, start, end data.Date) error {
	mi := i % len(g.mentors)
	if i >= g.bp.active {
		mi = g.rng.IntN(len(g.mentors))
	}
	muni := g.munis[g.rng.IntN(len(g.munis))]
	co := data.Course{
		CitizenID:      c.ID,
		MunicipalityID: muni.ID,
		OrderRef:       fmt.Sprintf("%s-%d", strings.ToUpper(muni.Name[:3]), 1000+i),
		Status:         status,
		OrderedOn:      start.AddDays(-g.between(7, 21)),
		StartedOn:      start,
		UsualForm:      data.FormInPerson,
		UsualPlace:     "Jobcentret",
	}
	if len(muni.caseworkers) > 0 {
		co.CaseworkerID = muni.caseworkers[g.rng.IntN(len(muni.caseworkers))].ID
	}
	if status != data.CourseActive {
		co.EndedOn = end
		co.Outcome = pick(g.generator, []data.Outcome{data.OutcomeJob, data.OutcomeEducation, data.OutcomeInternship, data.OutcomeStopped})
		if status == data.CourseAborted {
			co.Outcome = data.OutcomeStopped
		}
		if notes := outcomeNotes[co.Outcome]; len(notes) > 0 {
			co.OutcomeNote = pick(g.generator, notes)
		}
	}
	if err := g.st.SaveCourse(ctx, &co); err != nil {
		return fmt.Errorf("demo: save course: %w", err)
	}
	g.sum.Courses++
	mentor := g.mentors[mi]
	if err := g.st.AssignMentor(ctx, co.ID, mentor.ID, start, ""); err != nil {
		return fmt.Errorf("demo: assign mentor: %w", err)
	}
	var goalIDs []data.ID
	for _, t := range pickSome(g.generator, c.theme.goals, 2) {
		gl := data.Goal{CourseID: co.ID, Title: t.title, Description: t.description, Domain: t.domain, CreatedOn: start}
		if err := g.st.SaveGoal(ctx, &gl); err != nil {
			return fmt.Errorf("demo: save goal: %w", err)
		}
		goalIDs = append(goalIDs, gl.ID)
		g.sum.Goals++
	}
	weekly := pick(g.generator, []int{60, 90, 120, 180})
	if err := g.sizedAgreements(ctx, c, co, start, end, weekly, goalIDs); err != nil {
		return err
	}
	g.planSized(c, co, mentor.ID, mi, start, end, weekly)
	return nil
}

// sizedAgreements chains periods of at most six months over the course.
func (g *sized) sizedAgreements(ctx context.Context, c *citizen, co data.Course, start, end data.Date, weekly int, goalIDs []data.ID) error {
	var prev data.ID
	for from := start; !from.After(end); {
		to := from.AddMonths(data.MaxAgreementMonths).AddDays(-1)
		if to.After(end) && co.Status != data.CourseActive {
			to = end
		}
		a := data.Agreement{
			CourseID: co.ID, ExtendsID: prev, Start: from, End: to,
			HoursBasis: data.HoursPerWeek, GrantedMin: weekly, Scope: data.PerPerson,
			RateOere: 45000, Goal: c.theme.agreementGoal, Tasks: c.theme.tasks, Roles: c.theme.roles,
			LegalBasis: g.org.LegalBasis, ComplaintGuidance: g.org.ComplaintGuidance,
			SignedCitizen: from.AddDays(-3), SignedMunicipality: from.AddDays(-5), SignedProvider: from.AddDays(-6),
			GoalIDs: goalIDs,
		}
		if err := g.st.SaveAgreement(ctx, &a); err != nil {
			return fmt.Errorf("demo: save agreement: %w", err)
		}
		g.sum.Agreements++
		prev = a.ID
		from = to.AddDays(1)
		if to.After(g.today) {
			break
		}
	}
	return nil
}

// planSized lays the course's sessions on a fixed weekly slot of its
// mentor (weekday and hour from the mentor's running count), with a second
// weekly session for about a quarter of the courses, up to four weeks
// ahead for a running course.
func (g *sized) planSized(c *citizen, co data.Course, mentorID data.ID, mi int, start, end data.Date, weekly int) {
	slot := g.perMent[mi] % 40
	g.perMent[mi]++
	weekday, hour := slot/8, 8+slot%8
	days := []int{weekday}
	if weekly >= 90 && g.chance(0.5) {
		days = append(days, (weekday+2)%5)
	}
	length := min(90, weekly/len(days))
	last := end
	if co.Status == data.CourseActive {
		last = minDate(end, g.today.AddDays(27))
	}
	for monday := mondayOf(start); !monday.After(last); monday = monday.AddDays(7) {
		if g.chance(0.08) {
			continue // holiday or illness: no session this week
		}
		for _, wd := range days {
			day := monday.AddDays(wd)
			if day.Before(start) || day.After(last) || isDayOff(day) {
				continue
			}
			g.sessions = append(g.sessions, g.sizedSession(c, co, mentorID, day, hour, length))
		}
	}
}

func (g *sized) sizedSession(c *citizen, co data.Course, mentorID data.ID, day data.Date, hour, length int) data.Session {
	begin := at(day, hour*60)
	s := data.Session{
		CourseID: co.ID, MentorID: mentorID,
		PlannedStart: begin, PlannedEnd: begin.Add(time.Duration(length) * time.Minute),
		Status: data.SessionPlanned, Form: data.FormInPerson, Place: "Jobcentret",
	}
	if g.chance(0.2) {
		s.Form, s.Place = data.FormPhone, ""
	}
	if !day.Before(g.today) {
		return s
	}
	if day.After(g.today.AddDays(-10)) && g.chance(0.05) {
		return s // not registered yet: Oversigt asks for it
	}
	switch r := g.rng.Float64(); {
	case r < 0.07:
		s.Status = data.SessionNoShow
		s.Note = g.noShowNote(s.Form)
		s.AdminMin = 10
	case r < 0.12:
		s.Status = data.SessionCancelledCitizen
		s.Note = "Borgeren meldte afbud om morgenen."
	case r < 0.15:
		s.Status = data.SessionCancelledMentor
		s.Note = "Aflyst af mentor på grund af sygdom; ny tid aftalt."
	default:
		s.Status = data.SessionHeld
		s.ActualStart, s.ActualEnd = s.PlannedStart, s.PlannedEnd
		s.ContactMin = length
		s.TransportMin = pick(g.generator, []int{0, 0, 15, 20, 30})
		s.AdminMin = pick(g.generator, []int{10, 15, 20})
		s.Roles = c.theme.roles
		s.Note = strings.Join(pickSome(g.generator, c.theme.notes, g.between(3, 5)), " ")
	}
	s.RegisteredAt = s.PlannedEnd.Add(time.Duration(g.between(30, 600)) * time.Minute)
	return s
}

// flushSessions writes the planned sessions of the chunk.
func (g *sized) flushSessions(ctx context.Context) error {
	if len(g.sessions) == 0 {
		return nil
	}
	if bulk, ok := g.st.(bulkSessionStore); ok {
		if err := bulk.BulkSessions(ctx, g.sessions); err != nil {
			return fmt.Errorf("demo: save sessions: %w", err)
		}
	} else {
		for i := range g.sessions {
			if err := g.st.SaveSession(ctx, &g.sessions[i]); err != nil {
				return fmt.Errorf("demo: save session: %w", err)
			}
		}
	}
	g.sum.Sessions += len(g.sessions)
	g.sessions = g.sessions[:0]
	return nil
}
