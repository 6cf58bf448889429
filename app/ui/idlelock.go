package ui

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// IdleLockSetting is the store setting that overrides data.DefaultIdleLock,
// in whole minutes (1 to MaxIdleLockMinutes).
const IdleLockSetting = "idle_lock_minutes"

// MaxIdleLockMinutes caps the setting: a PC left open with citizens' health
// notes must lock within the hour, whatever the setting says.
const MaxIdleLockMinutes = 60

// lockStore is what the idle lock needs from the store.
type lockStore interface {
	Login(ctx context.Context, username, password string) (data.User, error)
	Lock()
	CurrentUser() (data.User, bool)
}

// IdleLockTimeout reads the idle time before the lock from the store
// setting idle_lock_minutes; unset or invalid means data.DefaultIdleLock.
func IdleLockTimeout(ctx context.Context, st data.SettingStore) time.Duration {
	text, err := st.Setting(ctx, IdleLockSetting)
	if err != nil || strings.TrimSpace(text) == "" {
		return data.DefaultIdleLock
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1 || n > MaxIdleLockMinutes {
		return data.DefaultIdleLock
	}
	return time.Duration(n) * time.Minute
}

// IdleLock locks the store after a time without activity on the window and
// covers the window with a login overlay until the same user logs in again.
// The window's content is never rebuilt or cleared, so whatever is typed in
// an open form or dialog is still there after unlocking.
//
// What counts as activity, and why (Fyne 2.8 has no window-wide input hook;
// key events go only to the focused widget):
//   - mouse movement anywhere over the window content: the content is
//     wrapped in activityArea, which is desktop.Hoverable (movement over
//     plain areas) and desktop.Cursorable. The GLFW driver asks every
//     Cursorable under the pointer for its cursor on every mouse move,
//     containers of the hovered widget included, so the wrapper hears of
//     movement over buttons, lists and entries too;
//   - typing in a focused entry, in the window or in a dialog: each tick
//     compares the focused widget, its Text and cursor position and the
//     number of overlays (a dialog opening or closing) with the last tick;
//   - keys typed while nothing has focus: the canvas's OnTypedKey and
//     OnTypedRune handlers are chained, not replaced.
//
// Movement over an open dialog is not seen (the dialog is an overlay
// outside the wrapper); typing in it is.
type IdleLock struct {
	win      fyne.Window
	st       lockStore
	timeout  time.Duration // 0: no automatic lock, only LockNow
	onUnlock func()
	clock    func() time.Time

	mu       sync.Mutex
	last     time.Time // last activity
	mark     focusMark // what was focused and typed at the last tick
	locking  bool      // the lock is on or being put on
	shown    bool      // the overlay is on screen
	stop     chan struct{}
	started  bool
	user     data.User // who unlocks
	cover    fyne.CanvasObject
	popup    *widget.PopUp
	password *widget.Entry
	msg      *widget.Label
	unlock   *widget.Button
}

// NewIdleLock prepares the lock of w. timeout is the idle time before the
// lock (data.DefaultIdleLock, or IdleLockTimeout; tests use milliseconds);
// 0 disables the automatic lock. onUnlock runs after the user has logged in
// again, to reload what is on screen. Call Wrap on the window's content and
// Start to begin counting.
func NewIdleLock(w fyne.Window, st lockStore, timeout time.Duration, onUnlock func()) *IdleLock {
	l := &IdleLock{win: w, st: st, timeout: timeout, onUnlock: onUnlock, clock: time.Now}
	l.user, _ = st.CurrentUser()
	return l
}

// Wrap returns content inside an area that reports mouse activity.
func (l *IdleLock) Wrap(content fyne.CanvasObject) fyne.CanvasObject {
	a := &activityArea{content: content, touch: l.Touch}
	a.ExtendBaseWidget(a)
	return a
}

// Start begins counting idle time. It does nothing when the timeout is 0 or
// the lock already runs.
func (l *IdleLock) Start() {
	l.mu.Lock()
	if l.started || l.timeout <= 0 {
		l.mu.Unlock()
		return
	}
	l.started = true
	l.stop = make(chan struct{})
	l.last = l.clock()
	stop := l.stop
	l.mu.Unlock()

	c := l.win.Canvas()
	l.mark = focusMarkOf(c)
	prevKey, prevRune := c.OnTypedKey(), c.OnTypedRune()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		l.Touch()
		if prevKey != nil {
			prevKey(e)
		}
	})
	c.SetOnTypedRune(func(r rune) {
		l.Touch()
		if prevRune != nil {
			prevRune(r)
		}
	})

	// A 15-minute lock is checked every 5 seconds; test timeouts of
	// milliseconds are checked often enough to lock on time.
	interval := min(max(l.timeout/10, 5*time.Millisecond), 5*time.Second)
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { l.check() })
			}
		}
	}()
}

// Stop ends the automatic lock; an overlay on screen stays until unlocked.
func (l *IdleLock) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started {
		close(l.stop)
		l.started = false
	}
}

// Touch records activity now.
func (l *IdleLock) Touch() {
	l.mu.Lock()
	l.last = l.clock()
	l.mu.Unlock()
}

// Locked reports whether the lock overlay is on screen.
func (l *IdleLock) Locked() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.shown
}

// check runs on the UI thread at each tick: it notices typing and locks
// when the idle time is up.
func (l *IdleLock) check() {
	l.mu.Lock()
	if l.locking || l.timeout <= 0 {
		l.mu.Unlock()
		return
	}
	now := l.clock()
	if m := focusMarkOf(l.win.Canvas()); m != l.mark {
		l.mark, l.last = m, now
	}
	idle := now.Sub(l.last) >= l.timeout
	l.mu.Unlock()
	if idle {
		l.LockNow()
	}
}

// LockNow locks the store at once (the "Lås" button) and covers the window.
func (l *IdleLock) LockNow() {
	l.mu.Lock()
	if l.locking {
		l.mu.Unlock()
		return
	}
	l.locking = true
	l.mu.Unlock()

	if u, ok := l.st.CurrentUser(); ok {
		l.user = u
	}
	// Forget the data key first; the overlay follows.
	l.st.Lock()
	l.showOverlay()

	l.mu.Lock()
	l.shown = true
	l.mu.Unlock()
}

// showOverlay covers the window with an opaque layer (the modal popup's
// own background is see-through, and the data behind must not be readable)
// and shows the login card on top.
func (l *IdleLock) showOverlay() {
	c := l.win.Canvas()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	l.cover = bg
	c.Overlays().Add(l.cover)

	l.msg = problemLabel()
	l.password = widget.NewPasswordEntry()
	l.password.SetPlaceHolder(lang.X("login.password", "Adgangskode"))
	l.password.OnSubmitted = func(string) { l.Unlock() }
	l.password.OnChanged = func(string) { l.setMessage("") }
	l.unlock = widget.NewButtonWithIcon(lang.X("lock.unlock", "Lås op"), theme.LoginIcon(), l.Unlock)
	l.unlock.Importance = widget.HighImportance

	who := l.user.DisplayName
	if who == "" {
		who = l.user.Username
	} else if l.user.Username != "" {
		who += " (" + l.user.Username + ")"
	}
	content := container.NewVBox(
		brandHeader(lang.X("lock.title", "Mentorbog er låst")),
		wrapped(lang.X("lock.explain", "Mentorbog blev låst, så ingen andre kan se oplysningerne. Det, du var i gang med, er bevaret.")),
		widget.NewForm(
			widget.NewFormItem(lang.X("lock.user", "Bruger"), bold(who)),
			widget.NewFormItem(lang.X("login.password", "Adgangskode"), l.password),
		),
		l.msg,
		l.unlock,
	)
	l.popup = widget.NewModalPopUp(container.New(fixedWidth(440), container.New(layout.NewCustomPaddedLayout(8, 8, 16, 16), content)), c)
	l.popup.Show()
	c.Focus(l.password)
}

// Unlock logs the locked user in with the typed password and, on success,
// removes the overlay and reloads what is on screen.
func (l *IdleLock) Unlock() {
	if l.password == nil {
		return
	}
	if l.password.Text == "" {
		l.setMessage(lang.X("login.password_missing", "Skriv din adgangskode."))
		return
	}
	_, err := l.st.Login(context.Background(), l.user.Username, l.password.Text)
	l.password.SetText("")
	if err != nil {
		l.setMessage(loginErrorText(err))
		l.win.Canvas().Focus(l.password)
		return
	}
	l.popup.Hide()
	l.win.Canvas().Overlays().Remove(l.cover)
	l.popup, l.cover, l.password = nil, nil, nil

	l.mu.Lock()
	l.locking, l.shown = false, false
	l.last = l.clock()
	l.mark = focusMarkOf(l.win.Canvas())
	l.mu.Unlock()
	if l.onUnlock != nil {
		l.onUnlock()
	}
}

// setMessage shows (or with "" removes) the message under the password and
// fits the login card to it.
func (l *IdleLock) setMessage(text string) {
	was := l.msg.Visible()
	setProblem(l.msg, text)
	if was == l.msg.Visible() || l.popup == nil {
		return
	}
	l.popup.Resize(l.popup.MinSize())
	for _, o := range l.win.Canvas().Overlays().List() {
		o.Refresh() // centres the card again
	}
}

// focusMark is what a tick compares to notice typing.
type focusMark struct {
	focused  fyne.Focusable
	overlays int
	text     string
	row, col int
}

// focusMarkOf reads the focused widget. Entries (and widgets embedding
// widget.Entry) are read through their exported Text and cursor fields.
func focusMarkOf(c fyne.Canvas) focusMark {
	m := focusMark{focused: c.Focused(), overlays: len(c.Overlays().List())}
	if m.focused == nil {
		return m
	}
	v := reflect.ValueOf(m.focused)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return m
	}
	s := v.Elem()
	if f := s.FieldByName("Text"); f.IsValid() && f.Kind() == reflect.String {
		m.text = f.String()
	}
	if f := s.FieldByName("CursorRow"); f.IsValid() && f.CanInt() {
		m.row = int(f.Int())
	}
	if f := s.FieldByName("CursorColumn"); f.IsValid() && f.CanInt() {
		m.col = int(f.Int())
	}
	return m
}

// activityArea holds the window's content and reports mouse movement over
// it (see IdleLock). It draws nothing of its own.
type activityArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var (
	_ desktop.Hoverable  = (*activityArea)(nil)
	_ desktop.Cursorable = (*activityArea)(nil)
)

func (a *activityArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

// MouseIn is movement into a part of the window no widget handles.
func (a *activityArea) MouseIn(*desktop.MouseEvent) { a.touch() }

// MouseMoved is movement over a part of the window no widget handles.
func (a *activityArea) MouseMoved(*desktop.MouseEvent) { a.touch() }

// MouseOut needs no action.
func (a *activityArea) MouseOut() {}

// Cursor is asked on every mouse move over the window, also over widgets
// that handle the mouse themselves; the default cursor changes nothing.
func (a *activityArea) Cursor() desktop.Cursor {
	a.touch()
	return desktop.DefaultCursor
}

// lockIcon is Material "lock".
func lockIcon() fyne.Resource {
	return svgIcon("lock.svg", "M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z")
}
