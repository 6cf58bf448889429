package data

import (
	"context"
	"time"
)

// Draft is a form that was open but not saved: what the user had typed, kept
// every few seconds and when the form closes, so that a crash, a flat
// battery or a forgotten window loses nothing. Saving or discarding the form
// removes its draft.
type Draft struct {
	// Kind names the form ("citizen", "agreement", "session", ...); the UI
	// uses it to know which form restores the draft.
	Kind string
	// Key tells records of one kind apart: the record's id, or "new" (or a
	// parent id such as "course:12") for a record not yet saved.
	Key string
	// Title is what the offer to restore shows, e.g. "Borger: Anna Hansen".
	Title string
	// Payload is the typed values as the form encodes them (JSON).
	Payload string
	// CitizenID is the citizen the form is about (0 when none, e.g. a
	// mentor), so that erasing a citizen erases drafts about them too.
	CitizenID ID
	SavedAt   time.Time
}

// DraftMaxAge is how long an abandoned draft is kept; the retention run
// deletes older ones, so typed personal data does not linger in drafts.
const DraftMaxAge = 30 * 24 * time.Hour

// DraftStore keeps the logged-in user's drafts; nobody sees another user's.
type DraftStore interface {
	SaveDraft(ctx context.Context, d Draft) error
	// Drafts lists the logged-in user's drafts, newest first.
	Drafts(ctx context.Context) ([]Draft, error)
	// DiscardDraft removes one draft; removing a draft that does not exist
	// is not an error.
	DiscardDraft(ctx context.Context, kind, key string) error
}
