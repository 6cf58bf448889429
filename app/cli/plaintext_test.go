package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/cpr"
	"mentorbog/data/sqlstore"
)

// TestNoDemoSecretIsPlaintextInTheFileItsWALOrABackup decrypts the demo
// through a login to learn its secrets, then searches the raw bytes of
// every file Mentorbog wrote for them. File-only (SQLite): it reads the
// database file, its WAL and a backup byte by byte; the server's side is
// checked with pg_dump where the server security is built.
func TestNoDemoSecretIsPlaintextInTheFileItsWALOrABackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, stderr := run(t, Env{}, "demo", "--db", db, "--today", "2026-11-23"); code != ExitOK {
		t.Fatal(stderr)
	}
	backups := filepath.Join(dir, "kopier")
	if code, _, stderr := run(t, Env{}, "backup", "--to", backups, "--db", db); code != ExitOK {
		t.Fatal(stderr)
	}

	// Keep the database open (so its WAL exists) while the secrets are read.
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}
	secrets := demoSecrets(t, ctx, st)
	if len(secrets) < 100 {
		t.Fatalf("only %d secrets collected", len(secrets))
	}

	files, _ := filepath.Glob(db + "*")
	more, _ := filepath.Glob(filepath.Join(backups, "*"))
	files = append(files, more...)
	if len(more) == 0 {
		t.Fatal("no backup file was written")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s holds %q in plaintext", filepath.Base(f), s)
			}
		}
	}
}

// demoSecrets lists names, CPR numbers (both forms), addresses, phone
// numbers and note texts of the demo.
func demoSecrets(t *testing.T, ctx context.Context, st *sqlstore.Store) []string {
	t.Helper()
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range citizens {
		out = append(out, c.Name, c.Address, c.Phone)
		if n, err := cpr.Parse(c.CPR); err == nil {
			out = append(out, string(n), n.Formatted())
		}
		out = append(out, longest(c.Profile.Resources, c.Profile.Everyday))
	}
	sessions, err := st.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sessions {
		if i%25 == 0 && len(s.Note) > 20 {
			out = append(out, s.Note[:20])
		}
	}
	var kept []string
	for _, s := range out {
		if len(strings.TrimSpace(s)) >= 6 { // short strings match by chance
			kept = append(kept, s)
		}
	}
	return kept
}

func longest(a, b string) string {
	if len(a) > len(b) {
		return a
	}
	return b
}
