// Package cli is Mentorbog's command line: the subcommands used by
// administrators, scripts and tests. It is headless; the GUI is started
// through a function that package main passes in, so only main imports the
// Fyne app driver.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"mentorbog/data"
	"mentorbog/data/appdir"
	"mentorbog/data/sqlstore"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the command ran and failed
	ExitUsage = 2 // unknown command or bad flags
)

// Env is what a command needs from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Version        string
	// StartGUI opens the main window on an opened store, or shows openErr
	// (a Danish message) when the database could not be opened.
	StartGUI func(st data.Store, dbPath string, openErr error) error
	// Today is the date the demo data is anchored to.
	Today func() data.Date
	// Getenv and Stdin are where a command reads the login (see auth.go).
	Getenv func(string) string
	Stdin  io.Reader
}

const usage = `Mentorbog – journal og timeregnskab for mentorstøtte.

Brug:
  mentorbog [--db STI]                 åbn programmet
  mentorbog demo --db STI [--seed N] [--today ÅÅÅÅ-MM-DD]
                                       opret en demo-database med fiktive data
  mentorbog check [--db STI] [--plaintext]
                                       tjek integritet, skemaversion og revisionslog;
                                       --plaintext kræver desuden, at alt er krypteret
  mentorbog backup --to MAPPE [--keep N] [--db STI]
                                       lav en sikkerhedskopi i MAPPE (og behold de N nyeste)
  mentorbog restore FIL [--db STI]     kontrollér en sikkerhedskopi og gendan databasen fra den
  mentorbog migrate --from FIL.db|postgres://... --to FIL.db|postgres://...
                                       kopiér hele databasen til en ny, tom database (fil ⇄ server)
  mentorbog audit --citizen ID --out FIL.pdf|FIL.csv
                                       revisionslog for én borger: hvem har set og ændret data
  mentorbog report agreement|start|status|final|hours|citizen ... --out FIL.pdf
                                       dan en rapport som PDF (se mentorbog report)
  mentorbog report batch --month ÅÅÅÅ-MM --dir MAPPE [--kommune ID]
                                       månedsafslutning: forfaldne statusrapporter og timeopgørelser
  mentorbog import citizens|mentors FIL.csv [--dry-run] [--db STI]
                                       importér borgere eller mentorer fra en CSV-fil (alle
                                       rækker eller ingen); --dry-run kontrollerer kun
  mentorbog export ics --mentor ID|--all --out FIL.ics
                                       møder som kalenderfil til Outlook/Google (kun initialer,
                                       form og sted; aldrig CPR, navn eller note)
  mentorbog export csv --what citizens|mentors|sessions --out FIL.csv [--show-cpr] [--db STI]
                                       eksportér til Excel (semikolon, UTF-8 med BOM); CPR
                                       maskeret, --show-cpr kun for administratorer
  mentorbog version                    vis versionen

Uden --db bruges databasen i brugerens datamappe.
`

// command is one subcommand.
type command struct {
	name string
	run  func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"demo", runDemo},
		{"check", runCheck},
		{"backup", runBackup},
		{"audit", runAudit},
		{"report", runReport},
		{"import", runImport},
		{"export", runExport},
		{"restore", runRestore},
		{"migrate", runMigrate},
		{"version", runVersion},
		{"help", func(_ context.Context, env Env, _ []string) int { fmt.Fprint(env.Stdout, usage); return ExitOK }},
	}
}

// Run runs the command line and returns the process exit code.
func Run(ctx context.Context, env Env, args []string) int {
	// Global flags come before the command: `mentorbog --db x.db`.
	fs := newFlagSet("mentorbog", env)
	dbPath := fs.String("db", "", "databasefil")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runGUI(env, *dbPath)
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			if *dbPath != "" {
				rest = append([]string{rest[0], "--db", *dbPath}, rest[1:]...)
			}
			return c.run(ctx, env, rest[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "ukendt kommando %q\n\n%s", rest[0], usage)
	return ExitUsage
}

// newFlagSet makes a flag set that prints Danish usage and never exits.
func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, usage) }
	return fs
}

// parseCommand parses a subcommand's flags and refuses stray arguments.
func parseCommand(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("uventet argument %q", fs.Arg(0))
	}
	return nil
}

// resolveDB returns the given path or the default one in the data folder.
func resolveDB(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	p, err := appdir.DefaultDatabase()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return p, nil
}

func runGUI(env Env, path string) int {
	path, err := resolveDB(path)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	st, openErr := sqlstore.Open(path)
	if openErr == nil {
		defer st.Close()
	}
	var store data.Store
	if st != nil {
		store = st
	}
	if err := env.StartGUI(store, path, openErr); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	return ExitOK
}

func runVersion(_ context.Context, env Env, args []string) int {
	if err := parseCommand(newFlagSet("version", env), args); err != nil {
		return ExitUsage
	}
	fmt.Fprintf(env.Stdout, "Mentorbog %s\n", env.Version)
	return ExitOK
}

// describeOpenError explains, in Danish, why a database could not be opened.
func describeOpenError(path string, err error) string {
	var newer *sqlstore.NewerSchemaError
	var network *sqlstore.NetworkPathError
	switch {
	case errors.As(err, &newer), errors.As(err, &network),
		errors.Is(err, sqlstore.ErrNotDatabase), errors.Is(err, sqlstore.ErrCorrupt):
		return fmt.Sprintf("Kan ikke åbne %s: %s.", path, capitalise(err.Error()))
	}
	return fmt.Sprintf("Kan ikke åbne %s: %v", path, err)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// OpenError wraps describeOpenError as an error for the GUI's dialog.
func OpenError(path string, err error) error { return errors.New(describeOpenError(path, err)) }

// VersionFromFyneAppToml reads Version = "x.y.z" from FyneApp.toml's
// [Details], so `mentorbog version` and the packaged app always agree.
func VersionFromFyneAppToml(toml string) string {
	for _, line := range strings.Split(toml, "\n") {
		key, value, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(key) == "Version" {
			return strings.Trim(strings.TrimSpace(value), `"`)
		}
	}
	return "ukendt"
}

// openExisting resolves the database path and opens it, refusing to create
// a new one. Problems are explained on stderr in Danish; ok is false then.
func openExisting(env Env, dbPath string) (st *sqlstore.Store, path string, ok bool) {
	path, err := resolveDB(dbPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return nil, path, false
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "Databasen %s findes ikke.\n", path)
		return nil, path, false
	}
	st, err = sqlstore.Open(path)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(path, err))
		return nil, path, false
	}
	return st, path, true
}
