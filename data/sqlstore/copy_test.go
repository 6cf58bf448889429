package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/sqlstore/storetest"
	"mentorbog/data/vault"
)

// cpDemoFile makes a closed, encrypted SQLite demo database and returns
// its path.
func cpDemoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kilde.db")
	s := bkDemoStore(t, path, true)
	// A logo, so a blob (with a zero byte and 0xff) travels too.
	_, err := s.db.Exec("UPDATE organisation SET logo = ?", cpLogo)
	must(t, err)
	must(t, s.Close())
	return path
}

var cpLogo = []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 0xff}

// cpOpenTarget opens a new, empty database at addr (freshly migrated).
func cpOpenTarget(t *testing.T, addr string) *Store {
	t.Helper()
	s, err := Open(addr)
	if err != nil {
		t.Fatalf("open target: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	s.security.params = vault.FastParamsForTests
	return s
}

func cpOpenSource(t *testing.T, addr string) *Store {
	t.Helper()
	s, err := OpenReadOnly(addr)
	if err != nil {
		t.Fatalf("open source read-only: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// cpDump is every row of every table (schema_migrations aside), in a form
// that compares across backends: each value as text, rows sorted.
func cpDump(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	tables, err := s.catalogue(ctx)
	must(t, err)
	out := map[string][]string{}
	for name, tbl := range tables {
		cols := make([]string, len(tbl.columns))
		for i, c := range tbl.columns {
			cols[i] = quoteIdent(c)
		}
		query := "SELECT " + joinComma(cols) + " FROM " + quoteIdent(name)
		rows, err := s.q(ctx).QueryContext(ctx, query)
		must(t, err)
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		var lines []string
		for rows.Next() {
			must(t, rows.Scan(ptrs...))
			line := ""
			for _, v := range values {
				switch x := v.(type) {
				case nil:
					line += "NULL|"
				case []byte:
					line += fmt.Sprintf("%q|", string(x))
				case string:
					line += fmt.Sprintf("%q|", x)
				default:
					line += fmt.Sprintf("%v|", x)
				}
			}
			lines = append(lines, line)
		}
		must(t, rows.Err())
		rows.Close()
		sort.Strings(lines)
		out[name] = lines
	}
	return out
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func cpSameDump(t *testing.T, what string, want, got map[string][]string) {
	t.Helper()
	for name, rows := range want {
		if !reflect.DeepEqual(rows, got[name]) {
			t.Errorf("%s: table %s differs: %d rows, want %d", what, name, len(got[name]), len(rows))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: extra table %s", what, name)
		}
	}
}

func TestCopyOrderCoversEveryTableParentsFirst(t *testing.T) {
	s := openSQLiteTemp(t)
	ctx := context.Background()
	tables, err := s.catalogue(ctx)
	must(t, err)
	order, err := dependencyOrder(tables)
	must(t, err)
	all, err := queryStrings(ctx, s.db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	must(t, err)
	var want []string
	for _, name := range all {
		if name != "schema_migrations" {
			want = append(want, name)
		}
	}
	got := append([]string(nil), order...)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("copied tables %v\nschema tables %v", got, want)
	}
	pos := map[string]int{}
	for i, name := range order {
		pos[name] = i
	}
	for _, name := range order {
		for _, p := range tables[name].parents {
			if p != name && pos[p] > pos[name] {
				t.Errorf("%s is copied before %s, which it refers to", name, p)
			}
		}
	}
	for _, must := range []string{"users", "keyring", "settings", "audit_log", "deletion_log", "organisation", "drafts"} {
		if _, ok := pos[must]; !ok {
			t.Errorf("%s is not copied", must)
		}
	}
	if !tables["organisation"].blob["logo"] {
		t.Error("organisation.logo is not seen as a blob")
	}
}

// TestCopySQLiteToSQLite copies an encrypted demo database into a new
// file: every row of every table arrives as it was, the audit chain
// verifies, the copy logs in with the same password, and the source file
// is not changed by a single byte.
func TestCopySQLiteToSQLite(t *testing.T) {
	ctx := context.Background()
	srcPath := cpDemoFile(t)
	before := fileHash(t, srcPath)

	src := cpOpenSource(t, srcPath)
	dst := cpOpenTarget(t, filepath.Join(t.TempDir(), "maal.db"))
	var calls, last, total int
	res, err := Copy(ctx, src, dst, func(done, all int) { calls, last, total = calls+1, done, all })
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	if calls < 2 || last != total || total != res.Rows() || total == 0 {
		t.Errorf("progress: %d calls, last %d of %d; copied %d rows", calls, last, total, res.Rows())
	}
	if !res.Audit.OK || res.Audit.Entries == 0 {
		t.Errorf("audit on the target: %+v", res.Audit)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v", res.Skipped)
	}
	cpSameDump(t, "SQLite → SQLite", cpDump(t, src), cpDump(t, dst))

	var got []byte
	must(t, dst.db.QueryRow("SELECT logo FROM organisation").Scan(&got))
	if !reflect.DeepEqual(got, cpLogo) {
		t.Errorf("logo % x, want % x", got, cpLogo)
	}
	if _, err := dst.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatalf("login on the copy: %v", err)
	}
	if c := bkCount(t, dst); c.citizens == 0 || c.sessions == 0 {
		t.Errorf("the copy shows %+v", c)
	}
	must(t, src.Close())
	if fileHash(t, srcPath) != before {
		t.Error("the source file changed")
	}
}

func TestCopyRefusesATargetWithData(t *testing.T) {
	ctx := context.Background()
	src := cpOpenSource(t, cpDemoFile(t))
	dst := bkDemoStore(t, filepath.Join(t.TempDir(), "fuld.db"), true)
	before := cpDump(t, dst)
	_, err := Copy(ctx, src, dst, nil)
	if !errors.Is(err, ErrTargetNotEmpty) {
		t.Fatalf("copy into a full database: %v", err)
	}
	t.Logf("message: %v", err)
	cpSameDump(t, "refused target", before, cpDump(t, dst))
}

func TestCopyRefusesAnOlderSource(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gammel.db")
	old, err := open(path, migrationsUpTo(t, 3))
	must(t, err)
	must(t, old.Close())
	before := fileHash(t, path)
	if _, err := OpenReadOnly(path); err == nil {
		t.Fatal("an older schema was opened as a source")
	} else {
		t.Logf("message: %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the refused source changed")
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "findes-ikke.db")); err == nil {
		t.Error("a missing file was opened as a source")
	}
}

// TestCancelledCopyLeavesTheTargetEmpty cancels after the first batch: the
// target's transaction rolls back, so it holds only its seeded rows, and a
// second copy into it then succeeds.
func TestCancelledCopyLeavesTheTargetEmpty(t *testing.T) {
	src := cpOpenSource(t, cpDemoFile(t))
	dst := cpOpenTarget(t, storetest.Addr(t, "afbrudt.db"))
	empty := cpDump(t, dst)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Copy(ctx, src, dst, func(done, total int) {
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled copy: %v", err)
	}
	cpSameDump(t, "after cancel", empty, cpDump(t, dst))
	if need, err := dst.SetupNeeded(context.Background()); err != nil || !need {
		t.Errorf("the cancelled target has a keyring: %v %v", need, err)
	}
	if _, err := Copy(context.Background(), src, dst, nil); err != nil {
		t.Fatalf("copy after the cancel: %v", err)
	}
}

// TestCopyToPostgresAndBack takes an encrypted SQLite demo database to
// PostgreSQL and back into a new file: every table's rows are the same at
// each step, the audit chain verifies on the server, the server's identity
// sequences continue after the copied ids, and the source is untouched.
func TestCopyToPostgresAndBack(t *testing.T) {
	server := storetest.RequirePostgres(t, "copying to and from PostgreSQL")
	ctx := context.Background()
	srcPath := cpDemoFile(t)
	before := fileHash(t, srcPath)
	src := cpOpenSource(t, srcPath)
	want := cpDump(t, src)

	pgAddr := storetest.NewPostgresDatabase(t, server)
	pg := cpOpenTarget(t, pgAddr)
	res, err := Copy(ctx, src, pg, nil)
	if err != nil {
		t.Fatalf("SQLite → PostgreSQL: %v", err)
	}
	if !res.Audit.OK {
		t.Fatalf("audit chain on the server: %+v", res.Audit)
	}
	cpSameDump(t, "SQLite → PostgreSQL", want, cpDump(t, pg))
	// The planner has statistics at once (reltuples is -1 before a table
	// was ever analysed), not only after autovacuum has come by.
	// And the visibility map is set (relallvisible 0 before a VACUUM), so
	// index-only scans read no table pages.
	var tuples float64
	var visible int
	must(t, pg.db.QueryRow("SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'sessions' AND relkind = 'r'").Scan(&tuples, &visible))
	if tuples <= 0 {
		t.Errorf("sessions after the copy: reltuples %v, want the analysed row count", tuples)
	}
	if visible <= 0 {
		t.Errorf("sessions after the copy: relallvisible %d, want the vacuumed pages", visible)
	}
	var logo []byte
	must(t, pg.db.QueryRow("SELECT logo FROM organisation").Scan(&logo))
	if !reflect.DeepEqual(logo, cpLogo) {
		t.Errorf("logo on the server % x, want % x", logo, cpLogo)
	}
	must(t, src.Close())
	if fileHash(t, srcPath) != before {
		t.Error("the source file changed")
	}

	// A copy into the server again is refused: it holds data now.
	again := cpOpenSource(t, srcPath)
	if _, err := Copy(ctx, again, pg, nil); !errors.Is(err, ErrTargetNotEmpty) {
		t.Errorf("second copy into the server: %v", err)
	}

	// The server's sequences continue after the copied ids.
	if _, err := pg.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatalf("login on the server: %v", err)
	}
	var maxID data.ID
	must(t, pg.db.QueryRow("SELECT MAX(id) FROM mentors").Scan(&maxID))
	m := data.Mentor{Name: "Ny Mentor Ærø", Kind: data.MentorVolunteer}
	if err := pg.SaveMentor(ctx, &m); err != nil {
		t.Fatalf("save on the server after the copy: %v", err)
	}
	if m.ID <= maxID {
		t.Errorf("new id %d, copied ids go to %d", m.ID, maxID)
	}
	pg.Close()

	fromPG := cpOpenSource(t, pgAddr)
	back := cpOpenTarget(t, filepath.Join(t.TempDir(), "tilbage.db"))
	res, err = Copy(ctx, fromPG, back, nil)
	if err != nil {
		t.Fatalf("PostgreSQL → SQLite: %v", err)
	}
	if !res.Audit.OK {
		t.Fatalf("audit chain back in SQLite: %+v", res.Audit)
	}
	cpSameDump(t, "PostgreSQL → SQLite", cpDump(t, fromPG), cpDump(t, back))
}

// cpPostgresDemo puts the encrypted demo database on a new PostgreSQL
// database and returns its address and the store (logged out).
func cpPostgresDemo(t *testing.T, server string) (string, *Store) {
	t.Helper()
	addr := storetest.NewPostgresDatabase(t, server)
	pg := cpOpenTarget(t, addr)
	if _, err := Copy(context.Background(), cpOpenSource(t, cpDemoFile(t)), pg, nil); err != nil {
		t.Fatalf("demo onto the server: %v", err)
	}
	// Open it again, as Mentorbog will next time: whatever a server
	// writes for itself at opening is then in place.
	must(t, pg.Close())
	return addr, cpOpenTarget(t, addr)
}

// TestBackupOnPostgresRestoresIntoBothBackends: a backup of a PostgreSQL
// database is the usual backup file (verified, 0600, named by the time),
// made without leaving a temporary file behind, and restores both into a
// SQLite file and into a new PostgreSQL database with every row the same;
// a server database that holds data is not restored over.
func TestBackupOnPostgresRestoresIntoBothBackends(t *testing.T) {
	server := storetest.RequirePostgres(t, "copying to and from PostgreSQL")
	ctx := context.Background()
	pgAddr, pg := cpPostgresDemo(t, server)
	want := cpDump(t, pg)
	tmpRoot := t.TempDir()
	t.Setenv("TMPDIR", tmpRoot)

	pg.security.now = func() time.Time { return bkNow }
	dir := filepath.Join(t.TempDir(), "kopier")
	last, total := -1, 0
	out, err := pg.Backup(ctx, dir, func(done, all int) {
		if done < last {
			t.Errorf("progress went back from %d to %d", last, done)
		}
		last, total = done, all
	})
	if err != nil {
		t.Fatalf("backup on PostgreSQL: %v", err)
	}
	if last != total || total == 0 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	if filepath.Base(out) != "mentorbog-sikkerhedskopi-2026-11-23-140509.db" {
		t.Errorf("backup named %s", filepath.Base(out))
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v %v", info, err)
	}
	if _, err := VerifyBackup(ctx, out); err != nil {
		t.Fatalf("verify the PostgreSQL backup: %v", err)
	}
	if left := bkNames(t, tmpRoot); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	livePath := filepath.Join(t.TempDir(), "gendannet.db")
	if _, err := Restore(ctx, livePath, out); err != nil {
		t.Fatalf("restore into SQLite: %v", err)
	}
	restored := cpOpenSource(t, livePath)
	cpSameDump(t, "PostgreSQL backup → SQLite", want, cpDump(t, restored))

	newPG := storetest.NewPostgresDatabase(t, server)
	if aside, err := Restore(ctx, newPG, out); err != nil || aside != "" {
		t.Fatalf("restore into a new PostgreSQL database: %q %v", aside, err)
	}
	onServer := cpOpenSource(t, newPG)
	cpSameDump(t, "PostgreSQL backup → PostgreSQL", want, cpDump(t, onServer))
	if v, err := onServer.VerifyAuditChain(ctx); err != nil || !v.OK {
		t.Errorf("audit chain after the restore: %+v %v", v, err)
	}

	if _, err := Restore(ctx, pgAddr, out); !errors.Is(err, ErrTargetNotEmpty) {
		t.Errorf("restore over a database with data: %v", err)
	}
	cpSameDump(t, "refused restore", want, cpDump(t, pg))
	if left := bkNames(t, tmpRoot); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestCancelledBackupOnPostgresLeavesNothing(t *testing.T) {
	server := storetest.RequirePostgres(t, "copying to and from PostgreSQL")
	_, pg := cpPostgresDemo(t, server)
	tmpRoot := t.TempDir()
	t.Setenv("TMPDIR", tmpRoot)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := pg.Backup(ctx, dir, func(done, total int) {
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled backup: %v", err)
	}
	if left := append(bkNames(t, tmpRoot), bkNames(t, dir)...); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestCopyPostgresToPostgresKeepsIdsOfAlwaysIdentities copies between two
// server databases, through a table whose identity is GENERATED ALWAYS (as
// a hand-written PostgreSQL twin migration might make it): the ids are
// kept, and the sequence continues after them.
func TestCopyPostgresToPostgresKeepsIdsOfAlwaysIdentities(t *testing.T) {
	server := storetest.RequirePostgres(t, "copying to and from PostgreSQL")
	ctx := context.Background()
	srcAddr := storetest.NewPostgresDatabase(t, server)
	src := cpOpenTarget(t, srcAddr)
	dst := cpOpenTarget(t, storetest.NewPostgresDatabase(t, server))
	for _, s := range []*Store{src, dst} {
		_, err := s.db.Exec("CREATE TABLE zz_always (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note TEXT)")
		must(t, err)
	}
	_, err := src.db.Exec("INSERT INTO zz_always (id, note) OVERRIDING SYSTEM VALUE VALUES (5, 'fem'), (9, NULL)")
	must(t, err)
	src.Close()
	res, err := Copy(ctx, cpOpenSource(t, srcAddr), dst, nil)
	if err != nil {
		t.Fatalf("PostgreSQL → PostgreSQL: %v", err)
	}
	found := false
	for _, tc := range res.Tables {
		found = found || (tc.Table == "zz_always" && tc.Rows == 2)
	}
	if !found {
		t.Errorf("zz_always not copied: %v", res.Tables)
	}
	var next int
	must(t, dst.db.QueryRow("INSERT INTO zz_always (note) VALUES ('ny') RETURNING id").Scan(&next))
	var notes string
	must(t, dst.db.QueryRow("SELECT string_agg(id || '=' || COALESCE(note, 'NULL'), ',' ORDER BY id) FROM zz_always").Scan(&notes))
	if notes != "5=fem,9=NULL,10=ny" {
		t.Errorf("rows on the target: %s", notes)
	}
}

// TestCopyRefusesASourceRoleLimitedByRowSecurity: a role that row-level
// security limits sees only some rows; a copy (or backup) made with it
// would be incomplete, so it is refused, naming the tables.
func TestCopyRefusesASourceRoleLimitedByRowSecurity(t *testing.T) {
	server := storetest.RequirePostgres(t, "copying to and from PostgreSQL")
	ctx := context.Background()
	srcAddr, pg := cpPostgresDemo(t, server)
	var dbName string
	must(t, pg.db.QueryRow("SELECT current_database()").Scan(&dbName))
	reader := dbName + "_laeser"
	for _, stmt := range []string{
		"CREATE ROLE " + reader + " LOGIN PASSWORD 'laeser-kode'",
		"GRANT CONNECT ON DATABASE " + dbName + " TO " + reader,
		"GRANT USAGE ON SCHEMA public TO " + reader,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader,
		"ALTER TABLE citizens ENABLE ROW LEVEL SECURITY",
		"CREATE POLICY kun_nogle ON citizens FOR SELECT TO " + reader + " USING (id % 2 = 0)",
	} {
		_, err := pg.db.Exec(stmt)
		must(t, err)
	}
	u, err := url.Parse(srcAddr)
	must(t, err)
	u.User = url.UserPassword(reader, "laeser-kode")
	src := cpOpenSource(t, u.String())
	dst := cpOpenTarget(t, filepath.Join(t.TempDir(), "delvis.db"))
	_, err = Copy(ctx, src, dst, nil)
	if err == nil || !strings.Contains(err.Error(), "citizens") || !strings.Contains(err.Error(), reader) {
		t.Fatalf("copy by a limited role: %v", err)
	}
	t.Logf("message: %v", err)
	if need, err := dst.SetupNeeded(ctx); err != nil || !need {
		t.Errorf("the target got data: %v %v", need, err)
	}
}
