package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"mentorbog/data"
	"mentorbog/data/vault"
)

// security is the login state of one Store: who is logged in and the
// unwrapped data key. A desktop process has one user at a time.
type security struct {
	mu        sync.Mutex
	loaded    bool
	setupDone bool // a keyring exists: personal fields are encrypted
	user      *data.User
	key       *vault.DataKey
	// now and params are replaceable so tests can move the clock past a
	// lockout and use cheap Argon2id parameters.
	now    func() time.Time
	params func() (vault.Params, error)
	// roleCost replaces the cost of server role secrets in tests (nil:
	// the versions' own costs); it is set once, before any login.
	roleCost *roleSecretCost
}

var _ data.AuthStore = (*Store)(nil)

// sec returns the store's security state, loading it on first use.
func (s *Store) sec(ctx context.Context) (*security, error) {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.now == nil {
		st.now = time.Now
	}
	if st.params == nil {
		st.params = vault.DefaultParams
	}
	if !st.loaded {
		// A database opened at an old schema (in tests of migrations) has
		// no keyring table yet: it is not set up.
		var n int
		exists, err := s.tableExists(ctx, "keyring")
		if err == nil && exists {
			err = s.pool().QueryRowContext(ctx, "SELECT count(*) FROM keyring").Scan(&n)
		}
		if err != nil {
			return nil, fmt.Errorf("read keyring: %w", err)
		}
		st.setupDone, st.loaded = n > 0, true
	}
	return st, nil
}

// SetupNeeded reports whether the first administrator has yet to be created.
func (s *Store) SetupNeeded(ctx context.Context) (bool, error) {
	st, err := s.sec(ctx)
	if err != nil {
		return false, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return !st.setupDone, nil
}

// Setup creates the data key, the first administrator and the recovery
// wrap, encrypts every personal field already stored, and logs in.
func (s *Store) Setup(ctx context.Context, admin data.User, password string) (string, error) {
	admin.Role = data.RoleAdministrator
	if err := append(admin.Validate(), data.ValidatePassword(password)...).Err(); err != nil {
		return "", err
	}
	if s.server != nil {
		return "", errNotOwner("Oprettelsen af den første administrator")
	}
	st, err := s.sec(ctx)
	if err != nil {
		return "", err
	}
	if st.setupDone {
		return "", errors.New("administratoren er allerede oprettet")
	}
	key, err := vault.NewDataKey()
	if err != nil {
		return "", fmt.Errorf("setup: %w", err)
	}
	recovery, err := vault.NewRecoveryKey()
	if err != nil {
		return "", fmt.Errorf("setup: %w", err)
	}
	err = s.Atomically(ctx, func(ctx context.Context) error {
		if err := s.storeRecoveryWrap(ctx, key, recovery); err != nil {
			return err
		}
		if err := s.insertUser(ctx, &admin, key, password); err != nil {
			return err
		}
		if err := s.setLoginRole(ctx, admin.ID, admin.Username, password); err != nil {
			return err
		}
		return s.encryptExisting(ctx, key)
	})
	if err != nil {
		key.Destroy()
		return "", fmt.Errorf("setup: %w", err)
	}
	st.mu.Lock()
	st.setupDone = true
	st.mu.Unlock()
	if err := s.purgeFreedPages(ctx); err != nil {
		return "", fmt.Errorf("setup: %w", err)
	}
	s.startSession(admin, key)
	s.audit(ctx, "user_created", 0, "administrator (opsætning)")
	s.audit(ctx, "login", 0, "")
	return recovery, nil
}

func (s *Store) storeRecoveryWrap(ctx context.Context, key *vault.DataKey, recovery string) error {
	w, err := key.WrapWithRecovery(recovery)
	if err != nil {
		return err
	}
	text, err := w.MarshalText()
	if err != nil {
		return err
	}
	_, err = s.q(ctx).ExecContext(ctx, "INSERT INTO keyring (id, recovery_wrapped, created_at) VALUES (1, ?, ?)",
		string(text), s.security.now().Unix())
	return err
}

// wrapFor wraps the data key with a password under fresh Argon2id parameters.
func (s *Store) wrapFor(key *vault.DataKey, password string) (string, error) {
	p, err := s.security.params()
	if err != nil {
		return "", err
	}
	w, err := key.Wrap(password, p)
	if err != nil {
		return "", err
	}
	text, err := w.MarshalText()
	return string(text), err
}

func (s *Store) insertUser(ctx context.Context, u *data.User, key *vault.DataKey, password string) error {
	wrapped, err := s.wrapFor(key, password)
	if err != nil {
		return fmt.Errorf("wrap key: %w", err)
	}
	id, err := insertID(s.q(ctx).QueryRowContext(ctx, `INSERT INTO users (username, display_name, role,
		mentor_id, wrapped_key, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		strings.TrimSpace(u.Username), u.DisplayName, u.Role, nullID(u.MentorID), wrapped,
		boolInt(u.Disabled), s.security.now().Unix()))
	if err != nil {
		// SQLite says "UNIQUE constraint failed", PostgreSQL "violates
		// unique constraint".
		if strings.Contains(strings.ToUpper(err.Error()), "UNIQUE") {
			return data.Problems{{Field: "username", Message: "Brugernavnet er allerede i brug."}}
		}
		return fmt.Errorf("save user: %w", err)
	}
	u.ID = id
	return nil
}

func (s *Store) startSession(u data.User, key *vault.DataKey) {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.key != nil && st.key != key {
		st.key.Destroy()
	}
	st.user, st.key = &u, key
}

// Login checks the password by unwrapping the user's copy of the data key.
// Failed attempts are counted in the database, so a lockout survives a
// restart of Mentorbog.
//
// On a server opened without a user, Login first connects as the user's
// own login role (the server checks the password), then unwraps the data
// key as the second check; a failure leaves the store disconnected. Through
// the owner's connection, a user without a login role gets one.
func (s *Store) Login(ctx context.Context, username, password string) (data.User, error) {
	if s.server != nil {
		renew, err := s.connectAs(ctx, username, password)
		if err != nil {
			return data.User{}, err
		}
		u, err := s.login(ctx, username, password)
		if err != nil {
			s.disconnect()
			return u, err
		}
		if renew != "" {
			// Best effort: the next login tries again.
			_ = s.renewRoleSecret(ctx, renew)
		}
		return u, nil
	}
	u, err := s.login(ctx, username, password)
	if err == nil {
		s.ensureOwnLoginRole(ctx, u, password)
	}
	return u, err
}

func (s *Store) login(ctx context.Context, username, password string) (data.User, error) {
	st, err := s.sec(ctx)
	if err != nil {
		return data.User{}, err
	}
	if !st.setupDone {
		return data.User{}, data.ErrSetupNeeded
	}
	u, wrappedText, failed, err := s.userByName(ctx, username)
	if errors.Is(err, data.ErrNotFound) {
		s.audit(ctx, "login_failed", 0, "ukendt brugernavn")
		return data.User{}, data.ErrWrongPassword
	}
	if err != nil {
		return data.User{}, err
	}
	now := st.now()
	if u.LockedUntil.After(now) {
		return data.User{}, &data.AccountLockedError{Until: u.LockedUntil}
	}
	if u.Disabled {
		return data.User{}, data.ErrWrongPassword
	}
	var w vault.WrappedKey
	if err := w.UnmarshalText([]byte(wrappedText)); err != nil {
		return data.User{}, fmt.Errorf("login: read wrapped key: %w", err)
	}
	key, err := vault.Unwrap(w, password)
	if errors.Is(err, vault.ErrWrongPassword) {
		return data.User{}, s.failedLogin(ctx, u, failed+1, now)
	}
	if err != nil {
		return data.User{}, fmt.Errorf("login: %w", err)
	}
	update, args := "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", []any{u.ID}
	if renewed := s.renewedWrap(key, w, password); renewed != "" {
		update, args = "UPDATE users SET failed_logins = 0, locked_until = 0, wrapped_key = ? WHERE id = ?", []any{renewed, u.ID}
	}
	if _, err := s.pool().ExecContext(ctx, update, args...); err != nil {
		key.Destroy()
		return data.User{}, fmt.Errorf("login: %w", err)
	}
	u.LockedUntil = time.Time{}
	s.startSession(u, key)
	s.audit(ctx, "login", 0, "")
	return u, nil
}

// renewedWrap returns the data key wrapped again for password under today's
// Argon2id parameters when the user's wrap w was made under another cost
// (an older version's defaults), or "" when it is current. Logging in is
// the only moment the password is at hand, so an upgraded Mentorbog moves
// each user over at their next login; until then that login costs what
// the old wrap costs. Stores with cheap test parameters keep their wraps.
// A failure only postpones the renewal to the next login.
func (s *Store) renewedWrap(key *vault.DataKey, w vault.WrappedKey, password string) string {
	if !w.NeedsRewrap() {
		return ""
	}
	p, err := s.security.params()
	if err != nil || !p.AtDefaults() {
		return ""
	}
	// The unwrap's Argon2id block (64 MiB under the old defaults) is
	// garbage now: collected first, its memory takes the new wrap's block,
	// so this one login does not hold both at once.
	runtime.GC()
	fresh, err := key.Wrap(password, p)
	if err != nil {
		return ""
	}
	text, err := fresh.MarshalText()
	if err != nil {
		return ""
	}
	return string(text)
}

// failedLogin counts a failure and locks the account at the limit.
func (s *Store) failedLogin(ctx context.Context, u data.User, failed int, now time.Time) error {
	var lockedUntil int64
	if failed >= data.MaxFailedLogins {
		lockedUntil, failed = now.Add(data.LockoutDuration).Unix(), 0
	}
	if _, err := s.pool().ExecContext(ctx, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
		failed, lockedUntil, u.ID); err != nil {
		return fmt.Errorf("login: count failure: %w", err)
	}
	s.auditAs(ctx, u, "login_failed", 0, "")
	if lockedUntil != 0 {
		s.auditAs(ctx, u, "account_locked", 0, fmt.Sprintf("%d forkerte forsøg", data.MaxFailedLogins))
		return &data.AccountLockedError{Until: time.Unix(lockedUntil, 0)}
	}
	return data.ErrWrongPassword
}

const userColumns = "id, username, display_name, role, mentor_id, disabled, locked_until"

func scanUser(r scanner, extra ...any) (data.User, error) {
	var u data.User
	var mentor sql.NullInt64
	var disabled int
	var locked int64
	err := r.Scan(append([]any{&u.ID, &u.Username, &u.DisplayName, &u.Role, &mentor, &disabled, &locked}, extra...)...)
	u.MentorID, u.Disabled = idOf(mentor), disabled == 1
	if locked > 0 {
		u.LockedUntil = time.Unix(locked, 0).In(data.Zone())
	}
	return u, err
}

func (s *Store) userByName(ctx context.Context, username string) (data.User, string, int, error) {
	var wrapped string
	var failed int
	u, err := scanUser(s.pool().QueryRowContext(ctx, "SELECT "+userColumns+", wrapped_key, failed_logins FROM users WHERE username = ?",
		strings.TrimSpace(username)), &wrapped, &failed)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", 0, data.ErrNotFound
	}
	if err != nil {
		return u, "", 0, fmt.Errorf("read user: %w", err)
	}
	return u, wrapped, failed, nil
}

// Lock forgets the data key and the user. Nothing stored is touched. On a
// server opened without a user it also closes the user's connections.
func (s *Store) Lock() {
	if s.server != nil {
		s.disconnect()
		return
	}
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.key != nil {
		st.key.Destroy()
	}
	st.user, st.key = nil, nil
}

// CurrentUser is the logged-in user.
func (s *Store) CurrentUser() (data.User, bool) {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.user == nil {
		return data.User{}, false
	}
	return *st.user, true
}

// Users lists every user (administrator only).
func (s *Store) Users(ctx context.Context) ([]data.User, error) {
	if err := s.require(ctx, permAdmin); err != nil {
		return nil, err
	}
	rows, err := s.q(ctx).QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []data.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SaveUser creates a user with a password (ID 0) or updates name, role,
// mentor and the disabled flag (administrator only). A new user's wrapped
// key is made from the administrator's unlocked data key.
func (s *Store) SaveUser(ctx context.Context, u *data.User, password string) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	problems := u.Validate()
	if u.ID == 0 {
		problems = append(problems, data.ValidatePassword(password)...)
	}
	if err := problems.Err(); err != nil {
		return err
	}
	if u.ID == 0 {
		key := s.currentKey()
		if key == nil {
			return data.ErrLoggedOut
		}
		err := s.Atomically(ctx, func(ctx context.Context) error {
			if err := s.insertUser(ctx, u, key, password); err != nil {
				return err
			}
			return s.setLoginRole(ctx, u.ID, u.Username, password)
		})
		if err != nil {
			u.ID = 0
			return err
		}
		s.audit(ctx, "user_created", 0, "rolle: "+string(u.Role))
		return nil
	}
	err := s.Atomically(ctx, func(ctx context.Context) error {
		err := rowsAffected(s.q(ctx).ExecContext(ctx, `UPDATE users SET display_name = ?, role = ?, mentor_id = ?,
			disabled = ? WHERE id = ?`, u.DisplayName, u.Role, nullID(u.MentorID), boolInt(u.Disabled), u.ID))
		if err != nil {
			return fmt.Errorf("save user %d: %w", u.ID, err)
		}
		// Checked after the update, inside the transaction: without an
		// active administrator nobody could manage users or backups again.
		var admins int
		if err := s.q(ctx).QueryRowContext(ctx, "SELECT count(*) FROM users WHERE role = 'administrator' AND disabled = 0").Scan(&admins); err != nil {
			return fmt.Errorf("save user %d: %w", u.ID, err)
		}
		if admins == 0 {
			return data.Problems{{Field: "role", Message: "Der skal være mindst én aktiv administrator."}}
		}
		// The server role follows: a disabled user's role may not log
		// in, and a new role moves the group.
		return s.syncLoginRole(ctx, u.ID)
	})
	if err != nil {
		return err
	}
	s.audit(ctx, "user_changed", 0, "rolle: "+string(u.Role))
	return nil
}

func (s *Store) currentKey() *vault.DataKey {
	st := &s.security
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.key
}

// ChangePassword re-wraps the data key for the logged-in user. The data
// itself is not re-encrypted.
func (s *Store) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	u, ok := s.CurrentUser()
	if !ok {
		return data.ErrLoggedOut
	}
	if err := data.ValidatePassword(newPassword).Err(); err != nil {
		return err
	}
	_, wrappedText, _, err := s.userByName(ctx, u.Username)
	if err != nil {
		return err
	}
	var w vault.WrappedKey
	if err := w.UnmarshalText([]byte(wrappedText)); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	key, err := vault.Unwrap(w, oldPassword)
	if errors.Is(err, vault.ErrWrongPassword) {
		return data.Problems{{Field: "old_password", Message: "Den nuværende adgangskode er forkert."}}
	}
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	defer key.Destroy()
	wrapped, err := s.wrapFor(key, newPassword)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	err = s.Atomically(ctx, func(ctx context.Context) error {
		if _, err := s.q(ctx).ExecContext(ctx, "UPDATE users SET wrapped_key = ? WHERE id = ?", wrapped, u.ID); err != nil {
			return err
		}
		return s.setLoginRole(ctx, u.ID, u.Username, newPassword)
	})
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if s.server != nil {
		// The pool's next connections log in with the new password.
		s.server.setSecret(s.roleSecret(s.server.prefix, u.Username, newPassword))
	}
	s.audit(ctx, "user_changed", 0, "adgangskode skiftet")
	return nil
}

// RecoverAdministrator uses the recovery key from setup to give an
// administrator a new password, then logs in.
func (s *Store) RecoverAdministrator(ctx context.Context, username, recoveryKey, newPassword string) (data.User, error) {
	if err := data.ValidatePassword(newPassword).Err(); err != nil {
		return data.User{}, err
	}
	if s.server != nil {
		return data.User{}, errNotOwner("Gendannelse med gendannelsesnøglen")
	}
	u, _, _, err := s.userByName(ctx, username)
	if err != nil || u.Role != data.RoleAdministrator {
		return data.User{}, data.Problems{{Field: "username", Message: "Brugernavnet er ikke en administrator."}}
	}
	var text string
	if err := s.pool().QueryRowContext(ctx, "SELECT recovery_wrapped FROM keyring WHERE id = 1").Scan(&text); err != nil {
		return data.User{}, fmt.Errorf("recover: %w", err)
	}
	var w vault.WrappedKey
	if err := w.UnmarshalText([]byte(text)); err != nil {
		return data.User{}, fmt.Errorf("recover: %w", err)
	}
	key, err := vault.UnwrapWithRecovery(w, recoveryKey)
	if err != nil {
		return data.User{}, data.Problems{{Field: "recovery_key", Message: "Gendannelsesnøglen er forkert."}}
	}
	wrapped, err := s.wrapFor(key, newPassword)
	if err != nil {
		key.Destroy()
		return data.User{}, fmt.Errorf("recover: %w", err)
	}
	err = s.Atomically(ctx, func(ctx context.Context) error {
		if _, err := s.q(ctx).ExecContext(ctx, "UPDATE users SET wrapped_key = ?, failed_logins = 0, locked_until = 0 WHERE id = ?", wrapped, u.ID); err != nil {
			return err
		}
		return s.setLoginRole(ctx, u.ID, u.Username, newPassword)
	})
	if err != nil {
		key.Destroy()
		return data.User{}, fmt.Errorf("recover: %w", err)
	}
	u.LockedUntil = time.Time{}
	s.startSession(u, key)
	s.audit(ctx, "user_changed", 0, "adgangskode gendannet med gendannelsesnøglen")
	return u, nil
}

// purgeFreedPages removes the plaintext that encrypting existing data left
// in free pages and in the write-ahead log: VACUUM rewrites the file from
// live rows only, and the checkpoint empties the WAL. secure_delete (set on
// every connection) keeps later updates from leaving old values behind.
func (s *Store) purgeFreedPages(ctx context.Context) error {
	if s.dialect == dialectPostgres {
		// On a server the rows reach the disk only encrypted: a database
		// there is created encrypted (setup or migrate), never converted.
		return nil
	}
	if _, err := s.pool().ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	if _, err := s.pool().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// UnlockUser lifts a lockout after failed logins before it runs out
// (administrator only), e.g. when the user has called the office.
func (s *Store) UnlockUser(ctx context.Context, userID data.ID) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	err := rowsAffected(s.q(ctx).ExecContext(ctx, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", userID))
	if err != nil {
		return fmt.Errorf("unlock user %d: %w", userID, err)
	}
	s.audit(ctx, "user_changed", 0, fmt.Sprintf("bruger %d låst op", userID))
	return nil
}
