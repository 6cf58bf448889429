package benchdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"mentorbog/data/demo"
	"mentorbog/data/sqlstore"
	"mentorbog/data/sqlstore/storetest"
)

// EnvPG names a PostgreSQL server (an owner's or superuser's URL) on which
// the benchmarks run instead of the SQLite files: `make bench` sets it for
// its second pass, at mellem, on a throwaway cluster over loopback.
const EnvPG = "MENTORBOG_BENCH_PG"

// postgresServer is the server of the PostgreSQL pass, or "".
func postgresServer() string { return os.Getenv(EnvPG) }

// dbName is the cached benchmark database's name on the server.
func dbName(size demo.Size) string {
	return fmt.Sprintf("mentorbog_bench_%s_s%d_g%d", size, Seed, demo.GeneratorVersion)
}

// ensurePostgres returns the URL of the benchmark database of size on the
// server, copying the cached SQLite file into it first when it is missing
// (the same rows, ids and sealed fields: `mentorbog migrate`'s Copy).
func ensurePostgres(ctx context.Context, server string, size demo.Size) (string, error) {
	name := dbName(size)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", fmt.Errorf("bench server: %w", err)
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		return "", fmt.Errorf("bench server: %w", err)
	}
	addr, err := storetest.DatabaseURL(server, name)
	if err != nil || n > 0 {
		return addr, err
	}
	file, err := Ensure(withoutServer(ctx), size)
	if err != nil {
		return "", err
	}
	part := name + "_part"
	admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+part+" WITH (FORCE)")
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+part); err != nil {
		return "", fmt.Errorf("bench server: %w", err)
	}
	partAddr, err := storetest.DatabaseURL(server, part)
	if err != nil {
		return "", err
	}
	if err := copyInto(ctx, file, partAddr); err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+part+" RENAME TO "+name); err != nil {
		return "", fmt.Errorf("bench server: %w", err)
	}
	return addr, nil
}

func copyInto(ctx context.Context, file, addr string) error {
	// A cache from an earlier schema is brought up to date first, as any
	// benchmark opening it would; Copy wants both sides at one version.
	cur, err := sqlstore.Open(file)
	if err != nil {
		return fmt.Errorf("bench copy to server: %w", err)
	}
	cur.Close()
	src, err := sqlstore.OpenReadOnly(file)
	if err != nil {
		return fmt.Errorf("bench copy to server: %w", err)
	}
	defer src.Close()
	dst, err := sqlstore.Open(addr)
	if err != nil {
		return fmt.Errorf("bench copy to server: %w", err)
	}
	defer dst.Close()
	if _, err := sqlstore.Copy(ctx, src, dst, nil); err != nil {
		return fmt.Errorf("bench copy to server: %w", err)
	}
	return nil
}

// copyPostgres makes a writable copy of the benchmark database on the
// server (CREATE DATABASE ... TEMPLATE), replacing the previous one.
func copyPostgres(ctx context.Context, server string, size demo.Size) (string, error) {
	if _, err := ensurePostgres(ctx, server, size); err != nil {
		return "", err
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", fmt.Errorf("bench server: %w", err)
	}
	defer admin.Close()
	name := dbName(size)
	work := name + "_w"
	admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+work+" WITH (FORCE)")
	addr, err := storetest.CreateDatabase(ctx, server, work, name)
	if err != nil {
		return "", fmt.Errorf("bench copy on server: %w", err)
	}
	return addr, nil
}

// fileOnly marks a context in which Ensure means the SQLite file even
// during the PostgreSQL pass (the source of the copy to the server).
type fileOnly struct{}

func withoutServer(ctx context.Context) context.Context {
	return context.WithValue(ctx, fileOnly{}, true)
}

func serverFor(ctx context.Context) string {
	if ctx.Value(fileOnly{}) != nil {
		return ""
	}
	return postgresServer()
}
