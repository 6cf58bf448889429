package demo

import (
	"context"
	"testing"
	"time"

	"mentorbog/data"
)

// TestSecondCoursesAreEndedAndApart: with returning citizens, a share of
// the past citizens get a second course; it never overlaps their first, it
// is ended before today, and the running courses stay exactly bp.active.
func TestSecondCoursesAreEndedAndApart(t *testing.T) {
	st := openStore(t, "returning.db")
	ctx := context.Background()
	bp := benchPlan{mentors: 3, active: 10, citizens: 80, years: 6, returning: 0.5}
	sum, err := generateSized(ctx, st, Config{Seed: 3, Today: testToday}, bp)
	if err != nil {
		t.Fatal(err)
	}
	courses, err := st.Courses(ctx, data.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(courses) != sum.Courses {
		t.Fatalf("%d courses stored, summary says %d", len(courses), sum.Courses)
	}
	byCitizen := map[data.ID][]data.Course{}
	active := 0
	for _, co := range courses {
		byCitizen[co.CitizenID] = append(byCitizen[co.CitizenID], co)
		if co.Status == data.CourseActive {
			active++
		}
	}
	if active != bp.active {
		t.Errorf("%d running courses, want %d", active, bp.active)
	}
	if len(byCitizen) != bp.citizens {
		t.Errorf("%d citizens with courses, want %d", len(byCitizen), bp.citizens)
	}
	twice := 0
	for id, cs := range byCitizen {
		switch len(cs) {
		case 1:
			continue
		case 2:
		default:
			t.Fatalf("citizen %d has %d courses", id, len(cs))
		}
		twice++
		a, b := cs[0], cs[1]
		for _, co := range cs {
			if co.Status == data.CourseActive || co.EndedOn.IsZero() || !co.EndedOn.Before(testToday) {
				t.Errorf("citizen %d: a returning citizen's course %d is not ended before today: %s, %s–%s",
					id, co.ID, co.Status, co.StartedOn, co.EndedOn)
			}
		}
		if !a.EndedOn.Before(b.StartedOn) && !b.EndedOn.Before(a.StartedOn) {
			t.Errorf("citizen %d: courses overlap: %s–%s and %s–%s", id, a.StartedOn, a.EndedOn, b.StartedOn, b.EndedOn)
		}
		for _, co := range cs {
			sessions, err := st.Sessions(ctx, data.SessionFilter{CourseID: co.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(sessions) == 0 {
				t.Errorf("citizen %d: course %d has no sessions", id, co.ID)
			}
			for _, s := range sessions {
				day := data.DateOf(s.PlannedStart)
				if day.Before(co.StartedOn) || day.After(co.EndedOn) {
					t.Errorf("course %d: session on %s outside %s–%s", co.ID, day, co.StartedOn, co.EndedOn)
				}
			}
			agreements, err := st.Agreements(ctx, co.ID, data.Date{})
			if err != nil {
				t.Fatal(err)
			}
			if len(agreements) == 0 {
				t.Errorf("citizen %d: course %d has no agreements", id, co.ID)
			}
		}
	}
	// Half of the 70 past citizens are drawn; a few find no room.
	if twice < 20 || twice > 40 {
		t.Errorf("%d citizens with a second course, want about 35 of 70 past citizens", twice)
	}
	if sum.Courses != bp.citizens+twice {
		t.Errorf("%d courses, want %d citizens + %d second courses", sum.Courses, bp.citizens, twice)
	}
}

// TestSizesWithoutReturnsDrawNothingMore: a plan without returning
// citizens gives one course each (lille and mellem keep their data).
func TestSizesWithoutReturnsDrawNothingMore(t *testing.T) {
	for _, size := range []Size{SizeSmall, SizeMedium} {
		bp, _ := benchPlanFor(size)
		if bp.returning != 0 {
			t.Errorf("%s: returning %v, want one course per citizen", size, bp.returning)
		}
	}
}

// countingStore keeps the generator's writes of citizens, courses and
// sessions in counters instead of the database, so the plan of a size can
// be counted in seconds: the random draws do not depend on what is stored.
type countingStore struct {
	data.Store
	next     data.ID
	sessions int
}

func (c *countingStore) id() data.ID { c.next++; return c.next }

func (c *countingStore) SaveCitizen(_ context.Context, x *data.Citizen) error {
	x.ID = c.id()
	return nil
}

func (c *countingStore) SaveCourse(_ context.Context, x *data.Course) error {
	x.ID = c.id()
	return nil
}

func (c *countingStore) AssignMentor(context.Context, data.ID, data.ID, data.Date, string) error {
	return nil
}

func (c *countingStore) SaveGoal(_ context.Context, x *data.Goal) error {
	x.ID = c.id()
	return nil
}

func (c *countingStore) SaveAgreement(_ context.Context, x *data.Agreement) error {
	x.ID = c.id()
	return nil
}

func (c *countingStore) BulkSessions(_ context.Context, s []data.Session) error {
	c.sessions += len(s)
	return nil
}

// TestSizeLargePlansAboutAMillionSessions counts stor's plan (the
// benchmark's seed and day) without writing it: the issue asks for about
// 15,000 citizens and 1,000,000 sessions.
func TestSizeLargePlansAboutAMillionSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("counts a million planned sessions")
	}
	bp, _ := benchPlanFor(SizeLarge)
	st := &countingStore{Store: openStore(t, "stor-count.db")}
	benchToday := data.NewDate(2026, time.November, 23) // benchdb.Today
	sum, err := generateSized(context.Background(), st, Config{Seed: 1, Today: benchToday}, bp)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stor plan: %d citizens, %d courses, %d agreements, %d sessions", sum.Citizens, sum.Courses, sum.Agreements, sum.Sessions)
	if sum.Citizens != 15000 {
		t.Errorf("%d citizens, want 15,000", sum.Citizens)
	}
	if sum.Sessions < 970_000 || sum.Sessions > 1_030_000 {
		t.Errorf("%d sessions, want about 1,000,000 (±3 %%)", sum.Sessions)
	}
}
