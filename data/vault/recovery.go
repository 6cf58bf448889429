package vault

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// A recovery key is 32 random bytes plus a 3-byte checksum, written in
// Crockford base32: 56 characters shown as 14 groups of 4 joined by dashes.
// The checksum lets UnwrapWithRecovery tell a typing mistake
// (ErrRecoveryKeyFormat) from a different, valid key (ErrWrongRecoveryKey).
const (
	recoverySecretSize = 32
	recoveryCheckSize  = 3 // 35 bytes = 280 bits = exactly 56 characters
	recoveryGroupSize  = 4
	recoveryChecksumID = "mentorbog recovery checksum v1"
	infoRecoveryWrap   = "mentorbog recovery wrap v1"
)

var (
	// ErrRecoveryKeyFormat means the text is not a well-formed recovery key
	// (wrong length, invalid character or a typing mistake).
	ErrRecoveryKeyFormat = errors.New("vault: recovery key is mistyped or incomplete")
	// ErrWrongRecoveryKey means a well-formed recovery key that does not
	// unwrap this key.
	ErrWrongRecoveryKey = errors.New("vault: wrong recovery key")
)

// crockford omits I, L, O and U so the printed key cannot be misread.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// NewRecoveryKey returns a fresh recovery key such as
// "7K3M-Q9TR-…" for the administrator to print once at setup. Wrap the data
// key with it using WrapWithRecovery; the key itself is not stored.
func NewRecoveryKey() (string, error) {
	secret := make([]byte, recoverySecretSize)
	defer clear(secret)
	if _, err := rand.Read(secret); err != nil {
		return "", fmt.Errorf("vault: generating recovery key: %w", err)
	}
	return formatRecoveryKey(secret), nil
}

// WrapWithRecovery encrypts the data key under a recovery key from
// NewRecoveryKey. The recovery key has 256 bits of entropy, so HKDF-SHA256
// suffices; a slow password hash would add nothing.
func (k *DataKey) WrapWithRecovery(recovery string) (WrappedKey, error) {
	secret, err := parseRecoveryKey(recovery)
	if err != nil {
		return WrappedKey{}, err
	}
	defer clear(secret)
	salt, err := randomSalt()
	if err != nil {
		return WrappedKey{}, err
	}
	kek, err := recoveryKEK(secret, salt)
	if err != nil {
		return WrappedKey{}, err
	}
	defer clear(kek)
	return k.wrapWith(kek, WrappedKey{Kind: KindRecovery, Params: Params{Salt: salt}})
}

// UnwrapWithRecovery recovers the data key from a recovery wrap. Lower case,
// spaces and missing dashes are accepted, as are O for 0 and I or L for 1.
func UnwrapWithRecovery(w WrappedKey, recovery string) (*DataKey, error) {
	if w.Kind != KindRecovery {
		return nil, fmt.Errorf("%w: not a recovery wrap", ErrInvalidWrappedKey)
	}
	if err := w.check(); err != nil {
		return nil, err
	}
	secret, err := parseRecoveryKey(recovery)
	if err != nil {
		return nil, err
	}
	defer clear(secret)
	kek, err := recoveryKEK(secret, w.Params.Salt)
	if err != nil {
		return nil, err
	}
	defer clear(kek)
	return unwrapWith(kek, w, ErrWrongRecoveryKey)
}

func recoveryKEK(secret, salt []byte) ([]byte, error) {
	kek, err := hkdf.Key(sha256.New, secret, salt, infoRecoveryWrap, keySize)
	if err != nil {
		return nil, fmt.Errorf("vault: deriving recovery wrapping key: %w", err)
	}
	return kek, nil
}

func recoveryChecksum(secret []byte) []byte {
	sum := sha256.Sum256(append([]byte(recoveryChecksumID), secret...))
	return sum[:recoveryCheckSize]
}

// formatRecoveryKey renders secret with its checksum in dashed groups.
func formatRecoveryKey(secret []byte) string {
	buf := append(append([]byte(nil), secret...), recoveryChecksum(secret)...)
	defer clear(buf)
	s := crockford.EncodeToString(buf)
	var b strings.Builder
	for i := 0; i < len(s); i += recoveryGroupSize {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i : i+recoveryGroupSize])
	}
	return b.String()
}

// parseRecoveryKey returns the 32 secret bytes; the caller must clear them.
func parseRecoveryKey(s string) ([]byte, error) {
	norm := normaliseRecoveryKey(s)
	want := crockford.EncodedLen(recoverySecretSize + recoveryCheckSize)
	if len(norm) != want {
		return nil, fmt.Errorf("%w: has %d characters, want %d", ErrRecoveryKeyFormat, len(norm), want)
	}
	raw, err := crockford.DecodeString(norm)
	if err != nil {
		return nil, fmt.Errorf("%w: invalid character", ErrRecoveryKeyFormat)
	}
	secret, check := raw[:recoverySecretSize], raw[recoverySecretSize:]
	if subtle.ConstantTimeCompare(check, recoveryChecksum(secret)) != 1 {
		clear(raw)
		return nil, fmt.Errorf("%w: checksum does not match", ErrRecoveryKeyFormat)
	}
	return secret, nil
}

// normaliseRecoveryKey drops dashes and white space, upper-cases, and maps
// the letters Crockford base32 treats as look-alikes (O→0, I/L→1).
func normaliseRecoveryKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r = unicode.ToUpper(r); {
		case r == '-' || unicode.IsSpace(r):
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	return b.String()
}
