package reports

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/dk"
	"mentorbog/data/sqlstore"
)

// long repeats a Danish sentence to n runes, with one very long unbroken
// word in the middle: wrapping must break it rather than run past the margin.
func long(n int) string {
	s := strings.Repeat("Åse Østergård-Bækgaard fortæller om ugen – møder, søvn og økonomi. ", n/60+1)
	r := []rune(s)
	word := []rune(strings.Repeat("Ø", 150))
	mid := len(r) / 2
	out := append(append(append([]rune{}, r[:mid]...), word...), r[mid:]...)
	return string(out[:n])
}

// stressCourse saves a course with 300 sessions and text at every limit.
func stressCourse(t *testing.T) (*sqlstore.Store, data.Course, data.Report) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(filepath.Join(t.TempDir(), "stress.db"))
	must(t, err)
	t.Cleanup(func() { st.Close() })
	org, err := st.Organisation(ctx)
	must(t, err)
	org.Name = long(data.MaxShortText)
	org.ReportFooter = long(data.MaxLineText)
	org.JobcentreLabel = data.LabelJobcenter
	must(t, st.SaveOrganisation(ctx, org))
	muni := data.Municipality{Name: long(data.MaxShortText), EAN: "5798000000001"}
	must(t, st.SaveMunicipality(ctx, &muni))
	cw := data.Caseworker{MunicipalityID: muni.ID, Name: long(data.MaxShortText), Email: "sagsbehandler@kommune.dk"}
	must(t, st.SaveCaseworker(ctx, &cw))
	mentor := data.Mentor{Name: long(data.MaxShortText), Kind: data.MentorEmployed, Qualifications: long(3000)}
	must(t, st.SaveMentor(ctx, &mentor))
	citizen := data.Citizen{Name: long(data.MaxShortText), CPR: "0101901234", Address: long(data.MaxLineText),
		Profile: data.HandoverProfile{Resources: long(data.MaxLongText), Everyday: long(5000)}}
	must(t, st.SaveCitizen(ctx, &citizen))
	course := data.Course{CitizenID: citizen.ID, MunicipalityID: muni.ID, CaseworkerID: cw.ID, Status: data.CourseActive,
		OrderRef: long(data.MaxShortText), StartedOn: data.NewDate(2026, 1, 1)}
	must(t, st.SaveCourse(ctx, &course))
	must(t, st.AssignMentor(ctx, course.ID, mentor.ID, course.StartedOn, long(2000)))
	var goalIDs []data.ID
	for i := 0; i < 5; i++ {
		g := data.Goal{CourseID: course.ID, Title: fmt.Sprintf("%d %s", i, long(data.MaxLineText-3)), Description: long(4000), CreatedOn: course.StartedOn}
		must(t, st.SaveGoal(ctx, &g))
		goalIDs = append(goalIDs, g.ID)
		for m := 1; m <= 12; m++ {
			must(t, st.SaveScore(ctx, &data.Score{GoalID: g.ID, On: data.NewDate(2026, time.Month(m), 10), Value: 1 + (m+i)%10, Note: long(1500)}))
		}
	}
	a := data.Agreement{CourseID: course.ID, Start: data.NewDate(2026, 1, 1), End: data.NewDate(2026, 12, 31), HoursBasis: data.HoursPerWeek,
		GrantedMin: 120, Scope: data.PerPerson, RateOere: 55000, Goal: long(data.MaxLongText), Tasks: long(data.MaxLongText),
		ComplaintGuidance: long(3000), Roles: data.Roles(15), GoalIDs: goalIDs}
	must(t, st.SaveAgreement(ctx, &a))
	statuses := []data.SessionStatus{data.SessionHeld, data.SessionHeld, data.SessionHeld, data.SessionNoShow, data.SessionCancelledCitizen, data.SessionCancelledMentor}
	for i := 0; i < 300; i++ {
		start := time.Date(2026, 1, 2, 9, 0, 0, 0, data.Zone()).AddDate(0, 0, i)
		s := data.Session{CourseID: course.ID, MentorID: mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
			Status: statuses[i%len(statuses)], Form: data.FormHomeVisit, Place: long(data.MaxShortText), Note: long(2000), TransportMin: 20}
		if s.Status == data.SessionHeld {
			s.ContactMin = 60
		}
		must(t, st.SaveSession(ctx, &s))
	}
	r := data.Report{Kind: data.KindStatus, CourseID: course.ID, PeriodStart: data.NewDate(2026, 1, 1), PeriodEnd: data.NewDate(2026, 12, 31),
		Assessment: long(data.MaxLongText), CitizenComments: long(data.MaxLongText), Recommendation: data.RecommendExtend, SuggestedHoursMin: 90,
		Events: data.ReportEvents{Deviation: long(3000), Sickness: long(3000), Crisis: long(3000), JobOrEducation: long(3000)}}
	must(t, st.SaveReport(ctx, &r))
	must(t, st.MoveReport(ctx, r.ID, data.ReportSubmitted, ""))
	must(t, st.MoveReport(ctx, r.ID, data.ReportApproved, ""))
	return st, course, r
}

// bboxPage is pdftotext -bbox output: words with their boxes in points.
type bboxPage struct {
	Words []struct {
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
		Text string  `xml:",chardata"`
	} `xml:"word"`
}

func wordBoxes(t *testing.T, pdf []byte) []bboxPage {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.pdf")
	must(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	// pdftotext writes XHTML; the entity-free body parses as XML.
	text := string(out)
	text = text[strings.Index(text, "<body>"):]
	text = "<html>" + text[:strings.LastIndex(text, "</html>")] + "</html>"
	if err := xml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("parse bbox: %v", err)
	}
	return doc.Pages
}

const ptToMM = 25.4 / 72

// assertWithinMargins checks that every word lies inside the margins and
// nothing but the footer reaches into the bottom margin.
func assertWithinMargins(t *testing.T, pages []bboxPage) {
	t.Helper()
	bad := 0
	for p, page := range pages {
		for _, w := range page.Words {
			if w.Text == "UDKAST" {
				continue
			}
			x0, x1, y0, y1 := w.XMin*ptToMM, w.XMax*ptToMM, w.YMin*ptToMM, w.YMax*ptToMM
			inBody := y1 <= pageHeight-marginBottom+0.5
			inFooter := y0 >= pageHeight-marginBottom+4 && y1 <= pageHeight-8
			if x0 < marginLeft-0.5 || x1 > pageWidth-marginRight+0.5 || y0 < marginTop-10 || !(inBody || inFooter) {
				if bad < 10 {
					t.Errorf("page %d: %q at x %.1f–%.1f mm, y %.1f–%.1f mm is outside the margins", p+1, w.Text, x0, x1, y0, y1)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d words outside the margins", bad)
	}
}

func TestStressThreeHundredSessionsAndLongTextsStayInsideTheMargins(t *testing.T) {
	st, course, r := stressCourse(t)
	ctx := context.Background()
	on := data.NewDate(2027, 1, 5)
	requests := []Request{
		{Kind: data.KindStatus, ReportID: r.ID, On: on},
		{Kind: data.KindAgreement, CourseID: course.ID, On: on},
		{Kind: data.KindStart, CourseID: course.ID, On: on},
		{Kind: data.KindFinal, CourseID: course.ID, On: on},
		{Kind: data.KindHours, MunicipalityID: course.MunicipalityID, From: data.NewDate(2026, 3, 1), On: on},
		{Kind: data.KindCitizenData, CitizenID: course.CitizenID, On: on},
	}
	for _, req := range requests {
		t.Run(string(req.Kind), func(t *testing.T) {
			doc, err := Render(ctx, st, req)
			must(t, err)
			keepPDF(t, "stress-"+doc.FileName, doc.PDF)
			pages := wordBoxes(t, doc.PDF)
			if len(pages) == 0 {
				t.Fatal("no pages")
			}
			assertWithinMargins(t, pages)
			if req.Kind != data.KindStatus {
				return
			}
			text := pdfText(t, doc.PDF, 0, 0)
			if n := assertPages(t, text); n < 10 {
				t.Errorf("300 sessions and 20.000-character texts on only %d pages", n)
			}
			for i := 0; i < 300; i++ {
				day := time.Date(2026, 1, 2, 9, 0, 0, 0, data.Zone()).AddDate(0, 0, i).Format("02-01-2006")
				if !strings.Contains(text, day) {
					t.Errorf("session %s missing", day)
				}
			}
			// Half the sessions are held, an hour each; 2 t a week for 365 days
			// is granted, so more was used than granted.
			flat := strings.Join(strings.Fields(text), " ")
			weeklyMin, days := 120.0, 365.0
			granted := int(weeklyMin*days/7 + 0.5)
			for _, want := range []string{"Brugt i rapportperioden 150 t", "Resterende " + dk.FormatHours(granted-150*60) + " t",
				"Bevilget i aftaleperioden 01-01-2026 – 31-12-2026 " + dk.FormatHours(granted) + " t", "Godkendt af system"} {
				if !strings.Contains(flat, want) {
					t.Errorf("stress report lacks %q", want)
				}
			}
			if strings.Contains(flat, "UDKAST") {
				t.Error("an approved report is marked UDKAST")
			}
		})
	}
}
