package data

import "slices"

// Extension is the agreement that extends a ("Forlæng aftale"): the same
// content, linked to a, starting the day after a ends. It runs as long as
// a did, in whole months when a ran whole months, and never longer than
// the law's MaxAgreementMonths. Signatures are cleared: the new period
// must be signed again.
func (a Agreement) Extension() Agreement {
	next := a
	next.ID = 0
	next.ExtendsID = a.ID
	next.GoalIDs = slices.Clone(a.GoalIDs)
	next.SignedCitizen, next.SignedMunicipality, next.SignedProvider = Date{}, Date{}, Date{}
	if a.End.IsZero() {
		next.Start, next.End = Date{}, Date{}
		return next
	}
	next.Start = a.End.AddDays(1)
	if months := wholeMonths(a.Start, a.End); months > 0 {
		next.End = lastDayOfMonths(next.Start, min(months, MaxAgreementMonths))
		return next
	}
	days := 0
	if !a.Start.IsZero() {
		days = a.Start.DaysUntil(a.End)
	}
	next.End = next.Start.AddDays(days)
	if limit := lastDayOfMonths(next.Start, MaxAgreementMonths); next.End.After(limit) {
		next.End = limit
	}
	return next
}

// wholeMonths is n when the period from start to end is exactly n months
// (1 March – 31 August is 6), else 0.
func wholeMonths(start, end Date) int {
	if start.IsZero() || end.Before(start) {
		return 0
	}
	for n := 1; n <= 24; n++ {
		if lastDayOfMonths(start, n) == end {
			return n
		}
	}
	return 0
}
