package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"mentorbog/data"
)

func TestCitizenNeedsAndAgreementMentorRoundTripSealed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "formularer.db")
	s, f, _ := setUp(t, path)
	ctx := context.Background()
	c, err := s.Citizen(ctx, f.citizen.ID)
	must(t, err)
	c.Needs = []string{"angstproblematik", "gæld"}
	must(t, s.SaveCitizen(ctx, &c))
	got, err := s.Citizen(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got.Needs, []string{"angstproblematik", "gæld"}) {
		t.Fatalf("needs after save: %+v %v", got.Needs, err)
	}
	a := data.Agreement{CourseID: f.course.ID, MentorID: f.mentor.ID, Start: data.NewDate(2026, 1, 12),
		End: data.NewDate(2026, 7, 11), HoursBasis: data.HoursPerWeek, GrantedMin: 90, Scope: data.PerPerson,
		Goal: "Praktik", Tasks: "Struktur", ComplaintGuidance: "Klag inden 4 uger."}
	must(t, s.SaveAgreement(ctx, &a))
	next := a.Extension()
	must(t, s.SaveAgreement(ctx, &next))
	back, err := s.Agreement(ctx, next.ID)
	if err != nil || back.MentorID != f.mentor.ID || back.ExtendsID != a.ID || back.Start != data.NewDate(2026, 7, 12) {
		t.Fatalf("extension read back: %+v %v", back, err)
	}
	if plain, err := s.PlaintextFields(ctx); err != nil || len(plain) != 0 {
		t.Fatalf("plaintext personal fields: %+v %v", plain, err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	must(t, err)
	if bytes.Contains(b, []byte("angstproblematik")) {
		t.Error("the citizen's needs are stored in plaintext")
	}
}

func TestCitizenLogIsForCoordinatorsNotMentors(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "log.db"))
	ctx := context.Background()
	mentorUser := data.User{Username: "jorgen", DisplayName: "Jørgen", Role: data.RoleMentor, MentorID: f.mentor.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
	coord := data.User{Username: "koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))
	other := data.Citizen{Name: "Bent Andersen"}
	must(t, s.SaveCitizen(ctx, &other))

	s.Lock()
	if _, err := s.Login(ctx, "koordinator", "koordinatorens kodeord"); err != nil {
		t.Fatal(err)
	}
	_, err := s.Citizen(ctx, f.citizen.ID)
	must(t, err)
	entries, err := s.CitizenLog(ctx, f.citizen.ID, 0)
	if err != nil || len(entries) == 0 {
		t.Fatalf("coordinator's citizen log: %d entries, %v", len(entries), err)
	}
	if entries[0].Action != data.AuditOpenCitizen || entries[0].Username != "koordinator" {
		t.Errorf("newest entry %+v, want the coordinator's opening", entries[0])
	}
	for _, e := range entries {
		if e.CitizenID != f.citizen.ID {
			t.Errorf("entry of another citizen: %+v", e)
		}
	}
	if one, _ := s.CitizenLog(ctx, f.citizen.ID, 1); len(one) != 1 {
		t.Errorf("limit 1 gave %d entries", len(one))
	}
	s.Lock()
	if _, err := s.Login(ctx, "jorgen", "mentorens kodeord"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenLog(ctx, f.citizen.ID, 0); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a mentor read the citizen log: %v", err)
	}
}

func TestCitizenByCPRFindsTheDuplicateAfterSetup(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "cpr.db"))
	ctx := context.Background()
	got, err := s.CitizenByCPR(ctx, "0102031234")
	if err != nil || got.ID != f.citizen.ID {
		t.Fatalf("lookup: %+v %v", got, err)
	}
	if _, err := s.CitizenByCPR(ctx, "311285-4321"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown CPR: %v", err)
	}
}

func TestSaveCitizenRefusesADuplicateCPR(t *testing.T) {
	for _, sealed := range []bool{false, true} {
		var s *Store
		var f fixture
		if sealed {
			s, f, _ = setUp(t, filepath.Join(t.TempDir(), "dublet.db"))
		} else {
			s = openTemp(t)
			f = newFixture(t, s)
		}
		ctx := context.Background()
		dup := data.Citizen{Name: "Anden Borger", CPR: "0102031234"}
		err := s.SaveCitizen(ctx, &dup)
		var p data.Problems
		if !errors.As(err, &p) || p[0].Field != "cpr" || dup.ID != 0 {
			t.Fatalf("sealed=%v: duplicate saved or wrong error: %v", sealed, err)
		}
		if id, err := s.CitizenIDByCPR(ctx, "010203-1234", 0); err != nil || id != f.citizen.ID {
			t.Errorf("sealed=%v: CitizenIDByCPR = %d, %v", sealed, id, err)
		}
		// The citizen itself may be saved again with its own number.
		c, err := s.Citizen(ctx, f.citizen.ID)
		must(t, err)
		c.Phone = "99 88 77 66"
		must(t, s.SaveCitizen(ctx, &c))
		if id, _ := s.CitizenIDByCPR(ctx, "0102031234", c.ID); id != 0 {
			t.Errorf("sealed=%v: the citizen is its own duplicate", sealed)
		}
	}
}
