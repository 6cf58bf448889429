package reports

import (
	"fmt"
	"math"

	"mentorbog/data"
	"mentorbog/data/dk"
)

// palette colours the lines of a chart; goals beyond it repeat colours,
// and the legend names each line so colour is never the only cue.
var palette = [][3]int{{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {204, 121, 167}, {86, 180, 233}, {230, 159, 0}, {80, 80, 80}}

// goalSeries is one goal's scores, oldest first.
type goalSeries struct {
	title  string
	scores []data.Score
}

// chartBox is the plot area of a chart in page coordinates.
type chartBox struct{ x, y, w, h float64 }

const (
	chartHeight = 52.0
	axisWidth   = 11.0
)

// newChartBox reserves room for a chart and its legend of legendRows.
func (d *document) newChartBox(legendRows int) chartBox {
	d.keepTogether(chartHeight + 12 + float64(legendRows)*5)
	y := d.pdf.GetY() + 2
	return chartBox{x: marginLeft + axisWidth, y: y, w: contentWidth - axisWidth - 2, h: chartHeight}
}

// yAxis draws horizontal grid lines with labels from lo to hi.
func (d *document) yAxis(b chartBox, lo, hi, step float64, label func(float64) string) {
	d.pdf.SetFont(fontFamily, "", 7)
	d.pdf.SetLineWidth(0.1)
	d.pdf.SetDrawColor(215, 215, 215)
	for v := lo; v <= hi+1e-9; v += step {
		y := b.y + b.h - (v-lo)/(hi-lo)*b.h
		d.pdf.Line(b.x, y, b.x+b.w, y)
		d.pdf.SetXY(marginLeft, y-2)
		d.pdf.CellFormat(axisWidth-1.5, 4, label(v), "", 0, "R", false, 0, "")
	}
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.SetLineWidth(0.25)
	d.pdf.Line(b.x, b.y, b.x, b.y+b.h)
	d.pdf.Line(b.x, b.y+b.h, b.x+b.w, b.y+b.h)
}

// scoreChart draws each goal's scores over time on the instrument's scale.
func (d *document) scoreChart(goals []goalSeries, scaleMin, scaleMax int, from, to data.Date) {
	var withScores []goalSeries
	for _, g := range goals {
		if len(g.scores) > 0 {
			withScores = append(withScores, g)
			if g.scores[0].On.Before(from) {
				from = g.scores[0].On
			}
			if last := g.scores[len(g.scores)-1].On; last.After(to) {
				to = last
			}
		}
	}
	if len(withScores) == 0 || scaleMax <= scaleMin {
		d.paragraph("Der er ingen scoringer at vise.")
		return
	}
	days := float64(from.DaysUntil(to))
	if days < 1 {
		days = 1
	}
	b := d.newChartBox((len(withScores) + 1) / 2)
	lo, hi := float64(scaleMin), float64(scaleMax)
	step := math.Max(1, math.Ceil((hi-lo)/10))
	d.yAxis(b, lo, hi, step, func(v float64) string { return fmt.Sprint(int(v)) })
	xOf := func(day data.Date) float64 { return b.x + 3 + float64(from.DaysUntil(day))/days*(b.w-6) }
	yOf := func(v int) float64 { return b.y + b.h - (float64(v)-lo)/(hi-lo)*b.h }
	d.xDateLabels(b, from, to, xOf)
	for i, g := range withScores {
		c := palette[i%len(palette)]
		d.pdf.SetDrawColor(c[0], c[1], c[2])
		d.pdf.SetFillColor(c[0], c[1], c[2])
		d.pdf.SetLineWidth(0.6)
		for j, s := range g.scores {
			x, y := xOf(s.On), yOf(s.Value)
			if j > 0 {
				prev := g.scores[j-1]
				d.pdf.Line(xOf(prev.On), yOf(prev.Value), x, y)
			}
			d.pdf.Circle(x, y, 0.8, "F")
		}
	}
	d.legend(b, len(withScores), func(i int) string { return withScores[i].title }, nil)
}

// xDateLabels writes up to five evenly spread dates under the x axis.
func (d *document) xDateLabels(b chartBox, from, to data.Date, xOf func(data.Date) float64) {
	d.pdf.SetFont(fontFamily, "", 7)
	n := 4
	total := from.DaysUntil(to)
	if total < n {
		n = max(total, 1)
	}
	for i := 0; i <= n; i++ {
		day := from.AddDays(total * i / n)
		x := xOf(day)
		d.pdf.SetXY(x-10, b.y+b.h+1)
		align := "C"
		if i == 0 {
			d.pdf.SetX(x - 1)
			align = "L"
		} else if i == n {
			d.pdf.SetX(x - 19)
			align = "R"
		}
		d.pdf.CellFormat(20, 4, dk.FormatDate(day.In(data.Zone())), "", 0, align, false, 0, "")
	}
}

// legend writes coloured squares with names in two columns under a chart;
// extra, when set, adds one last entry drawn by the caller's style.
func (d *document) legend(b chartBox, n int, name func(int) string, extra func(x, y float64) string) {
	d.pdf.SetFont(fontFamily, "", 8)
	colW := contentWidth / 2
	y0 := b.y + b.h + 7
	row := 0
	for i := 0; i < n; i++ {
		c := palette[i%len(palette)]
		x := marginLeft + float64(i%2)*colW
		y := y0 + float64(i/2)*5
		d.pdf.SetFillColor(c[0], c[1], c[2])
		d.pdf.Rect(x, y+1, 3, 3, "F")
		d.pdf.SetXY(x+4, y)
		d.pdf.CellFormat(colW-6, 5, d.fit(clean(name(i)), colW-8), "", 0, "L", false, 0, "")
		row = i / 2
	}
	end := y0 + float64(row+1)*5
	if extra != nil {
		text := extra(marginLeft, end)
		d.pdf.SetXY(marginLeft+9, end)
		d.pdf.CellFormat(contentWidth-10, 5, d.fit(text, contentWidth-12), "", 0, "L", false, 0, "")
		end += 5
	}
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetXY(marginLeft, end+3)
}

// hoursChart draws contact hours per ISO week as bars against the granted
// weekly rate as a line.
func (d *document) hoursChart(weeks []data.PeriodHours, grantedWeeklyMin float64) {
	if len(weeks) == 0 {
		d.paragraph("Perioden har ingen uger med en mentoraftale.")
		return
	}
	top := grantedWeeklyMin / 60
	for _, w := range weeks {
		top = math.Max(top, float64(w.UsedMin)/60)
	}
	step := niceStep(top)
	hi := math.Max(step, math.Ceil(top*1.1/step)*step)
	b := d.newChartBox(1)
	d.yAxis(b, 0, hi, step, func(v float64) string { return dk.FormatDecimal(v, decimalsFor(step)) + " t" })
	slot := b.w / float64(len(weeks))
	bar := math.Min(slot*0.7, 12)
	every := int(math.Ceil(float64(len(weeks)) * 9 / b.w)) // a week label needs about 9 mm
	d.pdf.SetFont(fontFamily, "", 7)
	for i, w := range weeks {
		x := b.x + float64(i)*slot + (slot-bar)/2
		h := float64(w.UsedMin) / 60 / hi * b.h
		c := palette[0]
		d.pdf.SetFillColor(c[0], c[1], c[2])
		if h > 0 {
			d.pdf.Rect(x, b.y+b.h-h, bar, h, "F")
		}
		if i%every == 0 {
			d.pdf.SetXY(b.x+float64(i)*slot+slot/2-5, b.y+b.h+1)
			d.pdf.CellFormat(10, 4, weekLabel(w.Start), "", 0, "C", false, 0, "")
		}
	}
	if grantedWeeklyMin > 0 {
		y := b.y + b.h - grantedWeeklyMin/60/hi*b.h
		d.grantedLine(b.x, y, b.x+b.w)
	}
	d.legend(b, 1, func(int) string { return "Brugt kontakttid pr. uge" }, func(x, y float64) string {
		d.grantedLine(x, y+2.5, x+7)
		return "Bevilget pr. uge: " + dk.FormatHours(int(math.Round(grantedWeeklyMin))) + " t"
	})
}

// grantedLine is the dashed red line of the granted rate.
func (d *document) grantedLine(x1, y, x2 float64) {
	d.pdf.SetDrawColor(200, 30, 30)
	d.pdf.SetLineWidth(0.5)
	d.pdf.SetDashPattern([]float64{2, 1}, 0)
	d.pdf.Line(x1, y, x2, y)
	d.pdf.SetDashPattern(nil, 0)
	d.pdf.SetLineWidth(0.2)
}

// weekLabel is "U45" for the ISO week of day.
func weekLabel(day data.Date) string {
	_, w := day.In(data.Zone()).ISOWeek()
	return fmt.Sprintf("U%02d", w)
}

// niceStep picks a grid step of 0,5, 1, 2, 5, 10 ... hours for about five lines.
func niceStep(top float64) float64 {
	for _, s := range []float64{0.5, 1, 2, 5, 10, 20, 50, 100} {
		if top/s <= 6 {
			return s
		}
	}
	return 200
}

func decimalsFor(step float64) int {
	if step < 1 {
		return 1
	}
	return 0
}
