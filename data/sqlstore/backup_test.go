package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/vault"
)

// bkToday anchors the demo data; bkNow is when the test backups are made.
var (
	bkToday = data.NewDate(2026, 11, 23)
	bkNow   = time.Date(2026, 11, 23, 14, 5, 9, 0, data.Zone())
)

// bkDemoStore opens a database at path and fills it with the demo
// organisation. With secure, the demo administrator is created first, so
// every personal field is encrypted.
func bkDemoStore(t *testing.T, path string, secure bool) *Store {
	t.Helper()
	ctx := context.Background()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	s.security.params = vault.FastParamsForTests
	if secure {
		if _, err := demo.Secure(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := demo.Generate(ctx, s, demo.Config{Seed: 1, Today: bkToday}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	s.security.now = func() time.Time { return bkNow }
	return s
}

// bkCounts are the rows a store shows through its API.
type bkCounts struct{ mentors, citizens, sessions int }

func bkCount(t *testing.T, s *Store) bkCounts {
	t.Helper()
	ctx := context.Background()
	m, err := s.Mentors(ctx, true)
	must(t, err)
	c, err := s.Citizens(ctx, true)
	must(t, err)
	se, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, err)
	return bkCounts{len(m), len(c), len(se)}
}

func bkNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func bkCopy(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o600))
}

func TestBackupOfDemoStoreIsVerifiedCompleteAndEncrypted(t *testing.T) {
	defer func(n int) { backupStepPages = n }(backupStepPages)
	backupStepPages = 8
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "Søren Ø")
	src := bkDemoStore(t, filepath.Join(root, "data", "mentorbog æøå.db"), true)
	want := bkCount(t, src)
	if want.citizens != 40 || want.sessions == 0 {
		t.Fatalf("demo counts %+v", want)
	}
	citizens, err := src.Citizens(ctx, true)
	must(t, err)

	dir := filepath.Join(root, "sikkerhedskopier") // does not exist yet
	var calls [][2]int
	path, err := src.Backup(ctx, dir, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if want := filepath.Join(dir, "mentorbog-sikkerhedskopi-2026-11-23-140509.db"); path != want {
		t.Fatalf("backup path %q, want %q", path, want)
	}
	if names := bkNames(t, dir); !reflect.DeepEqual(names, []string{filepath.Base(path)}) {
		t.Fatalf("backup folder holds %v", names)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
			t.Errorf("backup folder mode %v", fi.Mode().Perm())
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("backup file mode %v", fi.Mode().Perm())
		}
	}

	// Progress: several steps, increasing, ending at the total.
	if len(calls) < 3 {
		t.Fatalf("progress called %d times: %v", len(calls), calls)
	}
	for i, c := range calls {
		if c[1] != calls[0][1] || c[0] > c[1] || (i > 0 && c[0] <= calls[i-1][0]) {
			t.Fatalf("progress not increasing towards the total: %v", calls)
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Fatalf("progress ends at %v", last)
	}

	// One self-contained file: rollback journal, not WAL.
	raw, err := os.ReadFile(path)
	must(t, err)
	if raw[18] != 1 || raw[19] != 1 {
		t.Errorf("backup header says WAL (%d, %d)", raw[18], raw[19])
	}
	before := fileHash(t, path)
	h, err := VerifyBackup(ctx, path)
	if err != nil || !h.OK() {
		t.Fatalf("verify: %+v %v", h, err)
	}
	if fileHash(t, path) != before || len(bkNames(t, dir)) != 1 {
		t.Fatal("VerifyBackup changed the backup or created files beside it")
	}

	// Encrypted like the database: no personal value in the bytes.
	for _, c := range citizens[:5] {
		if bytes.Contains(raw, []byte(c.Name)) || bytes.Contains(raw, []byte(c.CPR)) {
			t.Fatalf("backup holds citizen %d's name or CPR in plaintext", c.ID)
		}
	}

	// A copy of the backup is the same organisation.
	cp := filepath.Join(t.TempDir(), "kopi.db")
	bkCopy(t, path, cp)
	restored, err := Open(cp)
	must(t, err)
	defer restored.Close()
	if pf, err := restored.PlaintextFields(ctx); err != nil || len(pf) != 0 {
		t.Fatalf("plaintext fields in the backup: %v %v", pf, err)
	}
	if _, err := restored.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatalf("login on the backup: %v", err)
	}
	if got := bkCount(t, restored); got != want {
		t.Fatalf("backup has %+v, source %+v", got, want)
	}

	// A second backup within the same second gets its own name.
	second, err := src.Backup(ctx, dir, nil)
	must(t, err)
	if filepath.Base(second) != "mentorbog-sikkerhedskopi-2026-11-23-140509-2.db" {
		t.Fatalf("second backup %q", second)
	}
	newest, at, ok, err := NewestBackup(dir)
	if err != nil || !ok || newest != second || !at.Equal(bkNow) {
		t.Fatalf("newest: %q %v %v %v", newest, at, ok, err)
	}
	// After pruning the first, the next one of that second still sorts
	// newest (it must not take the freed name and be pruned next).
	if removed, err := PruneBackups(dir, 1); err != nil || len(removed) != 1 || removed[0] != path {
		t.Fatalf("prune: %v %v", removed, err)
	}
	third, err := src.Backup(ctx, dir, nil)
	must(t, err)
	if filepath.Base(third) != "mentorbog-sikkerhedskopi-2026-11-23-140509-3.db" {
		t.Fatalf("third backup %q", third)
	}
	if removed, err := PruneBackups(dir, 1); err != nil || len(removed) != 1 || removed[0] != second {
		t.Fatalf("prune kept the wrong one: %v %v", removed, err)
	}
}

func TestCancelledBackupLeavesNoFile(t *testing.T) {
	defer func(n int) { backupStepPages = n }(backupStepPages)
	backupStepPages = 2
	src := bkDemoStore(t, filepath.Join(t.TempDir(), "mentorbog.db"), false)
	dir := filepath.Join(t.TempDir(), "kopier")

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := src.Backup(ctx, dir, func(done, total int) {
		calls++
		if calls == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled backup: %v", err)
	}
	if calls != 3 {
		t.Errorf("backup went on after cancel: %d progress calls", calls)
	}
	if names := bkNames(t, dir); len(names) != 0 {
		t.Fatalf("cancelled backup left %v", names)
	}
	// Cancelled in the very last progress call: still nothing.
	ctx, cancel = context.WithCancel(context.Background())
	_, err = src.Backup(ctx, dir, func(done, total int) {
		if done == total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(bkNames(t, dir)) != 0 {
		t.Fatalf("cancelled at the end: %v, %v", err, bkNames(t, dir))
	}
	// The store still works and a backup afterwards succeeds.
	path, err := src.Backup(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
}

func TestPruneBackupsKeepsTheNewestAndIgnoresOtherFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Søren Ø", "sikkerhedskopier")
	must(t, os.MkdirAll(dir, 0o700))
	backups := []string{ // oldest first
		"mentorbog-sikkerhedskopi-2025-12-31-235959.db",
		"mentorbog-sikkerhedskopi-2026-01-02-080000.db",
		"mentorbog-sikkerhedskopi-2026-11-23-140509.db",
		"mentorbog-sikkerhedskopi-2026-11-23-140509-2.db",
		"mentorbog-sikkerhedskopi-2026-11-23-140509-10.db",
		"mentorbog-sikkerhedskopi-2026-11-24-090000.db",
	}
	others := []string{
		"noter.txt",
		"mentorbog-sikkerhedskopi-gammel.db",
		"mentorbog-sikkerhedskopi-2020-01-01-000000.db.bak",
		"kopi-mentorbog-sikkerhedskopi-2020-01-01-000000.db",
		".mentorbog-sikkerhedskopi-123.tmp",
		"mentorbog.db",
	}
	// Modification times the other way round: the name decides.
	for i, name := range append(append([]string{}, backups...), others...) {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte("x"), 0o600))
		mt := time.Now().Add(-time.Duration(i) * time.Hour)
		must(t, os.Chtimes(p, mt, mt))
	}
	// A folder with a backup's name is not a backup.
	must(t, os.Mkdir(filepath.Join(dir, "mentorbog-sikkerhedskopi-2019-01-01-000000.db"), 0o700))

	removed, err := PruneBackups(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	wantRemoved := []string{filepath.Join(dir, backups[2]), filepath.Join(dir, backups[1]), filepath.Join(dir, backups[0])}
	if !reflect.DeepEqual(removed, wantRemoved) {
		t.Fatalf("removed %v\nwant %v", removed, wantRemoved)
	}
	left := bkNames(t, dir)
	want := append(append([]string{"mentorbog-sikkerhedskopi-2019-01-01-000000.db"}, backups[3:]...), others...)
	sort.Strings(want)
	if !reflect.DeepEqual(left, want) {
		t.Fatalf("left %v\nwant %v", left, want)
	}
	// Nothing more to prune; keep must be at least one.
	if removed, err := PruneBackups(dir, 3); err != nil || len(removed) != 0 {
		t.Fatalf("second prune: %v %v", removed, err)
	}
	if _, err := PruneBackups(dir, 0); err == nil {
		t.Fatal("keep 0 accepted")
	}
	if removed, err := PruneBackups(filepath.Join(dir, "findes-ikke"), 1); err != nil || removed != nil {
		t.Fatalf("missing folder: %v %v", removed, err)
	}
}

func TestNewestBackupAndStaleness(t *testing.T) {
	dir := t.TempDir()
	if _, _, ok, err := NewestBackup(dir); ok || err != nil {
		t.Fatalf("empty folder: %v %v", ok, err)
	}
	if _, _, ok, err := NewestBackup(filepath.Join(dir, "findes-ikke")); ok || err != nil {
		t.Fatalf("missing folder: %v %v", ok, err)
	}
	for _, n := range []string{"mentorbog-sikkerhedskopi-2026-11-16-120000.db", "mentorbog-sikkerhedskopi-2026-11-20-073000.db", "andet-2027-01-01.db"} {
		must(t, os.WriteFile(filepath.Join(dir, n), nil, 0o600))
	}
	path, at, ok, err := NewestBackup(dir)
	wantAt := time.Date(2026, 11, 20, 7, 30, 0, 0, data.Zone())
	if err != nil || !ok || filepath.Base(path) != "mentorbog-sikkerhedskopi-2026-11-20-073000.db" || !at.Equal(wantAt) {
		t.Fatalf("newest: %q %v %v %v", path, at, ok, err)
	}
	if BackupIsStale(at, wantAt.Add(7*24*time.Hour)) {
		t.Error("exactly 7 days old is not stale yet")
	}
	if !BackupIsStale(at, wantAt.Add(7*24*time.Hour+time.Minute)) {
		t.Error("older than 7 days is stale")
	}
	if BackupIsStale(at, wantAt.Add(time.Hour)) {
		t.Error("an hour old is stale")
	}
	if !BackupIsStale(time.Time{}, wantAt) {
		t.Error("no backup at all is not stale")
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "Søren Ø")
	live := filepath.Join(root, "data æøå", "mentorbog.db")
	s := bkDemoStore(t, live, false)
	before := bkCount(t, s)
	backup, err := s.Backup(ctx, filepath.Join(root, "sikkerhedskopier"), nil)
	must(t, err)

	m := data.Mentor{Name: "Ny Mentor Ærø", Kind: data.MentorVolunteer}
	must(t, s.SaveMentor(ctx, &m))

	// While the database is open, Restore refuses and changes nothing.
	if _, err := Restore(ctx, live, backup); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore over an open database: %v", err)
	}
	if got, err := s.Mentor(ctx, m.ID); err != nil || got.Name != m.Name {
		t.Fatalf("open store after the refused restore: %v %v", got, err)
	}
	must(t, s.Close())
	liveHash := fileHash(t, live)

	aside, err := Restore(ctx, live, backup)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if !strings.HasPrefix(aside, live+".foer-gendannelse-") {
		t.Fatalf("aside path %q", aside)
	}
	if fileHash(t, aside) != liveHash {
		t.Fatal("the file put aside is not the previous database")
	}
	if fileHash(t, live) != fileHash(t, backup) {
		t.Fatal("the live file is not the backup")
	}
	for _, n := range bkNames(t, filepath.Dir(live)) {
		if strings.HasSuffix(n, ".tmp") {
			t.Errorf("temporary file left: %s", n)
		}
	}

	restored, err := Open(live)
	must(t, err)
	defer restored.Close()
	if _, err := restored.Mentor(ctx, m.ID); err == nil {
		t.Fatal("the mentor added after the backup is still there")
	}
	if got := bkCount(t, restored); got != before {
		t.Fatalf("restored %+v, backed up %+v", got, before)
	}
	if h, err := restored.Check(ctx); err != nil || !h.OK() {
		t.Fatalf("check after restore: %+v %v", h, err)
	}

	old, err := Open(aside)
	must(t, err)
	defer old.Close()
	if got, err := old.Mentor(ctx, m.ID); err != nil || got.Name != m.Name {
		t.Fatalf("the aside file lost the mentor: %v %v", got, err)
	}
}

func TestRestoreMovesALeftoverWALAsideWithItsDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openSQLiteTemp(t)
	backup, err := s.Backup(ctx, dir, nil)
	must(t, err)
	live := filepath.Join(dir, "live.db")
	bkCopy(t, s.Path(), live)
	// A crash leaves a -wal (and -shm) with committed transactions.
	must(t, os.WriteFile(live+"-wal", []byte("wal-indhold"), 0o600))
	must(t, os.WriteFile(live+"-shm", []byte("shm"), 0o600))

	aside, err := Restore(ctx, live, backup)
	must(t, err)
	if b, err := os.ReadFile(aside + "-wal"); err != nil || string(b) != "wal-indhold" {
		t.Fatalf("the -wal did not travel with its database: %q %v", b, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(live + suffix); err == nil {
			t.Fatalf("%s left beside the restored database", suffix)
		}
	}
	st, err := Open(live)
	must(t, err)
	defer st.Close()
	if h, err := st.Check(ctx); err != nil || !h.OK() {
		t.Fatalf("check: %+v %v", h, err)
	}
}

func TestRestoreIntoAnEmptyFolder(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	f := newFixture(t, s)
	backup, err := s.Backup(ctx, t.TempDir(), nil)
	must(t, err)
	live := filepath.Join(t.TempDir(), "ny pc", "mentorbog.db")
	aside, err := Restore(ctx, live, backup)
	if err != nil || aside != "" {
		t.Fatalf("restore onto a new pc: %q %v", aside, err)
	}
	st, err := Open(live)
	must(t, err)
	defer st.Close()
	if c, err := st.Citizen(ctx, f.citizen.ID); err != nil || c.Name != f.citizen.Name {
		t.Fatalf("restored citizen: %v %v", c, err)
	}
}

func TestRestoreRefusesBadBackupsAndLeavesTheLiveFileAlone(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "Søren Ø")
	live := filepath.Join(root, "mentorbog.db")
	s := bkDemoStore(t, live, false)
	good, err := s.Backup(ctx, filepath.Join(root, "sikkerhedskopier"), nil)
	must(t, err)
	var citizensRoot int64
	must(t, s.db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'citizens'").Scan(&citizensRoot))
	must(t, s.Close())
	liveHash := fileHash(t, live)
	goodBytes, err := os.ReadFile(good)
	must(t, err)
	pageSize := int64(4096)

	garbage := func(n int) []byte {
		b := make([]byte, n)
		x := uint32(2463534242)
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		return b
	}
	overwrite := func(at int64, with []byte) []byte {
		b := append([]byte{}, goodBytes...)
		copy(b[at:], with)
		return b
	}
	newer := filepath.Join(t.TempDir(), "nyere.db")
	bkCopy(t, good, newer)
	db, err := sql.Open("sqlite3", newer)
	must(t, err)
	_, err = db.Exec("INSERT INTO schema_migrations (version) VALUES (?)", LatestSchemaVersion()+1)
	must(t, err)
	must(t, db.Close())
	newerBytes, err := os.ReadFile(newer)
	must(t, err)
	plainSQLite := filepath.Join(t.TempDir(), "andet.db")
	db, err = sql.Open("sqlite3", plainSQLite)
	must(t, err)
	_, err = db.Exec("CREATE TABLE ting (navn TEXT)")
	must(t, err)
	must(t, db.Close())
	plainBytes, err := os.ReadFile(plainSQLite)
	must(t, err)

	cases := []struct {
		name  string
		bytes []byte
		kind  error
		says  string
	}{
		{"garbage after the header", overwrite(100, garbage(3*int(pageSize))), ErrBackupCorrupt, "Sikkerhedskopien er beskadiget"},
		{"garbage in the citizens table", overwrite((citizensRoot-1)*pageSize, garbage(int(pageSize))), ErrBackupCorrupt, "Sikkerhedskopien er beskadiget"},
		{"truncated to half", goodBytes[:len(goodBytes)/2/int(pageSize)*int(pageSize)], ErrBackupCorrupt, "afkortet"},
		{"truncated mid-page", goodBytes[:len(goodBytes)-1000], ErrBackupCorrupt, "Sikkerhedskopien er beskadiget"},
		{"only the magic", goodBytes[:20], ErrBackupCorrupt, "Sikkerhedskopien er beskadiget"},
		{"text file", []byte("Dette er ikke en database, men en indkøbsseddel.\n"), ErrBackupNotDatabase, "Filen er ikke en Mentorbog-sikkerhedskopi"},
		{"empty file", nil, ErrBackupNotDatabase, "ikke en SQLite-fil"},
		{"another program's SQLite file", plainBytes, ErrBackupNotDatabase, "ikke en Mentorbog-database"},
		{"newer schema", newerBytes, ErrBackupNewer, "Sikkerhedskopien er fra en nyere version af Mentorbog"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "kopier æøå")
			must(t, os.MkdirAll(dir, 0o700))
			bad := filepath.Join(dir, "mentorbog-sikkerhedskopi-2026-11-23-140509.db")
			must(t, os.WriteFile(bad, c.bytes, 0o600))
			badHash := fileHash(t, bad)
			liveFiles := bkNames(t, root)

			aside, err := Restore(ctx, live, bad)
			var be *BackupError
			if err == nil || !errors.Is(err, c.kind) || !errors.As(err, &be) || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("restore: %q, %v; want %v saying %q", aside, err, c.kind, c.says)
			}
			t.Logf("refused: %v", err)
			if fileHash(t, live) != liveHash || !reflect.DeepEqual(bkNames(t, root), liveFiles) {
				t.Fatal("a refused restore changed the live database or its folder")
			}
			if fileHash(t, bad) != badHash || len(bkNames(t, dir)) != 1 {
				t.Fatal("verification changed the backup or created files beside it")
			}
		})
	}
	if _, err := Restore(ctx, live, filepath.Join(root, "findes-ikke.db")); !errors.Is(err, ErrBackupMissing) {
		t.Fatalf("missing backup: %v", err)
	}
	if _, err := Restore(ctx, live, live); err == nil {
		t.Fatal("restored the database onto itself")
	}
	if fileHash(t, live) != liveHash {
		t.Fatal("live file changed")
	}
	st, err := Open(live)
	must(t, err)
	st.Close()
}

func TestBackupWithABrokenAuditChainIsRefused(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	for _, detail := range []string{"første", "anden", "tredje"} {
		must(t, s.Audit(ctx, data.AuditEntry{Username: "admin", Action: data.AuditActions[0], Detail: detail}))
	}
	good, err := s.Backup(ctx, t.TempDir(), nil)
	must(t, err)
	if _, err := VerifyBackup(ctx, good); err != nil {
		t.Fatalf("intact chain: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "ændret.db")
	bkCopy(t, good, bad)
	db, err := sql.Open("sqlite3", bad)
	must(t, err)
	_, err = db.Exec("UPDATE audit_log SET detail = 'ændret' WHERE id = 2")
	must(t, err)
	must(t, db.Close())
	_, err = VerifyBackup(ctx, bad)
	if !errors.Is(err, ErrBackupCorrupt) || !strings.Contains(err.Error(), "revisionsloggens kæde er brudt: Post 2") {
		t.Fatalf("tampered audit log: %v", err)
	}
	t.Logf("refused: %v", err)
	live := filepath.Join(t.TempDir(), "mentorbog.db")
	if _, err := Restore(ctx, live, bad); err == nil {
		t.Fatal("restored a backup with a broken audit chain")
	}
	if _, err := os.Stat(live); err == nil {
		t.Fatal("a refused restore created the live database")
	}
}

func TestOlderSchemaBackupIsAcceptedAndMigratedOnOpen(t *testing.T) {
	ctx := context.Background()
	old, err := open(filepath.Join(t.TempDir(), "gammel.db"), migrationsUpTo(t, 1))
	must(t, err)
	defer old.Close()
	backup, err := old.Backup(ctx, t.TempDir(), nil)
	must(t, err)
	h, err := VerifyBackup(ctx, backup)
	if err != nil || h.SchemaVersion != 1 || h.OK() {
		t.Fatalf("verify of a version-1 backup: %+v %v", h, err)
	}
	live := filepath.Join(t.TempDir(), "mentorbog.db")
	if _, err := Restore(ctx, live, backup); err != nil {
		t.Fatal(err)
	}
	st, err := Open(live)
	must(t, err)
	defer st.Close()
	if h, err := st.Check(ctx); err != nil || !h.OK() {
		t.Fatalf("check after migrating the restored backup: %+v %v", h, err)
	}
}

func TestBackupPathsWithSpecialCharacters(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	newFixture(t, s)
	dir := filepath.Join(t.TempDir(), "100% sikker #1", "Søren Ø?&mode=rw")
	if runtime.GOOS == "windows" {
		dir = filepath.Join(t.TempDir(), "100% sikker #1", "Søren Ø&mode=rw")
	}
	path, err := s.Backup(ctx, dir, nil)
	if err != nil {
		t.Fatalf("backup into %q: %v", dir, err)
	}
	if filepath.Dir(path) != dir {
		t.Fatalf("backup written to %q", path)
	}
	if _, err := VerifyBackup(ctx, path); err != nil {
		t.Fatalf("verify %q: %v", path, err)
	}
	if names := bkNames(t, dir); len(names) != 1 {
		t.Fatalf("folder holds %v", names)
	}
	// Nothing was created at a truncated path (as a DSN cut at ? would).
	parent := filepath.Dir(dir)
	if names := bkNames(t, parent); len(names) != 1 {
		t.Fatalf("parent folder holds %v", names)
	}
}

func TestFileURIEscapes(t *testing.T) {
	for path, want := range map[string]string{
		"/home/søren/a b.db":   "file:///home/s%C3%B8ren/a%20b.db?mode=ro",
		"/x/100%?#&=.db":       "file:///x/100%25%3F%23%26%3D.db?mode=ro",
		"/x/~a-b_c.d:e/f.db":   "file:///x/~a-b_c.d:e/f.db?mode=ro",
		"/tmp/æøå ÆØÅ/k.db":    "file:///tmp/%C3%A6%C3%B8%C3%A5%20%C3%86%C3%98%C3%85/k.db?mode=ro",
		"/srv/backup/dump.db":  "file:///srv/backup/dump.db?mode=ro",
		"/a/b/../c/./dump.db":  "file:///a/c/dump.db?mode=ro",
		"/data/mentor bog.db":  "file:///data/mentor%20bog.db?mode=ro",
		"/data/kopi (2).db":    "file:///data/kopi%20%282%29.db?mode=ro",
		"/data/a'b\"c.db":      "file:///data/a%27b%22c.db?mode=ro",
		"/data/tab\there.db":   "file:///data/tab%09here.db?mode=ro",
		"/data/plus+sign.db":   "file:///data/plus%2Bsign.db?mode=ro",
		"/data/semi;colon.db":  "file:///data/semi%3Bcolon.db?mode=ro",
		"/data/back\\slash.db": "file:///data/back%5Cslash.db?mode=ro",
	} {
		if runtime.GOOS == "windows" {
			break
		}
		if got := fileURI(path, "mode=ro"); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", path, got, want)
		}
	}
}
