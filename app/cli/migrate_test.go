package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
)

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// csvExports is what `export csv` writes for citizens, mentors and
// sessions (with full CPR numbers, as the demo administrator) from the
// database at addr, on either backend.
func csvExports(t *testing.T, addr string) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(addr)
	if err != nil {
		t.Fatalf("open %s: %v", sqlstore.RedactAddr(addr), err)
	}
	defer st.Close()
	if _, err := st.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatalf("login on %s: %v", sqlstore.RedactAddr(addr), err)
	}
	out := map[string][]byte{}
	for _, what := range []string{"citizens", "mentors", "sessions"} {
		var buf bytes.Buffer
		n, err := writeExport(ctx, &buf, st, csvContents[what], true)
		if err != nil {
			t.Fatalf("export %s: %v", what, err)
		}
		if n == 0 {
			t.Fatalf("export %s from %s is empty", what, sqlstore.RedactAddr(addr))
		}
		out[what] = buf.Bytes()
	}
	return out
}

func sameExports(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for kind, b := range want {
		if !bytes.Equal(b, got[kind]) {
			t.Errorf("%s: the %s CSV differs (%d bytes, want %d)", what, kind, len(got[kind]), len(b))
		}
	}
}

// TestMigrateSQLiteToSQLite copies a demo database into a new file: the
// summary names every table and the intact chain, the source's bytes are
// unchanged, the copy passes check and exports the same CSV files; a second
// migration into the copy, which now holds data, is refused and changes
// nothing.
func TestMigrateSQLiteToSQLite(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "kilde.db"), filepath.Join(dir, "kopi.db")
	demoDB(t, src)
	before := sha(t, src)
	code, stdout, stderr := run(t, Env{}, "migrate", "--from", src, "--to", dst)
	if code != ExitOK {
		t.Fatalf("migrate: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Databasen er kopieret fra " + src + " til " + dst, "audit_log", "antallet stemmer i hver tabel", "kæden er intakt", src + " er ikke ændret"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "Kopiering: 100 %") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	if sha(t, src) != before {
		t.Fatal("the source file changed")
	}

	copied := sha(t, dst)
	code, stdout, stderr = run(t, Env{}, "migrate", "--from", src, "--to", dst)
	if code != ExitError {
		t.Fatalf("migrate into a database with data: exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "Migrering afvist") || !strings.Contains(stderr, "ikke tom") || !strings.Contains(stderr, "Intet er ændret") {
		t.Errorf("message: %s", stderr)
	}
	if sha(t, dst) != copied {
		t.Error("the refused target changed")
	}

	if code, out, stderr := run(t, Env{}, "check", "--db", dst); code != ExitOK {
		t.Fatalf("check of the copy: exit %d: %s%s", code, out, stderr)
	}
	sameExports(t, "SQLite → SQLite", csvExports(t, src), csvExports(t, dst))
}

// emptyDB makes a new, empty (migrated) database file: a valid source for
// tests that need no data.
func emptyDB(t *testing.T, path string) {
	t.Helper()
	st, err := sqlstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestMigrateUsageAndMissingSource(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	for _, args := range [][]string{
		{"migrate"},
		{"migrate", "--from", db},
		{"migrate", "--to", db},
		{"migrate", "--from", db, "--to", db},
		{"migrate", "--from", db, "--to", filepath.Join(dir, ".", "a.db")},
		{"migrate", "--from", db, "--to", filepath.Join(dir, "b.db"), "ekstra"},
	} {
		if code, _, stderr := run(t, Env{}, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	target := filepath.Join(dir, "ny.db")
	code, _, stderr := run(t, Env{}, "migrate", "--from", filepath.Join(dir, "findes-ikke.db"), "--to", target)
	if code != ExitError || !strings.Contains(stderr, "findes ikke") {
		t.Errorf("missing source: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("a target was created for a missing source")
	}
}

// TestMigrateToPostgresAndBackGivesIdenticalCSV takes a SQLite demo
// database to PostgreSQL and back: the CSV exports of the file, of the
// server and of the file brought back are byte for byte the same, the
// audit chain is intact at each step and the source file is unchanged.
func TestMigrateToPostgresAndBackGivesIdenticalCSV(t *testing.T) {
	server := storetest.RequirePostgres(t, "migrating and backing up with PostgreSQL")
	dir := t.TempDir()
	src, back := filepath.Join(dir, "kilde.db"), filepath.Join(dir, "tilbage.db")
	demoDB(t, src)
	before := sha(t, src)
	pg := storetest.NewPostgresDatabase(t, server)

	code, stdout, stderr := run(t, Env{}, "migrate", "--from", src, "--to", pg)
	if code != ExitOK {
		t.Fatalf("migrate to PostgreSQL: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "kæden er intakt i "+sqlstore.RedactAddr(pg)) {
		t.Errorf("summary: %s", stdout)
	}
	if strings.Contains(stdout+stderr, passwordOf(pg)) && passwordOf(pg) != "" {
		t.Error("the server's password is printed")
	}
	if sha(t, src) != before {
		t.Fatal("the source file changed")
	}
	code, stdout, stderr = run(t, Env{}, "migrate", "--from", pg, "--to", back)
	if code != ExitOK {
		t.Fatalf("migrate back from PostgreSQL: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "kæden er intakt") {
		t.Errorf("summary: %s", stdout)
	}
	if code, out, stderr := run(t, Env{}, "check", "--db", back); code != ExitOK || !strings.Contains(out, "kæden er intakt") {
		t.Fatalf("check of the file brought back: exit %d: %s%s", code, out, stderr)
	}

	// Migrating into the server again is refused: it holds data now.
	if code, _, stderr := run(t, Env{}, "migrate", "--from", src, "--to", pg); code != ExitError || !strings.Contains(stderr, "ikke tom") {
		t.Errorf("second migrate into the server: exit %d: %s", code, stderr)
	}

	want := csvExports(t, src)
	sameExports(t, "SQLite → PostgreSQL", want, csvExports(t, pg))
	sameExports(t, "SQLite → PostgreSQL → SQLite", want, csvExports(t, back))
}

func passwordOf(addr string) string {
	i := strings.Index(addr, "://")
	at := strings.LastIndex(addr, "@")
	if i < 0 || at < i {
		return ""
	}
	_, pw, ok := strings.Cut(addr[i+3:at], ":")
	if !ok {
		return ""
	}
	return pw
}

// TestBackupOnPostgresRestoresIntoEitherBackend: `mentorbog backup` on a
// server writes the usual verified backup file, which `mentorbog restore`
// puts into a new SQLite file and into a new, empty PostgreSQL database
// with the same CSV exports; a server database with data is not restored over.
func TestBackupOnPostgresRestoresIntoEitherBackend(t *testing.T) {
	server := storetest.RequirePostgres(t, "migrating and backing up with PostgreSQL")
	dir := t.TempDir()
	src := filepath.Join(dir, "kilde.db")
	demoDB(t, src)
	pg := storetest.NewPostgresDatabase(t, server)
	if code, _, stderr := run(t, Env{}, "migrate", "--from", src, "--to", pg); code != ExitOK {
		t.Fatalf("migrate to PostgreSQL: exit %d: %s", code, stderr)
	}

	backups := filepath.Join(dir, "kopier")
	code, stdout, stderr := run(t, Env{}, "backup", "--db", pg, "--to", backups)
	if code != ExitOK {
		t.Fatalf("backup on PostgreSQL: exit %d: %s", code, stderr)
	}
	file := strings.TrimSpace(stdout)
	if names := backupFiles(t, backups); len(names) != 1 || filepath.Join(backups, names[0]) != file {
		t.Fatalf("backups %v, printed %q", names, file)
	}
	if _, err := sqlstore.VerifyBackup(context.Background(), file); err != nil {
		t.Fatalf("verify: %v", err)
	}

	intoFile := filepath.Join(dir, "gendannet.db")
	if code, out, stderr := run(t, Env{}, "restore", file, "--db", intoFile); code != ExitOK {
		t.Fatalf("restore into SQLite: exit %d: %s%s", code, out, stderr)
	}
	intoServer := storetest.NewPostgresDatabase(t, server)
	code, stdout, stderr = run(t, Env{}, "restore", file, "--db", intoServer)
	if code != ExitOK {
		t.Fatalf("restore into PostgreSQL: exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "var tom") {
		t.Errorf("restore into PostgreSQL says: %s", stdout)
	}
	if code, _, stderr := run(t, Env{}, "restore", file, "--db", pg); code != ExitError || !strings.Contains(stderr, "Gendannelse afvist") {
		t.Errorf("restore over a server database with data: exit %d: %s", code, stderr)
	}

	want := csvExports(t, pg)
	sameExports(t, "PostgreSQL backup → SQLite", want, csvExports(t, intoFile))
	sameExports(t, "PostgreSQL backup → PostgreSQL", want, csvExports(t, intoServer))
}

// TestMigrateCancelledLeavesNoTarget: a cancelled migration (Ctrl+C) rolls
// back, says so, and removes the file it had made for the target.
func TestMigrateCancelledLeavesNoTarget(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "kilde.db"), filepath.Join(dir, "ny.db")
	emptyDB(t, src)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := runMigrate(ctx, Env{Stdout: &out, Stderr: &errOut}, []string{"--from", src, "--to", dst})
	if code != ExitError || !strings.Contains(errOut.String(), "afbrudt") {
		t.Fatalf("exit %d: %s%s", code, out.String(), errOut.String())
	}
	if left, _ := filepath.Glob(dst + "*"); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
