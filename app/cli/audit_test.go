package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

func TestCheckFailsWhenAnAuditEntryWasEdited(t *testing.T) {
	db := demoCopy(t) // its audit log is edited
	// Entries of our own, whatever the demo itself has logged.
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if err := st.Audit(ctx, data.AuditEntry{UserID: 1, Username: "admin", Action: data.AuditOpenCitizen, CitizenID: data.ID(i + 1)}); err != nil {
			st.Close()
			t.Fatal(err)
		}
	}
	var target data.ID
	if err := st.DB().QueryRow("SELECT MAX(id) - 2 FROM audit_log").Scan(&target); err != nil {
		st.Close()
		t.Fatal(err)
	}
	st.Close()

	code, out, stderr := run(t, Env{}, "--db", db, "check")
	if code != ExitOK || !strings.Contains(out, "kæden er intakt") || !strings.Contains(out, "Databasen er sund") {
		t.Fatalf("check before the edit: exit %d\n%s\n%s", code, out, stderr)
	}

	st, err = sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	// Directly in SQL, around Mentorbog (no placeholder: SQLite and
	// PostgreSQL spell them differently).
	_, err = st.DB().Exec(fmt.Sprintf("UPDATE audit_log SET detail = 'felter: ingen' WHERE id = %d", target))
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr = run(t, Env{}, "--db", db, "check")
	if code != ExitError {
		t.Fatalf("check after the edit: exit %d\n%s", code, out)
	}
	want := fmt.Sprintf("Post %d er ændret", target)
	if !strings.Contains(out, "KÆDEN ER BRUDT") || !strings.Contains(out, want) || strings.Contains(out, "Databasen er sund") {
		t.Fatalf("check output does not name the problem %q:\n%s", want, out)
	}
	if !strings.Contains(stderr, "dataansvarlige") {
		t.Fatalf("stderr: %q", stderr)
	}
}
