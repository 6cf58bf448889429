package vault

import (
	"bytes"
	"errors"
	"testing"
)

// sealDeterministic seals like Seal but with a fixed nonce. The fuzzing
// engine re-runs the fuzz function's setup in every worker process, so
// seeds must come out identical each time; never do this outside tests.
func sealDeterministic(k *DataKey, plain, ad string) (string, error) {
	aead, err := newGCM(k.mat.field[:])
	if err != nil {
		return "", err
	}
	raw := make([]byte, 1+nonceSize)
	raw[0] = sealVersion
	nonce := raw[1:]
	copy(nonce, plain+ad+"fixed-nonce.")
	raw = aead.Seal(raw, nonce, []byte(plain), versionedAD([]byte(ad)))
	return fieldPrefix + b64.EncodeToString(raw), nil
}

// FuzzOpen checks that Open never panics and never accepts anything but the
// exact values sealed for the seeds. A fixed key and deterministic seeds
// keep the check valid across fuzz worker processes and saved corpora.
func FuzzOpen(f *testing.F) {
	k, err := newDataKey(bytes.Repeat([]byte{7}, keySize))
	if err != nil {
		f.Fatal(err)
	}
	type opened struct{ plain, ad string }
	valid := map[string]opened{}
	for _, seed := range []opened{
		{"Søren Ærø Åkjær", "person.name"}, {"0101901234", "person.cpr"}, {"x", ""},
	} {
		s, err := sealDeterministic(k, seed.plain, seed.ad)
		if err != nil {
			f.Fatal(err)
		}
		if got, err := k.Open(s, seed.ad); err != nil || got != seed.plain {
			f.Fatalf("deterministic seed does not open: %v", err)
		}
		valid[s] = seed
		f.Add(s, seed.ad)
		f.Add(s, "other")
		f.Add(s[:len(s)-1], seed.ad)
		f.Add(s+"A", seed.ad)
	}
	for _, s := range []string{"", "v1:", "v1:=", "v1:AAAA", "v1:\n", "v2:AAAA", "plain", "v1:////////////////////////////////////////"} {
		f.Add(s, "")
	}

	f.Fuzz(func(t *testing.T, stored, ad string) {
		got, err := k.Open(stored, ad)
		if err != nil {
			if got != "" {
				t.Fatalf("Open returned text together with an error")
			}
			if !errors.Is(err, ErrTampered) && !errors.Is(err, ErrNotSealed) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if stored == "" {
			if got != "" {
				t.Fatalf(`Open("") = %q`, got)
			}
			return
		}
		want, ok := valid[stored]
		if !ok || want.ad != ad || want.plain != got {
			t.Fatalf("Open accepted a value it never sealed: %q (ad %q)", stored, ad)
		}
	})
}

// FuzzUnmarshalWrappedKey checks that decoding never panics and that every
// accepted text is canonical.
func FuzzUnmarshalWrappedKey(f *testing.F) {
	p, err := FastParamsForTests()
	if err != nil {
		f.Fatal(err)
	}
	k, err := NewDataKey()
	if err != nil {
		f.Fatal(err)
	}
	w, err := k.Wrap("pw", p)
	if err != nil {
		f.Fatal(err)
	}
	text, _ := w.MarshalText()
	f.Add(string(text))
	f.Add("mbk1$recovery$hkdf-sha256$AAAAAAAAAAAAAAAAAAAAAA$AAAA")
	f.Add("mbk1$argon2id$v=19,m=1,t=1,p=1$$")
	f.Fuzz(func(t *testing.T, in string) {
		var w WrappedKey
		if err := w.UnmarshalText([]byte(in)); err != nil {
			return
		}
		out, err := w.MarshalText()
		if err != nil || string(out) != in {
			t.Fatalf("accepted non-canonical text %q", in)
		}
	})
}

// FuzzParseRecoveryKey checks that parsing never panics and that accepted
// keys re-format to text that parses to the same secret.
func FuzzParseRecoveryKey(f *testing.F) {
	r, err := NewRecoveryKey()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(r)
	f.Add("")
	f.Add("oooo-iiii-llll")
	f.Fuzz(func(t *testing.T, in string) {
		secret, err := parseRecoveryKey(in)
		if err != nil {
			if !errors.Is(err, ErrRecoveryKeyFormat) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		again, err := parseRecoveryKey(formatRecoveryKey(secret))
		if err != nil || !bytes.Equal(again, secret) {
			t.Fatalf("re-formatted key does not parse to the same secret")
		}
	})
}
