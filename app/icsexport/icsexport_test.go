package icsexport

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"mentorbog/data"
	"mentorbog/data/sqlstore"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func cph(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, data.Zone())
}

// seeded is a store with one citizen, two mentors and sessions around the
// change to winter time (25 October 2026), one cancelled and one with a
// note that must never reach a calendar.
func seeded(t *testing.T) (*sqlstore.Store, data.Mentor, data.Mentor) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(filepath.Join(t.TempDir(), "mentorbog.db"))
	must(t, err)
	t.Cleanup(func() { st.Close() })
	karen := data.Mentor{Name: "Karen Østergaard", Kind: data.MentorEmployed}
	bo := data.Mentor{Name: "Bo Andersen", Kind: data.MentorVolunteer}
	must(t, st.SaveMentor(ctx, &karen))
	must(t, st.SaveMentor(ctx, &bo))
	mu := data.Municipality{Name: "Næstved Kommune"}
	must(t, st.SaveMunicipality(ctx, &mu))
	anna := data.Citizen{Name: "Anna Bøgh", CPR: "0101901234", TargetGroup: "aktivitetsparat"}
	must(t, st.SaveCitizen(ctx, &anna))
	c := data.Course{CitizenID: anna.ID, MunicipalityID: mu.ID, Status: data.CourseActive}
	must(t, st.SaveCourse(ctx, &c))
	must(t, st.AssignMentor(ctx, c.ID, karen.ID, data.NewDate(2026, 9, 1), ""))
	add := func(m data.Mentor, start time.Time, status data.SessionStatus, note string) {
		s := data.Session{CourseID: c.ID, MentorID: m.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
			Status: status, Form: data.FormPhone, Place: "Café Mokka", Note: note}
		if status == data.SessionHeld {
			s.ContactMin = 60
		}
		must(t, st.SaveSession(ctx, &s))
	}
	add(karen, cph(2026, 10, 19, 10, 0), data.SessionHeld, "Anna fortalte om sin angst (CPR 010190-1234)")
	add(karen, cph(2026, 10, 26, 10, 0), data.SessionCancelledCitizen, "")
	add(karen, cph(2026, 11, 2, 10, 0), data.SessionPlanned, "")
	add(bo, cph(2026, 11, 3, 14, 30), data.SessionPlanned, "")
	return st, karen, bo
}

func export(t *testing.T, st *sqlstore.Store, mentors []data.ID, now time.Time) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Export(context.Background(), st, &buf, mentors, now); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportParsesBackWithAnIndependentParser(t *testing.T) {
	st, karen, _ := seeded(t)
	now := cph(2026, 11, 1, 12, 0)
	first := export(t, st, []data.ID{karen.ID}, now)
	second := export(t, st, []data.ID{karen.ID}, now.Add(time.Hour))

	parse := func(b []byte) []goical.Event {
		cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
		if err != nil {
			t.Fatalf("go-ical cannot read the export: %v\n%s", err, b)
		}
		return cal.Events()
	}
	events := parse(first)
	if len(events) != 3 {
		t.Fatalf("%d events for Karen, want 3", len(events))
	}
	again := parse(second)
	for i, e := range events {
		uid, _ := e.Props.Text(goical.PropUID)
		uid2, _ := again[i].Props.Text(goical.PropUID)
		if uid == "" || uid != uid2 {
			t.Errorf("UID not stable: %q then %q", uid, uid2)
		}
	}
	// Wall-clock times survive in Europe/Copenhagen on both sides of DST.
	want := []string{"19-10-2026 10:00 +0200", "26-10-2026 10:00 +0100", "02-11-2026 10:00 +0100"}
	for i, e := range events {
		if tzid := e.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID); tzid != TZID {
			t.Errorf("event %d TZID %q", i, tzid)
		}
		start, err := e.DateTimeStart(nil)
		must(t, err)
		if got := start.Format("02-01-2006 15:04 -0700"); got != want[i] {
			t.Errorf("event %d starts %s, want %s", i, got, want[i])
		}
		summary, _ := e.Props.Text(goical.PropSummary)
		if !strings.Contains(summary, "A.B.") {
			t.Errorf("summary %q lacks the initials", summary)
		}
	}
	if status, _ := events[1].Status(); status != goical.EventCancelled {
		t.Errorf("cancelled session has status %q", status)
	}
	text := string(first)
	if !strings.Contains(text, "BEGIN:VTIMEZONE") || !strings.Contains(text, "TZID:Europe/Copenhagen") {
		t.Error("no VTIMEZONE for Europe/Copenhagen")
	}
	if regexp.MustCompile(`\d{6}-?\d{4}`).MatchString(text) {
		t.Error("a CPR-shaped number is in the export")
	}
	for _, secret := range []string{"Anna", "Bøgh", "angst", "Østergaard", "Karen"} {
		if strings.Contains(text, secret) {
			t.Errorf("the export contains %q", secret)
		}
	}
}

func TestExportOfAllMentorsNamesMentorsByInitialsAndIsAudited(t *testing.T) {
	st, _, _ := seeded(t)
	now := cph(2026, 11, 1, 12, 0)
	out := string(export(t, st, nil, now))
	cal, err := goical.NewDecoder(strings.NewReader(out)).Decode()
	must(t, err)
	if n := len(cal.Events()); n != 4 {
		t.Errorf("%d events for all mentors, want 4", n)
	}
	if !strings.Contains(out, "mentor B.A.") || strings.Contains(out, "Andersen") {
		t.Error("mentors are not given by initials only")
	}
	log, err := st.AuditLog(context.Background(), data.AuditFilter{Actions: []data.AuditAction{data.AuditExport}})
	must(t, err)
	if len(log) != 1 || !strings.Contains(log[0].Detail, "ics") {
		t.Errorf("export audit entries: %+v", log)
	}
}
