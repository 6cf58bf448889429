package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"mentorbog/data"
)

// Open screens follow what others change: the main window subscribes to the
// store's committed changes (data.ChangeStore) and, once the changes have
// settled for a moment, reloads the section on screen when it shows any of
// the changed tables. A refresh reloads the section's data in place, the
// way a section reloads after its own saves, and never touches an open form
// or dialog: those are overlays of their own, so what the user is typing
// stays as it is and keeps the cursor.

// liveDebounce is how long changes settle before the screen reloads: a
// series of twenty sessions, or a burst of saves by several colleagues,
// then costs one reload.
const liveDebounce = 300 * time.Millisecond

// liveScreen is a section that can follow changes made elsewhere.
type liveScreen interface {
	// liveTables are the tables whose records the section shows.
	liveTables() []string
	// refreshLive reloads what the section shows after the changes, keeping
	// what the user chose and typed in the section.
	refreshLive(ctx context.Context, changed changeSet) error
}

// changeSet is the tables and records changed since the last refresh.
type changeSet struct {
	// unknown: anything may have changed (the server connection was lost
	// for a while).
	unknown bool
	// ids per table; id 0 stands for "some record of the table".
	tables map[string]map[data.ID]bool
}

func (c *changeSet) add(ch data.Change) {
	if ch.Unknown() {
		c.unknown = true
		return
	}
	if c.tables == nil {
		c.tables = map[string]map[data.ID]bool{}
	}
	if c.tables[ch.Table] == nil {
		c.tables[ch.Table] = map[data.ID]bool{}
	}
	c.tables[ch.Table][ch.ID] = true
}

func (c changeSet) empty() bool { return !c.unknown && len(c.tables) == 0 }

// touches tells whether any of the tables changed.
func (c changeSet) touches(tables []string) bool {
	if c.unknown {
		return true
	}
	for _, t := range tables {
		if len(c.tables[t]) > 0 {
			return true
		}
	}
	return false
}

// has tells whether the record may have changed.
func (c changeSet) has(table string, id data.ID) bool {
	return c.unknown || c.tables[table][id] || c.tables[table][0]
}

// liveUpdates collects changes from the store's goroutines and hands them
// to the UI once they settled.
type liveUpdates struct {
	mu      sync.Mutex
	pending changeSet
	timer   *time.Timer
	stopped bool
	cancel  func()
	// apply runs on the UI goroutine with the settled changes.
	apply func(changeSet)
	// refreshed, when set (tests), runs after each applied refresh.
	refreshed func()
}

// changed is called by the store, from its goroutine.
func (l *liveUpdates) changed(ch data.Change) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return
	}
	l.pending.add(ch)
	if l.timer == nil {
		l.timer = time.AfterFunc(liveDebounce, l.settled)
	}
}

// settled takes what changed and applies it on the UI goroutine.
func (l *liveUpdates) settled() {
	l.mu.Lock()
	changed := l.pending
	l.pending, l.timer = changeSet{}, nil
	stopped := l.stopped
	l.mu.Unlock()
	if stopped || changed.empty() {
		return
	}
	fyne.Do(func() {
		l.apply(changed)
		if l.refreshed != nil {
			l.refreshed()
		}
	})
}

// stop ends the subscription; changes still settling are dropped.
func (l *liveUpdates) stop() {
	l.mu.Lock()
	l.stopped = true
	if l.timer != nil {
		l.timer.Stop()
	}
	cancel := l.cancel
	l.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// followChanges subscribes the window to the store's changes; the window
// is built after the login, so the subscription runs as the user.
func (m *MainWindow) followChanges() {
	m.live = &liveUpdates{apply: m.refreshLive}
	m.live.cancel = m.store.Subscribe(context.Background(), m.live.changed)
}

// stopFollowing ends the subscription (the window closes).
func (m *MainWindow) stopFollowing() {
	if m.live != nil {
		m.live.stop()
	}
}

// refreshLive reloads the section on screen when the changes concern it.
// Sections not on screen reload anyway when they are next shown. While the
// window is locked nothing is read: unlocking reloads the section.
func (m *MainWindow) refreshLive(changed changeSet) {
	if m.lock != nil && m.lock.Locked() {
		return
	}
	s, ok := m.screens[m.current].(liveScreen)
	if !ok || !changed.touches(s.liveTables()) {
		return
	}
	if err := s.refreshLive(context.Background(), changed); err != nil {
		// No dialog: it would cover the form the user is typing in, and
		// the user did nothing. The next reload tries again.
		fyne.LogError("reload after a change elsewhere", err)
		return
	}
	// Wrapped labels learn their height in a second layout (see show).
	m.body.Refresh()
}

// The calendar shows sessions, with their citizens' names or initials and
// their mentors.
func (s *calendarScreen) liveTables() []string {
	return []string{"sessions", "session_series", "courses", "course_mentors", "citizens", "mentors"}
}

// refreshLive reloads the visible range; the period, the mode and the
// filters stay as the user set them.
func (s *calendarScreen) refreshLive(ctx context.Context, _ changeSet) error {
	return s.load(ctx)
}

// Oversigt sums up nearly everything.
func (s *overviewScreen) liveTables() []string {
	return []string{"sessions", "courses", "course_mentors", "citizens", "mentors", "agreements",
		"municipalities", "reports", "organisation"}
}

func (s *overviewScreen) refreshLive(ctx context.Context, _ changeSet) error {
	return s.load(ctx)
}

// The citizen list and the open citizen's page.
func (s *citizensScreen) liveTables() []string {
	return []string{"citizens", "courses", "course_mentors", "agreements", "sessions", "goals", "goal_scores",
		"mentors", "municipalities", "caseworkers", "reports", "generated_reports"}
}

// refreshLive reloads the list, keeping the search text, the filters and
// the selection, and redraws the open citizen's page on the same tab and
// scroll position. Opening a citizen's record is logged ("who looked at my
// data"), so the record is read again only when it changed itself; the
// page's lists are read fresh either way.
func (s *citizensScreen) refreshLive(ctx context.Context, changed changeSet) error {
	if err := s.loadRows(ctx); err != nil {
		return err
	}
	// Selecting the open citizen again in the list would open (and log)
	// the record; the page is redrawn below instead.
	onSelected := s.list.OnSelected
	s.list.OnSelected = nil
	s.applyFilter()
	s.list.OnSelected = onSelected
	return s.refreshPage(ctx, changed)
}

func (s *citizensScreen) refreshPage(ctx context.Context, changed changeSet) error {
	if s.page == nil {
		return nil
	}
	id := s.page.citizen.ID
	if _, ok := s.rowByID(id); !ok || changed.has("citizens", id) {
		return s.showDetails(ctx) // changed or gone (erased): read again
	}
	tab, offset := 0, fyne.Position{}
	if s.tabs != nil {
		tab = s.tabs.SelectedIndex()
		if sel := s.tabs.Selected(); sel != nil {
			if sc, ok := sel.Content.(*container.Scroll); ok {
				offset = sc.Offset
			}
		}
	}
	p := &citizenPage{s: s, citizen: s.page.citizen}
	if err := p.load(ctx); err != nil {
		return err
	}
	s.page = p
	s.details.Objects = []fyne.CanvasObject{p.build(tab)}
	s.details.Refresh()
	if sel := s.tabs.Selected(); sel != nil {
		if sc, ok := sel.Content.(*container.Scroll); ok {
			sc.Offset = offset
			sc.Refresh()
		}
	}
	return nil
}
