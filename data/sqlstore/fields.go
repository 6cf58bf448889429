package sqlstore

import (
	"database/sql"
	"time"

	"mentorbog/data"
	"mentorbog/data/vault"
)

// fieldCodec turns a personal field (the columns marked "(personal)" in the
// schema) into its stored form and back. Every read and write of those
// columns goes through Store.fields, so encryption at rest is one change
// here, not in every query.
type fieldCodec interface {
	seal(plain string) (string, error)
	open(stored string) (string, error)
}

// plainCodec stores personal fields as they are (until encryption is on).
type plainCodec struct{}

func (plainCodec) seal(s string) (string, error) { return s, nil }
func (plainCodec) open(s string) (string, error) { return s, nil }

// lockedCodec refuses: after setup, personal data needs a logged-in user.
type lockedCodec struct{}

func (lockedCodec) seal(string) (string, error) { return "", data.ErrLoggedOut }
func (lockedCodec) open(string) (string, error) { return "", data.ErrLoggedOut }

// fieldAD binds sealed values to Mentorbog's personal fields, so a value
// sealed for another purpose with the same key does not open here.
const fieldAD = "mentorbog/personfelt"

// keyCodec seals with AES-256-GCM under the unwrapped data key.
type keyCodec struct{ key *vault.DataKey }

func (c keyCodec) seal(s string) (string, error) { return c.key.Seal(s, fieldAD) }
func (c keyCodec) open(s string) (string, error) { return c.key.Open(s, fieldAD) }

// personalColumns is the inventory of every column holding personal data,
// with the key columns that identify a row. Setup encrypts them, and the
// plaintext check reads them. A new personal column must be added here.
var personalColumns = []struct {
	table   string
	keys    []string
	columns []string
}{
	{"citizens", []string{"id"}, []string{"name", "cpr", "address", "phone", "email",
		"profile_resources", "profile_competences", "profile_limitations", "profile_everyday", "profile_what_works",
		"needs"}},
	{"courses", []string{"id"}, []string{"outcome_note"}},
	{"course_mentors", []string{"id"}, []string{"handover_note"}},
	{"agreements", []string{"id"}, []string{"goal", "tasks"}},
	{"goals", []string{"id"}, []string{"title", "description"}},
	{"goal_scores", []string{"id"}, []string{"note"}},
	{"sessions", []string{"id"}, []string{"note"}},
	{"session_goals", []string{"session_id", "goal_id"}, []string{"note"}},
	{"drafts", []string{"user_id", "kind", "draft_key"}, []string{"title", "payload"}},
	{"reports", []string{"id"}, []string{"situation", "plan", "event_deviation", "event_sickness", "event_crisis",
		"event_job_start", "assessment", "citizen_comments"}},
	{"report_comments", []string{"id"}, []string{"text"}},
}

// codec is how personal fields are stored right now: as they are before
// setup (a new database without users), refused while nobody is logged in
// after setup, and sealed with the data key once a user has logged in.
func (s *Store) codec() fieldCodec {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	switch {
	case st.loaded && st.setupDone && st.key == nil:
		return lockedCodec{}
	case st.key != nil:
		return keyCodec{st.key}
	}
	return plainCodec{}
}

// sealAll seals several fields; it stops at the first error.
func (s *Store) sealAll(fields ...*string) error {
	c := s.codec()
	for _, f := range fields {
		v, err := c.seal(*f)
		if err != nil {
			return err
		}
		*f = v
	}
	return nil
}

// openAll opens several fields in place; it stops at the first error.
func (s *Store) openAll(fields ...*string) error {
	c := s.codec()
	for _, f := range fields {
		v, err := c.open(*f)
		if err != nil {
			return err
		}
		*f = v
	}
	return nil
}

// nullID stores an optional reference: 0 becomes NULL.
func nullID(id data.ID) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOf reads an optional reference.
func idOf(n sql.NullInt64) data.ID {
	if !n.Valid {
		return 0
	}
	return n.Int64
}

// unixOrNull stores an optional instant as Unix seconds.
func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// timeOf reads an optional instant in Danish time.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0).In(data.Zone())
}

// boolInt stores a boolean as 0/1, which both SQLite and PostgreSQL
// integers hold without dialect-specific types.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dateScanner reads a stored ISO date.
type dateScanner struct{ d *data.Date }

func (ds dateScanner) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	}
	d, err := data.ParseISODate(s)
	if err != nil {
		return err
	}
	*ds.d = d
	return nil
}

func dateOf(d *data.Date) dateScanner { return dateScanner{d} }

// rowsAffected turns "no row updated" into data.ErrNotFound.
func rowsAffected(res sql.Result, err error) error {
	if err != nil {
		return storageError(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return data.ErrNotFound
	}
	return nil
}

// insertID runs an INSERT ... RETURNING id (portable to PostgreSQL, unlike
// LastInsertId) and returns the new id.
func insertID(row *sql.Row) (data.ID, error) {
	var id data.ID
	err := row.Scan(&id)
	return id, storageError(err)
}

// sqlNull wraps a stored Unix time that is never NULL.
func sqlNull(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: true} }
