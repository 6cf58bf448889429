package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestIdleLockKeepsTypedText types a search, lets 50 ms pass without
// activity and checks that the store is locked, the window covered, and the
// search still there after logging in again.
func TestIdleLockKeepsTypedText(t *testing.T) {
	st := demoStore(t)
	m := newWindow(t, st)
	m.ShowSection(SectionCitizens)
	s := m.screens[SectionCitizens].(*citizensScreen)
	if len(s.shown) == 0 {
		t.Fatal("no citizens")
	}
	c := m.Window().Canvas()
	c.Focus(s.search)
	test.Type(s.search, "an")
	shownBefore := len(s.shown)

	// The window was built without an automatic lock; start one with a
	// test timeout now that the typing is done.
	l := m.IdleLock()
	l.timeout = 50 * time.Millisecond
	l.Start()
	t.Cleanup(l.Stop)
	waitFor(t, "the idle lock", 2*time.Second, l.Locked)
	l.Stop() // no second lock while the test logs in
	if _, ok := st.CurrentUser(); ok {
		t.Fatal("the store is still unlocked")
	}
	overlays := c.Overlays().List()
	if len(overlays) != 2 {
		t.Fatalf("%d overlays, want the cover and the login", len(overlays))
	}
	if r, ok := overlays[0].(*canvas.Rectangle); !ok || r.Size() != c.Size() {
		t.Errorf("the window is not covered: %T %v", overlays[0], overlays[0].Size())
	} else if _, _, _, a := r.FillColor.RGBA(); a != 0xffff {
		t.Error("the cover is see-through")
	}
	assertShows(t, m, "Mentorbog er låst", adminName+" ("+adminUser+")", "Lås op")
	if c.Focused() != l.password {
		t.Error("the password field does not have the cursor")
	}
	captureWindow(t, m.Window(), "locked")

	// A wrong password keeps the lock.
	test.Type(l.password, "forkert forkert")
	l.password.OnSubmitted("")
	if l.msg.Text != "Forkert brugernavn eller adgangskode." || !l.Locked() {
		t.Fatalf("wrong password: %q, locked %v", l.msg.Text, l.Locked())
	}
	captureWindow(t, m.Window(), "locked-wrong-password")
	test.Type(l.password, adminPassword)
	test.Tap(l.unlock)
	if l.Locked() || c.Overlays().Top() != nil {
		t.Fatalf("still locked after the right password: %q", l.msg.Text)
	}
	if u, ok := st.CurrentUser(); !ok || u.Username != adminUser {
		t.Fatalf("the store has user %+v (%v)", u, ok)
	}
	if s.search.Text != "an" || len(s.shown) != shownBefore {
		t.Errorf("after unlocking the search is %q with %d rows; want \"an\" with %d", s.search.Text, len(s.shown), shownBefore)
	}
	if m.body.Objects[0] != s.view() || m.current != SectionCitizens {
		t.Error("unlocking changed the section on screen")
	}
	if c.Focused() != s.search {
		t.Error("the cursor did not return to the search field")
	}
}

// TestIdleLockActivity drives the lock's clock by hand: typing in a focused
// entry, mouse movement and keys on the canvas all postpone the lock.
func TestIdleLockActivity(t *testing.T) {
	st, _ := adminStore(t)
	w := newStartWindow(t, fyne.NewSize(400, 300))
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, data.Zone())
	l := NewIdleLock(w, st, 10*time.Minute, nil)
	l.clock = func() time.Time { return now }
	entry := widget.NewEntry()
	w.SetContent(l.Wrap(container.NewVBox(entry, widget.NewLabel("tekst"))))
	l.Touch()
	locked := func() bool { _, ok := st.CurrentUser(); return !ok }

	now = now.Add(9 * time.Minute)
	l.check()
	if locked() {
		t.Fatal("locked before the timeout")
	}
	w.Canvas().Focus(entry)
	test.Type(entry, "a")
	l.check() // notices the typing
	now = now.Add(9 * time.Minute)
	l.check()
	if locked() {
		t.Fatal("typing in the entry did not count as activity")
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(200, 250)) // below the widgets
	now = now.Add(9 * time.Minute)
	l.check()
	if locked() {
		t.Fatal("mouse movement did not count as activity")
	}
	// Movement over widgets reaches the area through Cursor.
	l.Wrap(nil).(*activityArea).Cursor()
	now = now.Add(9 * time.Minute)
	l.check()
	if locked() {
		t.Fatal("Cursor did not count as activity")
	}
	now = now.Add(10 * time.Minute)
	l.check()
	if !locked() || !l.Locked() {
		t.Fatal("not locked after 10 idle minutes")
	}
	// Nothing typed is lost.
	if entry.Text != "a" {
		t.Errorf("the entry holds %q after locking", entry.Text)
	}
}

func TestLockButton(t *testing.T) {
	st := demoStore(t)
	m := newWindow(t, st)
	assertShows(t, m, "Lås", "Skift adgangskode", adminName)
	test.Tap(findButton(m.Window().Content(), "Lås"))
	if _, ok := st.CurrentUser(); ok || !m.IdleLock().Locked() {
		t.Fatal("Lås did not lock")
	}
}

func TestIdleLockTimeoutSetting(t *testing.T) {
	st, _ := adminStore(t)
	ctx := context.Background()
	if got := IdleLockTimeout(ctx, st); got != data.DefaultIdleLock {
		t.Errorf("unset: %s", got)
	}
	for value, want := range map[string]time.Duration{"5": 5 * time.Minute, " 30 ": 30 * time.Minute,
		"0": data.DefaultIdleLock, "abc": data.DefaultIdleLock, "600": data.DefaultIdleLock} {
		must(t, st.SetSetting(ctx, IdleLockSetting, value))
		if got := IdleLockTimeout(ctx, st); got != want {
			t.Errorf("%q: %s, want %s", value, got, want)
		}
	}
}
