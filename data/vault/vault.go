// Package vault holds Mentorbog's key hierarchy and the field encryption the
// store uses for encryption at rest.
//
// # Key hierarchy
//
// One random 32-byte data key protects the whole database. It never leaves
// memory in the clear; what is stored is the data key wrapped (encrypted)
// once per user under a key derived from that user's password with Argon2id
// (see Wrap and Unwrap), and once under a printed recovery key (see
// WrapWithRecovery). Changing a password therefore only re-wraps 32 bytes;
// no stored value is re-encrypted.
//
// From the data key two subkeys are derived with HKDF-SHA256, so that each
// key is used for exactly one algorithm:
//
//   - the field key ("mentorbog field v1") encrypts values with AES-256-GCM
//     (Seal, Open);
//   - the lookup key ("mentorbog lookup v1") computes HMAC-SHA256 lookup
//     hashes (LookupHash), so a CPR number can be indexed and found without
//     decrypting every row.
//
// # Sealed values
//
// A sealed value is the text "v1:" followed by unpadded standard base64 of
//
//	version byte (1) || 12-byte random nonce || ciphertext || 16-byte tag
//
// which fits a TEXT column in SQLite and PostgreSQL. The optional associated
// data (for example "person.notes") is authenticated but not stored, so a
// value copied into another column does not open there. It does not stop two
// values of the same column from being swapped between rows unless the store
// also puts the row's id into the associated data.
//
// What stays visible to someone holding the database file: whether a field is
// empty (the empty string seals to the empty string, so empty optional fields
// cost nothing) and roughly how long a value is (the ciphertext is exactly 29
// bytes longer than the UTF-8 plaintext). Content is not visible. Because an
// empty value carries no authentication tag, someone able to write to the
// database can blank a field without being detected.
//
// Random 96-bit nonces are safe for well beyond 2^32 seals under one key,
// which is far more values than a mentor organisation will ever write.
//
// # Memory
//
// DataKey.Destroy overwrites the key bytes this package holds. Go cannot
// promise that no other copy exists (the AES key schedule built for each
// operation, HMAC pads and the Argon2 output are left to the garbage
// collector), and passwords arrive as immutable strings, so Destroy reduces
// exposure after auto-lock rather than guaranteeing erasure.
//
// Nothing in this package logs, and no error message contains a key, a
// password, a recovery key or the content of a stored value.
package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

const (
	keySize      = 32 // AES-256 and HMAC-SHA256 key length
	nonceSize    = 12 // standard GCM nonce
	tagSize      = 16 // GCM authentication tag
	sealVersion  = 1  // first byte of every sealed blob
	fieldPrefix  = "v1:"
	infoField    = "mentorbog field v1"
	infoLookup   = "mentorbog lookup v1"
	redactedText = "DataKey(redacted)"
)

// sealOverhead is how many bytes Seal adds to the plaintext before base64.
const sealOverhead = 1 + nonceSize + tagSize

var (
	// ErrTampered means a sealed value failed authentication: it was altered,
	// truncated, sealed under another data key or with other associated data.
	ErrTampered = errors.New("vault: sealed value is damaged, altered or belongs to another key or column")
	// ErrNotSealed means a non-empty value lacks the "v1:" prefix. It is
	// returned instead of the text itself, so plaintext that slipped into an
	// encrypted column is never mistaken for decrypted data.
	ErrNotSealed = errors.New(`vault: value is not sealed (missing "v1:" prefix)`)
	// ErrDestroyed means the DataKey was used after Destroy (e.g. after
	// auto-lock); the user must unlock again.
	ErrDestroyed = errors.New("vault: data key has been destroyed (locked)")
)

// b64 is the text encoding of sealed blobs. Strict mode plus decodeB64's
// refusal of line breaks make the encoding canonical: each blob has exactly
// one accepted spelling.
var b64 = base64.RawStdEncoding.Strict()

// DataKey is the unwrapped data key. Obtain one from NewDataKey (at setup),
// Unwrap or UnwrapWithRecovery. It is safe for concurrent use. It is never
// printable: every fmt verb renders it as "DataKey(redacted)".
type DataKey struct {
	mu sync.RWMutex
	// mat lives behind a pointer so that printing a struct that embeds a
	// DataKey by value shows an address, not key bytes. nil after Destroy.
	mat *keyMaterial
}

// keyMaterial is the secret part of a DataKey.
type keyMaterial struct {
	root   [keySize]byte // the data key itself; the only part ever wrapped
	field  [keySize]byte // AES-256-GCM key for Seal/Open
	lookup [keySize]byte // HMAC-SHA256 key for LookupHash
	// fieldAEAD is AES-256-GCM under field, built once: building it per
	// value was a fifth of decrypting a list of citizens. Go's AES-GCM
	// keeps no state between calls, so one serves every goroutine
	// (golang/go#41689). Destroy drops it; its key schedule is then
	// garbage like the schedules a per-call cipher left behind, one
	// instead of one per value.
	fieldAEAD cipher.AEAD
}

// NewDataKey creates a fresh random data key. Call it once, when the
// organisation's database is set up, then Wrap it for the first user and
// WrapWithRecovery it for the printed recovery key.
func NewDataKey() (*DataKey, error) {
	var root [keySize]byte
	defer clear(root[:])
	if _, err := rand.Read(root[:]); err != nil {
		return nil, fmt.Errorf("vault: generating data key: %w", err)
	}
	return newDataKey(root[:])
}

// newDataKey builds a DataKey from root key bytes, which it copies.
func newDataKey(root []byte) (*DataKey, error) {
	if len(root) != keySize {
		return nil, fmt.Errorf("vault: data key has %d bytes, want %d", len(root), keySize)
	}
	m := &keyMaterial{}
	copy(m.root[:], root)
	if err := deriveSubkey(m.field[:], root, infoField); err != nil {
		return nil, err
	}
	if err := deriveSubkey(m.lookup[:], root, infoLookup); err != nil {
		return nil, err
	}
	aead, err := newGCM(m.field[:])
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	m.fieldAEAD = aead
	return &DataKey{mat: m}, nil
}

// deriveSubkey fills dst with the HKDF-SHA256 subkey of root for info.
func deriveSubkey(dst, root []byte, info string) error {
	sub, err := hkdf.Key(sha256.New, root, nil, info, len(dst))
	if err != nil {
		return fmt.Errorf("vault: deriving %q subkey: %w", info, err)
	}
	copy(dst, sub)
	clear(sub)
	return nil
}

// Seal encrypts plain for storage. ad names where the value belongs (for
// example "person.cpr"); pass the same ad to Open. The empty string seals to
// the empty string, without needing the key.
func (k *DataKey) Seal(plain, ad string) (string, error) {
	if plain == "" {
		return "", nil
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.mat == nil {
		return "", ErrDestroyed
	}
	raw, err := sealWith(k.mat.fieldAEAD, []byte(plain), []byte(ad))
	if err != nil {
		return "", fmt.Errorf("vault: sealing value: %w", err)
	}
	return fieldPrefix + b64.EncodeToString(raw), nil
}

// Open decrypts a value produced by Seal with the same ad. The empty string
// opens to the empty string. Any other value must carry the "v1:" prefix
// (ErrNotSealed) and authenticate under this key and ad (ErrTampered).
func (k *DataKey) Open(stored, ad string) (string, error) {
	if stored == "" {
		return "", nil
	}
	body, ok := strings.CutPrefix(stored, fieldPrefix)
	if !ok {
		return "", ErrNotSealed
	}
	raw, err := decodeB64(body)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrTampered, err)
	}
	// Seal never produces an empty ciphertext, so demand at least one byte.
	if len(raw) <= sealOverhead {
		return "", fmt.Errorf("%w: too short", ErrTampered)
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.mat == nil {
		return "", ErrDestroyed
	}
	plain, err := openWith(k.mat.fieldAEAD, raw, []byte(ad))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrTampered, err)
	}
	return string(plain), nil
}

// Destroy overwrites the key bytes; afterwards every method that needs the
// key returns ErrDestroyed. Call it at auto-lock and logout. Destroying twice
// is harmless.
func (k *DataKey) Destroy() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.mat == nil {
		return
	}
	clear(k.mat.root[:])
	clear(k.mat.field[:])
	clear(k.mat.lookup[:])
	k.mat.fieldAEAD = nil
	k.mat = nil
}

// String keeps the key out of logs and error messages.
func (k *DataKey) String() string { return redactedText }

// GoString keeps the key out of %#v output.
func (k *DataKey) GoString() string { return redactedText }

// Format renders every verb (including %x and %d, which would otherwise dump
// the struct) as the redacted text.
func (k *DataKey) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redactedText) }

// Format stops key bytes leaking if keyMaterial itself is ever printed.
func (keyMaterial) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, "keyMaterial(redacted)") }

// gcmSeal returns version || nonce || AES-256-GCM(plain) with a fresh random
// nonce. The version byte is authenticated too (it is prepended to ad) so a
// future format cannot be confused with this one by flipping that byte.
func gcmSeal(key, plain, ad []byte) ([]byte, error) {
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	return sealWith(aead, plain, ad)
}

// sealWith is gcmSeal with a cipher already built.
func sealWith(aead cipher.AEAD, plain, ad []byte) ([]byte, error) {
	out := make([]byte, 1+nonceSize, sealOverhead+len(plain))
	out[0] = sealVersion
	nonce := out[1 : 1+nonceSize]
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("generating nonce: %w", err)
	}
	return aead.Seal(out, nonce, plain, versionedAD(ad)), nil
}

// gcmOpen reverses gcmSeal.
func gcmOpen(key, raw, ad []byte) ([]byte, error) {
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	return openWith(aead, raw, ad)
}

// openWith is gcmOpen with a cipher already built.
func openWith(aead cipher.AEAD, raw, ad []byte) ([]byte, error) {
	if len(raw) < sealOverhead {
		return nil, errors.New("too short")
	}
	if raw[0] != sealVersion {
		return nil, fmt.Errorf("unknown format version %d", raw[0])
	}
	plain, err := aead.Open(nil, raw[1:1+nonceSize], raw[1+nonceSize:], versionedAD(ad))
	if err != nil {
		return nil, errors.New("authentication failed")
	}
	return plain, nil
}

// newGCM builds AES-256-GCM under key: once per DataKey for the fields, per
// call for the rare key wrapping.
func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("creating AES cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("creating GCM: %w", err)
	}
	return aead, nil
}

func versionedAD(ad []byte) []byte {
	return append([]byte{sealVersion}, ad...)
}

// decodeB64 decodes canonical unpadded base64. The decoder skips line
// breaks silently, so they are refused first; strict mode refuses the
// rest of what would not encode back to s (padding, non-zero spare bits).
// Checking instead of encoding again spares a copy of every sealed value
// read (a list of 15,000 citizens opens 45,000).
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("not canonical base64")
	}
	raw, err := b64.DecodeString(s)
	if err != nil {
		return nil, errors.New("not canonical base64")
	}
	return raw, nil
}
