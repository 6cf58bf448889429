// Package cli is Mentorbog's command line: the subcommands used by
// administrators, scripts and tests. It is headless; the GUI is started
// through a function that package main passes in, so only main imports the
// Fyne app driver.
package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

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
	// StartGUI opens the window on the database at addr: the one named by
	// --db or MENTORBOG_DB, or "" when neither names one (the GUI then uses
	// the choice saved by its connection dialog, or the default file). The
	// GUI opens it with OpenDatabase.
	StartGUI func(addr string) error
	// Today is the date the demo data is anchored to.
	Today func() data.Date
	// Getenv and Stdin are where a command reads the login (see auth.go).
	Getenv func(string) string
	Stdin  io.Reader
}

const usage = `Mentorbog – journal og timeregnskab for mentorstøtte.

Brug:
  mentorbog [--db ADRESSE]             åbn programmet
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

ADRESSE (og STI) er en databasefil eller en databaseserver:
postgres://bruger@vært:5432/database?sslmode=require (PostgreSQL; kryptering
kræves, når serveren ikke er denne pc). Uden bruger i adressen logger hver
bruger ind med sit eget Mentorbog-login; med bruger hentes adgangskoden fra
PGPASSWORD eller .pgpass (skriv den ikke i adressen).
Uden --db bruges MENTORBOG_DB, ellers databasen i brugerens datamappe
(demo bruger kun --db).
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
	dbPath := fs.String("db", "", "databasefil eller postgres://-adresse")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runGUI(env, cmp.Or(*dbPath, env.getenv(EnvDB)))
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			addr := *dbPath
			if addr == "" && takesDatabaseFromEnv(c.name) {
				addr = env.getenv(EnvDB)
			}
			// The command's own --db comes later and so wins.
			if addr != "" {
				rest = append([]string{rest[0], "--db", addr}, rest[1:]...)
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

// EnvDB is the environment variable naming the database when --db is not
// given: a file path or a postgres:// address. --db wins over it, and it
// wins over the default file in the user's data folder.
const EnvDB = "MENTORBOG_DB"

// takesDatabaseFromEnv lists the commands that use MENTORBOG_DB. demo is
// not among them: demo data must only go where --db explicitly says.
func takesDatabaseFromEnv(command string) bool {
	switch command {
	case "check", "backup", "restore", "audit", "report", "import", "export":
		return true
	}
	return false
}

// resolveDB returns the given address (a path or a postgres:// URL) or the
// default file in the data folder. An address is never treated as a path.
func resolveDB(addr string) (string, error) {
	if addr != "" {
		return addr, nil
	}
	p, err := appdir.DefaultDatabase()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return p, nil
}

// shownAddr is a database address as messages show it: never the password.
func shownAddr(addr string) string { return sqlstore.RedactAddr(addr) }

func runGUI(env Env, addr string) int {
	if err := env.StartGUI(addr); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	return ExitOK
}

// OpenDatabase opens the database at addr for the window ("" is the default
// file in the data folder) and returns it with the address it resolved to.
// On failure the error's text is the Danish explanation, without the
// password, and the *sqlstore error stays reachable with errors.As/Is.
func OpenDatabase(addr string) (*sqlstore.Store, string, error) {
	resolved, err := resolveDB(addr)
	if err != nil {
		return nil, addr, fmt.Errorf("Kan ikke finde datamappen: %w", err)
	}
	st, err := sqlstore.Open(resolved)
	if err != nil {
		return nil, resolved, OpenError(resolved, err)
	}
	return st, resolved, nil
}

func runVersion(_ context.Context, env Env, args []string) int {
	if err := parseCommand(newFlagSet("version", env), args); err != nil {
		return ExitUsage
	}
	fmt.Fprintf(env.Stdout, "Mentorbog %s\n", env.Version)
	return ExitOK
}

// describeOpenError explains, in Danish, why a database could not be
// opened. It names the address without its password.
func describeOpenError(addr string, err error) string {
	shown := shownAddr(addr)
	if sqlstore.IsPostgresAddr(addr) {
		return fmt.Sprintf("Kan ikke forbinde til %s: %s", describeServer(addr), describeServerError(err))
	}
	var newer *sqlstore.NewerSchemaError
	var network *sqlstore.NetworkPathError
	switch {
	case errors.As(err, &newer), errors.As(err, &network),
		errors.Is(err, sqlstore.ErrNotDatabase), errors.Is(err, sqlstore.ErrCorrupt):
		return fmt.Sprintf("Kan ikke åbne %s: %s.", shown, capitalise(err.Error()))
	}
	return fmt.Sprintf("Kan ikke åbne %s: %v", shown, err)
}

// describeServer names a server's database the way people say it:
// "databasen mentorbog på db.kommune.dk:5432 (bruger kontor)". It never
// shows a password, and leaves out the options.
func describeServer(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		return "databaseserveren"
	}
	s := fmt.Sprintf("databasen %s på %s", strings.TrimPrefix(u.Path, "/"), u.Host)
	if u.User != nil && u.User.Username() != "" {
		s += fmt.Sprintf(" (bruger %s)", u.User.Username())
	}
	return s
}

// describeServerError turns what pgx reports into what a coordinator or
// the office's IT person can act on. The server's own text follows in
// parentheses where it helps IT.
func describeServerError(err error) string {
	var pgErr *pgconn.PgError
	var newer *sqlstore.NewerSchemaError
	var dial *net.OpError
	text := err.Error()
	switch {
	case errors.Is(err, sqlstore.ErrInsecureServer):
		return capitalise(err.Error()) + "."
	case errors.As(err, &newer):
		return capitalise(err.Error()) + "."
	case strings.Contains(text, "adressen kan ikke læses"):
		return "Adressen kan ikke læses. Den skal have formen postgres://bruger@vært:5432/database?sslmode=require."
	case errors.As(err, &pgErr) && (pgErr.Code == "28P01" || pgErr.Code == "28000"):
		return "Serveren afviste brugernavnet eller adgangskoden (" + pgErr.Message + ")."
	case errors.As(err, &pgErr) && pgErr.Code == "3D000":
		return "Databasen findes ikke på serveren. Kontrollér databasens navn, eller bed IT om at oprette den (" + pgErr.Message + ")."
	case strings.Contains(text, "server refused TLS"):
		return "Serveren tilbyder ikke krypteret forbindelse (TLS). Bed IT om at slå TLS til på serveren."
	case strings.Contains(text, "tls:") || strings.Contains(text, "x509"):
		return "Serverens certifikat kunne ikke godkendes (TLS). Kontrollér værtsnavnet, eller bed IT om serverens certifikat."
	case errors.As(err, &dial) || strings.Contains(text, "dial error") || strings.Contains(text, "timeout"):
		return "Der er ingen forbindelse til serveren. Kontrollér vært og port, netværket, og at serveren kører."
	}
	return text
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// openError is describeOpenError's text over the error it explains.
type openError struct {
	text string
	err  error
}

func (e *openError) Error() string { return e.text }
func (e *openError) Unwrap() error { return e.err }

// OpenError wraps describeOpenError as an error for the GUI's dialog; the
// original error stays reachable with errors.Is/As.
func OpenError(addr string, err error) error {
	return &openError{text: describeOpenError(addr, err), err: err}
}

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

// openExisting resolves the database address and opens it, refusing to
// create a new file (a server's database must exist already; an empty one
// gets the schema). Problems are explained on stderr in Danish; ok is false
// then.
func openExisting(env Env, dbPath string) (st *sqlstore.Store, addr string, ok bool) {
	addr, err := resolveDB(dbPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return nil, addr, false
	}
	if !sqlstore.IsPostgresAddr(addr) {
		if _, err := os.Stat(addr); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(env.Stderr, "Databasen %s findes ikke.\n", addr)
			return nil, addr, false
		}
	}
	st, err = sqlstore.Open(addr)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(addr, err))
		return nil, addr, false
	}
	return st, addr, true
}
