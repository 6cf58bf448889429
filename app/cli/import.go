package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"mentorbog/data"
	"mentorbog/data/csvimport"
)

// runImport reads citizens or mentors from a CSV file. Coordinators and
// administrators only. Nothing is imported unless every row is valid.
//
//	mentorbog import citizens|mentors FIL.csv [--dry-run] [--db STI]
func runImport(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("import", env)
	dbPath := flags.String("db", "", "databasefil")
	dryRun := flags.Bool("dry-run", false, "kontrollér filen uden at importere")
	// Flags may come before, between or after the two arguments.
	var positional []string
	for {
		if err := flags.Parse(args); err != nil {
			return ExitUsage
		}
		if flags.NArg() == 0 {
			break
		}
		positional = append(positional, flags.Arg(0))
		args = flags.Args()[1:]
	}
	if len(positional) != 2 {
		fmt.Fprintln(env.Stderr, "import kræver: import citizens|mentors FIL.csv [--dry-run] [--db STI]")
		return ExitUsage
	}
	var plural string
	switch positional[0] {
	case "citizens", "borgere":
		positional[0], plural = "citizens", "borgere"
	case "mentors", "mentorer":
		positional[0], plural = "mentors", "mentorer"
	default:
		fmt.Fprintf(env.Stderr, "import kan læse citizens eller mentors, ikke %q.\n", positional[0])
		return ExitUsage
	}
	path := positional[1]
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(env.Stderr, "Filen %s findes ikke.\n", path)
		} else {
			fmt.Fprintf(env.Stderr, "Kan ikke åbne %s: %v\n", path, err)
		}
		return ExitError
	}
	defer f.Close()

	st, _, ok := openExisting(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	u, err := authenticate(ctx, env, st)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	if u.Role != data.RoleCoordinator && u.Role != data.RoleAdministrator {
		st.Lock()
		fmt.Fprintln(env.Stderr, "Fejl: kun koordinatorer og administratorer må importere borgere og mentorer.")
		return ExitError
	}

	var n int
	var parseProblems, problems csvimport.Problems
	var warnings []csvimport.Problems
	if positional[0] == "citizens" {
		rows, pp := csvimport.ParseCitizens(f)
		for _, r := range rows {
			warnings = append(warnings, r.Warnings)
		}
		parseProblems = pp
		if len(pp) == 0 {
			n, problems, err = csvimport.ImportCitizens(ctx, st, rows, *dryRun)
		}
	} else {
		rows, pp := csvimport.ParseMentors(f)
		for _, r := range rows {
			warnings = append(warnings, r.Warnings)
		}
		parseProblems = pp
		if len(pp) == 0 {
			n, problems, err = csvimport.ImportMentors(ctx, st, rows, *dryRun)
		}
	}
	for _, ws := range warnings {
		for _, w := range ws {
			fmt.Fprintln(env.Stderr, "Advarsel:", w)
		}
	}
	problems = append(parseProblems, problems...)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: import:", err)
		fmt.Fprintln(env.Stderr, "Intet er importeret.")
		return ExitError
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p)
		}
		fmt.Fprintf(env.Stderr, "%d fejl i %s. Intet er importeret.\n", len(problems), filepath.Base(path))
		return ExitError
	}
	if *dryRun {
		fmt.Fprintf(env.Stdout, "%d %s kontrolleret, intet importeret\n", n, plural)
		return ExitOK
	}
	// The detail names only how many and the file, never a person.
	if err := st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditImport,
		Detail: fmt.Sprintf("%d %s fra %s", n, plural, filepath.Base(path))}); err != nil {
		fmt.Fprintln(env.Stderr, "Advarsel: importen blev ikke skrevet i revisionsloggen:", err)
	}
	fmt.Fprintf(env.Stdout, "%d %s importeret\n", n, plural)
	return ExitOK
}
