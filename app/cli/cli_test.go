package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorbog/data"
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

func TestDemoThenCheckSucceeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo æøå.db")
	code, out, stderr := run(t, Env{}, "demo", "--db", db, "--today", "2026-11-23")
	if code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "40 borgere") {
		t.Errorf("demo summary: %q", out)
	}
	code, out, stderr = run(t, Env{}, "--db", db, "check")
	if code != ExitOK || !strings.Contains(out, "Databasen er sund") {
		t.Fatalf("check: exit %d\n%s\n%s", code, out, stderr)
	}
	// Demo data never goes into a database that holds citizens.
	code, _, stderr = run(t, Env{}, "demo", "--db", db)
	if code != ExitError || !strings.Contains(stderr, "indeholder allerede borgere") {
		t.Fatalf("second demo: exit %d %q", code, stderr)
	}
}

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

func TestNoCommandStartsTheGUIWithAnOpenStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "gui.db")
	var got data.Store
	var gotErr error
	env := Env{StartGUI: func(st data.Store, path string, openErr error) error {
		got, gotErr = st, openErr
		if st != nil {
			if _, err := st.Organisation(context.Background()); err != nil {
				t.Errorf("store handed to the GUI does not work: %v", err)
			}
		}
		return nil
	}}
	if code, _, stderr := run(t, env, "--db", db); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got == nil || gotErr != nil {
		t.Fatalf("GUI got store %v, error %v", got, gotErr)
	}

	// A bad file reaches the GUI as a Danish explanation, not a crash.
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("nonsense"), 0o600)
	env.StartGUI = func(st data.Store, path string, openErr error) error {
		got, gotErr = st, openErr
		return nil
	}
	run(t, env, "--db", bad)
	if got != nil || gotErr == nil || !strings.Contains(OpenError(bad, gotErr).Error(), "ikke en Mentorbog-database") {
		t.Fatalf("bad file: store %v, error %v", got, gotErr)
	}
}
