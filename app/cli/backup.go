package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// runBackup writes a backup of the database into --to, prints its path on
// stdout (progress goes to stderr) and, with --keep N, deletes all but the
// N newest backups in that folder. The folder may be a network drive.
func runBackup(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("backup", env)
	dbPath := flags.String("db", "", "databasefil")
	to := flags.String("to", "", "mappen sikkerhedskopien lægges i (må gerne være et netværksdrev)")
	keep := flags.Int("keep", 0, "behold kun de N nyeste sikkerhedskopier i mappen")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	if *to == "" {
		fmt.Fprintln(env.Stderr, "backup kræver --to MAPPE: mappen sikkerhedskopien skal lægges i.")
		return ExitUsage
	}
	keepSet := false
	flags.Visit(func(f *flag.Flag) { keepSet = keepSet || f.Name == "keep" })
	if keepSet && *keep < 1 {
		fmt.Fprintln(env.Stderr, "--keep skal være mindst 1, så den nye sikkerhedskopi altid beholdes.")
		return ExitUsage
	}
	st, ok := openForBackup(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	if _, err := requireAdministrator(ctx, env, st); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}

	progress := newProgressPrinter(env.Stderr)
	out, err := st.Backup(ctx, *to, progress.report)
	progress.finish()
	if err != nil {
		fmt.Fprintln(env.Stderr, "Sikkerhedskopien mislykkedes:", err)
		return ExitError
	}
	u, _ := st.CurrentUser()
	if err := st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditBackup, Detail: filepath.Base(out)}); err != nil {
		fmt.Fprintln(env.Stderr, "Advarsel: sikkerhedskopien kunne ikke skrives i revisionsloggen:", err)
	}
	// Read the copy back from where it landed (a network drive, a USB
	// stick) before calling it a backup.
	if _, err := sqlstore.VerifyBackup(ctx, out); err != nil {
		fmt.Fprintf(env.Stderr, "Sikkerhedskopien %s kunne ikke kontrolleres: %v\n", out, err)
		return ExitError
	}
	fmt.Fprintln(env.Stdout, out)
	if keepSet {
		removed, err := sqlstore.PruneBackups(*to, *keep)
		for _, r := range removed {
			fmt.Fprintf(env.Stderr, "Slettede ældre sikkerhedskopi: %s\n", r)
		}
		if err != nil {
			fmt.Fprintln(env.Stderr, "Fejl ved oprydning af gamle sikkerhedskopier:", err)
			return ExitError
		}
	}
	return ExitOK
}

// openForBackup opens the database to back up: an existing SQLite file, or
// a PostgreSQL database (whose backup is the same kind of file, see
// sqlstore's backupPostgres).
func openForBackup(env Env, addr string) (*sqlstore.Store, bool) {
	if !sqlstore.IsPostgresAddr(addr) {
		st, _, ok := openExisting(env, addr)
		return st, ok
	}
	st, err := sqlstore.Open(addr)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(sqlstore.RedactAddr(addr), err))
		return nil, false
	}
	return st, true
}

// progressPrinter shows the backup's progress on stderr: one line
// overwritten with \r on a terminal, else a line per 10 %.
type progressPrinter struct {
	w        io.Writer
	label    string // what is going on: "Sikkerhedskopi", "Kopiering"
	terminal bool
	shown    int // the last percentage shown, -1 before the first
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	return newLabelledProgressPrinter(w, "Sikkerhedskopi")
}

func newLabelledProgressPrinter(w io.Writer, label string) *progressPrinter {
	p := &progressPrinter{w: w, label: label, shown: -1}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.terminal = true
	}
	return p
}

func (p *progressPrinter) report(done, total int) {
	if total <= 0 {
		return
	}
	pct := done * 100 / total
	if p.terminal {
		if pct != p.shown {
			fmt.Fprintf(p.w, "\r%s: %3d %%", p.label, pct)
			p.shown = pct
		}
		return
	}
	if step := pct / 10 * 10; step > p.shown {
		fmt.Fprintf(p.w, "%s: %d %%\n", p.label, step)
		p.shown = step
	}
}

// finish ends the overwritten terminal line.
func (p *progressPrinter) finish() {
	if p.terminal && p.shown >= 0 {
		fmt.Fprintln(p.w)
	}
}

// runRestore verifies a backup and puts it in place of the database; the
// previous database is moved aside, not deleted, and its new name printed.
func runRestore(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("restore", env)
	dbPath := flags.String("db", "", "databasefil der skal erstattes")
	files, err := parseWithArguments(flags, args)
	if err != nil {
		return ExitUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(env.Stderr, "restore kræver præcis én sikkerhedskopi: mentorbog restore FIL [--db STI]")
		return ExitUsage
	}
	backup := files[0]
	live, err := resolveDB(*dbPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	// name is the database for messages: a server's address without password.
	name := sqlstore.RedactAddr(live)
	// A bad backup is refused before the login, which writes to the live
	// database's audit log: a refused restore leaves the live file as it was.
	if _, err := sqlstore.VerifyBackup(ctx, backup); err != nil {
		fmt.Fprintf(env.Stderr, "Gendannelse afvist: %v Databasen %s er ikke ændret.\n", err, name)
		return ExitError
	}
	actor, err := authorizeRestore(ctx, env, live)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	aside, err := sqlstore.Restore(ctx, live, backup)
	if err != nil {
		var be *sqlstore.BackupError
		var network *sqlstore.NetworkPathError
		switch {
		case errors.As(err, &be), errors.Is(err, sqlstore.ErrTargetNotEmpty):
			fmt.Fprintf(env.Stderr, "Gendannelse afvist: %v.\nDatabasen %s er ikke ændret.\n", err, name)
		case errors.Is(err, sqlstore.ErrInUse), errors.As(err, &network):
			fmt.Fprintln(env.Stderr, describeOpenError(name, err))
		default:
			fmt.Fprintf(env.Stderr, "Gendannelsen mislykkedes: %v\n", err)
		}
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Databasen %s er gendannet fra %s.\n", name, backup)
	switch {
	case aside != "":
		fmt.Fprintf(env.Stdout, "Den tidligere database er flyttet til %s.\n", aside)
	case sqlstore.IsPostgresAddr(live):
		fmt.Fprintln(env.Stdout, "Databasen på serveren var tom; intet er overskrevet.")
	default:
		fmt.Fprintln(env.Stdout, "Der var ingen database i forvejen.")
	}
	// Open it as Mentorbog will: an older backup is migrated now, and a
	// problem shows here rather than at the next start.
	st, err := sqlstore.Open(live)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(name, err))
		return ExitError
	}
	defer st.Close()
	h, err := st.Check(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(name, err))
		return ExitError
	}
	if !h.OK() {
		fmt.Fprintf(env.Stderr, "Den gendannede database bestod ikke tjekket (integritet: %s; %d brudte fremmednøgler).\n", strings.Join(h.Integrity, "; "), h.ForeignKeys)
		return ExitError
	}
	// The restored database's own log records that it was restored, by whom.
	if err := st.Audit(ctx, data.AuditEntry{Username: actor, Action: data.AuditRestore, Detail: "fra " + filepath.Base(backup)}); err != nil {
		fmt.Fprintln(env.Stderr, "Advarsel: gendannelsen kunne ikke skrives i revisionsloggen:", err)
	}
	return ExitOK
}

// parseWithArguments parses flags that may come before or after the
// positional arguments (`restore FIL --db STI`), which flag.Parse alone
// stops at, and returns the positional arguments.
func parseWithArguments(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// flag.Parse stops at "--" too: everything after it is positional.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// authorizeRestore asks for an administrator of the live database before
// it is replaced (a new PC without a database needs no login). It returns
// the administrator's name for the audit log.
//
// A PostgreSQL database is restored into only when it is empty (sqlstore
// refuses one with data), so there is nobody to ask there either: the
// server's credentials in the address are what let the restore in.
func authorizeRestore(ctx context.Context, env Env, live string) (string, error) {
	if sqlstore.IsPostgresAddr(live) {
		return "", nil
	}
	if _, err := os.Stat(live); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	st, err := sqlstore.Open(live)
	if err != nil {
		// A damaged live database is what restore is for: no login possible.
		return "", nil
	}
	defer st.Close()
	u, err := requireAdministrator(ctx, env, st)
	return u.Username, err
}
