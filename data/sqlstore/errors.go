package sqlstore

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"

	"mentorbog/data"
)

// The messages are Danish because they reach the user as they are.
var (
	// ErrNotDatabase: the file exists but is not an SQLite database.
	ErrNotDatabase = errors.New("filen er ikke en Mentorbog-database (den er ikke en SQLite-fil); filen er ikke ændret")
	// ErrCorrupt: the file is SQLite but damaged.
	ErrCorrupt = errors.New("databasefilen er beskadiget; filen er ikke ændret – gendan den nyeste sikkerhedskopi")
	// ErrInUse: another Mentorbog has the database open.
	ErrInUse = errors.New("databasen er allerede åben i en anden Mentorbog (på denne eller en anden pc); luk den først, og prøv igen – filen er ikke ændret")
)

// NewerSchemaError: the database was written by a newer Mentorbog.
type NewerSchemaError struct{ Found, Known int }

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("databasen er fra en nyere version af Mentorbog (skemaversion %d, denne version kender op til %d); opdatér Mentorbog – filen er ikke ændret", e.Found, e.Known)
}

// NetworkPathError: the database path is on a network share.
type NetworkPathError struct{ Path, Reason string }

func (e *NetworkPathError) Error() string {
	return fmt.Sprintf("databasen må ikke ligge på et netværksdrev (%s). En SQLite-fil kan blive ødelagt, når den bruges over netværket. Læg databasen på pc'ens egen disk, og brug netværksdrevet til sikkerhedskopier", e.Reason)
}

// Storage problems a user can act on. A failed save is rolled back whole,
// so nothing is half-written, and the screen keeps what was typed.
var (
	ErrDiskFull = errors.New("disken er fuld: gemningen er ikke gennemført, og intet er ændret – frigør plads, og gem igen")
	ErrReadOnly = errors.New("databasen kan ikke skrives (mappen eller filen er skrivebeskyttet): gemningen er ikke gennemført, og intet er ændret")
)

// storageError recognises SQLite's full-disk and read-only errors and
// returns the Danish explanation, keeping the original error wrapped.
func storageError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		return err
	}
	// A user's server role refused by its grants or by row-level security
	// (roles.go): the same answer as the store's own permission checks.
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		return fmt.Errorf("%w (%v)", data.ErrForbidden, err)
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return fmt.Errorf("%w (%v)", ErrDiskFull, err)
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			return fmt.Errorf("%w (%v)", ErrReadOnly, err)
		}
	}
	return err
}
