package reports

import (
	"context"
	"fmt"
	"math"
	"strings"

	"mentorbog/data"
)

// Prefill drafts the written part of a new report from the data, for the
// mentor to correct and complete: the citizen's situation from the
// handover profile, the plan from the agreement, a summary of the period's
// delivery and progression as the start of the assessment, and a
// recommendation from the agreement's end and the course's status.
func Prefill(ctx context.Context, st Source, kind data.ReportKind, courseID data.ID, from, to data.Date) (data.Report, error) {
	f, err := loadCourse(ctx, st, courseID)
	if err != nil {
		return data.Report{}, err
	}
	return f.prefill(kind, from, to)
}

func (f courseFile) prefill(kind data.ReportKind, from, to data.Date) (data.Report, error) {
	r := data.Report{Kind: kind, CourseID: f.course.ID, MunicipalityID: f.course.MunicipalityID,
		PeriodStart: from, PeriodEnd: to, Status: data.ReportDraft}
	a, _, hasAgreement := f.agreementFor(0, firstDate(from, data.NewDate(1, 1, 1)), firstDate(to, data.NewDate(9999, 1, 1)))
	switch kind {
	case data.KindStart:
		if r.PeriodStart.IsZero() {
			r.PeriodStart = firstDate(f.course.StartedOn, a.Start)
		}
		if r.PeriodEnd.IsZero() {
			r.PeriodEnd = firstDate(f.firstHeld(), r.PeriodStart)
		}
		p := f.citizen.Profile
		r.Situation = joinNonEmpty("\n", labelled("Ressourcer", p.Resources), labelled("Kompetencer", p.Competences),
			labelled("Udfordringer i hverdagen", p.Everyday), labelled("Begrænsninger og skånehensyn", p.Limitations),
			labelled("Hvad virker", p.WhatWorks))
		if hasAgreement {
			r.Plan = joinNonEmpty("\n", labelled("Formål", a.Goal), labelled("Opgaver", a.Tasks), labelled("Roller i fokus", rolesText(a.Roles)))
		}
	case data.KindStatus:
		if from.IsZero() || to.IsZero() {
			return r, missing("En statusrapport kræver en periode (fra og til).")
		}
		if !hasAgreement {
			return r, missing("Forløb %d har ingen mentoraftale i perioden %s.", f.course.ID, periodText(from, to))
		}
		r.AgreementID = a.ID
		r.Assessment = f.deliverySummary(from, to) + f.progressSummary(from, to)
		r.Recommendation = data.RecommendContinue
		if !a.End.After(to.AddDays(42)) {
			r.Recommendation = data.RecommendExtend
			r.SuggestedHoursMin = int(math.Round(a.GrantedWeeklyMin()/15) * 15)
		}
	case data.KindFinal:
		if len(f.agreements) == 0 {
			return r, missing("Forløb %d har ingen mentoraftale; en slutrapport kræver mindst én.", f.course.ID)
		}
		r.PeriodStart = firstDate(f.course.StartedOn, f.agreements[0].Start)
		r.PeriodEnd = firstDate(f.course.EndedOn, f.agreements[len(f.agreements)-1].End)
		r.Assessment = f.deliverySummary(r.PeriodStart, r.PeriodEnd) + f.progressSummary(r.PeriodStart, r.PeriodEnd)
		if o := f.course.Outcome; o == data.OutcomeJob || o == data.OutcomeFlexJob || o == data.OutcomeEducation {
			r.Events.JobOrEducation = "Forløbet er afsluttet med resultatet: " + strings.ToLower(o.Label()) + "."
		}
		r.Recommendation = data.RecommendEnd
	}
	return r, nil
}

func labelled(label, text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return label + ": " + strings.TrimSpace(text)
}

// deliverySummary is one sentence about the period's sessions.
func (f courseFile) deliverySummary(from, to data.Date) string {
	h := data.Account(data.Agreement{CourseID: f.course.ID, Start: from, End: to}, f.sessions)
	s := fmt.Sprintf("I perioden %s er der gennemført %s med i alt %s kontakttid", periodText(from, to), plural(h.Held, "møde", "møder"), hoursText(h.UsedMin))
	if h.NoShows > 0 {
		s += "; borgeren udeblev " + times(h.NoShows)
	}
	if n := h.CancelledByCitizen + h.CancelledByMentor; n > 0 {
		s += "; " + plural(n, "møde", "møder") + " blev aflyst"
	}
	return s + "."
}

// progressSummary says how each goal's score moved in the period.
func (f courseFile) progressSummary(from, to data.Date) string {
	var lines []string
	for _, g := range f.goals {
		var first, last *data.Score
		for i, s := range f.scores[g.ID] {
			if s.On.After(to) {
				break
			}
			if first == nil || s.On.Before(from) {
				first = &f.scores[g.ID][i]
			}
			last = &f.scores[g.ID][i]
		}
		if last == nil {
			continue
		}
		if first.ID == last.ID {
			lines = append(lines, fmt.Sprintf("%s: score %d.", g.Title, last.Value))
		} else {
			lines = append(lines, fmt.Sprintf("%s: fra %d til %d.", g.Title, first.Value, last.Value))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\nProgression: " + strings.Join(lines, " ")
}

// plural is "1 møde" or "3 møder".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// times is "1 gang" or "3 gange".
func times(n int) string { return plural(n, "gang", "gange") }
