package cpr

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"070761-4285", "0707614285", "070761 4285", " 290200-4000 ",
		"290200-2000", "010158-5000", "", "abc", "070761-٤285", "1234567890123",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := Parse(in)
		if err != nil {
			if leaked := digitRunFromInput(err.Error(), in, 6); leaked != "" {
				t.Fatalf("error %q leaks digits %q of the input", err.Error(), leaked)
			}
			return
		}

		again, err := Parse(n.Formatted())
		if err != nil {
			t.Fatalf("Formatted() of a parsed number does not re-parse: %v", err)
		}
		if again != n {
			t.Fatalf("re-parsing Formatted() gave a different number")
		}

		// The masked form must be exactly the date part followed by "-XXXX":
		// then no digit of the serial can be present. (A plain substring test
		// for the serial would give false alarms, e.g. 010101-0101, whose
		// serial also occurs inside the date.)
		formatted := n.Formatted()
		if want := formatted[:7] + "XXXX"; n.Masked() != want || n.String() != want {
			t.Fatalf("Masked()/String() do not hide the serial")
		}
		if n.BirthDate().IsZero() {
			t.Fatalf("parsed number has no birth date")
		}
	})
}

// digitRunFromInput returns a run of at least minRun consecutive digits from
// in that occurs in msg, or "" if there is none.
func digitRunFromInput(msg, in string, minRun int) string {
	digits := asciiDigits(in)
	for start := 0; start+minRun <= len(digits); start++ {
		if run := digits[start : start+minRun]; strings.Contains(msg, run) {
			return run
		}
	}
	return ""
}

func asciiDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
