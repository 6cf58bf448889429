package data

import (
	"slices"
	"strings"
	"time"

	"mentorbog/data/dk"
)

// MentorMatch is one mentor suggested for a citizen, with what the ranking
// rests on, so the screen can say why the mentor ranks where they do.
type MentorMatch struct {
	Mentor Mentor
	// SpeaksTongue: the mentor speaks the citizen's mother tongue.
	SpeaksTongue bool
	// Competences are the mentor's competences that meet the citizen's
	// needs or target group, in the mentor's order.
	Competences []string
	// FreeWeeklyMin is the weekly capacity minus the weekly hours already
	// planned this month; negative when the mentor is overbooked.
	FreeWeeklyMin float64
	// Eligible is false for a volunteer when the citizen has not consented
	// to a voluntary mentor: such a mentor must not be chosen.
	Eligible bool
}

// RankMentors orders the active mentors for a citizen, best first:
//  1. eligible (a volunteer only with the citizen's consent),
//  2. with free capacity this month,
//  3. speaks the citizen's mother tongue,
//  4. more competences matching the citizen's needs and target group,
//  5. more free capacity,
//  6. name in Danish order.
//
// The order is lexicographic on purpose: each step is a reason a
// coordinator can read and agree with, which a weighted score is not.
// plannedWeeklyMin is each mentor's weekly load this month (see
// PlannedWeeklyLoad); targetGroupName is the citizen's target group's name.
// Archived mentors are left out.
func RankMentors(c Citizen, targetGroupName string, mentors []Mentor, plannedWeeklyMin map[ID]float64) []MentorMatch {
	needs := append(slices.Clone(c.Needs), c.TargetGroup, targetGroupName)
	var out []MentorMatch
	for _, m := range mentors {
		if m.Archived {
			continue
		}
		out = append(out, MentorMatch{
			Mentor:        m,
			SpeaksTongue:  speaks(m.Languages, c.MotherTongue),
			Competences:   matchingCompetences(m.Competences, needs),
			FreeWeeklyMin: float64(m.WeeklyCapacityMin) - plannedWeeklyMin[m.ID],
			Eligible:      m.Kind != MentorVolunteer || c.Consents.VolunteerMentor,
		})
	}
	sorter := dk.NewSorter()
	slices.SortStableFunc(out, func(a, b MentorMatch) int {
		if c := compareTrue(a.Eligible, b.Eligible); c != 0 {
			return c
		}
		if c := compareTrue(a.FreeWeeklyMin > 0, b.FreeWeeklyMin > 0); c != 0 {
			return c
		}
		if c := compareTrue(a.SpeaksTongue, b.SpeaksTongue); c != 0 {
			return c
		}
		if c := len(b.Competences) - len(a.Competences); c != 0 {
			return c
		}
		if a.FreeWeeklyMin != b.FreeWeeklyMin {
			if a.FreeWeeklyMin > b.FreeWeeklyMin {
				return -1
			}
			return 1
		}
		return sorter.Compare(a.Mentor.Name, b.Mentor.Name)
	})
	return out
}

// compareTrue sorts true before false.
func compareTrue(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

func normalWord(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// speaks tells whether tongue is among languages, ignoring case.
func speaks(languages []string, tongue string) bool {
	t := normalWord(tongue)
	if t == "" {
		return false
	}
	for _, l := range languages {
		if normalWord(l) == t {
			return true
		}
	}
	return false
}

// matchingCompetences keeps the competences that meet a need: the same
// word, or one containing the other ("angst" meets "angst og depression"),
// ignoring case. Words under four letters only match exactly, so "it"
// does not meet "integration".
func matchingCompetences(competences, needs []string) []string {
	var out []string
	for _, comp := range competences {
		c := normalWord(comp)
		for _, need := range needs {
			n := normalWord(need)
			if n == "" || c == "" {
				continue
			}
			short := len([]rune(c)) < 4 || len([]rune(n)) < 4
			if c == n || !short && (strings.Contains(c, n) || strings.Contains(n, c)) {
				out = append(out, comp)
				break
			}
		}
	}
	return out
}

// PlannedWeeklyLoad is each mentor's weekly minutes in the calendar month
// of day: the sessions of that month that are planned or took place
// (cancelled ones free the time again), spread over the month's weeks.
func PlannedWeeklyLoad(sessions []Session, day Date) map[ID]float64 {
	first := NewDate(day.Year, day.Month, 1)
	last := NewDate(day.Year, day.Month+1, 0)
	weeks := float64(first.DaysUntil(last)+1) / 7
	load := map[ID]float64{}
	for _, s := range sessions {
		switch s.Status {
		case SessionCancelledCitizen, SessionCancelledMentor:
			continue
		}
		if !DateOf(s.PlannedStart.In(Zone())).Within(first, last) {
			continue
		}
		minutes := s.PlannedMin()
		if s.Status == SessionHeld && s.ContactMin > 0 {
			minutes = s.ContactMin
		}
		load[s.MentorID] += float64(minutes) / weeks
	}
	return load
}

// MonthBounds is the first instant of day's month and of the next, in
// Danish time, for asking the store for one month of sessions.
func MonthBounds(day Date) (from, to time.Time) {
	first := NewDate(day.Year, day.Month, 1)
	return first.In(Zone()), NewDate(day.Year, day.Month+1, 1).In(Zone())
}
