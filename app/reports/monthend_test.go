package reports

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mentorbog/data"
)

// TestRunMonthEndInParallelKeepsOrderAndGoesOnAfterAFailure runs the
// month-end on two workers with one report that cannot be made: it is
// listed with its reason, every other document is written, and results and
// progress come in the jobs' order.
func TestRunMonthEndInParallelKeepsOrderAndGoesOnAfterAFailure(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	month := data.NewDate(2026, 10, 1)
	jobs, err := PlanMonthEnd(ctx, st, month, 0, demoToday)
	must(t, err)
	// A course that does not exist: its report fails, the rest go on.
	broken := MonthEndJob{Label: "Statusrapport · forløb 999999",
		Request: Request{Kind: data.KindStatus, CourseID: 999999, From: month, To: month.AddMonths(1).AddDays(-1), On: demoToday}}
	jobs = append(jobs[:2:2], append([]MonthEndJob{broken}, jobs[2:]...)...)
	if len(jobs) < 6 {
		t.Fatalf("the demo month-end has only %d jobs", len(jobs))
	}
	dir := t.TempDir()
	var progressed []string
	results := runMonthEnd(ctx, st, jobs, dir, 2, func(done, total int, r MonthEndResult) {
		if total != len(jobs) || done != len(progressed)+1 {
			t.Errorf("progress %d of %d after %d calls", done, total, len(progressed))
		}
		progressed = append(progressed, r.Job.Label)
	})
	if len(results) != len(jobs) {
		t.Fatalf("%d results for %d jobs", len(results), len(jobs))
	}
	failed := 0
	for i, r := range results {
		if r.Job.Label != jobs[i].Label || progressed[i] != jobs[i].Label {
			t.Errorf("result %d is %q (progress %q), want %q", i, r.Job.Label, progressed[i], jobs[i].Label)
		}
		if r.Err != nil {
			failed++
			if i != 2 || !strings.Contains(r.Err.Error(), "Forløb 999999 findes ikke") {
				t.Errorf("job %d failed: %v", i, r.Err)
			}
			continue
		}
		if _, err := os.Stat(r.Path); err != nil || filepath.Dir(r.Path) != dir {
			t.Errorf("job %d: no file %q: %v", i, r.Path, err)
		}
	}
	if failed != 1 {
		t.Errorf("%d failures, want 1", failed)
	}
}

// TestRunMonthEndStopsWhenCancelled: a cancelled run makes nothing more.
func TestRunMonthEndStopsWhenCancelled(t *testing.T) {
	st := demoStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	jobs, err := PlanMonthEnd(ctx, st, data.NewDate(2026, 10, 1), 0, demoToday)
	must(t, err)
	cancel()
	if results := runMonthEnd(ctx, st, jobs, t.TempDir(), 2, nil); len(results) != 0 {
		t.Errorf("a cancelled run made %d documents", len(results))
	}
}

// TestMonthEndKladdeIsTheSameAsRenderingItAgain: the month-end renders a
// prefilled kladde with the course it read to prefill it; the PDF must be
// the very file that rendering the saved kladde afresh gives.
func TestMonthEndKladdeIsTheSameAsRenderingItAgain(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	jobs, err := PlanMonthEnd(ctx, st, data.NewDate(2026, 10, 1), 0, demoToday)
	must(t, err)
	kladder := 0
	for _, r := range runMonthEnd(ctx, st, jobs, t.TempDir(), 2, nil) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Job.Label, r.Err)
		}
		if r.Job.due == nil {
			continue
		}
		kladder++
		again, err := Render(ctx, st, r.Job.Request)
		must(t, err)
		if again.SHA256 != r.Doc.SHA256 {
			t.Errorf("%s: the month-end's PDF differs from rendering report %d again", r.Job.Label, r.Job.Request.ReportID)
		}
	}
	if kladder == 0 {
		t.Fatal("the demo month-end prefilled no kladde")
	}
	t.Logf("%d kladder compared", kladder)
}

// TestRenderingInParallelGivesTheSameFiles renders every document of a
// month-end one after another, then all of them again on four goroutines:
// the PDF writer shares parsed fonts and font subsets between documents
// and goroutines (third_party/fpdf), and each file must come out the same
// whichever document filled those caches first. Run it with -race.
func TestRenderingInParallelGivesTheSameFiles(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	jobs, err := PlanMonthEnd(ctx, st, data.NewDate(2026, 10, 1), 0, demoToday)
	must(t, err)
	if len(jobs) < 10 {
		t.Fatalf("the demo month-end has only %d documents", len(jobs))
	}
	first := make([]string, len(jobs))
	for i, j := range jobs {
		doc, err := Render(ctx, st, j.Request)
		must(t, err)
		first[i] = doc.SHA256
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				i := (k + g*len(jobs)/4) % len(jobs) // each goroutine starts elsewhere
				doc, err := Render(ctx, st, jobs[i].Request)
				if err != nil {
					t.Errorf("%s: %v", jobs[i].Label, err)
					return
				}
				if doc.SHA256 != first[i] {
					t.Errorf("%s differs when rendered in parallel", jobs[i].Label)
				}
			}
		}()
	}
	wg.Wait()
}
