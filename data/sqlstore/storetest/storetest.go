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
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("connect to test server: %v", err)
	}
	defer admin.Close()
	buf := make([]byte, 6)
	rand.Read(buf)
	name := "mbtest_" + hex.EncodeToString(buf)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { DropPostgresDatabase(t, server, name) })
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("test server address: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// DropPostgresDatabase drops a test database and every role whose name
// starts with the database's name (the per-user roles made for it).
func DropPostgresDatabase(t testing.TB, server, name string) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Logf("drop test database: %v", err)
		return
	}
	defer admin.Close()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Logf("drop test database: %v", err)
	}
	rows, err := admin.QueryContext(ctx, "SELECT rolname FROM pg_roles WHERE rolname LIKE $1", name+"%")
	if err != nil {
		return
	}
	var roles []string
	for rows.Next() {
		var r string
		if rows.Scan(&r) == nil {
			roles = append(roles, r)
		}
	}
	rows.Close()
	for _, r := range roles {
		admin.ExecContext(ctx, `DROP ROLE IF EXISTS "`+strings.ReplaceAll(r, `"`, `""`)+`"`)
	}
}
