package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// draftInterval is how often an open form with changes is kept as a draft.
const draftInterval = 3 * time.Second

// editor is one record being edited: its fields, each with a message line
// under it; the check of a field as soon as the user leaves it; the list of
// problems when saving is refused (every typed value stays); the draft kept
// while typing; and the keyboard (Ctrl+S saves, Esc cancels, asking first
// when something changed).
//
// A form builds an editor, adds its fields in layout order (which is also
// the tab order), sets check (read the fields into the record and validate
// it) and save (store it), and shows it with showDialog.
type editor struct {
	env    env
	drafts data.DraftStore
	// kind and key identify the draft (see data.Draft); an empty kind keeps
	// no draft.
	kind, key string
	// title is what the offer to restore the draft says.
	title func() string
	// citizenID is the citizen the form is about (0 when none); erasing
	// the citizen erases the draft too.
	citizenID data.ID

	// check reads the fields into the record and validates it; the editor
	// adds the problems of fields it could not read (a bad date).
	check func() data.Problems
	// save stores the record; returning data.Problems puts them next to
	// their fields like check's.
	save func(ctx context.Context) error
	// saved runs after a successful save, e.g. to reload the list.
	saved func()
	// confirm, when set, runs once nothing blocks and before save: it asks
	// the user something (e.g. "only this or this and later") and calls
	// proceed to save; not calling it leaves the form open as it is.
	confirm func(proceed func())
	// reload, when set, is called when a save is refused because someone
	// else saved the record after the form opened it (data.ConflictError):
	// it reads the record again, makes the stored version the base of the
	// next save (so "Gem" again saves what is typed on top of it), and
	// returns the stored values as field texts by field name, for "Vis den
	// nye version" (nil when the form cannot show them).
	reload func(ctx context.Context) (map[string]string, error)
	// conflict holds "Vis den nye version" after a refused save.
	conflict *fyne.Container
	// latest is the stored record's field texts read after a conflict.
	latest map[string]string

	fields  []*editorField
	byName  map[string]*editorField
	general *widget.Label
	form    *widget.Form

	loading   bool // fields are being filled by code, not typed
	changed   bool
	submitted bool // a save was tried: show every problem, not only left fields
	lastDraft string
	// listed is true while the problem list shows problems (not another
	// save error); leaving a field then brings it up to date.
	listed bool
	// refused are the problems the store returned on the last save (e.g.
	// a duplicate CPR number), with the field's value then: they stay
	// listed until that field is changed, as the checks cannot see them.
	refused []refusedProblem

	dlg      *dialog.CustomDialog
	popKeys  func()
	stopKeep chan struct{}
	closed   bool
}

// refusedProblem is a problem the store returned and the value its field
// had then.
type refusedProblem struct {
	problem data.FieldError
	value   string
}

// editorField is one field: the widget, how to read and set its value as
// text (for drafts), its message line and whether the user has left it.
type editorField struct {
	name    string
	label   string
	obj     fyne.CanvasObject
	focus   fyne.Focusable
	get     func() string
	set     func(string)
	msg     *widget.Label
	touched bool
	// parse reports a problem with the typed text itself (a date that is
	// not a date); nil for fields that are always readable.
	parse func() string
}

func newEditor(e env, drafts data.DraftStore, kind, key string) *editor {
	return &editor{env: e, drafts: drafts, kind: kind, key: key, byName: map[string]*editorField{},
		general: problemLabel(), loading: true}
}

// add registers a field. Forms normally use the typed helpers below.
func (ed *editor) add(f *editorField) *editorField {
	f.msg = problemLabel()
	ed.fields = append(ed.fields, f)
	ed.byName[f.name] = f
	return f
}

// entry adds a one-line text field.
func (ed *editor) entry(name, label, value string) *keyEntry {
	e := newKeyEntry(ed.env.keys)
	return ed.addEntry(name, label, value, e)
}

// multiline adds a text area of the given number of visible rows.
func (ed *editor) multiline(name, label, value string, rows int) *keyEntry {
	e := newKeyMultiLineEntry(ed.env.keys)
	e.SetMinRowsVisible(rows)
	return ed.addEntry(name, label, value, e)
}

func (ed *editor) addEntry(name, label, value string, e *keyEntry) *keyEntry {
	e.SetText(value)
	f := ed.add(&editorField{name: name, label: label, obj: e, focus: e,
		get: func() string { return e.Text }, set: e.SetText})
	e.OnChanged = func(string) { ed.edited(f) }
	e.onLeave = func() { ed.leave(f) }
	return e
}

// dateEntry adds a date field typed as dd-mm-yyyy.
func (ed *editor) dateEntry(name, label string, value data.Date) *keyEntry {
	text := ""
	if !value.IsZero() {
		text = dateText(value)
	}
	e := ed.entry(name, label, text)
	e.SetPlaceHolder(lang.X("form.date_placeholder", "dd-mm-åååå"))
	f := ed.byName[name]
	f.parse = func() string {
		if strings.TrimSpace(e.Text) == "" {
			return ""
		}
		if _, err := dk.ParseDate(e.Text, data.Zone()); err != nil {
			return label + ": " + err.Error() + "."
		}
		return ""
	}
	return e
}

// dateValue reads a date field; the zero date when empty or unreadable
// (the parse problem is reported by the editor itself).
func (ed *editor) dateValue(name string) data.Date {
	f, ok := ed.byName[name]
	if !ok {
		return data.Date{}
	}
	t, err := dk.ParseDate(f.get(), data.Zone())
	if err != nil {
		return data.Date{}
	}
	return data.DateOf(t)
}

// choice adds a drop-down of labels; value is the selected label.
func (ed *editor) choice(name, label string, options []string, value string) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.SetSelected(value)
	f := ed.add(&editorField{name: name, label: label, obj: s, focus: s,
		get: func() string { return s.Selected }, set: s.SetSelected})
	s.OnChanged = func(string) { ed.edited(f); ed.leave(f) }
	return s
}

// check adds a check box; its draft value is "1" or "".
func (ed *editor) checkbox(name, label, text string, value bool) *widget.Check {
	c := widget.NewCheck(text, nil)
	c.SetChecked(value)
	f := ed.add(&editorField{name: name, label: label, obj: c, focus: c,
		get: func() string {
			if c.Checked {
				return "1"
			}
			return ""
		},
		set: func(s string) { c.SetChecked(s != "") }})
	c.OnChanged = func(bool) { ed.edited(f); ed.leave(f) }
	return c
}

// custom adds any other widget; the caller calls ed.edited(f) from its
// change callback.
func (ed *editor) custom(name, label string, obj fyne.CanvasObject, get func() string, set func(string)) *editorField {
	focus, _ := obj.(fyne.Focusable)
	return ed.add(&editorField{name: name, label: label, obj: obj, focus: focus, get: get, set: set})
}

// text reads a field's value as typed.
func (ed *editor) text(name string) string {
	if f, ok := ed.byName[name]; ok {
		return f.get()
	}
	return ""
}

// edited marks the form changed; a message on the field goes while the
// user is fixing it, and comes back (if still true) when they leave it.
func (ed *editor) edited(f *editorField) {
	if ed.loading {
		return
	}
	ed.changed = true
	if f != nil && f.msg.Visible() && !ed.submitted {
		ed.setMessage(f, "", false)
	}
}

// leave checks the form and shows the problems of every field the user has
// left so far.
func (ed *editor) leave(f *editorField) {
	if ed.loading {
		return
	}
	f.touched = true
	p := ed.validate()
	if ed.listed {
		ed.refreshList(p)
	}
}

// refreshList brings the problem list up to date after a refused save, as
// the user fixes things: fixed problems leave it, and it goes when nothing
// blocks any more.
func (ed *editor) refreshList(p data.Problems) {
	var kept data.Problems
	for _, r := range ed.refused {
		if f, ok := ed.byName[r.problem.Field]; !ok || f.get() == r.value {
			kept = append(kept, r.problem)
		}
	}
	if len(kept) > 0 {
		ed.show(append(p, kept...))
	}
	ed.showList(append(p.Errors(), kept...))
}

// problems is the parse problems plus the record's own.
func (ed *editor) problems() data.Problems {
	var p data.Problems
	for _, f := range ed.fields {
		if f.parse != nil {
			if msg := f.parse(); msg != "" {
				p = append(p, data.FieldError{Field: f.name, Message: msg})
			}
		}
	}
	if ed.check != nil {
		unreadable := p
		for _, fe := range ed.check() {
			// A field that could not be read gets its own message, not "missing".
			if _, bad := unreadable.For(fe.Field); bad && !fe.Warning {
				continue
			}
			p = append(p, fe)
		}
	}
	return p
}

// validate shows each problem next to its field (for fields left or after a
// save was tried) and returns all problems.
func (ed *editor) validate() data.Problems {
	p := ed.problems()
	ed.show(p)
	return p
}

// show puts problems next to their fields; blocking ones in the error
// colour, warnings in the warning colour with a "Bemærk" in the words.
func (ed *editor) show(p data.Problems) {
	for _, f := range ed.fields {
		if !f.touched && !ed.submitted {
			continue
		}
		msg, warning := "", false
		for _, fe := range p {
			if fe.Field != f.name {
				continue
			}
			if !fe.Warning {
				msg, warning = fe.Message, false
				break
			}
			if msg == "" {
				msg, warning = lang.X("form.note", "Bemærk: {{.Message}}", map[string]string{"Message": fe.Message}), true
			}
		}
		ed.setMessage(f, msg, warning)
	}
}

func (ed *editor) setMessage(f *editorField, text string, warning bool) {
	if warning {
		f.msg.Importance = widget.WarningImportance
	} else {
		f.msg.Importance = widget.DangerImportance
	}
	setProblem(f.msg, text)
	ed.relayout()
}

// message returns the message shown next to a field ("" when none); tests
// read it.
func (ed *editor) message(name string) string {
	if f, ok := ed.byName[name]; ok && f.msg.Visible() {
		return f.msg.Text
	}
	return ""
}

// submit saves when nothing blocks, and otherwise shows every problem next
// to its field and as a list, leaving every typed value in place.
func (ed *editor) submit() {
	ed.submitted = true
	p := ed.validate()
	if blocking := p.Errors(); len(blocking) > 0 {
		ed.showList(blocking)
		ed.focusField(blocking[0].Field)
		return
	}
	if ed.confirm != nil {
		ed.confirm(ed.store)
		return
	}
	ed.store()
}

// store saves the checked record and closes the form, or shows why it
// could not be saved.
func (ed *editor) store() {
	if ed.closed {
		return
	}
	if err := ed.save(context.Background()); err != nil {
		var sp data.Problems
		if errors.As(err, &sp) {
			ed.refused = nil
			for _, fe := range sp.Errors() {
				r := refusedProblem{problem: fe}
				if f, ok := ed.byName[fe.Field]; ok {
					r.value = f.get()
				}
				ed.refused = append(ed.refused, r)
			}
			ed.show(sp)
			ed.showList(sp.Errors())
			if len(sp.Errors()) > 0 {
				ed.focusField(sp.Errors()[0].Field)
			}
			return
		}
		var conflict *data.ConflictError
		if errors.As(err, &conflict) {
			ed.conflicted(conflict)
			return
		}
		ed.listed = false
		setProblem(ed.general, lang.X("form.save_failed", "Det kunne ikke gemmes: {{.Error}}", map[string]string{"Error": err.Error()}))
		ed.relayout()
		return
	}
	ed.discardDraft()
	ed.changed = false
	ed.close()
	if ed.saved != nil {
		ed.saved()
	}
}

// showList shows the blocking problems as one list above the buttons.
func (ed *editor) showList(p data.Problems) {
	var lines []string
	for _, fe := range p {
		lines = append(lines, "• "+fe.Message)
	}
	text := ""
	if len(lines) > 0 {
		text = lang.X("form.not_saved", "Der er ikke gemt. Ret dette først:") + "\n" + strings.Join(lines, "\n")
	}
	ed.listed = text != ""
	setProblem(ed.general, text)
	ed.relayout()
}

func (ed *editor) focusField(name string) {
	if f, ok := ed.byName[name]; ok && f.focus != nil && ed.env.window != nil {
		ed.env.window.Canvas().Focus(f.focus)
	}
}

// cancel closes the form; with unsaved changes it asks first, and
// discarding removes the draft.
func (ed *editor) cancel() {
	if !ed.changed {
		ed.discardDraft()
		ed.close()
		return
	}
	dialog.ShowConfirm(lang.X("form.discard_title", "Kassér ændringer?"),
		lang.X("form.discard_body", "Det, du har skrevet i formularen, er ikke gemt. Vil du kassere det?"),
		func(yes bool) {
			if yes {
				ed.discardDraft()
				ed.changed = false
				ed.close()
			}
		}, ed.env.window)
}

// snapshot is the typed values by field name, as JSON.
func (ed *editor) snapshot() string {
	values := map[string]string{}
	for _, f := range ed.fields {
		values[f.name] = f.get()
	}
	b, _ := json.Marshal(values) // a map of strings always marshals
	return string(b)
}

// restore puts a draft's values back into the fields.
func (ed *editor) restore(payload string) error {
	var values map[string]string
	if err := json.Unmarshal([]byte(payload), &values); err != nil {
		return fmt.Errorf("restore draft: %w", err)
	}
	ed.loading = true
	for _, f := range ed.fields {
		if v, ok := values[f.name]; ok {
			f.set(v)
		}
	}
	ed.loading = false
	ed.changed = true
	ed.lastDraft = payload
	return nil
}

// keepDraft stores the typed values when they changed since the last draft.
// Errors are not shown: a draft is a safety net, and the form itself still
// holds everything.
func (ed *editor) keepDraft() {
	if ed.kind == "" || ed.drafts == nil || !ed.changed || ed.closed {
		return
	}
	payload := ed.snapshot()
	if payload == ed.lastDraft {
		return
	}
	title := ""
	if ed.title != nil {
		title = ed.title()
	}
	err := ed.drafts.SaveDraft(context.Background(), data.Draft{Kind: ed.kind, Key: ed.key, Title: title, Payload: payload, CitizenID: ed.citizenID})
	if err == nil {
		ed.lastDraft = payload
	}
}

func (ed *editor) discardDraft() {
	if ed.kind == "" || ed.drafts == nil {
		return
	}
	_ = ed.drafts.DiscardDraft(context.Background(), ed.kind, ed.key)
	ed.lastDraft = ""
}

// content is the form; the general message line is shown by the caller,
// where it stays in view (above the buttons).
func (ed *editor) content() fyne.CanvasObject {
	var items []*widget.FormItem
	for _, f := range ed.fields {
		items = append(items, widget.NewFormItem(f.label, fieldWithMessage(f.obj, f.msg)))
	}
	ed.form = widget.NewForm(items...)
	return ed.form
}

// showDialog shows the form in a dialog of the given size with Annullér and
// Gem, installs Ctrl+S and Esc, and starts keeping drafts. extra is shown
// above the fields (e.g. a hint), or nil.
func (ed *editor) showDialog(title string, size fyne.Size, extra fyne.CanvasObject) {
	ed.loading = false
	setSelectPlaceholders(ed)
	body := ed.content()
	if extra != nil {
		body = container.NewVBox(extra, body)
	}
	scroll := container.NewVScroll(container.NewPadded(body))
	scroll.SetMinSize(fyne.NewSize(size.Width-40, size.Height-140))
	cancel := widget.NewButtonWithIcon(lang.X("form.cancel", "Annullér"), theme.CancelIcon(), ed.cancel)
	save := widget.NewButtonWithIcon(lang.X("form.save", "Gem"), theme.DocumentSaveIcon(), ed.submit)
	save.Importance = widget.HighImportance
	hint := muted(lang.X("form.keys_hint", "Ctrl+S gemmer · Esc annullerer"))
	buttons := container.NewHBox(hint, layout.NewSpacer(), ed.conflictActions(), cancel, save)
	foot := container.NewVBox(ed.general, buttons)
	ed.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, foot, nil, nil, scroll), ed.env.window)
	ed.dlg.Resize(size)
	ed.popKeys = ed.env.keys.push(map[string]func(){keySave: ed.submit, keyCancel: ed.cancel, keyKeep: ed.keepDraft})
	ed.dlg.SetOnClosed(func() { ed.closing() })
	ed.dlg.Show()
	ed.startKeeping()
	if len(ed.fields) > 0 {
		ed.focusField(ed.fields[0].name)
	}
}

// startKeeping saves a draft every draftInterval while the form is open.
func (ed *editor) startKeeping() {
	if ed.kind == "" || ed.drafts == nil {
		return
	}
	ed.stopKeep = make(chan struct{})
	stop := ed.stopKeep
	go func() {
		t := time.NewTicker(draftInterval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(ed.keepDraft)
			}
		}
	}()
}

// close hides the dialog; closing runs once however the form was closed.
func (ed *editor) close() {
	if ed.dlg != nil {
		ed.dlg.Hide()
		return
	}
	ed.closing()
}

// closing keeps a last draft when the form goes with unsaved changes (the
// window closed under it), and stops the timer and the shortcuts.
func (ed *editor) closing() {
	if ed.closed {
		return
	}
	ed.keepDraft()
	ed.closed = true
	if ed.stopKeep != nil {
		close(ed.stopKeep)
	}
	if ed.popKeys != nil {
		ed.popKeys()
	}
}

// relayout lays the form out again when a message line comes or goes.
func (ed *editor) relayout() {
	if ed.form != nil {
		ed.form.Refresh()
	}
	if ed.dlg != nil {
		ed.dlg.Refresh()
	}
}
