package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// FuzzReportTextLayout feeds arbitrary text (very long words, control
// characters, invalid UTF-8, right-to-left script) into the places where a
// report wraps and tables text. Rendering must never panic or fail, and
// always give a complete PDF.
func FuzzReportTextLayout(f *testing.F) {
	f.Add("Åse Bækgaard", "mentoraftale 12 – ændret", "admin")
	f.Add(strings.Repeat("Ø", 400), strings.Repeat("x", 3000), "")
	f.Add("\x00\xff\xfe", "\t\r\n\n\n", "محمد")
	f.Add("", "", strings.Repeat("bruger", 80))
	f.Fuzz(func(t *testing.T, name, detail, user string) {
		r := CitizenAuditReport{
			Organisation: data.Organisation{Name: name, ReportFooter: detail},
			CitizenID:    1, CitizenName: name, MaskedCPR: "010203-XXXX",
			Generated: time.Date(2026, 11, 23, 12, 0, 0, 0, data.Zone()),
		}
		for i := 0; i < 3; i++ {
			r.Entries = append(r.Entries, data.AuditEntry{At: r.Generated, Username: user, Action: data.AuditUpdate, Detail: detail})
		}
		var buf bytes.Buffer
		if err := r.Write(&buf); err != nil {
			t.Fatalf("write: %v", err)
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.Contains(out[max(0, len(out)-32):], []byte("%%EOF")) {
			t.Fatal("not a complete PDF")
		}
	})
}
