package sqlstore

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"mentorbog/data"
)

// summaryOf is what CitizenSummaries must give for a citizen Citizens reads.
func summaryOf(c data.Citizen) data.CitizenSummary {
	return data.CitizenSummary{ID: c.ID, Name: c.Name, CPR: c.CPR, Phone: c.Phone, Archived: c.Archived, Version: c.Version}
}

// TestCitizenSummariesAreTheListsCitizens: for an administrator, a
// coordinator and a mentor, with and without the archived, the summaries
// are the citizens Citizens lists (same ids in the same order, same name,
// CPR, phone, archived and version), read from the encrypted demo data.
func TestCitizenSummariesAreTheListsCitizens(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	for _, who := range [][2]string{{"admin", "demo-administrator"}, {"koordinator", "demo-koordinator"}, {"mentor", "demo-mentor-1234"}} {
		loginAs(t, s, who[0], who[1])
		for _, archived := range []bool{false, true} {
			citizens, err := s.Citizens(ctx, archived)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]data.CitizenSummary, 0, len(citizens))
			for _, c := range citizens {
				want = append(want, summaryOf(c))
			}
			got, err := s.CitizenSummaries(ctx, archived)
			if err != nil {
				t.Fatalf("%s: %v", who[0], err)
			}
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("%s (archived %v): %d summaries differ from the list's %d citizens", who[0], archived, len(got), len(want))
			}
			if len(got) > 0 && (got[0].Name == "" || got[0].MaskedCPR() != citizens[0].MaskedCPR()) {
				t.Errorf("%s: the first summary %q / %q is not decrypted like the list's %q / %q",
					who[0], got[0].Name, got[0].MaskedCPR(), citizens[0].Name, citizens[0].MaskedCPR())
			}
		}
	}
}

// TestCitizenSummariesKeepAMentorToTheirOwnCitizens: a mentor's summaries
// are fewer than a coordinator's, and asking for every citizen by id
// gives only their own.
func TestCitizenSummariesKeepAMentorToTheirOwnCitizens(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	everyone, err := s.CitizenSummaries(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.CitizenSummaries(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(own) == 0 || len(own) >= len(everyone) {
		t.Fatalf("a mentor sees %d of %d citizens", len(own), len(everyone))
	}
	ids := []data.ID{0, 99999999}
	for _, c := range everyone {
		ids = append(ids, c.ID, c.ID)
	}
	of, err := s.CitizenSummariesOf(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(of, own) {
		t.Errorf("a mentor asking for all %d citizens by id got %d; their own are %d", len(everyone), len(of), len(own))
	}
	mentors, err := s.Mentors(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := s.CurrentUser()
	for _, c := range own {
		courses, err := s.Courses(ctx, data.CourseFilter{CitizenID: c.ID})
		if err != nil || !slices.ContainsFunc(courses, func(co data.Course) bool { return co.MentorID == u.MentorID }) {
			t.Errorf("the mentor (%d of %d mentors) sees %s without a course of theirs (%v)", u.MentorID, len(mentors), c.Name, err)
		}
	}
}

// TestCitizenSummariesOfReadsTheGivenCitizens: by id, archived ones
// included, in id order, each once; no ids, no citizens.
func TestCitizenSummariesOfReadsTheGivenCitizens(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	all, err := s.CitizenSummaries(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	archived := slices.IndexFunc(all, func(c data.CitizenSummary) bool { return c.Archived })
	if archived < 0 || len(all) < 3 {
		t.Fatalf("the demo data has %d citizens, archived at %d", len(all), archived)
	}
	want := []data.CitizenSummary{all[0], all[archived], all[len(all)-1]}
	slices.SortFunc(want, func(a, b data.CitizenSummary) int { return int(a.ID - b.ID) })
	got, err := s.CitizenSummariesOf(ctx, []data.ID{all[len(all)-1].ID, all[archived].ID, all[0].ID, all[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, slices.Compact(want)) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if none, err := s.CitizenSummariesOf(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("no ids gave %d citizens, %v", len(none), err)
	}
}

// TestCitizenSummaryHoldsNoOtherPersonalData: the summary type has only the
// list's fields, so nothing else can be decrypted into it, and reading the
// summaries is not audited (a list read, as Citizens).
func TestCitizenSummaryHoldsNoOtherPersonalData(t *testing.T) {
	var fields []string
	for f := range reflect.TypeFor[data.CitizenSummary]().Fields() {
		fields = append(fields, f.Name)
	}
	if want := []string{"ID", "Name", "CPR", "Phone", "Archived", "Version"}; !slices.Equal(fields, want) {
		t.Errorf("CitizenSummary has the fields %v, want only %v", fields, want)
	}

	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "admin", "demo-administrator")
	before, err := s.AuditLog(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenSummaries(ctx, true); err != nil {
		t.Fatal(err)
	}
	after, err := s.AuditLog(ctx, data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("reading the summaries wrote %d audit entries", len(after)-len(before))
	}
}

// TestCoursesByIDs: CourseFilter.IDs reads only the given courses (the
// calendar reads the courses of the sessions it shows this way), and a
// mentor only their own among them.
func TestCoursesByIDs(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	loginAs(t, s, "koordinator", "demo-koordinator")
	all, err := s.Courses(ctx, data.CourseFilter{})
	if err != nil || len(all) < 3 {
		t.Fatalf("%d courses, %v", len(all), err)
	}
	want := []data.Course{all[0], all[len(all)/2], all[len(all)-1]}
	got, err := s.Courses(ctx, data.CourseFilter{IDs: []data.ID{want[2].ID, want[0].ID, want[1].ID}})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("by ids: %v, %v; want %v", got, err, want)
	}
	loginAs(t, s, "mentor", "demo-mentor-1234")
	own, err := s.Courses(ctx, data.CourseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []data.ID
	for _, c := range all {
		ids = append(ids, c.ID)
	}
	mine, err := s.Courses(ctx, data.CourseFilter{IDs: ids[:min(len(ids), 500)]})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range mine {
		if !slices.ContainsFunc(own, func(o data.Course) bool { return o.ID == c.ID }) {
			t.Errorf("the mentor reads course %d by id, not one of theirs", c.ID)
		}
	}
}

// TestCourseSummariesAreTheCourses: the summaries are the courses' ids,
// citizens, mentors, statuses and dates, for a coordinator (every course)
// and a mentor (their own).
func TestCourseSummariesAreTheCourses(t *testing.T) {
	s := openDemo(t)
	ctx := context.Background()
	for _, u := range []struct{ name, password string }{{"koordinator", "demo-koordinator"}, {"mentor", "demo-mentor-1234"}} {
		loginAs(t, s, u.name, u.password)
		all, err := s.Courses(ctx, data.CourseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		summaries, err := s.CourseSummaries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(summaries) != len(all) || len(all) == 0 {
			t.Fatalf("%s: %d summaries of %d courses", u.name, len(summaries), len(all))
		}
		withMentor := 0
		for i, c := range all {
			if c.MentorID != 0 {
				withMentor++
			}
			if summaries[i] != c.Summary() {
				t.Errorf("%s: summary %+v, the course %+v", u.name, summaries[i], c.Summary())
			}
		}
		if withMentor == 0 || withMentor == len(all) && u.name == "koordinator" {
			t.Errorf("%s: %d of %d courses have a mentor: the demo should have both kinds", u.name, withMentor, len(all))
		}
	}
}
