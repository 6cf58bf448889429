// Package auditcsv writes the audit log as a CSV file that Danish Excel
// opens directly: the per-citizen "who looked at my data" export (indsigt)
// and the administrator's export of the log.
//
// The format is UTF-8 with a byte order mark (without it Excel reads the
// file as Windows-1252 and breaks æ, ø and å), semicolons between fields
// (Danish Excel uses the comma as decimal separator), CRLF line ends, and
// quoting by the rules of encoding/csv. Times are Danish local time.
package auditcsv

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"mentorbog/data"
)

// Header is the first line of every export.
var Header = []string{"Tidspunkt", "Bruger", "Handling", "Borger-id", "Detaljer"}

// TimeLayout is how times are written, e.g. "23-11-2026 14:05:09".
const TimeLayout = "02-01-2006 15:04:05"

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// Write writes entries, in the order given, as CSV to w.
func Write(w io.Writer, entries []data.AuditEntry) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, e := range entries {
		citizen := ""
		if e.CitizenID != 0 {
			citizen = strconv.FormatInt(e.CitizenID, 10)
		}
		record := []string{
			e.At.In(data.Zone()).Format(TimeLayout),
			defuse(e.Username),
			e.Action.Label(),
			citizen,
			defuse(e.Detail),
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps Excel from running free text as a formula (CSV injection):
// a field that starts with =, +, -, @, tab or CR gets a leading apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
