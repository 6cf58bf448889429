package vault

import (
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Default Argon2id cost: 32 MiB × 16 passes, about 0.16 s per unlock on the
// 2-core reference machine (AMD EPYC, linux/amd64, Go 1.26;
// BenchmarkUnwrapDefaultParams), well inside the login budget of 1.5 s.
//
// Memory is held at 32 MiB because unlocking happens inside the GUI
// process, whose peak memory has a budget of 200 MB on an office PC: under
// Xvfb the login window alone holds about 150 MB, so 64 MiB took the login
// to 210–219 MB. Strength comes from passes instead: an attacker's cost per
// guess is the memory traffic, memory × passes, and 32 MiB × 16 is the same
// 512 MiB as the 64 MiB × 8 used before, 11 times OWASP's recommended
// configurations (46 MiB × 1, 19 MiB × 2, …, all about 46 MiB) and 2.7
// times RFC 9106's second option (64 MiB × 3). Raise the passes when
// hardware gets faster; WrappedKey.NeedsRewrap then reports the older
// wraps, which the login wraps again.
const (
	defaultTime      = 16
	defaultMemoryKiB = 32 * 1024 // 32 MiB
	defaultThreads   = 2
)

const (
	saltSize = 16
	// Upper bounds applied to parameters read from the database, so a
	// damaged or hostile wrapped key cannot make unlocking allocate many
	// gigabytes or run for hours.
	maxTime      = 64
	maxMemoryKiB = 1 << 20 // 1 GiB
)

// ErrInvalidParams means Argon2id parameters are out of range.
var ErrInvalidParams = errors.New("vault: invalid Argon2id parameters")

// Params are the Argon2id parameters of one password wrap. They are stored
// beside the wrap (see WrappedKey) so the defaults can be raised later
// without breaking existing wraps. The derived key is always 32 bytes.
type Params struct {
	Salt      []byte // 16 random bytes, fresh for every wrap
	Time      uint32 // Argon2 passes
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // parallelism
}

// DefaultParams returns the production parameters with a fresh random salt.
func DefaultParams() (Params, error) {
	return newParams(defaultTime, defaultMemoryKiB, defaultThreads)
}

// FastParamsForTests returns very cheap parameters (1 pass, 64 KiB) so tests
// run quickly. It must NEVER be used for real users: a password wrapped with
// it can be guessed offline millions of times faster than with
// DefaultParams. WrappedKey.NeedsRewrap reports such wraps.
func FastParamsForTests() (Params, error) {
	return newParams(1, 64, 1)
}

func newParams(time, memoryKiB uint32, threads uint8) (Params, error) {
	salt, err := randomSalt()
	if err != nil {
		return Params{}, err
	}
	return Params{Salt: salt, Time: time, MemoryKiB: memoryKiB, Threads: threads}, nil
}

// randomSalt returns a fresh salt; a salt is never reused between wraps.
func randomSalt() ([]byte, error) {
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("vault: generating salt: %w", err)
	}
	return salt, nil
}

// validate checks the bounds that both Wrap and Unwrap rely on.
func (p Params) validate() error {
	switch {
	case len(p.Salt) != saltSize:
		return fmt.Errorf("%w: salt has %d bytes, want %d", ErrInvalidParams, len(p.Salt), saltSize)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("%w: time %d outside 1–%d", ErrInvalidParams, p.Time, maxTime)
	case p.Threads < 1:
		return fmt.Errorf("%w: threads must be at least 1", ErrInvalidParams)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		// Argon2 needs at least 8 KiB per lane.
		return fmt.Errorf("%w: memory %d KiB outside %d–%d", ErrInvalidParams, p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	}
	return nil
}

// AtDefaults reports whether p has today's cost (DefaultParams), salt and
// threads aside: threads do not change the work, only how it is spread.
func (p Params) AtDefaults() bool {
	return p.Time == defaultTime && p.MemoryKiB == defaultMemoryKiB
}

// clone copies the salt so a WrappedKey never shares it with the caller.
func (p Params) clone() Params {
	p.Salt = append([]byte(nil), p.Salt...)
	return p
}

// passwordKEK derives the key-encryption key for a password. The caller
// must clear the result.
func passwordKEK(password string, p Params) []byte {
	pw := []byte(password)
	defer clear(pw)
	return argon2.IDKey(pw, p.Salt, p.Time, p.MemoryKiB, p.Threads, keySize)
}
