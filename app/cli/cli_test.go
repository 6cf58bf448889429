package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
)

// run executes the command line and returns exit code, stdout and stderr.
func run(t *testing.T, env Env, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	if env.Today == nil {
		env.Today = func() data.Date { return data.NewDate(2026, 11, 23) }
	}
	if env.Version == "" {
		env.Version = "9.9.9"
	}
	if env.Getenv == nil {
		// Commands on a demo database log in as the demo administrator.
		env.Getenv = func(k string) string {
			return map[string]string{EnvUser: "admin", EnvPassword: "demo-administrator"}[k]
		}
	}
	code := Run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func TestVersionMatchesFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	v := VersionFromFyneAppToml(string(toml))
	if v == "" || v == "ukendt" || strings.Count(v, ".") != 2 {
		t.Fatalf("version %q read from FyneApp.toml", v)
	}
	code, out, _ := run(t, Env{Version: v}, "version")
	if code != ExitOK || out != "Mentorbog "+v+"\n" {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestUnknownCommandsAndBadFlagsPrintUsageAndExit2(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"--nope"}, {"check", "--nope"}, {"version", "extra"}, {"demo"}} {
		code, _, stderr := run(t, Env{}, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if stderr == "" {
			t.Errorf("%v: nothing on stderr", args)
		}
	}
	_, _, stderr := run(t, Env{}, "frobnicate")
	if !strings.Contains(stderr, "mentorbog demo") {
		t.Errorf("usage not printed: %q", stderr)
	}
}

// The demo command ran once for the package (demodb_test.go), on the
// backend under test; here its summary and a check of what it made.
func TestDemoThenCheckSucceeds(t *testing.T) {
	d := demoDatabase(t)
	if !strings.Contains(d.output, "40 borgere") || !strings.Contains(d.output, "Demo-database oprettet: "+shownAddr(d.addr)) {
		t.Errorf("demo summary: %q", d.output)
	}
	db := demoShared(t)
	code, out, stderr := run(t, Env{}, "--db", db, "check")
	if code != ExitOK || !strings.Contains(out, "Databasen er sund") || !strings.Contains(out, "kæden er intakt") {
		t.Fatalf("check: exit %d\n%s\n%s", code, out, stderr)
	}
	// Demo data never goes into a database that holds citizens.
	code, _, stderr = run(t, Env{}, "demo", "--db", db)
	if code != ExitError || !strings.Contains(stderr, "indeholder allerede borgere") {
		t.Fatalf("second demo: exit %d %q", code, stderr)
	}
}

// File-only: a missing file and a file that is not SQLite.
func TestCheckReportsBadFilesClearly(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, Env{}, "check", "--db", filepath.Join(dir, "missing.db"))
	if code != ExitError || !strings.Contains(stderr, "findes ikke") {
		t.Errorf("missing file: %d %q", code, stderr)
	}
	text := filepath.Join(dir, "tekst.db")
	os.WriteFile(text, []byte("ikke en database"), 0o600)
	code, _, stderr = run(t, Env{}, "check", "--db", text)
	if code != ExitError || !strings.Contains(stderr, "ikke en Mentorbog-database") {
		t.Errorf("text file: %d %q", code, stderr)
	}
	if b, _ := os.ReadFile(text); string(b) != "ikke en database" {
		t.Error("check changed a file that is not a database")
	}
}

func TestNoCommandStartsTheGUIOnTheAddressFromTheFlagOrTheEnvironment(t *testing.T) {
	var got []string
	env := Env{StartGUI: func(addr string) error { got = append(got, addr); return nil }}
	fromEnv := "postgres://kontor@db.mentorkorps.dk/mentorbog?sslmode=require"
	env.Getenv = func(k string) string { return map[string]string{EnvDB: fromEnv}[k] }
	run(t, env, "--db", "flag.db") // the flag wins over the environment
	run(t, env)                    // the environment over the default
	env.Getenv = func(string) string { return "" }
	run(t, env) // neither: the GUI decides (its saved choice, or the default file)
	if want := []string{"flag.db", fromEnv, ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("addresses handed to the GUI: %q, want %q", got, want)
	}
}

func TestOpenDatabaseForTheGUI(t *testing.T) {
	addr := storetest.Addr(t, "gui.db")
	st, resolved, err := OpenDatabase(addr)
	if err != nil {
		t.Fatalf("open %s: %v", shownAddr(addr), err)
	}
	if _, err := st.Organisation(context.Background()); err != nil {
		t.Errorf("the opened store does not work: %v", err)
	}
	st.Close()
	if resolved != addr {
		t.Errorf("resolved %q, want %q", resolved, addr)
	}

	// A bad file reaches the GUI as a Danish explanation, not a crash, and
	// the store's error stays reachable (the GUI offers a backup for it).
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("nonsense"), 0o600)
	st, _, err = OpenDatabase(bad)
	if st != nil || err == nil || !strings.Contains(err.Error(), "ikke en Mentorbog-database") || !errors.Is(err, sqlstore.ErrNotDatabase) {
		t.Fatalf("bad file: store %v, error %v", st, err)
	}
}

func TestServerAddressesAreNeverPathsAndNeverShowThePassword(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	// Nothing listens on this port: the command fails with a Danish reason.
	addr := "postgres://kontor:hemmelig-kode@127.0.0.1:1/mentorbog?sslmode=disable&connect_timeout=5"
	for _, args := range [][]string{
		{"check", "--db", addr},
		{"--db", addr, "report", "citizen", "--citizen", "1", "--out", filepath.Join(dir, "r.pdf")},
		{"export", "csv", "--what", "mentors", "--out", filepath.Join(dir, "m.csv"), "--db", addr},
	} {
		code, out, stderr := run(t, Env{}, args...)
		if code != ExitError {
			t.Errorf("%v: exit %d", args[0], code)
		}
		if strings.Contains(out+stderr, "hemmelig") {
			t.Errorf("%v printed the password: %s%s", args[0], out, stderr)
		}
		if !strings.Contains(stderr, "Kan ikke forbinde til databasen mentorbog på 127.0.0.1:1 (bruger kontor): Der er ingen forbindelse til serveren") ||
			!strings.Contains(stderr, "ingen forbindelse til serveren") {
			t.Errorf("%v: %q", args[0], stderr)
		}
	}
	// No folder, file or lock was made from the address.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files made in the working folder: %v", entries)
	}
	// A server elsewhere without TLS is refused before anything is sent.
	code, _, stderr := run(t, Env{}, "check", "--db", "postgres://kontor:hemmelig-kode@db.mentorkorps.dk/mentorbog")
	if code != ExitError || !strings.Contains(stderr, "skal være krypteret") || strings.Contains(stderr, "hemmelig") {
		t.Errorf("no TLS: exit %d %q", code, stderr)
	}
	// An address that cannot be read says what form it should have.
	code, _, stderr = run(t, Env{}, "check", "--db", "postgres://kontor@[::1/mentorbog")
	if code != ExitError || !strings.Contains(stderr, "postgres://bruger@vært:5432/database") {
		t.Errorf("unreadable address: exit %d %q", code, stderr)
	}
}

func TestCommandsTakeTheDatabaseFromTheEnvironment(t *testing.T) {
	db := demoShared(t)
	withDB := func(addr string) Env {
		return Env{Getenv: func(k string) string {
			return map[string]string{EnvDB: addr, EnvUser: "admin", EnvPassword: "demo-administrator"}[k]
		}}
	}
	code, out, stderr := run(t, withDB(db), "check")
	if code != ExitOK || !strings.Contains(out, "Database:     "+shownAddr(db)) {
		t.Fatalf("check with %s: exit %d\n%s\n%s", EnvDB, code, out, stderr)
	}
	// --db wins over the environment.
	missing := filepath.Join(t.TempDir(), "mangler.db")
	code, _, stderr = run(t, withDB(db), "check", "--db", missing)
	if code != ExitError || !strings.Contains(stderr, "mangler.db findes ikke") {
		t.Errorf("--db did not win: exit %d %q", code, stderr)
	}
	code, _, stderr = run(t, withDB(db), "--db", missing, "check")
	if code != ExitError || !strings.Contains(stderr, "mangler.db findes ikke") {
		t.Errorf("global --db did not win: exit %d %q", code, stderr)
	}
	// demo takes only --db, so demo data never lands in the real database;
	// commands without a database are not disturbed by the variable.
	if code, _, stderr := run(t, withDB(missing), "demo"); code != ExitUsage || !strings.Contains(stderr, "demo kræver --db") {
		t.Errorf("demo from the environment: exit %d %q", code, stderr)
	}
	if code, out, _ := run(t, withDB(missing), "version"); code != ExitOK || !strings.Contains(out, "9.9.9") {
		t.Errorf("version with %s set: exit %d", EnvDB, code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a database was created from the environment")
	}
}
