package reports

import (
	"strings"
	"testing"
	"time"

	"mentorbog/data"
)

// fitByMeasuring is fit as it was: measure ever shorter prefixes.
func fitByMeasuring(d *document, text string, width float64) string {
	text = strings.ReplaceAll(text, "\n", " ")
	if d.pdf.GetStringWidth(text) <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func TestFitCutsWhereMeasuringEveryPrefixDid(t *testing.T) {
	d := newDocument(data.Organisation{Name: "Mentorhuset"}, "Test", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	texts := []string{"", "Å", "Fortroligt · Mentorhuset ApS · Ågade 12, 4700 Næstved · tlf. 55 55 55 55",
		"Kommunens reference 2026-ØÆÅ-æøå-12345 · “citat” – tankestreg … og € 1.234,50",
		strings.Repeat("Bevilget i aftaleperioden ", 12), "linje\nnæste linje", "W", "iiiiiiiiiiiiiiiiiiii"}
	cut := 0
	for _, style := range []string{"", "B"} {
		for _, size := range []float64{8, 9, 10, 16} {
			d.pdf.SetFont(fontFamily, style, size)
			for _, text := range texts {
				for width := 0.0; width < 200; width += 0.61 {
					want := fitByMeasuring(d, text, width)
					if got := d.fit(text, width); got != want {
						t.Fatalf("fit(%q, %.2f) in %s %.0f pt = %q, want %q", text, width, style, size, got, want)
					}
					if strings.HasSuffix(want, "…") {
						cut++
					}
				}
			}
		}
	}
	if cut < 1000 {
		t.Fatalf("only %d cut texts compared", cut)
	}
}

// TestTableCellsTakeTheLinesMultiCellTakes: a table cell's height counts the
// lines MultiCell would split it into, and a cell drawn on one line with
// CellFormat (the fast path) gives the same file as MultiCell would.
func TestTableCellsTakeTheLinesMultiCellTakes(t *testing.T) {
	created := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	d := newDocument(data.Organisation{Name: "Mentorhuset"}, "Test", created)
	texts := []string{"", "Å", "Afholdt", "Udeblevet uden afbud", "24-11-2026 09:00–10:30",
		"Kommunens reference 2026-ØÆÅ-æøå-12345 · “citat” – tankestreg … og € 1.234,50",
		strings.Repeat("Bevilget i aftaleperioden ", 6), "linje\nnæste linje", "W", "iiiiiiiiiiiiiiiiiiii"}
	oneLine, drawn := 0, 0
	for _, style := range []string{"", "B"} {
		d.pdf.SetFont(fontFamily, style, 9)
		for _, text := range texts {
			for width := 4.0; width < 190; width += 0.73 {
				// A row has at least one line, also for empty cells.
				want := max(1, len(d.pdf.SplitText(text, width)))
				if got := d.cellLines(text, width); got != want {
					t.Fatalf("cellLines(%q, %.2f) in %q = %d, SplitText gives %d", text, width, style, got, want)
				}
				if !d.fitsOneLine(text, width) {
					continue
				}
				oneLine++
				if want != 1 {
					t.Fatalf("fitsOneLine(%q, %.2f) but SplitText gives %d lines", text, width, want)
				}
				// Compare the drawing near the fitting edge, where a
				// difference in measuring would show.
				if d.pdf.GetStringWidth(text) < width-2*d.pdf.GetCellMargin()-1.5 {
					continue
				}
				drawn++
				draw := func(fast bool) []byte {
					doc := newDocument(data.Organisation{Name: "Mentorhuset"}, "Test", created)
					doc.pdf.AddPage()
					doc.pdf.SetFont(fontFamily, style, 9)
					doc.pdf.SetXY(marginLeft+10, 60)
					if fast {
						doc.pdf.CellFormat(width, 4.5, text, "", 2, "R", false, 0, "")
					} else {
						doc.pdf.MultiCell(width, 4.5, text, "", "R", false)
					}
					var buf strings.Builder
					if err := doc.write(&buf); err != nil {
						t.Fatal(err)
					}
					return []byte(buf.String())
				}
				if string(draw(true)) != string(draw(false)) {
					t.Fatalf("%q at width %.2f in %q: CellFormat and MultiCell draw different files", text, width, style)
				}
			}
		}
	}
	if oneLine < 500 || drawn < 10 {
		t.Fatalf("only %d one-line cells checked, %d drawn both ways", oneLine, drawn)
	}
}
