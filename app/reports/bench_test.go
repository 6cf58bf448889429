package reports

// Benchmarks of report generation at the benchmark sizes, with the
// baseline of what providers do today: fill a word-processor template and
// convert it with LibreOffice. `make bench` prints them in its table.

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/demo/benchdb"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
)

func benchStore(b *testing.B, size demo.Size) *sqlstore.Store {
	b.Helper()
	st, err := benchdb.Open(context.Background(), size, data.RoleCoordinator)
	if err != nil {
		b.Skipf("no %s data: %v", size, err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// hundredSessions finds a running course and the period holding its last
// 100 sessions before today: a three-page status report.
func hundredSessions(b *testing.B, st *sqlstore.Store) (data.Course, data.Date, []data.Session) {
	b.Helper()
	ctx := context.Background()
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range courses {
		ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: c.ID, To: benchdb.Now()})
		if err != nil {
			b.Fatal(err)
		}
		if len(ss) >= 100 {
			ss = ss[len(ss)-100:]
			return c, data.DateOf(ss[0].PlannedStart), ss
		}
	}
	b.Skip("no running course with 100 sessions")
	return data.Course{}, data.Date{}, nil
}

func statusRequest(c data.Course, from data.Date) Request {
	return Request{Kind: data.KindStatus, CourseID: c.ID, From: from, To: benchdb.Today, On: benchdb.Today}
}

// BenchmarkStatusReport: one status report PDF for a course with 100
// sessions in the period.
func BenchmarkStatusReport(b *testing.B) {
	st := benchStore(b, demo.SizeMedium)
	c, from, _ := hundredSessions(b, st)
	ctx := context.Background()
	var pdf []byte
	for b.Loop() {
		doc, err := Render(ctx, st, statusRequest(c, from))
		if err != nil {
			b.Fatal(err)
		}
		pdf = doc.PDF
	}
	b.ReportMetric(float64(len(pdf)), "bytes")
}

// BenchmarkMonthEnd: the status report of every running course for the
// last month, on two workers (both cores of the office PC).
func BenchmarkMonthEnd(b *testing.B) {
	st := benchStore(b, demo.SizeMedium)
	ctx := context.Background()
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	if err != nil {
		b.Fatal(err)
	}
	from := benchdb.Today.AddMonths(-1)
	for b.Loop() {
		if err := renderAll(ctx, st, courses, from, 2); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(courses)), "reports")
}

// renderAll renders a status report per course on the given workers,
// sharing the batch's common reads as RunMonthEnd does (RunMonthEnd itself
// would save reports into the cached benchmark database).
func renderAll(ctx context.Context, store Source, courses []data.Course, from data.Date, workers int) error {
	st := newBatchSource(store)
	jobs := make(chan data.Course)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				if _, err := Render(ctx, st, statusRequest(c, from)); err != nil {
					errs <- fmt.Errorf("course %d: %w", c.ID, err)
					return
				}
			}
		}()
	}
	for _, c := range courses {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

// TestLibreOfficeBaseline times the same status report (header, session
// table, totals) made as a word-processor file and converted by LibreOffice
// against Mentorbog's own PDF, in alternation, and prints both medians and
// the ratio. It runs only from make bench (MENTORBOG_BASELINE=1).
func TestLibreOfficeBaseline(t *testing.T) {
	if os.Getenv("MENTORBOG_BASELINE") == "" {
		t.Skip("MENTORBOG_BASELINE not set: the LibreOffice baseline runs from make bench")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (make bench installs libreoffice-writer-nogui)")
	}
	ctx := context.Background()
	st, err := benchdb.Open(ctx, demo.SizeMedium, data.RoleCoordinator)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseActive}})
	if err != nil {
		t.Fatal(err)
	}
	var course data.Course
	var sessions []data.Session
	for _, c := range courses {
		ss, err := st.Sessions(ctx, data.SessionFilter{CourseID: c.ID, To: benchdb.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if len(ss) >= 100 {
			course, sessions = c, ss[len(ss)-100:]
			break
		}
	}
	if course.ID == 0 {
		t.Skip("no course with 100 sessions")
	}
	from := data.DateOf(sessions[0].PlannedStart)
	citizen, err := st.Citizen(ctx, course.CitizenID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	doc := filepath.Join(dir, "statusrapport.fodt")
	convert := func() time.Duration {
		start := time.Now()
		// The provider's way: fill the template, then convert.
		if err := os.WriteFile(doc, []byte(flatODT(citizen, course, from, sessions)), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, doc).CombinedOutput()
		if err != nil {
			t.Fatalf("soffice: %v: %s", err, out)
		}
		return time.Since(start)
	}
	own := func() time.Duration {
		start := time.Now()
		if _, err := Render(ctx, st, statusRequest(course, from)); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	convert() // the first start creates LibreOffice's profile: not counted
	if _, err := os.Stat(filepath.Join(dir, "statusrapport.pdf")); err != nil {
		t.Fatalf("LibreOffice made no PDF: %v", err)
	}
	// Nor is Mentorbog's first report: it parses the fonts and the logo
	// once per process, as LibreOffice's first start makes its profile.
	own()
	var lo, mb []time.Duration
	for range 5 {
		lo = append(lo, convert())
		mb = append(mb, own())
	}
	mlo, mmb := median(lo), median(mb)
	fmt.Printf("BASELINE report libreoffice_ns=%d mentorbog_ns=%d ratio=%.0f\n", mlo.Nanoseconds(), mmb.Nanoseconds(), float64(mlo)/float64(mmb))
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// flatODT is the status report as a flat OpenDocument text (one XML file,
// which LibreOffice opens like an .odt): the same header, session table
// and totals as Mentorbog's PDF.
func flatODT(c data.Citizen, co data.Course, from data.Date, sessions []data.Session) string {
	var b strings.Builder
	p := func(style, text string) {
		fmt.Fprintf(&b, `<text:p text:style-name="%s">%s</text:p>`, style, html.EscapeString(text))
	}
	cell := func(text string) {
		fmt.Fprintf(&b, `<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>`, html.EscapeString(text))
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph"><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style></office:styles>
<office:body><office:text>`)
	p("Title", "Statusrapport")
	p("Standard", "Borger: "+c.Name+" · CPR "+c.MaskedCPR())
	p("Standard", fmt.Sprintf("Forløb %d · Periode %s–%s", co.ID, dk.FormatDate(from.In(data.Zone())), dk.FormatDate(benchdb.Today.In(data.Zone()))))
	p("Heading", "Møder i perioden")
	b.WriteString(`<table:table table:name="Moeder"><table:table-column table:number-columns-repeated="5"/>`)
	b.WriteString(`<table:table-row>`)
	for _, h := range []string{"Dato", "Tid", "Form", "Status", "Kontakt"} {
		cell(h)
	}
	b.WriteString(`</table:table-row>`)
	held, noShow, minutes := 0, 0, 0
	for _, s := range sessions {
		b.WriteString(`<table:table-row>`)
		cell(dk.FormatDate(s.PlannedStart.In(data.Zone())))
		cell(dk.FormatTime(s.PlannedStart.In(data.Zone())))
		cell(string(s.Form))
		cell(string(s.Status))
		cell(dk.FormatHours(s.ContactMin))
		b.WriteString(`</table:table-row>`)
		switch s.Status {
		case data.SessionHeld:
			held++
			minutes += s.ContactMin
		case data.SessionNoShow:
			noShow++
		}
	}
	b.WriteString(`</table:table>`)
	p("Heading", "I alt")
	p("Standard", fmt.Sprintf("%d møder gennemført, %d udeblivelser, %s timer kontakt.", held, noShow, dk.FormatHours(minutes)))
	b.WriteString(`</office:text></office:body></office:document>`)
	return b.String()
}
