package sqlstore

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"mentorbog/data"
)

// refuseCitizenAudits makes the database refuse every open_citizen audit
// entry, as a full disk or a lost server would refuse the commit.
func refuseCitizenAudits(t *testing.T, s *Store) {
	t.Helper()
	if s.dialect == dialectPostgres {
		audExec(t, s, `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`)
		audExec(t, s, `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW
			WHEN (NEW.action = 'open_citizen') EXECUTE FUNCTION refuse_audit()`)
		return
	}
	audExec(t, s, `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
		WHEN NEW.action = 'open_citizen' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`)
}

func citizenAudits(t *testing.T, s *Store, id data.ID) int {
	t.Helper()
	list, err := s.AuditLog(context.Background(), data.AuditFilter{CitizenID: id, Actions: []data.AuditAction{data.AuditOpenCitizen}})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestCitizenAuditingReadsLikeCitizenAndRecordsTheSameEntry(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	c := data.Citizen{Name: "Åse Bækgaard", CPR: "010203-1234", Address: "Ågade 1", Postcode: "4700", City: "Næstved"}
	if err := s.SaveCitizen(ctx, &c); err != nil {
		t.Fatal(err)
	}
	want, err := s.Citizen(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, committed, err := s.CitizenAuditing(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := committed(); err != nil {
		t.Fatalf("committed: %v", err)
	}
	if got.Name != want.Name || got.CPR != want.CPR || got.Address != want.Address || got.City != want.City {
		t.Errorf("CitizenAuditing = %+v, Citizen = %+v", got, want)
	}
	if n := citizenAudits(t, s, c.ID); n != 2 {
		t.Errorf("%d open_citizen entries after Citizen and CitizenAuditing, want 2", n)
	}
	if v := audVerify(t, s); !v.OK {
		t.Errorf("chain broken: %+v", v)
	}
	if _, _, err := s.CitizenAuditing(ctx, c.ID+1000); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing citizen: err = %v, want ErrNotFound", err)
	}
}

// A read whose audit entry cannot be committed must not pass for a
// recorded one: committed returns the error, outside and inside a
// transaction (Citizen ignores it, the screens' reads must not fail on it).
func TestCitizenAuditingReportsAnAuditEntryThatDidNotCommit(t *testing.T) {
	s := audOpen(t)
	ctx := context.Background()
	c := data.Citizen{Name: "Bo Ørum", CPR: "010203-1234"}
	if err := s.SaveCitizen(ctx, &c); err != nil {
		t.Fatal(err)
	}
	refuseCitizenAudits(t, s)
	got, committed, err := s.CitizenAuditing(ctx, c.ID)
	if err != nil {
		t.Fatalf("the read itself: %v", err)
	}
	if got.Name != c.Name {
		t.Errorf("name %q, want %q", got.Name, c.Name)
	}
	if err := committed(); err == nil {
		t.Fatal("committed() = nil for a refused audit entry")
	}
	if err := committed(); err == nil {
		t.Fatal("a second committed() = nil for a refused audit entry")
	}
	err = s.Atomically(ctx, func(ctx context.Context) error {
		_, committed, err := s.CitizenAuditing(ctx, c.ID)
		if err != nil {
			return err
		}
		return committed()
	})
	if err == nil {
		t.Fatal("in a transaction: committed() = nil for a refused audit entry")
	}
	if n := citizenAudits(t, s, c.ID); n != 0 {
		t.Errorf("%d open_citizen entries, want none", n)
	}
}

// CourseScores is Scores of each of the course's goals, in one statement,
// for every course of the demo organisation (notes decrypted); a mentor
// gets their own courses' and is refused the others', as with Scores.
func TestCourseScoresAreEachGoalsScores(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	courses, err := s.Courses(ctx, data.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	scored := 0
	for _, c := range courses {
		goals, err := s.Goals(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.CourseScores(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[data.ID][]data.Score{}
		for _, g := range goals {
			list, err := s.Scores(ctx, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) > 0 {
				want[g.ID] = list
				scored += len(list)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("course %d: CourseScores = %+v,\nScores per goal = %+v", c.ID, got, want)
		}
	}
	if scored < 20 {
		t.Fatalf("only %d scores compared", scored)
	}
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.Courses(ctx, data.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	mine := map[data.ID]bool{}
	for _, c := range own {
		mine[c.ID] = true
		if _, err := s.CourseScores(ctx, c.ID); err != nil {
			t.Errorf("the mentor's own course %d: %v", c.ID, err)
		}
	}
	refused := 0
	for _, c := range courses {
		if !mine[c.ID] {
			if _, err := s.CourseScores(ctx, c.ID); !errors.Is(err, data.ErrForbidden) {
				t.Fatalf("another mentor's course %d: err = %v, want ErrForbidden", c.ID, err)
			}
			refused++
		}
	}
	if len(mine) == 0 || refused == 0 {
		t.Fatalf("the mentor has %d courses, %d refused", len(mine), refused)
	}
}

// InstrumentScales is Instruments without the domains and anchors.
func TestInstrumentScalesAreTheInstrumentsWithoutDetails(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	full, err := s.Instruments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.InstrumentScales(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) == 0 || len(got) != len(full) {
		t.Fatalf("%d instruments, want %d", len(got), len(full))
	}
	for i, in := range full {
		in.Domains, in.Anchors = nil, nil
		if !reflect.DeepEqual(got[i], in) {
			t.Errorf("instrument %d: %+v, want %+v", i, got[i], in)
		}
	}
}
