// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"strings"
	"time"
)

// cellTestTexts are cell texts for the cell-writing tests: the bytes a
// PDF string escapes (backslash, parentheses, CR, also as the second byte
// of a UTF-16 letter: U+0128 'Ĩ' is 0x01 0x28, U+295C and U+5C29 hold '\\'
// and ')' bytes), Danish letters, dashes, the euro sign, an ellipsis.
var cellTestTexts = []string{
	"Statusrapport – Æblegården", `C:\mappe\fil (kopi) \\ ()`, "linje\rmed CR", "Ĩ Ī ĩ ⥜ 尩 \u2029",
	"Zoë og Åse ønsker «fortsættelse» (ÿ, ß, þ) … 1.250,00 €", "12,5 t", "–", "",
	"Bevilget i aftaleperioden 01-09-2026 – 28-02-2027 og brugt i rapportperioden",
}

// cellTestDocument writes table-like cells in every way CellFormat
// formats them: fill, full and partial borders, a text colour other than
// the fill (the q … Q wrapper), left, right and centre alignment,
// justified multi-line text, underline, a link, automatic page breaks
// inside CellFormat (with the header and footer writing cells
// themselves), both cuts of a UTF-8 font and a core font.
func cellTestDocument(regular, bold []byte, setup func(*Fpdf)) ([]byte, error) {
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
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Sans", "B", 9)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(90, 5, "Mentorhuset (ApS)", "", 0, "L", false, 0, "")
		pdf.CellFormat(90, 5, "Statusrapport", "", 1, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Sans", "", 8)
		pdf.CellFormat(0, 5, "Side {nb}", "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	borders := []string{"", "1", "LTRB", "LR", "T", "B", "0", "lr"}
	aligns := []string{"L", "R", "C", "LT", "RB", "CA", ""}
	for row := 0; row < 90; row++ {
		style := []string{"", "B"}[row%2]
		if row%11 == 0 {
			style += "U"
		}
		pdf.SetFont("Sans", style, float64(8+row%4))
		fill := row%3 == 0
		pdf.SetFillColor(225, 236, 240)
		if row%5 == 0 {
			pdf.SetTextColor(200, 0, 0)
		} else {
			pdf.SetTextColor(0, 0, 0)
		}
		for col := 0; col < 4; col++ {
			text := cellTestTexts[(row+col)%len(cellTestTexts)]
			link := ""
			if row%13 == 0 && col == 1 {
				link = "https://example.org/(a)"
			}
			pdf.CellFormat(45, 6, text, borders[(row+col)%len(borders)], 0, aligns[(row+2*col)%len(aligns)], fill, 0, link)
		}
		pdf.Ln(-1)
		if row%17 == 0 {
			pdf.MultiCell(0, 5, strings.Repeat(cellTestTexts[4]+" ", 4), "", "J", fill)
			pdf.MultiCell(60, 4.5, cellTestTexts[8], "1", "R", true)
		}
	}
	pdf.SetFont("Helvetica", "", 10)
	for _, text := range []string{`core font \ (escaped) )( \\`, "plain"} {
		pdf.CellFormat(90, 6, text, "1", 1, "C", true, 0, "")
	}
	var out bytes.Buffer
	err := pdf.Output(&out)
	return out.Bytes(), err
}
