// Package reports renders Mentorbog's PDF documents. It depends on the
// domain (package data), never on the user interface, so reports are made
// the same way from the GUI and the command line.
package reports

import (
	"bytes"
	"fmt"
	_ "image/jpeg" // organisation logos may be JPEG
	_ "image/png"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"mentorbog/assets"
	"mentorbog/data"
	"mentorbog/data/dk"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageWidth    = 210.0
	marginLeft   = 18.0
	marginRight  = 18.0
	marginTop    = 18.0
	marginBottom = 20.0
	contentWidth = pageWidth - marginLeft - marginRight
	lineHeight   = 5.0
	fontFamily   = "Noto"
)

// document is one PDF under construction with Mentorbog's page frame.
type document struct {
	pdf *fpdf.Fpdf
}

// frame is what the page frame shows besides the content.
type frame struct {
	org     data.Organisation
	title   string
	created time.Time
	// draft marks every page "UDKAST": the report is not approved.
	draft bool
}

// newDocument starts an A4 document with the organisation's logo and name
// at the top of every page and "Fortroligt · Side x af y" at the bottom.
// created fixes the PDF's dates, so the same data gives the same file.
func newDocument(org data.Organisation, title string, created time.Time) *document {
	return newFramed(frame{org: org, title: title, created: created})
}

// newFramed starts a document with the given frame.
func newFramed(fr frame) *document {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.NotoSans)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.NotoSansBold)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetCreationDate(fr.created)
	pdf.SetModificationDate(fr.created)
	// Sorted catalogs: without this, fonts are written in map order and the
	// same data gives a different file.
	pdf.SetCatalogSort(true)
	pdf.SetTitle(clean(fr.title), true)
	pdf.SetCreator("Mentorbog", true)
	pdf.AliasNbPages("{nb}")
	d := &document{pdf: pdf}
	logo := d.registerLogo(fr.org.Logo)
	pdf.SetHeaderFunc(func() {
		if fr.draft {
			d.draftMark()
		}
		x, y := marginLeft, marginTop-8
		if logo != "" {
			pdf.ImageOptions(logo, x, y, 0, 8, false, fpdf.ImageOptions{}, 0, "")
			x += 10
		}
		pdf.SetXY(x, y+1.5)
		pdf.SetFont(fontFamily, "B", 9)
		pdf.SetTextColor(90, 90, 90)
		half := (pageWidth - marginRight - x) / 2
		pdf.CellFormat(half, lineHeight, d.fit(clean(fr.org.Name), half-2), "", 0, "L", false, 0, "")
		pdf.CellFormat(half, lineHeight, d.fit(clean(fr.title), half-2), "", 1, "R", false, 0, "")
		pdf.SetDrawColor(200, 200, 200)
		pdf.SetLineWidth(0.2)
		pdf.Line(marginLeft, y+9, pageWidth-marginRight, y+9)
		pdf.SetXY(marginLeft, marginTop+4)
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-marginBottom + 6)
		pdf.SetFont(fontFamily, "", 8)
		pdf.SetTextColor(90, 90, 90)
		left := "Fortroligt"
		if fr.draft {
			left = "UDKAST · " + left
		}
		if footer := strings.TrimSpace(clean(fr.org.ReportFooter)); footer != "" {
			left += " · " + strings.ReplaceAll(footer, "\n", " ")
		}
		pdf.CellFormat(contentWidth*0.75, lineHeight, d.fit(left, contentWidth*0.75-2), "", 0, "L", false, 0, "")
		pdf.CellFormat(contentWidth*0.25, lineHeight, fmt.Sprintf("Side %d af {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	return d
}

// registerLogo embeds the organisation's logo, or Mentorbog's icon until
// the organisation has set one. A logo that is not a readable PNG or JPEG
// falls back to the icon rather than failing the report.
func (d *document) registerLogo(logo []byte) string {
	for _, candidate := range [][]byte{logo, assets.Icon} {
		if len(candidate) == 0 {
			continue
		}
		logo := preparedLogos.prepare(candidate)
		if !logo.ok {
			continue
		}
		d.pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: logo.kind}, bytes.NewReader(logo.data))
		if d.pdf.Err() {
			d.pdf.ClearError()
			continue
		}
		return "logo"
	}
	return ""
}

// draftMark writes a large, pale, diagonal "UDKAST" behind the page's
// content: a report that is not approved must not pass for a final one.
func (d *document) draftMark() {
	pdf := d.pdf
	pdf.SetFont(fontFamily, "B", 96)
	pdf.SetTextColor(240, 200, 200)
	w := pdf.GetStringWidth("UDKAST")
	cx, cy := pageWidth/2, 297.0/2
	pdf.TransformBegin()
	pdf.TransformRotate(45, cx, cy)
	pdf.Text(cx-w/2, cy+12, "UDKAST")
	pdf.TransformEnd()
	pdf.SetTextColor(0, 0, 0)
}

// fit shortens text with an ellipsis until it fits width in the current
// font: one-line cells (header, footer, labels) never run past the margin.
func (d *document) fit(text string, width float64) string {
	text = strings.ReplaceAll(text, "\n", " ")
	if d.pdf.GetStringWidth(text) <= width {
		return text
	}
	// The longest prefix that fits with the ellipsis. A string's width is
	// the sum of its letters' widths (in the font's units, then scaled),
	// so the prefixes' widths are summed once instead of measuring every
	// shorter prefix again (a long footer took a quadratic time per page).
	_, unit := d.pdf.GetFontSize()
	r := []rune(text)
	prefix := make([]int, len(r)+1)
	for i, c := range r {
		prefix[i+1] = prefix[i] + d.pdf.GetStringSymbolWidth(string(c))
	}
	ellipsis := d.pdf.GetStringSymbolWidth("…")
	n := len(r)
	for n > 0 && float64(prefix[n]+ellipsis)*unit/1000 > width {
		n--
	}
	return string(r[:n]) + "…"
}

// heading writes a title line.
func (d *document) heading(text string, size float64) {
	d.pdf.SetFont(fontFamily, "B", size)
	d.pdf.MultiCell(contentWidth, size*0.5, clean(text), "", "L", false)
	d.pdf.Ln(2)
}

// paragraph writes wrapped body text.
func (d *document) paragraph(text string) {
	d.pdf.SetFont(fontFamily, "", 10)
	d.pdf.MultiCell(contentWidth, lineHeight, clean(text), "", "L", false)
	d.pdf.Ln(2)
}

// facts writes label/value pairs in two columns.
func (d *document) facts(pairs [][2]string) {
	for _, p := range pairs {
		d.pdf.SetFont(fontFamily, "B", 10)
		d.pdf.CellFormat(45, lineHeight, d.fit(clean(p[0]), 44), "", 0, "L", false, 0, "")
		d.pdf.SetFont(fontFamily, "", 10)
		d.pdf.MultiCell(contentWidth-45, lineHeight, clean(p[1]), "", "L", false)
	}
	d.pdf.Ln(3)
}

// table writes rows under a header that is repeated on every page the
// table reaches. Cells wrap; a row is never split across pages.
func (d *document) table(header []string, widths []float64, rows [][]string) {
	d.tableWith(tableStyle{}, header, widths, rows)
}

// tableStyle adjusts a table: aligns holds one letter per column (L, R),
// and total sets the last row in bold as a sum line.
type tableStyle struct {
	aligns string
	total  bool
}

func (ts tableStyle) align(i int) string {
	if i < len(ts.aligns) {
		return ts.aligns[i : i+1]
	}
	return "L"
}

func (d *document) tableWith(ts tableStyle, header []string, widths []float64, rows [][]string) {
	for _, row := range rows {
		for i := range row {
			row[i] = clean(row[i])
		}
	}
	d.tableHeader(ts, header, widths)
	d.pdf.SetFont(fontFamily, "", 9)
	for i, row := range rows {
		last := ts.total && i == len(rows)-1
		if last {
			d.pdf.SetFont(fontFamily, "B", 9)
		}
		height := d.rowHeight(row, widths)
		if d.pdf.GetY()+height > pageHeight-marginBottom {
			d.pdf.AddPage()
			d.tableHeader(ts, header, widths)
			d.pdf.SetFont(fontFamily, "", 9)
			if last {
				d.pdf.SetFont(fontFamily, "B", 9)
			}
		}
		if last {
			d.pdf.SetDrawColor(120, 120, 120)
			d.pdf.SetLineWidth(0.3)
			d.pdf.Line(marginLeft, d.pdf.GetY(), marginLeft+contentWidth, d.pdf.GetY())
		}
		d.tableRow(ts, row, widths, height, i%2 == 1 && !last)
	}
	d.pdf.SetFont(fontFamily, "", 9)
	d.pdf.Ln(3)
}

func (d *document) tableHeader(ts tableStyle, header []string, widths []float64) {
	d.pdf.SetFont(fontFamily, "B", 9)
	d.pdf.SetFillColor(225, 236, 240)
	for i, h := range header {
		d.pdf.CellFormat(widths[i], 7, d.fit(clean(h), widths[i]-2), "", 0, ts.align(i), true, 0, "")
	}
	d.pdf.Ln(-1)
}

// rowHeight is the height of the tallest wrapped cell of a row.
func (d *document) rowHeight(row []string, widths []float64) float64 {
	lines := 1
	for i, cell := range row {
		if n := d.cellLines(cell, widths[i]); n > lines {
			lines = n
		}
	}
	return float64(lines)*4.5 + 2
}

// cellLines is how many lines MultiCell draws cell in, in a column of width
// w. Most cells fit on one line, which a width measures without splitting
// the text. (SplitText, like MultiCell, takes the cell margins off w
// itself.)
func (d *document) cellLines(cell string, w float64) int {
	if d.fitsOneLine(cell, w) {
		return 1
	}
	return max(1, len(d.pdf.SplitText(cell, w)))
}

// fitsOneLine tells whether cell is one line that fits a column of width
// w between the cell margins. Such a cell is drawn with CellFormat, as
// MultiCell draws its last line, without MultiCell's splitting.
func (d *document) fitsOneLine(cell string, w float64) bool {
	return !strings.Contains(cell, "\n") && d.pdf.GetStringWidth(cell) <= w-2*d.pdf.GetCellMargin()
}

func (d *document) tableRow(ts tableStyle, row []string, widths []float64, height float64, shaded bool) {
	x, y := d.pdf.GetX(), d.pdf.GetY()
	if shaded {
		d.pdf.SetFillColor(246, 248, 249)
		d.pdf.Rect(x, y, contentWidth, height, "F")
	}
	for i, cell := range row {
		// Same left edge as the header cell: both use the cell margin.
		d.pdf.SetXY(x, y+1)
		if d.fitsOneLine(cell, widths[i]) {
			d.pdf.CellFormat(widths[i], 4.5, cell, "", 2, ts.align(i), false, 0, "")
		} else {
			d.pdf.MultiCell(widths[i], 4.5, cell, "", ts.align(i), false)
		}
		x += widths[i]
	}
	d.pdf.SetXY(marginLeft, y+height)
}

// write finishes the document.
func (d *document) write(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// clean makes text safe for the PDF writer, which panics on invalid UTF-8:
// invalid bytes become "?", tabs become spaces and other control
// characters are dropped. Line breaks are kept for wrapped text.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

// dateTime formats an instant the Danish way in Danish time.
func dateTime(t time.Time) string {
	return dk.FormatDate(t.In(data.Zone())) + " " + t.In(data.Zone()).Format("15:04:05")
}
