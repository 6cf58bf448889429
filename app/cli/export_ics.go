package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"mentorbog/app/icsexport"
	"mentorbog/data"
)

// runExportICS writes sessions as an iCalendar file for Outlook or Google
// Calendar: `export ics --mentor ID|--all --out FILE.ics`. A mentor user
// exports only their own sessions (the store limits what they can read).
func runExportICS(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("export ics", env)
	dbPath := flags.String("db", "", "databasefil")
	mentor := flags.Int64("mentor", 0, "mentorens id")
	all := flags.Bool("all", false, "alle mentorer")
	out := flags.String("out", "", "filen der skrives (.ics)")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	if *out == "" || (*mentor <= 0) == !*all {
		fmt.Fprintln(env.Stderr, "export ics kræver --mentor ID eller --all, og --out FIL.ics")
		return ExitUsage
	}
	st, _, ok := openExisting(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	if _, err := authenticate(ctx, env, st); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	var mentors []data.ID
	if *mentor > 0 {
		if _, err := st.Mentor(ctx, data.ID(*mentor)); err != nil {
			fmt.Fprintf(env.Stderr, "Fejl: mentor %d: %v\n", *mentor, err)
			return ExitError
		}
		mentors = []data.ID{data.ID(*mentor)}
	}
	var buf bytes.Buffer
	n, err := icsexport.Export(ctx, st, &buf, mentors, time.Now().In(data.Zone()))
	if err == nil {
		err = os.WriteFile(*out, buf.Bytes(), 0o600)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: kalendereksport:", err)
		return ExitError
	}
	fmt.Fprintf(env.Stdout, "%s (%d møder)\n", *out, n)
	return ExitOK
}
