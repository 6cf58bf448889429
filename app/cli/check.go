package cli

import (
	"context"
	"fmt"
	"strings"

	"mentorbog/data/sqlstore"
)

// runCheck verifies integrity, foreign keys, the schema version and the
// audit log's hash chain. It exits 0 only when the database is healthy and
// the chain intact. It needs no login: none of it reads personal data.
// Opening brings an older schema up to date, as starting Mentorbog would.
func runCheck(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("check", env)
	dbPath := flags.String("db", "", "databasefil")
	plaintext := flags.Bool("plaintext", false, "kræv at alle personoplysninger er krypteret")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	st, path, ok := openExisting(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	h, err := st.Check(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, describeOpenError(path, err))
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Database:     %s\n", shownAddr(path))
	fmt.Fprintf(env.Stdout, "Skemaversion: %d (nyeste %d)\n", h.SchemaVersion, h.LatestVersion)
	fmt.Fprintf(env.Stdout, "Integritet:   %s\n", strings.Join(h.Integrity, "; "))
	fmt.Fprintf(env.Stdout, "Fremmednøgler: %d brudte henvisninger\n", h.ForeignKeys)
	if !h.OK() {
		fmt.Fprintln(env.Stderr, "Databasen er IKKE sund. Gendan den nyeste sikkerhedskopi.")
		return ExitError
	}
	// The audit log's hash chain: an edited or deleted entry is evidence,
	// so the file is kept as it is rather than restored over.
	v, err := st.VerifyAuditChain(ctx)
	if err != nil {
		fmt.Fprintf(env.Stdout, "Revisionslog:  kunne ikke læses\n")
		fmt.Fprintln(env.Stderr, "Fejl: revisionsloggen:", err)
		return ExitError
	}
	if !v.OK {
		fmt.Fprintf(env.Stdout, "Revisionslog:  %d poster, KÆDEN ER BRUDT: %s\n", v.Entries, v.Problem)
		fmt.Fprintln(env.Stderr, "Revisionsloggen er ændret uden om Mentorbog. Gem en kopi af databasefilen, som den er, og kontakt den dataansvarlige.")
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "Revisionslog:  %d poster, kæden er intakt\n", v.Entries)
	if *plaintext && !checkPlaintext(ctx, env, st) {
		return ExitError
	}
	fmt.Fprintln(env.Stdout, "Databasen er sund.")
	return ExitOK
}

// checkPlaintext reports personal fields stored unencrypted. It names the
// table, column and row only, never the value.
func checkPlaintext(ctx context.Context, env Env, st *sqlstore.Store) bool {
	need, err := st.SetupNeeded(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return false
	}
	if need {
		fmt.Fprintln(env.Stdout, "Kryptering:    SLÅET FRA – der er ingen administrator endnu, så intet er krypteret")
		return false
	}
	found, err := st.PlaintextFields(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return false
	}
	if len(found) > 0 {
		fmt.Fprintf(env.Stdout, "Kryptering:    %d personfelter står UKRYPTERET, fx %s.%s (%s)\n", len(found), found[0].Table, found[0].Column, found[0].Key)
		return false
	}
	fmt.Fprintln(env.Stdout, "Kryptering:    alle personfelter er krypteret")
	return true
}
