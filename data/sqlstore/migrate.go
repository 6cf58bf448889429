package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

func migrationFiles() fs.FS {
	sub, err := fs.Sub(embeddedMigrations, "migrations")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// migration is one numbered SQL file, e.g. 0002_indexes.sql, with its
// PostgreSQL twin 0002_indexes.postgres.sql when it cannot be portable.
type migration struct {
	version  int
	name     string
	sql      string
	postgres string // the twin's text; empty when sql is portable
}

// sqlFor is the migration's text in the given dialect.
func (m migration) sqlFor(d dialect) string {
	if d != dialectPostgres {
		return m.sql
	}
	if m.postgres != "" {
		return m.postgres
	}
	return postgresSQL(m.sql)
}

// loadMigrations reads NNNN_name.sql files in version order. Versions must
// run 1, 2, 3, ... without gaps so that a missing file cannot go unnoticed.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var steps []migration
	twins := map[string]string{}
	for _, name := range names {
		if base, ok := strings.CutSuffix(name, ".postgres.sql"); ok {
			body, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read migration %s: %w", name, err)
			}
			twins[base+".sql"] = string(body)
		}
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".postgres.sql") {
			continue
		}
		num, _, ok := strings.Cut(path.Base(name), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		steps = append(steps, migration{version: version, name: name, sql: string(body), postgres: twins[name]})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].version < steps[j].version })
	for i, m := range steps {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return steps, nil
}

func latestVersion(steps []migration) int {
	if len(steps) == 0 {
		return 0
	}
	return steps[len(steps)-1].version
}

// schemaVersion reads the applied version; 0 for a new, empty database.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	exists, err := s.tableExists(ctx, "schema_migrations")
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := s.pool().QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// SchemaVersion is the version the database is at.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) { return s.schemaVersion(ctx) }

// LatestSchemaVersion is the newest version this build knows.
func LatestSchemaVersion() int {
	steps, err := loadMigrations(migrationFiles())
	if err != nil {
		return 0
	}
	return latestVersion(steps)
}

// migrationSteps are the Go parts of migrations whose data SQL alone
// cannot compute (Danish time, say). Each runs in its version's
// transaction, after the version's SQL and before its version row.
var migrationSteps = map[int]func(ctx context.Context, s *Store) error{
	14: fillAgreementHours,
}

// migrate applies every step after current, each in its own transaction
// together with its version row: a crash mid-way leaves the previous
// version intact, never half a migration.
func (s *Store) migrate(ctx context.Context, steps []migration, current int) error {
	if _, err := s.pool().ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    BIGINT PRIMARY KEY,
		applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return classifyOpenError(fmt.Errorf("create schema_migrations: %w", err))
	}
	for _, m := range steps {
		if m.version <= current {
			continue
		}
		err := s.Atomically(ctx, func(ctx context.Context) error {
			if _, err := s.q(ctx).ExecContext(ctx, m.sqlFor(s.dialect)); err != nil {
				return fmt.Errorf("apply migration %s: %w", m.name, err)
			}
			if step := migrationSteps[m.version]; step != nil {
				if err := step(ctx, s); err != nil {
					return fmt.Errorf("apply migration %s: %w", m.name, err)
				}
			}
			if s.dialect == dialectPostgres {
				if err := s.syncSequences(ctx); err != nil {
					return fmt.Errorf("apply migration %s: %w", m.name, err)
				}
			}
			_, err := s.q(ctx).ExecContext(ctx, "INSERT INTO schema_migrations (version) VALUES (?)", m.version)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
