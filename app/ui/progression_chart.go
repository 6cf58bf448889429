package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mentorbog/data"
)

// chartColors tell the goals' lines apart; each line also has its name in
// the legend, so colour is not the only signal. They read on light and dark.
var chartColors = []color.NRGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xe0, 0x6c, 0x00, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
}

// chartSeries is one goal's scores over time.
type chartSeries struct {
	name   string
	points []data.Score // oldest first
}

// progressChart draws scores over time with canvas lines: the scale on the
// vertical axis, the dates on the horizontal one, one line per goal.
type progressChart struct {
	widget.BaseWidget
	series   []chartSeries
	min, max int
}

func newProgressChart(series []chartSeries, scaleMin, scaleMax int) *progressChart {
	c := &progressChart{series: series, min: scaleMin, max: scaleMax}
	c.ExtendBaseWidget(c)
	return c
}

func (c *progressChart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{chart: c}
}

// chartLegend names each line next to a sample of its colour.
func chartLegend(series []chartSeries) fyne.CanvasObject {
	box := container.NewVBox()
	for i, s := range series {
		swatch := canvas.NewRectangle(chartColors[i%len(chartColors)])
		swatch.SetMinSize(fyne.NewSize(24, 4))
		box.Add(container.NewBorder(nil, nil, container.NewCenter(swatch), nil, wrapped(s.name)))
	}
	return box
}

type chartRenderer struct {
	chart   *progressChart
	objects []fyne.CanvasObject
}

func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(420, 220) }

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Refresh() {
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *chartRenderer) Destroy() {}

// Layout draws the chart anew for the size: lines have no layout of their
// own, so their ends are computed here.
func (r *chartRenderer) Layout(size fyne.Size) {
	c := r.chart
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	textSize := theme.CaptionTextSize()
	left, right, top, bottom := float32(36), float32(16), float32(8), float32(24)
	w, h := size.Width-left-right, size.Height-top-bottom
	var objs []fyne.CanvasObject
	if w <= 0 || h <= 0 || c.max <= c.min {
		r.objects = nil
		return
	}
	first, last := c.dateRange()
	span := float32(max(first.DaysUntil(last), 1))
	x := func(d data.Date) float32 {
		if first == last {
			return left + w/2
		}
		return left + w*float32(first.DaysUntil(d))/span
	}
	y := func(v int) float32 { return top + h - h*float32(v-c.min)/float32(c.max-c.min) }
	// Horizontal grid at the scale's ends and middle, with their values.
	for _, v := range []int{c.min, (c.min + c.max) / 2, c.max} {
		line := canvas.NewLine(grid)
		line.Position1, line.Position2 = fyne.NewPos(left, y(v)), fyne.NewPos(left+w, y(v))
		label := canvas.NewText(strconv.Itoa(v), fg)
		label.TextSize = textSize
		label.Alignment = fyne.TextAlignTrailing
		label.Move(fyne.NewPos(0, y(v)-textSize*0.7))
		label.Resize(fyne.NewSize(left-6, textSize))
		objs = append(objs, line, label)
	}
	axis := canvas.NewLine(fg)
	axis.Position1, axis.Position2 = fyne.NewPos(left, top), fyne.NewPos(left, top+h)
	objs = append(objs, axis)
	if !first.IsZero() {
		from := canvas.NewText(dateText(first), fg)
		from.TextSize = textSize
		from.Move(fyne.NewPos(left, top+h+4))
		objs = append(objs, from)
		if last != first {
			to := canvas.NewText(dateText(last), fg)
			to.TextSize = textSize
			to.Alignment = fyne.TextAlignTrailing
			to.Move(fyne.NewPos(left+w-fyne.MeasureText(dateText(last), textSize, fyne.TextStyle{}).Width, top+h+4))
			objs = append(objs, to)
		}
	}
	for i, s := range c.series {
		col := chartColors[i%len(chartColors)]
		for j, p := range s.points {
			pos := fyne.NewPos(x(p.On), y(p.Value))
			if j > 0 {
				prev := s.points[j-1]
				seg := canvas.NewLine(col)
				seg.StrokeWidth = 2
				seg.Position1, seg.Position2 = fyne.NewPos(x(prev.On), y(prev.Value)), pos
				objs = append(objs, seg)
			}
			dot := canvas.NewCircle(col)
			dot.Move(pos.SubtractXY(3, 3))
			dot.Resize(fyne.NewSquareSize(6))
			objs = append(objs, dot)
		}
	}
	r.objects = objs
}

// dateRange is the first and last day with a score.
func (c *progressChart) dateRange() (first, last data.Date) {
	for _, s := range c.series {
		for _, p := range s.points {
			if first.IsZero() || p.On.Before(first) {
				first = p.On
			}
			if last.IsZero() || p.On.After(last) {
				last = p.On
			}
		}
	}
	return first, last
}
