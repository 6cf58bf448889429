package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mentorbog/data"
)

func TestDraftsAreSealedPerUserAndReplacedNotDuplicated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kladder.db")
	s, _, _ := setUp(t, path)
	ctx := context.Background()
	coord := data.User{Username: "koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))

	secret := `{"name":"Søren Østergård","note":"Hemmelig kladde om gæld"}`
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "citizen", Key: "new", Title: "Borger: Søren Østergård", Payload: `{"name":"Sø"}`}))
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "citizen", Key: "new", Title: "Borger: Søren Østergård", Payload: secret}))
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "agreement", Key: "7", Title: "Mentoraftale"}))

	list, err := s.Drafts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("got %d drafts, want 2 (the second save replaces the first): %+v", len(list), list)
	}
	var found bool
	for _, d := range list {
		if d.Kind == "citizen" && d.Key == "new" {
			found = d.Payload == secret && d.Title == "Borger: Søren Østergård" && !d.SavedAt.IsZero()
		}
	}
	if !found {
		t.Fatalf("citizen draft not read back intact: %+v", list)
	}

	// Another user sees none of them.
	s.Lock()
	if _, err := s.Drafts(ctx); !errors.Is(err, data.ErrLoggedOut) {
		t.Fatalf("drafts without login: %v, want ErrLoggedOut", err)
	}
	if _, err := s.Login(ctx, "koordinator", "koordinatorens kodeord"); err != nil {
		t.Fatal(err)
	}
	if other, err := s.Drafts(ctx); err != nil || len(other) != 0 {
		t.Fatalf("another user's drafts: %v, %v", other, err)
	}
	s.Lock()
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatal(err)
	}
	must(t, s.DiscardDraft(ctx, "citizen", "new"))
	must(t, s.DiscardDraft(ctx, "citizen", "new")) // twice is fine
	if list, _ := s.Drafts(ctx); len(list) != 1 || list[0].Kind != "agreement" {
		t.Fatalf("after discard: %+v", list)
	}
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "citizen", Key: "new", Title: "x", Payload: secret}))

	// Nothing of the draft is readable in the files.
	s.Close()
	for _, name := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for _, plain := range []string{"Østergård", "Hemmelig kladde"} {
			if bytes.Contains(raw, []byte(plain)) {
				t.Errorf("%s holds %q in plaintext", filepath.Base(name), plain)
			}
		}
	}
}

func TestErasingACitizenErasesDraftsAboutThemAndRetentionPurgesOldDrafts(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "kladder.db"))
	ctx := context.Background()
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "session", Key: "1", Title: "Møde", Payload: "{}", CitizenID: f.citizen.ID}))
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "mentor", Key: "new", Title: "Mentor", Payload: "{}"}))
	old := time.Now().Add(-data.DraftMaxAge - time.Hour)
	must(t, s.SaveDraft(ctx, data.Draft{Kind: "municipality", Key: "new", Title: "Gammel", Payload: "{}", SavedAt: old}))

	must(t, s.EraseCitizen(ctx, f.citizen.ID))
	list, err := s.Drafts(ctx)
	must(t, err)
	if len(list) != 2 {
		t.Fatalf("after erasing the citizen: %+v", list)
	}
	if _, err := s.RunRetention(ctx, data.DateOf(time.Now())); err != nil {
		t.Fatal(err)
	}
	list, err = s.Drafts(ctx)
	must(t, err)
	if len(list) != 1 || list[0].Kind != "mentor" {
		t.Fatalf("after the retention run: %+v", list)
	}
}
