package sqlstore

// Server roles: on PostgreSQL the roles hold on the server too, not only in
// the app. Every Mentorbog user connects as a login role of their own,
// whose group role carries the table grants of their Mentorbog role, and
// row-level security (migration 0010) limits a mentor's role to the rows of
// their own citizens. A mentor who connects with psql sees what Mentorbog
// shows them, no more.
//
// Names. The roles of a database start with its name (rolePrefix), so
// several Mentorbog databases can share a cluster and a test's roles are
// dropped with its database:
//
//	<prefix>_mentor, <prefix>_koordinator, <prefix>_administrator  groups, NOLOGIN
//	<prefix>_<username>_<hash>                                      a user's login role
//
// The hash (of the database and the exact username) keeps "Anne.B" and
// "anne_b" apart; the name is computed from the username alone because a
// client must know it before it can ask the server anything.
//
// Password. The role's password is not the Mentorbog password but a secret
// derived from it with Argon2id (roleSecret), and only its SCRAM-SHA-256
// verifier is sent to the server (scramVerifier). The server's superuser can
// read verifiers; guessing a password from one costs as much as guessing it
// from the wrapped data key, or the server's administrator could reach the
// data key – and every name and note – through a cheaper hash. Plaintext
// passwords never reach the server or its statement log. (So psql takes the
// derived secret, not the Mentorbog password.)

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/crypto/argon2"

	"mentorbog/data"
)

// Lengths keep every role name within PostgreSQL's 63 bytes:
// 30 + "_" + 20 + "_" + 8 = 60, and 30 + "_administrator" = 44.
const (
	rolePrefixMax   = 30
	roleUsernameMax = 20
)

// rolePrefix is the start of every role name of a database: its name
// lower-cased (ASCII), other characters than [a-z0-9_] as _, at most 30
// characters. mb_role_prefix() in migration 0010 computes the same on the
// server.
func rolePrefix(database string) string {
	return roleIdent(database, rolePrefixMax)
}

// roleIdent lower-cases ASCII letters, turns every other character than
// [a-z0-9_] into _ and cuts at max characters.
func roleIdent(s string, max int) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() == max {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// loginRoleName is the login role of a Mentorbog user in the database with
// the given prefix.
func loginRoleName(prefix, username string) string {
	username = strings.TrimSpace(username)
	readable := roleIdent(username, roleUsernameMax)
	if readable == "" {
		readable = "u"
	}
	sum := sha256.Sum256([]byte(prefix + "\x00" + username))
	return prefix + "_" + readable + "_" + hex.EncodeToString(sum[:4])
}

// groupRoleName is the group role of a Mentorbog role in the database.
func groupRoleName(prefix string, role data.UserRole) string {
	return prefix + "_" + string(role)
}

// roleSecretCost is the Argon2id cost of role secrets.
type roleSecretCost struct {
	time, memoryKiB uint32
	threads         uint8
}

// roleSecretVersion is one way of deriving role secrets: the cost is fixed
// per version, not stored, because the client derives the secret before it
// can read anything from the server. Changing the cost therefore needs a
// new version, and the login tries the older one after the current one.
type roleSecretVersion struct {
	tag  string // the secret's first characters
	cost roleSecretCost
}

var (
	// currentRoleSecret is the cost of every role password set now: the
	// same as the data key's password wrap (vault.DefaultParams, 32 MiB ×
	// 16 passes, about 0.16 s), so that the verifiers the server keeps are
	// no cheaper a way to guess a password than the wrapped key.
	currentRoleSecret = roleSecretVersion{tag: "mb2.", cost: roleSecretCost{time: 16, memoryKiB: 32 * 1024, threads: 2}}
	// legacyRoleSecret (64 MiB × 8) is what roles got before the login's
	// memory was held to 32 MiB. A login that the current secret fails
	// tries it, and on success gives the role the current one
	// (renewRoleSecret), so roles move over at their users' next login.
	legacyRoleSecret = roleSecretVersion{tag: "mb1.", cost: roleSecretCost{time: 8, memoryKiB: 64 * 1024, threads: 2}}
)

// roleSecret is the password of a user's login role, derived from their
// Mentorbog password, the database and the username.
func (s *Store) roleSecret(prefix, username, password string) string {
	return s.roleSecretOf(currentRoleSecret, prefix, username, password)
}

// roleSecretOf derives the role secret of version v.
func (s *Store) roleSecretOf(v roleSecretVersion, prefix, username, password string) string {
	cost := v.cost
	if c := s.security.roleCost; c != nil {
		cost = *c // tests: cheap, like their key wraps
	}
	salt := "mentorbog/server-role/v1\x00" + prefix + "\x00" + strings.TrimSpace(username)
	key := argon2.IDKey([]byte(password), []byte(salt), cost.time, cost.memoryKiB, cost.threads, 32)
	return v.tag + base64.RawURLEncoding.EncodeToString(key)
}

// renewRoleSecret gives the logged-in user's own role secret, the current
// one (connectAs derived it), after a login with the legacy one: a role may
// change its own password, and only the verifier travels. A failure leaves
// the legacy secret, to be renewed at the next login.
func (s *Store) renewRoleSecret(ctx context.Context, secret string) error {
	verifier, err := scramVerifier(secret)
	if err != nil {
		return fmt.Errorf("renew role secret: %w", err)
	}
	// ALTER ROLE takes no parameters; the verifier is base64 and '$:',
	// never a quote.
	if _, err := s.pool().ExecContext(ctx, "ALTER ROLE CURRENT_USER PASSWORD '"+verifier+"'"); err != nil {
		return fmt.Errorf("renew role secret: %w", err)
	}
	s.server.setSecret(secret)
	return nil
}

// scramVerifier is what PostgreSQL stores for a SCRAM-SHA-256 password
// (RFC 5802/7677, PostgreSQL's format), computed here so that the secret
// itself never travels to the server.
func scramVerifier(secret string) (string, error) {
	const iterations = 4096
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("scram salt: %w", err)
	}
	salted, err := pbkdf2.Key(sha256.New, secret, salt, iterations, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("scram: %w", err)
	}
	clientKey := hmacSHA256(salted, "Client Key")
	storedKey := sha256.Sum256(clientKey)
	serverKey := hmacSHA256(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(storedKey[:]), b64(serverKey)), nil
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// tableGrants is what each group role may do with a table: the privileges
// of a GRANT, empty for nothing. Row-level security (migration 0010) limits
// the rows further.
type tableGrants struct{ mentor, koordinator, administrator string }

const (
	readOnly    = "SELECT"
	readWrite   = "SELECT, INSERT, UPDATE"
	readAppend  = "SELECT, INSERT"
	fullAccess  = "SELECT, INSERT, UPDATE, DELETE"
	ownLoginRow = "SELECT, UPDATE (failed_logins, locked_until, wrapped_key)"
)

// serverGrants mirrors the store's permission checks (require, mentorScope)
// table by table. Every table must be here: a table that is not has no
// grants, and TestEveryTableHasServerGrants fails, so a new table is a
// conscious choice. audit_log is insert-only for every role: no UPDATE,
// DELETE or TRUNCATE, so pruning it takes the owner's connection.
var serverGrants = map[string]tableGrants{
	// Reference data: read by all, kept by koordinators (the organisation
	// and settings by administrators).
	"organisation":       {readOnly, readOnly, "SELECT, UPDATE"},
	"target_groups":      {readOnly, readOnly, readOnly},
	"mentors":            {readOnly, fullAccess, fullAccess},
	"municipalities":     {readOnly, fullAccess, fullAccess},
	"caseworkers":        {readOnly, fullAccess, fullAccess},
	"instruments":        {readOnly, fullAccess, fullAccess},
	"instrument_domains": {readOnly, fullAccess, fullAccess},
	"instrument_anchors": {readOnly, fullAccess, fullAccess},
	"schema_migrations":  {readOnly, readOnly, readOnly},
	// Everyone moves audit_tip (row-level security limits the keys).
	"settings": {readWrite, readWrite, fullAccess},

	// Citizens and their courses: mentors read their own; koordinators
	// create and change; administrators also erase.
	"citizens":        {readOnly, readWrite, fullAccess},
	"courses":         {readOnly, readWrite, fullAccess},
	"course_mentors":  {readOnly, readWrite, fullAccess},
	"agreements":      {readOnly, readWrite, fullAccess},
	"agreement_goals": {readOnly, "SELECT, INSERT, DELETE", fullAccess},
	// Written when an agreement is saved; the session triggers run as
	// the owner (0014_agreement_hours.postgres.sql).
	"agreement_hours": {readOnly, readWrite, fullAccess},
	// What a mentor does in their own courses.
	"goals":             {readWrite, readWrite, fullAccess},
	"goal_scores":       {readWrite, readWrite, fullAccess},
	"sessions":          {fullAccess, fullAccess, fullAccess},
	"session_goals":     {fullAccess, fullAccess, fullAccess},
	"session_series":    {fullAccess, fullAccess, fullAccess},
	"reports":           {readWrite, readWrite, fullAccess},
	"report_comments":   {readAppend, readAppend, fullAccess},
	"generated_reports": {readAppend, readWrite, fullAccess},
	"drafts":            {fullAccess, fullAccess, fullAccess},

	// Security. Users change only their own login counters and wrapped key;
	// the keyring and users are written by setup and recovery (the owner)
	// and by administrators.
	"users":        {ownLoginRow, ownLoginRow, readWrite},
	"keyring":      {readOnly, readOnly, readOnly},
	"audit_log":    {readAppend, readAppend, readAppend},
	"deletion_log": {"", "", readAppend},
}

// grantsMark starts the comment on schema_migrations that records which
// grants are in place, so an open that finds them current does not grant
// again. A comment lives in the catalogue with the grants: a copy or a
// restore of the rows never brings one along.
const grantsMark = "mentorbog server roles "

// ErrNoServerRoles: the server connection may not create roles, so users
// cannot get their own login roles.
var ErrNoServerRoles = errors.New("databasens ejer må ikke oprette roller på serveren (CREATEROLE): brugerne kan ikke få deres egne logins – giv ejeren CREATEROLE, eller brug en anden ejer")

// grantsFingerprint identifies the grants, the roles they go to and the
// schema version (a migration may rebuild a table, which drops its grants).
func grantsFingerprint(prefix string, version int) string {
	tables := make([]string, 0, len(serverGrants))
	for t := range serverGrants {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d", prefix, version)
	for _, t := range tables {
		g := serverGrants[t]
		fmt.Fprintf(h, "\n%s|%s|%s|%s", t, g.mentor, g.koordinator, g.administrator)
	}
	return "v1:" + hex.EncodeToString(h.Sum(nil))
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// canManageRoles tells whether the connection owns the schema's tables and
// may create roles; only such a connection (the owner's) sets up the groups.
func (s *Store) canManageRoles(ctx context.Context) (bool, error) {
	var ok bool
	err := s.pool().QueryRowContext(ctx, `SELECT (r.rolsuper OR r.rolcreaterole)
			AND pg_has_role(current_user, c.relowner, 'USAGE')
		FROM pg_roles r, pg_class c
		WHERE r.rolname = current_user AND c.oid = 'users'::regclass`).Scan(&ok)
	return ok, err
}

// ensureServerRoles creates the database's group roles when missing and
// gives them their grants, after migrating (the owner's connection). A
// connection that may not create roles leaves them as they are: setup then
// refuses with ErrNoServerRoles.
func (s *Store) ensureServerRoles(ctx context.Context) error {
	if s.dialect != dialectPostgres {
		return nil
	}
	version, err := s.schemaVersion(ctx)
	if err != nil || version < 10 {
		return err
	}
	var prefix string
	if err := s.pool().QueryRowContext(ctx, "SELECT mb_role_prefix()").Scan(&prefix); err != nil {
		return fmt.Errorf("server roles: %w", err)
	}
	ok, err := s.canManageRoles(ctx)
	if err != nil {
		return fmt.Errorf("server roles: %w", err)
	}
	if !ok {
		return nil
	}
	groups := []string{groupRoleName(prefix, data.RoleMentor), groupRoleName(prefix, data.RoleCoordinator),
		groupRoleName(prefix, data.RoleAdministrator)}
	fingerprint := grantsFingerprint(prefix, version)
	var current sql.NullString
	if err := s.pool().QueryRowContext(ctx, "SELECT obj_description('schema_migrations'::regclass, 'pg_class')").Scan(&current); err != nil {
		return fmt.Errorf("server roles: %w", err)
	}
	var existing int
	if err := s.pool().QueryRowContext(ctx, "SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?, ?)",
		groups[0], groups[1], groups[2]).Scan(&existing); err != nil {
		return fmt.Errorf("server roles: %w", err)
	}
	if current.String == grantsMark+fingerprint && existing == len(groups) {
		return nil
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if err := s.createGroupRoles(ctx, groups); err != nil {
			return err
		}
		if err := s.grantGroups(ctx, groups); err != nil {
			return err
		}
		_, err := s.q(ctx).ExecContext(ctx, "COMMENT ON TABLE schema_migrations IS '"+grantsMark+fingerprint+"'")
		return err
	})
}

func (s *Store) createGroupRoles(ctx context.Context, groups []string) error {
	for _, g := range groups {
		var n int
		if err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM pg_roles WHERE rolname = ?", g).Scan(&n); err != nil {
			return fmt.Errorf("server roles: %w", err)
		}
		if n == 0 {
			if _, err := s.q(ctx).ExecContext(ctx, "CREATE ROLE "+quoteIdent(g)+" NOLOGIN"); err != nil {
				return fmt.Errorf("server roles: create %s: %w", g, err)
			}
		}
	}
	return nil
}

// grantGroups replaces the groups' privileges with serverGrants: only the
// groups may connect to the database, use the schema and run the role
// function.
func (s *Store) grantGroups(ctx context.Context, groups []string) error {
	var db, schema string
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT current_database(), current_schema()").Scan(&db, &schema); err != nil {
		return fmt.Errorf("server roles: %w", err)
	}
	all := strings.Join(quoteAll(groups), ", ")
	stmts := []string{
		"REVOKE CONNECT, TEMPORARY ON DATABASE " + quoteIdent(db) + " FROM PUBLIC",
		"GRANT CONNECT ON DATABASE " + quoteIdent(db) + " TO " + all,
		"GRANT USAGE ON SCHEMA " + quoteIdent(schema) + " TO " + all,
		"REVOKE ALL ON ALL TABLES IN SCHEMA " + quoteIdent(schema) + " FROM " + all,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + quoteIdent(schema) + " TO " + all,
		"GRANT EXECUTE ON FUNCTION mb_set_login_role(bigint, text, text) TO " + all,
	}
	tables := make([]string, 0, len(serverGrants))
	for t := range serverGrants {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		g := serverGrants[t]
		for i, privileges := range []string{g.mentor, g.koordinator, g.administrator} {
			if privileges != "" {
				stmts = append(stmts, "GRANT "+privileges+" ON "+quoteIdent(t)+" TO "+quoteIdent(groups[i]))
			}
		}
	}
	for _, stmt := range stmts {
		if _, err := s.q(ctx).ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("server roles: %s: %w", stmt, err)
		}
	}
	return nil
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quoteIdent(n)
	}
	return out
}

// serverPrefix is the role prefix of the connected database.
func (s *Store) serverPrefix(ctx context.Context) (string, error) {
	var prefix string
	if err := s.q(ctx).QueryRowContext(ctx, "SELECT mb_role_prefix()").Scan(&prefix); err != nil {
		return "", fmt.Errorf("server role: %w", err)
	}
	return prefix, nil
}

// setLoginRole gives a user's login role the password (creating the role
// when missing), its group by the user's role, and LOGIN unless the user
// is disabled. It runs in ctx's transaction with the change of the user, so
// the two never disagree. A no-op on SQLite.
func (s *Store) setLoginRole(ctx context.Context, userID data.ID, username, password string) error {
	if s.dialect != dialectPostgres {
		return nil
	}
	prefix, err := s.serverPrefix(ctx)
	if err != nil {
		return err
	}
	verifier, err := scramVerifier(s.roleSecret(prefix, username, password))
	if err != nil {
		return fmt.Errorf("server role: %w", err)
	}
	if err := s.requireRoleGroups(ctx, prefix); err != nil {
		return err
	}
	if _, err := s.q(ctx).ExecContext(ctx, "SELECT mb_set_login_role(?, ?, ?)",
		userID, loginRoleName(prefix, username), verifier); err != nil {
		return fmt.Errorf("server role: %w", err)
	}
	return nil
}

// syncLoginRole brings a user's login role in line with a changed role or
// disabled flag; a user without a login role is left alone.
func (s *Store) syncLoginRole(ctx context.Context, userID data.ID) error {
	if s.dialect != dialectPostgres {
		return nil
	}
	if _, err := s.q(ctx).ExecContext(ctx, "SELECT mb_set_login_role(?, NULL, NULL)", userID); err != nil {
		return fmt.Errorf("server role: %w", err)
	}
	return nil
}

// requireRoleGroups refuses clearly when the groups could not be made
// (an owner without CREATEROLE), instead of failing inside the function.
func (s *Store) requireRoleGroups(ctx context.Context, prefix string) error {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM pg_roles WHERE rolname IN (?, ?, ?)",
		groupRoleName(prefix, data.RoleMentor), groupRoleName(prefix, data.RoleCoordinator),
		groupRoleName(prefix, data.RoleAdministrator)).Scan(&n)
	if err != nil {
		return fmt.Errorf("server role: %w", err)
	}
	if n != 3 {
		return ErrNoServerRoles
	}
	return nil
}

// ensureOwnLoginRole gives a user who logs in through the owner's
// connection a login role when they have none (a database copied from a
// SQLite file, or restored): the password is known only at a login. Best
// effort: the owner's login works without it.
func (s *Store) ensureOwnLoginRole(ctx context.Context, u data.User, password string) {
	if s.dialect != dialectPostgres || s.server != nil {
		return
	}
	prefix, err := s.serverPrefix(ctx)
	if err != nil {
		return
	}
	var current string
	err = s.pool().QueryRowContext(ctx, "SELECT db_role FROM users WHERE id = ?", u.ID).Scan(&current)
	if err != nil || current == loginRoleName(prefix, u.Username) {
		return
	}
	_ = s.Atomically(ctx, func(ctx context.Context) error {
		return s.setLoginRole(ctx, u.ID, u.Username, password)
	})
}

// errNotOwner explains what needs the owner's connection on a server.
func errNotOwner(what string) error {
	return fmt.Errorf("%s på en databaseserver kræver databaseejerens adresse (postgres://ejer@server/database), ikke en brugers login", what)
}
