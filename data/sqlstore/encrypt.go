package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"mentorbog/data/cpr"
	"mentorbog/data/vault"
)

// sealedPrefix starts every value sealed by the vault.
const sealedPrefix = "v1:"

// encryptExisting seals every personal field that is still plaintext (data
// stored before the first administrator was created) and fills the CPR
// lookup hashes. It runs inside Setup's transaction.
func (s *Store) encryptExisting(ctx context.Context, key *vault.DataKey) error {
	codec := keyCodec{key}
	for _, t := range personalColumns {
		rows, err := s.readColumns(ctx, t.table, t.keys, t.columns)
		if err != nil {
			return fmt.Errorf("encrypt %s: %w", t.table, err)
		}
		set := strings.Join(t.columns, " = ?, ") + " = ?"
		cond := strings.Join(t.keys, " = ? AND ") + " = ?"
		for _, row := range rows {
			values := row[len(t.keys):]
			args := make([]any, 0, len(row))
			for _, v := range values {
				sealed, err := codec.seal(v)
				if err != nil {
					return fmt.Errorf("encrypt %s: %w", t.table, err)
				}
				args = append(args, sealed)
			}
			for _, k := range row[:len(t.keys)] {
				args = append(args, k)
			}
			if _, err := s.q(ctx).ExecContext(ctx, "UPDATE "+t.table+" SET "+set+" WHERE "+cond, args...); err != nil {
				return fmt.Errorf("encrypt %s: %w", t.table, err)
			}
		}
	}
	return s.fillCPRLookups(ctx, key)
}

// readColumns reads key and value columns of a whole table as text.
func (s *Store) readColumns(ctx context.Context, table string, keys, columns []string) ([][]string, error) {
	all := append(append([]string{}, keys...), columns...)
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+strings.Join(all, ", ")+" FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		row := make([]string, len(all))
		dest := make([]any, len(all))
		for i := range row {
			dest[i] = &row[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// fillCPRLookups computes the keyed hash of every citizen's CPR number.
func (s *Store) fillCPRLookups(ctx context.Context, key *vault.DataKey) error {
	rows, err := s.readColumns(ctx, "citizens", []string{"id"}, []string{"cpr"})
	if err != nil {
		return fmt.Errorf("cpr lookup: %w", err)
	}
	codec := keyCodec{key}
	for _, row := range rows {
		plain, err := codec.open(row[1])
		if err != nil {
			return fmt.Errorf("cpr lookup: %w", err)
		}
		lookup, err := cprLookup(key, plain)
		if err != nil {
			return err
		}
		if _, err := s.q(ctx).ExecContext(ctx, "UPDATE citizens SET cpr_lookup = ? WHERE id = ?", lookup, row[0]); err != nil {
			return fmt.Errorf("cpr lookup: %w", err)
		}
	}
	return nil
}

// cprLookup is the keyed hash of a normalised CPR number ("" for none).
func cprLookup(key *vault.DataKey, number string) (string, error) {
	if number == "" || key == nil {
		return "", nil
	}
	n, err := cpr.Parse(number)
	if err != nil {
		return "", nil // an unparsable number cannot be looked up anyway
	}
	return key.LookupHash("cpr", string(n))
}

// PlaintextField names a personal field found unencrypted.
type PlaintextField struct {
	Table, Column string
	Key           string // the row's key, e.g. "id=12"
}

// PlaintextFields lists personal fields stored without encryption. After
// setup the answer must be empty; `mentorbog check --plaintext` prints it.
// It reads the stored form only, so it needs no login.
func (s *Store) PlaintextFields(ctx context.Context) ([]PlaintextField, error) {
	var out []PlaintextField
	for _, t := range personalColumns {
		rows, err := s.readColumns(ctx, t.table, t.keys, t.columns)
		if err != nil {
			return nil, fmt.Errorf("plaintext check %s: %w", t.table, err)
		}
		for _, row := range rows {
			var key []string
			for i, k := range t.keys {
				key = append(key, k+"="+row[i])
			}
			for i, v := range row[len(t.keys):] {
				if v != "" && !strings.HasPrefix(v, sealedPrefix) {
					out = append(out, PlaintextField{Table: t.table, Column: t.columns[i], Key: strings.Join(key, ",")})
				}
			}
		}
	}
	return out, nil
}
