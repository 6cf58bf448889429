package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// pdfText extracts the text of pages first..last with pdftotext (poppler).
func pdfText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: make test installs poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-layout"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func auditReport(n int) CitizenAuditReport {
	at := time.Date(2026, 11, 23, 14, 5, 9, 0, data.Zone())
	r := CitizenAuditReport{
		Organisation: data.Organisation{Name: "Broen Mentorhus ApS", ReportFooter: "CVR 12345678"},
		CitizenID:    7, CitizenName: "Åse Bækgaard Østergaard", MaskedCPR: "010203-XXXX",
		Generated: at,
	}
	for i := 0; i < n; i++ {
		r.Entries = append(r.Entries, data.AuditEntry{ID: data.ID(n - i), At: at.Add(-time.Duration(i) * time.Hour),
			Username: fmt.Sprintf("bruger%03d", i), Action: data.AuditOpenCitizen, CitizenID: 7,
			Detail: "mentoraftale 12 – ændret af koordinatoren før møde"})
	}
	return r
}

func TestCitizenAuditReportReadsBackWithDanishTextAndPageNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := auditReport(120).Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), 0, 0)
	for _, want := range []string{"Åse Bækgaard Østergaard", "010203-XXXX", "Hvem har set og ændret", "Åbnede borger",
		"23-11-2026 14:05:09", "bruger000", "bruger119", "Fortroligt · CVR 12345678", "mentoraftale 12 – ændret"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	pages := strings.Count(text, "\f")
	if pages < 3 {
		t.Fatalf("120 entries fit on %d pages; expected several", pages)
	}
	if !strings.Contains(text, fmt.Sprintf("Side 1 af %d", pages)) || !strings.Contains(text, fmt.Sprintf("Side %d af %d", pages, pages)) {
		t.Errorf("page numbers x af %d missing", pages)
	}
	if second := pdfText(t, buf.Bytes(), 2, 2); !strings.Contains(second, "Tidspunkt") || !strings.Contains(second, "Handling") {
		t.Error("the table header is not repeated on page 2")
	}
}

func TestTheSameDataGivesTheSameReport(t *testing.T) {
	// Several renders: an order that depends on map iteration differs
	// only now and then.
	var first bytes.Buffer
	if err := auditReport(30).Write(&first); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		var again bytes.Buffer
		if err := auditReport(30).Write(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatalf("render %d of the same data differs from the first", i+2)
		}
	}
}

func TestAnEmptyLogSaysSo(t *testing.T) {
	var buf bytes.Buffer
	if err := auditReport(0).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, buf.Bytes(), 0, 0); !strings.Contains(text, "ingen hændelser") || !strings.Contains(text, "Side 1 af 1") {
		t.Errorf("empty report:\n%s", text)
	}
}
