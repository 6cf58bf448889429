package reports

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
)

var demoToday = data.NewDate(2026, 11, 23)

// demoStore is a database with the demo organisation (no users: the store
// runs in system mode, as a coordinator would see it).
func demoStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Generate(context.Background(), st, demo.Config{Seed: 1, Today: demoToday}); err != nil {
		t.Fatal(err)
	}
	return st
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// statusCase is an active demo course with a no-show in its report period.
type statusCase struct {
	course    data.Course
	citizen   data.Citizen
	agreement data.Agreement
	from, to  data.Date
	sessions  []data.Session // every session of the course
}

func findStatusCase(t *testing.T, st *sqlstore.Store) statusCase {
	t.Helper()
	ctx := context.Background()
	from, to := data.NewDate(2026, 9, 1), data.NewDate(2026, 10, 31)
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	must(t, err)
	for _, c := range courses {
		agreements, err := st.Agreements(ctx, c.ID, data.Date{})
		must(t, err)
		sessions, err := st.Sessions(ctx, data.SessionFilter{CourseID: c.ID})
		must(t, err)
		var a data.Agreement
		for _, x := range agreements {
			if !x.Start.After(from) && !x.End.Before(to) {
				a = x
			}
		}
		if a.ID == 0 {
			continue
		}
		for _, s := range sessionsIn(sessions, from, to) {
			if s.Status == data.SessionNoShow {
				citizen, err := st.Citizen(ctx, c.CitizenID)
				must(t, err)
				return statusCase{course: c, citizen: citizen, agreement: a, from: from, to: to, sessions: sessions}
			}
		}
	}
	t.Fatal("no active demo course with a no-show in September–October and one agreement over both months")
	return statusCase{}
}

// pdfToFile writes a PDF to the test's folder (and, with
// MENTORBOG_REPORT_PNG set, renders its first page there).
func keepPDF(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(path, pdf, 0o600))
	if dir := os.Getenv("MENTORBOG_REPORT_PNG"); dir != "" {
		must(t, os.MkdirAll(dir, 0o755))
		base := filepath.Join(dir, strings.TrimSuffix(name, ".pdf"))
		if out, err := exec.Command("pdftoppm", "-png", "-r", "60", path, base).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
	}
	return path
}

// assertPages checks "Side x af y" on every page of text.
func assertPages(t *testing.T, text string) int {
	t.Helper()
	pages := strings.Count(text, "\f")
	for i := 1; i <= pages; i++ {
		if !strings.Contains(text, fmt.Sprintf("Side %d af %d", i, pages)) {
			t.Errorf("page %d lacks \"Side %d af %d\"", i, i, pages)
		}
	}
	if !strings.Contains(text, "Fortroligt") {
		t.Error("no Fortroligt footer")
	}
	return pages
}

var fullCPR = regexp.MustCompile(`\b\d{6}-?\d{4}\b`)

func TestStatusReportFromDemoDataHasTheRightFigures(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	c := findStatusCase(t, st)
	doc, err := Produce(ctx, st, Request{Kind: data.KindStatus, CourseID: c.course.ID, From: c.from, To: c.to, On: demoToday})
	must(t, err)
	keepPDF(t, doc.FileName, doc.PDF)
	text := pdfText(t, doc.PDF, 0, 0)
	flat := strings.Join(strings.Fields(text), " ")

	// The figures, computed here without the report's code.
	var usedPeriod, usedTotal int
	var dates, noShows []string
	for _, s := range c.sessions {
		day := data.DateOf(s.PlannedStart.In(data.Zone()))
		if day.Within(c.from, c.to) {
			dates = append(dates, s.PlannedStart.In(data.Zone()).Format("02-01-2006"))
			if s.Status == data.SessionHeld {
				usedPeriod += s.ContactMin
			}
			if s.Status == data.SessionNoShow {
				noShows = append(noShows, s.PlannedStart.In(data.Zone()).Format("02-01-2006"))
			}
		}
		if s.Status == data.SessionHeld && day.Within(c.agreement.Start, c.agreement.End) && !day.After(c.to) {
			usedTotal += s.ContactMin
		}
	}
	granted := c.agreement.GrantedTotalMin()
	for _, want := range []string{
		"Brugt i rapportperioden " + dk.FormatHours(usedPeriod) + " t",
		"Resterende " + dk.FormatHours(granted-usedTotal) + " t",
		"til " + c.to.In(data.Zone()).Format("02-01-2006") + " " + dk.FormatHours(usedTotal) + " t",
		dk.FormatHours(granted) + " t",
		c.citizen.MaskedCPR(), c.citizen.Name, "Rapportperiode 01-09-2026 – 31-10-2026",
		"UDKAST", "Udeblevet " + fmt.Sprintf("%d: %s", len(noShows), strings.Join(noShows, ", ")),
		"Scoringer over tid", "Timer pr. uge mod bevillingen", "Bevilget pr. uge",
		"Mentorens vurdering og anbefaling", "Borgerens kommentarer",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("status report lacks %q", want)
		}
	}
	for _, d := range dates {
		if !strings.Contains(text, d) {
			t.Errorf("session date %s missing", d)
		}
	}
	if m := fullCPR.FindString(text); m != "" {
		t.Errorf("a full CPR-shaped number in the report: %s", m)
	}
	assertPages(t, text)
	if !strings.HasPrefix(doc.FileName, fmt.Sprintf("Statusrapport_")) || !strings.HasSuffix(doc.FileName, fmt.Sprintf("_%d_2026-10.pdf", c.course.ID)) {
		t.Errorf("file name %q", doc.FileName)
	}
	if fullCPR.MatchString(doc.FileName) || strings.Contains(doc.FileName, strings.Fields(c.citizen.Name)[0]) {
		t.Errorf("file name %q names the citizen", doc.FileName)
	}
}

func TestEveryKindFromDemoData(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	c := findStatusCase(t, st)
	var ended data.Course
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseEnded}})
	must(t, err)
	for _, co := range courses {
		if a, _ := st.Agreements(ctx, co.ID, data.Date{}); len(a) > 0 && ended.ID == 0 {
			ended = co
		}
	}
	munis, err := st.Municipalities(ctx, false)
	must(t, err)
	requests := map[string]Request{
		"agreement": {Kind: data.KindAgreement, AgreementID: c.agreement.ID, On: demoToday},
		"start":     {Kind: data.KindStart, CourseID: c.course.ID, On: demoToday},
		"status":    {Kind: data.KindStatus, CourseID: c.course.ID, From: c.from, To: c.to, On: demoToday},
		"final":     {Kind: data.KindFinal, CourseID: ended.ID, On: demoToday},
		"hours":     {Kind: data.KindHours, MunicipalityID: munis[0].ID, From: data.NewDate(2026, 10, 1), On: demoToday},
		"citizen":   {Kind: data.KindCitizenData, CitizenID: c.citizen.ID, On: demoToday},
	}
	wants := map[string][]string{
		"agreement": {"Aftale om mentorstøtte", "Klagevejledning", "Formålet med mentorstøtten", "Opgaver, mentoren hjælper med",
			"Mentorens kvalifikationer", "Roller i fokus", "Underskrift", "Borger:", "Leverandør:"},
		"start":   {"Opstartsnotat", "Borgerens situation", "Plan", "Første møde"},
		"status":  {"Statusrapport", "Møder i perioden"},
		"final":   {"Slutrapport", "Resultat", "Mentoraftaler og timer", "I alt"},
		"hours":   {"Timeopgørelse for oktober 2026", "EAN-nummer", munis[0].EAN, "I alt", "indgår ikke i beløbet"},
		"citizen": {"Borgerens data", "Personoplysninger", "Overleveringsprofil", "Noter fra møderne", "Møder ("},
	}
	for name, req := range requests {
		t.Run(name, func(t *testing.T) {
			doc, err := Produce(ctx, st, req)
			must(t, err)
			keepPDF(t, doc.FileName, doc.PDF)
			text := pdfText(t, doc.PDF, 0, 0)
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range wants[name] {
				if !strings.Contains(flat, w) {
					t.Errorf("%s lacks %q", doc.FileName, w)
				}
			}
			if m := fullCPR.FindString(text); m != "" {
				t.Errorf("full CPR-shaped number %s", m)
			}
			if !regexp.MustCompile(`\d{6}-XXXX`).MatchString(text) {
				t.Error("no masked CPR")
			}
			assertPages(t, text)
			if fullCPR.MatchString(doc.FileName) {
				t.Errorf("file name %s", doc.FileName)
			}
			again, err := Render(ctx, st, req)
			must(t, err)
			if again.SHA256 != doc.SHA256 {
				t.Error("the same data rendered twice differs")
			}
		})
	}
	reg, err := st.GeneratedReports(ctx, data.ReportFilter{})
	must(t, err)
	if len(reg) != len(requests) {
		t.Errorf("register holds %d documents, want %d", len(reg), len(requests))
	}
	log, err := st.AuditLog(ctx, data.AuditFilter{Actions: []data.AuditAction{data.AuditReportGenerated}})
	must(t, err)
	if len(log) != len(requests) {
		t.Errorf("%d report_generated audit entries, want %d", len(log), len(requests))
	}
}
