package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
)

// The demo database takes seconds to build (on PostgreSQL over ten), and
// most tests here only need one to run commands on. So the package builds
// it once, on the backend under test, through the demo command itself:
// demoShared gives tests that only read it, demoCopy a private copy for
// tests that change it (a file copy on SQLite; CREATE DATABASE ... TEMPLATE
// on PostgreSQL, which copies the files on the server).
type demoTemplate struct {
	once   sync.Once
	addr   string // a file path or a postgres:// URL
	output string // what `mentorbog demo` printed
	err    error
	dir    string // SQLite: the folder holding the file
	server string // PostgreSQL: the test server
	name   string // PostgreSQL: the template database
}

// sharedDemo is the package's one demo database (test state only).
var sharedDemo demoTemplate

func TestMain(m *testing.M) {
	code := m.Run()
	sharedDemo.remove()
	os.Exit(code)
}

// demoDatabase returns the shared demo database, building it on first use.
func demoDatabase(t *testing.T) *demoTemplate {
	t.Helper()
	sharedDemo.once.Do(sharedDemo.build)
	if sharedDemo.err != nil {
		t.Fatalf("build the shared demo database: %v", sharedDemo.err)
	}
	return &sharedDemo
}

// demoShared is the address of the shared demo database, for a test that
// only reads it (the audit entries the commands write aside). On SQLite it
// is a private copy anyway, since copying a file costs nothing.
func demoShared(t *testing.T) string {
	t.Helper()
	d := demoDatabase(t)
	if d.server == "" {
		return d.copyFile(t)
	}
	return d.addr
}

// demoCopy is the address of a private copy of the demo database.
func demoCopy(t *testing.T) string {
	t.Helper()
	d := demoDatabase(t)
	if d.server == "" {
		return d.copyFile(t)
	}
	return d.copyDatabase(t)
}

func (d *demoTemplate) build() {
	d.server = os.Getenv(storetest.EnvPG)
	if d.server == "" {
		d.dir, d.err = os.MkdirTemp("", "mentorbog-cli-demo-")
		if d.err != nil {
			return
		}
		d.addr = filepath.Join(d.dir, "demo æøå.db")
	} else if d.addr, d.err = d.createDatabase(""); d.err != nil {
		return
	}
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Version: "9.9.9",
		Today: func() data.Date { return data.NewDate(2026, 11, 23) }}
	if code := Run(context.Background(), env, []string{"demo", "--db", d.addr, "--today", "2026-11-23"}); code != ExitOK {
		d.err = fmt.Errorf("demo: exit %d: %s", code, errOut.String())
	}
	d.output = out.String()
}

// createDatabase makes a new database on the test server (a copy of
// template when given) and returns its URL.
func (d *demoTemplate) createDatabase(template string) (string, error) {
	name := storetest.RandomDatabaseName()
	addr, err := storetest.CreateDatabase(context.Background(), d.server, name, template)
	if err == nil && template == "" {
		d.name = name
	}
	return addr, err
}

func (d *demoTemplate) copyDatabase(t *testing.T) string {
	t.Helper()
	name := storetest.RandomDatabaseName()
	addr, err := storetest.CreateDatabase(context.Background(), d.server, name, d.name)
	if err != nil {
		t.Fatalf("copy the demo database: %v", err)
	}
	t.Cleanup(func() { storetest.DropPostgresDatabase(t, d.server, name) })
	return addr
}

// copyFile copies the closed demo file (and a WAL, should one be left).
func (d *demoTemplate) copyFile(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(d.addr))
	if err := storetest.CopySQLiteFile(d.addr, dst); err != nil {
		t.Fatalf("copy the demo database: %v", err)
	}
	return dst
}

// remove deletes the shared demo database after the package's tests.
func (d *demoTemplate) remove() {
	if d.dir != "" {
		os.RemoveAll(d.dir)
	}
	if d.name != "" {
		if err := storetest.DropDatabase(context.Background(), d.server, d.name); err != nil {
			fmt.Fprintln(os.Stderr, "drop the shared demo database:", err)
		}
	}
}
