package vault

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func newKey(t testing.TB) *DataKey {
	t.Helper()
	k, err := NewDataKey()
	if err != nil {
		t.Fatalf("NewDataKey: %v", err)
	}
	return k
}

func seal(t testing.TB, k *DataKey, plain, ad string) string {
	t.Helper()
	s, err := k.Seal(plain, ad)
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	return s
}

// rawOf decodes the base64 body of a sealed value.
func rawOf(t testing.TB, sealed string) []byte {
	t.Helper()
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, fieldPrefix))
	if err != nil {
		t.Fatalf("sealed value is not base64: %v", err)
	}
	return raw
}

func encodeRaw(raw []byte) string { return fieldPrefix + base64.RawStdEncoding.EncodeToString(raw) }

var samplePlaintexts = []string{
	"Søren Ærø Åkjær, Æblevej 5, 2. th., Ølstykke",
	"0101901234",
	"x",
	strings.Repeat("Samtale om trivsel, søvn og medicin – æøå ÆØÅ.\n", 5000),
	"\xff\xfe invalid UTF-8 and a NUL \x00 byte",
}

func TestSealOpenRoundTrip(t *testing.T) {
	k := newKey(t)
	for _, plain := range samplePlaintexts {
		for _, ad := range []string{"", "person.notes", "person.name"} {
			sealed := seal(t, k, plain, ad)
			if !strings.HasPrefix(sealed, "v1:") {
				t.Fatalf("sealed value lacks prefix")
			}
			if got, want := len(rawOf(t, sealed)), len(plain)+sealOverhead; got != want {
				t.Errorf("raw length %d, want %d", got, want)
			}
			got, err := k.Open(sealed, ad)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if got != plain {
				t.Fatalf("round trip changed the value (len %d → %d)", len(plain), len(got))
			}
		}
	}
}

func TestSealUsesFreshNonce(t *testing.T) {
	k := newKey(t)
	const plain = "Hanne Hansen"
	seen := map[string]bool{}
	nonces := map[string]bool{}
	for range 200 {
		s := seal(t, k, plain, "person.name")
		if seen[s] {
			t.Fatalf("Seal produced the same output twice")
		}
		seen[s] = true
		nonces[string(rawOf(t, s)[1:1+nonceSize])] = true
		if got, err := k.Open(s, "person.name"); err != nil || got != plain {
			t.Fatalf("Open = %q, %v", got, err)
		}
	}
	if len(nonces) != 200 {
		t.Fatalf("nonce repeated")
	}
}

func TestSealedHidesPlaintext(t *testing.T) {
	k := newKey(t)
	for _, plain := range []string{
		"Søren Ærø Åkjær", "0101901234", "diagnose: depression og angst",
		strings.Repeat("a", 1000),
	} {
		sealed := seal(t, k, plain, "")
		if strings.Contains(sealed, plain) {
			t.Errorf("sealed text contains the plaintext")
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding} {
			if strings.Contains(sealed, strings.TrimRight(enc.EncodeToString([]byte(plain)), "=")) {
				t.Errorf("sealed text contains base64 of the plaintext")
			}
		}
		if strings.Contains(sealed, hex.EncodeToString([]byte(plain))) {
			t.Errorf("sealed text contains hex of the plaintext")
		}
		// The decisive check: the decoded bytes, whatever their alignment,
		// do not contain the plaintext.
		if strings.Contains(string(rawOf(t, sealed)), plain) {
			t.Errorf("ciphertext bytes contain the plaintext")
		}
	}
}

func TestOpenRejectsWrongKeyAndAD(t *testing.T) {
	k, other := newKey(t), newKey(t)
	sealed := seal(t, k, "Søren Ærø", "person.name")

	if _, err := other.Open(sealed, "person.name"); !errors.Is(err, ErrTampered) {
		t.Errorf("wrong key: err = %v, want ErrTampered", err)
	}
	for _, ad := range []string{"", "person.notes", "person.name ", "Person.name"} {
		if _, err := k.Open(sealed, ad); !errors.Is(err, ErrTampered) {
			t.Errorf("wrong ad %q: err = %v, want ErrTampered", ad, err)
		}
	}
	noAD := seal(t, k, "Søren Ærø", "")
	if _, err := k.Open(noAD, "person.name"); !errors.Is(err, ErrTampered) {
		t.Errorf("ad added on open: err = %v, want ErrTampered", err)
	}
}

func TestOpenRejectsFlippedBytes(t *testing.T) {
	k := newKey(t)
	sealed := seal(t, k, "0101901234", "person.cpr")
	raw := rawOf(t, sealed)
	for i := range raw {
		for _, bit := range []byte{0x01, 0x80} {
			bad := append([]byte(nil), raw...)
			bad[i] ^= bit
			got, err := k.Open(encodeRaw(bad), "person.cpr")
			if !errors.Is(err, ErrTampered) {
				t.Fatalf("byte %d bit %#x flipped: got %q, err %v; want ErrTampered", i, bit, got, err)
			}
		}
	}
	// Changing a character of the text form, including into one outside the
	// base64 alphabet.
	for i := len(fieldPrefix); i < len(sealed); i++ {
		for _, c := range []byte{'A', '/', '!', '\n'} {
			if sealed[i] == c {
				continue
			}
			bad := sealed[:i] + string(c) + sealed[i+1:]
			if _, err := k.Open(bad, "person.cpr"); err == nil {
				t.Fatalf("character %d changed to %q: Open succeeded", i, c)
			}
		}
	}
}

func TestOpenRejectsTruncatedAndExtended(t *testing.T) {
	k := newKey(t)
	sealed := seal(t, k, "Søren Ærø Åkjær", "person.name")
	// Length 0 is the empty value, which opens as "" by design.
	for n := 1; n < len(sealed); n++ {
		if got, err := k.Open(sealed[:n], "person.name"); err == nil {
			t.Fatalf("truncated to %d characters: Open returned %q", n, got)
		}
	}
	raw := rawOf(t, sealed)
	for n := 0; n < len(raw); n++ {
		if _, err := k.Open(encodeRaw(raw[:n]), "person.name"); !errors.Is(err, ErrTampered) {
			t.Fatalf("raw truncated to %d bytes: err = %v, want ErrTampered", n, err)
		}
	}
	for _, extra := range []string{"A", "AA", "AAAA", "=", "\n", " "} {
		if _, err := k.Open(sealed+extra, "person.name"); err == nil {
			t.Fatalf("extended by %q: Open succeeded", extra)
		}
	}
	if _, err := k.Open(encodeRaw(append(raw, 0)), "person.name"); !errors.Is(err, ErrTampered) {
		t.Fatalf("extra raw byte: err = %v, want ErrTampered", err)
	}
}

func TestOpenRejectsUnsealedValues(t *testing.T) {
	k := newKey(t)
	sealed := seal(t, k, "Hanne", "")
	for _, in := range []string{
		"0101901234", "Hanne Hansen", "v2:" + sealed[3:], "V1:" + sealed[3:],
		" " + sealed, "v1" + sealed[3:], "v1 :" + sealed[3:],
	} {
		got, err := k.Open(in, "")
		if !errors.Is(err, ErrNotSealed) {
			t.Errorf("Open(unsealed) = %q, %v; want ErrNotSealed", got, err)
			continue
		}
		if got != "" || strings.Contains(err.Error(), in) {
			t.Errorf("Open(unsealed) leaked the value (result %q, error %q)", got, err)
		}
	}
}

func TestEmptyString(t *testing.T) {
	k := newKey(t)
	if s := seal(t, k, "", "person.notes"); s != "" {
		t.Fatalf(`Seal("") = %q, want ""`, s)
	}
	for _, ad := range []string{"", "person.notes"} {
		if got, err := k.Open("", ad); got != "" || err != nil {
			t.Fatalf(`Open("") = %q, %v; want "", nil`, got, err)
		}
	}
	// A correctly authenticated blob with an empty ciphertext is never
	// produced by Seal, so it is rejected rather than opened to "".
	raw, err := gcmSeal(k.mat.field[:], nil, []byte("person.notes"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Open(encodeRaw(raw), "person.notes"); !errors.Is(err, ErrTampered) {
		t.Fatalf("empty ciphertext: err = %v, want ErrTampered", err)
	}
}

// TestOpenIndependentlyBuiltValue pins the stored format: a value built here
// with plain AES-256-GCM under HKDF(data key, "mentorbog field v1"), laid out
// as "v1:" + base64(1 || nonce || ciphertext+tag) with AD 1 || ad, opens.
func TestOpenIndependentlyBuiltValue(t *testing.T) {
	root := bytes.Repeat([]byte{0x42}, keySize)
	k, err := newDataKey(root)
	if err != nil {
		t.Fatal(err)
	}
	fieldKey, err := hkdf.Key(sha256.New, root, nil, "mentorbog field v1", 32)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := aes.NewCipher(fieldKey)
	aead, _ := cipher.NewGCM(block)
	nonce := bytes.Repeat([]byte{9}, 12)
	raw := append([]byte{1}, nonce...)
	raw = aead.Seal(raw, nonce, []byte("Søren Ærø"), []byte("\x01person.name"))
	stored := "v1:" + base64.RawStdEncoding.EncodeToString(raw)
	if got, err := k.Open(stored, "person.name"); err != nil || got != "Søren Ærø" {
		t.Fatalf("Open = %q, %v", got, err)
	}
}

func TestSubkeysAreSeparate(t *testing.T) {
	m := newKey(t).mat
	if m.root == m.field || m.root == m.lookup || m.field == m.lookup {
		t.Fatalf("data key, field key and lookup key must all differ")
	}
}

func TestDestroy(t *testing.T) {
	k := newKey(t)
	sealed := seal(t, k, "Hanne", "")
	mat := k.mat
	k.Destroy()
	if mat.root != [keySize]byte{} || mat.field != [keySize]byte{} || mat.lookup != [keySize]byte{} {
		t.Fatalf("Destroy left key bytes in memory")
	}
	if mat.fieldAEAD != nil {
		t.Fatalf("Destroy left the field cipher reachable")
	}
	if _, err := k.Seal("x", ""); !errors.Is(err, ErrDestroyed) {
		t.Errorf("Seal after Destroy: %v", err)
	}
	if _, err := k.Open(sealed, ""); !errors.Is(err, ErrDestroyed) {
		t.Errorf("Open after Destroy: %v", err)
	}
	if _, err := k.LookupHash("cpr", "0101901234"); !errors.Is(err, ErrDestroyed) {
		t.Errorf("LookupHash after Destroy: %v", err)
	}
	p, _ := FastParamsForTests()
	if _, err := k.Wrap("pw", p); !errors.Is(err, ErrDestroyed) {
		t.Errorf("Wrap after Destroy: %v", err)
	}
	if _, err := k.WrapWithRecovery(mustRecoveryKey(t)); !errors.Is(err, ErrDestroyed) {
		t.Errorf("WrapWithRecovery after Destroy: %v", err)
	}
	k.Destroy() // second call must be harmless
}

func TestConcurrentUseAndDestroy(t *testing.T) {
	k := newKey(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				s, err := k.Seal("Søren", "ad")
				if errors.Is(err, ErrDestroyed) {
					return
				}
				if err != nil {
					t.Errorf("Seal: %v", err)
					return
				}
				if _, err := k.Open(s, "ad"); err != nil && !errors.Is(err, ErrDestroyed) {
					t.Errorf("Open: %v", err)
					return
				}
			}
		})
	}
	k.Destroy()
	wg.Wait()
}

func TestDataKeyIsNeverPrinted(t *testing.T) {
	k := newKey(t)
	secrets := [][]byte{k.mat.root[:], k.mat.field[:], k.mat.lookup[:]}
	type holder struct {
		Name string
		Key  *DataKey
	}
	outputs := []string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%q"} {
		outputs = append(outputs,
			fmt.Sprintf(verb, k), fmt.Sprintf(verb, *k.mat), fmt.Sprintf(verb, k.mat),
			fmt.Sprintf(verb, holder{"x", k}), fmt.Sprintf(verb, []*DataKey{k}))
	}
	outputs = append(outputs, k.String(), k.GoString(), fmt.Sprint(k), fmt.Sprintln(k))
	for _, out := range outputs {
		for _, s := range secrets {
			for _, form := range []string{
				string(s), hex.EncodeToString(s), strings.ToUpper(hex.EncodeToString(s)),
				fmt.Sprint(s[:8])[1:15], // decimal "[12 34 …"
			} {
				if strings.Contains(out, form) {
					t.Fatalf("printed form %q reveals key bytes", out)
				}
			}
		}
	}
	if got := fmt.Sprintf("%v|%#v|%x", k, k, k); got != "DataKey(redacted)|DataKey(redacted)|DataKey(redacted)" {
		t.Fatalf("unexpected printed form %q", got)
	}
}

func BenchmarkSealOpen(b *testing.B) {
	k := newKey(b)
	plain := strings.Repeat("Samtale om trivsel – æøå. ", 20) // ~0.5 KB note
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		s, err := k.Seal(plain, "session.notes")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := k.Open(s, "session.notes"); err != nil {
			b.Fatal(err)
		}
	}
}
