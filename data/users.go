package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"mentorbog/data/dk"
)

// UserRole is what a user may see and do. The store enforces it on every read
// and write; screens only hide what the store would refuse anyway.
type UserRole string

const (
	// RoleMentor sees and edits only the citizens of courses where they are
	// the primary mentor, and those courses' sessions, goals and agreements.
	RoleMentor UserRole = "mentor"
	// RoleCoordinator sees and edits everything about citizens, courses,
	// mentors, municipalities and reports.
	RoleCoordinator UserRole = "koordinator"
	// RoleAdministrator has the coordinator's rights plus users, settings,
	// backups, retention and the audit log (in small providers the owner
	// is both).
	RoleAdministrator UserRole = "administrator"
)

// AllUserRoles lists every user role.
var AllUserRoles = []UserRole{RoleMentor, RoleCoordinator, RoleAdministrator}

// Label is the Danish name of the role.
func (r UserRole) Label() string {
	switch r {
	case RoleMentor:
		return "Mentor"
	case RoleCoordinator:
		return "Koordinator"
	case RoleAdministrator:
		return "Administrator"
	}
	return string(r)
}

// Login protection from the data-protection contracts municipalities use.
const (
	MaxFailedLogins   = 5
	LockoutDuration   = 15 * time.Minute
	MinPasswordLength = 10
	DefaultIdleLock   = 15 * time.Minute
)

// User is a person who logs in to Mentorbog.
type User struct {
	ID          ID
	Username    string
	DisplayName string
	Role        UserRole
	MentorID    ID // the mentor record of a user with RoleMentor
	Disabled    bool
	LockedUntil time.Time
}

// Validate checks a user.
func (u User) Validate() Problems {
	var v validator
	name := strings.TrimSpace(u.Username)
	switch {
	case name == "":
		v.add("username", "Brugernavn skal udfyldes.")
	case utf8.RuneCountInString(name) < 3 || utf8.RuneCountInString(name) > 50:
		v.add("username", "Brugernavn skal have 3 til 50 tegn.")
	case strings.ContainsAny(name, " \t\n"):
		v.add("username", "Brugernavn må ikke indeholde mellemrum.")
	}
	v.maxLen("display_name", "Navn", u.DisplayName, MaxShortText)
	known := false
	for _, r := range AllUserRoles {
		known = known || r == u.Role
	}
	if !known {
		v.add("role", "Rolle skal være mentor, koordinator eller administrator.")
	}
	if u.Role == RoleMentor && u.MentorID == 0 {
		v.add("mentor", "En bruger med rollen mentor skal knyttes til en mentor.")
	}
	return v.problems
}

// ValidatePassword checks a new password. Length beats complexity rules.
func ValidatePassword(password string) Problems {
	var v validator
	if n := utf8.RuneCountInString(password); n < MinPasswordLength {
		v.add("password", "Adgangskoden skal have mindst %d tegn.", MinPasswordLength)
	} else if n > 200 {
		v.add("password", "Adgangskoden må højst have 200 tegn.")
	}
	return v.problems
}

// Errors of authentication and authorisation, in Danish for the user.
var (
	ErrWrongPassword = errors.New("forkert brugernavn eller adgangskode")
	ErrForbidden     = errors.New("du har ikke adgang til dette")
	ErrLoggedOut     = errors.New("Mentorbog er låst: log ind for at fortsætte")
	ErrSetupNeeded   = errors.New("der er ingen brugere endnu: opret først administratoren")
)

// AccountLockedError says an account is locked after too many failed logins.
type AccountLockedError struct{ Until time.Time }

func (e *AccountLockedError) Error() string {
	return fmt.Sprintf("kontoen er låst efter %d forkerte forsøg; prøv igen kl. %s", MaxFailedLogins, dk.FormatTime(e.Until.In(Zone())))
}

// AuthStore is the login and user side of the store. After setup, every
// other store call needs a logged-in user; the personal fields can only be
// decrypted with the data key that a login unwraps.
type AuthStore interface {
	// SetupNeeded reports whether no administrator exists yet (first start).
	SetupNeeded(ctx context.Context) (bool, error)
	// Setup creates the data key and the first administrator, encrypts any
	// personal data already in the database, logs the administrator in and
	// returns the recovery key, to be shown once and printed.
	Setup(ctx context.Context, admin User, password string) (recoveryKey string, err error)
	// Login checks the password (locking the account after
	// MaxFailedLogins failures for LockoutDuration, also across restarts)
	// and unlocks the store for that user.
	Login(ctx context.Context, username, password string) (User, error)
	// Lock forgets the data key (logout and auto-lock); nothing stored is
	// lost, and Login opens it again.
	Lock()
	// CurrentUser is the logged-in user, if any.
	CurrentUser() (User, bool)
	// Users lists the users (administrator only).
	Users(ctx context.Context) ([]User, error)
	// SaveUser creates (ID 0, with password) or updates a user (administrator only).
	SaveUser(ctx context.Context, u *User, password string) error
	// ChangePassword changes the logged-in user's own password; the data is
	// not re-encrypted, only the user's wrapped key.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	// RecoverAdministrator sets a new password for an administrator with
	// the recovery key from setup, and logs in.
	RecoverAdministrator(ctx context.Context, username, recoveryKey, newPassword string) (User, error)
}
