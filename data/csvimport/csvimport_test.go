package csvimport

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"mentorbog/data"
	"mentorbog/data/cpr"
)

func validCPR(t testing.TB, year int, month time.Month, day, serial int) string {
	t.Helper()
	n, err := cpr.Generate(time.Date(year, month, day, 0, 0, 0, 0, time.UTC), serial)
	if err != nil {
		t.Fatal(err)
	}
	return n.Formatted()
}

func TestParseCitizensBOMSemicolonShuffledColumns(t *testing.T) {
	a, b := validCPR(t, 1985, 3, 14, 1000), validCPR(t, 1990, 7, 1, 2000)
	text := "\xEF\xBB\xBF by ; NAVN;cpr;E-mail;Postnr\r\n" +
		"Næstved;Søren Ærø Åberg;" + a + ";soren@example.dk;4700\r\n" +
		"Køge;\"Anna \"\"Bøgh\"\"; Jensen\";" + b + ";;4600\r\n" +
		";;;;\r\n\r\n\r\n"
	rows, problems := ParseCitizens(strings.NewReader(text))
	if len(problems) > 0 {
		t.Fatalf("problems:\n%v", problems)
	}
	if len(rows) != 2 {
		t.Fatalf("rows: %d", len(rows))
	}
	c := rows[0].Record
	if rows[0].Line != 2 || c.Name != "Søren Ærø Åberg" || c.City != "Næstved" || c.Email != "soren@example.dk" || c.Postcode != "4700" || c.CPR != a {
		t.Errorf("row 1: line %d %+v", rows[0].Line, c)
	}
	if rows[1].Line != 3 || rows[1].Record.Name != `Anna "Bøgh"; Jensen` {
		t.Errorf("row 2: line %d %q", rows[1].Line, rows[1].Record.Name)
	}
}

func TestParseWindows1252Commas(t *testing.T) {
	enc, err := charmap.Windows1252.NewEncoder().String("Navn,Modersmål,By\nSøren Ærø Åberg,Dansk,Århus\n")
	if err != nil {
		t.Fatal(err)
	}
	rows, problems := ParseCitizens(strings.NewReader(enc))
	if len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("%d rows, problems:\n%v", len(rows), problems)
	}
	if c := rows[0].Record; c.Name != "Søren Ærø Åberg" || c.MotherTongue != "Dansk" || c.City != "Århus" {
		t.Errorf("%+v", c)
	}
}

func TestParseCitizensReportsEveryBadRow(t *testing.T) {
	ok := validCPR(t, 1980, 1, 2, 10)
	dup := validCPR(t, 1975, 5, 5, 20)
	text := "Navn;CPR;E-mail;Telefon\n" +
		"Anna;" + ok + ";anna@example.dk;\n" + // 2: fine
		"Bo;310287-1234;;\n" + // 3: date does not exist
		"Carl;;carl(at)example;\n" + // 4: e-mail
		";;;\n" + // 5: blank row, ignored
		" ;;x@y.dk;\n" + // 6: missing name
		"Dora;" + dup + ";;\n" + // 7: duplicate
		"Erik;" + strings.ReplaceAll(dup, "-", "") + ";;\n" + // 8: duplicate, other layout
		"Finn;;;12\n" + // 9: phone too short
		"Gitte;;\n" // 10: too few fields
	rows, problems := ParseCitizens(strings.NewReader(text))
	if len(rows) != 1 || rows[0].Record.Name != "Anna" {
		t.Errorf("rows: %+v", rows)
	}
	msg := problems.Error()
	for _, want := range []string{
		"Linje 3, kolonne CPR: CPR-nummer: CPR-nummerets dato findes ikke",
		"Linje 4, kolonne E-mail: E-mail er ikke en gyldig e-mailadresse.",
		"Linje 6, kolonne Navn: Navn skal udfyldes.",
		"Linje 7, kolonne CPR: Samme CPR-nummer står også i linje 8.",
		"Linje 8, kolonne CPR: Samme CPR-nummer står også i linje 7.",
		"Linje 9, kolonne Telefon:",
		"Linje 10: Linjen har 3 felter, men overskriften har 4.",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "Linje 5") || strings.Contains(msg, "Linje 2") {
		t.Errorf("a good or blank line reported:\n%s", msg)
	}
	if strings.Contains(msg, strings.ReplaceAll(dup, "-", "")[6:]) || strings.Contains(msg, "1234") {
		t.Errorf("CPR digits in messages:\n%s", msg)
	}
	if len(problems) != 7 {
		t.Errorf("%d problems:\n%s", len(problems), msg)
	}
}

func TestParseMod11FailureIsOnlyAWarning(t *testing.T) {
	good := validCPR(t, 1980, 1, 2, 10)
	bad := good[:10] + string('0'+(good[10]-'0'+1)%10)
	rows, problems := ParseCitizens(strings.NewReader("Navn;CPR\nAnna;" + bad + "\n"))
	if len(problems) != 0 || len(rows) != 1 {
		t.Fatalf("%d rows, problems: %v", len(rows), problems)
	}
	if len(rows[0].Warnings) != 1 || rows[0].Warnings[0].Column != "CPR" || !strings.Contains(rows[0].Warnings[0].Message, "modulus 11") {
		t.Errorf("warnings: %v", rows[0].Warnings)
	}
}

func TestParseHeaderProblems(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Navn;CPR;Skostørrelse\nAnna;;42\n", `Linje 1, kolonne Skostørrelse: Ukendt kolonne "Skostørrelse"`},
		{"Navn;CPR;navn\nAnna;;Anna\n", "Linje 1, kolonne Navn: Kolonnen Navn står to gange (felt nr. 1 og 3)."},
		{"CPR;By\n;Køge\n", "Linje 1: Kolonnen Navn mangler."},
		{"", "Linje 1: Filen er tom."},
		{"Navn;By\n", "Linje 1: Filen har ingen rækker under overskriften."},
		{"Navn;By\nAnna;K\"øge\n", "Linje 2: Et anførselstegn"},
		{"Navn;By\n\"Anna;Køge\n", "Linje 2: Et felt i anførselstegn"},
		{"Navn;By\nAnna;Køge;Sjælland\n", "Linje 2: Linjen har 3 felter, men overskriften har 2."},
		{"\xFF\xFEN\x00", "UTF-16"},
	} {
		rows, problems := ParseCitizens(strings.NewReader(tc.text))
		if len(rows) != 0 || !strings.Contains(problems.Error(), tc.want) {
			t.Errorf("%q: %d rows, problems:\n%v\nwant %q", tc.text, len(rows), problems, tc.want)
		}
	}
}

func TestParseLimits(t *testing.T) {
	big := bytes.Repeat([]byte("a"), MaxBytes+1)
	_, problems := ParseCitizens(bytes.NewReader(big))
	if !strings.Contains(problems.Error(), "større end 10 MB") {
		t.Errorf("big file: %v", problems)
	}
	many := "Navn\n" + strings.Repeat("Anna\n", MaxRows+1)
	rows, problems := ParseCitizens(strings.NewReader(many))
	if len(rows) != 0 || !strings.Contains(problems.Error(), "mere end 20000 rækker") {
		t.Errorf("many rows: %d rows, %v", len(rows), problems)
	}
	exact := "Navn\n" + strings.Repeat("Anna\n", MaxRows)
	if rows, problems := ParseCitizens(strings.NewReader(exact)); len(problems) != 0 || len(rows) != MaxRows {
		t.Errorf("exactly the limit: %d rows, %v", len(rows), problems)
	}
}

func TestParseMentors(t *testing.T) {
	text := "Navn;Type;Kapacitet;Sprog;Kompetencer;E-mail\n" +
		"Mette Ølgaard;Frivillig;7,5;Dansk, Arabisk;Psykoterapi, Misbrug;\n" +
		"Jens;;10;;;\n" +
		"Lise;praktikant;;;;\n" +
		"Ole;ansat;7.5;;;\n" +
		"Per;ANSAT;61;;;\n"
	rows, problems := ParseMentors(strings.NewReader(text))
	if len(rows) != 2 {
		t.Fatalf("rows %+v\n%v", rows, problems)
	}
	m := rows[0].Record
	if m.Name != "Mette Ølgaard" || m.Kind != data.MentorVolunteer || m.WeeklyCapacityMin != 450 ||
		strings.Join(m.Languages, "|") != "Dansk|Arabisk" || strings.Join(m.Competences, "|") != "Psykoterapi|Misbrug" {
		t.Errorf("%+v", m)
	}
	if m := rows[1].Record; m.Kind != data.MentorEmployed || m.WeeklyCapacityMin != 600 {
		t.Errorf("%+v", m)
	}
	msg := problems.Error()
	for _, want := range []string{
		"Linje 4, kolonne Type: Type skal være ansat eller frivillig.",
		"Linje 5, kolonne Kapacitet: Kapacitet skal være timer om ugen, skrevet med decimalkomma",
		"Linje 6, kolonne Kapacitet: Kapacitet skal være mellem 0 og 60 timer om ugen.",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if len(problems) != 3 {
		t.Errorf("%d problems:\n%s", len(problems), msg)
	}
}

// fakeStore records what an import does.
type fakeStore struct {
	existing   map[string]bool
	saved      []string
	committed  []string
	failSaveAt int
}

func (f *fakeStore) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	f.saved = nil
	if err := fn(ctx); err != nil {
		f.saved = nil
		return err
	}
	f.committed = append(f.committed, f.saved...)
	return nil
}

func (f *fakeStore) SaveCitizen(_ context.Context, c *data.Citizen) error {
	if f.failSaveAt > 0 && len(f.saved)+1 == f.failSaveAt {
		return errors.New("disk full")
	}
	f.saved = append(f.saved, c.Name)
	return nil
}

func (f *fakeStore) CitizenByCPR(_ context.Context, number string) (data.Citizen, error) {
	n, _ := cpr.Parse(number)
	if f.existing[string(n)] {
		return data.Citizen{Name: "x"}, nil
	}
	return data.Citizen{}, data.ErrNotFound
}

func (f *fakeStore) SaveMentor(_ context.Context, m *data.Mentor) error {
	f.saved = append(f.saved, m.Name)
	return nil
}

func TestImportCitizensAllOrNothing(t *testing.T) {
	a, b := validCPR(t, 1985, 3, 14, 1000), validCPR(t, 1990, 7, 1, 2000)
	rows, problems := ParseCitizens(strings.NewReader("Navn;CPR\nAnna;" + a + "\nBo;" + b + "\nCarl;\n"))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ctx := context.Background()
	nb, _ := cpr.Parse(b)
	st := &fakeStore{existing: map[string]bool{string(nb): true}}
	n, problems, err := ImportCitizens(ctx, st, rows, false)
	if err != nil || n != 0 || len(st.committed) != 0 || problems.Error() != "Linje 3, kolonne CPR: En borger med dette CPR-nummer findes allerede." {
		t.Fatalf("existing CPR: n %d err %v committed %v problems %v", n, err, st.committed, problems)
	}
	st.existing = nil
	if n, problems, err = ImportCitizens(ctx, st, rows, true); n != 3 || err != nil || len(problems) > 0 || len(st.committed) != 0 {
		t.Fatalf("dry run: %d %v %v %v", n, problems, err, st.committed)
	}
	st.failSaveAt = 2
	if n, _, err = ImportCitizens(ctx, st, rows, false); err == nil || n != 0 || len(st.committed) != 0 || !strings.Contains(err.Error(), "linje 3") {
		t.Fatalf("failed save: %d %v %v", n, err, st.committed)
	}
	st.failSaveAt = 0
	if n, problems, err = ImportCitizens(ctx, st, rows, false); n != 3 || err != nil || len(problems) > 0 || strings.Join(st.committed, ",") != "Anna,Bo,Carl" {
		t.Fatalf("import: %d %v %v %v", n, problems, err, st.committed)
	}
}

func TestImportMentors(t *testing.T) {
	rows, pp := ParseMentors(strings.NewReader("Navn\nMette\nJens\n"))
	if len(pp) > 0 {
		t.Fatal(pp)
	}
	st := &fakeStore{}
	if n, problems, err := ImportMentors(context.Background(), st, rows, false); n != 2 || err != nil || len(problems) > 0 || len(st.committed) != 2 {
		t.Fatalf("%d %v %v %v", n, problems, err, st.committed)
	}
}

func FuzzParseCitizens(f *testing.F) {
	f.Add([]byte("Navn;CPR;By\nAnna;010190-1234;Køge\n"))
	f.Add([]byte("\xEF\xBB\xBFby,navn\n\"K\"\"ø\",Bo\n,\n"))
	f.Add([]byte("Navn;Navn\n\"a\n"))
	f.Add([]byte("Navn,E-mail\nS\xF8ren,x@y\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, problems := ParseCitizens(bytes.NewReader(b))
		for _, r := range rows {
			if strings.TrimSpace(r.Record.Name) == "" || r.Line < 1 {
				t.Fatalf("row without name or line: %+v", r)
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" {
				t.Fatalf("problem without line: %+v", p)
			}
		}
		_ = problems.Error()
	})
}
