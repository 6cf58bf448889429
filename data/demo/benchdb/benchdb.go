// Package benchdb provides the benchmark databases at the three sizes of
// data/demo (lille, mellem, stor), generated once and cached between runs:
// stor takes many minutes to make on a two-core office PC.
//
// The cache key is the size, the seed and demo.GeneratorVersion. The schema
// is not part of the key: sqlstore.Open migrates a cached database to the
// current schema, exactly as it would migrate a customer's database, and
// Ensure logs the demo users in once when their keys are wrapped under
// older Argon2id parameters, which wraps them again as a customer's first
// logins after an upgrade do.
package benchdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mentorbog/data"
	"mentorbog/data/demo"
	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
	"mentorbog/data/vault"
)

// Seed is the seed of every benchmark database.
const Seed = 1

// Today is the day the benchmark data is built around (a Monday).
var Today = data.NewDate(2026, time.November, 23)

// Now is the moment the benchmarks look at the data: Today at 10:30.
func Now() time.Time { return time.Date(2026, time.November, 23, 10, 30, 0, 0, data.Zone()) }

// CacheDir is $MENTORBOG_BENCH_CACHE, else mentorbog-bench in the user's
// cache folder.
func CacheDir() string {
	if d := os.Getenv("MENTORBOG_BENCH_CACHE"); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "mentorbog-bench")
}

// Path is where the database of size is cached.
func Path(size demo.Size) string {
	return filepath.Join(CacheDir(), fmt.Sprintf("%s-seed%d-gen%d.db", size, Seed, demo.GeneratorVersion))
}

// Ensure returns the address of the cached database of size (on the
// PostgreSQL server of EnvPG during that pass), generating it first when it
// is missing. A half-made database never is taken for a finished one: it is
// written under another name and renamed at the end.
func Ensure(ctx context.Context, size demo.Size) (string, error) {
	if server := serverFor(ctx); server != "" {
		return ensurePostgres(ctx, server, size)
	}
	path := Path(size)
	if _, err := os.Stat(path); err == nil {
		return path, renewWraps(ctx, path)
	}
	if err := os.MkdirAll(CacheDir(), 0o700); err != nil {
		return "", fmt.Errorf("bench cache: %w", err)
	}
	part := path + ".part"
	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		os.Remove(part + suffix)
	}
	if _, err := Generate(ctx, part, size); err != nil {
		return "", err
	}
	os.Remove(part + ".lock")
	if err := os.Rename(part, path); err != nil {
		return "", fmt.Errorf("bench cache: %w", err)
	}
	return path, nil
}

// renewWraps logs every demo user in once when one of their keys is wrapped
// under other Argon2id parameters than today's (a cache made before the
// defaults changed): the login wraps it again, so the benchmarks' logins
// cost what a customer's do after their first.
func renewWraps(ctx context.Context, path string) error {
	old, err := oldWraps(ctx, path)
	if err != nil || !old {
		return err
	}
	st, err := sqlstore.Open(path)
	if err != nil {
		return fmt.Errorf("bench open %s: %w", path, err)
	}
	defer st.Close()
	for _, u := range demo.Users() {
		if _, err := st.Login(ctx, u.Username, u.Password); err != nil {
			return fmt.Errorf("bench login %s: %w", u.Username, err)
		}
		st.Lock()
	}
	return nil
}

// oldWraps tells whether a key in the cached database at path is wrapped
// under other parameters than today's. It reads the file read-only and
// without the store's instance lock: a benchmark may hold the cache open
// while it asks for it again.
func oldWraps(ctx context.Context, path string) (bool, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return false, fmt.Errorf("bench cache %s: %w", path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT wrapped_key FROM users")
	if err != nil {
		return false, fmt.Errorf("bench cache %s: %w", path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return false, fmt.Errorf("bench cache %s: %w", path, err)
		}
		var w vault.WrappedKey
		if w.UnmarshalText([]byte(text)) == nil && w.NeedsRewrap() {
			return true, nil
		}
	}
	return false, rows.Err()
}

// Generate makes a new encrypted database of size at path, with the demo
// users, as `mentorbog demo --size` does.
func Generate(ctx context.Context, path string, size demo.Size) (demo.Summary, error) {
	st, err := sqlstore.Open(path)
	if err != nil {
		return demo.Summary{}, fmt.Errorf("bench data %s: %w", size, err)
	}
	defer st.Close()
	if _, err := demo.Secure(ctx, st); err != nil {
		return demo.Summary{}, err
	}
	sum, err := demo.Generate(ctx, st, demo.Config{Seed: Seed, Today: Today, Size: size})
	if err == nil {
		err = demo.AddUsers(ctx, st)
	}
	if err != nil {
		return demo.Summary{}, fmt.Errorf("bench data %s: %w", size, err)
	}
	return sum, nil
}

// Open opens the cached database of size (generating it when missing) and
// logs in as the demo user with the given role. The caller closes it.
func Open(ctx context.Context, size demo.Size, role data.UserRole) (*sqlstore.Store, error) {
	path, err := Ensure(ctx, size)
	if err != nil {
		return nil, err
	}
	return OpenAt(ctx, path, role)
}

// OpenAt opens the database at path and logs in as the demo user of role.
func OpenAt(ctx context.Context, path string, role data.UserRole) (*sqlstore.Store, error) {
	st, err := sqlstore.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bench open %s: %w", path, err)
	}
	for _, u := range demo.Users() {
		if u.Role == role {
			if _, err := st.Login(ctx, u.Username, u.Password); err != nil {
				st.Close()
				return nil, fmt.Errorf("bench login %s: %w", u.Username, err)
			}
			return st, nil
		}
	}
	st.Close()
	return nil, fmt.Errorf("bench: no demo user with role %s", role)
}

// Copy copies the cached database of size into dir, for benchmarks that
// write: the cache stays as generated.
func Copy(ctx context.Context, size demo.Size, dir string) (string, error) {
	if server := serverFor(ctx); server != "" {
		return copyPostgres(ctx, server, size)
	}
	src, err := Ensure(ctx, size)
	if err != nil {
		return "", err
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := storetest.CopySQLiteFile(src, dst); err != nil {
		return "", fmt.Errorf("bench copy: %w", err)
	}
	return dst, nil
}

// Sizes are the benchmark sizes, smallest first. MENTORBOG_BENCH_SIZES
// ("lille,mellem") limits them, e.g. to skip stor on a quick run.
func Sizes() []demo.Size {
	all := []demo.Size{demo.SizeSmall, demo.SizeMedium, demo.SizeLarge}
	want := os.Getenv("MENTORBOG_BENCH_SIZES")
	if want == "" {
		return all
	}
	var out []demo.Size
	for _, s := range all {
		for _, w := range strings.Split(want, ",") {
			if string(s) == w {
				out = append(out, s)
			}
		}
	}
	return out
}
