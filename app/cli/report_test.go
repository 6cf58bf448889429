package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// withStore opens the database as the demo administrator for setting up a
// test case, and closes it again before the command runs.
func withStore(t *testing.T, db string, fn func(ctx context.Context, st *sqlstore.Store)) {
	t.Helper()
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}
	fn(ctx, st)
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// reportAudits counts the audit entries of generated and exported reports.
func reportAudits(t *testing.T, db string) int {
	t.Helper()
	var n int
	withStore(t, db, func(ctx context.Context, st *sqlstore.Store) {
		log, err := st.AuditLog(ctx, data.AuditFilter{Actions: []data.AuditAction{data.AuditReportGenerated, data.AuditReportExported}})
		if err != nil {
			t.Fatalf("audit: %v", err)
		}
		n = len(log)
	})
	return n
}

func TestReportCommandWritesAStatusReport(t *testing.T) {
	db := demoShared(t)
	before := reportAudits(t, db)
	var courseID data.ID
	withStore(t, db, func(ctx context.Context, st *sqlstore.Store) {
		agreements, err := st.Agreements(ctx, 0, data.NewDate(2026, 10, 15))
		if err != nil || len(agreements) == 0 {
			t.Fatalf("agreements: %v", err)
		}
		courseID = agreements[0].CourseID
	})
	out := filepath.Join(t.TempDir(), "status.pdf")
	code, stdout, stderr := run(t, Env{}, "--db", db, "report", "status", "--course", fmt.Sprint(courseID),
		"--from", "2026-10-01", "--to", "2026-10-31", "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.TrimSpace(stdout) != out || !strings.Contains(stderr, "UDKAST") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	text := pdfToText(t, out)
	if !strings.Contains(text, "Statusrapport") || !strings.Contains(text, "01-10-2026 – 31-10-2026") || !regexp.MustCompile(`\d{6}-XXXX`).MatchString(text) {
		t.Errorf("report text:\n%.600s", text)
	}
	// Generated and exported: two entries (the shared database may hold
	// other tests' entries, so count what this one added).
	if added := reportAudits(t, db) - before; added != 2 {
		t.Fatalf("audit: %d report entries added, want 2", added)
	}
}

func TestReportCommandExitCodes(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "r.pdf")
	for _, args := range [][]string{
		{"report"}, {"report", "frobnicate"}, {"report", "status", "--course", "1", "--out", out},
		{"report", "status", "--course", "1", "--from", "01-10-2026", "--to", "2026-10-31", "--out", out},
		{"report", "hours", "--kommune", "1", "--out", out}, {"report", "citizen", "--citizen", "1"},
		{"report", "batch", "--month", "2026-13", "--dir", t.TempDir()}, {"report", "final", "--course", "1", "--out", "x.txt"},
	} {
		code, _, stderr := run(t, Env{}, append([]string{"--db", db}, args...)...)
		if code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	// The data lacks what the report needs: a clear Danish message, exit 1.
	code, _, stderr := run(t, Env{}, "--db", db, "report", "status", "--course", "1", "--from", "2020-01-01", "--to", "2020-01-31", "--out", out)
	if code != ExitError || !strings.Contains(stderr, "Forløb 1 har ingen mentoraftale i perioden 01-01-2020 – 31-01-2020") {
		t.Errorf("no agreement: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed report left a file")
	}
	code, _, stderr = run(t, Env{}, "--db", db, "report", "hours", "--kommune", "1", "--month", "2019-01", "--out", out)
	if code != ExitError || !strings.Contains(stderr, "ingen registrerede møder i januar 2019") {
		t.Errorf("no sessions: exit %d, %q", code, stderr)
	}
	code, _, stderr = run(t, Env{}, "--db", db, "report", "citizen", "--citizen", "99999", "--out", out)
	if code != ExitError || !strings.Contains(stderr, "Borger 99999 findes ikke") {
		t.Errorf("unknown citizen: exit %d, %q", code, stderr)
	}
}

func TestReportBatchListsAFailingReportAndGoesOn(t *testing.T) {
	db := demoCopy(t) // it saves a report that cannot be made
	var broken data.ID
	withStore(t, db, func(ctx context.Context, st *sqlstore.Store) {
		// A written status report for October on a course with no
		// agreement then: it is in October's package and cannot be made.
		courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseOrdered}})
		if err != nil || len(courses) == 0 {
			t.Fatalf("ordered courses: %v", err)
		}
		r := data.Report{Kind: data.KindStatus, CourseID: courses[0].ID, PeriodStart: data.NewDate(2026, 10, 1), PeriodEnd: data.NewDate(2026, 10, 31)}
		if err := st.SaveReport(ctx, &r); err != nil {
			t.Fatal(err)
		}
		broken = courses[0].ID
	})
	dir := filepath.Join(t.TempDir(), "oktober")
	code, stdout, stderr := run(t, Env{}, "--db", db, "report", "batch", "--month", "2026-10", "--dir", dir)
	if code != ExitError {
		t.Fatalf("batch with a failing report: exit %d\n%s\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := fmt.Sprintf("forløb %d: FEJL: Forløb %d har ingen mentoraftale", broken, broken)
	if !strings.Contains(stdout, want) {
		t.Fatalf("the failure is not listed with its reason (%q):\n%s", want, stdout)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var hours, status int
	for _, f := range files {
		name := filepath.Base(f)
		if regexp.MustCompile(`\d{6}-?\d{4}`).MatchString(name) {
			t.Errorf("file name with a CPR-shaped number: %s", name)
		}
		switch {
		case strings.HasPrefix(name, "Timeopgoerelse_"):
			hours++
		case strings.HasPrefix(name, "Statusrapport_"):
			status++
		}
	}
	if hours != 2 || status == 0 || len(files) != len(lines)-2 {
		t.Errorf("%d hours statements, %d status reports, %d files for %d progress lines:\n%s", hours, status, len(files), len(lines)-1, stdout)
	}
	if !strings.Contains(lines[len(lines)-1], "1 fejlede") || !regexp.MustCompile(`^\[1/\d+\] `).MatchString(lines[0]) {
		t.Errorf("progress lines:\n%s", stdout)
	}
}
