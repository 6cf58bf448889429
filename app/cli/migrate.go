package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"

	"mentorbog/data/sqlstore"
)

const migrateUsage = "migrate kræver: migrate --from FIL.db|postgres://... --to FIL.db|postgres://..."

// runMigrate copies a whole Mentorbog database to another backend: from a
// SQLite file to a PostgreSQL server when an organisation outgrows one PC,
// and back to a file when it wants its data home. Users, passwords, the
// encryption keyring, settings and the audit log travel as they are, ids
// kept; afterwards the same people log in with the same passwords.
//
// The source is opened read-only and left untouched (a SQLite file under
// its instance lock, so no Mentorbog works in it meanwhile). The target must
// be new and empty: a file that does not exist yet, or a PostgreSQL database
// created for the purpose (createdb); Mentorbog creates its tables. The copy
// is one transaction on the target, checked before it commits (rows per
// table and the audit chain, as on the source), so a failure or Ctrl+C
// leaves the target empty.
//
// Who may run it: whoever holds the database itself, i.e. may read the
// SQLite file, or has a PostgreSQL role (in the URL, PGPASSWORD or .pgpass)
// that can read the source or create tables in the target. It asks for no
// Mentorbog login, unlike backup: a login writes to the database (the audit
// log, failed-login counters) and the source must not be written; nothing
// is decrypted, so the data key is not needed; and a login would add no
// protection, since anyone who can read the file or the server's tables can
// copy them as they are without Mentorbog. The personal fields stay sealed
// with the organisation's key throughout.
func runMigrate(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("migrate", env)
	from := flags.String("from", "", "databasen der kopieres fra: en SQLite-fil eller postgres://...")
	to := flags.String("to", "", "den nye, tomme database der kopieres til: en SQLite-fil eller postgres://...")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	if *from == "" || *to == "" {
		fmt.Fprintln(env.Stderr, migrateUsage)
		return ExitUsage
	}
	fromName, toName := sqlstore.RedactAddr(*from), sqlstore.RedactAddr(*to)
	if sameDatabase(*from, *to) {
		fmt.Fprintf(env.Stderr, "--from og --to er den samme database (%s); der skal kopieres til en ny database.\n", toName)
		return ExitUsage
	}

	src, err := sqlstore.OpenReadOnly(*from)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(fromName, err))
		return ExitError
	}
	defer src.Close()
	dst, created, ok := openMigrationTarget(env, *to)
	if !ok {
		return ExitError
	}

	// Ctrl+C rolls the copy back cleanly instead of killing it midway.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	progress := newLabelledProgressPrinter(env.Stderr, "Kopiering")
	res, err := sqlstore.Copy(ctx, src, dst, progress.report)
	progress.finish()
	if cerr := dst.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("luk måldatabasen: %w", cerr)
	}
	if err != nil {
		if created {
			removeNewDatabase(*to)
		}
		switch {
		case errors.Is(err, sqlstore.ErrTargetNotEmpty):
			fmt.Fprintf(env.Stderr, "Migrering afvist: %s: %v.\nIntet er ændret, hverken i %s eller i %s.\n", toName, err, fromName, toName)
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(env.Stderr, "Migreringen blev afbrudt. %s er ikke ændret, og %s er stadig tom.\n", fromName, toName)
		default:
			fmt.Fprintf(env.Stderr, "Migreringen mislykkedes: %v\n%s er ikke ændret, og %s er stadig tom.\n", err, fromName, toName)
		}
		return ExitError
	}
	printMigrationSummary(env, fromName, toName, res)
	return ExitOK
}

// openMigrationTarget opens (and migrates) the target. created tells that
// a SQLite file was made for it, to be removed again if the copy fails.
func openMigrationTarget(env Env, addr string) (st *sqlstore.Store, created, ok bool) {
	name := sqlstore.RedactAddr(addr)
	if !sqlstore.IsPostgresAddr(addr) {
		if _, err := os.Stat(addr); errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Stat(filepath.Dir(addr)); err != nil {
				fmt.Fprintf(env.Stderr, "Mappen til %s findes ikke.\n", addr)
				return nil, false, false
			}
			created = true
		}
	}
	st, err := sqlstore.Open(addr)
	if err != nil {
		if created {
			removeNewDatabase(addr)
		}
		fmt.Fprintln(env.Stderr, describeOpenError(name, err))
		return nil, false, false
	}
	return st, created, true
}

// removeNewDatabase removes a SQLite file migrate created, with its side
// files, after a failed copy: a half-made target must not look like one.
func removeNewDatabase(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(path + suffix)
	}
}

// sameDatabase catches the obvious mistake of giving one database twice.
func sameDatabase(a, b string) bool {
	if sqlstore.IsPostgresAddr(a) || sqlstore.IsPostgresAddr(b) {
		return sqlstore.RedactAddr(a) == sqlstore.RedactAddr(b)
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, _ := filepath.Abs(a)
	absB, _ := filepath.Abs(b)
	return absA == absB
}

// printMigrationSummary tells, in Danish, what was copied and checked.
func printMigrationSummary(env Env, fromName, toName string, res sqlstore.CopyResult) {
	fmt.Fprintf(env.Stdout, "Databasen er kopieret fra %s til %s.\n", fromName, toName)
	fmt.Fprintf(env.Stdout, "  %-24s %10s\n", "Tabel", "Rækker")
	tables := append([]sqlstore.TableCount(nil), res.Tables...)
	sort.Slice(tables, func(i, j int) bool { return tables[i].Table < tables[j].Table })
	for _, t := range tables {
		fmt.Fprintf(env.Stdout, "  %-24s %10d\n", t.Table, t.Rows)
	}
	fmt.Fprintf(env.Stdout, "I alt %d rækker i %d tabeller; antallet stemmer i hver tabel med kilden.\n", res.Rows(), len(res.Tables))
	for _, t := range res.Skipped {
		fmt.Fprintf(env.Stdout, "Ikke kopieret: %s (%d rækker) – tabellen findes kun i kildens databasetype.\n", t.Table, t.Rows)
	}
	if res.Audit.OK {
		fmt.Fprintf(env.Stdout, "Revisionslog: %d poster, kæden er intakt i %s.\n", res.Audit.Entries, toName)
	} else {
		// The copy is faithful: a chain broken in the source is broken
		// in the same place in the copy, which keeps it as evidence.
		fmt.Fprintf(env.Stdout, "Revisionslog: %d poster, KÆDEN ER BRUDT – som i kilden: %s\n", res.Audit.Entries, res.Audit.Problem)
		fmt.Fprintln(env.Stderr, "Advarsel: revisionsloggen var allerede ændret uden om Mentorbog i kilden. Gem kilden, som den er, og kontakt den dataansvarlige.")
	}
	fmt.Fprintf(env.Stdout, "%s er ikke ændret.\n", fromName)
}
