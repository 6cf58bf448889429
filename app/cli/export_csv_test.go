package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/csvimport"
)

// loginAs makes an Env that logs in as one of the demo users.
func loginAs(user, password string) Env {
	return Env{Getenv: func(k string) string {
		return map[string]string{EnvUser: user, EnvPassword: password}[k]
	}}
}

// readExport reads an exported file back as Excel would: it must start with
// the UTF-8 BOM and split on semicolons into rows of the header's width.
func readExport(t *testing.T, path string) (raw string, records [][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("%s has no UTF-8 BOM: % x", filepath.Base(path), b[:min(8, len(b))])
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	records, err = r.ReadAll()
	if err != nil {
		t.Fatalf("read back %s: %v", filepath.Base(path), err)
	}
	return string(b), records
}

var fullCPR = regexp.MustCompile(`\b\d{6}-?\d{4}\b`)
var maskedCPR = regexp.MustCompile(`\b\d{6}-XXXX\b`)

func TestExportCSVCitizensMaskedForCoordinator(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "borgere.csv")
	code, stdout, stderr := run(t, loginAs("koordinator", "demo-koordinator"), "export", "csv", "--what", "citizens", "--out", out, "--db", db)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, records := readExport(t, out)
	st := asAdmin(t, db)
	citizens, err := st.Citizens(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(citizens)+1 {
		t.Fatalf("%d lines for %d citizens", len(records), len(citizens))
	}
	if got := strings.Join(records[0][:9], ";"); got != "Navn;CPR;Telefon;E-mail;Adresse;Postnr;By;Modersmål;Målgruppe" {
		t.Errorf("header %q", got)
	}
	if !strings.ContainsAny(raw, "æøåÆØÅ") {
		t.Error("no æ, ø or å in the export of the demo citizens")
	}
	if m := fullCPR.FindString(raw); m != "" {
		t.Errorf("a full CPR number %s is in the masked export", m)
	}
	if !maskedCPR.MatchString(raw) {
		t.Error("no masked CPR DDMMYY-XXXX in the export")
	}
	for _, c := range citizens {
		if !strings.Contains(raw, c.Name) {
			t.Errorf("%s is missing", c.Name)
		}
	}
	if !strings.Contains(stdout, "borgere skrevet til") {
		t.Errorf("stdout %q", stdout)
	}
	log, err := st.AuditLog(context.Background(), data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range log {
		if e.Action == data.AuditExport && e.Username == "koordinator" && strings.Contains(e.Detail, "CPR maskeret") {
			found = true
		}
	}
	if !found {
		t.Error("the export is not in the audit log")
	}
}

func TestExportCSVFullCPROnlyForAdministrators(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "borgere.csv")
	code, _, stderr := run(t, loginAs("koordinator", "demo-koordinator"), "export", "csv", "--what", "citizens", "--out", out, "--show-cpr", "--db", db)
	if code != ExitError || !strings.Contains(stderr, "administrator") {
		t.Fatalf("coordinator with --show-cpr: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a file was written despite the refusal")
	}
	code, _, stderr = run(t, loginAs("mentor", "demo-mentor-1234"), "export", "csv", "--what", "mentors", "--out", out, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "koordinatorer") {
		t.Fatalf("mentor: exit %d, %q", code, stderr)
	}
	code, _, stderr = run(t, Env{}, "export", "csv", "--what", "citizens", "--out", out, "--show-cpr", "--db", db)
	if code != ExitOK {
		t.Fatalf("administrator: exit %d, %s", code, stderr)
	}
	raw, records := readExport(t, out)
	if !fullCPR.MatchString(raw) || maskedCPR.MatchString(raw) {
		t.Error("--show-cpr did not write the full CPR numbers")
	}
	// With full CPR numbers the file is a valid import file again.
	_, problems := csvimport.ParseCitizens(strings.NewReader(raw))
	if len(problems) > 0 {
		t.Errorf("the export does not read back as an import: %v", problems)
	}
	_ = records
}

func TestExportCSVMentorsReadBackAsAnImport(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "mentorer.csv")
	if code, _, stderr := run(t, Env{}, "export", "csv", "--what", "mentors", "--out", out, "--db", db); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, records := readExport(t, out)
	st := asAdmin(t, db)
	mentors, err := st.Mentors(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(mentors)+1 {
		t.Fatalf("%d lines for %d mentors", len(records), len(mentors))
	}
	rows, problems := csvimport.ParseMentors(strings.NewReader(raw))
	if len(problems) > 0 || len(rows) != len(mentors) {
		t.Fatalf("read back: %d rows, problems %v", len(rows), problems)
	}
	byName := map[string]data.Mentor{}
	for _, m := range mentors {
		byName[m.Name] = m
	}
	for _, r := range rows {
		m, ok := byName[r.Record.Name]
		if !ok {
			t.Errorf("%q is not a stored mentor (letters lost?)", r.Record.Name)
			continue
		}
		if r.Record.WeeklyCapacityMin != m.WeeklyCapacityMin || r.Record.Kind != m.Kind ||
			strings.Join(r.Record.Languages, ",") != strings.Join(m.Languages, ",") {
			t.Errorf("%s read back as %+v, stored %+v", m.Name, r.Record, m)
		}
	}
	// Hours with a decimal comma where a capacity is not whole hours.
	for _, rec := range records[1:] {
		if strings.Contains(rec[6], ".") && !strings.Contains(rec[6], ",") && len(rec[6]) < 4 {
			t.Errorf("capacity %q uses a decimal point", rec[6])
		}
	}
}

func TestExportCSVSessions(t *testing.T) {
	db := demoShared(t)
	out := filepath.Join(t.TempDir(), "moeder.csv")
	if code, _, stderr := run(t, Env{}, "export", "csv", "--what", "sessions", "--out", out, "--db", db); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, records := readExport(t, out)
	st := asAdmin(t, db)
	sessions, err := st.Sessions(context.Background(), data.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) == 0 || len(records) != len(sessions)+1 {
		t.Fatalf("%d lines for %d sessions", len(records), len(sessions))
	}
	date := regexp.MustCompile(`^\d{2}-\d{2}-\d{4}$`)
	decimalComma := false
	for _, rec := range records[1:] {
		if !date.MatchString(rec[0]) {
			t.Fatalf("date %q is not dd-mm-åååå", rec[0])
		}
		if strings.Contains(rec[11], ",") {
			decimalComma = true
		}
		if strings.Contains(rec[11], ".") {
			t.Fatalf("contact time %q has a decimal point", rec[11])
		}
	}
	if !decimalComma {
		t.Error("no contact time with a decimal comma in the demo sessions")
	}
	if m := fullCPR.FindString(raw); m != "" {
		t.Errorf("a full CPR %s is in the sessions export", m)
	}
	if !strings.ContainsAny(raw, "æøåÆØÅ") {
		t.Error("no æ, ø or å in the sessions export")
	}
}

func TestExportCSVUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export"}, {"export", "pdf"}, {"export", "csv", "--what", "users", "--out", "x.csv"}, {"export", "csv", "--what", "mentors"},
	} {
		if code, _, _ := run(t, Env{}, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestDefuseCellKeepsPhoneNumbersAndStopsFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"+45 20 30 40 50":   "+45 20 30 40 50",
		"-2,5":              "-2,5",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+SUM(A1)":          "'+SUM(A1)",
		"@cmd":              "'@cmd",
		"Ærø":               "Ærø",
	} {
		if got := defuseCell(in); got != want {
			t.Errorf("defuseCell(%q) = %q, want %q", in, got, want)
		}
	}
}
