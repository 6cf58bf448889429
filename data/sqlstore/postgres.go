package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgresAddr tells whether a database address names a PostgreSQL server
// (postgres://... or postgresql://...) rather than a SQLite file.
func IsPostgresAddr(addr string) bool {
	lower := strings.ToLower(strings.TrimSpace(addr))
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// ErrInsecureServer refuses a PostgreSQL server elsewhere on the network
// without TLS: names, notes and passwords must not cross the network in clear.
var ErrInsecureServer = errors.New("forbindelsen til en databaseserver på netværket skal være krypteret: tilføj ?sslmode=require (eller verify-full) til adressen")

// OpenPostgres opens the PostgreSQL database at a postgres:// URL and brings
// its schema up to date. The password may be in the URL, in PGPASSWORD or in
// the user's .pgpass. A host that is not this machine needs TLS
// (sslmode=require, verify-ca or verify-full).
func OpenPostgres(addr string) (*Store, error) {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("open database: adressen kan ikke læses: %w", errors.Unwrap(err))
	}
	if err := requireTLS(addr, cfg.Host); err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, dialect: dialectPostgres, addr: RedactAddr(addr)}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := s.preparePostgres(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// preparePostgres migrates under an advisory lock, so that two PCs starting
// a new version at the same moment do not both apply a migration.
func (s *Store) preparePostgres(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open database %s: %w", s.addr, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7417)"); err != nil {
		return fmt.Errorf("open database %s: %w", s.addr, err)
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7417)")
	return s.prepare(ctx, migrationFiles())
}

// requireTLS refuses an unencrypted connection to another machine.
func requireTLS(addr, host string) error {
	if isLocalHost(host) {
		return nil
	}
	u, err := url.Parse(addr)
	if err != nil {
		return ErrInsecureServer
	}
	switch u.Query().Get("sslmode") {
	case "require", "verify-ca", "verify-full":
		return nil
	}
	return ErrInsecureServer
}

func isLocalHost(host string) bool {
	if host == "" || strings.HasPrefix(host, "/") || strings.EqualFold(host, "localhost") {
		return true // a Unix socket or this machine
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RedactAddr removes the password from a database address, for messages
// and logs.
func RedactAddr(addr string) string {
	if !IsPostgresAddr(addr) {
		return addr
	}
	u, err := url.Parse(addr)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
