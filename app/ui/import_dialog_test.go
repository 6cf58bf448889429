package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/encoding/charmap"

	"mentorbog/data"
	"mentorbog/data/cpr"
	"mentorbog/data/sqlstore"
)

// writeFile writes a real file and reads it back, as the file dialog would
// hand it to the import.
func writeFile(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(path, content, 0o600))
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

// unusedCPRs gives n valid CPR numbers no stored citizen has, as typed (DDMMYY-SSSS).
func unusedCPRs(t *testing.T, st *sqlstore.Store, n int) []string {
	t.Helper()
	var out []string
	for serial := 0; len(out) < n; serial += 41 {
		num, err := cpr.Generate(time.Date(1972, 8, 9, 0, 0, 0, 0, time.UTC), serial)
		must(t, err)
		if _, err := st.CitizenByCPR(context.Background(), string(num)); errors.Is(err, data.ErrNotFound) {
			out = append(out, num.Formatted())
		}
	}
	return out
}

// openImport opens the mentor screen and previews a file there.
func openImport(t *testing.T, st *sqlstore.Store, kind importKind, name string, content []byte) (*MainWindow, *mentorsScreen, *importer) {
	t.Helper()
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	s := m.screens[SectionMentors].(*mentorsScreen)
	im := &importer{env: m.env, st: st, kind: kind, done: s.reload}
	im.preview(name, content)
	return m, s, im
}

// runImport taps the import button and waits for the import to end.
func runImport(t *testing.T, im *importer) {
	t.Helper()
	if im.importBtn.Disabled() {
		t.Fatalf("the import button is disabled: %s", im.summary.Text)
	}
	im.importBtn.OnTapped()
	select {
	case <-im.finished:
	case <-time.After(time.Minute):
		t.Fatal("the import did not finish")
	}
}

func countStored(t *testing.T, st *sqlstore.Store) (citizens, mentors int) {
	t.Helper()
	cs, err := st.Citizens(context.Background(), true)
	must(t, err)
	ms, err := st.Mentors(context.Background(), true)
	must(t, err)
	return len(cs), len(ms)
}

func TestImportPreviewShowsEveryErrorAndImportsNothing(t *testing.T) {
	st := demoStore(t)
	existing, err := st.Citizens(context.Background(), false)
	must(t, err)
	dup := existing[0].CPR
	nums := unusedCPRs(t, st, 2)
	file := writeFile(t, "borgere-fejl.csv", []byte("\xEF\xBB\xBFNavn;CPR;Telefon;E-mail;Postnr\r\n"+
		"Åse Øberg;"+nums[0]+";20 30 40 50;aase@example.dk;4700\r\n"+ // line 2: fine
		";;20 30 40 51;;\r\n"+ // line 3: no name
		"Bjørn Ærø;3102851234;;;\r\n"+ // line 4: 31 February
		"Carl Ødegaard;;tlf. 22;carl@;47\r\n"+ // line 5: phone, e-mail, postcode
		"Erik Dam;"+dup+";;;\r\n"+ // line 6: already in the database
		"Dorte Åris;"+nums[1]+";;;\r\n"+ // lines 7 and 8: the same CPR twice
		"Frida Holm;"+nums[1]+";;;\r\n"))
	citizensBefore, _ := countStored(t, st)
	m, _, im := openImport(t, st, importCitizens, "borgere-fejl.csv", file)

	type where struct {
		line   int
		column string
	}
	got := map[where]bool{}
	for _, p := range im.problems {
		got[where{p.Line, p.Column}] = true
	}
	for _, w := range []where{{3, "Navn"}, {4, "CPR"}, {5, "Telefon"}, {5, "E-mail"}, {5, "Postnr"}, {6, "CPR"}, {7, "CPR"}, {8, "CPR"}} {
		if !got[w] {
			t.Errorf("no problem reported for line %d, column %s; got %v", w.line, w.column, im.problems)
		}
	}
	if !im.importBtn.Disabled() {
		t.Error("the import button is enabled for a file with errors")
	}
	assertShows(t, m, "borgere-fejl.csv", "Fejl i filen: 8", "Intet bliver importeret", "Linje", "Kolonne", "Årsag",
		"Åse Øberg", nums[0][:6]+"-XXXX", "Postnr", "En borger med dette CPR-nummer findes allerede.")
	assertHides(t, m, nums[0], dup)
	capture(t, m, "import-preview-fejl")
	im.start() // as if the disabled button were pressed anyway
	if n, _ := countStored(t, st); n != citizensBefore {
		t.Fatalf("%d citizens after a refused import, before %d", n, citizensBefore)
	}
}

func TestImportCleanBOMFileWithShuffledColumnsImportsAllWithLettersIntact(t *testing.T) {
	st := demoStore(t)
	nums := unusedCPRs(t, st, 3)
	file := writeFile(t, "borgere.csv", []byte("\xEF\xBB\xBFBy,cpr,  NAVN ,Postnr,Modersmål\r\n"+
		"Næstved,"+nums[0]+",Åse Øberg,4700,Dansk\r\n"+
		"Køge,"+nums[1]+",Bjørn Ærø,4600,Færøsk\r\n"+
		"Århus,"+nums[2]+",\"Møller, Ib\",8000,\r\n"))
	before, _ := countStored(t, st)
	m, _, im := openImport(t, st, importCitizens, "borgere.csv", file)
	if len(im.problems) > 0 {
		t.Fatalf("problems in a clean file: %v", im.problems)
	}
	assertShows(t, m, "Alle rækker er i orden", "Importér borgere (3)", "Bjørn Ærø", "Møller, Ib", "Århus")
	capture(t, m, "import-preview-ok")
	runImport(t, im)
	if im.imported != 3 || !strings.Contains(im.summary.Text, "borgere importeret (3)") {
		t.Fatalf("imported %d: %s", im.imported, im.summary.Text)
	}
	after, _ := countStored(t, st)
	if after != before+3 {
		t.Fatalf("%d citizens, want %d", after, before+3)
	}
	all, err := st.Citizens(context.Background(), true)
	must(t, err)
	found := map[string]data.Citizen{}
	for _, c := range all {
		found[c.Name] = c
	}
	if c := found["Bjørn Ærø"]; c.City != "Køge" || c.MotherTongue != "Færøsk" || c.Postcode != "4600" {
		t.Errorf("Bjørn Ærø stored as %+v", c)
	}
	if c := found["Møller, Ib"]; c.City != "Århus" {
		t.Errorf("Møller, Ib stored as %+v", c)
	}
	entries, err := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditImport}})
	must(t, err)
	if len(entries) != 1 || entries[0].Detail != "3 borgere fra borgere.csv" {
		t.Errorf("audit: %+v", entries)
	}
}

func TestImportMentorsFromWindows1252ShowsThemInTheList(t *testing.T) {
	st := demoStore(t)
	text, err := charmap.Windows1252.NewEncoder().String("Kapacitet;Navn;Sprog;Type;Kompetencer\r\n" +
		"7,5;Søren Ærø Åberg;dansk, færøsk;frivillig;angst\r\n" +
		"20;Øjvind Bæk;dansk;ansat;misbrug, gæld\r\n")
	must(t, err)
	file := writeFile(t, "mentorer.csv", []byte(text))
	_, before := countStored(t, st)
	m, s, im := openImport(t, st, importMentors, "mentorer.csv", file)
	assertShows(t, m, "Søren Ærø Åberg", "dansk, færøsk", "7,5 t/uge", "Frivillig", "Importér mentorer (2)")
	runImport(t, im)
	if _, after := countStored(t, st); after != before+2 {
		t.Fatalf("%d mentors, want %d", after, before+2)
	}
	im.cancel() // Luk
	names := listedMentorNames(s)
	if !containsAll(names, "Søren Ærø Åberg", "Øjvind Bæk") {
		t.Errorf("the list was not reloaded: %v", names)
	}
	ms, err := st.Mentors(context.Background(), false)
	must(t, err)
	for _, mt := range ms {
		if mt.Name == "Søren Ærø Åberg" && (mt.WeeklyCapacityMin != 450 || mt.Kind != data.MentorVolunteer || strings.Join(mt.Languages, "|") != "dansk|færøsk") {
			t.Errorf("stored %+v", mt)
		}
	}
}

func TestImportCancelledHalfwayImportsNothing(t *testing.T) {
	st := demoStore(t)
	var b strings.Builder
	b.WriteString("Navn;Kapacitet\r\n")
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "Mentor Ærø %03d;%d\r\n", i, i%30)
	}
	file := writeFile(t, "mange.csv", []byte(b.String()))
	_, before := countStored(t, st)
	_, _, im := openImport(t, st, importMentors, "mange.csv", file)
	im.afterRow = func(done int) {
		if done == 50 {
			im.cancel() // the user presses Annullér while rows are being saved
		}
	}
	im.importBtn.OnTapped()
	<-im.finished
	if !strings.Contains(im.summary.Text, "annulleret") || im.imported != 0 {
		t.Fatalf("after cancelling: %q, imported %d", im.summary.Text, im.imported)
	}
	if _, after := countStored(t, st); after != before {
		t.Fatalf("%d mentors after a cancelled import, before %d", after, before)
	}
	if im.importBtn.Disabled() {
		t.Error("the import cannot be started again after cancelling")
	}
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

func TestImportCitizensSitsOnBorgereForCoordinatorsOnly(t *testing.T) {
	st, f := reportUsers(t)
	_ = f
	loginAs(t, st, "kim", "kims kodeord 123")
	m := newWindow(t, st)
	m.ShowSection(SectionMentors)
	mentors := m.screens[SectionMentors].(*mentorsScreen)
	if findButton(mentors.view(), "Importér borgere") != nil || findButton(mentors.view(), "Importér mentorer") == nil {
		t.Fatal("Mentorer must offer the mentor import only")
	}
	m.ShowSection(SectionCitizens)
	citizens := m.citizensScreen()
	btn := findButton(citizens.view(), "Importér borgere")
	if btn == nil {
		t.Fatal("Borgere has no Importér borgere for a coordinator")
	}
	capture(t, m, "borgere-import-knap")
	test.Tap(btn)
	if citizens.importer == nil || citizens.importer.kind != importCitizens {
		t.Fatal("the button did not start a citizen import")
	}

	// The import reloads the Borgere list when done.
	nums := unusedCPRs(t, st, 1)
	im := citizens.importer
	im.preview("borgere.csv", writeFile(t, "borgere.csv", []byte("Navn;CPR\r\nÅse Øberg;"+nums[0]+"\r\n")))
	runImport(t, im)
	citizens.status.SetSelectedIndex(int(citizensAll))
	if _, ok := citizens.rowByID(lastCitizenID(t, st)); !ok {
		t.Fatal("the imported citizen is not in the Borgere list")
	}

	// A mentor sees no import.
	loginAs(t, st, "karen", "karens kodeord")
	m2 := newWindow(t, st)
	if findButton(m2.citizensScreen().view(), "Importér borgere") != nil {
		t.Fatal("a mentor is offered the citizen import")
	}
}

func lastCitizenID(t *testing.T, st *sqlstore.Store) data.ID {
	t.Helper()
	all, err := st.Citizens(context.Background(), true)
	must(t, err)
	var id data.ID
	for _, c := range all {
		id = max(id, c.ID)
	}
	return id
}
