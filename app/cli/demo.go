package cli

import (
	"context"
	"fmt"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/sqlstore"
)

// runDemo fills a new database with the fictional demo organisation. It
// refuses a database that already holds citizens: demo data must never mix
// with real data.
func runDemo(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("demo", env)
	dbPath := flags.String("db", "", "databasefil")
	seed := flags.Uint64("seed", 1, "frø for de tilfældige data (samme frø og dato giver samme data)")
	today := flags.String("today", "", "dagen data bygges omkring, ÅÅÅÅ-MM-DD (standard: i dag)")
	size := flags.String("size", string(demo.SizeDemo), "størrelse: demo (6 mentorer), lille, mellem eller stor (benchmark-størrelser med års historik)")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	if !knownSize(demo.Size(*size)) {
		fmt.Fprintf(env.Stderr, "--size skal være demo, lille, mellem eller stor, ikke %q.\n", *size)
		return ExitUsage
	}
	if *dbPath == "" {
		fmt.Fprintln(env.Stderr, "demo kræver --db STI, så demo-data aldrig havner i den rigtige database.")
		return ExitUsage
	}
	anchor := env.Today()
	if *today != "" {
		d, err := data.ParseISODate(*today)
		if err != nil {
			fmt.Fprintf(env.Stderr, "--today skal skrives som ÅÅÅÅ-MM-DD, fx 2026-11-23.\n")
			return ExitUsage
		}
		anchor = d
	}
	st, err := sqlstore.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(*dbPath, err))
		return ExitError
	}
	defer st.Close()
	fresh, err := isEmptyDatabase(ctx, st)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	if !fresh {
		fmt.Fprintf(env.Stderr, "Databasen %s indeholder allerede borgere; demo-data lægges kun i en ny database.\n", shownAddr(*dbPath))
		return ExitError
	}
	recovery, err := demo.Secure(ctx, st)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	sum, err := demo.Generate(ctx, st, demo.Config{Seed: *seed, Today: anchor, Size: demo.Size(*size)})
	if err == nil {
		err = demo.AddUsers(ctx, st)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: demo-data:", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Demo-database oprettet: %s\n", shownAddr(*dbPath))
	fmt.Fprintf(env.Stdout, "  %d mentorer, %d kommuner, %d sagsbehandlere, %d borgere\n", sum.Mentors, sum.Municipalities, sum.Caseworkers, sum.Citizens)
	fmt.Fprintf(env.Stdout, "  %d forløb, %d mentoraftaler, %d mål, %d scoringer, %d møder\n", sum.Courses, sum.Agreements, sum.Goals, sum.Scores, sum.Sessions)
	fmt.Fprintln(env.Stdout, "Demo-brugere (brugernavn / adgangskode):")
	for _, u := range demo.Users() {
		fmt.Fprintf(env.Stdout, "  %-12s %-20s %s\n", u.Username, u.Password, u.Role.Label())
	}
	fmt.Fprintf(env.Stdout, "Gendannelsesnøgle: %s\n", recovery)
	return ExitOK
}

// isEmptyDatabase reports a database with no users and no citizens. One
// with users is locked without a login, so it is never taken as empty.
func isEmptyDatabase(ctx context.Context, st data.Store) (bool, error) {
	need, err := st.SetupNeeded(ctx)
	if err != nil || !need {
		return false, err
	}
	existing, err := st.Citizens(ctx, true)
	return len(existing) == 0, err
}

func knownSize(s demo.Size) bool {
	for _, known := range demo.Sizes() {
		if s == known {
			return true
		}
	}
	return false
}
