package sqlstore

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"mentorbog/data"
)

func statusReport(f fixture) data.Report {
	return data.Report{Kind: data.KindStatus, CourseID: f.course.ID, MunicipalityID: f.municipality.ID,
		PeriodStart: data.NewDate(2026, 2, 1), PeriodEnd: data.NewDate(2026, 3, 31),
		Assessment: "Åse møder stabilt og har fået styr på økonomien – næste skridt er praktik.",
		Events:     data.ReportEvents{Sickness: "Syg i uge 9 (influenza)."}, Recommendation: data.RecommendExtend,
		SuggestedHoursMin: 90, CitizenComments: "Jeg vil gerne fortsætte med Jørgen."}
}

func loginAs(t *testing.T, s *Store, username, password string) {
	t.Helper()
	s.Lock()
	if _, err := s.Login(context.Background(), username, password); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
}

func sha(c byte) string { return strings.Repeat(string(c), 64) }

// TestReportWorkflowByRole walks a status report from the mentor's kladde
// to sent: the mentor cannot approve or mark sent, a draft PDF cannot be
// sent, and only the approved report's PDF can.
func TestReportWorkflowByRole(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "rapporter.db"))
	ctx := context.Background()
	mentorUser := data.User{Username: "jorgen", DisplayName: "Jørgen Ødegård", Role: data.RoleMentor, MentorID: f.mentor.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
	coord := data.User{Username: "kim", DisplayName: "Kim Koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))

	loginAs(t, s, "jorgen", "mentorens kodeord")
	r := statusReport(f)
	must(t, s.SaveReport(ctx, &r))
	if r.Status != data.ReportDraft || r.CreatedByName != "Jørgen Ødegård" {
		t.Fatalf("new report: status %q by %q", r.Status, r.CreatedByName)
	}
	r.Assessment += " Tilføjet."
	must(t, s.SaveReport(ctx, &r))
	must(t, s.MoveReport(ctx, r.ID, data.ReportSubmitted, ""))
	if err := s.MoveReport(ctx, r.ID, data.ReportApproved, ""); !errors.Is(err, data.ErrApproveOwnRole) {
		t.Fatalf("a mentor approved a report: %v", err)
	}
	r.Assessment = "Ændret efter indsendelse"
	if err := s.SaveReport(ctx, &r); !errors.Is(err, data.ErrReportNotEditable) {
		t.Fatalf("a mentor changed a submitted report: %v", err)
	}
	draftPDF := data.GeneratedReport{ReportID: r.ID, Kind: data.KindStatus, CourseID: f.course.ID,
		FileName: "Statusrapport_Søby_1_2026-03.pdf", Draft: true, SHA256: sha('a')}
	must(t, s.RegisterGeneratedReport(ctx, &draftPDF))
	if err := s.MarkReportSent(ctx, draftPDF.ID, "Mette Kjær"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a mentor marked a report sent: %v", err)
	}

	loginAs(t, s, "kim", "koordinatorens kodeord")
	if err := s.MarkReportSent(ctx, draftPDF.ID, "Mette Kjær"); !errors.Is(err, data.ErrReportNotApproved) {
		t.Fatalf("an unapproved draft PDF was marked sent: %v", err)
	}
	must(t, s.MoveReport(ctx, r.ID, data.ReportDraft, "Skriv hvilke dage hun var syg."))
	loginAs(t, s, "jorgen", "mentorens kodeord")
	r, err := s.Report(ctx, r.ID)
	must(t, err)
	r.Events.Sickness = "Syg 24.–28. februar."
	must(t, s.SaveReport(ctx, &r))
	must(t, s.MoveReport(ctx, r.ID, data.ReportSubmitted, "Rettet."))

	loginAs(t, s, "kim", "koordinatorens kodeord")
	must(t, s.MoveReport(ctx, r.ID, data.ReportApproved, "Fin rapport."))
	r, err = s.Report(ctx, r.ID)
	must(t, err)
	if r.Status != data.ReportApproved || r.ApprovedByName != "Kim Koordinator" || r.ApprovedAt.IsZero() {
		t.Fatalf("approved report: %+v", r)
	}
	if err := s.MoveReport(ctx, r.ID, data.ReportSent, ""); !errors.Is(err, data.ErrReportNotApproved) {
		t.Fatalf("a report became sendt without a PDF: %v", err)
	}
	final := data.GeneratedReport{ReportID: r.ID, Kind: data.KindStatus, CourseID: f.course.ID,
		FileName: "Statusrapport_Søby_1_2026-03.pdf", SHA256: sha('b'), ApprovedName: r.ApprovedByName, ApprovedAt: r.ApprovedAt}
	must(t, s.RegisterGeneratedReport(ctx, &final))
	if err := s.MarkReportSent(ctx, final.ID, " "); err == nil {
		t.Fatal("marked sent to nobody")
	}
	must(t, s.MarkReportSent(ctx, final.ID, "Mette Kjær, jobcenter@soeby.dk"))
	r, err = s.Report(ctx, r.ID)
	must(t, err)
	if r.Status != data.ReportSent || r.SentAt.IsZero() {
		t.Fatalf("after sending: %q", r.Status)
	}
	comments, err := s.ReportComments(ctx, r.ID)
	must(t, err)
	if len(comments) != 3 || comments[0].Text != "Skriv hvilke dage hun var syg." || comments[1].Username != "Jørgen Ødegård" {
		t.Fatalf("comments: %+v", comments)
	}
	list, err := s.GeneratedReports(ctx, data.ReportFilter{CitizenID: f.citizen.ID})
	must(t, err)
	if len(list) != 2 || list[0].ID != final.ID || list[0].SentTo != "Mette Kjær, jobcenter@soeby.dk" || !list[1].SentAt.IsZero() {
		t.Fatalf("register: %+v", list)
	}
	if list[0].GeneratedName != "Kim Koordinator" || list[1].GeneratedName != "Jørgen Ødegård" || !list[1].Draft {
		t.Fatalf("register names: %q, %q", list[0].GeneratedName, list[1].GeneratedName)
	}
	// The written parts are sealed in the file.
	loginAs(t, s, "admin", adminPassword)
	if plain, err := s.PlaintextFields(ctx); err != nil || len(plain) != 0 {
		t.Fatalf("plaintext report fields: %v %v", plain, err)
	}
	log, err := s.AuditLog(ctx, data.AuditFilter{Actions: []data.AuditAction{data.AuditReportSent}})
	must(t, err)
	if len(log) != 1 || log[0].CitizenID != f.citizen.ID || strings.Contains(log[0].Detail, "Åse") {
		t.Fatalf("sent audit: %+v", log)
	}
}

func TestAMentorSeesOnlyTheReportsOfTheirCourses(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "rapporter.db"))
	ctx := context.Background()
	other := data.Mentor{Name: "Ole Olsen", Kind: data.MentorEmployed}
	must(t, s.SaveMentor(ctx, &other))
	oc := data.Citizen{Name: "Karen Kjær"}
	must(t, s.SaveCitizen(ctx, &oc))
	ocourse := data.Course{CitizenID: oc.ID, MunicipalityID: f.municipality.ID, Status: data.CourseActive}
	must(t, s.SaveCourse(ctx, &ocourse))
	must(t, s.AssignMentor(ctx, ocourse.ID, other.ID, data.NewDate(2026, 1, 1), ""))
	theirs := statusReport(f)
	theirs.CourseID = ocourse.ID
	must(t, s.SaveReport(ctx, &theirs))
	hours := data.GeneratedReport{Kind: data.KindHours, MunicipalityID: f.municipality.ID, FileName: "Timeopgørelse_Søby_2026-03.pdf", SHA256: sha('c')}
	must(t, s.RegisterGeneratedReport(ctx, &hours))
	mentorUser := data.User{Username: "jorgen", Role: data.RoleMentor, MentorID: f.mentor.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))

	loginAs(t, s, "jorgen", "mentorens kodeord")
	mine := statusReport(f)
	must(t, s.SaveReport(ctx, &mine))
	list, err := s.Reports(ctx, data.ReportFilter{})
	must(t, err)
	if len(list) != 1 || list[0].ID != mine.ID {
		t.Fatalf("a mentor lists %d reports", len(list))
	}
	if _, err := s.Report(ctx, theirs.ID); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a mentor read another mentor's report: %v", err)
	}
	if err := s.RegisterGeneratedReport(ctx, &data.GeneratedReport{Kind: data.KindHours, FileName: "x.pdf", SHA256: sha('d')}); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a mentor registered an hours statement: %v", err)
	}
	gen, err := s.GeneratedReports(ctx, data.ReportFilter{})
	must(t, err)
	if len(gen) != 0 {
		t.Fatalf("a mentor sees %d generated documents of others", len(gen))
	}
}

func TestAFileNameWithACPRNumberIsRefused(t *testing.T) {
	s := openTemp(t)
	f := newFixture(t, s)
	g := data.GeneratedReport{Kind: data.KindStatus, CourseID: f.course.ID, FileName: "Statusrapport_010203-1234.pdf", SHA256: sha('e')}
	if err := s.RegisterGeneratedReport(context.Background(), &g); err == nil {
		t.Fatal("a file name with a CPR number was registered")
	}
}

func TestErasingACitizenRemovesTheirReports(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	r := statusReport(f)
	must(t, s.SaveReport(ctx, &r))
	must(t, s.AddReportComment(ctx, r.ID, "Kommentar"))
	g := data.GeneratedReport{ReportID: r.ID, Kind: data.KindStatus, CourseID: f.course.ID, FileName: "a.pdf", SHA256: sha('f')}
	must(t, s.RegisterGeneratedReport(ctx, &g))
	cd := data.GeneratedReport{Kind: data.KindCitizenData, CitizenID: f.citizen.ID, FileName: "b.pdf", SHA256: sha('f')}
	must(t, s.RegisterGeneratedReport(ctx, &cd))
	must(t, s.EraseCitizen(ctx, f.citizen.ID))
	for _, table := range []string{"reports", "report_comments", "generated_reports"} {
		var n int
		must(t, s.pool().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n))
		if n != 0 {
			t.Errorf("%s keeps %d rows of an erased citizen", table, n)
		}
	}
}

func TestMunicipalityKeepsItsReportFrequency(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	m := data.Municipality{Name: "Ærø Kommune", ReportEveryWeeks: 4}
	must(t, s.SaveMunicipality(ctx, &m))
	got, err := s.Municipality(ctx, m.ID)
	must(t, err)
	if got.ReportEveryWeeks != 4 || got.ReportInterval() != 4 {
		t.Fatalf("frequency %d", got.ReportEveryWeeks)
	}
	m.ReportEveryWeeks = 60
	if err := s.SaveMunicipality(ctx, &m); err == nil || !strings.Contains(err.Error(), "Statusrapport") {
		t.Fatalf("60 weeks accepted: %v", err)
	}
}
