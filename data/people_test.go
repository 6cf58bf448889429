package data_test

import (
	"reflect"
	"testing"
	"time"

	"mentorbog/data"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Anna Bøgh Østergaard", "A.B.Ø."},
		{"Anna Bøgh", "A.B."},
		{"anna bøgh", "A.B."},
		{"  Åse   Ærø \t Øster ", "Å.Æ.Ø."},
		{"æble", "Æ."},
		{"Anne-Marie Holm", "A.H."}, // a hyphenated name is one part
		{"Ümit Çelik", "Ü.Ç."},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := data.Initials(tt.name); got != tt.want {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{",;,\n", nil},
		{"dansk", []string{"dansk"}},
		{"dansk, arabisk", []string{"dansk", "arabisk"}},
		{"dansk;arabisk ; somali", []string{"dansk", "arabisk", "somali"}},
		{"dansk\nfarsi\n\n", []string{"dansk", "farsi"}},
		{" tyrkisk ,, ,kurdisk;;", []string{"tyrkisk", "kurdisk"}},
		{"psykoterapi, misbrug og rusmidler", []string{"psykoterapi", "misbrug og rusmidler"}}, // blanks inside an item stay
	}
	for _, tt := range tests {
		if got := data.SplitList(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAge(t *testing.T) {
	utc := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		birth time.Time
		on    data.Date
		want  int
	}{
		{utc(1990, 6, 15), d(2026, 6, 14), 35}, // day before the birthday
		{utc(1990, 6, 15), d(2026, 6, 15), 36}, // on the birthday
		{utc(1990, 6, 15), d(2026, 6, 16), 36},
		{utc(1990, 6, 15), d(2026, 5, 31), 35}, // earlier month
		{utc(1990, 6, 15), d(2026, 7, 1), 36},  // later month
		{utc(1990, 12, 31), d(2026, 1, 1), 35},
		{utc(1990, 1, 1), d(2025, 12, 31), 35},
		{utc(2000, 2, 29), d(2026, 2, 28), 25}, // leap-day birthday not reached in a common year...
		{utc(2000, 2, 29), d(2026, 3, 1), 26},  // ...until 1 March
		{utc(2000, 2, 29), d(2028, 2, 29), 28},
		{utc(2026, 1, 5), d(2026, 1, 5), 0},
		// The birth date is the calendar day in the time's own location.
		{time.Date(1990, 6, 15, 0, 30, 0, 0, data.Zone()), d(2026, 6, 15), 36},
	}
	for _, tt := range tests {
		if got := data.Age(tt.birth, tt.on); got != tt.want {
			t.Errorf("Age(%v, %v) = %d, want %d", tt.birth, tt.on, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	var none data.Roles
	if got := none.List(); len(got) != 0 {
		t.Errorf("empty Roles.List() = %v", got)
	}
	for _, r := range data.AllRoles {
		if none.Has(r) {
			t.Errorf("empty set has %v", r)
		}
	}
	rs := none.With(data.RoleBridgeBuilder).With(data.RolePersonalSupport).With(data.RoleBridgeBuilder)
	if !rs.Has(data.RolePersonalSupport) || !rs.Has(data.RoleBridgeBuilder) {
		t.Errorf("%b lacks an added role", rs)
	}
	if rs.Has(data.RoleCoach) || rs.Has(data.RoleSystemGuide) {
		t.Errorf("%b has a role never added", rs)
	}
	// List is in the usual order, not the order added, and without duplicates.
	if got, want := rs.List(), []data.Role{data.RolePersonalSupport, data.RoleBridgeBuilder}; !reflect.DeepEqual(got, want) {
		t.Errorf("List() = %v, want %v", got, want)
	}
	if none != 0 {
		t.Error("With changed the receiver")
	}
	all := none
	for _, r := range data.AllRoles {
		all = all.With(r)
	}
	if int(all) != 15 || !reflect.DeepEqual(all.List(), data.AllRoles) {
		t.Errorf("all roles = %d %v, want 15 and AllRoles", all, all.List())
	}
	labels := map[data.Role]string{
		data.RolePersonalSupport: "Personlig støtte",
		data.RoleCoach:           "Motiverende coach",
		data.RoleSystemGuide:     "Systemguide",
		data.RoleBridgeBuilder:   "Brobygger",
	}
	for r, want := range labels {
		if r.Label() != want {
			t.Errorf("%d.Label() = %q, want %q", r, r.Label(), want)
		}
	}
}

func TestMissingRegistration(t *testing.T) {
	now := dk(2026, 1, 7, 12, 0)
	at := func(st data.SessionStatus, endOffset time.Duration) data.Session {
		return data.Session{Status: st, PlannedStart: now.Add(endOffset - time.Hour), PlannedEnd: now.Add(endOffset)}
	}
	tests := []struct {
		name string
		s    data.Session
		want bool
	}{
		{"planned, ended an hour ago", at(data.SessionPlanned, -time.Hour), true},
		{"planned, ended a minute ago", at(data.SessionPlanned, -time.Minute), true},
		{"planned, ends right now", at(data.SessionPlanned, 0), false},
		{"planned, still running", at(data.SessionPlanned, 30*time.Minute), false},
		{"planned, tomorrow", at(data.SessionPlanned, 24*time.Hour), false},
		{"held in the past", at(data.SessionHeld, -time.Hour), false},
		{"no-show in the past", at(data.SessionNoShow, -time.Hour), false},
		{"cancelled by citizen in the past", at(data.SessionCancelledCitizen, -time.Hour), false},
		{"cancelled by mentor in the past", at(data.SessionCancelledMentor, -time.Hour), false},
	}
	for _, tt := range tests {
		if got := tt.s.MissingRegistration(now); got != tt.want {
			t.Errorf("%s: MissingRegistration = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The same instant in another zone gives the same answer.
	s := at(data.SessionPlanned, -time.Minute)
	if !s.MissingRegistration(now.UTC()) {
		t.Error("MissingRegistration depends on the zone of now")
	}
}

func TestSessionLabels(t *testing.T) {
	for _, st := range data.SessionStatuses {
		if st.Label() == string(st) {
			t.Errorf("status %q has no Danish label", st)
		}
	}
	for _, f := range data.SessionForms {
		if f.Label() == string(f) {
			t.Errorf("form %q has no Danish label", f)
		}
	}
	for _, o := range data.Outcomes {
		if o.Label() == "" {
			t.Errorf("outcome %q has no label", o)
		}
	}
	if data.OutcomeNone.Label() != "" {
		t.Errorf("OutcomeNone.Label() = %q, want \"\"", data.OutcomeNone.Label())
	}
}
