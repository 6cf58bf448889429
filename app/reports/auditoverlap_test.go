package reports

import (
	"context"
	"reflect"
	"testing"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

// syncSource hides the store's CitizenAuditing, CourseScores and
// InstrumentScales: a course is read as it was before (the citizen read
// records its audit entry before it returns, scores are read per goal,
// instruments with their details).
type syncSource struct{ Source }

// courseRequests are the course documents of the demo data, whose citizen
// read is audited while the PDF is rendered.
func courseRequests(t *testing.T, st *sqlstore.Store) map[string]Request {
	t.Helper()
	ctx := context.Background()
	c := findStatusCase(t, st)
	courses, err := st.Courses(ctx, data.CourseFilter{Statuses: []data.CourseStatus{data.CourseEnded}})
	must(t, err)
	var ended data.Course
	for _, co := range courses {
		if a, _ := st.Agreements(ctx, co.ID, data.Date{}); len(a) > 0 && ended.ID == 0 {
			ended = co
		}
	}
	return map[string]Request{
		"agreement": {Kind: data.KindAgreement, AgreementID: c.agreement.ID, On: demoToday},
		"start":     {Kind: data.KindStart, CourseID: c.course.ID, On: demoToday},
		"status":    {Kind: data.KindStatus, CourseID: c.course.ID, From: c.from, To: c.to, On: demoToday},
		"final":     {Kind: data.KindFinal, CourseID: ended.ID, On: demoToday},
		"citizen":   {Kind: data.KindCitizenData, CitizenID: c.citizen.ID, On: demoToday},
	}
}

func openCitizenEntries(t *testing.T, st *sqlstore.Store) int {
	t.Helper()
	log, err := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditOpenCitizen}})
	must(t, err)
	return len(log)
}

// Rendering while the citizen read's audit entry commits, with the scores
// and instruments read in one statement each, gives the same file as
// reading as before, and records the same entries; so does the month-end's
// batch source over the store.
func TestOverlappedAuditGivesTheSameFileAndTheSameEntries(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	for name, req := range courseRequests(t, st) {
		t.Run(name, func(t *testing.T) {
			before := openCitizenEntries(t, st)
			waited, err := Render(ctx, syncSource{st}, req)
			must(t, err)
			perSync := openCitizenEntries(t, st) - before
			overlapped, err := Render(ctx, st, req)
			must(t, err)
			perOverlapped := openCitizenEntries(t, st) - before - perSync
			if overlapped.SHA256 != waited.SHA256 || len(overlapped.PDF) != len(waited.PDF) {
				t.Errorf("overlapped audit: %s (%d bytes), waiting first: %s (%d bytes)",
					overlapped.SHA256, len(overlapped.PDF), waited.SHA256, len(waited.PDF))
			}
			if perSync == 0 || perOverlapped != perSync {
				t.Errorf("open_citizen entries: %d waiting first, %d overlapped", perSync, perOverlapped)
			}
			batch, err := Render(ctx, newBatchSource(st), req)
			must(t, err)
			if batch.SHA256 != waited.SHA256 {
				t.Errorf("through the batch source: %s, read as before: %s", batch.SHA256, waited.SHA256)
			}
		})
	}
	if v, err := st.VerifyAuditChain(ctx); err != nil || !v.OK {
		t.Errorf("audit chain: %+v, %v", v, err)
	}
}

// A course document whose citizen read could not be recorded in the audit
// log is not handed out, nor registered: the entry's commit is only
// overlapped with the rendering, never skipped.
func TestReportFailsWhenItsCitizenReadIsNotRecorded(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	requests := courseRequests(t, st)
	if _, err := st.DB().ExecContext(ctx, `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
		WHEN NEW.action = 'open_citizen' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`); err != nil {
		t.Fatal(err)
	}
	for name, req := range requests {
		t.Run(name, func(t *testing.T) {
			if doc, err := Render(ctx, st, req); err == nil || doc.PDF != nil {
				t.Errorf("Render: %d bytes, err %v; want no document and an error", len(doc.PDF), err)
			}
			if doc, err := Produce(ctx, st, req); err == nil || doc.PDF != nil {
				t.Errorf("Produce: %d bytes, err %v; want no document and an error", len(doc.PDF), err)
			}
			if doc, err := Render(ctx, newBatchSource(st), req); err == nil || doc.PDF != nil {
				t.Errorf("Render in a month-end batch: %d bytes, err %v; want no document and an error", len(doc.PDF), err)
			}
		})
	}
	status := requests["status"]
	if _, err := Prefill(ctx, st, data.KindStatus, status.CourseID, status.From, status.To); err == nil {
		t.Error("Prefill succeeded without recording the citizen read")
	}
	reg, err := st.GeneratedReports(ctx, data.ReportFilter{})
	must(t, err)
	if len(reg) != 0 {
		t.Errorf("register holds %d documents, want none", len(reg))
	}
}

// weeksOf, which works out only the report period's weeks, gives the weeks
// of data.WeeklyHours that overlap the period, for every agreement of the
// demo data and periods before, across, inside and after it.
func TestWeeksOfIsWeeklyHoursInThePeriod(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	courses, err := st.Courses(ctx, data.CourseFilter{})
	must(t, err)
	checked := 0
	for _, c := range courses {
		agreements, err := st.Agreements(ctx, c.ID, data.Date{})
		must(t, err)
		sessions, err := st.Sessions(ctx, data.SessionFilter{CourseID: c.ID, HoursOnly: true})
		must(t, err)
		for _, a := range agreements {
			all := data.WeeklyHours(a, sessions)
			for _, p := range [][2]data.Date{
				{a.Start, a.End}, {a.Start.AddDays(-40), a.Start.AddDays(3)}, {a.Start.AddDays(9), a.Start.AddDays(70)},
				{a.End.AddDays(-30), a.End.AddDays(30)}, {a.End.AddDays(1), a.End.AddDays(60)},
				{a.Start.AddDays(-90), a.Start.AddDays(-1)}, {a.Start.AddDays(4), a.Start.AddDays(4)},
				{a.Start.AddDays(5), a.Start.AddDays(2)}, {data.Date{}, a.End.AddDays(-10)},
			} {
				want := weeksIn(all, p[0], p[1])
				got := weeksOf(a, sessions, p[0], p[1])
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("agreement %d (%s–%s), period %s–%s:\n got %+v\nwant %+v", a.ID, a.Start, a.End, p[0], p[1], got, want)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d periods checked", checked)
	}
}

// weeksIn keeps the weeks overlapping from..to (what the status report's
// chart showed of data.WeeklyHours before weeksOf).
func weeksIn(weeks []data.PeriodHours, from, to data.Date) []data.PeriodHours {
	var out []data.PeriodHours
	for _, w := range weeks {
		if !w.End.Before(from) && !w.Start.After(to) {
			out = append(out, w)
		}
	}
	return out
}
