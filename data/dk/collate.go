package dk

import (
	"bytes"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Sorter compares strings in Danish alphabetical order: Æ, Ø, Å come after Z,
// and upper and lower case are ordered alike ("bent" before "Bo").
//
// As in every Danish dictionary and phone book, "aa" is sorted as "å", so
// "Aabenraa" comes after "Zealand", next to "Åbenrå". This is intended: it is
// how Danish place and family names are looked up.
//
// A Sorter is not safe for concurrent use (the underlying collate.Collator
// keeps internal state); give each goroutine its own.
type Sorter struct {
	collator *collate.Collator
	buffer   collate.Buffer
}

// NewSorter returns a Sorter for Danish, ignoring case.
func NewSorter() *Sorter {
	return &Sorter{collator: collate.New(language.Danish, collate.IgnoreCase)}
}

// Compare returns -1, 0 or 1 as a sorts before, equal to or after b.
func (s *Sorter) Compare(a, b string) int {
	return s.collator.CompareString(a, b)
}

// Key returns a sort key for str: comparing keys with bytes.Compare gives the
// same order as Compare, so keys can be cached or stored in a database column.
func (s *Sorter) Key(str string) []byte {
	// The collator writes into a reusable buffer; copy so the caller owns the key.
	key := bytes.Clone(s.collator.KeyFromString(&s.buffer, str))
	s.buffer.Reset()
	if key == nil {
		key = []byte{} // empty string: a non-nil empty key is friendlier to store
	}
	return key
}

// SortBy sorts items in place in Danish order of key(item). The sort is
// stable, so items with equal keys (e.g. differing only in case) keep their
// order. It uses its own Sorter, so it is safe to call from any goroutine.
func SortBy[T any](items []T, key func(T) string) {
	sorter := NewSorter()
	keyed := make([]keyedItem[T], len(items))
	for i, item := range items {
		// Computing each key once avoids re-collating on every comparison.
		keyed[i] = keyedItem[T]{key: sorter.Key(key(item)), item: item}
	}
	slices.SortStableFunc(keyed, func(a, b keyedItem[T]) int { return bytes.Compare(a.key, b.key) })
	for i := range keyed {
		items[i] = keyed[i].item
	}
}

type keyedItem[T any] struct {
	key  []byte
	item T
}
