package sqlstore

// Moving a whole Mentorbog database from one backend to another (SQLite
// file ⇄ PostgreSQL server), for `mentorbog migrate` and for backups on
// PostgreSQL (backup.go).
//
// The copy is of raw rows, table by table, ids kept: personal fields stay
// sealed exactly as they are (no key is needed and nothing is decrypted),
// and the audit log's hash chain, its anchor and tip (in settings) travel
// unchanged, so the chain verifies on the target as it did on the source.
// The tables are read from the source's catalogue and copied parents
// before children (by their foreign keys), so a table added by a later
// migration is copied without anyone remembering to list it here.
//
// The source is read in one read-only snapshot and never written. The
// target is written in one transaction: a failure, a failed verification
// or a cancellation rolls it back and leaves the target as empty as it was.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"mentorbog/data"
)

// ErrTargetNotEmpty refuses a copy into a database that already holds data.
var ErrTargetNotEmpty = errors.New("måldatabasen er ikke tom; der kopieres kun til en ny, tom database, så intet bliver overskrevet")

// TableCount is one table and its number of rows.
type TableCount struct {
	Table string
	Rows  int
}

// CopyResult is what Copy copied and verified.
type CopyResult struct {
	// Tables are the copied tables in the order they were copied, with the
	// rows counted on the target (equal to the source's, or Copy fails).
	Tables []TableCount
	// Skipped are tables of the source that the target's schema does not
	// have (a table only a PostgreSQL schema has), with their rows.
	Skipped []TableCount
	// Audit is the audit chain's verification on the target; Copy fails
	// unless it equals the source's.
	Audit data.AuditVerification
}

// Rows is the number of rows copied in all.
func (r CopyResult) Rows() int {
	n := 0
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// copySkipTables are kept by each database itself: the target's own
// migrations wrote its schema_migrations, at the same version as the
// source's (Copy checks it).
var copySkipTables = map[string]bool{"schema_migrations": true}

// tableSchema is one table as a catalogue describes it.
type tableSchema struct {
	name    string
	columns []string
	blob    map[string]bool // bytea/BLOB columns
	skip    map[string]bool // generated columns, which cannot be inserted
	parents []string        // tables its foreign keys refer to
	// identityAlways: an identity column GENERATED ALWAYS (PostgreSQL),
	// which takes the copied ids only with OVERRIDING SYSTEM VALUE.
	identityAlways bool
}

func (t *tableSchema) has(column string) bool {
	for _, c := range t.columns {
		if c == column {
			return true
		}
	}
	return false
}

// Copy copies every table of the Mentorbog database from into the empty
// database to, which may be on the other backend. Both must be at the
// same (this build's newest) schema version; to must hold nothing but what
// its migrations put there, or Copy refuses with ErrTargetNotEmpty.
//
// Afterwards, still inside the target's transaction, it checks that every
// table has as many rows as on the source and that the audit chain
// verifies on the target exactly as on the source; only then is the copy
// committed. progress (may be nil) is called with the rows copied so far
// and the total. Cancelling ctx rolls the target back.
func Copy(ctx context.Context, from, to *Store, progress func(done, total int)) (CopyResult, error) {
	var res CopyResult
	if from == to {
		return res, errors.New("kopiér database: kilde og mål er den samme database")
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	srcTx, err := from.snapshot(ctx)
	if err != nil {
		return res, fmt.Errorf("kopiér database: læs kilden: %w", err)
	}
	defer srcTx.Rollback()
	srcCtx := context.WithValue(ctx, txKey{}, srcTx)

	srcVersion, err := from.versionIn(srcCtx)
	if err != nil {
		return res, fmt.Errorf("kopiér database: %w", err)
	}
	srcTables, err := from.catalogue(srcCtx)
	if err != nil {
		return res, fmt.Errorf("kopiér database: læs kildens tabeller: %w", err)
	}
	order, err := dependencyOrder(srcTables)
	if err != nil {
		return res, fmt.Errorf("kopiér database: %w", err)
	}
	if err := from.requireEveryRow(srcCtx); err != nil {
		return res, fmt.Errorf("kopiér database: %w", err)
	}
	srcCounts := map[string]int{}
	total := 0
	for _, name := range order {
		n, err := countRows(srcCtx, from, name)
		if err != nil {
			return res, fmt.Errorf("kopiér database: tæl rækker i %s: %w", name, err)
		}
		srcCounts[name] = n
		total += n
	}
	srcAudit, err := from.verifyAudit(srcCtx)
	if err != nil {
		return res, fmt.Errorf("kopiér database: kildens revisionslog: %w", err)
	}
	seeded, err := seededRows(ctx)
	if err != nil {
		return res, fmt.Errorf("kopiér database: %w", err)
	}

	err = to.Atomically(ctx, func(ctx context.Context) error {
		res = CopyResult{}
		dstVersion, err := to.versionIn(ctx)
		if err != nil {
			return err
		}
		if dstVersion != srcVersion {
			return fmt.Errorf("kilden har skemaversion %d og målet %d; begge skal have samme version", srcVersion, dstVersion)
		}
		dstTables, err := to.catalogue(ctx)
		if err != nil {
			return fmt.Errorf("læs målets tabeller: %w", err)
		}
		var copied []string
		for _, name := range order {
			dst, ok := dstTables[name]
			if !ok {
				res.Skipped = append(res.Skipped, TableCount{name, srcCounts[name]})
				continue
			}
			for _, c := range srcTables[name].columns {
				if !dst.has(c) {
					return fmt.Errorf("kolonnen %s.%s findes ikke i måldatabasen", name, c)
				}
			}
			copied = append(copied, name)
		}
		if err := to.clearSeeds(ctx, copied, seeded); err != nil {
			return err
		}
		if to.dialect == dialectSQLite {
			// A row may refer to a later row of its own table; check
			// the foreign keys at commit, when every row is in.
			if _, err := to.q(ctx).ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
				return err
			}
		}
		done := 0
		progress(done, total)
		for _, name := range copied {
			if err := copyTable(srcCtx, ctx, from, to, srcTables[name], dstTables[name], func(n int) {
				done += n
				progress(done, total)
			}); err != nil {
				return fmt.Errorf("kopiér tabellen %s: %w", name, err)
			}
		}
		if to.dialect == dialectPostgres {
			if err := to.syncSequences(ctx); err != nil {
				return err
			}
		}
		if slices.Contains(copied, "agreement_hours") {
			// The target's session triggers added the copied sessions'
			// minutes to whatever agreement rows were there already (the
			// tables are copied in dependency order, not in the order the
			// minutes were counted): count them again from the sessions.
			if _, err := to.q(ctx).ExecContext(ctx, recomputeHeldMin); err != nil {
				return fmt.Errorf("tæl aftalernes timer: %w", err)
			}
		}
		return verifyCopy(ctx, to, copied, srcCounts, srcAudit, &res)
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return CopyResult{}, ctxErr
		}
		return CopyResult{}, fmt.Errorf("kopiér database: %w", err)
	}
	// The target now has a keyring: let it load its login state afresh.
	to.forgetSecurity()
	if to.dialect == dialectPostgres {
		// After a bulk load PostgreSQL has no statistics until autovacuum
		// comes by (a minute or more later); without them it plans
		// Oversigt's sums as a scan of every session (125 ms instead of
		// 28 ms at mellem). VACUUM also fills the visibility map, without
		// which the index-only reads (the sums, the calendar's day counts)
		// visit every row's table page: counting a month took 5.5 ms
		// instead of 0.8 ms at mellem. SQLite needs neither.
		if _, err := to.pool().ExecContext(ctx, "VACUUM (ANALYZE)"); err != nil {
			return res, fmt.Errorf("kopiér database: kopien er færdig, men statistikken kunne ikke opdateres (VACUUM ANALYZE): %w", err)
		}
	}
	return res, nil
}

// verifyCopy counts every copied table on the target and verifies the
// audit chain there, both inside the copy's transaction.
func verifyCopy(ctx context.Context, to *Store, copied []string, srcCounts map[string]int, srcAudit data.AuditVerification, res *CopyResult) error {
	for _, name := range copied {
		n, err := countRows(ctx, to, name)
		if err != nil {
			return fmt.Errorf("tæl rækker i %s: %w", name, err)
		}
		if n != srcCounts[name] {
			return fmt.Errorf("tabellen %s har %d rækker i målet, men %d i kilden", name, n, srcCounts[name])
		}
		res.Tables = append(res.Tables, TableCount{name, n})
	}
	v, err := to.verifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("revisionsloggen i målet: %w", err)
	}
	if v != srcAudit {
		return fmt.Errorf("revisionsloggens kæde er ikke den samme i målet som i kilden (kilden: %s; målet: %s)", describeChain(srcAudit), describeChain(v))
	}
	res.Audit = v
	return nil
}

func describeChain(v data.AuditVerification) string {
	if v.OK {
		return fmt.Sprintf("%d poster, intakt", v.Entries)
	}
	return fmt.Sprintf("%d poster, brudt: %s", v.Entries, v.Problem)
}

// snapshot begins the read-only transaction the whole source is read in,
// so the copy is of one moment even if someone works on a server meanwhile.
func (s *Store) snapshot(ctx context.Context) (*sql.Tx, error) {
	if s.dialect == dialectPostgres {
		return s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	}
	// SQLite: a deferred or immediate transaction reads one snapshot; the
	// driver takes no read-only option.
	return s.db.BeginTx(ctx, nil)
}

// requireEveryRow refuses a PostgreSQL source read by a role that
// row-level security limits: it would see only some rows, and a copy or
// backup of those would pass every count and still miss data.
func (s *Store) requireEveryRow(ctx context.Context) error {
	if s.dialect != dialectPostgres {
		return nil
	}
	limited, err := queryStrings(ctx, s.q(ctx), `SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND row_security_active(c.oid)
		ORDER BY c.relname`)
	if err != nil {
		return fmt.Errorf("læs rækkesikkerheden: %w", err)
	}
	if len(limited) == 0 {
		return nil
	}
	var role string
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT current_user").Scan(&role); err != nil {
		return err
	}
	return fmt.Errorf("databaserollen %s ser måske ikke alle rækker, for rækkesikkerhed gælder for den i %s; brug databasens ejer eller en rolle med BYPASSRLS, så intet mangler i kopien", role, strings.Join(limited, ", "))
}

// versionIn reads the schema version within ctx's transaction.
func (s *Store) versionIn(ctx context.Context) (int, error) {
	var v int
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("læs skemaversionen: %w", err)
	}
	return v, nil
}

// forgetSecurity makes the store read its keyring again on next use.
func (s *Store) forgetSecurity() {
	st := &s.security
	st.mu.Lock()
	st.loaded = false
	st.mu.Unlock()
}

// catalogue lists the tables, their columns and foreign keys, from the
// database's own catalogue, within ctx's transaction.
func (s *Store) catalogue(ctx context.Context) (map[string]*tableSchema, error) {
	listTables := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if s.dialect == dialectPostgres {
		listTables = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	names, err := queryStrings(ctx, s.q(ctx), listTables)
	if err != nil {
		return nil, err
	}
	out := map[string]*tableSchema{}
	for _, name := range names {
		if copySkipTables[name] {
			continue
		}
		t := &tableSchema{name: name, blob: map[string]bool{}, skip: map[string]bool{}}
		if err := s.readColumnsOf(ctx, t); err != nil {
			return nil, fmt.Errorf("kolonnerne i %s: %w", name, err)
		}
		listParents := `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`
		if s.dialect == dialectPostgres {
			listParents = `SELECT DISTINCT cf.relname FROM pg_constraint c
				JOIN pg_class ct ON ct.oid = c.conrelid
				JOIN pg_class cf ON cf.oid = c.confrelid
				JOIN pg_namespace n ON n.oid = ct.relnamespace
				WHERE c.contype = 'f' AND n.nspname = current_schema() AND ct.relname = ?`
		}
		if t.parents, err = queryStrings(ctx, s.q(ctx), listParents, name); err != nil {
			return nil, fmt.Errorf("fremmednøglerne i %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// readColumnsOf fills in a table's columns in their order.
func (s *Store) readColumnsOf(ctx context.Context, t *tableSchema) error {
	query := "SELECT name, type, '', '' FROM pragma_table_info(?) ORDER BY cid"
	if s.dialect == dialectPostgres {
		query = `SELECT column_name, data_type, is_generated, COALESCE(identity_generation, '')
			FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
	}
	rows, err := s.q(ctx).QueryContext(ctx, query, t.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ, generated, identity string
		if err := rows.Scan(&name, &typ, &generated, &identity); err != nil {
			return err
		}
		if identity == "ALWAYS" {
			t.identityAlways = true
		}
		if generated == "ALWAYS" {
			t.skip[name] = true
			continue
		}
		t.columns = append(t.columns, name)
		switch strings.ToUpper(typ) {
		case "BLOB", "BYTEA":
			t.blob[name] = true
		}
	}
	return rows.Err()
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// dependencyOrder sorts the tables so that every table comes after the
// tables its foreign keys refer to (a reference to itself aside), by name
// among equals so the order is the same every time.
func dependencyOrder(tables map[string]*tableSchema) ([]string, error) {
	placed := map[string]bool{}
	var order []string
	for len(order) < len(tables) {
		var ready []string
		for name, t := range tables {
			if placed[name] {
				continue
			}
			ok := true
			for _, p := range t.parents {
				if p != name && !placed[p] && tables[p] != nil {
					ok = false
					break
				}
			}
			if ok {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			var left []string
			for name := range tables {
				if !placed[name] {
					left = append(left, name)
				}
			}
			sort.Strings(left)
			return nil, fmt.Errorf("tabellerne %s henviser i ring til hinanden og kan ikke kopieres i rækkefølge", strings.Join(left, ", "))
		}
		sort.Strings(ready)
		for _, name := range ready {
			placed[name] = true
		}
		order = append(order, ready...)
	}
	return order, nil
}

func countRows(ctx context.Context, s *Store, table string) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(table)).Scan(&n)
	return n, err
}

// seededRows is how many rows a freshly migrated database has in each
// table (the default target groups, instruments, the organisation row):
// a target may hold those and nothing else. It migrates a database in
// memory to find out, so a migration that seeds a new table needs no
// change here.
func seededRows(ctx context.Context) (map[string]int, error) {
	db, err := sql.Open("sqlite3", "file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// Every connection to :memory: is a database of its own: keep one.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	ref := &Store{db: db, dialect: dialectSQLite, addr: ":memory:"}
	if err := ref.prepare(ctx, migrationFiles()); err != nil {
		return nil, fmt.Errorf("migrér en tom database til sammenligning: %w", err)
	}
	tables, err := ref.catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for name := range tables {
		if out[name], err = countRows(ctx, ref, name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// selfWrittenTables are tables a database may write to just by being
// opened, with no user involved: on a server, settings records that its
// roles have their grants (roles.go), and is rewritten at the next opening
// when it is missing. Their rows never count as data on their own: any real
// use of Mentorbog writes a keyring, users and audit entries, which must be
// empty. They are cleared and take the source's rows like the seeded tables.
var selfWrittenTables = map[string]bool{"settings": true}

// clearSeeds checks that the target holds no data and removes the rows
// its migrations seeded, children first, so the source's rows (which
// include its own, possibly edited, seeded rows) can go in with their ids.
func (s *Store) clearSeeds(ctx context.Context, tables []string, seeded map[string]int) error {
	counts := map[string]int{}
	for _, name := range tables {
		n, err := countRows(ctx, s, name)
		if err != nil {
			return fmt.Errorf("tæl rækker i %s: %w", name, err)
		}
		if n > seeded[name] && !selfWrittenTables[name] {
			return fmt.Errorf("%w (tabellen %s har %d rækker)", ErrTargetNotEmpty, name, n)
		}
		counts[name] = n
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if counts[tables[i]] == 0 {
			continue
		}
		if _, err := s.q(ctx).ExecContext(ctx, "DELETE FROM "+quoteIdent(tables[i])); err != nil {
			return fmt.Errorf("ryd standardrækkerne i %s: %w", tables[i], err)
		}
	}
	return nil
}

// copyBatchParams bounds the parameters of one INSERT: SQLite takes 32766
// and PostgreSQL 65535; a few hundred rows a statement saves the round
// trips that make row-by-row copying to a server slow.
const copyBatchParams = 30000

// copyTable streams one table's rows from the source's snapshot (srcCtx)
// into the target's transaction (dstCtx), in batches. added is told how
// many rows each batch put in.
func copyTable(srcCtx, dstCtx context.Context, from, to *Store, src, dst *tableSchema, added func(int)) error {
	cols := src.columns
	if len(cols) == 0 {
		return nil
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	order := "rowid"
	if from.dialect == dialectPostgres {
		order = "ctid" // the order the rows were written, for tables without id
		if src.has("id") {
			order = "id"
		}
	}
	rows, err := from.q(srcCtx).QueryContext(srcCtx, "SELECT "+strings.Join(quoted, ", ")+" FROM "+quoteIdent(src.name)+" ORDER BY "+order)
	if err != nil {
		return err
	}
	defer rows.Close()

	perBatch := max(1, min(500, copyBatchParams/len(cols)))
	insert := "INSERT INTO " + quoteIdent(src.name) + " (" + strings.Join(quoted, ", ") + ") "
	if dst.identityAlways {
		insert += "OVERRIDING SYSTEM VALUE "
	}
	insert += "VALUES "
	oneRow := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	args := make([]any, 0, perBatch*len(cols))
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		if err := dstCtx.Err(); err != nil {
			return err
		}
		query := insert + strings.TrimSuffix(strings.Repeat(oneRow+", ", n), ", ")
		if _, err := to.q(dstCtx).ExecContext(dstCtx, query, args...); err != nil {
			return err
		}
		added(n)
		args, n = args[:0], 0
		return nil
	}
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range values {
			a, err := adaptValue(v, dst.blob[cols[i]])
			if err != nil {
				return fmt.Errorf("kolonnen %s: %w", cols[i], err)
			}
			args = append(args, a)
		}
		n++
		if n == perBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// adaptValue turns a value read from one backend into what the other
// stores in that column: SQLite hands text and blobs as string and []byte
// by the value's own type, PostgreSQL wants them by the column's.
func adaptValue(v any, blobColumn bool) (any, error) {
	switch x := v.(type) {
	case nil, int64, float64, bool:
		return x, nil
	case []byte:
		if blobColumn {
			return x, nil
		}
		return string(x), nil
	case string:
		if blobColumn {
			return []byte(x), nil
		}
		return x, nil
	default: // time.Time and the like: both drivers write them as read

		return x, nil
	}
}

// OpenReadOnly opens a Mentorbog database to read it only, as the source of
// a copy: it never migrates and never writes. A SQLite file is opened with
// SQLite's mode=ro, under the instance lock, so no Mentorbog works in it
// meanwhile; a PostgreSQL database in read-only transactions. The schema
// must be this build's newest: an older database is refused with a Danish
// explanation (opening it in Mentorbog once brings it up to date).
func OpenReadOnly(addr string) (*Store, error) {
	var s *Store
	var err error
	if IsPostgresAddr(addr) {
		s, err = openPostgresReadOnly(addr)
	} else {
		s, err = openSQLiteReadOnly(addr)
	}
	if err != nil {
		return nil, err
	}
	if err := s.requireLatestSchema(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLiteReadOnly(path string) (*Store, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("databasen %s findes ikke", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if info.Size() == 0 {
		return nil, fmt.Errorf("%s er tom: det er ikke en Mentorbog-database", path)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	lock, err := acquireLock(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", fileURI(path, "mode=ro&_busy_timeout=5000&_txlock=deferred"))
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return &Store{db: db, dialect: dialectSQLite, path: path, addr: path, lock: lock}, nil
}

func openPostgresReadOnly(addr string) (*Store, error) {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("open database: adressen kan ikke læses: %w", errors.Unwrap(err))
	}
	if err := requireTLS(addr, cfg.Host); err != nil {
		return nil, err
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(2)
	return &Store{db: db, dialect: dialectPostgres, addr: RedactAddr(addr)}, nil
}

// requireLatestSchema refuses a database that is not at this build's
// newest schema: a copy needs both sides at the same version, and a source
// must not be migrated (written) by the copy.
func (s *Store) requireLatestSchema(ctx context.Context) error {
	v, err := s.schemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("open database %s: %w", s.addr, classifyOpenError(err))
	}
	latest := LatestSchemaVersion()
	switch {
	case v == 0:
		return fmt.Errorf("%s er ikke en Mentorbog-database (den har intet skema)", s.addr)
	case v > latest:
		return &NewerSchemaError{Found: v, Known: latest}
	case v < latest:
		return fmt.Errorf("databasen %s har skemaversion %d, men denne Mentorbog bruger version %d: åbn den først én gang med denne version af Mentorbog (det opdaterer den), og prøv så igen", s.addr, v, latest)
	}
	return nil
}
