// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// cacheTestFonts reads the two cuts of Noto Sans. In Mentorbog this copy of
// fpdf lives in app/reports/third_party/fpdf, and the fonts in assets/fonts.
func cacheTestFonts(t *testing.T) (regular, bold []byte) {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "assets", "fonts")
	regular, err := os.ReadFile(filepath.Join(dir, "NotoSans-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	bold, err = os.ReadFile(filepath.Join(dir, "NotoSans-Bold.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	return regular, bold
}

// unpatched is what fpdf v0.12.0, without the font cache, renders for
// cacheTestTexts[i] (testdata/v0.12.0-N.pdf, made with cacheTestDocument).
func unpatched(t *testing.T, i int) []byte {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", fmt.Sprintf("v0.12.0-%d.pdf", i+1)))
	if err != nil {
		t.Fatal(err)
	}
	return want
}

// TestUTF8FontCacheGivesTheUnpatchedOutput renders two documents with
// different texts and both cuts of a font on eight goroutines at once, each
// several times, with the process-wide cache (so later documents reuse the
// first ones' parsed fonts, font IDs and subsets) and without it. Every
// file must be byte for byte what unpatched fpdf v0.12.0 writes. Run it
// with -race: the cached fonts are shared between the goroutines.
func TestUTF8FontCacheGivesTheUnpatchedOutput(t *testing.T) {
	regular, bold := cacheTestFonts(t)
	noCache := func(pdf *Fpdf) { pdf.utf8Fonts = nil }
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				i := (g + round) % len(cacheTestTexts)
				var setup func(*Fpdf)
				if g == 0 {
					setup = noCache
				}
				// Each goroutine passes its own copy of the font files:
				// the cache finds them by content.
				got, err := cacheTestDocument(bytes.Clone(regular), bytes.Clone(bold), cacheTestTexts[i], setup)
				if err != nil {
					t.Errorf("goroutine %d, document %d: %v", g, i+1, err)
					return
				}
				if !bytes.Equal(got, unpatched(t, i)) {
					t.Errorf("goroutine %d, round %d: document %d differs from fpdf v0.12.0's", g, round, i+1)
				}
			}
		}()
	}
	wg.Wait()
}

// TestUTF8FontCacheFindsFontsByContent: the same bytes from two buffers give
// one parsed font; another font gives another; changing the caller's buffer
// afterwards changes nothing cached.
func TestUTF8FontCacheFindsFontsByContent(t *testing.T) {
	regular, bold := cacheTestFonts(t)
	cache := newUTF8FontCache()
	first := bytes.Clone(regular)
	a, err := cache.metrics(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cache.metrics(bytes.Clone(regular))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same font from two buffers was parsed twice")
	}
	c, err := cache.metrics(bold)
	if err != nil {
		t.Fatal(err)
	}
	if c == a || c.desc == a.desc {
		t.Error("the bold cut was taken for the regular one")
	}
	first[len(first)/2] ^= 0xff
	if !bytes.Equal(a.data, regular) {
		t.Error("the cache shares the caller's buffer")
	}
	// first now differs from the font only in the middle, which the hash
	// does not read: the full comparison must tell them apart.
	if cache.hash(first) != cache.hash(regular) {
		t.Fatal("the hash reads the middle of the file: this check needs another byte")
	}
	d, err := cache.metrics(first)
	if err != nil {
		t.Fatal(err)
	}
	if d == a || !bytes.Equal(d.data, first) {
		t.Error("a changed font file was taken for the cached one")
	}
	if cache.count != 3 {
		t.Errorf("the cache holds %d fonts, want 3", cache.count)
	}
	if _, err := cache.metrics([]byte("not a font at all")); err == nil {
		t.Error("a file that is not a TrueType font was accepted")
	}
}

// TestUTF8FontCacheIsBounded: past utf8FontCacheLimit fonts, new ones are
// parsed but not kept.
func TestUTF8FontCacheIsBounded(t *testing.T) {
	regular, _ := cacheTestFonts(t)
	cache := newUTF8FontCache()
	for i := range utf8FontCacheLimit + 3 {
		font := bytes.Clone(regular)
		font = append(font, byte(i), byte(i>>8)) // trailing bytes: another file, the same font
		if _, err := cache.metrics(font); err != nil {
			t.Fatal(err)
		}
	}
	if cache.count != utf8FontCacheLimit {
		t.Errorf("the cache holds %d fonts, want %d", cache.count, utf8FontCacheLimit)
	}
}

// TestSubsetMemoStartsOverWhenFull: the per-font memo of subsets keeps at
// most utf8SubsetLimit entries and still answers right after starting over.
func TestSubsetMemoStartsOverWhenFull(t *testing.T) {
	m := &utf8FontMetrics{}
	built := 0
	for i := range utf8SubsetLimit + 5 {
		runes := map[int]int{1: 0, 65 + i: 65 + i}
		s := m.subset(runes, func() *utf8FontSubset {
			built++
			return &utf8FontSubset{widths: fmt.Sprint(i)}
		})
		if s.widths != fmt.Sprint(i) {
			t.Fatalf("runes %v got the subset of %s", runes, s.widths)
		}
	}
	if len(m.subsets) > utf8SubsetLimit || built != utf8SubsetLimit+5 {
		t.Errorf("%d subsets kept, %d built", len(m.subsets), built)
	}
	again := m.subset(map[int]int{1: 0, 65 + utf8SubsetLimit + 4: 65 + utf8SubsetLimit + 4}, func() *utf8FontSubset {
		t.Error("a kept subset was built again")
		return nil
	})
	if again.widths != fmt.Sprint(utf8SubsetLimit+4) {
		t.Errorf("got %q", again.widths)
	}
}
