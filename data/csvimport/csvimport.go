// Package csvimport reads citizens and mentors from CSV files as Danish
// offices write them: Excel's semicolons (or commas), UTF-8 with or without
// BOM or old Windows-1252, and Danish column names in any order. Every bad
// row is reported with its line, column and a Danish reason; nothing is
// imported unless every row is valid.
package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"mentorbog/data"
	"mentorbog/data/cpr"
)

// Limits on what a file may hold.
const (
	MaxBytes = 10 << 20 // 10 MB
	MaxRows  = 20_000
)

// Row is one record read from the file, with the line it started on.
// Warnings (such as a failed CPR modulus 11 check) never block the import.
type Row[T any] struct {
	Line     int
	Record   T
	Warnings Problems
}

// Problem is one thing wrong with the file. Line is the 1-based line in the
// file (0 only for a problem with the whole file, such as its size); Column
// is the column's name as written in the header, or "" when the problem
// concerns the whole line. Message is a Danish sentence.
type Problem struct {
	Line    int
	Column  string
	Message string
}

func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return "Filen: " + p.Message
	case p.Column == "":
		return fmt.Sprintf("Linje %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("Linje %d, kolonne %s: %s", p.Line, p.Column, p.Message)
}

// Problems lists what is wrong with a file, in line order.
type Problems []Problem

// Error lists the problems, one a line: "Linje 4, kolonne CPR: ...".
func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, pr := range p {
		lines[i] = pr.String()
	}
	return strings.Join(lines, "\n")
}

func (p Problems) sorted() Problems {
	sort.SliceStable(p, func(i, j int) bool { return p[i].Line < p[j].Line })
	return p
}

// column describes one known column: its Danish header, the data field key
// used by Validate, and how a cell is put into the record. set may return
// a Danish message for a value it cannot read.
type column[T any] struct {
	header string
	field  string
	set    func(rec *T, value string) string
}

var citizenColumns = []column[data.Citizen]{
	{"Navn", "name", func(c *data.Citizen, v string) string { c.Name = v; return "" }},
	{"CPR", "cpr", func(c *data.Citizen, v string) string { c.CPR = v; return "" }},
	{"Telefon", "phone", func(c *data.Citizen, v string) string { c.Phone = v; return "" }},
	{"E-mail", "email", func(c *data.Citizen, v string) string { c.Email = v; return "" }},
	{"Adresse", "address", func(c *data.Citizen, v string) string { c.Address = v; return "" }},
	{"Postnr", "postcode", func(c *data.Citizen, v string) string { c.Postcode = v; return "" }},
	{"By", "city", func(c *data.Citizen, v string) string { c.City = v; return "" }},
	{"Modersmål", "mother_tongue", func(c *data.Citizen, v string) string { c.MotherTongue = v; return "" }},
	{"Målgruppe", "target_group", func(c *data.Citizen, v string) string { c.TargetGroup = v; return "" }},
	// The optional columns below are what `export csv` writes after the
	// documented ones, so an exported file imports again.
	{"Tolk", "interpreter", func(c *data.Citizen, v string) string { return yesNo(&c.InterpreterNeeded, v) }},
	{"Samtykke frivillig mentor", "consent_volunteer", func(c *data.Citizen, v string) string { return yesNo(&c.Consents.VolunteerMentor, v) }},
	{"Samtykke SMS", "consent_sms", func(c *data.Citizen, v string) string { return yesNo(&c.Consents.SMS, v) }},
	{"Samtykke e-mail", "consent_email", func(c *data.Citizen, v string) string { return yesNo(&c.Consents.Email, v) }},
	{"Arkiveret", "archived", func(c *data.Citizen, v string) string { return yesNo(&c.Archived, v) }},
}

var mentorColumns = []column[data.Mentor]{
	{"Navn", "name", func(m *data.Mentor, v string) string { m.Name = v; return "" }},
	{"Telefon", "phone", func(m *data.Mentor, v string) string { m.Phone = v; return "" }},
	{"E-mail", "email", func(m *data.Mentor, v string) string { m.Email = v; return "" }},
	{"Type", "kind", func(m *data.Mentor, v string) string {
		switch strings.ToLower(v) {
		case "", string(data.MentorEmployed):
			m.Kind = data.MentorEmployed
		case string(data.MentorVolunteer):
			m.Kind = data.MentorVolunteer
		default:
			m.Kind = data.MentorKind(v) // Validate names the problem
		}
		return ""
	}},
	{"Sprog", "languages", func(m *data.Mentor, v string) string { m.Languages = splitComma(v); return "" }},
	{"Kompetencer", "competences", func(m *data.Mentor, v string) string { m.Competences = splitComma(v); return "" }},
	{"Kapacitet", "capacity", func(m *data.Mentor, v string) string {
		min, msg := parseHours(v)
		m.WeeklyCapacityMin = min
		return msg
	}},
	{"Kvalifikationer", "qualifications", func(m *data.Mentor, v string) string { m.Qualifications = v; return "" }},
	{"Arkiveret", "archived", func(m *data.Mentor, v string) string { return yesNo(&m.Archived, v) }},
}

// yesNo reads "ja"/"nej" (also "x", "1", "0" and empty for no).
func yesNo(b *bool, v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "ja", "j", "x", "1", "yes":
		*b = true
	case "", "nej", "n", "0", "no":
		*b = false
	default:
		return "Skriv ja eller nej."
	}
	return ""
}

// splitComma reads a comma-separated list, trimming blanks and dropping
// empty items.
func splitComma(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseHours reads hours a week with a decimal comma ("7,5") as minutes.
// Empty means 0.
func parseHours(s string) (int, string) {
	if s == "" {
		return 0, ""
	}
	const bad = "Kapacitet skal være timer om ugen, skrevet med decimalkomma, fx 7,5."
	whole, frac, _ := strings.Cut(s, ",")
	if whole == "" || len(s) > 10 || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, bad
	}
	h, err := strconv.ParseFloat(whole+"."+frac, 64)
	if err != nil || math.IsNaN(h) {
		return 0, bad
	}
	if h > 60 {
		return 0, "Kapacitet skal være mellem 0 og 60 timer om ugen."
	}
	return int(math.Round(h * 60)), ""
}

// ParseCitizens reads citizens. Only valid rows are returned; when any
// problem is reported the file must not be imported.
func ParseCitizens(r io.Reader) ([]Row[data.Citizen], Problems) {
	rows, problems := parse(r, citizenColumns)
	// The same CPR number twice in the file is an error on every line
	// concerned. The number itself is never put in a message.
	lines := map[cpr.Number][]int{}
	var order []cpr.Number
	for _, row := range rows {
		n, err := row.Record.CPRNumber()
		if err != nil || n == "" {
			continue
		}
		if lines[n] == nil {
			order = append(order, n)
		}
		lines[n] = append(lines[n], row.Line)
	}
	dup := map[int]bool{}
	for _, n := range order {
		ls := lines[n]
		if len(ls) < 2 {
			continue
		}
		for i, l := range ls {
			var others []string
			for j, o := range ls {
				if j != i {
					others = append(others, strconv.Itoa(o))
				}
			}
			problems = append(problems, Problem{l, "CPR", "Samme CPR-nummer står også i linje " + strings.Join(others, ", ") + "."})
			dup[l] = true
		}
	}
	if len(dup) > 0 {
		kept := rows[:0]
		for _, row := range rows {
			if !dup[row.Line] {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	return rows, problems.sorted()
}

// ParseMentors reads mentors. Only valid rows are returned; when any
// problem is reported the file must not be imported.
func ParseMentors(r io.Reader) ([]Row[data.Mentor], Problems) {
	rows, problems := parse(r, mentorColumns)
	return rows, problems.sorted()
}

// validator is what both record types offer.
type validator interface{ Validate() data.Problems }

func parse[T any](r io.Reader, columns []column[T]) ([]Row[T], Problems) {
	text, problem := readText(r)
	if problem != nil {
		return nil, Problems{*problem}
	}
	sep := detectSeparator(text)
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, Problems{{1, "", "Filen er tom. Første linje skal være overskrifterne, fx " + headerExample(columns, sep) + "."}}
	}
	if err != nil {
		return nil, Problems{csvProblem(err)}
	}
	headerLine, _ := cr.FieldPos(0)
	index, problems := mapHeader(header, headerLine, columns, sep)
	if len(problems) > 0 {
		return nil, problems
	}

	var rows []Row[T]
	count := 0
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A broken quote makes the rest of the file unreadable.
			return nil, append(problems, csvProblem(err))
		}
		line, _ := cr.FieldPos(0)
		if blank(record) {
			continue // Excel's empty rows (";;;;") and trailing blank lines
		}
		count++
		if count > MaxRows {
			return nil, append(problems, Problem{line, "", fmt.Sprintf("Filen har mere end %d rækker. Del den op i flere filer.", MaxRows)})
		}
		row, rowProblems := readRow(record, line, header, index, columns)
		if len(rowProblems) > 0 {
			problems = append(problems, rowProblems...)
			continue
		}
		rows = append(rows, row)
	}
	if count == 0 {
		problems = append(problems, Problem{headerLine, "", "Filen har ingen rækker under overskriften."})
	}
	return rows, problems
}

// readRow turns one record into a validated row.
func readRow[T any](record []string, line int, header []string, index []int, columns []column[T]) (Row[T], Problems) {
	var problems Problems
	if len(record) < len(header) {
		return Row[T]{}, Problems{{line, "", fmt.Sprintf("Linjen har %d felter, men overskriften har %d. Tjek skilletegnene.", len(record), len(header))}}
	}
	for i := len(header); i < len(record); i++ {
		if strings.TrimSpace(record[i]) != "" {
			return Row[T]{}, Problems{{line, "", fmt.Sprintf("Linjen har %d felter, men overskriften har %d. Tjek skilletegnene, og sæt tekst med skilletegn i anførselstegn.", len(record), len(header))}}
		}
	}
	var rec T
	if m, ok := any(&rec).(*data.Mentor); ok {
		m.Kind = data.MentorEmployed // when the file has no Type column
	}
	for i, value := range record[:len(header)] {
		value = strings.TrimSpace(value)
		c := index[i]
		if c < 0 {
			if value != "" {
				problems = append(problems, Problem{line, "", fmt.Sprintf("Felt nr. %d har en værdi, men kolonnen har ingen overskrift.", i+1)})
			}
			continue
		}
		if msg := columns[c].set(&rec, value); msg != "" {
			problems = append(problems, Problem{line, columns[c].header, msg})
		}
	}
	var warnings Problems
	for _, fe := range any(rec).(validator).Validate() {
		name := ""
		for _, c := range columns {
			if c.field == fe.Field {
				name = c.header
			}
		}
		if already(problems, name) {
			continue // our own message for that cell says it better
		}
		p := Problem{line, name, fe.Message}
		if fe.Warning {
			warnings = append(warnings, p)
		} else {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return Row[T]{}, problems
	}
	return Row[T]{Line: line, Record: rec, Warnings: warnings}, nil
}

func already(problems Problems, column string) bool {
	for _, p := range problems {
		if column != "" && p.Column == column {
			return true
		}
	}
	return false
}

// mapHeader finds each header cell's column: index[i] is the position in
// columns, or -1 for an empty header cell (Excel's trailing separators).
func mapHeader[T any](header []string, line int, columns []column[T], sep rune) ([]int, Problems) {
	var problems Problems
	index := make([]int, len(header))
	seen := map[int]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		index[i] = -1
		if h == "" {
			continue
		}
		found := -1
		for c, col := range columns {
			if strings.EqualFold(h, col.header) {
				found = c
			}
		}
		if found < 0 {
			problems = append(problems, Problem{line, h, fmt.Sprintf("Ukendt kolonne %q. Kendte kolonner: %s.", h, headerExample(columns, sep))})
			continue
		}
		if first, ok := seen[found]; ok {
			problems = append(problems, Problem{line, columns[found].header, fmt.Sprintf("Kolonnen %s står to gange (felt nr. %d og %d).", columns[found].header, first+1, i+1)})
			continue
		}
		seen[found] = i
		index[i] = found
	}
	if _, ok := seen[0]; !ok && !already(problems, columns[0].header) {
		problems = append(problems, Problem{line, "", fmt.Sprintf("Kolonnen %s mangler. Første linje skal være overskrifterne, fx %s.", columns[0].header, headerExample(columns, sep))})
	}
	return index, problems
}

func headerExample[T any](columns []column[T], sep rune) string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.header
	}
	return strings.Join(names, string(sep))
}

func blank(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvProblem explains a parse error of encoding/csv in Danish.
func csvProblem(err error) Problem {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return Problem{1, "", "Filen kan ikke læses som CSV."}
	}
	line := max(pe.StartLine, 1)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return Problem{line, "", `Et anførselstegn (") står inde i et felt. Sæt hele feltet i anførselstegn og skriv "" for et anførselstegn i teksten.`}
	case errors.Is(pe.Err, csv.ErrQuote):
		return Problem{line, "", `Et felt i anførselstegn (") slutter ikke rigtigt: der mangler et afsluttende anførselstegn, eller der står tekst efter det.`}
	}
	return Problem{line, "", "Linjen kan ikke læses som CSV."}
}

// readText reads at most MaxBytes and decodes them: UTF-8 with or without
// BOM, else Windows-1252 (what older Danish systems and Excel wrote).
func readText(r io.Reader) (string, *Problem) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return "", &Problem{0, "", "Filen kan ikke læses: " + err.Error()}
	}
	if len(b) > MaxBytes {
		return "", &Problem{0, "", fmt.Sprintf("Filen er større end %d MB. Del den op i flere filer.", MaxBytes>>20)}
	}
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return "", &Problem{1, "", "Filen er gemt som UTF-16 (Unicode-tekst). Gem den som CSV (semikolonsepareret) eller CSV UTF-8."}
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return string(b), nil
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", &Problem{1, "", "Filens tegnsæt kan ikke læses. Gem den som CSV UTF-8."}
	}
	return string(text), nil
}

// detectSeparator reads the header line with semicolon and with comma; the
// one giving more fields wins, semicolon on a tie (Danish Excel).
func detectSeparator(text string) rune {
	count := func(sep rune) int {
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comma, cr.FieldsPerRecord = sep, -1
		rec, err := cr.Read()
		if err != nil {
			return 0
		}
		return len(rec)
	}
	if count(',') > count(';') {
		return ','
	}
	return ';'
}
