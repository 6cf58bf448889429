package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExportICS(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "kalender.ics")
	code, stdout, stderr := run(t, Env{}, "--db", db, "export", "ics", "--all", "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(stdout, out) || strings.Count(text, "BEGIN:VEVENT") == 0 || !strings.Contains(text, "TZID=Europe/Copenhagen") {
		t.Errorf("export: %s / %d events", stdout, strings.Count(text, "BEGIN:VEVENT"))
	}
	if regexp.MustCompile(`\d{6}-?\d{4}`).MatchString(text) {
		t.Error("CPR-shaped number in the export")
	}
	// Usage errors exit 2.
	for _, args := range [][]string{
		{"export"},
		{"export", "pdf", "--all", "--out", out},
		{"export", "ics", "--out", out},
		{"export", "ics", "--all", "--mentor", "1", "--out", out},
		{"export", "ics", "--all"},
	} {
		if code, _, _ := run(t, Env{}, append([]string{"--db", db}, args...)...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
