package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Action names of Mentorbog's keyboard shortcuts.
const (
	keySave   = "save"   // Ctrl+S: save the open form
	keyCancel = "cancel" // Esc: cancel the open form (asking first if something changed)
	keyNew    = "new"    // Ctrl+N: create a record in the section on screen
	keyFind   = "find"   // Ctrl+F: focus the search field of the section on screen
	// keyKeep is not a key: every layer's "keep" runs when the window
	// closes, so open forms keep their drafts.
	keyKeep = "keep"
)

// keymap routes the shortcuts to whatever is on screen: an open form first,
// then the section below it. Fyne delivers a shortcut to the focused widget
// when it takes shortcuts (an entry does) and to the canvas otherwise, so
// the keymap listens on the canvas and keyEntry forwards from entries.
type keymap struct {
	mu     sync.Mutex
	win    fyne.Window
	layers []*keyLayer
}

// keyLayer is one set of actions, e.g. an open form's save and cancel.
type keyLayer struct{ actions map[string]func() }

// newKeymap installs the shortcuts on the window's canvas. Handlers already
// set on the canvas (the idle lock's) keep running.
func newKeymap(win fyne.Window) *keymap {
	k := &keymap{win: win}
	if win == nil {
		return k
	}
	c := win.Canvas()
	for name, key := range map[string]fyne.KeyName{keySave: fyne.KeyS, keyNew: fyne.KeyN, keyFind: fyne.KeyF} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { k.trigger(name) })
	}
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape && k.trigger(keyCancel) {
			return
		}
		if prev != nil {
			prev(e)
		}
	})
	return k
}

// push adds a layer on top; the returned function removes it again.
func (k *keymap) push(actions map[string]func()) (pop func()) {
	if k == nil {
		return func() {}
	}
	l := &keyLayer{actions: actions}
	k.mu.Lock()
	k.layers = append(k.layers, l)
	k.mu.Unlock()
	return func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		for i := len(k.layers) - 1; i >= 0; i-- {
			if k.layers[i] == l {
				k.layers = append(k.layers[:i], k.layers[i+1:]...)
				return
			}
		}
	}
}

// trigger runs the topmost layer's action of that name and reports whether
// one ran. An open form (a layer with save) stops the search, so Esc or
// Ctrl+N in a form never reaches the section below it.
func (k *keymap) trigger(name string) bool {
	if k == nil {
		return false
	}
	k.mu.Lock()
	var action func()
	for i := len(k.layers) - 1; i >= 0; i-- {
		if a, ok := k.layers[i].actions[name]; ok {
			action = a
			break
		}
		// An open form is modal: nothing passes below it.
		if _, form := k.layers[i].actions[keySave]; form || name == keyCancel {
			break
		}
	}
	k.mu.Unlock()
	if action == nil {
		return false
	}
	action()
	return true
}

// all runs the action of that name in every layer, top first.
func (k *keymap) all(name string) {
	if k == nil {
		return
	}
	k.mu.Lock()
	var actions []func()
	for i := len(k.layers) - 1; i >= 0; i-- {
		if a, ok := k.layers[i].actions[name]; ok {
			actions = append(actions, a)
		}
	}
	k.mu.Unlock()
	for _, a := range actions {
		a()
	}
}

// shortcutAction maps a shortcut typed into an entry to a keymap action.
func shortcutAction(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return ""
	}
	switch cs.KeyName {
	case fyne.KeyS:
		return keySave
	case fyne.KeyN:
		return keyNew
	case fyne.KeyF:
		return keyFind
	}
	return ""
}

// keyEntry is an entry that passes Mentorbog's shortcuts on to the keymap,
// which Fyne would otherwise keep inside the focused entry, and tells its
// owner when the user leaves it (for inline validation).
type keyEntry struct {
	widget.Entry
	keys    *keymap
	onLeave func()
}

func newKeyEntry(keys *keymap) *keyEntry {
	e := &keyEntry{keys: keys}
	e.ExtendBaseWidget(e)
	return e
}

func newKeyMultiLineEntry(keys *keymap) *keyEntry {
	e := newKeyEntry(keys)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedShortcut runs Mentorbog's shortcuts; everything else (copy, paste,
// undo) stays the entry's own.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if name := shortcutAction(s); name != "" && e.keys.trigger(name) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey makes Esc cancel the form the entry is in.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.keys.trigger(keyCancel) {
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost validates the field the user just left.
func (e *keyEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}
