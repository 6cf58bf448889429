// Package storetest gives tests the address of a fresh, empty Mentorbog
// database on the backend under test (open it with sqlstore.Open): a SQLite file in t.TempDir(), or, when
// MENTORBOG_TEST_PG names a PostgreSQL server (postgres://...), a new
// database on that server, dropped when the test ends. `make test` runs
// the store's suite both ways.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// EnvPG is the environment variable naming the test server.
const EnvPG = "MENTORBOG_TEST_PG"

// Postgres tells whether tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(EnvPG) != "" }

// RequirePostgres skips a test of what only a PostgreSQL server has when no
// server is given, and returns the server's URL. `make test` always gives
// one, so such a test never is skipped there.
func RequirePostgres(t testing.TB, what string) string {
	t.Helper()
	server := os.Getenv(EnvPG)
	if server == "" {
		t.Skip(what + " needs a PostgreSQL server: set " + EnvPG + " (make test does)")
	}
	return server
}

// Addr returns the address of a new, empty database: a file path in
// t.TempDir() named name, or a postgres:// URL of a new database.
func Addr(t testing.TB, name string) string {
	t.Helper()
	server := os.Getenv(EnvPG)
	if server == "" {
		return filepath.Join(t.TempDir(), name)
	}
	return NewPostgresDatabase(t, server)
}

// NewPostgresDatabase creates a database with a random name on the server
// (whose URL names a user allowed to create databases and roles) and
// returns its URL; the database and the roles made for it are dropped when
// the test ends.
func NewPostgresDatabase(t testing.TB, server string) string {
	t.Helper()
	name := RandomDatabaseName()
	addr, err := CreateDatabase(context.Background(), server, name, "")
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { DropPostgresDatabase(t, server, name) })
	return addr
}

// DropPostgresDatabase drops a test database and every role whose name
// starts with the database's name (the per-user roles made for it).
func DropPostgresDatabase(t testing.TB, server, name string) {
	if err := DropDatabase(context.Background(), server, name); err != nil {
		t.Logf("drop test database: %v", err)
	}
}

// CopySQLiteFile copies a closed SQLite database file and its write-ahead
// log, should one be left (together they hold everything committed), to
// dst, streamed: the largest benchmark file is half a gigabyte.
func CopySQLiteFile(src, dst string) error {
	for _, suffix := range []string{"", "-wal"} {
		err := copyFile(src+suffix, dst+suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("copy database file: %w", err)
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// The helpers below take no testing.TB, for the benchmark data
// (data/demo/benchdb) and a package's TestMain, which have none.

// RandomDatabaseName is a fresh name for a test database ("mbtest_" and
// twelve hex digits).
func RandomDatabaseName() string {
	buf := make([]byte, 6)
	rand.Read(buf)
	return "mbtest_" + hex.EncodeToString(buf)
}

// DatabaseURL is the URL of database name on the server whose URL is given.
func DatabaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("server address: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// CreateDatabase creates database name on the server, as a copy of
// template when one is given (CREATE DATABASE ... TEMPLATE copies the files
// on the server: much faster than building the data again), and returns
// its URL. Names are the caller's identifiers, never user input.
func CreateDatabase(ctx context.Context, server, name, template string) (string, error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	defer admin.Close()
	stmt := "CREATE DATABASE " + name
	if template != "" {
		stmt += " TEMPLATE " + template
	}
	if _, err := admin.ExecContext(ctx, stmt); err != nil {
		return "", fmt.Errorf("%s: %w", stmt, err)
	}
	return DatabaseURL(server, name)
}

// DropDatabase drops database name (if it exists) and every role whose
// name starts with it: the per-user roles Mentorbog made for it.
func DropDatabase(ctx context.Context, server, name string) error {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	rows, err := admin.QueryContext(ctx, "SELECT rolname FROM pg_roles WHERE rolname LIKE $1", name+"%")
	if err != nil {
		return fmt.Errorf("drop roles of %s: %w", name, err)
	}
	var roles []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return fmt.Errorf("drop roles of %s: %w", name, err)
		}
		roles = append(roles, r)
	}
	rows.Close()
	for _, r := range roles {
		if _, err := admin.ExecContext(ctx, `DROP ROLE IF EXISTS "`+strings.ReplaceAll(r, `"`, `""`)+`"`); err != nil {
			return fmt.Errorf("drop role of %s: %w", name, err)
		}
	}
	return nil
}
