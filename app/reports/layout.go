package reports

import (
	"strings"
)

// pageHeight is A4's height in millimetres.
const pageHeight = 297.0

// section writes a sub-heading, moving to a new page first when less than
// room millimetres are left, so a heading never ends a page alone.
func (d *document) section(title string, room float64) {
	d.keepTogether(room + 9)
	d.pdf.Ln(1)
	d.pdf.SetFont(fontFamily, "B", 12)
	d.pdf.SetTextColor(20, 70, 90)
	d.pdf.MultiCell(contentWidth, 6, clean(title), "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(1)
}

// keepTogether starts a new page unless height millimetres fit on this one.
func (d *document) keepTogether(height float64) {
	if d.pdf.GetY()+height > pageHeight-marginBottom {
		d.pdf.AddPage()
	}
}

// textBlock writes a labelled free text; an empty text reads "Intet at
// bemærke" rather than leaving a gap the reader must interpret.
func (d *document) textBlock(label, text string) {
	d.keepTogether(14)
	d.pdf.SetFont(fontFamily, "B", 10)
	d.pdf.MultiCell(contentWidth, lineHeight, clean(label), "", "L", false)
	if strings.TrimSpace(text) == "" {
		d.pdf.SetFont(fontFamily, "", 10)
		d.pdf.SetTextColor(100, 100, 100)
		d.pdf.MultiCell(contentWidth, lineHeight, "Intet at bemærke.", "", "L", false)
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.Ln(2)
		return
	}
	d.paragraph(text)
}

// bullets writes a list with a dash before each item.
func (d *document) bullets(items []string) {
	d.pdf.SetFont(fontFamily, "", 10)
	for _, it := range items {
		y := d.pdf.GetY()
		d.pdf.SetX(marginLeft)
		d.pdf.CellFormat(5, lineHeight, "–", "", 0, "L", false, 0, "")
		d.pdf.SetXY(marginLeft+5, y)
		d.pdf.MultiCell(contentWidth-5, lineHeight, clean(it), "", "L", false)
	}
	d.pdf.Ln(2)
}

// notice writes a framed, tinted line such as the draft warning.
func (d *document) notice(text string, red bool) {
	d.pdf.SetFont(fontFamily, "B", 10)
	if red {
		d.pdf.SetFillColor(252, 228, 228)
		d.pdf.SetTextColor(150, 20, 20)
	} else {
		d.pdf.SetFillColor(232, 242, 246)
		d.pdf.SetTextColor(20, 70, 90)
	}
	d.pdf.MultiCell(contentWidth, 7, clean(text), "", "L", true)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(3)
}

// signatures writes side-by-side boxes with a date and a signature line
// for each party; signed dates already known are filled in.
func (d *document) signatures(parties []string, signed []string) {
	const height = 30.0
	d.keepTogether(height + 4)
	gap := 6.0
	w := (contentWidth - gap*float64(len(parties)-1)) / float64(len(parties))
	y := d.pdf.GetY() + 2
	for i, p := range parties {
		x := marginLeft + float64(i)*(w+gap)
		d.pdf.SetFont(fontFamily, "B", 9)
		d.pdf.SetXY(x, y)
		d.pdf.CellFormat(w, lineHeight, d.fit(clean(p), w-2), "", 0, "L", false, 0, "")
		d.pdf.SetFont(fontFamily, "", 9)
		date := "Dato:"
		if i < len(signed) && signed[i] != "" {
			date += " " + signed[i]
		}
		d.pdf.SetXY(x, y+7)
		d.pdf.CellFormat(w, lineHeight, d.fit(date, w-2), "", 0, "L", false, 0, "")
		d.pdf.SetDrawColor(80, 80, 80)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Line(x+1, y+24, x+w-1, y+24)
		d.pdf.SetXY(x, y+25)
		d.pdf.SetTextColor(100, 100, 100)
		d.pdf.CellFormat(w, 4, "Underskrift", "", 0, "L", false, 0, "")
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.pdf.SetXY(marginLeft, y+height+2)
}
