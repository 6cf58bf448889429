package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"mentorbog/data"
	"mentorbog/data/auditcsv"
)

// CitizenAuditReport is the "who has looked at my data" document for one
// citizen: every audit entry about them, for a request of access.
type CitizenAuditReport struct {
	Organisation data.Organisation
	CitizenID    data.ID
	CitizenName  string
	MaskedCPR    string
	Entries      []data.AuditEntry
	Generated    time.Time
}

// Write renders the report as PDF.
func (r CitizenAuditReport) Write(w io.Writer) error {
	d := newDocument(r.Organisation, "Revisionslog for borger", r.Generated)
	d.heading("Hvem har set og ændret borgerens oplysninger", 15)
	d.facts([][2]string{
		{"Borger", r.CitizenName},
		{"CPR-nummer", r.MaskedCPR},
		{"Borger-id", strconv.FormatInt(r.CitizenID, 10)},
		{"Udskrevet", dateTime(r.Generated)},
		{"Antal hændelser", strconv.Itoa(len(r.Entries))},
	})
	d.paragraph(fmt.Sprintf("Listen viser hver gang en bruger hos %s har åbnet, ændret, eksporteret eller "+
		"slettet oplysninger om borgeren, med tidspunkt og bruger. Selve oplysningerne står ikke i loggen.", r.Organisation.Name))
	rows := make([][]string, 0, len(r.Entries))
	for _, e := range r.Entries {
		rows = append(rows, []string{dateTime(e.At), e.Username, e.Action.Label(), e.Detail})
	}
	if len(rows) == 0 {
		d.paragraph("Der er ingen hændelser om borgeren i perioden, loggen dækker.")
	} else {
		d.table([]string{"Tidspunkt", "Bruger", "Handling", "Detaljer"}, []float64{38, 32, 42, contentWidth - 112}, rows)
	}
	return d.write(w)
}

// Formats of the per-citizen audit export, chosen by file ending.
const (
	FormatPDF = ".pdf"
	FormatCSV = ".csv"
)

// ExportCitizenAudit writes one citizen's audit entries, oldest first, as
// PDF or CSV: the answer to "who has looked at my data". citizen is nil
// for an erased citizen, whose entries still exist with only the id.
func ExportCitizenAudit(w io.Writer, format string, org data.Organisation, citizenID data.ID, citizen *data.Citizen,
	entries []data.AuditEntry, now time.Time) error {
	ordered := slices.Clone(entries)
	slices.SortStableFunc(ordered, func(a, b data.AuditEntry) int { return cmp.Compare(a.ID, b.ID) })
	switch format {
	case FormatCSV:
		return auditcsv.Write(w, ordered)
	case FormatPDF:
		r := CitizenAuditReport{Organisation: org, CitizenID: citizenID, Entries: ordered, Generated: now,
			CitizenName: "(slettet borger)", MaskedCPR: "–"}
		if citizen != nil {
			r.CitizenName, r.MaskedCPR = citizen.Name, citizen.MaskedCPR()
		}
		return r.Write(w)
	}
	return fmt.Errorf("ukendt format %q: brug .pdf eller .csv", format)
}
