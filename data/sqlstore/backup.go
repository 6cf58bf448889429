package sqlstore

// Backups and restore.
//
// A backup is a page-by-page copy of the live database made with SQLite's
// online backup API, so it is consistent even while Mentorbog is running.
// Personal fields are encrypted field by field inside the database (see
// fields.go and encrypt.go), so a backup is exactly as encrypted as the
// database: names, CPR numbers, notes and the handover profile are sealed
// with the data key, and reading them needs a login (or the recovery key)
// just as in the live file. The rest (ids, dates, hours, user names, the
// audit log) is stored as it is in the live file. A backup file is created
// readable by its owner only (0600) and its name never holds personal data.
//
// The backup folder may be a network drive or a synced folder: backups are
// written once and never opened for writing there, so CheckLocation (which
// guards the live database) is not applied to it.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"mentorbog/data"
)

// backupPrefix starts every backup file's name; backupTimeLayout is the
// Danish-time stamp after it: mentorbog-sikkerhedskopi-2026-11-23-140509.db.
const (
	backupPrefix     = "mentorbog-sikkerhedskopi-"
	backupSuffix     = ".db"
	backupTimeLayout = "2006-01-02-150405"
	// BackupMaxAge is how old the newest backup may be before the UI warns.
	BackupMaxAge = 7 * 24 * time.Hour
)

// backupName matches the backups' names. A second backup within the same
// second gets -2, -3, ... before .db.
var backupName = regexp.MustCompile(`^mentorbog-sikkerhedskopi-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d{1,4}))?\.db$`)

// backupStepPages is how many pages one backup step copies (1 MiB with
// SQLite's default 4 KiB pages); between steps progress is reported and
// cancellation checked. Tests lower it to see several steps.
var backupStepPages = 256

// The kinds of unusable backup, for errors.Is. The messages are Danish
// because they reach the user through BackupError.
var (
	ErrBackupMissing     = errors.New("Sikkerhedskopien findes ikke")
	ErrBackupNotDatabase = errors.New("Filen er ikke en Mentorbog-sikkerhedskopi")
	ErrBackupCorrupt     = errors.New("Sikkerhedskopien er beskadiget")
	ErrBackupNewer       = errors.New("Sikkerhedskopien er fra en nyere version af Mentorbog")
)

// BackupError says, in Danish, why a backup cannot be used. Kind is one of
// the ErrBackup... values.
type BackupError struct {
	Path   string
	Kind   error
	Detail string
}

func (e *BackupError) Error() string {
	if e.Detail == "" {
		return e.Kind.Error()
	}
	return e.Kind.Error() + ": " + e.Detail
}

func (e *BackupError) Unwrap() error { return e.Kind }

func backupErr(path string, kind error, format string, args ...any) error {
	return &BackupError{Path: path, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// Backup writes a consistent copy of the database into dir (created, 0700,
// when missing) and returns its path, e.g.
// dir/mentorbog-sikkerhedskopi-2026-11-23-140509.db in Danish time.
//
// It uses SQLite's online backup API, so the program may keep working
// while it runs. progress (may be nil) is called after every step with the
// pages copied so far and the total. The copy is written to a temporary
// file in dir, switched to a self-contained single file (no -wal), fsynced
// and only then renamed to its final name, so a crash or a cancellation
// never leaves half a backup under a backup's name. When ctx is cancelled
// the temporary file is removed and ctx.Err() returned.
//
// On PostgreSQL the backup is the same kind of file: see backupPostgres.
func (s *Store) Backup(ctx context.Context, dir string, progress func(done, total int)) (string, error) {
	if s.dialect == dialectPostgres {
		return s.backupPostgres(ctx, dir, progress)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("sikkerhedskopi: opret mappen %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+backupPrefix+"*.tmp")
	if err != nil {
		return "", fmt.Errorf("sikkerhedskopi: opret midlertidig fil i %s: %w", dir, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	ok := false
	defer func() {
		if !ok {
			removeDatabaseFiles(tmpPath)
		}
	}()

	if err := s.copyInto(ctx, tmpPath, progress); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return "", ctxErr
		}
		return "", fmt.Errorf("sikkerhedskopi: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := syncFile(tmpPath); err != nil {
		return "", fmt.Errorf("sikkerhedskopi: skriv til disk: %w", err)
	}
	final, err := s.placeBackup(dir, tmpPath)
	if err != nil {
		return "", fmt.Errorf("sikkerhedskopi: %w", err)
	}
	ok = true
	syncDir(dir)
	return final, nil
}

// backupPostgres writes the same backup file as on SQLite, so one kind of
// backup restores into either backend and VerifyBackup reads it the same
// way: the database is copied (Copy, one read-only snapshot of the server)
// into a temporary SQLite file in a private folder, and the backup is made
// from that file exactly as from a live SQLite database. The temporary
// folder (0700, the file 0600) is removed afterwards, also on failure or
// cancellation. progress counts the copied rows and then the backup's
// pages as one whole.
func (s *Store) backupPostgres(ctx context.Context, dir string, progress func(done, total int)) (string, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	// Copying the rows is most of the work; writing the file the rest.
	const copyShare, whole = 900, 1000
	var out string
	err := withPrivateSQLite("kopi.db", func(snap *Store) error {
		if _, err := Copy(ctx, s, snap, func(done, total int) {
			if total > 0 {
				progress(done*copyShare/total, whole)
			}
		}); err != nil {
			return err
		}
		snap.security.mu.Lock()
		snap.security.now = s.clock() // the backup's name is stamped with the store's time
		snap.security.mu.Unlock()
		var err error
		out, err = snap.Backup(ctx, dir, func(done, total int) {
			if total > 0 {
				progress(copyShare+done*(whole-copyShare)/total, whole)
			}
		})
		return err
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return "", ctxErr
		}
		return "", fmt.Errorf("sikkerhedskopi fra PostgreSQL: %w", err)
	}
	return out, nil
}

// restorePostgres puts a backup into the PostgreSQL database at addr,
// which must be empty (a new database, freshly created on the server): the
// backup is verified, copied into a private temporary folder, opened there
// (an older backup is migrated in the copy, never in the backup itself)
// and copied into the server in one transaction (Copy), which verifies the
// counts and the audit chain before it commits.
func restorePostgres(ctx context.Context, addr, backupPath string) error {
	if _, err := VerifyBackup(ctx, backupPath); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "mentorbog-gendannelse-*")
	if err != nil {
		return fmt.Errorf("gendan: midlertidig mappe: %w", err)
	}
	defer os.RemoveAll(work)
	tmpPath, err := copyToTemp(ctx, backupPath, work, "gendannelse-*.db")
	if err != nil {
		return fmt.Errorf("gendan: kopiér sikkerhedskopien: %w", err)
	}
	if _, err := VerifyBackup(ctx, tmpPath); err != nil {
		return fmt.Errorf("gendan: kopien af sikkerhedskopien kunne ikke læses rigtigt: %w", err)
	}
	snap, err := OpenSQLite(tmpPath)
	if err != nil {
		return fmt.Errorf("gendan: åbn sikkerhedskopien: %w", err)
	}
	defer snap.Close()
	target, err := OpenPostgres(addr)
	if err != nil {
		return err
	}
	defer target.Close()
	if _, err := Copy(ctx, snap, target, nil); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("gendan til %s: %w", target.Addr(), err)
	}
	return nil
}

// withPrivateSQLite runs fn on a new SQLite database in a temporary folder
// only this user can read (0700, the file 0600), and removes the folder
// afterwards: the copy holds the organisation's (sealed) data.
func withPrivateSQLite(name string, fn func(*Store) error) error {
	work, err := os.MkdirTemp("", "mentorbog-kopi-*")
	if err != nil {
		return fmt.Errorf("midlertidig mappe: %w", err)
	}
	defer os.RemoveAll(work)
	path := filepath.Join(work, name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("midlertidig database: %w", err)
	}
	f.Close()
	st, err := OpenSQLite(path)
	if err != nil {
		return fmt.Errorf("midlertidig database: %w", err)
	}
	defer st.Close()
	return fn(st)
}

// copyInto runs the online backup from the store into the (empty) file at
// dstPath, then makes the copy a rollback-journal database so that it is
// one self-contained file that opens read-only without side files.
func (s *Store) copyInto(ctx context.Context, dstPath string, progress func(done, total int)) error {
	srcConn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	dstDB, err := sql.Open("sqlite3", fileURI(dstPath, "mode=rw"))
	if err != nil {
		return err
	}
	defer dstDB.Close()
	dstConn, err := dstDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()

	err = srcConn.Raw(func(sc any) error {
		src, ok := sc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("uventet databaseforbindelse %T", sc)
		}
		return dstConn.Raw(func(dc any) error {
			dst, ok := dc.(*sqlite3.SQLiteConn)
			if !ok {
				return fmt.Errorf("uventet databaseforbindelse %T", dc)
			}
			return stepBackup(ctx, dst, src, progress)
		})
	})
	if err != nil {
		return err
	}
	// The pages carry the live file's WAL flag; a backup is a single file.
	var mode string
	if err := dstConn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil {
		return fmt.Errorf("journal mode: %w", err)
	}
	if mode != "delete" {
		return fmt.Errorf("journal mode %q", mode)
	}
	if err := dstConn.Close(); err != nil {
		return err
	}
	return dstDB.Close()
}

// stepBackup runs the backup step by step, reporting progress and
// checking ctx between steps.
func stepBackup(ctx context.Context, dst, src *sqlite3.SQLiteConn, progress func(done, total int)) (err error) {
	b, err := dst.Backup("main", src, "main")
	if err != nil {
		return err
	}
	defer func() {
		if ferr := b.Finish(); err == nil {
			err = ferr
		}
	}()
	last := -1
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		before := b.Remaining()
		done, err := b.Step(backupStepPages)
		if err != nil {
			return err
		}
		total, remaining := b.PageCount(), b.Remaining()
		copied := total - remaining
		if done {
			copied = total
		}
		// A write to the live database by another connection restarts
		// the backup; the progress shown never goes backwards.
		if copied > last {
			last = copied
			if progress != nil {
				progress(min(last, total), total)
			}
		}
		if done {
			return nil
		}
		if remaining == before && before > 0 {
			time.Sleep(5 * time.Millisecond) // busy or locked: try again
		}
	}
}

// placeBackup renames the finished temporary file to the backup name for
// now. Within the same second it numbers on after the highest number in
// use (-2, -3, ...), so the newest backup always sorts newest, also after
// older ones of that second were pruned.
func (s *Store) placeBackup(dir, tmpPath string) (string, error) {
	at := s.clock()().In(data.Zone())
	stamp := at.Format(backupTimeLayout)
	existing, err := listBackups(dir)
	if err != nil {
		return "", err
	}
	seq := 1
	for _, b := range existing {
		if b.at.Format(backupTimeLayout) == stamp && b.seq >= seq {
			seq = b.seq + 1
		}
	}
	for ; seq < 10000; seq++ {
		name := backupPrefix + stamp + backupSuffix
		if seq > 1 {
			name = backupPrefix + stamp + "-" + strconv.Itoa(seq) + backupSuffix
		}
		final := filepath.Join(dir, name)
		if _, err := os.Lstat(final); !errors.Is(err, fs.ErrNotExist) {
			continue // a folder or other file with that name
		}
		if err := os.Rename(tmpPath, final); err != nil {
			return "", err
		}
		return final, nil
	}
	return "", fmt.Errorf("intet ledigt navn til sikkerhedskopien i %s", dir)
}

// backupFile is one backup found in a folder.
type backupFile struct {
	path string
	at   time.Time
	seq  int
}

// listBackups lists the backups in dir, newest first. Only regular files
// whose names match the backup pattern count; a missing dir has none.
func listBackups(dir string) ([]backupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("læs mappen %s: %w", dir, err)
	}
	var out []backupFile
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		at, err := time.ParseInLocation(backupTimeLayout, m[1], data.Zone())
		if err != nil {
			continue
		}
		seq := 1
		if m[2] != "" {
			seq, _ = strconv.Atoi(m[2])
		}
		out = append(out, backupFile{path: filepath.Join(dir, e.Name()), at: at, seq: seq})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].at.Equal(out[j].at) {
			return out[i].at.After(out[j].at)
		}
		return out[i].seq > out[j].seq
	})
	return out, nil
}

// PruneBackups deletes all but the newest keep backups in dir (by the time
// in their names) and returns the deleted paths. Files whose names do not
// match the backup pattern are never touched.
func PruneBackups(dir string, keep int) (removed []string, err error) {
	if keep < 1 {
		return nil, fmt.Errorf("der skal beholdes mindst én sikkerhedskopi (fik %d)", keep)
	}
	list, err := listBackups(dir)
	if err != nil {
		return nil, err
	}
	for i := keep; i < len(list); i++ {
		if err := os.Remove(list[i].path); err != nil {
			return removed, fmt.Errorf("slet gammel sikkerhedskopi: %w", err)
		}
		removed = append(removed, list[i].path)
	}
	return removed, nil
}

// NewestBackup finds the newest backup in dir and when it was made (from
// its name, Danish time). ok is false when there is none.
func NewestBackup(dir string) (path string, at time.Time, ok bool, err error) {
	list, err := listBackups(dir)
	if err != nil || len(list) == 0 {
		return "", time.Time{}, false, err
	}
	return list[0].path, list[0].at, true, nil
}

// BackupIsStale reports a backup older than BackupMaxAge (7 days) at now;
// the UI then warns.
func BackupIsStale(at, now time.Time) bool {
	return at.IsZero() || now.Sub(at) > BackupMaxAge
}

// VerifyBackup checks that the file at path is a usable Mentorbog backup
// without changing it or creating anything beside it: the SQLite header and
// length, SQLite's integrity check, the schema version (an older one is
// fine, Restore's next Open migrates it; a newer one is refused) and the
// foreign keys. A nil error means the backup can be restored; the error is
// then a *BackupError with a Danish explanation. Health.OK() is stricter:
// it also wants the newest schema.
//
// The file is opened read-only and immutable (SQLite's mode=ro and
// immutable=1), so no -wal, -shm or journal is created and no lock is
// taken, which also works on a read-only or network folder.
func VerifyBackup(ctx context.Context, path string) (Health, error) {
	h := Health{LatestVersion: LatestSchemaVersion()}
	if err := checkBackupFile(path); err != nil {
		return h, err
	}
	db, err := sql.Open("sqlite3", fileURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return h, fmt.Errorf("åbn sikkerhedskopien: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ro := &Store{db: db, path: path}

	corrupt := func(err error) error {
		if errors.Is(classifyOpenError(err), ErrCorrupt) {
			var se sqlite3.Error
			if errors.As(err, &se) {
				err = se
			}
			return backupErr(path, ErrBackupCorrupt, "SQLite kan ikke læse filen (%v)", err)
		}
		return fmt.Errorf("tjek af sikkerhedskopien: %w", err)
	}
	if h.SchemaVersion, err = ro.schemaVersion(ctx); err != nil {
		return h, corrupt(err)
	}
	if h.SchemaVersion < 1 {
		return h, backupErr(path, ErrBackupNotDatabase, "det er en SQLite-fil, men ikke en Mentorbog-database")
	}
	if h.SchemaVersion > h.LatestVersion {
		return h, backupErr(path, ErrBackupNewer, "skemaversion %d, denne version kender op til %d; opdatér Mentorbog, før du gendanner den", h.SchemaVersion, h.LatestVersion)
	}
	full, err := ro.Check(ctx)
	h.Integrity, h.ForeignKeys = full.Integrity, full.ForeignKeys
	if len(h.Integrity) > 0 && (len(h.Integrity) != 1 || h.Integrity[0] != "ok") {
		var lines []string
		for i, line := range h.Integrity {
			if i == 3 {
				lines = append(lines, fmt.Sprintf("og %d fejl mere", len(h.Integrity)-3))
				break
			}
			lines = append(lines, strings.Join(strings.Fields(line), " "))
		}
		detail := []rune(strings.Join(lines, "; "))
		if len(detail) > 300 {
			detail = append(detail[:300], '…')
		}
		return h, backupErr(path, ErrBackupCorrupt, "SQLite's integritetstjek fandt fejl (%s)", string(detail))
	}
	if err != nil {
		return h, corrupt(err)
	}
	if h.ForeignKeys > 0 {
		return h, backupErr(path, ErrBackupCorrupt, "%d rækker henviser til noget, der ikke findes (fremmednøgler)", h.ForeignKeys)
	}
	if problem, err := verifyBackupAuditChain(ctx, ro); err != nil {
		return h, corrupt(err)
	} else if problem != "" {
		return h, backupErr(path, ErrBackupCorrupt, "revisionsloggens kæde er brudt: %s", problem)
	}
	return h, nil
}

// verifyBackupAuditChain runs the audit-chain check (audit.go) on the
// backup opened read-only, and returns the Danish problem ("" when the
// chain is intact). A backup from before the audit log existed (schema 1
// and 2) has no chain to check.
func verifyBackupAuditChain(ctx context.Context, ro *Store) (string, error) {
	var n int
	if err := ro.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").Scan(&n); err != nil || n == 0 {
		return "", err
	}
	v, err := ro.VerifyAuditChain(ctx)
	if err != nil {
		return "", err
	}
	if !v.OK {
		return strings.TrimSuffix(v.Problem, "."), nil
	}
	return "", nil
}

// checkBackupFile checks what can be seen without SQLite: that the file
// exists, starts with the SQLite header, is as long as the header says,
// and has no write-ahead log beside it holding part of its content.
func checkBackupFile(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return backupErr(path, ErrBackupMissing, "%s", path)
	}
	if err != nil {
		return fmt.Errorf("læs sikkerhedskopien: %w", err)
	}
	if !info.Mode().IsRegular() {
		return backupErr(path, ErrBackupNotDatabase, "%s er ikke en fil", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("læs sikkerhedskopien: %w", err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return backupErr(path, ErrBackupNotDatabase, "den er ikke en SQLite-fil")
	}
	if err != nil {
		return backupErr(path, ErrBackupCorrupt, "filen er afkortet (%d byte)", info.Size())
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return backupErr(path, ErrBackupCorrupt, "ugyldig sidestørrelse %d i filens hoved", pageSize)
	}
	// The page count in the header is valid when the "version valid for"
	// number equals the change counter (SQLite file format, offset 28).
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if pages > 0 && bytes.Equal(head[24:28], head[92:96]) && info.Size() < pages*pageSize {
		return backupErr(path, ErrBackupCorrupt, "filen er afkortet (%d byte, men den skal fylde %d)", info.Size(), pages*pageSize)
	}
	if info.Size()%pageSize != 0 {
		return backupErr(path, ErrBackupCorrupt, "filens længde (%d byte) passer ikke med sidestørrelsen %d", info.Size(), pageSize)
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return backupErr(path, ErrBackupCorrupt, "der ligger en -wal-fil ved siden af med ændringer, som ikke er skrevet ind i filen; åbn den med Mentorbog først, eller brug en sikkerhedskopi lavet af Mentorbog")
	}
	return nil
}

// Restore replaces the live database at livePath with the backup at
// backupPath and returns where the previous database was put
// (<live>.foer-gendannelse-2026-11-23-140509, "" when there was none).
//
// The live database must NOT be open, in this process or any other: the
// caller closes its Store first and opens livePath again afterwards (Open
// then migrates an older backup). Restore takes the database's instance
// lock for the swap and fails with ErrInUse while a Store has the database
// open, so a running Mentorbog is never pulled out from under. The backup is verified first
// (VerifyBackup) and refused with its Danish reason; the live files are
// then untouched. Otherwise the backup is copied to a temporary file beside
// the live database and fsynced; the live file, together with its -wal,
// -shm and -journal when present (a leftover -wal holds committed data and
// must travel with its file), is renamed aside; and the copy is renamed into
// place. If a step fails, everything moved is moved back, so livePath is
// never left missing.
//
// livePath may also be a postgres:// address: the backup then goes into
// that (empty) database, see restorePostgres, and asidePath is "".
func Restore(ctx context.Context, livePath, backupPath string) (asidePath string, err error) {
	if IsPostgresAddr(livePath) {
		return "", restorePostgres(ctx, livePath, backupPath)
	}
	if err := CheckLocation(livePath); err != nil {
		return "", err
	}
	if same, _ := sameFile(livePath, backupPath); same {
		return "", fmt.Errorf("sikkerhedskopien er selve databasen %s; vælg en sikkerhedskopi", livePath)
	}
	if _, err := VerifyBackup(ctx, backupPath); err != nil {
		return "", err
	}
	dir := filepath.Dir(livePath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("gendan: opret mappen %s: %w", dir, err)
	}
	// The instance lock (lock.go) proves that no Mentorbog, in this
	// process or another, has the live database open, and keeps one from
	// opening it until the backup is in place.
	lock, err := acquireLock(livePath)
	if err != nil {
		return "", err
	}
	defer lock.release()
	tmpPath, err := copyToTemp(ctx, backupPath, dir, "."+filepath.Base(livePath)+".gendannelse-*.tmp")
	if err != nil {
		return "", fmt.Errorf("gendan: kopiér sikkerhedskopien: %w", err)
	}
	placed := false
	defer func() {
		if !placed {
			removeDatabaseFiles(tmpPath)
		}
	}()
	// The copy is what becomes the database: check it too, in case the
	// backup folder (a network drive, a USB stick) returned bad bytes.
	if _, err := VerifyBackup(ctx, tmpPath); err != nil {
		return "", fmt.Errorf("gendan: kopien af sikkerhedskopien kunne ikke læses rigtigt: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}

	moved, aside, err := moveAside(livePath)
	if err != nil {
		return "", fmt.Errorf("gendan: flyt den nuværende database til side: %w", err)
	}
	if err := os.Rename(tmpPath, livePath); err != nil {
		if rerr := moveBack(moved); rerr != nil {
			return "", fmt.Errorf("gendan: læg sikkerhedskopien på plads: %w; den tidligere database ligger i %s (%v)", err, aside, rerr)
		}
		return "", fmt.Errorf("gendan: læg sikkerhedskopien på plads: %w; databasen er ikke ændret", err)
	}
	placed = true
	syncDir(dir)
	return aside, nil
}

// renamed is one file moved by moveAside.
type renamed struct{ from, to string }

// databaseSideFiles are the files SQLite keeps beside a database.
var databaseSideFiles = []string{"-wal", "-shm", "-journal"}

// moveAside renames the live database and its side files to
// <live>.foer-gendannelse-<Danish time>. With no live file it moves nothing
// and returns "".
func moveAside(livePath string) ([]renamed, string, error) {
	if _, err := os.Lstat(livePath); errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	} else if err != nil {
		return nil, "", err
	}
	stamp := time.Now().In(data.Zone()).Format(backupTimeLayout)
	aside := ""
	for n := 1; aside == "" && n < 1000; n++ {
		candidate := livePath + ".foer-gendannelse-" + stamp
		if n > 1 {
			candidate += "-" + strconv.Itoa(n)
		}
		if anyExists(candidate, databaseSideFiles) {
			continue
		}
		aside = candidate
	}
	if aside == "" {
		return nil, "", fmt.Errorf("intet ledigt navn ved siden af %s", livePath)
	}
	// Side files first, the main file last: until the main file has moved,
	// livePath is still the complete database.
	var moved []renamed
	for _, suffix := range databaseSideFiles {
		from := livePath + suffix
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(from, aside+suffix); err != nil {
			moveBack(moved)
			return nil, "", err
		}
		moved = append(moved, renamed{from, aside + suffix})
	}
	if err := os.Rename(livePath, aside); err != nil {
		moveBack(moved)
		return nil, "", err
	}
	moved = append(moved, renamed{livePath, aside})
	return moved, aside, nil
}

// moveBack undoes moveAside, newest move first.
func moveBack(moved []renamed) error {
	var first error
	for i := len(moved) - 1; i >= 0; i-- {
		if err := os.Rename(moved[i].to, moved[i].from); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// anyExists reports whether base or base+suffix exists for any suffix.
func anyExists(base string, suffixes []string) bool {
	if _, err := os.Lstat(base); !errors.Is(err, fs.ErrNotExist) {
		return true
	}
	for _, suffix := range suffixes {
		if _, err := os.Lstat(base + suffix); !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// copyToTemp copies src into a new temporary file (0600) in dir, fsyncs it
// and returns its path. ctx is checked between chunks.
func copyToTemp(ctx context.Context, src, dir, pattern string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, ctxReader{ctx, in})
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// ctxReader stops a copy when ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// fileURI turns a file path into an SQLite URI with the given query, e.g.
// file:///home/a/S%C3%B8ren%20%C3%98/x.db?mode=ro. Every byte but letters,
// digits and -._~/: is percent-escaped, so spaces, æøå, ?, # and % in the
// path are safe (mattn/go-sqlite3 splits the DSN at the first ?, and SQLite
// decodes the escapes). Windows paths become file:///C:/... and UNC paths
// file:////server/share/..., both with an empty authority as SQLite wants.
func fileURI(path, query string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if query != "" {
		b.WriteString("?" + query)
	}
	return b.String()
}

// syncFile flushes a file's content to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename in dir durable where the system supports it (not
// on Windows, and some network folders refuse it); it is best effort.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeDatabaseFiles removes a database file and any side files.
func removeDatabaseFiles(path string) {
	os.Remove(path)
	for _, suffix := range databaseSideFiles {
		os.Remove(path + suffix)
	}
}

// sameFile reports whether two paths name the same existing file.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}
