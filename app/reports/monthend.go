package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"mentorbog/data"
)

// MonthEndJob is one document of the month-end run.
type MonthEndJob struct {
	Label   string // "Statusrapport · Næstved Kommune · forløb 12": no personal names
	Request Request
	// due is a status report that is due but not written yet: the run
	// saves it as a kladde (prefilled) for the mentor to complete.
	due *data.DueReport
}

// MonthEndResult is the outcome of one job.
type MonthEndResult struct {
	Job  MonthEndJob
	Path string // the file written
	Doc  Document
	Err  error
}

// PlanMonthEnd lists the month's documents: every status report due by
// the month's last day (data.DueStatusReports) or already written for a
// period ending in the month, and every municipality's timeopgørelse with
// registered time. municipalityID 0 means all municipalities.
func PlanMonthEnd(ctx context.Context, st Source, month data.Date, municipalityID data.ID, on data.Date) ([]MonthEndJob, error) {
	first := data.NewDate(month.Year, month.Month, 1)
	last := first.AddMonths(1).AddDays(-1)
	municipalities, err := st.Municipalities(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("read municipalities: %w", err)
	}
	names := map[data.ID]string{}
	for _, m := range municipalities {
		names[m.ID] = m.Name
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		return nil, fmt.Errorf("read courses: %w", err)
	}
	in := data.DueInput{Municipalities: municipalities}
	for _, c := range courses {
		if municipalityID != 0 && c.MunicipalityID != municipalityID {
			continue
		}
		in.Courses = append(in.Courses, c)
		agreements, err := st.Agreements(ctx, c.ID, data.Date{})
		if err != nil {
			return nil, fmt.Errorf("read agreements: %w", err)
		}
		in.Agreements = append(in.Agreements, agreements...)
	}
	written, err := st.Reports(ctx, data.ReportFilter{MunicipalityID: municipalityID, Kinds: []data.ReportKind{data.KindStatus}})
	if err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	in.Reports = written
	var jobs []MonthEndJob
	courseMunicipality := map[data.ID]data.ID{}
	for _, c := range courses {
		courseMunicipality[c.ID] = c.MunicipalityID
	}
	// Reports already written for a period ending this month are part of
	// the month's package (oldest first, as Reports lists newest first).
	for i := len(written) - 1; i >= 0; i-- {
		r := written[i]
		if r.PeriodEnd.Within(first, last) {
			jobs = append(jobs, MonthEndJob{Label: statusLabel(names[courseMunicipality[r.CourseID]], r.CourseID),
				Request: Request{Kind: data.KindStatus, ReportID: r.ID, On: on}})
		}
	}
	for _, due := range data.DueStatusReports(last, in) {
		due := due
		jobs = append(jobs, MonthEndJob{Label: statusLabel(due.Municipality.Name, due.Course.ID),
			Request: Request{Kind: data.KindStatus, CourseID: due.Course.ID, AgreementID: due.Agreement.ID, From: due.From, To: due.To, On: on},
			due:     &due})
	}
	sheets, err := LoadTimesheets(ctx, st, first)
	if err != nil {
		return nil, err
	}
	for _, t := range sheets {
		if municipalityID != 0 && t.Municipality.ID != municipalityID {
			continue
		}
		jobs = append(jobs, MonthEndJob{Label: "Timeopgørelse · " + t.Municipality.Name,
			Request: Request{Kind: data.KindHours, MunicipalityID: t.Municipality.ID, From: first, On: on}})
	}
	return jobs, nil
}

func statusLabel(municipality string, courseID data.ID) string {
	return fmt.Sprintf("Statusrapport · %s · forløb %d", municipality, courseID)
}

// RunMonthEnd makes each job's PDF in dir, on one worker per core (the
// PDFs are made in parallel; the store serialises its own writes). A
// failing job is reported with its reason and the rest go on; a cancelled
// ctx stops before the next job. Results come back in the jobs' order, and
// progress (may be nil) is called after each job in that order too, so a
// list of outcomes reads the same whatever finished first.
func RunMonthEnd(ctx context.Context, st Source, jobs []MonthEndJob, dir string, progress func(done, total int, r MonthEndResult)) []MonthEndResult {
	return runMonthEnd(ctx, st, jobs, dir, runtime.NumCPU(), progress)
}

// jobOutcome is one job's result, or that it was skipped after cancelling.
type jobOutcome struct {
	index   int
	result  MonthEndResult
	skipped bool
}

func runMonthEnd(ctx context.Context, st Source, jobs []MonthEndJob, dir string, workers int, progress func(done, total int, r MonthEndResult)) []MonthEndResult {
	batch := newBatchSource(st)
	queue := make(chan int)
	outcomes := make(chan jobOutcome)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				if ctx.Err() != nil {
					outcomes <- jobOutcome{index: i, skipped: true}
					continue
				}
				outcomes <- jobOutcome{index: i, result: runJob(ctx, batch, jobs[i], dir)}
			}
		}()
	}
	go func() {
		defer close(queue)
		for i := range jobs {
			if ctx.Err() != nil {
				return
			}
			queue <- i
		}
	}()
	go func() {
		wg.Wait()
		close(outcomes)
	}()
	// Jobs finish out of order; hold the early ones until those before
	// them are in.
	results := make([]MonthEndResult, 0, len(jobs))
	pending := map[int]jobOutcome{}
	next, done := 0, 0
	for o := range outcomes {
		pending[o.index] = o
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if o.skipped {
				continue
			}
			done++
			results = append(results, o.result)
			if progress != nil {
				progress(done, len(jobs), o.result)
			}
		}
	}
	return results
}

func runJob(ctx context.Context, st Source, job MonthEndJob, dir string) MonthEndResult {
	res := MonthEndResult{Job: job}
	var loaded *courseFile
	if job.due != nil {
		// The course read for the kladde is the one its PDF shows: it is
		// handed to the rendering rather than read a second time.
		f, err := loadCourse(ctx, st, job.due.Course.ID)
		var r data.Report
		if err == nil {
			r, err = f.prefill(data.KindStatus, job.due.From, job.due.To)
		}
		if err == nil {
			err = st.SaveReport(ctx, &r)
		}
		if err != nil {
			res.Err = err
			return res
		}
		loaded = &f
		job.Request = Request{Kind: data.KindStatus, ReportID: r.ID, On: job.Request.On}
		res.Job = job
	}
	doc, err := produce(ctx, st, job.Request, loaded)
	if err != nil {
		res.Err = err
		return res
	}
	res.Doc = doc
	res.Path = filepath.Join(dir, doc.FileName)
	if err := os.WriteFile(res.Path, doc.PDF, 0o600); err != nil {
		res.Err = fmt.Errorf("skriv %s: %w", doc.FileName, err)
		res.Path = ""
		return res
	}
	Audit(ctx, st, data.AuditReportExported, doc.Entry)
	return res
}
