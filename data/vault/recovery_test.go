package vault

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func mustRecoveryKey(t testing.TB) string {
	t.Helper()
	r, err := NewRecoveryKey()
	if err != nil {
		t.Fatalf("NewRecoveryKey: %v", err)
	}
	return r
}

var recoveryFormat = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$`)

func TestRecoveryKeyFormat(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		r := mustRecoveryKey(t)
		if !recoveryFormat.MatchString(r) {
			t.Fatalf("recovery key %q does not have the printed format", r)
		}
		if seen[r] {
			t.Fatalf("recovery key repeated")
		}
		seen[r] = true
		secret, err := parseRecoveryKey(r)
		if err != nil || len(secret) != recoverySecretSize {
			t.Fatalf("fresh key does not parse: %v", err)
		}
	}
}

// recoveryKeyWith01 returns a fresh recovery key containing both the digits
// 0 and 1, so the look-alike substitutions below are always exercised.
func recoveryKeyWith01(t *testing.T) string {
	for {
		if r := mustRecoveryKey(t); strings.Contains(r, "0") && strings.Contains(r, "1") {
			return r
		}
	}
}

func TestRecoveryWrapUnwrap(t *testing.T) {
	k := newKey(t)
	r := recoveryKeyWith01(t)
	w, err := k.WrapWithRecovery(r)
	if err != nil {
		t.Fatalf("WrapWithRecovery: %v", err)
	}
	noDash := strings.ReplaceAll(r, "-", "")
	for name, typed := range map[string]string{
		"as printed":     r,
		"lower case":     strings.ToLower(r),
		"spaces":         strings.ReplaceAll(r, "-", " "),
		"no dashes":      noDash,
		"messy":          " " + strings.ToLower(noDash[:10]) + "\t" + noDash[10:30] + " -- " + noDash[30:] + "\n",
		"O for 0, l/I 1": strings.NewReplacer("0", "O", "1", "l").Replace(r),
		"I for 1":        strings.ReplaceAll(r, "1", "I"),
	} {
		got, err := UnwrapWithRecovery(w, typed)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !sameKey(t, k, got) {
			t.Errorf("%s: recovered a different key", name)
		}
	}
}

func TestRecoveryRejectsWrongAndMistypedKeys(t *testing.T) {
	k := newKey(t)
	r := mustRecoveryKey(t)
	w, err := k.WrapWithRecovery(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UnwrapWithRecovery(w, mustRecoveryKey(t)); !errors.Is(err, ErrWrongRecoveryKey) {
		t.Errorf("other valid recovery key: err = %v, want ErrWrongRecoveryKey", err)
	}
	typo := []byte(r)
	if typo[5] == 'A' {
		typo[5] = 'B'
	} else {
		typo[5] = 'A'
	}
	for name, in := range map[string]string{
		"typo":          string(typo),
		"missing group": r[:len(r)-5],
		"extra char":    r + "A",
		"letter U":      "U" + r[1:],
		"non-ASCII":     "Æ" + r[1:],
		"empty":         "",
	} {
		_, err := UnwrapWithRecovery(w, in)
		if !errors.Is(err, ErrRecoveryKeyFormat) {
			t.Errorf("%s: err = %v, want ErrRecoveryKeyFormat", name, err)
		}
		if err != nil && len(in) > 8 && strings.Contains(err.Error(), in[:8]) {
			t.Errorf("%s: error message repeats the recovery key", name)
		}
		if _, err := k.WrapWithRecovery(in); !errors.Is(err, ErrRecoveryKeyFormat) {
			t.Errorf("WrapWithRecovery(%s): err = %v", name, err)
		}
	}
}

func TestRecoveryAndPasswordWrapsAreNotInterchangeable(t *testing.T) {
	k := newKey(t)
	r := mustRecoveryKey(t)
	rw, err := k.WrapWithRecovery(r)
	if err != nil {
		t.Fatal(err)
	}
	pw := wrap(t, k, r, fastParams(t)) // even with the same secret text
	if _, err := Unwrap(rw, r); !errors.Is(err, ErrInvalidWrappedKey) {
		t.Errorf("Unwrap(recovery wrap): err = %v", err)
	}
	if _, err := UnwrapWithRecovery(pw, r); !errors.Is(err, ErrInvalidWrappedKey) {
		t.Errorf("UnwrapWithRecovery(password wrap): err = %v", err)
	}
	if rw.NeedsRewrap() {
		t.Errorf("recovery wrap reported as needing rewrap")
	}
}

func TestRecoveryWrapTextAndPasswordChange(t *testing.T) {
	k := newKey(t)
	r := mustRecoveryKey(t)
	rw, err := k.WrapWithRecovery(r)
	if err != nil {
		t.Fatal(err)
	}
	text, err := rw.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "mbk1$recovery$hkdf-sha256$") {
		t.Fatalf("unexpected text form %q", text)
	}
	sealed := seal(t, k, "Søren", "person.name")

	// A user changes password; the recovery wrap is untouched and still works.
	unlocked, err := Unwrap(wrap(t, k, "old", fastParams(t)), "old")
	if err != nil {
		t.Fatal(err)
	}
	_ = wrap(t, unlocked, "new", fastParams(t))

	var back WrappedKey
	if err := back.UnmarshalText(text); err != nil {
		t.Fatalf("UnmarshalText: %v", err)
	}
	rec, err := UnwrapWithRecovery(back, r)
	if err != nil {
		t.Fatalf("recovery after password change: %v", err)
	}
	if got, err := rec.Open(sealed, "person.name"); err != nil || got != "Søren" {
		t.Fatalf("recovered key cannot read data: %v", err)
	}
}
