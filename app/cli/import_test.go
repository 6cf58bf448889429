package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"mentorbog/data"
	"mentorbog/data/cpr"
	"mentorbog/data/sqlstore"
)

// importDemo is a private copy of the demo database: imports change it.
func importDemo(t *testing.T) string {
	t.Helper()
	return demoCopy(t)
}

// asAdmin opens the database logged in as the demo administrator.
func asAdmin(t *testing.T, db string) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Login(context.Background(), "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}
	return st
}

func citizensByName(t *testing.T, db string) map[string]data.Citizen {
	t.Helper()
	st := asAdmin(t, db)
	list, err := st.Citizens(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]data.Citizen{}
	for _, c := range list {
		out[c.Name] = c
	}
	out["#count"] = data.Citizen{ID: data.ID(len(list))}
	st.Close()
	return out
}

func countCitizens(t *testing.T, db string) int {
	return int(citizensByName(t, db)["#count"].ID)
}

// freshCPRs gives n valid CPR numbers that no demo citizen has.
func freshCPRs(t *testing.T, db string, n int) []string {
	t.Helper()
	st := asAdmin(t, db)
	defer st.Close()
	var out []string
	for serial := 0; len(out) < n; serial += 37 {
		num, err := cpr.Generate(time.Date(1961, 4, 17, 0, 0, 0, 0, time.UTC), serial)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CitizenByCPR(context.Background(), string(num)); errors.Is(err, data.ErrNotFound) {
			out = append(out, num.Formatted())
		}
	}
	return out
}

func writeCSV(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportCitizensUTF8WithBOMSemicolonsAnyColumnOrder(t *testing.T) {
	db := importDemo(t)
	before := countCitizens(t, db)
	nums := freshCPRs(t, db, 3)
	file := writeCSV(t, "borgere.csv", []byte("\xEF\xBB\xBFBy;cpr;  NAVN ;Postnr;E-mail;Modersmål\r\n"+
		"Næstved;"+nums[0]+";Åse Øberg;4700;aase@example.dk;Dansk\r\n"+
		"Køge;"+nums[1]+";Bjørn Ærø;4600;;Færøsk\r\n"+
		"Århus;"+nums[2]+";\"Møller; Ib\";8000;;\r\n"+
		";;;;;\r\n\r\n"))
	code, out, stderr := run(t, Env{}, "import", "citizens", file, "--db", db)
	if code != ExitOK || out != "3 borgere importeret\n" {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	got := citizensByName(t, db)
	if n := countCitizens(t, db); n != before+3 {
		t.Errorf("%d citizens, want %d", n, before+3)
	}
	n0, _ := cpr.Parse(nums[0])
	if c := got["Åse Øberg"]; c.City != "Næstved" || c.Postcode != "4700" || c.Email != "aase@example.dk" || c.CPR != string(n0) || c.MotherTongue != "Dansk" {
		t.Errorf("Åse: %+v", c)
	}
	if c := got["Bjørn Ærø"]; c.City != "Køge" || c.MotherTongue != "Færøsk" {
		t.Errorf("Bjørn: %+v", c)
	}
	if _, ok := got["Møller; Ib"]; !ok {
		t.Error("quoted name with semicolon not imported")
	}

	// The import is in the audit log, with no names or CPR numbers.
	st := asAdmin(t, db)
	entries, err := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditImport}})
	if err != nil || len(entries) != 1 || entries[0].Detail != "3 borgere fra borgere.csv" || entries[0].Username != "admin" {
		t.Fatalf("audit: %v %+v", err, entries)
	}
}

func TestImportCitizensWindows1252WithCommas(t *testing.T) {
	db := importDemo(t)
	nums := freshCPRs(t, db, 1)
	text, err := charmap.Windows1252.NewEncoder().String("Navn,CPR,By,Målgruppe\nSøren Ærø Åberg," + nums[0] + ",Præstø,\n")
	if err != nil {
		t.Fatal(err)
	}
	file := writeCSV(t, "gammel.csv", []byte(text))
	code, out, stderr := run(t, Env{}, "--db", db, "import", "citizens", file)
	if code != ExitOK || !strings.Contains(out, "1 borgere importeret") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	if c, ok := citizensByName(t, db)["Søren Ærø Åberg"]; !ok || c.City != "Præstø" {
		t.Fatalf("name or city not intact: %+v", c)
	}
}

func TestImportCitizensWithBadRowsImportsNothing(t *testing.T) {
	db := importDemo(t)
	before := citizensByName(t, db)
	var existing string
	for _, c := range before {
		if c.CPR != "" {
			existing = c.CPR
			break
		}
	}
	if existing == "" {
		t.Fatal("no demo citizen with a CPR number")
	}
	nums := freshCPRs(t, db, 2)
	file := writeCSV(t, "fejl.csv", []byte("Navn;CPR;E-mail\n"+
		"Anna Ok;"+nums[0]+";anna@example.dk\n"+ // 2: fine
		"Bo;310287-1234;\n"+ // 3: no 31 February
		"Carl;;carl(at)example\n"+ // 4: e-mail
		";;ingen@navn.dk\n"+ // 5: missing name
		"Dora;"+nums[1]+";\n"+ // 6: duplicate in file
		"Erik;"+nums[1]+";\n"+ // 7: duplicate in file
		"Finn;"+existing+";\n")) // 8: already in the database
	code, out, stderr := run(t, Env{}, "import", "citizens", file, "--db", db)
	if code != ExitError || out != "" {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, stderr)
	}
	for _, want := range []string{
		"Linje 3, kolonne CPR: CPR-nummer: CPR-nummerets dato findes ikke",
		"Linje 4, kolonne E-mail: E-mail er ikke en gyldig e-mailadresse.",
		"Linje 5, kolonne Navn: Navn skal udfyldes.",
		"Linje 6, kolonne CPR: Samme CPR-nummer står også i linje 7.",
		"Linje 7, kolonne CPR: Samme CPR-nummer står også i linje 6.",
		"Intet er importeret.",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, existing[6:]) || strings.Contains(stderr, nums[1][7:]) {
		t.Errorf("CPR digits on stderr:\n%s", stderr)
	}
	if n := countCitizens(t, db); n != len(before)-1 {
		t.Fatalf("%d citizens after a failed import, want %d", n, len(before)-1)
	}

	// With the file's own faults fixed, the CPR already in the database
	// still stops everything.
	file = writeCSV(t, "findes.csv", []byte("Navn;CPR\nAnna Ok;"+nums[0]+"\nFinn;"+existing+"\n"))
	code, _, stderr = run(t, Env{}, "import", "citizens", file, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "Linje 3, kolonne CPR: En borger med dette CPR-nummer findes allerede.") {
		t.Fatalf("existing CPR: exit %d\n%s", code, stderr)
	}
	if n := countCitizens(t, db); n != len(before)-1 {
		t.Fatalf("%d citizens after a refused import, want %d", n, len(before)-1)
	}
	if _, ok := citizensByName(t, db)["Anna Ok"]; ok {
		t.Fatal("a valid row was imported although another row failed")
	}
}

func TestImportUnknownColumnIsNamed(t *testing.T) {
	db := importDemo(t)
	before := countCitizens(t, db)
	file := writeCSV(t, "kolonne.csv", []byte("Navn;Fødested\nAnna;Køge\n"))
	code, _, stderr := run(t, Env{}, "import", "citizens", file, "--db", db)
	if code != ExitError || !strings.Contains(stderr, `Linje 1, kolonne Fødested: Ukendt kolonne "Fødested"`) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if n := countCitizens(t, db); n != before {
		t.Fatalf("%d citizens, want %d", n, before)
	}
}

func TestImportDryRunImportsNothing(t *testing.T) {
	db := importDemo(t)
	before := countCitizens(t, db)
	nums := freshCPRs(t, db, 1)
	file := writeCSV(t, "prøve.csv", []byte("Navn;CPR\nGrethe Ærbødig;"+nums[0]+"\nHans;\n"))
	code, out, stderr := run(t, Env{}, "import", "--dry-run", "citizens", file, "--db", db)
	if code != ExitOK || out != "2 borgere kontrolleret, intet importeret\n" {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	if n := countCitizens(t, db); n != before {
		t.Fatalf("%d citizens after a dry run, want %d", n, before)
	}
	st := asAdmin(t, db)
	if entries, _ := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditImport}}); len(entries) != 0 {
		t.Fatalf("dry run audited as an import: %+v", entries)
	}
}

func TestImportMentorsCapacityAndKind(t *testing.T) {
	db := importDemo(t)
	file := writeCSV(t, "mentorer.csv", []byte("Navn;Type;Kapacitet;Sprog;Kompetencer;Telefon\n"+
		"Mette Ølgård;Frivillig;7,5;Dansk, Arabisk;Psykoterapi, Misbrug;20 30 40 50\n"+
		"Jørgen Å;;12;;;\n"))
	code, out, stderr := run(t, Env{}, "import", "mentors", file, "--db", db)
	if code != ExitOK || out != "2 mentorer importeret\n" {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	st := asAdmin(t, db)
	mentors, err := st.Mentors(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, m := range mentors {
		switch m.Name {
		case "Mette Ølgård":
			found++
			if m.Kind != data.MentorVolunteer || m.WeeklyCapacityMin != 450 || strings.Join(m.Languages, "|") != "Dansk|Arabisk" ||
				strings.Join(m.Competences, "|") != "Psykoterapi|Misbrug" || m.Phone != "20 30 40 50" {
				t.Errorf("Mette: %+v", m)
			}
		case "Jørgen Å":
			found++
			if m.Kind != data.MentorEmployed || m.WeeklyCapacityMin != 720 {
				t.Errorf("Jørgen: %+v", m)
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of 2 imported mentors", found)
	}
}

func TestImportRefusesMentorLogin(t *testing.T) {
	db := importDemo(t)
	before := countCitizens(t, db)
	file := writeCSV(t, "b.csv", []byte("Navn\nAnna\n"))
	env := Env{Getenv: func(k string) string {
		return map[string]string{EnvUser: "mentor", EnvPassword: "demo-mentor-1234"}[k]
	}}
	code, _, stderr := run(t, env, "import", "citizens", file, "--db", db)
	if code != ExitError || !strings.Contains(stderr, "kun koordinatorer og administratorer") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	env.Getenv = func(k string) string {
		return map[string]string{EnvUser: "koordinator", EnvPassword: "demo-koordinator"}[k]
	}
	if code, out, stderr := run(t, env, "import", "citizens", file, "--db", db); code != ExitOK || out != "1 borgere importeret\n" {
		t.Fatalf("coordinator: exit %d\n%s\n%s", code, out, stderr)
	}
	if n := countCitizens(t, db); n != before+1 {
		t.Fatalf("%d citizens, want %d", n, before+1)
	}
}

func TestImportUsageErrors(t *testing.T) {
	file := writeCSV(t, "b.csv", []byte("Navn\nAnna\n"))
	for _, args := range [][]string{
		{"import"}, {"import", "citizens"}, {"import", "borgerne", file},
		{"import", "citizens", file, "extra"}, {"import", "citizens", file, "--nope"},
	} {
		if code, _, stderr := run(t, Env{}, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d %q", args, code, stderr)
		}
	}
	code, _, stderr := run(t, Env{}, "import", "citizens", filepath.Join(t.TempDir(), "mangler.csv"))
	if code != ExitError || !strings.Contains(stderr, "findes ikke") {
		t.Errorf("missing file: exit %d %q", code, stderr)
	}
	_, out, _ := run(t, Env{}, "help")
	if !strings.Contains(out, fmt.Sprintf("mentorbog %s citizens|mentors", "import")) {
		t.Error("import not in usage")
	}
}
