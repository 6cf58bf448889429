package data

import (
	"errors"
	"testing"
)

func TestCanMoveReportFollowsTheWorkflow(t *testing.T) {
	cases := []struct {
		from, to ReportStatus
		role     UserRole
		ok       bool
	}{
		{ReportDraft, ReportSubmitted, RoleMentor, true},
		{ReportSubmitted, ReportApproved, RoleMentor, false},
		{ReportSubmitted, ReportApproved, RoleCoordinator, true},
		{ReportSubmitted, ReportApproved, RoleAdministrator, true},
		{ReportDraft, ReportApproved, RoleCoordinator, false}, // must be submitted first
		{ReportSubmitted, ReportDraft, RoleCoordinator, true},
		{ReportApproved, ReportDraft, RoleMentor, false},
		{ReportApproved, ReportDraft, RoleCoordinator, true},
		{ReportApproved, ReportSent, RoleCoordinator, false}, // only through MarkReportSent
		{ReportSent, ReportDraft, RoleAdministrator, false},
	}
	for _, c := range cases {
		err := CanMoveReport(c.from, c.to, c.role)
		if (err == nil) != c.ok {
			t.Errorf("%s → %s as %s: %v", c.from, c.to, c.role, err)
		}
	}
	if err := CanMoveReport(ReportSubmitted, ReportApproved, RoleMentor); !errors.Is(err, ErrApproveOwnRole) {
		t.Errorf("mentor approving: %v", err)
	}
}

func TestDueStatusReports(t *testing.T) {
	every4 := Municipality{ID: 1, Name: "Søby", ReportEveryWeeks: 4}
	unset := Municipality{ID: 2, Name: "Åby"}
	in := DueInput{
		Municipalities: []Municipality{every4, unset},
		Courses: []Course{
			{ID: 10, MunicipalityID: 1, Status: CourseActive, StartedOn: NewDate(2026, 9, 1)},
			{ID: 11, MunicipalityID: 1, Status: CourseActive, StartedOn: NewDate(2026, 9, 1)},
			{ID: 12, MunicipalityID: 2, Status: CourseActive, StartedOn: NewDate(2026, 10, 1)},
			{ID: 13, MunicipalityID: 1, Status: CourseEnded, StartedOn: NewDate(2026, 1, 1)},
			{ID: 14, MunicipalityID: 1, Status: CourseActive, StartedOn: NewDate(2026, 1, 1)}, // agreement ran out
		},
		Agreements: []Agreement{
			{CourseID: 10, Start: NewDate(2026, 9, 1), End: NewDate(2027, 2, 28)},
			{CourseID: 11, Start: NewDate(2026, 9, 1), End: NewDate(2027, 2, 28)},
			{CourseID: 12, Start: NewDate(2026, 10, 1), End: NewDate(2027, 3, 31)},
			{CourseID: 13, Start: NewDate(2026, 1, 1), End: NewDate(2026, 12, 31)},
			{CourseID: 14, Start: NewDate(2026, 1, 1), End: NewDate(2026, 6, 30)},
		},
		Reports: []Report{
			// Course 11 reported up to 15 November: the next is due 14 December.
			{CourseID: 11, Kind: KindStatus, PeriodStart: NewDate(2026, 9, 1), PeriodEnd: NewDate(2026, 11, 15)},
			{CourseID: 10, Kind: KindStart, PeriodStart: NewDate(2026, 9, 1), PeriodEnd: NewDate(2026, 9, 30)},
		},
	}
	day := NewDate(2026, 11, 30)
	due := DueStatusReports(day, in)
	if len(due) != 2 || due[0].Course.ID != 10 || due[1].Course.ID != 12 {
		t.Fatalf("due on %s: %+v", day, due)
	}
	if due[0].From != NewDate(2026, 9, 1) || due[0].To != day || due[0].DueOn != NewDate(2026, 9, 29) {
		t.Errorf("course 10: %s – %s due %s", due[0].From, due[0].To, due[0].DueOn)
	}
	// Åby has no frequency of its own: the default of 6 weeks applies.
	if due[1].DueOn != NewDate(2026, 11, 12) || due[1].Municipality.Name != "Åby" {
		t.Errorf("course 12 due %s", due[1].DueOn)
	}
	later := DueStatusReports(NewDate(2026, 12, 14), in)
	if len(later) != 3 || later[1].Course.ID != 11 || later[1].From != NewDate(2026, 11, 16) {
		t.Fatalf("due on 14 December: %+v", later)
	}
}
