// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCellFormatGivesTheUnpatchedOutput: CellFormat writes its operators
// without printf and converts and escapes its text in one pass; the
// document of every kind of cell (cellTestDocument) must still be byte for
// byte what unpatched fpdf v0.12.0 wrote (testdata/v0.12.0-cells.pdf),
// with the font cache and without it.
func TestCellFormatGivesTheUnpatchedOutput(t *testing.T) {
	regular, bold := cacheTestFonts(t)
	want, err := os.ReadFile(filepath.Join("testdata", "v0.12.0-cells.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for name, setup := range map[string]func(*Fpdf){"cache": nil, "no cache": func(pdf *Fpdf) { pdf.utf8Fonts = nil }} {
		for round := range 2 {
			got, err := cellTestDocument(regular, bold, setup)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, round %d: the cells differ from fpdf v0.12.0's (%d bytes, want %d)", name, round, len(got), len(want))
			}
		}
	}
}

// TestAppendEscapedUTF16IsEscapeOfUTF8ToUTF16 compares the one-pass
// conversion with the two steps it replaces on every text of the tests and
// on each letter of the ranges whose UTF-16 bytes include the escaped ones.
func TestAppendEscapedUTF16IsEscapeOfUTF8ToUTF16(t *testing.T) {
	f := &Fpdf{}
	texts := append([]string{}, cellTestTexts...)
	for _, r := range []rune{0x01, 0x0a, 0x0d, 0x28, 0x29, 0x5c, 0x7f, 0x80, 0xff, 0x100, 0x7ff, 0x800, 0xffff} {
		texts = append(texts, string(r))
	}
	for hi := 0; hi < 0x100; hi++ {
		for _, lo := range []int{0x0d, 0x28, 0x29, 0x5c} {
			texts = append(texts, string(rune(hi<<8|lo)), string(rune(lo<<8|hi)))
		}
	}
	for _, s := range texts {
		want := f.escape(utf8toutf16(s, false))
		if got := string(appendEscapedUTF16([]byte("prefix"), s)); got != "prefix"+want {
			t.Errorf("%q: % x, want % x", s, got, "prefix"+want)
		}
	}
}
