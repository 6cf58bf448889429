package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"mentorbog/data"
	"mentorbog/data/vault"
)

const adminPassword = "korrekt hest batteri"

// fastKeys makes Argon2id cheap in tests; real users get DefaultParams.
func fastKeys(s *Store) {
	s.security.params = vault.FastParamsForTests
	s.security.roleCost = &cheapRoleSecrets
}

// cheapRoleSecrets makes server role secrets cheap in tests, like
// FastParamsForTests the key wraps.
var cheapRoleSecrets = roleSecretCost{time: 1, memoryKiB: 64, threads: 1}

// setUp opens a database at path, fills it with fixture data as plaintext
// (as before the first administrator exists) and runs Setup.
func setUp(t *testing.T, path string) (*Store, fixture, string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	fastKeys(s)
	f := newFixture(t, s)
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, data.Zone())
	sess := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: data.SessionHeld, ContactMin: 60, Note: "Hemmelig note om helbred og gæld"}
	must(t, s.SaveSession(ctx, &sess))
	// Enough rows that sealing (which makes values longer) splits pages and
	// frees old ones: plaintext in freed pages is what the purge is for.
	for i := 0; i < 150; i++ {
		c := data.Citizen{Name: fmt.Sprintf("Borger Ærtebjerg %03d", i),
			Profile: data.HandoverProfile{Everyday: strings.Repeat(fmt.Sprintf("Dagligdagen for borger %03d er svær. ", i), 20)}}
		must(t, s.SaveCitizen(ctx, &c))
	}
	need, err := s.SetupNeeded(ctx)
	if err != nil || !need {
		t.Fatalf("SetupNeeded = %v, %v", need, err)
	}
	recovery, err := s.Setup(ctx, data.User{Username: "admin", DisplayName: "Anne Admin"}, adminPassword)
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	return s, f, recovery
}

func TestSetupEncryptsEverythingAndLeavesNoPlaintextInTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "krypteret.db")
	s, f, recovery := setUp(t, path)
	ctx := context.Background()

	if !regexp.MustCompile(`^[0-9A-Z]{4,5}(-[0-9A-Z]{4,5})+$`).MatchString(recovery) {
		t.Errorf("recovery key %q is not in printable groups", recovery)
	}
	if plain, err := s.PlaintextFields(ctx); err != nil || len(plain) != 0 {
		t.Fatalf("plaintext personal fields after setup: %+v %v", plain, err)
	}
	// The logged-in administrator still reads everything.
	c, err := s.Citizen(ctx, f.citizen.ID)
	if err != nil || c.Name != "Åse Bækgaard" || c.CPR != "0102031234" || c.Profile.WhatWorks != "Gåture" {
		t.Fatalf("citizen after setup: %+v %v", c, err)
	}
	byCPR, err := s.CitizenByCPR(ctx, "010203-1234")
	if err != nil || byCPR.ID != f.citizen.ID {
		t.Fatalf("lookup by CPR: %+v %v", byCPR, err)
	}
	// A new citizen saved after setup is sealed too.
	nc := data.Citizen{Name: "Søren Østergaard", CPR: "311285-4321"}
	must(t, s.SaveCitizen(ctx, &nc))
	s.Close()

	secrets := []string{"Åse Bækgaard", "Bækgaard", "0102031234", "010203-1234", "Ågade 1", "Gåture",
		"Hemmelig note", "Søren Østergaard", "3112854321", "22 33 44 55", "Borger Ærtebjerg", "Dagligdagen for borger"}
	for _, file := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range secrets {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains %q in plaintext", filepath.Base(file), secret)
			}
		}
	}
}

func TestAfterSetupNothingIsReadableWithoutLogin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "laast.db")
	s, f, _ := setUp(t, path)
	ctx := context.Background()
	s.Lock()
	if _, ok := s.CurrentUser(); ok {
		t.Fatal("still logged in after Lock")
	}
	if _, err := s.Citizens(ctx, true); !errors.Is(err, data.ErrLoggedOut) {
		t.Errorf("citizens while locked: %v", err)
	}
	if _, err := s.Citizen(ctx, f.citizen.ID); !errors.Is(err, data.ErrLoggedOut) {
		t.Errorf("citizen while locked: %v", err)
	}
	if _, err := s.Sessions(ctx, data.SessionFilter{}); !errors.Is(err, data.ErrLoggedOut) {
		t.Errorf("sessions while locked: %v", err)
	}
	// A restarted Mentorbog is locked too.
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Mentors(ctx, true); !errors.Is(err, data.ErrLoggedOut) {
		t.Errorf("mentors after restart without login: %v", err)
	}
	if _, err := s2.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatalf("login: %v", err)
	}
	if c, err := s2.Citizen(ctx, f.citizen.ID); err != nil || c.Name != "Åse Bækgaard" {
		t.Fatalf("citizen after login: %+v %v", c, err)
	}
}

func TestLockoutAfterFiveFailuresSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lockout.db")
	s, _, _ := setUp(t, path)
	ctx := context.Background()
	s.Lock()
	for i := 1; i < data.MaxFailedLogins; i++ {
		if _, err := s.Login(ctx, "admin", "forkert"); !errors.Is(err, data.ErrWrongPassword) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	var locked *data.AccountLockedError
	if _, err := s.Login(ctx, "admin", "forkert"); !errors.As(err, &locked) {
		t.Fatalf("fifth failure did not lock: %v", err)
	}
	if !strings.Contains(locked.Error(), "låst") {
		t.Errorf("lock message not Danish: %q", locked.Error())
	}
	s.Close()

	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	fastKeys(s2)
	if _, err := s2.Login(ctx, "admin", adminPassword); !errors.As(err, &locked) {
		t.Fatalf("the right password worked during the lockout after a restart: %v", err)
	}
	s2.security.now = func() time.Time { return time.Now().Add(data.LockoutDuration + time.Minute) }
	if _, err := s2.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatalf("login after the lockout expired: %v", err)
	}
	if _, err := s2.Login(ctx, "nobody", "x"); !errors.Is(err, data.ErrWrongPassword) {
		t.Errorf("unknown user: %v", err)
	}
}

func TestMentorSeesOnlyTheirOwnCitizens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roller.db")
	s, f, _ := setUp(t, path)
	ctx := context.Background()

	// A second mentor with a citizen of their own.
	other := data.Mentor{Name: "Ole Olsen", Kind: data.MentorEmployed}
	must(t, s.SaveMentor(ctx, &other))
	oc := data.Citizen{Name: "Karen Kjær", CPR: "020304-1234"}
	must(t, s.SaveCitizen(ctx, &oc))
	ocourse := data.Course{CitizenID: oc.ID, MunicipalityID: f.municipality.ID, Status: data.CourseActive}
	must(t, s.SaveCourse(ctx, &ocourse))
	must(t, s.AssignMentor(ctx, ocourse.ID, other.ID, data.NewDate(2026, 1, 1), ""))
	start := time.Date(2026, 3, 3, 9, 0, 0, 0, data.Zone())
	osess := data.Session{CourseID: ocourse.ID, MentorID: other.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour), Status: data.SessionPlanned}
	must(t, s.SaveSession(ctx, &osess))

	mentorUser := data.User{Username: "jorgen", DisplayName: "Jørgen", Role: data.RoleMentor, MentorID: f.mentor.ID}
	must(t, s.SaveUser(ctx, &mentorUser, "mentorens kodeord"))
	coord := data.User{Username: "koordinator", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "koordinatorens kodeord"))

	s.Lock()
	if _, err := s.Login(ctx, "jorgen", "mentorens kodeord"); err != nil {
		t.Fatal(err)
	}
	list, err := s.Citizens(ctx, true)
	if err != nil || len(list) != 1 || list[0].ID != f.citizen.ID { // the 150 filler citizens have no course
		t.Fatalf("mentor's citizens: %+v %v", list, err)
	}
	if _, err := s.Citizen(ctx, oc.ID); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor opened another mentor's citizen: %v", err)
	}
	if _, err := s.CitizenByCPR(ctx, "020304-1234"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor found another mentor's citizen by CPR: %v", err)
	}
	sessions, _ := s.Sessions(ctx, data.SessionFilter{})
	for _, ss := range sessions {
		if ss.CourseID == ocourse.ID {
			t.Error("mentor sees another mentor's session")
		}
	}
	if _, err := s.Session(ctx, osess.ID); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor opened another mentor's session: %v", err)
	}
	osess.Note = "overtaget"
	if err := s.SaveSession(ctx, &osess); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor edited another mentor's session: %v", err)
	}
	courses, _ := s.Courses(ctx, data.CourseFilter{})
	if len(courses) != 1 || courses[0].ID != f.course.ID {
		t.Errorf("mentor's courses: %+v", courses)
	}
	if _, err := s.Agreements(ctx, ocourse.ID, data.Date{}); err != nil {
		t.Errorf("agreements query failed: %v", err)
	}
	m := data.Mentor{Name: "Ny", Kind: data.MentorEmployed}
	if err := s.SaveMentor(ctx, &m); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor created a mentor: %v", err)
	}
	if _, err := s.Users(ctx); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("mentor listed users: %v", err)
	}
	// Their own session they may register.
	own := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour), Status: data.SessionPlanned}
	must(t, s.SaveSession(ctx, &own))

	s.Lock()
	if _, err := s.Login(ctx, "koordinator", "koordinatorens kodeord"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Citizens(ctx, true); len(list) != 152 {
		t.Errorf("coordinator sees %d citizens, want 152", len(list))
	}
	if _, err := s.Users(ctx); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("coordinator listed users: %v", err)
	}
	if err := s.SetSetting(ctx, "idle_lock_minutes", "5"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("coordinator changed a setting: %v", err)
	}
}

func TestPasswordChangeAndRecoveryKeepDataReadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kodeord.db")
	s, f, recovery := setUp(t, path)
	ctx := context.Background()

	err := s.ChangePassword(ctx, "forkert gammelt", "et helt nyt kodeord")
	if err == nil {
		t.Fatal("password changed with a wrong old password")
	}
	must(t, s.ChangePassword(ctx, adminPassword, "et helt nyt kodeord"))
	s.Lock()
	if _, err := s.Login(ctx, "admin", adminPassword); err == nil {
		t.Fatal("the old password still works")
	}
	if _, err := s.Login(ctx, "admin", "et helt nyt kodeord"); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Citizen(ctx, f.citizen.ID); err != nil || c.Name != "Åse Bækgaard" {
		t.Fatalf("data after password change: %+v %v", c, err)
	}

	s.Lock()
	if _, err := s.RecoverAdministrator(ctx, "admin", "0000-0000-0000-0000-0000", "glemt og gendannet"); err == nil {
		t.Fatal("a wrong recovery key worked")
	}
	if _, err := s.RecoverAdministrator(ctx, "admin", strings.ToLower(recovery), "glemt og gendannet"); err != nil {
		t.Fatalf("recovery: %v", err)
	}
	if c, err := s.Citizen(ctx, f.citizen.ID); err != nil || c.Name != "Åse Bækgaard" {
		t.Fatalf("data after recovery: %+v %v", c, err)
	}
	if err := data.ValidatePassword("kort").Err(); err == nil {
		t.Fatal("a short password passed")
	}
	if _, err := s.Setup(ctx, data.User{Username: "admin2"}, "endnu et kodeord"); err == nil {
		t.Fatal("setup ran twice")
	}
}

// TestALoginWrapsAnOldWrapAgainUnderTodaysParameters: a user whose key was
// wrapped under another Argon2id cost (an older version's 64 MiB × 8, here
// the tests' cheap one) gets it wrapped under today's defaults at their
// next login, and logs in with the same password afterwards.
func TestALoginWrapsAnOldWrapAgainUnderTodaysParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("two full Argon2id derivations skipped in -short mode")
	}
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "fornyet.db"))
	ctx := context.Background()
	wrapOf := func() vault.WrappedKey {
		t.Helper()
		var text string
		if err := s.DB().QueryRowContext(ctx, "SELECT wrapped_key FROM users WHERE username = 'admin'").Scan(&text); err != nil {
			t.Fatal(err)
		}
		var w vault.WrappedKey
		if err := w.UnmarshalText([]byte(text)); err != nil {
			t.Fatal(err)
		}
		return w
	}

	// A store with the tests' parameters leaves the wrap as it is.
	s.Lock()
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatal(err)
	}
	if w := wrapOf(); !w.NeedsRewrap() {
		t.Fatalf("the setup's wrap should be under the tests' cheap parameters: %+v", w.Params)
	}

	s.security.params = vault.DefaultParams
	s.Lock()
	if _, err := s.Login(ctx, "admin", "forkert kodeord"); !errors.Is(err, data.ErrWrongPassword) {
		t.Fatalf("a wrong password: %v", err)
	}
	if w := wrapOf(); !w.NeedsRewrap() {
		t.Fatal("a wrong password renewed the wrap")
	}
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatal(err)
	}
	w := wrapOf()
	if w.NeedsRewrap() || !w.Params.AtDefaults() {
		t.Fatalf("after the login the wrap is still under %+v", w.Params)
	}
	s.Lock()
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatalf("login with the renewed wrap: %v", err)
	}
	if c, err := s.Citizen(ctx, f.citizen.ID); err != nil || c.Name != "Åse Bækgaard" {
		t.Fatalf("data after the renewal: %+v %v", c, err)
	}
	if again := wrapOf(); string(again.Params.Salt) != string(w.Params.Salt) {
		t.Error("a login with a current wrap wrapped the key again")
	}
}

func TestOpeningACitizenIsAuditedWithUserAndCitizen(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "revision.db"))
	ctx := context.Background()
	if _, err := s.Citizen(ctx, f.citizen.ID); err != nil {
		t.Fatal(err)
	}
	s.Lock()
	s.Login(ctx, "admin", "forkert")
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatal(err)
	}
	entries, err := s.AuditLog(ctx, data.AuditFilter{CitizenID: f.citizen.ID, Actions: []data.AuditAction{data.AuditOpenCitizen}})
	if err != nil || len(entries) != 1 || entries[0].Username != "admin" {
		t.Fatalf("opening not audited: %+v %v", entries, err)
	}
	all, _ := s.AuditLog(ctx, data.AuditFilter{})
	seen := map[data.AuditAction]int{}
	for _, e := range all {
		seen[e.Action]++
		if strings.Contains(e.Detail, "Bækgaard") || strings.Contains(e.Detail, "010203") {
			t.Errorf("audit detail holds personal data: %+v", e)
		}
	}
	if seen[data.AuditLogin] != 2 || seen[data.AuditLoginFailed] != 1 || seen[data.AuditUserCreated] != 1 {
		t.Errorf("audit actions: %v", seen)
	}
	v, err := s.VerifyAuditChain(ctx)
	if err != nil || !v.OK {
		t.Fatalf("chain: %+v %v", v, err)
	}
}

func TestChangesAreAuditedAgainstTheirCitizenWithoutValues(t *testing.T) {
	s, f, _ := setUp(t, filepath.Join(t.TempDir(), "aendringer.db"))
	ctx := context.Background()
	start := time.Date(2026, 4, 6, 9, 0, 0, 0, data.Zone())
	ss := data.Session{CourseID: f.course.ID, MentorID: f.mentor.ID, PlannedStart: start, PlannedEnd: start.Add(time.Hour),
		Status: data.SessionPlanned, Note: "Fortroligt om misbrug"}
	must(t, s.SaveSession(ctx, &ss))
	ss.Status, ss.ContactMin = data.SessionHeld, 55
	must(t, s.SaveSession(ctx, &ss))
	entries, err := s.AuditLog(ctx, data.AuditFilter{CitizenID: f.citizen.ID})
	must(t, err)
	var creates, updates int
	for _, e := range entries {
		if strings.Contains(e.Detail, "misbrug") {
			t.Errorf("a note reached the audit log: %+v", e)
		}
		switch {
		case e.Action == data.AuditCreate && e.Detail == fmt.Sprintf("møde %d", ss.ID):
			creates++
		case e.Action == data.AuditUpdate && e.Detail == fmt.Sprintf("møde %d: felter: Status, ContactMin", ss.ID):
			updates++ // what changed is named, not the values
		}
	}
	if creates != 1 || updates != 1 {
		t.Fatalf("session changes in the audit log: %d created, %d updated\n%+v", creates, updates, entries)
	}
}

func TestTheLastAdministratorCannotBeDemotedOrDisabled(t *testing.T) {
	s, _, _ := setUp(t, filepath.Join(t.TempDir(), "admins.db"))
	ctx := context.Background()
	users, err := s.Users(ctx)
	must(t, err)
	admin := users[0]
	admin.Role = data.RoleCoordinator
	if err := s.SaveUser(ctx, &admin, ""); err == nil {
		t.Fatal("the last administrator was demoted")
	}
	admin.Role, admin.Disabled = data.RoleAdministrator, true
	if err := s.SaveUser(ctx, &admin, ""); err == nil {
		t.Fatal("the last administrator was disabled")
	}
	second := data.User{Username: "ejer", Role: data.RoleAdministrator}
	must(t, s.SaveUser(ctx, &second, "ejerens kodeord"))
	admin.Role, admin.Disabled = data.RoleCoordinator, false
	must(t, s.SaveUser(ctx, &admin, "")) // allowed now that another administrator exists
	if list, _ := s.Users(ctx); list[0].Role != data.RoleCoordinator {
		t.Fatalf("demotion not stored: %+v", list[0])
	}
}

func TestAnAdministratorCanLiftALockout(t *testing.T) {
	s, _, _ := setUp(t, filepath.Join(t.TempDir(), "oplaas.db"))
	ctx := context.Background()
	coord := data.User{Username: "kirsten", Role: data.RoleCoordinator}
	must(t, s.SaveUser(ctx, &coord, "kirstens kodeord"))
	s.Lock()
	for i := 0; i < data.MaxFailedLogins; i++ {
		s.Login(ctx, "kirsten", "forkert")
	}
	var locked *data.AccountLockedError
	if _, err := s.Login(ctx, "kirsten", "kirstens kodeord"); !errors.As(err, &locked) {
		t.Fatalf("not locked: %v", err)
	}
	if _, err := s.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatal(err)
	}
	must(t, s.UnlockUser(ctx, coord.ID))
	s.Lock()
	if _, err := s.Login(ctx, "kirsten", "kirstens kodeord"); err != nil {
		t.Fatalf("still locked after the administrator lifted it: %v", err)
	}
	if err := s.UnlockUser(ctx, coord.ID); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a coordinator lifted a lockout: %v", err)
	}
}

func TestTheCodecRefusesAtOnceAfterReopeningASetUpDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "genaabnet.db")
	s, _, _ := setUp(t, path)
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	// No store method has run yet, so no permission check has loaded
	// anything: the codec must still refuse rather than pass text through.
	name := "Åse Bækgaard"
	if err := s2.sealAll(&name); !errors.Is(err, data.ErrLoggedOut) || name != "Åse Bækgaard" {
		t.Fatalf("seal before login: %v, value %q", err, name)
	}
}
