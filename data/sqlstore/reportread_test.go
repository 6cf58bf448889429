package sqlstore

import (
	"context"
	"errors"
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
