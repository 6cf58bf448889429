// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"sort"
	"sync"
)

// utf8FontCacheLimit bounds how many distinct UTF-8 fonts the process-wide
// cache keeps: fonts past it are parsed per document as before, so a
// program that loads ever new fonts does not keep them all in memory.
const utf8FontCacheLimit = 64

// utf8Fonts is the process-wide cache of parsed UTF-8 fonts. Parsing a
// TrueType file and computing its font ID cost milliseconds, and a program
// that makes many documents adds the same few fonts to each of them.
var utf8Fonts = newUTF8FontCache()

// utf8FontCache maps a font file's content to its parsed metrics. It is
// safe for concurrent use; the metrics it hands out are never written.
// Fonts are found by a hash of part of the file, then compared in full.
type utf8FontCache struct {
	seed  maphash.Seed
	mu    sync.Mutex
	fonts map[uint64][]*utf8FontMetrics // by hash (see utf8FontCache.hash)
	count int
}

func newUTF8FontCache() *utf8FontCache {
	return &utf8FontCache{seed: maphash.MakeSeed(), fonts: map[uint64][]*utf8FontMetrics{}}
}

// utf8FontMetrics is what parsing a UTF-8 font file gives a document. It is
// read-only once made: documents share it, and each one cuts its own
// subset from data and the shared cut tables when it is written.
type utf8FontMetrics struct {
	data   []byte // the font file (a private copy when cached)
	desc   FontDescType
	up, ut int
	cw     []int          // character widths by rune: shared, never written
	cut    *utf8CutTables // what cutting a subset reads; nil without a Unicode cmap

	mu      sync.Mutex
	ids     map[string]string          // font ID by font key (family and style)
	subsets map[string]*utf8FontSubset // by runeSetKey of the runes used
	widths  map[string]string          // /W array content by widthsKey
}

// parseUTF8FontMetrics parses a TrueType font file.
func parseUTF8FontMetrics(data []byte) (*utf8FontMetrics, error) {
	file := newUTF8Font(&fileReader{readerPosition: 0, array: data})
	if err := file.parseFile(); err != nil {
		return nil, err
	}
	return &utf8FontMetrics{
		data: data,
		desc: FontDescType{
			Ascent:       int(file.Ascent),
			Descent:      int(file.Descent),
			CapHeight:    file.CapHeight,
			Flags:        file.Flags,
			FontBBox:     file.Bbox,
			ItalicAngle:  file.ItalicAngle,
			StemV:        file.StemV,
			MissingWidth: round(file.DefaultWidth),
		},
		up:  int(round(file.UnderlinePosition)),
		ut:  round(file.UnderlineThickness),
		cw:  file.CharWidths,
		cut: file.parseCutTables(),
	}, nil
}

// metrics returns the parsed font for data, parsing it on first use. A nil
// cache parses every time.
func (c *utf8FontCache) metrics(data []byte) (*utf8FontMetrics, error) {
	if c == nil {
		return parseUTF8FontMetrics(data)
	}
	h := c.hash(data)
	if m := c.find(h, data); m != nil {
		return m, nil
	}
	// A private copy: the caller may reuse its buffer.
	m, err := parseUTF8FontMetrics(bytes.Clone(data))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, other := range c.fonts[h] {
		if bytes.Equal(other.data, data) { // parsed meanwhile on another goroutine
			return other, nil
		}
	}
	if c.count < utf8FontCacheLimit {
		c.fonts[h] = append(c.fonts[h], m)
		c.count++
	}
	return m, nil
}

// hash is a hash of a font file's length, start and end. It only picks the
// candidates that are compared in full: hashing every byte would cost
// more than the comparison itself. The start holds the table directory
// with each table's checksum, so different fonts rarely share a hash.
func (c *utf8FontCache) hash(data []byte) uint64 {
	const sample = 4 << 10
	var h maphash.Hash
	h.SetSeed(c.seed)
	_ = binary.Write(&h, binary.LittleEndian, uint64(len(data)))
	if len(data) <= 2*sample {
		h.Write(data)
	} else {
		h.Write(data[:sample])
		h.Write(data[len(data)-sample:])
	}
	return h.Sum64()
}

func (c *utf8FontCache) find(h uint64, data []byte) *utf8FontMetrics {
	c.mu.Lock()
	candidates := c.fonts[h]
	c.mu.Unlock()
	// Entries are never changed once added, so they are compared unlocked.
	for _, m := range candidates {
		if bytes.Equal(m.data, data) {
			return m
		}
	}
	return nil
}

// fontDef is the font definition of this font under fontKey for one
// document: the shared metrics, the document's own set of used runes, and
// its own font file reader for cutting the subset.
func (m *utf8FontMetrics) fontDef(fontKey string, usedRunes map[int]int) fontDefType {
	def := fontDefType{
		Tp:          "UTF8",
		Name:        fontKey,
		Desc:        m.desc,
		Up:          m.up,
		Ut:          m.ut,
		Cw:          m.cw,
		utf8File:    newUTF8Font(&fileReader{readerPosition: 0, array: m.data}),
		usedRunes:   usedRunes,
		utf8Metrics: m,
	}
	def.utf8File.cutTables = m.cut
	def.i = m.fontID(def)
	return def
}

// fontID is generateFontID(def), computed once per font key: it
// JSON-encodes the whole width table, which costs more than the rest of
// adding a font. The ID depends only on the font key and the metrics.
func (m *utf8FontMetrics) fontID(def fontDefType) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.ids[def.Name]; ok {
		return id
	}
	id, _ := generateFontID(def)
	if m.ids == nil {
		m.ids = map[string]string{}
	}
	m.ids[def.Name] = id
	return id
}

// utf8SubsetLimit bounds the subsets (and width arrays) kept per font:
// when it is reached the kept ones are dropped and the memo starts over.
const utf8SubsetLimit = 32

// utf8FontSubset is what a document embeds of a UTF-8 font for a set of
// runes: the /W array's content and the compressed CIDToGIDMap and subset
// font file. Documents using the same runes share it, read-only.
type utf8FontSubset struct {
	widths       string
	cidToGidMap  []byte
	fontFile     []byte
	fontFileSize int // uncompressed
}

// subset returns the subset for usedRunes, made by build on first use.
// Cutting, measuring and compressing a subset costs milliseconds, and
// documents of the same kind often use the same runes.
func (m *utf8FontMetrics) subset(usedRunes map[int]int, build func() *utf8FontSubset) *utf8FontSubset {
	if m == nil { // a font definition made elsewhere (a decoded template)
		return build()
	}
	return memoized(&m.mu, &m.subsets, runeSetKey(usedRunes), build)
}

// widthsFor returns the /W array content for the runes used, made by build
// on first use. It depends only on the runes past 255 and the last rune
// (every rune up to 255 is listed), so documents whose subsets differ
// mostly share it; building it is the slowest part of a subset.
func (m *utf8FontMetrics) widthsFor(usedRunes map[int]int, lastRune int, build func() string) string {
	if m == nil {
		return build()
	}
	return memoized(&m.mu, &m.widths, widthsKey(usedRunes, lastRune), build)
}

// memoized returns memo[key] under mu, or what build makes, kept for next
// time. build runs unlocked; a full memo starts over.
func memoized[T any](mu *sync.Mutex, memo *map[string]T, key string, build func() T) T {
	mu.Lock()
	v, ok := (*memo)[key]
	mu.Unlock()
	if ok {
		return v
	}
	v = build()
	mu.Lock()
	defer mu.Unlock()
	if *memo == nil || len(*memo) >= utf8SubsetLimit {
		*memo = map[string]T{}
	}
	(*memo)[key] = v
	return v
}

// widthsKey is what generateCIDFontMap reads of a font's used runes.
func widthsKey(usedRunes map[int]int, lastRune int) string {
	wide := map[int]int{-1: lastRune}
	for k, v := range usedRunes {
		if k > 255 && v != 0 {
			wide[k] = 1
		}
	}
	return runeSetKey(wide)
}

// runeSetKey is the content of a used-runes map as a string: what the
// subset depends on.
func runeSetKey(usedRunes map[int]int) string {
	keys := make([]int, 0, len(usedRunes))
	for k := range usedRunes {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	b := make([]byte, 0, 4*len(keys))
	for _, k := range keys {
		b = binary.AppendVarint(b, int64(k))
		b = binary.AppendVarint(b, int64(usedRunes[k]))
	}
	return string(b)
}
