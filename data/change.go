package data

import "context"

// Change says that a record was created, changed or deleted and committed,
// by this program or, on a shared server, by another user. It names the
// kind of record (its table) and its id, never any of its values, so it can
// travel to every open window without exposing personal data.
type Change struct {
	// Table is the table of the record, e.g. "sessions"; empty when the
	// changes are unknown (the connection to the server was lost for a
	// while), which means that anything may have changed.
	Table string
	// ID is the record's id; 0 when not known.
	ID ID
}

// Unknown tells whether the change stands for "anything may have changed".
func (c Change) Unknown() bool { return c.Table == "" }

// ChangeStore tells open screens what others change, so they can follow
// without the user reloading.
type ChangeStore interface {
	// Subscribe calls fn, from another goroutine, after each committed
	// change, until cancel is called, ctx ends or the store closes. Changes
	// arrive after their commit, in commit order for one writer, possibly
	// merged (one Change for several writes to the same record) and
	// possibly late by a moment; a rolled back transaction reports nothing.
	// Writes this program makes are reported too.
	Subscribe(ctx context.Context, fn func(Change)) (cancel func())
}
