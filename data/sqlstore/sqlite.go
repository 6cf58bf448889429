// Package sqlstore is Mentorbog's store (data.Store) on SQL, with two
// backends: SQLite, one local database file in WAL mode with full fsync so a
// confirmed save survives a crash or a power cut (the default); and
// PostgreSQL, a shared server for organisations with many users at once
// (postgres.go). The queries are written once, in portable SQL (dialect.go).
package sqlstore

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
	"sync"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver (cgo)

	"mentorbog/data"
)

// Store is a Mentorbog database: one SQLite file or a PostgreSQL database.
type Store struct {
	db      *sql.DB
	dialect dialect
	// path is the SQLite file; empty on PostgreSQL.
	path string
	// addr is what the store was opened with (a path or a postgres:// URL
	// with the password removed), for messages.
	addr string
	// security is the login state: the user and the unwrapped data key.
	security security
	// lock keeps a second Mentorbog away while this one is open.
	lock *instanceLock
	// writers lets this store's SQLite transactions in one at a time, in
	// turn (see waitForWriters).
	writers sync.Mutex
	// server is set for a PostgreSQL store opened without a user: it
	// connects as the user's own login role at Login (postgres.go).
	server *serverLogin
	// changes tells subscribers what was committed (notify.go).
	changes changeHub
}

var _ data.Store = (*Store)(nil)

// Open opens the database at addr and brings its schema up to date: a
// postgres:// (or postgresql://) URL opens a PostgreSQL database, anything
// else is the path of a SQLite file (see OpenSQLite).
func Open(addr string) (*Store, error) {
	if IsPostgresAddr(addr) {
		return OpenPostgres(addr)
	}
	return OpenSQLite(addr)
}

// OpenSQLite opens (creating when missing) the SQLite database at path and
// brings its schema up to date. Before anything can write to the file it
// refuses a network path, a file that is not SQLite and a schema from a
// newer Mentorbog, so such files are left exactly as they were.
func OpenSQLite(path string) (*Store, error) {
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
	s := &Store{db: db, dialect: dialectSQLite, path: path, addr: path, lock: lock}
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
	if s.dialect == dialectSQLite {
		if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return classifyOpenError(fmt.Errorf("set WAL mode: %w", err))
		}
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
	s.changes.close()
	err := s.db.Close()
	if s.lock != nil {
		if lerr := s.lock.release(); err == nil {
			err = lerr
		}
	}
	return err
}

// Path is the SQLite database file's path; empty on PostgreSQL.
func (s *Store) Path() string { return s.path }

// Addr is where the database is, for messages: the SQLite path, or the
// PostgreSQL URL without its password.
func (s *Store) Addr() string { return s.addr }

// IsPostgres tells whether the store is on a PostgreSQL server.
func (s *Store) IsPostgres() bool { return s.dialect == dialectPostgres }

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

// q returns the transaction running in ctx, or the pool, speaking the
// store's dialect.
func (s *Store) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return s.speak(tx)
	}
	return s.speak(s.db)
}

// pool is the connection pool outside any transaction, for the few calls
// that must not join the caller's transaction (failed-login counters).
func (s *Store) pool() querier { return s.speak(s.db) }

func (s *Store) speak(q querier) querier {
	if s.dialect == dialectPostgres {
		return pgQuerier{q}
	}
	return s.recording(q)
}

// Atomically runs fn in one transaction. Nested calls join the outer one.
//
// Transactions write one at a time on both backends. SQLite begins each
// IMMEDIATE (_txlock); on PostgreSQL each takes the store's advisory lock
// first (lockWrites), before touching any row. So a transaction never
// waits for a row lock while holding the lock another one needs (no
// deadlocks), READ COMMITTED sees every earlier commit, and the audit
// chain, which reads its head and appends, cannot fork. Nothing needs a
// retry for serialization failures, which is just as well: a retry would
// run fn's changes to the records it was given (new ids) a second time.
// Records' in-memory changes registered with onRollback are put back when
// the transaction rolls back.
func (s *Store) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	defer s.waitForWriters()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", storageError(err))
	}
	ctx, changes := s.recordChanges(ctx)
	undo := &undoList{}
	txCtx := context.WithValue(context.WithValue(ctx, txKey{}, tx), undoKey{}, undo)
	if err := s.lockWrites(txCtx); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(txCtx); err != nil {
		tx.Rollback()
		undo.run()
		return storageError(err)
	}
	if err := tx.Commit(); err != nil {
		undo.run()
		return fmt.Errorf("commit: %w", storageError(err))
	}
	s.publishChanges(changes)
	return nil
}
