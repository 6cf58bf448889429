package vault

import (
	"bytes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func lookup(t testing.TB, k *DataKey, kind, value string) string {
	t.Helper()
	h, err := k.LookupHash(kind, value)
	if err != nil {
		t.Fatalf("LookupHash: %v", err)
	}
	return h
}

func TestLookupHash(t *testing.T) {
	k, other := newKey(t), newKey(t)
	const cpr = "0101901234"
	h := lookup(t, k, "cpr", cpr)

	if raw, err := hex.DecodeString(h); err != nil || len(raw) != 32 || h != strings.ToLower(h) {
		t.Fatalf("hash %q is not 64 lower-case hex characters", h)
	}
	if lookup(t, k, "cpr", cpr) != h {
		t.Errorf("not deterministic for the same key")
	}
	if lookup(t, other, "cpr", cpr) == h {
		t.Errorf("same hash under a different key")
	}
	if lookup(t, k, "phone", cpr) == h {
		t.Errorf("same hash for a different kind")
	}
	if lookup(t, k, "cpr", "0101901235") == h {
		t.Errorf("same hash for a different value")
	}
	// Kind and value must not run together.
	if lookup(t, k, "ab", "c") == lookup(t, k, "a", "bc") {
		t.Errorf("kind/value boundary is ambiguous")
	}
	for _, form := range []string{cpr, cpr[:6], cpr[6:], hex.EncodeToString([]byte(cpr))} {
		if strings.Contains(h, form) {
			t.Errorf("hash contains %q of the value", form)
		}
	}
}

// TestLookupHashConstruction pins the documented construction, computed here
// independently: HMAC-SHA256 under HKDF(data key, "mentorbog lookup v1") of
// an 8-byte big-endian kind length, the kind and the value. Stored indexes
// depend on it never changing silently.
func TestLookupHashConstruction(t *testing.T) {
	root := bytes.Repeat([]byte{0x42}, keySize)
	k, err := newDataKey(root)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := hkdf.Key(sha256.New, root, nil, "mentorbog lookup v1", 32)
	if err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, sub)
	mac.Write([]byte{0, 0, 0, 0, 0, 0, 0, 3})
	mac.Write([]byte("cpr0101901234"))
	if got, want := lookup(t, k, "cpr", "0101901234"), hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Fatalf("LookupHash = %s, want %s", got, want)
	}
}

func TestLookupHashSurvivesUnwrap(t *testing.T) {
	k := newKey(t)
	h := lookup(t, k, "cpr", "0101901234")
	got, err := Unwrap(wrap(t, k, "pw", fastParams(t)), "pw")
	if err != nil {
		t.Fatal(err)
	}
	if lookup(t, got, "cpr", "0101901234") != h {
		t.Fatalf("lookup hash differs after unwrap; stored index would not match")
	}
}

func BenchmarkLookupHash(b *testing.B) {
	k := newKey(b)
	for b.Loop() {
		if _, err := k.LookupHash("cpr", "0101901234"); err != nil {
			b.Fatal(err)
		}
	}
}
