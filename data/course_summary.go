package data

// CourseSummary is what a list of citizens shows of a course: its status
// and primary mentor, and what decides which of a citizen's courses the
// row shows (the newest by ordered date and id). Borgere reads one per
// course of the organisation, so it holds none of the course's texts.
type CourseSummary struct {
	ID        ID
	CitizenID ID
	MentorID  ID // current primary mentor; 0 when none
	Status    CourseStatus
	OrderedOn Date
}

// Summary is the course's CourseSummary.
func (c Course) Summary() CourseSummary {
	return CourseSummary{ID: c.ID, CitizenID: c.CitizenID, MentorID: c.MentorID, Status: c.Status, OrderedOn: c.OrderedOn}
}
