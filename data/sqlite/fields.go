package sqlite

import (
	"database/sql"
	"time"

	"mentorbog/data"
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

// sealAll seals several fields; it stops at the first error.
func (s *Store) sealAll(fields ...*string) error {
	for _, f := range fields {
		v, err := s.fields.seal(*f)
		if err != nil {
			return err
		}
		*f = v
	}
	return nil
}

// openAll opens several fields in place; it stops at the first error.
func (s *Store) openAll(fields ...*string) error {
	for _, f := range fields {
		v, err := s.fields.open(*f)
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
		return err
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
	return id, err
}
