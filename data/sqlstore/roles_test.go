package sqlstore

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"mentorbog/data"
	"mentorbog/data/cpr"
	"mentorbog/data/demo"
	"mentorbog/data/sqlstore/storetest"
)

var roleNameShape = regexp.MustCompile(`^[a-z0-9_]{1,63}$`)

func TestRoleNamesAreSafeDistinctAndStartWithTheDatabase(t *testing.T) {
	if got := rolePrefix("Mentorbog-Næstved"); got != "mentorbog_n_stved" {
		t.Errorf("rolePrefix = %q", got)
	}
	long := rolePrefix(strings.Repeat("ABC", 30))
	if len(long) != rolePrefixMax || long != strings.Repeat("abc", 10) {
		t.Errorf("long prefix = %q", long)
	}
	prefix := rolePrefix("mbtest_0123456789ab")
	seen := map[string]string{}
	for _, username := range []string{"Anne.B", "anne_b", "anne b", "ANNE_B", "Ærø-Søren", "x", strings.Repeat("langtbrugernavn", 10), "  Anne.B  "} {
		name := loginRoleName(prefix, username)
		if !roleNameShape.MatchString(name) || !strings.HasPrefix(name, prefix+"_") {
			t.Errorf("%q → %q: not a safe role name of the database", username, name)
		}
		trimmed := strings.TrimSpace(username)
		if other, ok := seen[name]; ok && other != trimmed {
			t.Errorf("%q and %q share the role %q", other, trimmed, name)
		}
		seen[name] = trimmed
		for _, role := range []data.UserRole{data.RoleMentor, data.RoleCoordinator, data.RoleAdministrator} {
			if name == groupRoleName(prefix, role) {
				t.Errorf("%q gets the group role's name", username)
			}
		}
	}
	if len(seen) != 7 { // "  Anne.B  " is Anne.B
		t.Errorf("%d distinct roles for 7 usernames", len(seen))
	}
	if len(groupRoleName(long, data.RoleAdministrator)) > 63 {
		t.Error("group role name too long")
	}
}

// TestSCRAMVerifierMatchesTheSecret recomputes the stored key from the
// verifier's salt, as the server does when the client proves the secret.
func TestSCRAMVerifierMatchesTheSecret(t *testing.T) {
	s := &Store{}
	fastKeys(s)
	secret := s.roleSecret("mb", "mentor", "demo-mentor-1234")
	if secret == s.roleSecret("mb", "mentor", "demo-mentor-1235") || secret == s.roleSecret("mb2", "mentor", "demo-mentor-1234") {
		t.Fatal("the secret must depend on the password and the database")
	}
	if strings.Contains(secret, "demo-mentor") {
		t.Fatal("the secret shows the password")
	}
	v, err := scramVerifier(secret)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$`).FindStringSubmatch(v)
	if m == nil {
		t.Fatalf("verifier %q", v)
	}
	iterations, _ := strconv.Atoi(m[1])
	salt, _ := base64.StdEncoding.DecodeString(m[2])
	salted, err := pbkdf2.Key(sha256.New, secret, salt, iterations, 32)
	if err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, salted)
	mac.Write([]byte("Client Key"))
	stored := sha256.Sum256(mac.Sum(nil))
	if base64.StdEncoding.EncodeToString(stored[:]) != m[3] {
		t.Fatal("stored key does not match the secret")
	}
	if again, _ := scramVerifier(secret); again == v {
		t.Fatal("two verifiers share a salt")
	}
}

// TestEveryTableHasServerGrants fails when a migration adds a table that
// serverGrants does not mention: on a server, no Mentorbog role could use
// it. Runs on both backends.
func TestEveryTableHasServerGrants(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	query := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if s.IsPostgres() {
		query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	rows, err := s.pool().QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var missing []string
	n := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		n++
		if _, ok := serverGrants[name]; !ok {
			missing = append(missing, name)
		}
	}
	if n < 20 {
		t.Fatalf("only %d tables listed", n)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Fatalf("tables without an entry in serverGrants (roles.go): %v", missing)
	}
}

// serverFixture is a demo database on the test server, made through the
// owner's connection, with the addresses to reach it.
type serverFixture struct {
	owner    *Store // logged in as admin, through the owner's URL
	ownerURL string
	userless string // the same database without a user: connect at login
	prefix   string
	mentorID data.ID // the demo mentor login's mentor
}

func newServerFixture(t *testing.T) serverFixture {
	t.Helper()
	storetest.RequirePostgres(t, "server roles and row-level security")
	ownerURL := storetest.Addr(t, "roles.db")
	s, err := Open(ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fastKeys(s)
	ctx := context.Background()
	if _, err := demo.Secure(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, s, demo.Config{Seed: 7, Today: data.NewDate(2026, time.November, 23)}); err != nil {
		t.Fatal(err)
	}
	if err := demo.AddUsers(ctx, s); err != nil {
		t.Fatal(err)
	}
	f := serverFixture{owner: s, ownerURL: ownerURL, userless: withoutUser(t, ownerURL)}
	if err := s.pool().QueryRowContext(ctx, "SELECT mb_role_prefix()").Scan(&f.prefix); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(ownerURL)
	if goPrefix := rolePrefix(strings.TrimPrefix(u.Path, "/")); goPrefix != f.prefix {
		t.Fatalf("Go's role prefix %q, the server's %q", goPrefix, f.prefix)
	}
	if err := s.pool().QueryRowContext(ctx, "SELECT mentor_id FROM users WHERE username = 'mentor'").Scan(&f.mentorID); err != nil {
		t.Fatal(err)
	}
	return f
}

// withoutUser drops the user and password from a postgres:// URL.
func withoutUser(t *testing.T, addr string) string {
	t.Helper()
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	u.User = nil
	return u.String()
}

// connectAsUser is a direct SQL connection as a Mentorbog user's login
// role, as psql would make it: no Mentorbog in between.
func (f serverFixture) connectAsUser(t *testing.T, username, password string) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	cfg.User = loginRoleName(f.prefix, username)
	cfg.Password = f.owner.roleSecret(f.prefix, username, password)
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { db.Close() })
	return db
}

// count runs a count(*) query (with $n placeholders).
func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// sqlState is the PostgreSQL error code of err, or "".
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

// TestServerRolesOnADemoDatabase checks on one demo database (made once:
// the checks change nothing) what a direct SQL connection as a mentor or
// coordinator can do, and what a dump of the database shows.
func TestServerRolesOnADemoDatabase(t *testing.T) {
	f := newServerFixture(t)
	t.Run("MentorsRoleSeesOnlyTheirOwnCitizens", func(t *testing.T) { mentorsRoleSeesOnlyTheirOwnCitizens(t, f) })
	t.Run("MentorsRoleCannotWriteOtherMentorsSessionsNorChangeTheAuditLog", func(t *testing.T) {
		mentorsRoleCannotWriteOtherMentorsSessionsNorChangeTheAuditLog(t, f)
	})
	t.Run("ServerDumpHoldsNoPersonalPlaintext", func(t *testing.T) { serverDumpHoldsNoPersonalPlaintext(t, f) })
}

func mentorsRoleSeesOnlyTheirOwnCitizens(t *testing.T, f serverFixture) {
	ctx := context.Background()
	owner := f.owner.DB()
	mentor := f.connectAsUser(t, "mentor", "demo-mentor-1234")

	for _, c := range []struct{ table, all, own string }{
		{"citizens", "SELECT count(*) FROM citizens",
			"SELECT count(DISTINCT citizen_id) FROM courses WHERE mentor_id = $1"},
		{"courses", "SELECT count(*) FROM courses", "SELECT count(*) FROM courses WHERE mentor_id = $1"},
		{"sessions", "SELECT count(*) FROM sessions",
			"SELECT count(*) FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE mentor_id = $1)"},
		{"agreements", "SELECT count(*) FROM agreements",
			"SELECT count(*) FROM agreements WHERE course_id IN (SELECT id FROM courses WHERE mentor_id = $1)"},
		{"goals", "SELECT count(*) FROM goals",
			"SELECT count(*) FROM goals WHERE course_id IN (SELECT id FROM courses WHERE mentor_id = $1)"},
	} {
		all, own := count(t, owner, c.all), count(t, owner, c.own, f.mentorID)
		if own == 0 || own == all {
			t.Fatalf("%s: the demo should give the mentor some but not all rows (%d of %d)", c.table, own, all)
		}
		if got := count(t, mentor, "SELECT count(*) FROM "+c.table); got != own {
			t.Errorf("%s: the mentor's role sees %d rows, their own are %d (of %d)", c.table, got, own, all)
		}
	}
	var other data.ID
	if err := owner.QueryRowContext(ctx, `SELECT id FROM citizens WHERE id NOT IN
		(SELECT citizen_id FROM courses WHERE mentor_id = $1) LIMIT 1`, f.mentorID).Scan(&other); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := mentor.QueryRowContext(ctx, "SELECT name FROM citizens WHERE id = $1", other).Scan(&name); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("another mentor's citizen is visible: %v", err)
	}
	if got := count(t, mentor, "SELECT count(*) FROM users"); got != 1 {
		t.Errorf("the mentor sees %d users, only their own row expected", got)
	}
	if got := count(t, mentor, "SELECT count(*) FROM drafts WHERE user_id <> (SELECT id FROM users)"); got != 0 {
		t.Errorf("the mentor sees %d drafts of others", got)
	}
	// Of the audit log, their own entries and the newest (to chain to).
	if got := count(t, mentor, "SELECT count(*) FROM audit_log WHERE user_id IS DISTINCT FROM (SELECT id FROM users)"); got > 1 {
		t.Errorf("the mentor reads %d audit entries of others", got)
	}
	if got, all := count(t, mentor, "SELECT max(id) FROM audit_log"), count(t, owner, "SELECT max(id) FROM audit_log"); got != all {
		t.Errorf("the mentor's newest audit entry is %d, the log's %d", got, all)
	}

	coordinator := f.connectAsUser(t, "koordinator", "demo-koordinator")
	for _, table := range []string{"citizens", "courses", "sessions", "users"} {
		if got, all := count(t, coordinator, "SELECT count(*) FROM "+table), count(t, owner, "SELECT count(*) FROM "+table); got != all {
			t.Errorf("the coordinator's role sees %d of %d %s", got, all, table)
		}
	}
}

func mentorsRoleCannotWriteOtherMentorsSessionsNorChangeTheAuditLog(t *testing.T, f serverFixture) {
	ctx := context.Background()
	owner := f.owner.DB()
	mentor := f.connectAsUser(t, "mentor", "demo-mentor-1234")

	var otherSession, otherCourse data.ID
	var otherPlace string
	if err := owner.QueryRowContext(ctx, `SELECT s.id, s.course_id, s.place FROM sessions s JOIN courses c ON c.id = s.course_id
		WHERE c.mentor_id <> $1 ORDER BY s.id LIMIT 1`, f.mentorID).Scan(&otherSession, &otherCourse, &otherPlace); err != nil {
		t.Fatal(err)
	}
	var ownSession data.ID
	if err := owner.QueryRowContext(ctx, `SELECT s.id FROM sessions s JOIN courses c ON c.id = s.course_id
		WHERE c.mentor_id = $1 ORDER BY s.id LIMIT 1`, f.mentorID).Scan(&ownSession); err != nil {
		t.Fatal(err)
	}

	res, err := mentor.ExecContext(ctx, "UPDATE sessions SET place = 'overtaget' WHERE id = $1", otherSession)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 0 {
		t.Errorf("the mentor updated %d of another mentor's sessions", n)
	}
	var place string
	if err := owner.QueryRowContext(ctx, "SELECT place FROM sessions WHERE id = $1", otherSession).Scan(&place); err != nil || place != otherPlace {
		t.Errorf("another mentor's session changed: %q, %v", place, err)
	}
	if res, err := mentor.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", otherSession); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n != 0 {
		t.Errorf("the mentor deleted another mentor's session")
	}
	_, err = mentor.ExecContext(ctx, `INSERT INTO sessions (course_id, mentor_id, planned_start, planned_end, status)
		VALUES ($1, $2, 1800000000, 1800003600, 'planlagt')`, otherCourse, f.mentorID)
	if sqlState(err) != "42501" {
		t.Errorf("a session in another mentor's course was inserted (or refused for another reason): %v", err)
	}
	_, err = mentor.ExecContext(ctx, "UPDATE sessions SET course_id = $1 WHERE id = $2", otherCourse, ownSession)
	if sqlState(err) != "42501" {
		t.Errorf("an own session was moved into another mentor's course: %v", err)
	}
	// What the app does not let a mentor do, the grants refuse as well.
	for _, stmt := range []string{
		"UPDATE citizens SET name = 'x'",
		"INSERT INTO citizens (name) VALUES ('x')",
		"UPDATE courses SET mentor_id = mentor_id",
		"UPDATE users SET role = 'administrator'",
		"INSERT INTO settings (key, value) VALUES ('retention_months', '1')",
		"DELETE FROM deletion_log",
	} {
		if _, err := mentor.ExecContext(ctx, stmt); sqlState(err) != "42501" {
			t.Errorf("%s: %v, want permission denied", stmt, err)
		}
	}

	entries := count(t, owner, "SELECT count(*) FROM audit_log")
	for _, stmt := range []string{
		"UPDATE audit_log SET detail = 'rettet'",
		"DELETE FROM audit_log",
		"TRUNCATE audit_log",
		// An entry must name its real author.
		"INSERT INTO audit_log (id, at, user_id, username, action, detail, prev_hash, hash) " +
			"SELECT max(id) + 1, 0, (SELECT id FROM users), 'admin', 'login', '', '', '' FROM audit_log",
	} {
		if _, err := mentor.ExecContext(ctx, stmt); sqlState(err) != "42501" {
			t.Errorf("%s: %v, want permission denied", stmt, err)
		}
	}
	coordinator := f.connectAsUser(t, "koordinator", "demo-koordinator")
	if _, err := coordinator.ExecContext(ctx, "DELETE FROM audit_log"); sqlState(err) != "42501" {
		t.Errorf("the coordinator deleted the audit log: %v", err)
	}
	if got := count(t, owner, "SELECT count(*) FROM audit_log"); got != entries {
		t.Errorf("audit log has %d entries, had %d", got, entries)
	}
}

func TestLoginThroughAServerAddressWithoutUserWorksUnderRowLevelSecurity(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()
	s, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fastKeys(s)

	// Before a login nothing is connected: the store is locked.
	if need, err := s.SetupNeeded(ctx); err != nil || need {
		t.Fatalf("SetupNeeded = %v, %v; a login is what is needed", need, err)
	}
	if _, err := s.Citizens(ctx, false); !errors.Is(err, data.ErrLoggedOut) {
		t.Fatalf("citizens before login: %v", err)
	}
	if _, err := s.Setup(ctx, data.User{Username: "nyadmin"}, "en lang adgangskode"); err == nil || !strings.Contains(err.Error(), "ejerens adresse") {
		t.Fatalf("setup through a user's address: %v", err)
	}
	for _, c := range []struct{ user, password string }{{"mentor", "forkert-kode-123"}, {"ukendt", "demo-mentor-1234"}} {
		_, err := s.Login(ctx, c.user, c.password)
		if !errors.Is(err, data.ErrWrongPassword) || err.Error() != "forkert brugernavn eller adgangskode" {
			t.Errorf("login %s with a wrong password: %v", c.user, err)
		}
	}

	u, err := s.Login(ctx, "mentor", "demo-mentor-1234")
	if err != nil {
		t.Fatal(err)
	}
	if u.MentorID != f.mentorID {
		t.Fatalf("logged in as %+v", u)
	}
	citizens, err := s.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	own := count(t, f.owner.DB(), "SELECT count(DISTINCT citizen_id) FROM courses WHERE mentor_id = $1", f.mentorID)
	if len(citizens) != own || own == 0 {
		t.Errorf("the mentor's store lists %d citizens, their own are %d", len(citizens), own)
	}
	for _, c := range citizens {
		if _, err := cpr.Parse(c.CPR); err != nil || c.Name == "" {
			t.Errorf("citizen %d not decrypted: %q", c.ID, c.Name)
		}
	}
	from := time.Date(2026, time.November, 16, 0, 0, 0, 0, data.Zone())
	calendar, err := s.Sessions(ctx, data.SessionFilter{From: from, To: from.AddDate(0, 0, 14), MentorIDs: []data.ID{f.mentorID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calendar) == 0 {
		t.Fatal("the mentor's calendar is empty")
	}
	var planned *data.Session
	for i := range calendar {
		if calendar[i].Status == data.SessionPlanned && calendar[i].PlannedStart.Before(time.Date(2026, time.November, 23, 0, 0, 0, 0, data.Zone())) {
			planned = &calendar[i]
		}
	}
	if planned == nil {
		planned = &calendar[0]
	}
	// Register the session, as after a meeting.
	planned.Status = data.SessionHeld
	planned.ActualStart, planned.ActualEnd = planned.PlannedStart, planned.PlannedEnd
	planned.ContactMin = int(planned.PlannedEnd.Sub(planned.PlannedStart).Minutes())
	planned.Note = "Registreret gennem serverens rolle"
	if err := s.SaveSession(ctx, planned); err != nil {
		t.Fatalf("register a session: %v", err)
	}
	fresh := data.Session{CourseID: planned.CourseID, MentorID: f.mentorID, Status: data.SessionPlanned,
		PlannedStart: planned.PlannedStart.AddDate(0, 0, 30), PlannedEnd: planned.PlannedEnd.AddDate(0, 0, 30)}
	if err := s.SaveSession(ctx, &fresh); err != nil || fresh.ID == 0 {
		t.Fatalf("plan a session: %v", err)
	}
	var status string
	if err := f.owner.DB().QueryRowContext(ctx, "SELECT status FROM sessions WHERE id = $1", planned.ID).Scan(&status); err != nil || status != string(data.SessionHeld) {
		t.Fatalf("the registration is not stored: %q, %v", status, err)
	}
	if got, err := f.owner.Session(ctx, planned.ID); err != nil || got.Note != planned.Note {
		t.Fatalf("the note, read by the owner's store: %q, %v", got.Note, err)
	}

	// The store's own checks and the server's agree on another's course.
	var otherCourse data.ID
	if err := f.owner.DB().QueryRowContext(ctx, "SELECT id FROM courses WHERE mentor_id <> $1 LIMIT 1", f.mentorID).Scan(&otherCourse); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Course(ctx, otherCourse); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("another mentor's course: %v", err)
	}
	if entries, err := f.owner.AuditLog(ctx, data.AuditFilter{UserID: u.ID, Actions: []data.AuditAction{data.AuditLogin}}); err != nil || len(entries) == 0 {
		t.Errorf("the mentor's login is not in the audit log: %d, %v", len(entries), err)
	}

	// The server checks the password again, although the pool holds the
	// mentor's connections.
	if _, err := s.Login(ctx, "mentor", "forkert-kode-123"); !errors.Is(err, data.ErrWrongPassword) {
		t.Errorf("a second login with a wrong password: %v", err)
	}
	// Refused by the server (not by the data key, which would have ended
	// the session), so the earlier login goes on.
	if _, err := s.Citizens(ctx, false); err != nil {
		t.Errorf("the session after a refused second login: %v", err)
	}

	// Locking closes the user's connection.
	s.Lock()
	if _, err := s.Citizens(ctx, false); !errors.Is(err, data.ErrLoggedOut) {
		t.Errorf("citizens after Lock: %v", err)
	}
	if _, err := s.Login(ctx, "koordinator", "demo-koordinator"); err != nil {
		t.Fatal(err)
	}
	if all, err := s.Citizens(ctx, true); err != nil || len(all) != count(t, f.owner.DB(), "SELECT count(*) FROM citizens") {
		t.Errorf("the coordinator lists %d citizens: %v", len(all), err)
	}
}

func TestAdministratorManagesUsersServerRolesFromTheApp(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()
	admin, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	fastKeys(admin)
	if _, err := admin.Login(ctx, "admin", "demo-administrator"); err != nil {
		t.Fatal(err)
	}

	// A new user gets a role that logs in.
	ny := data.User{Username: "Søren.M", DisplayName: "Søren Mentor", Role: data.RoleMentor, MentorID: f.mentorID}
	if err := admin.SaveUser(ctx, &ny, "søren-har-en-kode"); err != nil {
		t.Fatal(err)
	}
	other, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	fastKeys(other)
	if _, err := other.Login(ctx, "Søren.M", "søren-har-en-kode"); err != nil {
		t.Fatalf("the new user's login: %v", err)
	}
	mine := count(t, f.owner.DB(), "SELECT count(DISTINCT citizen_id) FROM courses WHERE mentor_id = $1", f.mentorID)
	if list, err := other.Citizens(ctx, true); err != nil || len(list) != mine {
		t.Fatalf("the new mentor lists %d citizens, want %d: %v", len(list), mine, err)
	}

	// A new role moves the group grant: the koordinator sees everyone.
	ny.Role, ny.MentorID = data.RoleCoordinator, 0
	if err := admin.SaveUser(ctx, &ny, ""); err != nil {
		t.Fatal(err)
	}
	psql := f.connectAsUser(t, "Søren.M", "søren-har-en-kode")
	if got, all := count(t, psql, "SELECT count(*) FROM citizens"), count(t, f.owner.DB(), "SELECT count(*) FROM citizens"); got != all {
		t.Errorf("after becoming koordinator the role sees %d of %d citizens", got, all)
	}
	if _, err := psql.ExecContext(ctx, "UPDATE citizens SET archived = archived WHERE id = (SELECT min(id) FROM citizens)"); err != nil {
		t.Errorf("the koordinator's group may update citizens: %v", err)
	}

	// Changing the password changes the role's password too.
	other.Lock()
	if _, err := other.Login(ctx, "Søren.M", "søren-har-en-kode"); err != nil {
		t.Fatal(err)
	}
	if err := other.ChangePassword(ctx, "søren-har-en-kode", "en-ny-og-lang-kode"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Citizens(ctx, false); err != nil {
		t.Errorf("the store after a password change: %v", err)
	}
	other.Lock()
	if _, err := other.Login(ctx, "Søren.M", "søren-har-en-kode"); !errors.Is(err, data.ErrWrongPassword) {
		t.Errorf("the old password: %v", err)
	}
	if _, err := other.Login(ctx, "Søren.M", "en-ny-og-lang-kode"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	other.Lock()

	// A disabled user's role cannot connect at all.
	ny.Disabled = true
	if err := admin.SaveUser(ctx, &ny, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Login(ctx, "Søren.M", "en-ny-og-lang-kode"); !errors.Is(err, data.ErrWrongPassword) {
		t.Errorf("a disabled user's login: %v", err)
	}
	direct := f.connectAsUser(t, "Søren.M", "en-ny-og-lang-kode")
	if err := direct.PingContext(ctx); sqlState(err) != "28000" {
		t.Errorf("a disabled user's role connects: %v", err)
	}

	// Nobody but the owner prunes the audit log (two years on, every
	// entry is past the retention period).
	admin.security.now = func() time.Time { return time.Now().AddDate(2, 0, 0) }
	if _, err := admin.PruneAudit(ctx, time.Now().AddDate(1, 0, 0)); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("the administrator's role pruned the audit log: %v", err)
	}
	if _, err := admin.RecoverAdministrator(ctx, "admin", "x", "en-ny-og-lang-kode"); err == nil || !strings.Contains(err.Error(), "ejerens adresse") {
		t.Errorf("recovery through a user's address: %v", err)
	}
}

// serverDumpHoldsNoPersonalPlaintext dumps the demo database with
// pg_dump, as the server's administrator could, and looks for the
// citizens' names, CPR numbers and notes.
func serverDumpHoldsNoPersonalPlaintext(t *testing.T, f serverFixture) {
	ctx := context.Background()
	pgDump := findPgDump(t)
	out := filepath.Join(t.TempDir(), "dump.sql")
	cmd := exec.Command(pgDump, "--no-owner", "--file", out, "--dbname", f.ownerURL)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, msg)
	}
	dump, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(dump), "COPY public.citizens") || len(dump) < 100_000 {
		t.Fatalf("the dump (%d bytes) does not look like the demo", len(dump))
	}
	citizens, err := f.owner.Citizens(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var secrets []string
	for _, c := range citizens {
		secrets = append(secrets, c.Name, c.Address)
		if n, err := cpr.Parse(c.CPR); err == nil {
			secrets = append(secrets, string(n), n.Formatted())
		}
	}
	sessions, err := f.owner.Sessions(ctx, data.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	for _, s := range sessions {
		if len(s.Note) > 20 {
			secrets = append(secrets, s.Note)
			notes++
		}
	}
	if len(citizens) < 10 || notes < 10 {
		t.Fatalf("only %d citizens and %d notes to look for", len(citizens), notes)
	}
	for _, secret := range secrets {
		if strings.TrimSpace(secret) != "" && strings.Contains(string(dump), secret) {
			t.Errorf("the server's dump holds %q in plaintext", secret)
		}
	}
}

func findPgDump(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("pg_dump"); err == nil {
		return p
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	if len(matches) == 0 {
		t.Fatal("pg_dump is not installed (PATH or /usr/lib/postgresql/*/bin)")
	}
	sort.Strings(matches)
	return matches[len(matches)-1]
}

// TestOwnersLoginGivesAUserWithoutARoleTheirRole: users copied in from a
// SQLite file (or restored) have no login role; the password that makes
// one is known only at a login through the owner's connection.
func TestOwnersLoginGivesAUserWithoutARoleTheirRole(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()
	role := loginRoleName(f.prefix, "mentor")
	if _, err := f.owner.DB().ExecContext(ctx, "UPDATE users SET db_role = '' WHERE username = 'mentor'"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.owner.DB().ExecContext(ctx, "DROP ROLE "+quoteIdent(role)); err != nil {
		t.Fatal(err)
	}
	s, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Login(ctx, "mentor", "demo-mentor-1234"); !errors.Is(err, data.ErrWrongPassword) {
		t.Fatalf("login without a role: %v", err)
	}

	owner, err := Open(f.ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if _, err := owner.Login(ctx, "mentor", "demo-mentor-1234"); err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := f.owner.DB().QueryRowContext(ctx, "SELECT db_role FROM users WHERE username = 'mentor'").Scan(&stored); err != nil || stored != role {
		t.Fatalf("db_role after the owner's login: %q, %v", stored, err)
	}
	if _, err := s.Login(ctx, "mentor", "demo-mentor-1234"); err != nil {
		t.Fatalf("login with the new role: %v", err)
	}
	if list, err := s.Citizens(ctx, true); err != nil || len(list) == 0 {
		t.Fatalf("the mentor's citizens: %d, %v", len(list), err)
	}
}

// TestOpeningAsOwnerGivesTheGroupsTheirGrants: the owner's open makes the
// group roles and grants them what serverGrants says, again when the
// catalogue lost them (a database made anew from copied rows).
func TestOpeningAsOwnerGivesTheGroupsTheirGrants(t *testing.T) {
	storetest.RequirePostgres(t, "group roles and grants")
	addr := storetest.Addr(t, "grants.db")
	s, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	prefix, err := s.serverPrefix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mentor, admin := groupRoleName(prefix, data.RoleMentor), groupRoleName(prefix, data.RoleAdministrator)
	may := func(role, table, privilege string) bool {
		var ok bool
		if err := s.DB().QueryRowContext(ctx, "SELECT has_table_privilege($1, $2, $3)", role, table, privilege).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	check := func(when string) {
		t.Helper()
		for _, c := range []struct {
			role, table, privilege string
			want                   bool
		}{
			{mentor, "sessions", "INSERT", true},
			{mentor, "citizens", "SELECT", true},
			{mentor, "citizens", "UPDATE", false},
			{mentor, "deletion_log", "SELECT", false},
			{admin, "citizens", "DELETE", true},
			{admin, "audit_log", "INSERT", true},
			{admin, "audit_log", "UPDATE", false},
			{admin, "audit_log", "DELETE", false},
			{admin, "audit_log", "TRUNCATE", false},
		} {
			if got := may(c.role, c.table, c.privilege); got != c.want {
				t.Errorf("%s: %s %s on %s = %v", when, c.role, c.privilege, c.table, got)
			}
		}
	}
	check("after the first open")
	if _, err := s.DB().ExecContext(ctx, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "+quoteIdent(mentor)+", "+quoteIdent(admin)+
		"; COMMENT ON TABLE schema_migrations IS NULL"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("after an open that found no grants")
}

// loginAtServer opens the database without a user and logs in: the store
// works through the user's own login role, under row-level security.
func (f serverFixture) loginAtServer(t *testing.T, username, password string) *Store {
	t.Helper()
	s, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fastKeys(s)
	if _, err := s.Login(context.Background(), username, password); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return s
}

// TestEveryRoleDoesItsWorkThroughItsServerRole runs each role's everyday
// work through its own login role: the grants and policies must let
// through all the store allows, not only keep others out.
func TestEveryRoleDoesItsWorkThroughItsServerRole(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()

	// The koordinator registers a new citizen with a course and a mentor.
	coordinator := f.loginAtServer(t, "koordinator", "demo-koordinator")
	work := newFixture(t, coordinator)
	must(t, coordinator.AssignMentor(ctx, work.course.ID, f.mentorID, data.NewDate(2026, 2, 1), "Overdraget til demo-mentoren"))
	agreement := data.Agreement{CourseID: work.course.ID, Start: data.NewDate(2026, 2, 1), End: data.NewDate(2026, 7, 31),
		HoursBasis: data.HoursPerWeek, GrantedMin: 120, Scope: data.PerPerson, Goal: "Fast fremmøde", Tasks: "Ugentlige møder",
		LegalBasis: "LAB kap. 26", ComplaintGuidance: "Klag inden 4 uger"}
	must(t, coordinator.SaveAgreement(ctx, &agreement))

	// The mentor works in the new course.
	mentor := f.loginAtServer(t, "mentor", "demo-mentor-1234")
	goal := data.Goal{CourseID: work.course.ID, Title: "Møde til tiden", CreatedOn: data.NewDate(2026, 2, 2)}
	must(t, mentor.SaveGoal(ctx, &goal))
	planned, err := mentor.SaveSeries(ctx, &data.Series{CourseID: work.course.ID, MentorID: f.mentorID,
		First: time.Date(2026, time.March, 16, 10, 0, 0, 0, data.Zone()), LengthMin: 60, IntervalWeeks: 1,
		Until: data.NewDate(2026, 4, 13), Form: data.FormInPerson, Place: "Biblioteket"})
	if err != nil || len(planned) == 0 {
		t.Fatalf("series: %d, %v", len(planned), err)
	}
	held := planned[0]
	held.Status, held.ActualStart, held.ActualEnd, held.ContactMin = data.SessionHeld, held.PlannedStart, held.PlannedEnd, 60
	held.Goals = []data.SessionGoal{{GoalID: goal.ID, Note: "Kom til tiden"}}
	must(t, mentor.SaveSession(ctx, &held))
	must(t, mentor.SaveScore(ctx, &data.Score{GoalID: goal.ID, SessionID: held.ID, On: data.NewDate(2026, 3, 16), Value: 6}))
	must(t, mentor.DeleteSession(ctx, planned[len(planned)-1].ID))
	report := data.Report{Kind: data.KindStatus, CourseID: work.course.ID, MunicipalityID: work.municipality.ID,
		PeriodStart: data.NewDate(2026, 2, 1), PeriodEnd: data.NewDate(2026, 3, 31),
		Assessment: "Stabilt fremmøde.", Recommendation: data.RecommendExtend, SuggestedHoursMin: 90}
	must(t, mentor.SaveReport(ctx, &report))
	must(t, mentor.MoveReport(ctx, report.ID, data.ReportSubmitted, "Klar til godkendelse"))
	must(t, mentor.SaveDraft(ctx, data.Draft{Kind: "session", Key: "1", Title: "Møde", Payload: `{"note":"halv"}`, CitizenID: work.citizen.ID}))
	if drafts, err := mentor.Drafts(ctx); err != nil || len(drafts) != 1 {
		t.Fatalf("the mentor's drafts: %d, %v", len(drafts), err)
	}

	// The koordinator approves; the administrator keeps the organisation
	// and erases the citizen with everything the others wrote.
	must(t, coordinator.MoveReport(ctx, report.ID, data.ReportApproved, ""))
	admin := f.loginAtServer(t, "admin", "demo-administrator")
	org, err := admin.Organisation(ctx)
	must(t, err)
	org.Name = "Broen Mentorhus"
	must(t, admin.SaveOrganisation(ctx, org))
	must(t, admin.SetSetting(ctx, "retention_months", "36"))
	must(t, admin.EraseCitizen(ctx, work.citizen.ID))
	if left := count(t, f.owner.DB(), "SELECT count(*) FROM drafts WHERE citizen_id = $1", work.citizen.ID); left != 0 {
		t.Errorf("%d drafts of the erased citizen are left", left)
	}
	if log, err := admin.DeletionLog(ctx); err != nil || len(log) == 0 {
		t.Errorf("deletion log: %d, %v", len(log), err)
	}
	if v, err := admin.VerifyAuditChain(ctx); err != nil || !v.OK {
		t.Errorf("the audit chain after three roles' work: %+v, %v", v, err)
	}
}

// TestALoginWithTheLegacyRoleSecretRenewsIt: a role whose password is
// still the legacy secret (64 MiB × 8, before the login's memory was held
// to 32 MiB) logs in, and the login gives it the current secret, so the
// next login needs only one derivation and the legacy secret stops working.
func TestALoginWithTheLegacyRoleSecretRenewsIt(t *testing.T) {
	f := newServerFixture(t)
	ctx := context.Background()
	const username, password = "mentor", "demo-mentor-1234"
	var userID data.ID
	if err := f.owner.DB().QueryRowContext(ctx, "SELECT id FROM users WHERE username = $1", username).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	legacy := f.owner.roleSecretOf(legacyRoleSecret, f.prefix, username, password)
	verifier, err := scramVerifier(legacy)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.owner.DB().ExecContext(ctx, "SELECT mb_set_login_role($1, $2, $3)", userID, loginRoleName(f.prefix, username), verifier); err != nil {
		t.Fatal(err)
	}
	pings := func(secret string) error {
		t.Helper()
		cfg, err := pgx.ParseConfig(f.userless)
		if err != nil {
			t.Fatal(err)
		}
		cfg.User, cfg.Password = loginRoleName(f.prefix, username), secret
		db := stdlib.OpenDB(*cfg)
		defer db.Close()
		return db.PingContext(ctx)
	}
	current := f.owner.roleSecret(f.prefix, username, password)
	if err := pings(current); sqlState(err) != "28P01" {
		t.Fatalf("the current secret before the renewal: %v", err)
	}

	s, err := Open(f.userless)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fastKeys(s)
	if _, err := s.Login(ctx, username, "forkert-kode-123"); !errors.Is(err, data.ErrWrongPassword) {
		t.Fatalf("a wrong password against a legacy role: %v", err)
	}
	if err := pings(legacy); err != nil {
		t.Fatalf("a wrong password changed the role's secret: %v", err)
	}
	if _, err := s.Login(ctx, username, password); err != nil {
		t.Fatalf("login with the legacy secret: %v", err)
	}
	if err := pings(current); err != nil {
		t.Errorf("the current secret after the login: %v", err)
	}
	if err := pings(legacy); sqlState(err) != "28P01" {
		t.Errorf("the legacy secret still logs in after the renewal: %v", err)
	}
	s.Lock()
	if _, err := s.Login(ctx, username, password); err != nil {
		t.Fatalf("login with the renewed secret: %v", err)
	}
	if list, err := s.Citizens(ctx, true); err != nil || len(list) == 0 {
		t.Fatalf("the mentor's citizens after the renewal: %d, %v", len(list), err)
	}
}
