// Package sqlite is the SQLite implementation of data.Store: one local
// database file, in WAL mode with full fsync, so a confirmed save survives a
// crash or a power cut.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver (cgo)

	"mentorbog/data"
)

// Store is a Mentorbog database in one SQLite file.
type Store struct {
	db   *sql.DB
	path string
	// security is the login state: the user and the unwrapped data key.
	security security
	// lock keeps a second Mentorbog away while this one is open.
	lock *instanceLock
}

var _ data.Store = (*Store)(nil)

// Open opens (creating when missing) the database at path and brings its
// schema up to date. Before anything can write to the file it refuses a
// network path, a file that is not SQLite and a schema from a newer
// Mentorbog, so such files are left exactly as they were.
func Open(path string) (*Store, error) {
	return open(path, migrationFiles())
}

func open(path string, migrations fs.FS) (*Store, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("open database: stien må ikke indeholde ?")
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// One Mentorbog per database: a second one gets ErrInUse before it
	// touches the file.
	lock, err := acquireLock(path)
	if err != nil {
		return nil, err
	}
	// Connection settings only: none of these writes to the file.
	dsn := path + "?_foreign_keys=on&_busy_timeout=5000&_txlock=immediate&_synchronous=FULL&_secure_delete=on"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &Store{db: db, path: path, lock: lock}
	if err := s.prepare(context.Background(), migrations); err != nil {
		db.Close()
		lock.release()
		return nil, err
	}
	return s, nil
}

// prepare checks the schema version, switches to WAL and migrates.
func (s *Store) prepare(ctx context.Context, migrations fs.FS) error {
	steps, err := loadMigrations(migrations)
	if err != nil {
		return err
	}
	current, err := s.schemaVersion(ctx)
	if err != nil {
		return classifyOpenError(err)
	}
	if latest := latestVersion(steps); current > latest {
		return &NewerSchemaError{Found: current, Known: latest}
	}
	// WAL lets the calendar read while a save is being written, and with
	// synchronous=FULL a committed transaction is on disk.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return classifyOpenError(fmt.Errorf("set WAL mode: %w", err))
	}
	if err := s.migrate(ctx, steps, current); err != nil {
		return err
	}
	// Know at once whether personal fields are encrypted: from here on the
	// codec refuses them until a login, even for a call that forgot its
	// permission check, so nothing can be written as plaintext by mistake.
	_, err = s.sec(ctx)
	return err
}

// Close closes the database, then releases the single-instance lock.
func (s *Store) Close() error {
	err := s.db.Close()
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	return err
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// DB exposes the connection pool for maintenance commands (check, backup).
func (s *Store) DB() *sql.DB { return s.db }

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader refuses an existing, non-empty file that is not SQLite.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file becomes a new database
	}
	if err != nil || !bytes.Equal(head, sqliteMagic) {
		return ErrNotDatabase
	}
	return nil
}

// classifyOpenError turns SQLite's corruption errors into ErrCorrupt.
func classifyOpenError(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") || strings.Contains(msg, "corrupt") {
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return err
}

// txKey carries the running transaction in a context.
type txKey struct{}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// q returns the transaction running in ctx, or the pool.
func (s *Store) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return s.db
}

// Atomically runs fn in one transaction. Nested calls join the outer one.
func (s *Store) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", storageError(err))
	}
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		tx.Rollback()
		return storageError(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", storageError(err))
	}
	return nil
}
