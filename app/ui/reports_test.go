package ui

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"mentorbog/data"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
)

// loginAs locks the store and logs in as username.
func loginAs(t *testing.T, st *sqlstore.Store, username, password string) {
	t.Helper()
	st.Lock()
	if _, err := st.Login(context.Background(), username, password); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
}

// reportUsers seeds the fixture on an encrypted store with a mentor user
// for Karen (Anna's mentor) and a coordinator.
func reportUsers(t *testing.T) (*sqlstore.Store, fixture) {
	t.Helper()
	st, _ := adminStore(t)
	f := seed(t, st)
	ctx := context.Background()
	must(t, st.SaveUser(ctx, &data.User{Username: "karen", DisplayName: "Karen Østergaard", Role: data.RoleMentor, MentorID: f.karen.ID}, "karens kodeord"))
	must(t, st.SaveUser(ctx, &data.User{Username: "kim", DisplayName: "Kim Koordinator", Role: data.RoleCoordinator}, "kims kodeord 123"))
	return st, f
}

func reportsOf(t *testing.T, m *MainWindow) *reportsScreen {
	t.Helper()
	m.ShowSection(SectionReports)
	s := m.screens[SectionReports].(*reportsScreen)
	s.tabs.SelectIndex(1)
	return s
}

func pdfTextOf(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestReportFormMentorWritesCoordinatorApproves(t *testing.T) {
	st, f := reportUsers(t)
	ctx := context.Background()

	// The mentor writes a status report for October and submits it.
	loginAs(t, st, "karen", "karens kodeord")
	m := newWindow(t, st)
	s := reportsOf(t, m)
	// Karen's two courses started 1 September; the default 6 weeks have passed.
	if len(s.written.dueNow) != 2 || s.written.dueNow[0].Course.ID != f.annaCourse.ID {
		t.Fatalf("due for Karen: %+v", s.written.dueNow)
	}
	assertShows(t, m, "Forfaldne statusrapporter", "Anna Bøgh · forløb")
	must(t, s.written.start(data.KindStatus, f.annaCourse.ID, data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)))
	form := s.written.form
	if !strings.Contains(form.assessment.Text, "gennemført 4 møder med i alt 5 t kontakttid") {
		t.Errorf("assessment not prefilled from the data: %q", form.assessment.Text)
	}
	test.Type(form.assessment, " Anna er mødt stabilt – næste skridt er praktik hos Bæk & Søn.")
	test.Type(form.sickness, "Syg i uge 43 (influenza).")
	form.recommendation.SetSelected(recommendationLabels()[1])
	form.suggested.SetText("")
	test.Type(form.suggested, "abc")
	test.Tap(form.save)
	if !form.message.Visible() || !strings.Contains(form.message.Text, "Foreslåede timer pr. uge skal være et tal") {
		t.Errorf("bad hours: message %q", form.message.Text)
	}
	capture(t, m, "report-form-bad-hours")
	if list, _ := st.Reports(ctx, data.ReportFilter{}); len(list) != 0 || !strings.Contains(form.assessment.Text, "Bæk & Søn") {
		t.Fatal("a bad number was saved, or the typed text was lost")
	}
	form.suggested.SetText("")
	test.Type(form.suggested, "1,5")
	capture(t, m, "report-form-mentor")
	test.Tap(form.save)
	list, err := st.Reports(ctx, data.ReportFilter{})
	must(t, err)
	if len(list) != 1 || !strings.Contains(list[0].Assessment, "Bæk & Søn") || list[0].Events.Sickness != "Syg i uge 43 (influenza)." ||
		list[0].Recommendation != data.RecommendExtend || list[0].SuggestedHoursMin != 90 || list[0].Status != data.ReportDraft {
		t.Fatalf("stored report: %+v", list)
	}
	if form.approve.Visible() || !form.submit.Visible() {
		t.Error("a mentor is offered Godkend, or not Send til godkendelse")
	}
	test.Tap(form.makePDF)
	if len(form.pdf.opened) != 1 || !strings.Contains(pdfTextOf(t, form.pdf.opened[0]), "UDKAST") {
		t.Fatal("the unapproved PDF is not marked UDKAST")
	}
	test.Tap(form.submit)
	if form.report.Status != data.ReportSubmitted || !form.assessment.Disabled() || form.approve.Visible() {
		t.Fatalf("after submitting: %s, disabled %v, approve %v", form.report.Status, form.assessment.Disabled(), form.approve.Visible())
	}
	reportID := form.report.ID
	if err := st.MoveReport(ctx, reportID, data.ReportApproved, ""); err == nil {
		t.Fatal("the store let a mentor approve")
	}
	form.close()

	// The coordinator comments, approves, makes the final PDF and marks it sent.
	loginAs(t, st, "kim", "kims kodeord 123")
	m = newWindow(t, st)
	s = reportsOf(t, m)
	r, err := st.Report(ctx, reportID)
	must(t, err)
	s.written.open(r)
	form = s.written.form
	if !form.approve.Visible() || form.assessment.Disabled() {
		t.Fatal("a coordinator cannot approve or correct a submitted report")
	}
	test.Type(form.comment, "Fint – godkendt.")
	capture(t, m, "report-form-coordinator")
	test.Tap(form.approve)
	if form.report.Status != data.ReportApproved || form.report.ApprovedByName != "Kim Koordinator" {
		t.Fatalf("after approving: %+v", form.report)
	}
	test.Tap(form.makePDF)
	text := pdfTextOf(t, form.pdf.opened[0])
	if strings.Contains(text, "UDKAST") || !strings.Contains(text, "Godkendt af") || !strings.Contains(text, "Syg i uge 43") {
		t.Errorf("approved PDF:\n%.800s", text)
	}
	capture(t, m, "report-form-approved")
	form.close()

	s.tabs.SelectIndex(2)
	reg := s.register
	if len(reg.shown) != 2 || reg.shown[0].Draft || !reg.shown[1].Draft {
		t.Fatalf("register: %+v", reg.shown)
	}
	if err := reg.markSent(reg.shown[1].ID, "Lise Holm"); err == nil {
		t.Error("a draft PDF was marked sent")
	}
	must(t, reg.markSent(reg.shown[0].ID, "Lise Holm, jobcenter@naestved.dk"))
	r, err = st.Report(ctx, reportID)
	must(t, err)
	if r.Status != data.ReportSent {
		t.Errorf("after marking sent: %s", r.Status)
	}
	// The store stamps "sent" with the real clock (the window's is fixed), so
	// the day shown is the stored one: near midnight it is not the fixture's.
	sent := "sendt " + dk.FormatDate(r.SentAt.In(data.Zone())) + " til Lise Holm"
	assertShows(t, m, sent, "Kim Koordinator", "SHA-256 ")
	capture(t, m, "report-register")
	// Åbn makes the same file again: the hash proves it is the one sent.
	doc, changed, err := reg.pdf.reproduce(ctx, reg.shown[0])
	must(t, err)
	if changed || doc.SHA256 != reg.shown[0].SHA256 {
		t.Error("re-opening a registered report gives another file")
	}
}

func TestReportFormKeepsADraftOfUnsavedText(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := reportsOf(t, m)
	must(t, s.written.start(data.KindStart, f.annaCourse.ID, data.Date{}, data.Date{}))
	form := s.written.form
	if !strings.Contains(form.situation.Text, "Mødestabil") || !strings.Contains(form.plan.Text, "Komme i praktik") {
		t.Errorf("opstartsnotat not prefilled: %q / %q", form.situation.Text, form.plan.Text)
	}
	test.Type(form.citizenComments, "Jeg glæder mig – især til praktikken.")
	form.close()
	must(t, s.written.start(data.KindStart, f.annaCourse.ID, data.Date{}, data.Date{}))
	again := s.written.form
	if again.citizenComments.Text != "Jeg glæder mig – især til praktikken." || !again.restored.Visible() {
		t.Fatalf("draft not restored: %q", again.citizenComments.Text)
	}
	test.Tap(again.save)
	drafts, err := st.Drafts(context.Background())
	must(t, err)
	if len(drafts) != 0 {
		t.Errorf("saving left %d drafts", len(drafts))
	}
}

func TestMonthEndListsAFailingReportAndGoesOn(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	ctx := context.Background()
	// Erik's ordered course has no agreement: its October report fails.
	courses, err := st.Courses(ctx, data.CourseFilter{CitizenID: f.erik.ID})
	must(t, err)
	broken := data.Report{Kind: data.KindStatus, CourseID: courses[0].ID, PeriodStart: data.NewDate(2026, 10, 1), PeriodEnd: data.NewDate(2026, 10, 31)}
	must(t, st.SaveReport(ctx, &broken))
	m := newWindow(t, st)
	s := reportsOf(t, m)
	me := newMonthEndDialog(st, s.env, s.months, nil)
	me.show()
	me.dir.SetText(filepath.Join(t.TempDir(), "oktober"))
	if me.selectedMonth() != data.NewDate(2026, 10, 1) {
		t.Fatalf("month-end offers %v first", me.selectedMonth())
	}
	test.Tap(me.start)
	<-me.finished
	var failed, hours, status int
	for _, r := range me.outcome {
		switch {
		case r.Err != nil:
			failed++
			if !strings.Contains(r.Err.Error(), "har ingen mentoraftale") {
				t.Errorf("failure reason: %v", r.Err)
			}
		case r.Doc.Kind == data.KindHours:
			hours++
		case r.Doc.Kind == data.KindStatus:
			status++
		}
	}
	if failed != 1 || hours != 1 || status == 0 {
		t.Errorf("month-end: %d failed, %d hours statements, %d status reports", failed, hours, status)
	}
	if me.progress.Value != me.progress.Max || !strings.Contains(me.status.Text, "1 fejlede") {
		t.Errorf("progress %v of %v, status %q", me.progress.Value, me.progress.Max, me.status.Text)
	}
	capture(t, m, "report-month-end")
}

func TestCitizenDocumentsListsTheCitizensReports(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := reportsOf(t, m)
	// A document about Anna and one about Ømer: only Anna's is listed.
	must(t, s.written.start(data.KindStatus, f.annaCourse.ID, data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)))
	test.Tap(s.written.form.makePDF)
	s.written.form.close()
	oemer, err := st.Courses(context.Background(), data.CourseFilter{CitizenID: f.oemer.ID})
	must(t, err)
	must(t, s.written.start(data.KindStatus, oemer[0].ID, data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)))
	test.Tap(s.written.form.makePDF)
	s.written.form.close()

	must(t, s.written.load(context.Background()))
	assertShows(t, m, "Skrevne rapporter", "Anna Bøgh · forløb 1", "Ømer Yilmaz · forløb 2", "Kladde")
	capture(t, m, "report-written-list")

	docs := newCitizenDocuments(st, s.env, f.anna.ID)
	m.Window().SetContent(docs)
	assertShows(t, m, "UDKAST · Statusrapport_Naestved-Kommune_1_2026-10.pdf", "Åbn", "Gem som")
	assertHides(t, m, "Slagelse")
	access := findButton(docs, "Dan indsigtsrapport (Borgerens data)")
	if access == nil {
		t.Fatal("no button for the citizen's data")
	}
	test.Tap(access)
	assertShows(t, m, "Borgerens-data_borger_")
	capture(t, m, "citizen-documents")
	list, err := st.GeneratedReports(context.Background(), data.ReportFilter{CitizenID: f.anna.ID})
	must(t, err)
	if len(list) != 2 || list[0].Kind != data.KindCitizenData {
		t.Fatalf("Anna's documents: %+v", list)
	}
}

func TestReportDraftIsOfferedAfterRestartAndReopensTheReport(t *testing.T) {
	st := openStore(t)
	f := seed(t, st)
	m := newWindow(t, st)
	s := reportsOf(t, m)
	from, to := data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)
	must(t, s.written.start(data.KindStatus, f.annaCourse.ID, from, to))
	test.Type(s.written.form.citizenComments, "Jeg vil gerne fortsætte – måske i praktik.")
	m.closeRequested() // Mentorbog closes with the new report unsaved

	// After a restart the draft is offered; restoring opens the same new
	// status report (same course and period) with the typed text.
	m2 := newWindow(t, st)
	m2.OfferDrafts()
	assertShows(t, m2, "Ikke-gemte kladder", "Statusrapport · Anna Bøgh", "Gendan")
	capture(t, m2, "rapport-kladde-tilbud")
	tapOverlay(t, m2, "Gendan")
	form := m2.screens[SectionReports].(*reportsScreen).written.form
	if form == nil || form.citizenComments.Text != "Jeg vil gerne fortsætte – måske i praktik." || !form.restored.Visible() {
		t.Fatalf("new report not restored: %+v", form)
	}
	if form.report.CourseID != f.annaCourse.ID || form.report.PeriodStart != from || form.report.PeriodEnd != to || form.report.Kind != data.KindStatus {
		t.Fatalf("restored into another report: %+v", form.report)
	}
	capture(t, m2, "rapport-kladde-gendannet")

	// Saved, then changed and left unsaved: the draft reopens the saved report.
	test.Tap(form.save)
	if form.report.ID == 0 {
		t.Fatalf("not saved: %q", form.message.Text)
	}
	test.Type(form.assessment, " Godt fremmøde.")
	m2.closeRequested()
	m3 := newWindow(t, st)
	m3.OfferDrafts()
	tapOverlay(t, m3, "Gendan")
	again := m3.screens[SectionReports].(*reportsScreen).written.form
	if again == nil || again.report.ID != form.report.ID || !strings.Contains(again.assessment.Text, "Godt fremmøde.") || !again.restored.Visible() {
		t.Fatalf("saved report not reopened with its draft: %+v", again)
	}
}
