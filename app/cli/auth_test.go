package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// demoStore opens the shared demo database (made by the demo command).
func demoStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(demoShared(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestCommandsLogInFromTheEnvironmentOrAPrompt(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	vars := map[string]string{EnvUser: "koordinator", EnvPassword: "demo-koordinator"}
	var errOut bytes.Buffer
	u, err := authenticate(ctx, Env{Stderr: &errOut, Getenv: func(k string) string { return vars[k] }}, st)
	if err != nil || u.Role != data.RoleCoordinator {
		t.Fatalf("login from the environment: %+v %v", u, err)
	}
	st.Lock()

	// Without the variables it asks; the answers come from stdin.
	u, err = authenticate(ctx, Env{Stderr: &errOut, Stdin: strings.NewReader("mentor\ndemo-mentor-1234\n")}, st)
	if err != nil || u.Role != data.RoleMentor || u.MentorID == 0 {
		t.Fatalf("login from the prompt: %+v %v", u, err)
	}
	if !strings.Contains(errOut.String(), "Brugernavn:") || !strings.Contains(errOut.String(), "Adgangskode:") {
		t.Errorf("prompts not shown: %q", errOut.String())
	}
	st.Lock()

	_, err = authenticate(ctx, Env{Stderr: &errOut, Stdin: strings.NewReader("admin\nforkert\n")}, st)
	if !errors.Is(err, data.ErrWrongPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	_, err = authenticate(ctx, Env{Stderr: &errOut}, st)
	if err == nil || !strings.Contains(err.Error(), EnvUser) {
		t.Fatalf("no terminal and no variables should name the variables: %v", err)
	}
}

func TestDemoPrintsOneUserPerRoleAndEncrypts(t *testing.T) {
	out := demoDatabase(t).output
	db := demoShared(t)
	for _, want := range []string{"admin", "demo-administrator", "koordinator", "mentor", "Gendannelsesnøgle:"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plain, err := st.PlaintextFields(context.Background())
	if err != nil || len(plain) != 0 {
		t.Fatalf("plaintext fields in the demo database: %d %v", len(plain), err)
	}
}

func TestCheckPlaintextPassesOnTheDemoAndFailsOnPlaintext(t *testing.T) {
	db := demoCopy(t) // a plaintext name is planted in it
	code, out, stderr := run(t, Env{}, "check", "--plaintext", "--db", db)
	if code != ExitOK || !strings.Contains(out, "alle personfelter er krypteret") {
		t.Fatalf("check --plaintext on the demo: %d\n%s\n%s", code, out, stderr)
	}
	// Plant a plaintext name in the stored form: the check must name the field, not the value.
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("UPDATE citizens SET name = 'Søren Klartekst' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, _ = run(t, Env{}, "check", "--plaintext", "--db", db)
	if code != ExitError || !strings.Contains(out, "citizens.name") || strings.Contains(out, "Klartekst") {
		t.Fatalf("planted plaintext: %d\n%s", code, out)
	}
}

// File-only: restore replaces the database file (backup and restore on a
// server are tested where they are built).
func TestOnlyAnAdministratorBacksUpAndRestores(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := run(t, Env{}, "demo", "--db", db, "--today", "2026-11-23"); code != ExitOK {
		t.Fatal(stderr)
	}
	as := func(user, password string) Env {
		return Env{Getenv: func(k string) string { return map[string]string{EnvUser: user, EnvPassword: password}[k] }}
	}
	dir := filepath.Join(t.TempDir(), "kopier")
	code, _, stderr := run(t, as("koordinator", "demo-koordinator"), "backup", "--to", dir, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "administrator") {
		t.Fatalf("coordinator backup: %d %q", code, stderr)
	}
	code, _, stderr = run(t, as("admin", "forkert"), "backup", "--to", dir, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "forkert brugernavn eller adgangskode") {
		t.Fatalf("wrong password: %d %q", code, stderr)
	}
	code, out, stderr := run(t, as("admin", "demo-administrator"), "backup", "--to", dir, "--db", db)
	if code != ExitOK {
		t.Fatalf("admin backup: %d %q", code, stderr)
	}
	backupFile := strings.TrimSpace(out)
	code, _, stderr = run(t, as("mentor", "demo-mentor-1234"), "restore", backupFile, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "administrator") {
		t.Fatalf("mentor restore: %d %q", code, stderr)
	}
	code, _, stderr = run(t, as("admin", "demo-administrator"), "restore", backupFile, "--db", db)
	if code != ExitOK {
		t.Fatalf("admin restore: %d %q", code, stderr)
	}
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, err := st.VerifyAuditChain(context.Background())
	if err != nil || !v.OK {
		t.Fatalf("chain after restore: %+v %v", v, err)
	}
}

func TestAuditExportForOneCitizenAsPDFAndCSV(t *testing.T) {
	dir := t.TempDir()
	db := demoShared(t)
	pdf := filepath.Join(dir, "Revisionslog borger 3.pdf")
	if code, _, stderr := run(t, Env{}, "audit", "--citizen", "3", "--out", pdf, "--db", db); code != ExitOK {
		t.Fatalf("audit pdf: %s", stderr)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Hvem har set og ændret", "Oprettede", "admin", "Side 1 af"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("audit PDF lacks %q:\n%s", want, text)
		}
	}
	if regexp.MustCompile(`\d{6}-\d{4}`).Match(text) {
		t.Error("a full CPR number in the audit PDF")
	}
	csvPath := filepath.Join(dir, "log.csv")
	if code, _, stderr := run(t, Env{}, "audit", "--citizen", "3", "--out", csvPath, "--db", db); code != ExitOK {
		t.Fatalf("audit csv: %s", stderr)
	}
	b, _ := os.ReadFile(csvPath)
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || !strings.Contains(string(b), "Tidspunkt;Bruger;Handling") {
		t.Errorf("CSV: %q", b[:min(len(b), 80)])
	}
	if code, _, _ := run(t, Env{}, "audit", "--citizen", "3", "--out", filepath.Join(dir, "x.txt"), "--db", db); code != ExitUsage {
		t.Errorf("a .txt export: exit %d", code)
	}
}
