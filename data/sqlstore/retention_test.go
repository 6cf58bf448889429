package sqlstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// citizenWithCourse saves a citizen with one course, a goal, a score, an
// agreement and a session, ending on ended (zero = still open).
func citizenWithCourse(t *testing.T, s *Store, f fixture, name string, ended data.Date) data.Citizen {
	t.Helper()
	ctx := context.Background()
	c := data.Citizen{Name: name}
	must(t, s.SaveCitizen(ctx, &c))
	co := data.Course{CitizenID: c.ID, MunicipalityID: f.municipality.ID, Status: data.CourseActive, StartedOn: data.NewDate(2022, 1, 3)}
	if !ended.IsZero() {
		co.Status, co.Outcome, co.EndedOn = data.CourseEnded, data.OutcomeJob, ended
	}
	must(t, s.SaveCourse(ctx, &co))
	must(t, s.AssignMentor(ctx, co.ID, f.mentor.ID, co.StartedOn, ""))
	g := data.Goal{CourseID: co.ID, Title: "Mål for " + name}
	must(t, s.SaveGoal(ctx, &g))
	must(t, s.SaveScore(ctx, &data.Score{GoalID: g.ID, On: data.NewDate(2022, 2, 1), Value: 5}))
	first := data.Agreement{CourseID: co.ID, Start: data.NewDate(2022, 1, 3), End: data.NewDate(2022, 7, 2), HoursBasis: data.HoursPerWeek,
		GrantedMin: 60, Scope: data.PerPerson, Goal: "Job", Tasks: "Støtte", ComplaintGuidance: "4 uger", GoalIDs: []data.ID{g.ID}}
	must(t, s.SaveAgreement(ctx, &first))
	ext := first
	ext.ID, ext.ExtendsID, ext.Start, ext.End = 0, first.ID, data.NewDate(2022, 7, 3), data.NewDate(2022, 12, 31)
	must(t, s.SaveAgreement(ctx, &ext))
	at := time.Date(2022, 2, 1, 10, 0, 0, 0, data.Zone())
	ss := data.Session{CourseID: co.ID, MentorID: f.mentor.ID, PlannedStart: at, PlannedEnd: at.Add(time.Hour), Status: data.SessionHeld,
		ContactMin: 60, Note: "Note om " + name, Goals: []data.SessionGoal{{GoalID: g.ID, Note: "godt"}}}
	must(t, s.SaveSession(ctx, &ss))
	return c
}

func TestRetentionErasesOnlyCitizensPastThePeriodAndLogsNoPersonalData(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	old := citizenWithCourse(t, s, f, "Gammel Gitte Ærø", data.NewDate(2023, 1, 31))
	recent := citizenWithCourse(t, s, f, "Nylig Niels", data.NewDate(2026, 6, 30))
	open := citizenWithCourse(t, s, f, "Aktiv Åse", data.Date{})

	today := data.NewDate(2026, 11, 23)
	due, err := s.RetentionPreview(ctx, today)
	must(t, err)
	if len(due) != 1 || due[0].CitizenID != old.ID || due[0].LastEnded != data.NewDate(2023, 1, 31) {
		t.Fatalf("preview: %+v", due)
	}
	n, err := s.RunRetention(ctx, today)
	if err != nil || n != 1 {
		t.Fatalf("run: %d %v", n, err)
	}
	if _, err := s.Citizen(ctx, old.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("erased citizen still readable: %v", err)
	}
	for _, table := range []string{"courses WHERE citizen_id = ?", "citizens WHERE id = ?"} {
		var left int
		s.pool().QueryRowContext(context.Background(), "SELECT count(*) FROM "+table, old.ID).Scan(&left)
		if left != 0 {
			t.Errorf("%s: %d rows left", table, left)
		}
	}
	for _, keep := range []data.ID{recent.ID, open.ID, f.citizen.ID} {
		if _, err := s.Citizen(ctx, keep); err != nil {
			t.Errorf("citizen %d was not due but is gone: %v", keep, err)
		}
	}
	log, err := s.DeletionLog(ctx)
	must(t, err)
	kinds := map[string]int{}
	for _, d := range log {
		kinds[d.Kind] = d.Count
		for _, text := range []string{d.Actor, d.Reason, d.Kind} {
			if strings.Contains(text, "Gitte") || strings.Contains(text, "Ærø") {
				t.Errorf("deletion log holds personal data: %+v", d)
			}
		}
	}
	if kinds["borger"] != 1 || kinds["forløb"] != 1 || kinds["møde"] != 1 || kinds["mentoraftale"] != 2 || kinds["scoring"] != 1 {
		t.Errorf("deletion log counts: %v", kinds)
	}
	h, err := s.Check(ctx)
	if err != nil || h.ForeignKeys != 0 {
		t.Fatalf("check after retention: %+v %v", h, err)
	}
}

func TestEraseCitizenRemovesEverythingAndNeedsAnAdministrator(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	c := citizenWithCourse(t, s, f, "Slettes Sørensen", data.Date{})
	must(t, s.EraseCitizen(ctx, c.ID))
	var sessions int
	s.pool().QueryRowContext(context.Background(), "SELECT count(*) FROM sessions WHERE note LIKE '%Slettes%'").Scan(&sessions)
	if sessions != 0 {
		t.Error("a session of the erased citizen is left")
	}
	if err := s.EraseCitizen(ctx, c.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("erasing twice: %v", err)
	}

	must(t, s.SetSetting(ctx, "retention_months", "6"))
	if m, _ := s.RetentionMonths(ctx); m != 6 {
		t.Errorf("retention months %d", m)
	}
}

func TestOnlyAnAdministratorMayErase(t *testing.T) {
	s, f, _ := setUp(t, t.TempDir()+"/roller.db")
	ctx := context.Background()
	coord := data.User{Username: "koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))
	s.Lock()
	if _, err := s.Login(ctx, "koordinator", "koordinatorens kodeord"); err != nil {
		t.Fatal(err)
	}
	if err := s.EraseCitizen(ctx, f.citizen.ID); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("coordinator erased a citizen: %v", err)
	}
	if _, err := s.RunRetention(ctx, data.NewDate(2030, 1, 1)); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("coordinator ran retention: %v", err)
	}
}
