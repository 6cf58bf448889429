package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// Request names one document to make.
type Request struct {
	Kind data.ReportKind
	// ReportID is the written report to render (opstartsnotat, status-
	// and slutrapport). Without it, the course and period are used, and an
	// existing report for them is found if there is one.
	ReportID       data.ID
	CourseID       data.ID
	AgreementID    data.ID   // mentoraftale; optional for the written kinds
	MunicipalityID data.ID   // timeopgørelse
	CitizenID      data.ID   // borgerens data
	From, To       data.Date // status report period; any day of the month for timeopgørelse
	// On is the report's own date, the only date of the day a document
	// shows (and its PDF creation date): the same data on the same date
	// gives the same file.
	On data.Date
}

// Document is a rendered PDF with what the register needs.
type Document struct {
	Kind     data.ReportKind
	Title    string
	FileName string // never holds a CPR number
	PDF      []byte
	Draft    bool
	SHA256   string
	Entry    data.GeneratedReport // filled for RegisterGeneratedReport
}

// RequestFor is the request that made a registered document: rendering it
// again from unchanged data gives the same file (the same SHA-256).
func RequestFor(g data.GeneratedReport) Request {
	return Request{Kind: g.Kind, ReportID: g.ReportID, CourseID: g.CourseID, MunicipalityID: g.MunicipalityID,
		CitizenID: g.CitizenID, From: g.PeriodStart, To: g.PeriodEnd, On: dayOf(g.GeneratedAt)}
}

// Render makes the PDF of a request without registering it.
func Render(ctx context.Context, st Source, req Request) (Document, error) {
	return render(ctx, st, req, nil)
}

// render makes the PDF of a request. loaded, when not nil, is the course
// of a written report already read (the month-end's prefilled kladde):
// reading it again would double the report's reads.
func render(ctx context.Context, st Source, req Request, loaded *courseFile) (Document, error) {
	if req.On.IsZero() {
		return Document{}, errors.New("render report: the report date is missing")
	}
	var (
		d     *document
		entry = data.GeneratedReport{Kind: req.Kind}
		name  string
		err   error
		// The audit entry of the citizen read commits while the PDF is
		// rendered; the document is handed out only once it has.
		audits pendingAudits
	)
	switch req.Kind {
	case data.KindAgreement:
		d, name, err = renderAgreement(ctx, st, req, &entry, &audits)
	case data.KindStart, data.KindStatus, data.KindFinal:
		d, name, err = renderWritten(ctx, st, req, &entry, loaded, &audits)
	case data.KindHours:
		d, name, err = renderHours(ctx, st, req, &entry)
	case data.KindCitizenData:
		d, name, err = renderCitizen(ctx, st, req, &entry)
	default:
		return Document{}, fmt.Errorf("ukendt rapporttype %q", req.Kind)
	}
	var buf bytes.Buffer
	if err == nil {
		err = d.write(&buf)
	}
	if werr := audits.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return Document{}, err
	}
	sum := sha256.Sum256(buf.Bytes())
	entry.FileName, entry.SHA256 = name, hex.EncodeToString(sum[:])
	return Document{Kind: req.Kind, Title: req.Kind.Label(), FileName: name, PDF: buf.Bytes(),
		Draft: entry.Draft, SHA256: entry.SHA256, Entry: entry}, nil
}

// Produce renders a document, registers it and writes report_generated to
// the audit log: what every screen and command calls.
func Produce(ctx context.Context, st Source, req Request) (Document, error) {
	return produce(ctx, st, req, nil)
}

// produce is Produce with the course already read, if loaded is not nil.
func produce(ctx context.Context, st Source, req Request, loaded *courseFile) (Document, error) {
	doc, err := render(ctx, st, req, loaded)
	if err != nil {
		return doc, err
	}
	if err := st.RegisterGeneratedReport(ctx, &doc.Entry); err != nil {
		return doc, fmt.Errorf("register report: %w", err)
	}
	Audit(ctx, st, data.AuditReportGenerated, doc.Entry)
	return doc, nil
}

// Audit logs one use of a generated report (generated, exported, opened):
// the kind and the register number, never a name.
func Audit(ctx context.Context, st Source, action data.AuditAction, g data.GeneratedReport) {
	u, _ := st.CurrentUser()
	detail := "rapport: " + strings.ToLower(g.Kind.Label())
	if g.ID != 0 {
		detail += ", fil " + strconv.FormatInt(g.ID, 10)
	}
	citizen := g.CitizenID
	_ = st.Audit(ctx, data.AuditEntry{UserID: u.ID, Username: u.Username, Action: action, CitizenID: citizen, Detail: detail})
}

func renderAgreement(ctx context.Context, st Source, req Request, entry *data.GeneratedReport, audits *pendingAudits) (*document, string, error) {
	courseID := req.CourseID
	if req.AgreementID != 0 {
		a, err := st.Agreement(ctx, req.AgreementID)
		if err != nil {
			return nil, "", missingIfNotFound(err, "Mentoraftale %d findes ikke.", req.AgreementID)
		}
		courseID = a.CourseID
	}
	if courseID == 0 {
		return nil, "", missing("Vælg en mentoraftale eller et forløb.")
	}
	f, err := loadCourseWith(ctx, st, courseID, false, audits)
	if err != nil {
		return nil, "", err
	}
	a, index, ok := f.agreementFor(req.AgreementID, firstDate(req.From, data.NewDate(1, 1, 1)), firstDate(req.To, data.NewDate(9999, 1, 1)))
	if !ok {
		return nil, "", missing("Forløb %d har ingen mentoraftale.", courseID)
	}
	f.fillEntry(entry, a.Start, a.End)
	name := FileName(data.KindAgreement, f.municipality.Name, strconv.FormatInt(courseID, 10), a.Start.String())
	return f.agreementDoc(a, index, req.On), name, nil
}

func (f courseFile) fillEntry(e *data.GeneratedReport, from, to data.Date) {
	e.CourseID, e.CitizenID, e.MunicipalityID = f.course.ID, f.course.CitizenID, f.course.MunicipalityID
	e.PeriodStart, e.PeriodEnd = from, to
}

// renderWritten renders an opstartsnotat, statusrapport or slutrapport.
// Unless its written report is approved (or sent), the PDF is a draft.
// loaded, when it is the report's course, is used instead of reading it.
// The audit entry of the course's citizen read is added to audits.
func renderWritten(ctx context.Context, st Source, req Request, entry *data.GeneratedReport, loaded *courseFile,
	audits *pendingAudits) (*document, string, error) {
	r, err := findWritten(ctx, st, req)
	if err != nil {
		return nil, "", err
	}
	var f courseFile
	if loaded != nil && loaded.course.ID == r.CourseID {
		f = *loaded
	} else if f, err = loadCourseWith(ctx, st, r.CourseID, false, audits); err != nil {
		return nil, "", err
	}
	if r.ID == 0 {
		pre, err := f.prefill(r.Kind, r.PeriodStart, r.PeriodEnd)
		if err != nil {
			return nil, "", err
		}
		r = pre
	}
	approved := r.Status == data.ReportApproved || r.Status == data.ReportSent
	on := req.On
	if approved && !r.ApprovedAt.IsZero() {
		on = dayOf(r.ApprovedAt) // an approved report keeps its date whenever it is printed
	}
	f.fillEntry(entry, r.PeriodStart, r.PeriodEnd)
	entry.ReportID, entry.Draft = r.ID, !approved
	if approved {
		entry.ApprovedName, entry.ApprovedAt = r.ApprovedByName, r.ApprovedAt
	}
	var d *document
	period := fmt.Sprintf("%04d-%02d", r.PeriodEnd.Year, r.PeriodEnd.Month)
	switch r.Kind {
	case data.KindStart:
		d = f.startNoteDoc(r, on, !approved)
	case data.KindStatus:
		d, err = f.statusDoc(r, on, !approved)
	case data.KindFinal:
		d, err = f.finalDoc(r, on, !approved)
		period = ""
	}
	if err != nil {
		return nil, "", err
	}
	name := FileName(r.Kind, f.municipality.Name, strconv.FormatInt(f.course.ID, 10), period)
	if r.Kind == data.KindStart {
		name = FileName(r.Kind, f.municipality.Name, strconv.FormatInt(f.course.ID, 10), "")
	}
	return d, name, nil
}

// findWritten is the report a request names: by id, or the newest one of
// the kind for the course and period, or an unsaved one for them.
func findWritten(ctx context.Context, st Source, req Request) (data.Report, error) {
	if req.ReportID != 0 {
		r, err := st.Report(ctx, req.ReportID)
		if err != nil {
			return r, missingIfNotFound(err, "Rapport %d findes ikke.", req.ReportID)
		}
		return r, nil
	}
	if req.CourseID == 0 {
		return data.Report{}, missing("Vælg et forløb.")
	}
	if req.Kind == data.KindStatus && (req.From.IsZero() || req.To.IsZero() || req.To.Before(req.From)) {
		return data.Report{}, missing("En statusrapport kræver en periode (fra og til).")
	}
	list, err := st.Reports(ctx, data.ReportFilter{CourseID: req.CourseID, Kinds: []data.ReportKind{req.Kind}})
	if err != nil {
		return data.Report{}, fmt.Errorf("read reports: %w", err)
	}
	for _, r := range list {
		if req.Kind != data.KindStatus || (r.PeriodStart == req.From && r.PeriodEnd == req.To) {
			return r, nil
		}
	}
	return data.Report{Kind: req.Kind, CourseID: req.CourseID, AgreementID: req.AgreementID,
		PeriodStart: req.From, PeriodEnd: req.To, Status: data.ReportDraft}, nil
}

func renderHours(ctx context.Context, st Source, req Request, entry *data.GeneratedReport) (*document, string, error) {
	month := firstDate(req.From, req.To)
	if month.IsZero() || req.MunicipalityID == 0 {
		return nil, "", missing("En timeopgørelse kræver en kommune og en måned.")
	}
	muni, err := st.Municipality(ctx, req.MunicipalityID)
	if err != nil {
		return nil, "", missingIfNotFound(err, "Kommune %d findes ikke.", req.MunicipalityID)
	}
	sheets, err := LoadTimesheets(ctx, st, month)
	if err != nil {
		return nil, "", err
	}
	month = data.NewDate(month.Year, month.Month, 1)
	sheet := Timesheet{Municipality: muni, Month: month}
	for _, t := range sheets {
		if t.Municipality.ID == muni.ID {
			sheet = t
		}
	}
	if len(sheet.Lines) == 0 {
		return nil, "", missing("%s har ingen registrerede møder i %s %d.", muni.Name, dk.MonthName(month.Month), month.Year)
	}
	org, err := st.Organisation(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("read organisation: %w", err)
	}
	entry.MunicipalityID, entry.PeriodStart, entry.PeriodEnd = muni.ID, month, month.AddMonths(1).AddDays(-1)
	name := FileName(data.KindHours, muni.Name, fmt.Sprintf("%04d-%02d", month.Year, month.Month))
	return timesheetDoc(org, sheet, req.On), name, nil
}

func renderCitizen(ctx context.Context, st Source, req Request, entry *data.GeneratedReport) (*document, string, error) {
	if req.CitizenID == 0 {
		return nil, "", missing("Vælg en borger.")
	}
	f, err := loadCitizen(ctx, st, req.CitizenID)
	if err != nil {
		return nil, "", err
	}
	entry.CitizenID = req.CitizenID
	name := FileName(data.KindCitizenData, "borger", strconv.FormatInt(req.CitizenID, 10), req.On.String())
	return f.doc(req.On), name, nil
}

// FileName builds "Statusrapport_Naestved-Kommune_12_2026-10.pdf": the
// kind, then the parts, each reduced to ASCII letters, digits and hyphens
// so that any mail system and file system takes it. It never holds a
// name of a person or a CPR number, because callers pass only the
// municipality, ids and dates.
func FileName(kind data.ReportKind, parts ...string) string {
	out := []string{sanitise(kind.Label())}
	for _, p := range parts {
		if s := sanitise(p); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "_") + ".pdf"
}

var transliteration = map[rune]string{'æ': "ae", 'ø': "oe", 'å': "aa", 'Æ': "Ae", 'Ø': "Oe", 'Å': "Aa",
	'é': "e", 'è': "e", 'ü': "u", 'ö': "o", 'ä': "a", 'É': "E", 'Ü': "U", 'Ö': "O", 'Ä': "A"}

func sanitise(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case transliteration[r] != "":
			b.WriteString(transliteration[r])
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

func isNotFound(err error) bool { return errors.Is(err, data.ErrNotFound) }
