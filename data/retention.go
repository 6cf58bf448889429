package data

import "time"

// DefaultRetentionMonths is how long a citizen's data is kept after their
// last course ended, unless the organisation sets another value (setting
// "retention_months").
const DefaultRetentionMonths = 24

// RetentionCandidate is a citizen whose data is due for deletion. It holds
// the id and dates only: the preview shows names from the store, but the
// deletion log never does.
type RetentionCandidate struct {
	CitizenID ID
	LastEnded Date
}

// Deletion is one line of the deletion log: what kind of record, how
// many, why. It never holds personal data.
type Deletion struct {
	ID     ID
	At     time.Time
	Actor  string
	Reason string
	Kind   string
	Count  int
}
