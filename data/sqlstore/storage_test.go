package sqlstore

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

func TestAFullDiskGivesADanishMessageAndWritesNothing(t *testing.T) {
	s := openSQLiteTemp(t)
	ctx := context.Background()
	f := newFixture(t, s)
	// One connection, so the page limit below applies to every write: the
	// database cannot grow, exactly as when the disk is full.
	s.db.SetMaxOpenConns(1)
	var pages int
	must(t, s.db.QueryRow("PRAGMA page_count").Scan(&pages))
	if _, err := s.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	before, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, err)

	start := time.Date(2026, 5, 4, 9, 0, 0, 0, data.Zone())
	var saveErr error
	for i := 0; i < 50 && saveErr == nil; i++ {
		ss := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
			Status: data.SessionPlanned, Note: strings.Repeat("Lang note om dagen. ", 900)}
		saveErr = s.SaveSession(ctx, &ss)
	}
	if !errors.Is(saveErr, ErrDiskFull) {
		t.Fatalf("want ErrDiskFull, got %v", saveErr)
	}
	if !strings.Contains(saveErr.Error(), "disken er fuld") {
		t.Errorf("message not Danish: %q", saveErr)
	}
	// The failed save left no half: the sessions are those saved before it
	// plus whole ones, each with its note intact, and the file is sound.
	after, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, err)
	for _, ss := range after[len(before):] {
		if len(ss.Note) != len(strings.Repeat("Lang note om dagen. ", 900)) {
			t.Fatalf("a half-written session: note of %d bytes", len(ss.Note))
		}
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = 1000000"); err != nil {
		t.Fatal(err)
	}
	h, err := s.Check(ctx)
	if err != nil || !h.OK() {
		t.Fatalf("check after a full disk: %+v %v", h, err)
	}
}
