package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"mentorbog/data"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
)

const exportCSVUsage = "export csv kræver: export csv --what citizens|mentors|sessions --out FIL.csv [--show-cpr] [--db STI]"

// exportCSV writes citizens, mentors or sessions as a CSV file that Danish
// Excel opens directly: UTF-8 with BOM, semicolons, CRLF, Danish dates
// (dd-mm-åååå) and hours with a decimal comma.
//
// Who may export: coordinators and administrators (a mentor sees only
// their own courses and has no use for the whole register). CPR numbers
// are masked (DDMMYY-XXXX) unless --show-cpr is given, and only an
// administrator may give it: a full CPR list is what the data processing
// agreement protects most. Handover profiles and session notes are never
// exported; they are health and social data with no place in a spreadsheet.
// The export is written to the audit log with what and how many, never who.
func exportCSV(ctx context.Context, env Env, args []string) int {
	flags := newFlagSet("export csv", env)
	dbPath := flags.String("db", "", "databasefil")
	what := flags.String("what", "", "citizens, mentors eller sessions")
	out := flags.String("out", "", "CSV-filen der skrives")
	showCPR := flags.Bool("show-cpr", false, "vis fulde CPR-numre (kun administrator)")
	if err := parseCommand(flags, args); err != nil {
		return ExitUsage
	}
	kind, ok := csvContents[*what]
	if !ok || *out == "" {
		fmt.Fprintln(env.Stderr, exportCSVUsage)
		return ExitUsage
	}
	st, _, ok := openExisting(env, *dbPath)
	if !ok {
		return ExitError
	}
	defer st.Close()
	u, err := authenticate(ctx, env, st)
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	if err := exportAllowed(u, *showCPR); err != nil {
		st.Lock()
		fmt.Fprintln(env.Stderr, "Fejl:", err)
		return ExitError
	}
	var buf bytes.Buffer
	n, err := writeExport(ctx, &buf, st, kind, *showCPR)
	if err == nil {
		err = os.WriteFile(*out, buf.Bytes(), 0o600)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "Fejl: eksport:", err)
		return ExitError
	}
	detail := fmt.Sprintf("CSV: %d %s", n, kind.plural)
	if kind.name == "citizens" || kind.name == "sessions" {
		if *showCPR {
			detail += " med fulde CPR-numre"
		} else {
			detail += " (CPR maskeret)"
		}
	}
	if err := st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: data.AuditExport, Detail: detail}); err != nil {
		fmt.Fprintln(env.Stderr, "Advarsel: eksporten blev ikke skrevet i revisionsloggen:", err)
	}
	fmt.Fprintf(env.Stdout, "%d %s skrevet til %s\n", n, kind.plural, *out)
	return ExitOK
}

// exportKind is one of the --what values.
type exportKind struct{ name, plural string }

var csvContents = map[string]exportKind{
	"citizens": {"citizens", "borgere"}, "borgere": {"citizens", "borgere"},
	"mentors": {"mentors", "mentorer"}, "mentorer": {"mentors", "mentorer"},
	"sessions": {"sessions", "møder"}, "moeder": {"sessions", "møder"},
}

// exportAllowed: coordinators and administrators; full CPR numbers for
// administrators only.
func exportAllowed(u data.User, showCPR bool) error {
	if u.Role != data.RoleCoordinator && u.Role != data.RoleAdministrator {
		return errors.New("kun koordinatorer og administratorer må eksportere")
	}
	if showCPR && u.Role != data.RoleAdministrator {
		return errors.New("kun en administrator må eksportere fulde CPR-numre (--show-cpr); uden det vises de maskeret")
	}
	return nil
}

// writeExport writes the chosen records and returns how many.
func writeExport(ctx context.Context, w io.Writer, st *sqlstore.Store, kind exportKind, showCPR bool) (int, error) {
	var header []string
	var rows [][]string
	var err error
	switch kind.name {
	case "citizens":
		header, rows, err = citizenRecords(ctx, st, showCPR)
	case "mentors":
		header, rows, err = mentorRecords(ctx, st)
	default:
		header, rows, err = sessionRecords(ctx, st, showCPR)
	}
	if err != nil {
		return 0, err
	}
	return len(rows), writeExcelCSV(w, header, rows)
}

// writeExcelCSV writes what Danish Excel opens with a double click: the
// UTF-8 byte order mark (without it Excel reads Windows-1252 and breaks æ, ø
// and å), semicolons (the comma is the decimal separator) and CRLF.
func writeExcelCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		for i := range r {
			r[i] = defuseCell(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuseCell keeps Excel from running typed text as a formula (CSV
// injection): a cell starting with =, @, tab or CR, or with + or - when it
// is not a phone number or a number, gets a leading apostrophe.
func defuseCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if strings.Trim(s, "0123456789 +-,.") != "" {
			return "'" + s
		}
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// citizenRecords uses the import's column names first, so a file exported
// with --show-cpr imports again unchanged.
func citizenRecords(ctx context.Context, st *sqlstore.Store, showCPR bool) ([]string, [][]string, error) {
	header := []string{"Navn", "CPR", "Telefon", "E-mail", "Adresse", "Postnr", "By", "Modersmål", "Målgruppe",
		"Tolk", "Samtykke frivillig mentor", "Samtykke SMS", "Samtykke e-mail", "Arkiveret"}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	dk.SortBy(citizens, func(c data.Citizen) string { return c.Name })
	var rows [][]string
	for _, c := range citizens {
		rows = append(rows, []string{c.Name, cprText(c, showCPR), c.Phone, c.Email, c.Address, c.Postcode, c.City,
			c.MotherTongue, c.TargetGroup, yesNo(c.InterpreterNeeded), yesNo(c.Consents.VolunteerMentor),
			yesNo(c.Consents.SMS), yesNo(c.Consents.Email), yesNo(c.Archived)})
	}
	return header, rows, nil
}

// cprText is the CPR as DDMMYY-SSSS when asked for, else masked.
func cprText(c data.Citizen, show bool) string {
	if !show {
		return c.MaskedCPR()
	}
	n, err := c.CPRNumber()
	if err != nil || n == "" {
		return c.MaskedCPR()
	}
	s := string(n)
	return s[:6] + "-" + s[6:]
}

// mentorRecords uses the import's column names first; Kapacitet is hours a
// week with a decimal comma, as the import reads it.
func mentorRecords(ctx context.Context, st *sqlstore.Store) ([]string, [][]string, error) {
	header := []string{"Navn", "Telefon", "E-mail", "Type", "Sprog", "Kompetencer", "Kapacitet", "Kvalifikationer", "Arkiveret"}
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	dk.SortBy(mentors, func(m data.Mentor) string { return m.Name })
	var rows [][]string
	for _, m := range mentors {
		rows = append(rows, []string{m.Name, m.Phone, m.Email, string(m.Kind), strings.Join(m.Languages, ", "),
			strings.Join(m.Competences, ", "), dk.FormatHours(m.WeeklyCapacityMin), m.Qualifications, yesNo(m.Archived)})
	}
	return header, rows, nil
}

// sessionRecords lists every session by planned start, with contact,
// transport and admin time apart (only contact time may be billed).
func sessionRecords(ctx context.Context, st *sqlstore.Store, showCPR bool) ([]string, [][]string, error) {
	header := []string{"Dato", "Start", "Slut", "Borger", "CPR", "Mentor", "Kommune", "Forløb", "Status", "Form", "Sted",
		"Kontakttid (timer)", "Transporttid (timer)", "Administration (timer)"}
	sessions, err := st.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		return nil, nil, err
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return nil, nil, err
	}
	citizens, err := st.Citizens(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	mentors, err := st.Mentors(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	courseBy := map[data.ID]data.Course{}
	for _, c := range courses {
		courseBy[c.ID] = c
	}
	citizenBy := map[data.ID]data.Citizen{}
	for _, c := range citizens {
		citizenBy[c.ID] = c
	}
	mentorBy := map[data.ID]string{}
	for _, m := range mentors {
		mentorBy[m.ID] = m.Name
	}
	municipalityBy := map[data.ID]string{}
	for _, m := range municipalities {
		municipalityBy[m.ID] = m.Name
	}
	var rows [][]string
	for _, s := range sessions {
		co := courseBy[s.CourseID]
		c := citizenBy[co.CitizenID]
		start, end := s.PlannedStart.In(data.Zone()), s.PlannedEnd.In(data.Zone())
		if !s.ActualStart.IsZero() && !s.ActualEnd.IsZero() {
			start, end = s.ActualStart.In(data.Zone()), s.ActualEnd.In(data.Zone())
		}
		rows = append(rows, []string{dk.FormatDate(start), dk.FormatTime(start), dk.FormatTime(end), c.Name,
			cprText(c, showCPR), mentorBy[s.MentorID], municipalityBy[co.MunicipalityID], strconv.FormatInt(s.CourseID, 10),
			s.Status.Label(), s.Form.Label(), s.Place, dk.FormatHours(s.ContactMin), dk.FormatHours(s.TransportMin),
			dk.FormatHours(s.AdminMin)})
	}
	return header, rows, nil
}
