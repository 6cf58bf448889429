// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"strings"
	"time"
)

// cacheTestTexts are the two documents of the font cache tests: different
// runes (Danish letters, dashes, an ellipsis, the euro sign), both cuts.
var cacheTestTexts = [][]string{
	{"Statusrapport – Æblegården", "Borgeren mødte op til 12 af 14 møder · udeblev 2 gange…",
		"Mål: få struktur på hverdagen, søge job i nærområdet."},
	{"Slutrapport for forløbet", "Kvit: 1.250,00 € – betalt", "Zoë og Åse ønsker «fortsættelse» (ÿ, ß, þ)."},
}

// cacheTestDocument renders a three-page document with both cuts of a
// UTF-8 font: the same input always gives the same bytes (fixed dates,
// sorted catalogs). setup, if not nil, runs before the fonts are added.
func cacheTestDocument(regular, bold []byte, texts []string, setup func(*Fpdf)) ([]byte, error) {
	pdf := New("P", "mm", "A4", "")
	if setup != nil {
		setup(pdf)
	}
	pdf.SetCatalogSort(true)
	stamp := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes("Sans", "", regular)
	pdf.AddUTF8FontFromBytes("Sans", "B", bold)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Sans", "", 8)
		pdf.CellFormat(0, 5, "Side {nb}", "", 0, "R", false, 0, "")
	})
	for page := 0; page < 3; page++ {
		pdf.AddPage()
		pdf.SetFont("Sans", "B", 16)
		pdf.CellFormat(0, 10, texts[0], "", 1, "L", false, 0, "")
		pdf.SetFont("Sans", "", 10)
		pdf.MultiCell(0, 5, strings.Repeat(texts[1]+" ", 5), "", "L", false)
		pdf.SetFont("Sans", "B", 10)
		pdf.MultiCell(0, 5, texts[2], "", "L", false)
	}
	var out bytes.Buffer
	err := pdf.Output(&out)
	return out.Bytes(), err
}
