package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mentorbog/app/reports"
	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// runAudit exports one citizen's audit log ("who has looked at my data")
// as PDF or CSV, chosen by the file's ending. Administrator only.
func runAudit(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("audit", env)
	dbPath := flags.String("db", "", "databasefil")
	citizen := flags.Int64("citizen", 0, "borgerens id")
	out := flags.String("out", "", "filen der skrives: .pdf eller .csv")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *citizen <= 0 || (ext != ".pdf" && ext != ".csv") {
		fmt.Fprintln(env.Stderr, "audit kræver --citizen ID og --out FIL.pdf eller FIL.csv")
		return ExitUsage
	}
	st, _, ok := openExisting(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	if _, err := requireAdministrator(ctx, env, st); err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	content, err := citizenAuditExport(ctx, st, *citizen, ext, time.Now().In(data.Zone()))
	if err == nil {
		err = os.WriteFile(*out, content, 0o600)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: revisionslog:", err)
		return ExitError
	}
	u, _ := st.CurrentUser()
	_ = st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditExport,
		CitizenID: *citizen, Detail: "revisionslog som " + strings.TrimPrefix(ext, ".")})
	fmt.Fprintln(env.Stdout, *out)
	return ExitOK
}

// citizenAuditExport renders the citizen's log. An erased citizen's log is
// still there (it holds only the id), so a missing record is not an error.
func citizenAuditExport(ctx context.Context, st *sqlstore.Store, citizenID data.ID, ext string, now time.Time) ([]byte, error) {
	entries, err := st.AuditLog(ctx, data.AuditFilter{CitizenID: citizenID})
	if err != nil {
		return nil, err
	}
	org, err := st.Organisation(ctx)
	if err != nil {
		return nil, err
	}
	var citizen *data.Citizen
	if c, err := st.Citizen(ctx, citizenID); err == nil {
		citizen = &c
	} else if !errors.Is(err, data.ErrNotFound) {
		return nil, err
	}
	var buf bytes.Buffer
	err = reports.ExportCitizenAudit(&buf, ext, org, citizenID, citizen, entries, now)
	return buf.Bytes(), err
}
