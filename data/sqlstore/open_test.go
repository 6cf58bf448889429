package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
)

// openTemp opens a fresh database on the backend under test: a file in the
// test's temporary folder, or a new database on the PostgreSQL server named
// by MENTORBOG_TEST_PG (see storetest).
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(storetest.Addr(t, "mentorbog.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openSQLiteTemp opens a fresh SQLite file, for tests of what only a
// database file has (its bytes, its lock, its WAL).
func openSQLiteTemp(t *testing.T) *Store {
	t.Helper()
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "mentorbog.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// migrationsUpTo returns the embedded migrations with version <= v.
func migrationsUpTo(t *testing.T, v int) fs.FS {
	t.Helper()
	steps, err := loadMigrations(migrationFiles())
	if err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, m := range steps {
		if m.version <= v {
			out[m.name] = &fstest.MapFile{Data: []byte(m.sql)}
		}
	}
	return out
}

func TestOpenNewDatabaseIsMigratedWALAndEnforcesForeignKeys(t *testing.T) {
	s := openSQLiteTemp(t)
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != LatestSchemaVersion() || v < 2 {
		t.Fatalf("schema version %d (latest %d): %v", v, LatestSchemaVersion(), err)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode %q: %v", mode, err)
	}
	course := data.Course{CitizenID: 999, MunicipalityID: 999, Status: data.CourseOrdered}
	if err := s.SaveCourse(ctx, &course); err == nil {
		t.Fatal("a course pointing at a missing citizen was saved: foreign keys are off")
	}
	h, err := s.Check(ctx)
	if err != nil || !h.OK() {
		t.Fatalf("check of a new database: %+v, %v", h, err)
	}
}

func TestMigrateFromEveryEarlierVersionKeepsData(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < LatestSchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		old, err := open(path, migrationsUpTo(t, v))
		if err != nil {
			t.Fatalf("open at version %d: %v", v, err)
		}
		if got, _ := old.SchemaVersion(ctx); got != v {
			t.Fatalf("old database at version %d, want %d", got, v)
		}
		// Raw SQL: the store of version v may expect rows (the organisation)
		// that only later migrations create.
		if _, err := old.db.Exec(`INSERT INTO mentors (name, kind) VALUES ('Søren Ærø', 'ansat')`); err != nil {
			t.Fatal(err)
		}
		old.Close()

		s, err := Open(path)
		if err != nil {
			t.Fatalf("migrate from version %d: %v", v, err)
		}
		if got, _ := s.SchemaVersion(ctx); got != LatestSchemaVersion() {
			t.Fatalf("after migrating from %d: version %d", v, got)
		}
		mentors, err := s.Mentors(ctx, true)
		if err != nil || len(mentors) != 1 || mentors[0].Name != "Søren Ærø" {
			t.Fatalf("mentor lost migrating from version %d: %+v %v", v, mentors, err)
		}
		if _, err := s.Organisation(ctx); err != nil {
			t.Fatalf("organisation after migrating from %d: %v", v, err)
		}
		s.Close()
	}
}

func TestNewerSchemaIsRefusedAndFileLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("INSERT INTO schema_migrations (version) VALUES (99)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileHash(t, path)

	_, err = Open(path)
	var newer *NewerSchemaError
	if !errors.As(err, &newer) || newer.Found != 99 || newer.Known != LatestSchemaVersion() {
		t.Fatalf("want NewerSchemaError 99, got %v", err)
	}
	if !bytes.Contains([]byte(err.Error()), []byte("nyere version")) {
		t.Fatalf("message not clear Danish: %q", err)
	}
	if fileHash(t, path) != before {
		t.Fatal("the newer database file was changed")
	}
}

func TestNonSQLiteFileIsRefusedAndLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("Navn;CPR\nSøren;010203-1234\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrNotDatabase) {
		t.Fatalf("want ErrNotDatabase, got %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
		t.Fatal("the file was changed")
	}
}

func TestCorruptAndTruncatedFilesAreReportedAndLeftUntouched(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/3] }},
		{"garbage pages", func(b []byte) []byte {
			for i := 100; i < len(b); i++ {
				b[i] = byte(i * 7)
			}
			return b
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 200; i++ {
				m := data.Mentor{Name: "Mentor Åge", Kind: data.MentorEmployed, Qualifications: string(bytes.Repeat([]byte("x"), 500))}
				if err := s.SaveMentor(context.Background(), &m); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			b, _ := os.ReadFile(path)
			if err := os.WriteFile(path, tc.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			before := fileHash(t, path)

			s, err = Open(path)
			if err == nil {
				h, cerr := s.Check(context.Background())
				s.Close()
				if cerr == nil && h.OK() {
					t.Fatal("a damaged database passed the check")
				}
			}
			if fileHash(t, path) != before {
				t.Fatal("the damaged file was changed")
			}
		})
	}
}

func TestFailedMigrationLeavesThePreviousVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	broken := migrationsUpTo(t, 1).(fstest.MapFS)
	// The first statement would succeed; the second fails. The transaction
	// must take the first one back with it.
	broken["0002_broken.sql"] = &fstest.MapFile{Data: []byte(
		"CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);")}
	if _, err := open(path, broken); err == nil {
		t.Fatal("a broken migration succeeded")
	}
	s, err := open(path, migrationsUpTo(t, 1))
	if err != nil {
		t.Fatalf("reopen after failed migration: %v", err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != 1 {
		t.Fatalf("version after failed migration: %d, want 1", v)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").Scan(&n)
	if n != 0 {
		t.Fatal("half of the failed migration was kept")
	}
}

func TestMigrationFilesMustBeNumberedWithoutGaps(t *testing.T) {
	gap := fstest.MapFS{
		"0001_a.sql": {Data: []byte("SELECT 1;")},
		"0003_c.sql": {Data: []byte("SELECT 1;")},
	}
	if _, err := loadMigrations(gap); err == nil {
		t.Fatal("a gap in migration numbers was accepted")
	}
}

func TestNetworkPathsAreRefused(t *testing.T) {
	for _, p := range []string{`\\server\share\mentorbog.db`, `//nas/data/mentorbog.db`, `\\?\UNC\server\share\m.db`} {
		var ne *NetworkPathError
		if err := CheckLocation(p); !errors.As(err, &ne) {
			t.Errorf("%s: want NetworkPathError, got %v", p, err)
		}
	}
	for _, p := range []string{filepath.Join(t.TempDir(), "m.db"), `\\?\C:\Data\m.db`} {
		if err := CheckLocation(p); err != nil {
			t.Errorf("%s: refused: %v", p, err)
		}
	}
	if _, err := Open(`\\server\share\mentorbog.db`); err == nil {
		t.Fatal("Open accepted a UNC path")
	}
}

func TestMappedNetworkDriveIsRecognised(t *testing.T) {
	driveTypes := map[string]uint32{`N:\`: driveRemote, `C:\`: 3 /* fixed */}
	fake := func(root string) uint32 { return driveTypes[root] }
	if r := classifyWindowsDrive(`N:\Mentorbog\m.db`, fake); r == "" {
		t.Error("mapped drive N: not recognised as remote")
	}
	if r := classifyWindowsDrive(`n:\Mentorbog\m.db`, func(root string) uint32 { return driveTypes[`N:\`] }); r == "" {
		t.Error("lower-case drive letter not recognised")
	}
	if r := classifyWindowsDrive(`C:\Users\Søren Ø\AppData\Local\Mentorbog\m.db`, fake); r != "" {
		t.Errorf("local drive refused: %s", r)
	}
}
