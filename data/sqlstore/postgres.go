package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"mentorbog/data"
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
//
// A URL without a user (postgres://server/mentorbog?sslmode=require) is how
// Mentorbog's users connect: nothing is connected until Login, which
// connects as the user's own login role (roles.go). A URL with a user is the
// owner's maintenance connection (setup, migrations, backups, tests): it is
// connected and migrated at once, as before.
func OpenPostgres(addr string) (*Store, error) {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("open database: adressen kan ikke læses: %w", errors.Unwrap(err))
	}
	if err := requireTLS(addr, cfg.Host); err != nil {
		return nil, err
	}
	if !addrNamesUser(addr) {
		return openForLogin(addr, cfg)
	}
	db := stdlib.OpenDB(*cfg)
	configurePool(db)
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
	if err := s.prepare(ctx, migrationFiles()); err != nil {
		return err
	}
	return s.ensureServerRoles(ctx)
}

func configurePool(db *sql.DB) {
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// addrNamesUser tells whether a postgres:// URL names the user to connect
// as (postgres://owner@server/db or ?user=owner).
func addrNamesUser(addr string) bool {
	u, err := url.Parse(addr)
	if err != nil {
		return true
	}
	return (u.User != nil && u.User.Username() != "") || u.Query().Get("user") != ""
}

// serverLogin is how a store opened without a user reaches the server: as
// the login role of whoever is logged in (see roles.go). The store keeps
// one pool for its whole life (so nothing races with a swap); each new
// connection takes the current login's role and secret, and a pooled
// connection of an earlier login is discarded before it is used again.
type serverLogin struct {
	cfg    *pgx.ConnConfig
	prefix string // rolePrefix of the database

	mu      sync.Mutex
	role    string // "" while nobody is logged in
	secret  string
	session string // the application_name that marks this login's connections
	logins  int
}

// current is the login new connections use: role, secret and the mark.
func (sl *serverLogin) current() (role, secret, session string) {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	return sl.role, sl.secret, sl.session
}

// use makes role (with secret) the login of new connections; "" logs out.
// Connections made for another login are not used again.
func (sl *serverLogin) use(role, secret string) {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	sl.logins++
	sl.role, sl.secret = role, secret
	sl.session = fmt.Sprintf("mentorbog/%d", sl.logins)
}

// restore goes back to an earlier login after a failed one.
func (sl *serverLogin) restore(role, secret, session string) {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	sl.role, sl.secret, sl.session = role, secret, session
}

// setSecret changes the logged-in user's secret (a new password) for the
// connections still to be made; the open ones stay valid.
func (sl *serverLogin) setSecret(secret string) {
	sl.mu.Lock()
	defer sl.mu.Unlock()
	sl.secret = secret
}

// beforeConnect gives a new connection the current login, or refuses
// while nobody is logged in.
func (sl *serverLogin) beforeConnect(_ context.Context, c *pgx.ConnConfig) error {
	role, secret, session := sl.current()
	if role == "" {
		return data.ErrLoggedOut
	}
	c.User, c.Password = role, secret
	c.RuntimeParams = maps.Clone(c.RuntimeParams) // shared with other connects
	if c.RuntimeParams == nil {
		c.RuntimeParams = map[string]string{}
	}
	c.RuntimeParams["application_name"] = session
	return nil
}

// resetSession discards a pooled connection of an earlier login: the
// server reports each connection's application_name back to it.
func (sl *serverLogin) resetSession(_ context.Context, conn *pgx.Conn) error {
	role, _, session := sl.current()
	if role == "" || conn.PgConn().ParameterStatus("application_name") != session {
		return driver.ErrBadConn
	}
	return nil
}

// openForLogin opens a store that connects nowhere until Login. Until then
// it counts as set up and locked: SetupNeeded is false (a new server
// database is set up with the owner's address), and every call that needs
// the database says that Mentorbog is locked.
func openForLogin(addr string, cfg *pgx.ConnConfig) (*Store, error) {
	if cfg.Database == "" {
		return nil, fmt.Errorf("open database: adressen skal nævne databasen (postgres://server/database)")
	}
	// Nothing logs in before Login, but a server that does not answer is
	// better told now, where the address was chosen, than at the login.
	if err := probeServer(cfg); err != nil {
		return nil, err
	}
	sl := &serverLogin{cfg: cfg, prefix: rolePrefix(cfg.Database)}
	db := stdlib.OpenDB(*cfg, stdlib.OptionBeforeConnect(sl.beforeConnect), stdlib.OptionResetSession(sl.resetSession))
	configurePool(db)
	s := &Store{db: db, dialect: dialectPostgres, addr: RedactAddr(addr), server: sl}
	s.security.loaded, s.security.setupDone = true, true
	return s, nil
}

// ConnectsAtLogin tells whether the store was opened without a user and
// connects as the user's own login role at Login (a shared server).
func (s *Store) ConnectsAtLogin() bool { return s.server != nil }

// ErrServerSchemaOld: the server's database is at an older schema than this
// Mentorbog, and only the owner may migrate it.
var ErrServerSchemaOld = errors.New("databasen på serveren er fra en ældre version af Mentorbog: databasens ejer skal først opdatere den (mentorbog med ejerens adresse)")

// connectAs connects a store opened without a user as the login role of
// username, with the secret derived from password, and checks the schema
// (a user's role can neither migrate nor use another schema). Wrong
// credentials give data.ErrWrongPassword, as for a wrong password, and leave
// the earlier login as it was; success ends the earlier user's session.
// When the role still has the legacy secret (legacyRoleSecret, tried when
// the current one is refused), renew is the current secret to give it
// (renewRoleSecret), derived already; otherwise it is empty.
func (s *Store) connectAs(ctx context.Context, username, password string) (renew string, err error) {
	sl := s.server
	prevRole, prevSecret, prevSession := sl.current()
	role := loginRoleName(sl.prefix, username)
	connect := func(secret string) error {
		sl.use(role, secret)
		if err := s.db.PingContext(ctx); err != nil {
			return loginError(err)
		}
		return checkServerSchema(ctx, s.db)
	}
	current := s.roleSecretOf(currentRoleSecret, sl.prefix, username, password)
	err = connect(current)
	if errors.Is(err, data.ErrWrongPassword) {
		if lerr := connect(s.roleSecretOf(legacyRoleSecret, sl.prefix, username, password)); !errors.Is(lerr, data.ErrWrongPassword) {
			if err = lerr; err == nil {
				renew = current
			}
		}
	}
	if err != nil {
		sl.restore(prevRole, prevSecret, prevSession)
		return "", err
	}
	st := &s.security
	st.mu.Lock()
	if st.key != nil {
		st.key.Destroy()
	}
	st.user, st.key = nil, nil
	st.loaded = false // read the keyring through the new login
	st.mu.Unlock()
	return renew, nil
}

// checkServerSchema refuses a database at another schema version than this
// build's: the user's role can neither migrate nor use an older schema.
func checkServerSchema(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch latest := LatestSchemaVersion(); {
	case v > latest:
		return &NewerSchemaError{Found: v, Known: latest}
	case v < latest:
		return ErrServerSchemaOld
	}
	return nil
}

// disconnect forgets the logged-in user and closes their idle connections
// (a store opened without a user); the store is locked afterwards, and
// connections still in use are discarded when they come back.
func (s *Store) disconnect() {
	st := &s.security
	st.mu.Lock()
	if st.key != nil {
		st.key.Destroy()
	}
	st.user, st.key = nil, nil
	st.loaded, st.setupDone = true, true
	st.mu.Unlock()
	s.server.use("", "")
	s.db.SetMaxIdleConns(0) // closes the idle ones now
	s.db.SetMaxIdleConns(2)
}

// loginError turns the server's refusal of a login role into the login's
// own answer: a wrong password, an unknown user and a disabled user (whose
// role may not log in) look the same. Anything else (no server, pg_hba)
// is reported as a connection problem.
func loginError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "28P01":
			return data.ErrWrongPassword
		case pgErr.Code == "28000" && !strings.Contains(pgErr.Message, "pg_hba"):
			return data.ErrWrongPassword
		}
	}
	return fmt.Errorf("kan ikke forbinde til databaseserveren: %w", err)
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

// probeServer checks that something answers at the server's address (TCP or
// the Unix socket), without logging in.
func probeServer(cfg *pgx.ConnConfig) error {
	network, address := "tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	if strings.HasPrefix(cfg.Host, "/") {
		network, address = "unix", filepath.Join(cfg.Host, fmt.Sprintf(".s.PGSQL.%d", cfg.Port))
	}
	conn, err := net.DialTimeout(network, address, 10*time.Second)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	return conn.Close()
}
