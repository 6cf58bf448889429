package dk

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSortByDanishOrder(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{
			in:   []string{"Åse", "Øster", "Anders", "Ærø", "Zacharias", "bent", "Bo"},
			want: []string{"Anders", "bent", "Bo", "Zacharias", "Ærø", "Øster", "Åse"},
		},
		{
			in:   []string{"åse", "ærø", "øster", "Zoe", "zebra"},
			want: []string{"zebra", "Zoe", "ærø", "øster", "åse"},
		},
		{
			// Intended Danish behaviour: "aa" sorts as "å", after Z and Ø.
			in:   []string{"Aabenraa", "Zealand", "Aarhus", "Østerbro", "Abildgaard", "Ålborg"},
			want: []string{"Abildgaard", "Zealand", "Østerbro", "Aabenraa", "Ålborg", "Aarhus"},
		},
		{
			// Case does not order: equal keys keep their input order (stable).
			in:   []string{"bo", "Bo", "BO", "anne", "Anne"},
			want: []string{"anne", "Anne", "bo", "Bo", "BO"},
		},
		{in: []string{}, want: []string{}},
	}
	for _, tc := range tests {
		got := slices.Clone(tc.in)
		SortBy(got, func(s string) string { return s })
		if !slices.Equal(got, tc.want) {
			t.Errorf("SortBy(%q)\n got  %q\n want %q", tc.in, got, tc.want)
		}
	}
}

func TestSortByUsesKeyFunction(t *testing.T) {
	type mentor struct {
		ID   int
		Name string
	}
	mentors := []mentor{{1, "Øjvind"}, {2, "Aage"}, {3, "Bjørn"}, {4, "Åge"}, {5, "Ulla"}}
	SortBy(mentors, func(m mentor) string { return m.Name })
	var ids []int
	for _, m := range mentors {
		ids = append(ids, m.ID)
	}
	// Aage and Åge are the same name to Danish collation; stability keeps 2 before 4.
	if want := []int{3, 5, 1, 2, 4}; !slices.Equal(ids, want) {
		t.Errorf("order of IDs = %v, want %v", ids, want)
	}
}

func TestSorterCompare(t *testing.T) {
	s := NewSorter()
	tests := []struct {
		a, b string
		want int
	}{
		{"Zacharias", "Ærø", -1},
		{"Ærø", "Øster", -1},
		{"Øster", "Åse", -1},
		{"Åse", "Anders", 1},
		{"bent", "Bo", -1},
		{"Bo", "bo", 0},
		{"ÆRØ", "ærø", 0},
		{"Aabenraa", "Zealand", 1},
		{"Aarhus", "Århus", 0},
		{"", "a", -1},
		{"abc", "abc", 0},
	}
	for _, tc := range tests {
		if got := s.Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSorterKeyAgreesWithCompare(t *testing.T) {
	s := NewSorter()
	words := []string{"Åse", "Øster", "Anders", "Ærø", "Zacharias", "bent", "Bo", "bo", "Aabenraa", "Zealand", ""}
	keys := make([][]byte, len(words))
	for i, w := range words {
		keys[i] = s.Key(w)
	}
	// Keys computed earlier must not be overwritten by later calls.
	for i, w := range words {
		if !bytes.Equal(keys[i], s.Key(w)) {
			t.Errorf("Key(%q) changed after other keys were computed", w)
		}
	}
	for i, a := range words {
		for j, b := range words {
			if got, want := sign(bytes.Compare(keys[i], keys[j])), s.Compare(a, b); got != want {
				t.Errorf("key order of %q vs %q = %d, Compare = %d", a, b, got, want)
			}
		}
	}
	if s.Key("") == nil {
		t.Error("Key(\"\") = nil, want empty non-nil key")
	}
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// SortBy makes its own Sorter, so concurrent calls must be safe (run with -race).
func TestSortByConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			names := []string{"Åse", "Øster", "Anders", "Ærø", "Zacharias", "bent", "Bo"}
			SortBy(names, func(s string) string { return s })
			if got := fmt.Sprint(names); got != "[Anders bent Bo Zacharias Ærø Øster Åse]" {
				errs <- got
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent SortBy gave %s", got)
	}
}

// TestSortByMatchesAStableSortByCompare: on many names with repeats that
// differ only in case (equal keys), SortBy gives exactly what a stable sort
// comparing with the collator gives, so the keys and the permutation are
// right (the keys share one growing buffer; the items move in cycles).
func TestSortByMatchesAStableSortByCompare(t *testing.T) {
	type row struct {
		name string
		n    int
	}
	parts := []string{"Aa", "aa", "Å", "å", "Ø", "ø", "Æ", "b", "B", "z", "Z", "ae", "É", "e", "-", " ", "ü", "y"}
	rng := rand.New(rand.NewPCG(1, 2))
	rows := make([]row, 5000)
	for i := range rows {
		var name strings.Builder
		for range 1 + rng.IntN(6) {
			name.WriteString(parts[rng.IntN(len(parts))])
		}
		rows[i] = row{name.String(), i}
	}
	want := slices.Clone(rows)
	sorter := NewSorter()
	slices.SortStableFunc(want, func(a, b row) int { return sorter.Compare(a.name, b.name) })
	got := slices.Clone(rows)
	SortBy(got, func(r row) string { return r.name })
	if !slices.Equal(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("first difference at %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
	}
}
