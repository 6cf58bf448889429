package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// monthLines is how many sessions a month cell lists before "… og N til".
const monthLines = 3

// weekNumberWidth is the column of ISO week numbers down the month's side.
const weekNumberWidth float32 = 44

// monthView is six weeks from the Monday on or before the 1st, with the
// ISO week number at the start of each row. Its 42 cells are built once
// and refilled.
type monthView struct {
	cal   *calendarScreen
	root  fyne.CanvasObject
	weeks [6]*canvas.Text
	cells [42]*monthCell
	grid  *fyne.Container
}

func newMonthView(cal *calendarScreen) *monthView {
	v := &monthView{cal: cal}
	week := canvas.NewText(lang.X("calendar.week_col", "Uge"), theme.Color(theme.ColorNameForeground))
	week.TextStyle.Bold = true
	heads := []fyne.CanvasObject{week}
	for i := 0; i < 7; i++ {
		t := canvas.NewText(capitalize(weekdayText(time.Weekday((i+1)%7))), theme.Color(theme.ColorNameForeground))
		t.TextStyle.Bold = true
		heads = append(heads, t)
	}
	head := container.New(&monthLayout{header: true}, heads...)
	var objs []fyne.CanvasObject
	for r := range v.weeks {
		v.weeks[r] = canvas.NewText("", theme.Color(theme.ColorNameForeground))
		v.weeks[r].TextStyle.Bold = true
		v.weeks[r].Alignment = fyne.TextAlignCenter
		objs = append(objs, v.weeks[r])
		for c := 0; c < 7; c++ {
			cell := newMonthCell(cal)
			v.cells[r*7+c] = cell
			objs = append(objs, cell)
		}
	}
	v.grid = container.New(&monthLayout{}, objs...)
	v.root = container.NewBorder(head, nil, nil, nil, v.grid)
	return v
}

// show fills the month of anchor; counts, when given, is each day's
// number of sessions of which sessions holds the first lines.
func (v *monthView) show(anchor data.Date, sessions []data.Session, counts map[data.Date]int) {
	first := mondayOf(data.NewDate(anchor.Year, anchor.Month, 1))
	byDay := map[data.Date][]data.Session{}
	for _, s := range sessions {
		d := data.DateOf(s.PlannedStart.In(data.Zone()))
		byDay[d] = append(byDay[d], s)
	}
	today, now := v.cal.env.today(), v.cal.env.now()
	for r := range v.weeks {
		_, week := dk.ISOWeek(dayStart(first.AddDays(7 * r)))
		v.weeks[r].Text = strconv.Itoa(week)
		v.weeks[r].Refresh()
		for c := 0; c < 7; c++ {
			day := first.AddDays(7*r + c)
			count := len(byDay[day])
			if counts != nil {
				count = counts[day]
			}
			v.cells[r*7+c].set(day, day.Month == anchor.Month, day == today, byDay[day], count, now)
		}
	}
	v.grid.Refresh()
}

// monthLayout: a narrow week-number column and seven equal day columns;
// the header row is one line high, the grid six equal rows.
type monthLayout struct{ header bool }

func (l *monthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if l.header {
		return fyne.NewSize(weekNumberWidth+7*90, objects[0].MinSize().Height+8)
	}
	return fyne.NewSize(weekNumberWidth+7*90, 6*96)
}

func (l *monthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	colW := (size.Width - weekNumberWidth) / 7
	if l.header {
		for i, o := range objects {
			x := float32(4)
			if i > 0 {
				x = weekNumberWidth + float32(i-1)*colW + 4
			}
			o.Move(fyne.NewPos(x, 4))
			o.Resize(o.MinSize())
		}
		return
	}
	rowH := size.Height / 6
	for r := 0; r < 6; r++ {
		y := float32(r) * rowH
		wk := objects[r*8]
		wk.Move(fyne.NewPos(0, y+6))
		wk.Resize(fyne.NewSize(weekNumberWidth, wk.MinSize().Height))
		for c := 0; c < 7; c++ {
			o := objects[r*8+1+c]
			o.Move(fyne.NewPos(weekNumberWidth+float32(c)*colW, y))
			o.Resize(fyne.NewSize(colW-2, rowH-2))
		}
	}
}

// monthCell is one day: the date, a holiday's name, a few sessions and
// "… og N til". Tapping the cell opens the day; tapping a session opens it.
type monthCell struct {
	widget.BaseWidget
	cal     *calendarScreen
	day     data.Date
	bg      *canvas.Rectangle
	date    *canvas.Text
	holiday *canvas.Text
	// holidayText is the holiday's name before it is fitted to the cell.
	holidayText string
	lines       [monthLines]*monthLine
	shown       int // how many lines hold a session
	more        *canvas.Text
}

func newMonthCell(cal *calendarScreen) *monthCell {
	c := &monthCell{cal: cal, bg: canvas.NewRectangle(color.Transparent),
		date:    canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		holiday: canvas.NewText("", theme.Color(theme.ColorNameError)),
		more:    canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	c.bg.StrokeWidth = 1
	c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	c.date.TextStyle.Bold = true
	c.holiday.TextSize = theme.CaptionTextSize()
	c.more.TextSize = theme.CaptionTextSize()
	c.more.TextStyle.Italic = true
	for i := range c.lines {
		c.lines[i] = newMonthLine(cal)
	}
	c.ExtendBaseWidget(c)
	return c
}

// set fills the cell with the day's first sessions; count is how many the
// day has in all (at least len(sessions)).
func (c *monthCell) set(day data.Date, inMonth, today bool, sessions []data.Session, count int, now time.Time) {
	c.day = day
	c.date.Text = strconv.Itoa(day.Day)
	fg := theme.Color(theme.ColorNameForeground)
	if !inMonth {
		fg = theme.Color(theme.ColorNameDisabled)
	}
	c.date.Color = fg
	holiday, isHoliday := dk.HolidayName(dayStart(day))
	c.holidayText = ""
	switch {
	case today:
		c.bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x20)
		c.date.Text += " · " + lang.X("calendar.is_today", "I dag")
	case isHoliday:
		c.bg.FillColor = withAlpha(theme.Color(theme.ColorNameError), 0x14)
	default:
		c.bg.FillColor = color.Transparent
	}
	if isHoliday {
		c.holidayText = holiday
	}
	count = max(count, len(sessions))
	c.shown = min(len(sessions), monthLines)
	if count > monthLines {
		c.shown = monthLines - 1 // the last line says how many more
	}
	for i, l := range c.lines {
		if i < c.shown {
			l.set(sessions[i], c.cal.citizenLabel(sessions[i]), now)
		}
	}
	c.more.Text = ""
	if count > monthLines {
		c.more.Text = lang.X("list.more", "… og {{.Count}} til", map[string]int{"Count": count - (monthLines - 1)})
	}
	c.Refresh()
}

func (c *monthCell) Tapped(*fyne.PointEvent) { c.cal.openDay(c.day) }

func (c *monthCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *monthCell) CreateRenderer() fyne.WidgetRenderer { return &monthCellRenderer{c: c} }

type monthCellRenderer struct{ c *monthCell }

func (r *monthCellRenderer) Layout(size fyne.Size) {
	c := r.c
	c.bg.Resize(size)
	c.date.Move(fyne.NewPos(4, 2))
	c.date.Resize(c.date.MinSize())
	x := c.date.MinSize().Width + 10
	c.holiday.Text = fitText(c.holidayText, size.Width-x-2, c.holiday)
	c.holiday.Move(fyne.NewPos(x, 4))
	y := c.date.MinSize().Height + 2
	lineH := float32(18)
	for i, l := range c.lines {
		if i >= c.shown || y+lineH > size.Height {
			l.Hide()
			continue
		}
		l.Show()
		l.Move(fyne.NewPos(2, y))
		l.Resize(fyne.NewSize(size.Width-4, lineH))
		y += lineH
	}
	c.more.Move(fyne.NewPos(6, y))
}

func (r *monthCellRenderer) MinSize() fyne.Size { return fyne.NewSize(60, 60) }

func (r *monthCellRenderer) Refresh() {
	c := r.c
	c.bg.Refresh()
	c.date.Refresh()
	c.holiday.Refresh()
	c.more.Refresh()
	r.Layout(c.Size())
	for _, l := range c.lines {
		l.Refresh()
	}
}

func (r *monthCellRenderer) Objects() []fyne.CanvasObject {
	c := r.c
	objs := []fyne.CanvasObject{c.bg, c.date, c.holiday}
	for _, l := range c.lines {
		objs = append(objs, l)
	}
	return append(objs, c.more)
}
func (r *monthCellRenderer) Destroy() {}

// monthLine is one session in a month cell: icon, time and citizen.
type monthLine struct {
	widget.BaseWidget
	cal     *calendarScreen
	session data.Session
	icon    *canvas.Image
	text    *canvas.Text
	full    string
}

func newMonthLine(cal *calendarScreen) *monthLine {
	l := &monthLine{cal: cal, icon: canvas.NewImageFromResource(theme.CalendarIcon()),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	l.icon.FillMode = canvas.ImageFillContain
	l.text.TextSize = theme.CaptionTextSize()
	l.ExtendBaseWidget(l)
	return l
}

func (l *monthLine) set(s data.Session, citizen string, now time.Time) {
	l.session = s
	icon, _, imp := sessionStatus(s, now)
	l.icon.Resource = icon
	l.text.Color = theme.Color(theme.ColorNameForeground)
	if imp == widget.WarningImportance || imp == widget.DangerImportance {
		l.text.Color = importanceColor(imp)
	}
	l.full = dk.FormatTime(s.PlannedStart.In(data.Zone())) + " " + citizen
}

func (l *monthLine) Tapped(*fyne.PointEvent) { l.cal.open(l.session) }

func (l *monthLine) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (l *monthLine) CreateRenderer() fyne.WidgetRenderer { return &monthLineRenderer{l: l} }

type monthLineRenderer struct {
	l *monthLine
	// drawn is the icon last rasterised: refreshing an image rasterises
	// its SVG again, which made a month of sessions slow to show.
	drawn fyne.Resource
}

func (r *monthLineRenderer) Layout(size fyne.Size) {
	l := r.l
	l.icon.Move(fyne.NewPos(2, 2))
	l.icon.Resize(fyne.NewSquareSize(size.Height - 4))
	l.text.Text = fitText(l.full, size.Width-size.Height-2, l.text)
	l.text.Move(fyne.NewPos(size.Height+1, 0))
}
func (r *monthLineRenderer) MinSize() fyne.Size { return fyne.NewSize(20, 18) }
func (r *monthLineRenderer) Refresh() {
	r.Layout(r.l.Size())
	if r.l.icon.Resource != r.drawn {
		r.drawn = r.l.icon.Resource
		r.l.icon.Refresh()
	}
	r.l.text.Refresh()
}
func (r *monthLineRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.l.icon, r.l.text}
}
func (r *monthLineRenderer) Destroy() {}
