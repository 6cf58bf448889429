package vault

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// LookupHash returns a deterministic keyed hash of value, as 64 lower-case
// hex characters, for indexing: the store saves LookupHash("cpr", cpr) beside
// the sealed CPR and finds a person by hashing the number searched for.
//
// kind separates namespaces ("cpr", "email", …) so equal values of different
// kinds get unrelated hashes. The hash is HMAC-SHA256 under a subkey of the
// data key, so it stays the same across password changes and re-logins, and
// without the key it reveals nothing and cannot be brute-forced. value is
// hashed byte for byte: normalise it first (e.g. the 10-digit form of a CPR
// number). Equal values give equal hashes, so the hash column shows which
// rows share a value; that is the price of looking up without decrypting.
//
// It returns ErrDestroyed after Destroy rather than a value that could
// match or be stored by mistake.
func (k *DataKey) LookupHash(kind, value string) (string, error) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.mat == nil {
		return "", ErrDestroyed
	}
	mac := hmac.New(sha256.New, k.mat.lookup[:])
	// Length-prefix kind so ("ab", "c") and ("a", "bc") cannot collide.
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(kind)))
	mac.Write(n[:])
	mac.Write([]byte(kind))
	mac.Write([]byte(value))
	return hex.EncodeToString(mac.Sum(nil)), nil
}
