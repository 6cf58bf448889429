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
