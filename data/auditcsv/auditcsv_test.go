package auditcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

func TestWriteIsWhatDanishExcelOpens(t *testing.T) {
	entries := []data.AuditEntry{
		{ID: 3, At: time.Date(2026, 11, 23, 13, 5, 9, 0, time.UTC), UserID: 2, Username: "bjørn",
			Action: data.AuditOpenCitizen, CitizenID: 17},
		{ID: 2, At: time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC), UserID: 1, Username: "søren.ærø",
			Action: data.AuditUpdate, CitizenID: 17, Detail: "felter: navn; adresse, \"telefon\"\nog e-mail"},
		{ID: 1, At: time.Date(2026, 1, 2, 3, 4, 5, 0, data.Zone()), Username: "=cmd", Action: data.AuditLoginFailed,
			Detail: "-ukendt brugernavn"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no BOM: % x", out[:3])
	}
	text := string(out[3:])
	if !strings.HasPrefix(text, "Tidspunkt;Bruger;Handling;Borger-id;Detaljer\r\n") {
		t.Fatalf("header: %q", text)
	}
	if !strings.Contains(text, "\r\n23-11-2026 14:05:09;bjørn;Åbnede borger;17;\r\n") {
		t.Fatalf("first row (winter time, label, æøå): %q", text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		Header,
		{"23-11-2026 14:05:09", "bjørn", "Åbnede borger", "17", ""},
		{"01-07-2026 12:00:00", "søren.ærø", "Ændrede", "17", "felter: navn; adresse, \"telefon\"\nog e-mail"},
		{"02-01-2026 03:04:05", "'=cmd", "Mislykket login", "", "'-ukendt brugernavn"},
	}
	if !reflect.DeepEqual(records, want) {
		t.Fatalf("re-parsed:\n%q\nwant\n%q", records, want)
	}
}

func TestWriteOfNoEntriesIsTheHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "\uFEFFTidspunkt;Bruger;Handling;Borger-id;Detaljer\r\n" {
		t.Fatalf("%q", buf.String())
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("disken er fuld")
	}
	w.n--
	return len(p), nil
}

func TestWriteReportsWriteErrors(t *testing.T) {
	for n := 0; n < 2; n++ {
		if err := Write(&failingWriter{n: n}, []data.AuditEntry{{Action: data.AuditExport}}); err == nil {
			t.Errorf("no error when write %d fails", n+1)
		}
	}
}
