package ui

import (
	"image/color"
	"slices"
	"strconv"
	"strings"
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

// The week grid's geometry.
const (
	hourHeight   float32 = 44
	gutterWidth  float32 = 52
	slotMinutes          = 30 // a tap plans at the half hour it falls in
	maxLanes             = 3  // side-by-side sessions before "+N"
	defaultFirst         = 7  // hours shown when no session falls outside
	defaultLast          = 19
)

// weekView is the Monday–Sunday time grid. It is built from plain canvas
// objects and a handful of small widgets, and every object is reused
// between reloads: a coordinator's week with hundreds of sessions must not
// rebuild widgets on every step.
type weekView struct {
	cal    *calendarScreen
	root   fyne.CanvasObject
	scroll *container.Scroll

	monday    data.Date
	first     int // first hour shown
	last      int // the hour the grid ends at
	headers   [7]*dayHeader
	days      [7]*slotArea
	hourTexts []*canvas.Text
	lines     []*canvas.Rectangle
	blocks    []*sessionBlock // pool; only the first used are visible
	used      int
	places    []blockPlace
	grid      *fyne.Container
}

// blockPlace is where one block goes: the day column, minutes from the
// first hour, and its lane among overlapping sessions.
type blockPlace struct {
	day              int
	fromMin, toMin   float32
	lane, lanes      int
	session          data.Session
	index            int // the session's position in the list laid out
	overflow         int // > 0: a "+N" block standing for N hidden sessions
	overflowDay      data.Date
	overflowFirstMin float32
}

func newWeekView(cal *calendarScreen) *weekView {
	v := &weekView{cal: cal, first: defaultFirst, last: defaultLast}
	headerRow := container.New(&weekHeaderLayout{})
	headerRow.Add(canvas.NewRectangle(color.Transparent)) // above the gutter
	for i := range v.headers {
		v.headers[i] = newDayHeader(cal)
		headerRow.Add(v.headers[i])
	}
	days := make([]fyne.CanvasObject, len(v.days))
	for i := range v.days {
		v.days[i] = newSlotArea(v, i)
		days[i] = v.days[i]
	}
	v.grid = container.New(&weekGridLayout{v: v}, days...)
	v.scroll = container.NewVScroll(v.grid)
	v.root = container.NewBorder(headerRow, nil, nil, nil, v.scroll)
	return v
}

// weekLayout is what the grid draws: the hours shown and every block.
type weekLayout struct {
	first, last int // the first hour shown and the hour the grid ends at
	places      []blockPlace
}

// layoutWeek lays out the week of monday with sessions (already filtered,
// by planned start).
func layoutWeek(monday data.Date, sessions []data.Session) weekLayout {
	layout := layoutTimes(monday, sessionTimes(sessions))
	layout.withSessions(func(index int) data.Session { return sessions[index] })
	return layout
}

// withSessions gives every drawn block (not a "+N" one) its whole session,
// sessionOf(index) for the time at index in the list laid out, and returns
// them in the blocks' order.
func (l weekLayout) withSessions(sessionOf func(index int) data.Session) []data.Session {
	var drawn []data.Session
	for i, p := range l.places {
		if p.overflow == 0 {
			l.places[i].session = sessionOf(p.index)
			drawn = append(drawn, l.places[i].session)
		}
	}
	return drawn
}

// layoutTimes is layoutWeek from the sessions' planned times alone: each
// block's session holds its id and times.
func layoutTimes(monday data.Date, times []sessionTime) weekLayout {
	first, last := hourRange(times)
	return weekLayout{first: first, last: last, places: placeTimes(monday, times, first)}
}

// sessionTime is when a session is planned, all that lays it out. With
// more > 0 it stands for that many sessions starting at start that are
// not drawn (id is 0), the last of them ending at end.
type sessionTime struct {
	id         data.ID
	start, end time.Time
	more       int
}

func sessionTimes(sessions []data.Session) []sessionTime {
	times := make([]sessionTime, len(sessions))
	for i, s := range sessions {
		times[i] = sessionTime{id: s.ID, start: s.PlannedStart, end: s.PlannedEnd}
	}
	return times
}

// show draws the week of monday as laid out.
func (v *weekView) show(monday data.Date, layout weekLayout) {
	weekChanged := monday != v.monday
	v.monday = monday
	v.first, v.last = layout.first, layout.last
	today := v.cal.env.today()
	for i := range v.days {
		day := monday.AddDays(i)
		holiday, _ := dk.HolidayName(dayStart(day))
		v.headers[i].set(day, day == today, holiday)
		v.days[i].set(day == today, holiday != "", day.Weekday() == time.Saturday || day.Weekday() == time.Sunday)
	}
	v.syncHourObjects()
	v.places = layout.places
	v.syncBlocks()
	v.grid.Refresh()
	if weekChanged {
		// Open at 08:00 (or the first hour shown), where the working day starts.
		v.scroll.Offset = fyne.NewPos(0, max(0, float32(8-v.first))*hourHeight)
		v.scroll.Refresh()
	}
}

// hourRange widens the default 07–19 to hold every session.
func hourRange(sessions []sessionTime) (first, last int) {
	first, last = defaultFirst, defaultLast
	for _, s := range sessions {
		start, end := s.start.In(data.Zone()), s.end.In(data.Zone())
		first = min(first, start.Hour())
		endHour := end.Hour()
		if end.Minute() > 0 {
			endHour++
		}
		if data.DateOf(end) != data.DateOf(start) {
			endHour = 24
		}
		last = max(last, endHour)
	}
	return first, min(last, 24)
}

// syncHourObjects keeps one label and one line per hour, reusing them.
func (v *weekView) syncHourObjects() {
	n := v.last - v.first + 1
	for len(v.hourTexts) < n {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
		v.hourTexts = append(v.hourTexts, t)
		v.lines = append(v.lines, line)
		// Lines and labels go under the day areas' content but are drawn
		// after the backgrounds so they stay visible.
		v.grid.Objects = slices.Insert(v.grid.Objects, len(v.days), fyne.CanvasObject(line), fyne.CanvasObject(t))
	}
	for i := range v.hourTexts {
		visible := i < n
		if visible {
			v.hourTexts[i].Text = strconv.Itoa(v.first+i) + ":00"
			if v.first+i == 24 {
				v.hourTexts[i].Text = ""
			}
			v.hourTexts[i].Show()
			v.lines[i].Show()
		} else {
			v.hourTexts[i].Hide()
			v.lines[i].Hide()
		}
	}
}

// syncBlocks fills the pool of session blocks from v.places.
func (v *weekView) syncBlocks() {
	for len(v.blocks) < len(v.places) {
		b := newSessionBlock(v.cal)
		v.blocks = append(v.blocks, b)
		v.grid.Add(b)
	}
	now := v.cal.env.now()
	for i, b := range v.blocks {
		if i >= len(v.places) {
			b.Hide()
			continue
		}
		p := v.places[i]
		if p.overflow > 0 {
			b.setOverflow(p.overflow, p.overflowDay)
		} else {
			b.setSession(p.session, v.cal.citizenLabel(p.session), now)
		}
		b.Show()
	}
	v.used = len(v.places)
}

// placeTimes lays the sessions of each day out in lanes: overlapping
// sessions share the column side by side. A cluster needing more than
// maxLanes lanes shows maxLanes-1 sessions and a "+N" block for the rest,
// which opens the day's agenda: a coordinator's whole organisation fits
// without hundreds of slivers. It works from the sessions' planned times
// alone (by planned start, those standing for more after the others of
// their start): a block's session holds its id and times, and index is
// its position in times (withSessions puts the whole sessions in).
func placeTimes(monday data.Date, times []sessionTime, firstHour int) []blockPlace {
	// Each session's day by comparing with the days' starts (a day is 23
	// or 25 hours at a change of time): a week of every mentor has
	// thousands of sessions.
	var starts [8]time.Time
	for day := range starts {
		starts[day] = dayStart(monday.AddDays(day))
	}
	var ofDay [7][]int
	for i, t := range times {
		for day := range 7 {
			if !t.start.Before(starts[day]) && t.start.Before(starts[day+1]) {
				ofDay[day] = append(ofDay[day], i)
				break
			}
		}
	}
	var out []blockPlace
	for day := range 7 {
		out = append(out, placeDay(day, monday.AddDays(day), times, ofDay[day], firstHour)...)
	}
	return out
}

// placeDay lays out the sessions of one day (times[i] for i in day, by
// planned start). Lanes are given first come, first served: a session
// takes the first lane free at its start. Only the first maxLanes lanes
// are ever drawn, and a session finding none of them free is hidden in
// the "+N" block, whichever lane past them it would take: a day of every
// mentor chains hundreds of sessions into one cluster over a hundred
// lanes wide, and only maxLanes of them are tracked.
func placeDay(day int, date data.Date, times []sessionTime, ofDay []int, firstHour int) []blockPlace {
	var out []blockPlace
	base := dayStart(date).Add(time.Duration(firstHour) * time.Hour)
	minutes := func(t time.Time) float32 {
		m := float32(t.Sub(base).Minutes())
		return max(m, 0)
	}
	for i := 0; i < len(ofDay); {
		// A cluster: sessions chained by overlap.
		end := times[ofDay[i]].end
		j := i + 1
		for j < len(ofDay) && times[ofDay[j]].start.Before(end) {
			if e := times[ofDay[j]].end; e.After(end) {
				end = e
			}
			j++
		}
		cluster := ofDay[i:j]
		var drawnEnds []time.Time // the ends of lanes 0 to maxLanes-1
		beyond := false           // a session needed a lane past them
		lanes := make([]int, len(cluster))
		for k, ti := range cluster {
			t := times[ti]
			lane := -1
			if t.more > 0 {
				// Sessions left out of the times: the start already has
				// maxLanes sessions side by side, so they are all hidden.
				lane, beyond = maxLanes, true
				lanes[k] = lane
				continue
			}
			for l, e := range drawnEnds {
				if !t.start.Before(e) {
					lane = l
					break
				}
			}
			switch {
			case lane >= 0:
				drawnEnds[lane] = t.end
			case len(drawnEnds) < maxLanes:
				lane = len(drawnEnds)
				drawnEnds = append(drawnEnds, t.end)
			default:
				lane, beyond = maxLanes, true
			}
			lanes[k] = lane
		}
		width := len(drawnEnds) // at most maxLanes
		hidden, firstHidden := 0, float32(-1)
		for k, ti := range cluster {
			t := times[ti]
			minLen := max(minutes(t.end), minutes(t.start)+20)
			if beyond && lanes[k] >= maxLanes-1 {
				hidden += max(t.more, 1)
				if firstHidden < 0 {
					firstHidden = minutes(t.start)
				}
				continue
			}
			out = append(out, blockPlace{day: day, fromMin: minutes(t.start), toMin: minLen,
				lane: lanes[k], lanes: width, index: ti,
				session: data.Session{ID: t.id, PlannedStart: t.start, PlannedEnd: t.end}})
		}
		if hidden > 0 {
			out = append(out, blockPlace{day: day, fromMin: firstHidden, toMin: firstHidden + 30,
				lane: maxLanes - 1, lanes: width, overflow: hidden, overflowDay: date})
		}
		i = j
	}
	return out
}

// weekGridLayout places the day areas, hour lines and labels, and blocks.
type weekGridLayout struct{ v *weekView }

func (l *weekGridLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(gutterWidth+7*96, float32(l.v.last-l.v.first)*hourHeight+8)
}

func (l *weekGridLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	colW := (size.Width - gutterWidth) / 7
	top := float32(4)
	height := float32(v.last-v.first) * hourHeight
	for i, d := range v.days {
		d.Move(fyne.NewPos(gutterWidth+float32(i)*colW, top))
		d.Resize(fyne.NewSize(colW-1, height))
	}
	for i, t := range v.hourTexts {
		y := top + float32(i)*hourHeight
		t.Move(fyne.NewPos(4, y-t.MinSize().Height/2))
		t.Resize(t.MinSize())
		v.lines[i].Move(fyne.NewPos(gutterWidth-6, y))
		v.lines[i].Resize(fyne.NewSize(size.Width-gutterWidth+6, 1))
	}
	for i, p := range v.places {
		if i >= len(v.blocks) {
			break
		}
		laneW := (colW - 4) / float32(max(p.lanes, 1))
		x := gutterWidth + float32(p.day)*colW + 2 + float32(p.lane)*laneW
		y := top + p.fromMin/60*hourHeight
		h := max((p.toMin-p.fromMin)/60*hourHeight-2, 18)
		v.blocks[i].Move(fyne.NewPos(x, y+1))
		v.blocks[i].Resize(fyne.NewSize(laneW-2, h))
	}
}

// weekHeaderLayout lines the day headers up with the grid's columns (the
// grid is inside a scroll, so its scrollbar is not accounted for; the
// difference is a few pixels at the far right).
type weekHeaderLayout struct{}

func (weekHeaderLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(gutterWidth+7*96, h)
}

func (weekHeaderLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	colW := (size.Width - gutterWidth) / 7
	objects[0].Resize(fyne.NewSize(gutterWidth, size.Height))
	for i, o := range objects[1:] {
		o.Move(fyne.NewPos(gutterWidth+float32(i)*colW, 0))
		o.Resize(fyne.NewSize(colW-1, size.Height))
	}
}

// dayHeader is a day's name and date over its column, tinted for today,
// with a public holiday's name under it; tapping it opens the day.
type dayHeader struct {
	widget.BaseWidget
	cal     *calendarScreen
	day     data.Date
	bg      *canvas.Rectangle
	name    *canvas.Text
	holiday *canvas.Text
}

func newDayHeader(cal *calendarScreen) *dayHeader {
	h := &dayHeader{cal: cal, bg: canvas.NewRectangle(color.Transparent),
		name:    canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		holiday: canvas.NewText("", theme.Color(theme.ColorNameError))}
	h.name.TextStyle.Bold = true
	h.name.Alignment = fyne.TextAlignCenter
	h.holiday.Alignment = fyne.TextAlignCenter
	h.holiday.TextSize = theme.CaptionTextSize()
	h.bg.CornerRadius = 4
	h.ExtendBaseWidget(h)
	return h
}

func (h *dayHeader) set(day data.Date, today bool, holiday string) {
	h.day = day
	t := dayStart(day)
	h.name.Text = capitalize(dk.WeekdayShort(t.Weekday())) + " " +
		strings.TrimSuffix(dk.FormatDateLong(t), " "+strconv.Itoa(day.Year))
	h.name.Color = theme.Color(theme.ColorNameForeground)
	h.bg.FillColor = color.Transparent
	var notes []string
	if today {
		// Marked by colour and in words.
		h.name.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		h.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		notes = append(notes, lang.X("calendar.is_today", "I dag"))
	}
	if holiday != "" {
		notes = append(notes, holiday)
	}
	h.holiday.Text = strings.Join(notes, " · ")
	h.holiday.Color = theme.Color(theme.ColorNameError)
	if holiday == "" {
		h.holiday.Color = theme.Color(theme.ColorNamePrimary)
	}
	h.Refresh()
}

func (h *dayHeader) Tapped(*fyne.PointEvent) { h.cal.openDay(h.day) }

func (h *dayHeader) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (h *dayHeader) CreateRenderer() fyne.WidgetRenderer {
	return &dayHeaderRenderer{h: h}
}

type dayHeaderRenderer struct{ h *dayHeader }

func (r *dayHeaderRenderer) Layout(size fyne.Size) {
	h := r.h
	h.bg.Resize(fyne.NewSize(size.Width, h.name.MinSize().Height+6))
	h.name.Move(fyne.NewPos(0, 3))
	h.name.Resize(fyne.NewSize(size.Width, h.name.MinSize().Height))
	h.holiday.Move(fyne.NewPos(0, h.name.MinSize().Height+8))
	h.holiday.Resize(fyne.NewSize(size.Width, h.holiday.MinSize().Height))
}

func (r *dayHeaderRenderer) MinSize() fyne.Size {
	t := fyne.MeasureText("Xg", theme.TextSize(), fyne.TextStyle{Bold: true})
	c := fyne.MeasureText("Xg", theme.CaptionTextSize(), fyne.TextStyle{})
	return fyne.NewSize(60, t.Height+c.Height+12)
}

func (r *dayHeaderRenderer) Refresh() {
	r.h.bg.Refresh()
	r.h.name.Refresh()
	r.h.holiday.Refresh()
	r.Layout(r.h.Size())
}
func (r *dayHeaderRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.h.bg, r.h.name, r.h.holiday}
}
func (r *dayHeaderRenderer) Destroy() {}

// slotArea is one day's column: tapping an empty spot plans a session at
// the half hour tapped.
type slotArea struct {
	widget.BaseWidget
	v   *weekView
	day int
	bg  *canvas.Rectangle
}

func newSlotArea(v *weekView, day int) *slotArea {
	a := &slotArea{v: v, day: day, bg: canvas.NewRectangle(color.Transparent)}
	a.ExtendBaseWidget(a)
	return a
}

// set tints today, holidays and weekends, so they are told apart at a glance
// (the header says it in words as well).
func (a *slotArea) set(today, holiday, weekend bool) {
	switch {
	case holiday:
		a.bg.FillColor = withAlpha(theme.Color(theme.ColorNameError), 0x18)
	case today:
		a.bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x14)
	case weekend:
		a.bg.FillColor = withAlpha(theme.Color(theme.ColorNameForeground), 0x08)
	default:
		a.bg.FillColor = color.Transparent
	}
	a.bg.Refresh()
}

// timeAt is the start of the half hour at y in this column.
func (a *slotArea) timeAt(y float32) time.Time {
	minute := int(y/hourHeight*60) / slotMinutes * slotMinutes
	return dayStart(a.v.monday.AddDays(a.day)).Add(time.Duration(a.v.first*60+minute) * time.Minute)
}

func (a *slotArea) Tapped(e *fyne.PointEvent) { a.v.cal.planAt(a.timeAt(e.Position.Y)) }

func (a *slotArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.bg)
}

// sessionBlock is one session in the grid: a tinted box with a status icon
// (status is told by icon and colour, never colour alone), the time and
// the citizen, and the form when there is room.
type sessionBlock struct {
	widget.BaseWidget
	cal      *calendarScreen
	session  data.Session
	overflow int
	day      data.Date
	bg       *canvas.Rectangle
	stripe   *canvas.Rectangle
	icon     *canvas.Image
	line1    *canvas.Text
	line2    *canvas.Text
	full1    string
	full2    string
	// short1 is what line 1 must show at the least: the start time (or
	// "+N"), so a narrow block in a busy week still says when it is.
	short1 string
}

func newSessionBlock(cal *calendarScreen) *sessionBlock {
	b := &sessionBlock{cal: cal, bg: canvas.NewRectangle(color.Transparent), stripe: canvas.NewRectangle(color.Transparent),
		icon:  canvas.NewImageFromResource(theme.CalendarIcon()),
		line1: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		line2: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	b.bg.CornerRadius = 3
	b.icon.FillMode = canvas.ImageFillContain
	b.line1.TextSize = theme.CaptionTextSize()
	b.line1.TextStyle.Bold = true
	b.line2.TextSize = theme.CaptionTextSize()
	b.ExtendBaseWidget(b)
	return b
}

func (b *sessionBlock) setSession(s data.Session, citizen string, now time.Time) {
	b.session, b.overflow = s, 0
	icon, status, imp := sessionStatus(s, now)
	c := importanceColor(imp)
	b.bg.FillColor = withAlpha(c, 0x30)
	b.stripe.FillColor = c
	b.icon.Resource = icon
	b.short1 = dk.FormatTime(s.PlannedStart.In(data.Zone()))
	b.full1 = b.short1 + " " + citizen
	b.full2 = formText(s.Form) + " · " + status
	b.Refresh()
}

func (b *sessionBlock) setOverflow(n int, day data.Date) {
	b.overflow, b.day = n, day
	c := theme.Color(theme.ColorNameForeground)
	b.bg.FillColor = withAlpha(c, 0x20)
	b.stripe.FillColor = c
	b.icon.Resource = theme.MoreHorizontalIcon()
	b.full1 = "+" + strconv.Itoa(n)
	b.short1 = b.full1
	b.full2 = lang.X("calendar.more_short", "til")
	b.Refresh()
}

func (b *sessionBlock) Tapped(*fyne.PointEvent) {
	if b.overflow > 0 {
		b.cal.openDay(b.day)
		return
	}
	b.cal.open(b.session)
}

func (b *sessionBlock) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *sessionBlock) CreateRenderer() fyne.WidgetRenderer { return &sessionBlockRenderer{b: b} }

type sessionBlockRenderer struct {
	b *sessionBlock
	// drawn is the icon last rasterised: a week of every mentor refreshes
	// thousands of blocks, and an unchanged SVG icon need not be drawn again
	// (as monthLineRenderer).
	drawn fyne.Resource
}

// Layout puts the status icon and the time with the citizen on line 1 and
// the form and status on line 2 when there is room. A narrow block (many
// mentors side by side) keeps at least the start time: the icon moves to
// line 2 (or goes, when the block is one line high; the colour and the
// opened form still tell the status), then the text gets smaller, and
// only a sliver shows just the hour.
func (r *sessionBlockRenderer) Layout(size fyne.Size) {
	b := r.b
	b.bg.Resize(size)
	b.stripe.Resize(fyne.NewSize(3, size.Height))
	const iconSize, pad float32 = 14, 5
	b.line1.TextSize = theme.CaptionTextSize()
	b.line2.TextSize = theme.CaptionTextSize()
	lineH := b.line1.MinSize().Height
	twoLines := size.Height >= 2*lineH+2
	afterIcon := pad + iconSize + 3
	b.line2.Text = ""
	b.icon.Resize(fyne.NewSquareSize(iconSize))
	if room := size.Width - afterIcon - 2; textWidth(b.short1, b.line1) <= room {
		// Icon, time and as much of the citizen as fits.
		b.icon.Move(fyne.NewPos(pad, 3))
		b.icon.Show()
		b.line1.Text = fitKeeping(b.full1, b.short1, room, b.line1)
		b.line1.Move(fyne.NewPos(afterIcon, 1))
		if twoLines {
			b.line2.Text = fitText(b.full2, size.Width-pad-2, b.line2)
			b.line2.Move(fyne.NewPos(pad, lineH))
		}
	} else {
		room := size.Width - pad - 1
		if textWidth(b.short1, b.line1) > room {
			b.line1.TextSize = theme.CaptionTextSize() * 0.85
		}
		b.line1.Text = b.short1
		if textWidth(b.short1, b.line1) > room {
			b.line1.Text = fitText(strings.SplitN(b.short1, ":", 2)[0], room, b.line1)
		}
		b.line1.Move(fyne.NewPos(pad, 1))
		b.icon.Hide()
		if twoLines && size.Width-pad-1 >= iconSize {
			b.icon.Move(fyne.NewPos(pad, lineH+1))
			b.icon.Show()
		}
	}
	b.line1.Refresh()
	b.line2.Refresh()
}

func textWidth(s string, t *canvas.Text) float32 {
	return fyne.MeasureText(s, t.TextSize, t.TextStyle).Width
}

// fitKeeping fits full into width like fitText, but gives short alone
// rather than short with a cut-off stump after it ("08:30 …").
func fitKeeping(full, short string, width float32, t *canvas.Text) string {
	fitted := fitText(full, width, t)
	if fitted == full {
		return full
	}
	if len([]rune(strings.TrimSuffix(fitted, "…"))) <= len([]rune(short))+1 {
		return short
	}
	return fitted
}

func (r *sessionBlockRenderer) MinSize() fyne.Size { return fyne.NewSize(10, 18) }

func (r *sessionBlockRenderer) Refresh() {
	r.b.bg.Refresh()
	r.b.stripe.Refresh()
	if r.b.icon.Resource != r.drawn {
		r.drawn = r.b.icon.Resource
		r.b.icon.Refresh()
	}
	r.Layout(r.b.Size())
}

func (r *sessionBlockRenderer) Objects() []fyne.CanvasObject {
	b := r.b
	return []fyne.CanvasObject{b.bg, b.stripe, b.icon, b.line1, b.line2}
}
func (r *sessionBlockRenderer) Destroy() {}

// fitText shortens s with an ellipsis until it fits width in t's style:
// canvas text is not clipped, and a long name must not run into the next
// lane.
func fitText(s string, width float32, t *canvas.Text) string {
	measure := func(x string) float32 { return fyne.MeasureText(x, t.TextSize, t.TextStyle).Width }
	if measure(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if measure(string(r)+"…") <= width {
			return string(r) + "…"
		}
	}
	return ""
}

// importanceColor maps a status importance to a theme colour.
func importanceColor(imp widget.Importance) color.Color {
	switch imp {
	case widget.SuccessImportance:
		return theme.Color(theme.ColorNameSuccess)
	case widget.WarningImportance:
		return theme.Color(theme.ColorNameWarning)
	case widget.DangerImportance:
		return theme.Color(theme.ColorNameError)
	case widget.LowImportance:
		return theme.Color(theme.ColorNameDisabled)
	}
	return theme.Color(theme.ColorNamePrimary)
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
