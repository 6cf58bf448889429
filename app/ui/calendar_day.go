package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// dayColumns: status icon, time, citizen, form, place, mentor, status text.
var dayColumns = columns{24, 100, 150, 140, 0, 170, 180}

// dayView is one day's agenda as a list (only the visible rows exist, so
// a coordinator's busy day stays light).
type dayView struct {
	cal      *calendarScreen
	root     fyne.CanvasObject
	holiday  *widget.Label
	empty    *widget.Label
	list     *widget.List
	sessions []data.Session
}

func newDayView(cal *calendarScreen) *dayView {
	v := &dayView{cal: cal, holiday: bold(""), empty: muted(lang.X("calendar.no_sessions", "Ingen møder"))}
	v.holiday.Importance = widget.DangerImportance
	v.list = widget.NewList(func() int { return len(v.sessions) },
		func() fyne.CanvasObject {
			return dayColumns.row(widget.NewIcon(theme.CalendarIcon()), cell(""), cell(""), cell(""), cell(""), cell(""), cell(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.sessions) {
				return
			}
			ss := v.sessions[id]
			icon, status, imp := sessionStatus(ss, cal.env.now())
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Icon).SetResource(icon)
			setRow(o, "", timeSpan(ss.PlannedStart, ss.PlannedEnd), cal.citizenLabel(ss), formText(ss.Form),
				orDash(ss.Place), cal.mentorBy[ss.MentorID].Name, status)
			l := cells[6].(*widget.Label)
			if l.Importance != imp {
				l.Importance = imp
				l.Refresh()
			}
		})
	v.list.OnSelected = func(id widget.ListItemID) {
		v.list.UnselectAll()
		if id < len(v.sessions) {
			cal.open(v.sessions[id])
		}
	}
	header := dayColumns.header("", lang.X("calendar.col_time", "Tid"), lang.X("calendar.col_citizen", "Borger"),
		lang.X("calendar.col_form", "Form"), lang.X("calendar.col_place", "Sted"), lang.X("calendar.col_mentor", "Mentor"),
		lang.X("calendar.col_status", "Status"))
	v.root = container.NewBorder(container.NewVBox(v.holiday, header, widget.NewSeparator()), nil, nil, nil,
		container.NewStack(v.list, container.NewVBox(v.empty)))
	return v
}

func (v *dayView) show(day data.Date, sessions []data.Session) {
	v.sessions = sessions
	if name, ok := dk.HolidayName(dayStart(day)); ok {
		v.holiday.SetText(lang.X("calendar.holiday", "Helligdag: {{.Name}}", map[string]string{"Name": name}))
		v.holiday.Show()
	} else {
		v.holiday.Hide()
	}
	if len(sessions) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.list.Refresh()
	v.list.ScrollToTop()
}
