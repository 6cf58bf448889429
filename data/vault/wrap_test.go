package vault

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func fastParams(t testing.TB) Params {
	t.Helper()
	p, err := FastParamsForTests()
	if err != nil {
		t.Fatalf("FastParamsForTests: %v", err)
	}
	return p
}

func wrap(t testing.TB, k *DataKey, password string, p Params) WrappedKey {
	t.Helper()
	w, err := k.Wrap(password, p)
	if err != nil {
		t.Fatalf("Wrap: %v", err)
	}
	return w
}

// sameKey reports whether a and b hold the same data key, judged by
// behaviour: each opens what the other sealed and their lookup hashes agree.
func sameKey(t testing.TB, a, b *DataKey) bool {
	t.Helper()
	s := seal(t, a, "Søren Ærø", "probe")
	got, err := b.Open(s, "probe")
	ha, _ := a.LookupHash("cpr", "0101901234")
	hb, _ := b.LookupHash("cpr", "0101901234")
	return err == nil && got == "Søren Ærø" && ha == hb
}

func TestWrapUnwrap(t *testing.T) {
	k := newKey(t)
	w := wrap(t, k, "korrekt hest batteri hæfteklamme", fastParams(t))
	if w.Kind != KindPassword || len(w.Sealed) != wrapSealedSize {
		t.Fatalf("unexpected wrapped key: kind %d, %d sealed bytes", w.Kind, len(w.Sealed))
	}
	if bytes.Contains(w.Sealed, k.mat.root[:]) {
		t.Fatalf("wrapped key contains the data key")
	}
	got, err := Unwrap(w, "korrekt hest batteri hæfteklamme")
	if err != nil {
		t.Fatalf("Unwrap with right password: %v", err)
	}
	if !sameKey(t, k, got) {
		t.Fatalf("unwrapped key differs from the original")
	}
	for _, bad := range []string{"", "korrekt hest batteri haefteklamme", "Korrekt hest batteri hæfteklamme", "korrekt hest batteri hæfteklamme "} {
		if _, err := Unwrap(w, bad); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("Unwrap with wrong password: err = %v, want ErrWrongPassword", err)
		}
	}
}

func TestWrapRejectsBadInput(t *testing.T) {
	k := newKey(t)
	if _, err := k.Wrap("", fastParams(t)); !errors.Is(err, ErrEmptyPassword) {
		t.Errorf("empty password: err = %v", err)
	}
	base := fastParams(t)
	for name, mutate := range map[string]func(*Params){
		"short salt":    func(p *Params) { p.Salt = p.Salt[:8] },
		"no salt":       func(p *Params) { p.Salt = nil },
		"zero time":     func(p *Params) { p.Time = 0 },
		"huge time":     func(p *Params) { p.Time = maxTime + 1 },
		"zero threads":  func(p *Params) { p.Threads = 0 },
		"tiny memory":   func(p *Params) { p.MemoryKiB = 7 },
		"huge memory":   func(p *Params) { p.MemoryKiB = maxMemoryKiB + 1 },
		"memory/thread": func(p *Params) { p.Threads = 4; p.MemoryKiB = 31 },
	} {
		p := base.clone()
		mutate(&p)
		if _, err := k.Wrap("pw", p); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("%s: err = %v, want ErrInvalidParams", name, err)
		}
	}
}

func TestWrapIsFreshEachTime(t *testing.T) {
	k := newKey(t)
	p := fastParams(t)
	a, b := wrap(t, k, "pw", p), wrap(t, k, "pw", p)
	if bytes.Equal(a.Sealed, b.Sealed) {
		t.Fatalf("two wraps with the same password and salt are identical (nonce reused)")
	}
	// Wrap keeps its own copy of the salt.
	p.Salt[0] ^= 0xff
	if _, err := Unwrap(a, "pw"); err != nil {
		t.Fatalf("changing the caller's salt broke the wrap: %v", err)
	}
}

func TestUnwrapDetectsTamperedWrap(t *testing.T) {
	k := newKey(t)
	w := wrap(t, k, "pw", fastParams(t))
	for name, mutate := range map[string]func(*WrappedKey){
		"time":   func(w *WrappedKey) { w.Params.Time++ },
		"memory": func(w *WrappedKey) { w.Params.MemoryKiB++ },
		"salt":   func(w *WrappedKey) { w.Params.Salt[3] ^= 1 },
		"sealed": func(w *WrappedKey) { w.Sealed[20] ^= 1 },
		"nonce":  func(w *WrappedKey) { w.Sealed[1] ^= 1 },
	} {
		bad := w
		bad.Params = w.Params.clone()
		bad.Sealed = append([]byte(nil), w.Sealed...)
		mutate(&bad)
		if _, err := Unwrap(bad, "pw"); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("tampered %s: err = %v, want ErrWrongPassword", name, err)
		}
	}
	short := w
	short.Sealed = w.Sealed[:10]
	if _, err := Unwrap(short, "pw"); !errors.Is(err, ErrInvalidWrappedKey) {
		t.Errorf("short sealed key: err = %v, want ErrInvalidWrappedKey", err)
	}
	if _, err := Unwrap(WrappedKey{}, "pw"); !errors.Is(err, ErrInvalidWrappedKey) {
		t.Errorf("zero WrappedKey: err = %v, want ErrInvalidWrappedKey", err)
	}
}

func TestWrappedKeyTextRoundTrip(t *testing.T) {
	k := newKey(t)
	w := wrap(t, k, "pw", fastParams(t))
	text, err := w.MarshalText()
	if err != nil {
		t.Fatalf("MarshalText: %v", err)
	}
	if !strings.HasPrefix(string(text), "mbk1$argon2id$v=19,m=64,t=1,p=1$") {
		t.Fatalf("unexpected text form %q", text)
	}
	var back WrappedKey
	if err := back.UnmarshalText(text); err != nil {
		t.Fatalf("UnmarshalText: %v", err)
	}
	if !reflect.DeepEqual(back, w) {
		t.Fatalf("text round trip changed the wrapped key")
	}
	got, err := Unwrap(back, "pw")
	if err != nil || !sameKey(t, k, got) {
		t.Fatalf("key decoded from text does not unwrap: %v", err)
	}
}

func TestWrappedKeyRejectsGarbage(t *testing.T) {
	k := newKey(t)
	good, err := wrap(t, k, "pw", fastParams(t)).MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	g := string(good)
	parts := strings.Split(g, "$")
	join := func(p ...string) string { return strings.Join(p, "$") }
	for name, in := range map[string]string{
		"empty":             "",
		"garbage":           "not a key",
		"sealed field":      "v1:AAAA",
		"magic only":        "mbk1",
		"other magic":       join("mbk2", parts[1], parts[2], parts[3], parts[4]),
		"unknown kdf":       join(parts[0], "scrypt", parts[2], parts[3], parts[4]),
		"missing field":     join(parts[0], parts[1], parts[2], parts[4]),
		"extra field":       g + "$AAAA",
		"trailing newline":  g + "\n",
		"leading space":     " " + g,
		"argon2 version 16": join(parts[0], parts[1], "v=16,m=64,t=1,p=1", parts[3], parts[4]),
		"huge memory":       join(parts[0], parts[1], "v=19,m=4294967295,t=1,p=1", parts[3], parts[4]),
		"huge time":         join(parts[0], parts[1], "v=19,m=64,t=4000000000,p=1", parts[3], parts[4]),
		"threads overflow":  join(parts[0], parts[1], "v=19,m=64,t=1,p=257", parts[3], parts[4]),
		"zero threads":      join(parts[0], parts[1], "v=19,m=64,t=1,p=0", parts[3], parts[4]),
		"non-canonical num": join(parts[0], parts[1], "v=19,m=064,t=1,p=1", parts[3], parts[4]),
		"plus sign":         join(parts[0], parts[1], "v=19,m=+64,t=1,p=1", parts[3], parts[4]),
		"reordered params":  join(parts[0], parts[1], "v=19,t=1,m=64,p=1", parts[3], parts[4]),
		"missing param":     join(parts[0], parts[1], "v=19,m=64,t=1", parts[3], parts[4]),
		"short salt":        join(parts[0], parts[1], parts[2], "AAAA", parts[4]),
		"padded salt":       join(parts[0], parts[1], parts[2], parts[3]+"==", parts[4]),
		"bad base64":        join(parts[0], parts[1], parts[2], parts[3], "!!!!"),
		"short sealed":      join(parts[0], parts[1], parts[2], parts[3], parts[4][:20]),
		"recovery+params":   join(parts[0], "recovery", parts[2], parts[3], parts[4]),
	} {
		var w WrappedKey
		if err := w.UnmarshalText([]byte(in)); !errors.Is(err, ErrInvalidWrappedKey) {
			t.Errorf("%s: err = %v, want ErrInvalidWrappedKey", name, err)
		}
		if w.Kind != 0 || w.Sealed != nil {
			t.Errorf("%s: failed UnmarshalText modified its receiver", name)
		}
	}
	if _, err := (WrappedKey{}).MarshalText(); !errors.Is(err, ErrInvalidWrappedKey) {
		t.Errorf("MarshalText of zero value: err = %v", err)
	}
}

func TestPasswordChangeKeepsDataReadable(t *testing.T) {
	k := newKey(t)
	values := map[string]string{"person.name": "Søren Ærø Åkjær", "person.cpr": "0101901234", "session.notes": strings.Repeat("æøå ", 500)}
	sealed := map[string]string{}
	for ad, v := range values {
		sealed[ad] = seal(t, k, v, ad)
	}
	hashBefore, _ := k.LookupHash("cpr", "0101901234")
	oldWrap := wrap(t, k, "gammelt kodeord", fastParams(t))
	k.Destroy() // logout

	// Change password: unwrap with the old, wrap with the new.
	unlocked, err := Unwrap(oldWrap, "gammelt kodeord")
	if err != nil {
		t.Fatal(err)
	}
	newWrap := wrap(t, unlocked, "nyt kodeord æøå", fastParams(t))
	unlocked.Destroy()

	if _, err := Unwrap(newWrap, "gammelt kodeord"); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("old password still opens the new wrap: %v", err)
	}
	again, err := Unwrap(newWrap, "nyt kodeord æøå")
	if err != nil {
		t.Fatalf("new password: %v", err)
	}
	for ad, want := range values {
		if got, err := again.Open(sealed[ad], ad); err != nil || got != want {
			t.Fatalf("%s unreadable after password change: %v", ad, err)
		}
	}
	if h, _ := again.LookupHash("cpr", "0101901234"); h != hashBefore {
		t.Fatalf("lookup hash changed with the password; the index would break")
	}
}

func TestDefaultParams(t *testing.T) {
	a, err := DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := DefaultParams()
	if a.Time != 16 || a.MemoryKiB != 32*1024 || a.Threads != 2 || len(a.Salt) != saltSize {
		t.Fatalf("unexpected defaults %+v", a)
	}
	if bytes.Equal(a.Salt, b.Salt) {
		t.Fatalf("DefaultParams reused a salt")
	}
	if err := a.validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if (WrappedKey{Kind: KindPassword, Params: a}).NeedsRewrap() {
		t.Errorf("default wrap reported as needing rewrap")
	}
	if !(WrappedKey{Kind: KindPassword, Params: fastParams(t)}).NeedsRewrap() {
		t.Errorf("fast test wrap not reported as needing rewrap")
	}
	// The defaults before 32 MiB × 16: as costly per guess, but a login
	// with them takes 64 MiB, over the GUI's memory budget.
	old := a
	old.Time, old.MemoryKiB = 8, 64*1024
	if !(WrappedKey{Kind: KindPassword, Params: old}).NeedsRewrap() {
		t.Errorf("a wrap under the old 64 MiB × 8 defaults not reported as needing rewrap")
	}
	threads := a
	threads.Threads = 4
	if (WrappedKey{Kind: KindPassword, Params: threads}).NeedsRewrap() {
		t.Errorf("a wrap at the default cost with other threads reported as needing rewrap")
	}
	if testing.Short() {
		t.Skip("full Argon2id derivation skipped in -short mode")
	}
	k := newKey(t)
	got, err := Unwrap(wrap(t, k, "pw", a), "pw")
	if err != nil || !sameKey(t, k, got) {
		t.Fatalf("wrap with default parameters does not unwrap: %v", err)
	}
}

// BenchmarkUnwrapDefaultParams measures one unlock with the production
// Argon2id cost; see the figure recorded beside defaultTime in params.go.
func BenchmarkUnwrapDefaultParams(b *testing.B) {
	p, err := DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	w := wrap(b, newKey(b), "korrekt hest batteri hæfteklamme", p)
	for b.Loop() {
		k, err := Unwrap(w, "korrekt hest batteri hæfteklamme")
		if err != nil {
			b.Fatal(err)
		}
		k.Destroy()
	}
}
