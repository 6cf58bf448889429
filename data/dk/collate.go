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
	// Computing each key once avoids re-collating on every comparison. The
	// keys stay in the collator's buffer (it grows, earlier keys keep their
	// memory), and a permutation is sorted instead of copies of the items:
	// Borgere sorts 15,000 rows of 200 bytes, which were copied twice.
	keys := make([][]byte, len(items))
	for i, item := range items {
		keys[i] = sorter.collator.KeyFromString(&sorter.buffer, key(item))
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	permute(items, order)
}

// permute puts items[order[i]] at i for every i, in place: each cycle of
// the permutation is rotated through one spare item. order is used up.
func permute[T any](items []T, order []int) {
	for start := range order {
		if order[start] < 0 {
			continue
		}
		spare := items[start]
		at := start
		for {
			from := order[at]
			order[at] = -1
			if from == start {
				items[at] = spare
				break
			}
			items[at] = items[from]
			at = from
		}
	}
}
