package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

var backupLine = regexp.MustCompile(`^(.+` + regexp.QuoteMeta(string(filepath.Separator)) + `mentorbog-sikkerhedskopi-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.db)\n$`)

// demoDB creates a demo database at path through the demo command.
func demoDB(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, Env{}, "demo", "--db", path, "--today", "2026-11-23"); code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
}

func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "mentorbog-sikkerhedskopi-") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func TestBackupCommandPrintsProgressAndThePathAndPrunes(t *testing.T) {
	root := filepath.Join(t.TempDir(), "Søren Ø")
	db := filepath.Join(root, "data", "demo æøå.db")
	demoDB(t, db)
	dir := filepath.Join(root, "sikkerhedskopier")

	code, out, stderr := run(t, Env{}, "backup", "--to", dir, "--db", db)
	if code != ExitOK {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	m := backupLine.FindStringSubmatch(out)
	if m == nil || filepath.Dir(m[1]) != dir {
		t.Fatalf("stdout %q is not the backup's path in %s", out, dir)
	}
	if _, err := sqlstore.VerifyBackup(context.Background(), m[1]); err != nil {
		t.Fatalf("the printed backup does not verify: %v", err)
	}
	// Progress: a line per 10 %, increasing, ending at 100 %.
	var pcts []int
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		p, ok := strings.CutPrefix(line, "Sikkerhedskopi: ")
		n, err := strconv.Atoi(strings.TrimSuffix(p, " %"))
		if !ok || err != nil {
			t.Fatalf("unexpected stderr line %q", line)
		}
		pcts = append(pcts, n)
	}
	if len(pcts) == 0 || pcts[len(pcts)-1] != 100 || !sort.IntsAreSorted(pcts) {
		t.Fatalf("progress %v", pcts)
	}

	// --keep: the global --db form too; unrelated files stay.
	other := filepath.Join(dir, "læs mig.txt")
	if err := os.WriteFile(other, []byte("noter"), 0o600); err != nil {
		t.Fatal(err)
	}
	var last string
	for i := 0; i < 3; i++ {
		code, out, stderr = run(t, Env{}, "--db", db, "backup", "--to", dir, "--keep", "2")
		if code != ExitOK {
			t.Fatalf("backup --keep: exit %d: %s", code, stderr)
		}
		last = strings.TrimSpace(out)
	}
	if !strings.Contains(stderr, "Slettede ældre sikkerhedskopi: ") {
		t.Errorf("pruning not reported: %q", stderr)
	}
	left := backupFiles(t, dir)
	if len(left) != 2 || (left[0] != filepath.Base(last) && left[1] != filepath.Base(last)) {
		t.Fatalf("after --keep 2: %v (last %s)", left, last)
	}
	if b, err := os.ReadFile(other); err != nil || string(b) != "noter" {
		t.Fatal("pruning touched an unrelated file")
	}
	path, _, ok, err := sqlstore.NewestBackup(dir)
	if err != nil || !ok || path != last {
		t.Fatalf("newest backup %q, last printed %q (%v)", path, last, err)
	}
}

func TestBackupAndRestoreCommandsRefuseBadUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db.db")
	for _, args := range [][]string{
		{"backup"},
		{"backup", "--db", db},
		{"backup", "--to", dir, "--keep", "0", "--db", db},
		{"backup", "--to", dir, "--keep", "nul", "--db", db},
		{"backup", "--to", dir, "ekstra"},
		{"restore"},
		{"restore", "--db", db},
		{"restore", "a.db", "b.db", "--db", db},
		{"restore", "--nope", "a.db"},
	} {
		code, out, stderr := run(t, Env{}, args...)
		if code != ExitUsage || stderr == "" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
	code, _, stderr := run(t, Env{}, "backup", "--to", filepath.Join(dir, "kopier"), "--db", db)
	if code != ExitError || !strings.Contains(stderr, "findes ikke") {
		t.Errorf("backup of a missing database: %d %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("backup created the missing database")
	}
	_, out, _ := run(t, Env{}, "help")
	if !strings.Contains(out, "mentorbog backup --to MAPPE") || !strings.Contains(out, "mentorbog restore FIL") {
		t.Errorf("usage lacks the new commands: %q", out)
	}
}

// addMentor logs in as the demo administrator and saves a mentor.
func addMentor(t *testing.T, db, name string) data.ID {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}
	m := data.Mentor{Name: name, Kind: data.MentorVolunteer}
	if err := st.SaveMentor(ctx, &m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// mentorName opens db, logs in and reads a mentor's name ("" when missing).
func mentorName(t *testing.T, db string, id data.ID) string {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}
	m, err := st.Mentor(ctx, id)
	if err != nil {
		return ""
	}
	return m.Name
}

func TestRestoreCommandRoundTrip(t *testing.T) {
	root := filepath.Join(t.TempDir(), "Søren Ø")
	db := filepath.Join(root, "data", "mentorbog.db")
	demoDB(t, db)
	code, out, stderr := run(t, Env{}, "backup", "--to", filepath.Join(root, "sikkerhedskopier"), "--db", db)
	if code != ExitOK {
		t.Fatalf("backup: %d %s", code, stderr)
	}
	backup := strings.TrimSpace(out)
	id := addMentor(t, db, "Ny Mentor Ærø")

	// The file first and --db after it, as the usage shows.
	code, out, stderr = run(t, Env{}, "restore", backup, "--db", db)
	if code != ExitOK {
		t.Fatalf("restore: exit %d\n%s\n%s", code, out, stderr)
	}
	m := regexp.MustCompile(`Den tidligere database er flyttet til (.+)\.\n`).FindStringSubmatch(out)
	if !strings.Contains(out, "er gendannet fra "+backup) || m == nil || !strings.HasPrefix(m[1], db+".foer-gendannelse-") {
		t.Fatalf("restore output %q", out)
	}
	aside := m[1]
	if got := mentorName(t, db, id); got != "" {
		t.Fatalf("the mentor added after the backup survived the restore: %q", got)
	}
	if got := mentorName(t, aside, id); got != "Ny Mentor Ærø" {
		t.Fatalf("the aside database lost the mentor: %q", got)
	}
	if code, out, stderr := run(t, Env{}, "--db", db, "check"); code != ExitOK {
		t.Fatalf("check after restore: %d\n%s\n%s", code, out, stderr)
	}
	// The global --db form before the command works too.
	if code, _, stderr := run(t, Env{}, "--db", db, "restore", backup); code != ExitOK {
		t.Fatalf("restore with global --db: %d %s", code, stderr)
	}
}

func TestRestoreCommandRefusesBadBackups(t *testing.T) {
	root := filepath.Join(t.TempDir(), "Søren Ø")
	db := filepath.Join(root, "mentorbog.db")
	demoDB(t, db)
	code, out, stderr := run(t, Env{}, "backup", "--to", filepath.Join(root, "sikkerhedskopier"), "--db", db)
	if code != ExitOK {
		t.Fatalf("backup: %d %s", code, stderr)
	}
	good, err := os.ReadFile(strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	live, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	garbled := append([]byte{}, good...)
	for i := 100; i < 100+3*4096; i++ {
		garbled[i] = byte(i * 7)
	}
	for name, c := range map[string]struct {
		bytes []byte
		says  string
	}{
		"beskadiget.db": {garbled, "Gendannelse afvist: Sikkerhedskopien er beskadiget"},
		"afkortet.db":   {good[:len(good)/2], "Gendannelse afvist: Sikkerhedskopien er beskadiget: filen er afkortet"},
		"tekst.db":      {[]byte("ikke en database"), "Gendannelse afvist: Filen er ikke en Mentorbog-sikkerhedskopi"},
	} {
		bad := filepath.Join(root, name)
		if err := os.WriteFile(bad, c.bytes, 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := run(t, Env{}, "restore", bad, "--db", db)
		if code != ExitError || out != "" || !strings.Contains(stderr, c.says) || !strings.Contains(stderr, "er ikke ændret") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, stderr)
		}
		if now, _ := os.ReadFile(db); !bytes.Equal(now, live) {
			t.Fatalf("%s: a refused restore changed the live database", name)
		}
	}
	code, _, stderr = run(t, Env{}, "restore", filepath.Join(root, "findes-ikke.db"), "--db", db)
	if code != ExitError || !strings.Contains(stderr, "Sikkerhedskopien findes ikke") {
		t.Errorf("missing backup: %d %q", code, stderr)
	}
}
