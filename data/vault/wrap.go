package vault

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Text format of a WrappedKey, one TEXT column, fields separated by "$":
//
//	mbk1$argon2id$v=19,m=262144,t=4,p=2$<salt>$<sealed>
//	mbk1$recovery$hkdf-sha256$<salt>$<sealed>
//
// salt and sealed are unpadded standard base64. Everything before the last
// "$" is also the associated data of the wrap, so the sealed key is bound to
// its kind and parameters.
const (
	wrapMagic       = "mbk1"
	kdfArgon2id     = "argon2id"
	kindRecoveryTxt = "recovery"
	kdfHKDF         = "hkdf-sha256"
	wrapSealedSize  = sealOverhead + keySize
)

var (
	// ErrWrongPassword means the password does not unwrap the key. A
	// damaged wrap looks the same, since both fail authentication.
	ErrWrongPassword = errors.New("vault: wrong password")
	// ErrEmptyPassword is returned by Wrap: an empty password protects
	// nothing.
	ErrEmptyPassword = errors.New("vault: password is empty")
	// ErrInvalidWrappedKey means a WrappedKey (or its text) is malformed or
	// of the wrong kind for the call.
	ErrInvalidWrappedKey = errors.New("vault: invalid wrapped key")
)

// WrapKind tells what a WrappedKey is wrapped under.
type WrapKind uint8

const (
	// KindPassword wraps under an Argon2id key from a user's password.
	KindPassword WrapKind = iota + 1
	// KindRecovery wraps under the printed recovery key.
	KindRecovery
)

// WrappedKey is the data key encrypted under one password or recovery key,
// together with everything needed to unwrap it except the secret. Store it
// with MarshalText and read it with UnmarshalText.
type WrappedKey struct {
	Kind WrapKind
	// Params are the Argon2id parameters for KindPassword. For KindRecovery
	// only Salt is used (HKDF salt); the other fields are zero.
	Params Params
	// Sealed is version || nonce || AES-256-GCM(data key) || tag.
	Sealed []byte
}

// Wrap encrypts the data key under password using Argon2id with p (normally
// DefaultParams). Changing a password is Unwrap with the old one followed
// by Wrap with the new one; stored values stay as they are.
func (k *DataKey) Wrap(password string, p Params) (WrappedKey, error) {
	if password == "" {
		return WrappedKey{}, ErrEmptyPassword
	}
	if err := p.validate(); err != nil {
		return WrappedKey{}, fmt.Errorf("vault: wrapping key: %w", err)
	}
	// Derive before taking the lock: Argon2id takes a noticeable time and
	// must not hold up Destroy.
	kek := passwordKEK(password, p)
	defer clear(kek)
	return k.wrapWith(kek, WrappedKey{Kind: KindPassword, Params: p.clone()})
}

// Unwrap recovers the data key from a password wrap. A wrong password gives
// an error matching ErrWrongPassword.
func Unwrap(w WrappedKey, password string) (*DataKey, error) {
	if w.Kind != KindPassword {
		return nil, fmt.Errorf("%w: not a password wrap", ErrInvalidWrappedKey)
	}
	if err := w.check(); err != nil {
		return nil, err
	}
	if password == "" { // Wrap never accepts it, so skip the slow derivation.
		return nil, ErrWrongPassword
	}
	kek := passwordKEK(password, w.Params)
	defer clear(kek)
	return unwrapWith(kek, w, ErrWrongPassword)
}

// NeedsRewrap reports whether w is a password wrap made under another
// Argon2id cost than today's defaults: a weaker one (FastParamsForTests, or
// an older default) or one that needs more memory than a login may take
// (64 MiB × 8 before the defaults became 32 MiB × 16, with the same cost per
// guess). The caller should then Wrap again with DefaultParams after the
// next successful Unwrap, while the password is at hand.
func (w WrappedKey) NeedsRewrap() bool {
	return w.Kind == KindPassword && !w.Params.AtDefaults()
}

// wrapWith seals the root key under kek, with w's header as associated data.
func (k *DataKey) wrapWith(kek []byte, w WrappedKey) (WrappedKey, error) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.mat == nil {
		return WrappedKey{}, ErrDestroyed
	}
	sealed, err := gcmSeal(kek, k.mat.root[:], []byte(w.header()))
	if err != nil {
		return WrappedKey{}, fmt.Errorf("vault: wrapping key: %w", err)
	}
	w.Sealed = sealed
	return w, nil
}

// unwrapWith opens w under kek; authentication failure becomes wrongSecret.
func unwrapWith(kek []byte, w WrappedKey, wrongSecret error) (*DataKey, error) {
	root, err := gcmOpen(kek, w.Sealed, []byte(w.header()))
	if err != nil {
		return nil, wrongSecret
	}
	defer clear(root)
	return newDataKey(root)
}

// check validates the structure of w (not the secret).
func (w WrappedKey) check() error {
	switch w.Kind {
	case KindPassword:
		if err := w.Params.validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidWrappedKey, err)
		}
	case KindRecovery:
		p := w.Params
		if len(p.Salt) != saltSize || p.Time != 0 || p.MemoryKiB != 0 || p.Threads != 0 {
			return fmt.Errorf("%w: bad recovery parameters", ErrInvalidWrappedKey)
		}
	default:
		return fmt.Errorf("%w: unknown kind %d", ErrInvalidWrappedKey, w.Kind)
	}
	if len(w.Sealed) != wrapSealedSize {
		return fmt.Errorf("%w: sealed key has %d bytes, want %d", ErrInvalidWrappedKey, len(w.Sealed), wrapSealedSize)
	}
	return nil
}

// header is the text form without the sealed key. It is only meaningful for
// a WrappedKey whose Kind is valid.
func (w WrappedKey) header() string {
	salt := b64.EncodeToString(w.Params.Salt)
	if w.Kind == KindRecovery {
		return strings.Join([]string{wrapMagic, kindRecoveryTxt, kdfHKDF, salt}, "$")
	}
	p := w.Params
	params := fmt.Sprintf("v=%d,m=%d,t=%d,p=%d", argon2.Version, p.MemoryKiB, p.Time, p.Threads)
	return strings.Join([]string{wrapMagic, kdfArgon2id, params, salt}, "$")
}

// MarshalText encodes w for a single TEXT column.
func (w WrappedKey) MarshalText() ([]byte, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	return []byte(w.header() + "$" + b64.EncodeToString(w.Sealed)), nil
}

// UnmarshalText decodes the output of MarshalText. It accepts only the exact
// canonical text, and rejects parameters outside safe bounds, so a damaged
// or hostile row cannot make unlocking hang or exhaust memory.
func (w *WrappedKey) UnmarshalText(text []byte) error {
	v, err := parseWrapped(string(text))
	if err != nil {
		return err
	}
	if canon, err := v.MarshalText(); err != nil || string(canon) != string(text) {
		return fmt.Errorf("%w: not in canonical form", ErrInvalidWrappedKey)
	}
	*w = v
	return nil
}

func parseWrapped(s string) (WrappedKey, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != wrapMagic {
		return WrappedKey{}, fmt.Errorf("%w: unrecognised format", ErrInvalidWrappedKey)
	}
	var w WrappedKey
	switch {
	case parts[1] == kdfArgon2id:
		w.Kind = KindPassword
		if err := parseArgon2Params(parts[2], &w.Params); err != nil {
			return WrappedKey{}, err
		}
	case parts[1] == kindRecoveryTxt && parts[2] == kdfHKDF:
		w.Kind = KindRecovery
	default:
		return WrappedKey{}, fmt.Errorf("%w: unknown key derivation", ErrInvalidWrappedKey)
	}
	var err error
	if w.Params.Salt, err = decodeB64(parts[3]); err != nil {
		return WrappedKey{}, fmt.Errorf("%w: salt: %v", ErrInvalidWrappedKey, err)
	}
	if w.Sealed, err = decodeB64(parts[4]); err != nil {
		return WrappedKey{}, fmt.Errorf("%w: sealed key: %v", ErrInvalidWrappedKey, err)
	}
	if err := w.check(); err != nil {
		return WrappedKey{}, err
	}
	return w, nil
}

// parseArgon2Params reads "v=19,m=…,t=…,p=…". Non-canonical spellings are
// caught later by the re-encode comparison in UnmarshalText.
func parseArgon2Params(s string, p *Params) error {
	fields := strings.Split(s, ",")
	names := []string{"v", "m", "t", "p"}
	if len(fields) != len(names) {
		return fmt.Errorf("%w: bad Argon2id parameters", ErrInvalidWrappedKey)
	}
	vals := make([]uint64, len(names))
	for i, f := range fields {
		num, ok := strings.CutPrefix(f, names[i]+"=")
		if !ok {
			return fmt.Errorf("%w: bad Argon2id parameters", ErrInvalidWrappedKey)
		}
		v, err := strconv.ParseUint(num, 10, 32)
		if err != nil {
			return fmt.Errorf("%w: bad Argon2id parameter %s", ErrInvalidWrappedKey, names[i])
		}
		vals[i] = v
	}
	if vals[0] != argon2.Version {
		return fmt.Errorf("%w: unsupported Argon2 version %d", ErrInvalidWrappedKey, vals[0])
	}
	if vals[3] > 255 {
		return fmt.Errorf("%w: too many threads", ErrInvalidWrappedKey)
	}
	p.MemoryKiB, p.Time, p.Threads = uint32(vals[1]), uint32(vals[2]), uint8(vals[3])
	return nil
}
