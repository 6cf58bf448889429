package data_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"mentorbog/data"
)

func TestProblemsErr(t *testing.T) {
	warn := data.FieldError{Field: "cpr", Message: "CPR-nummer: advarsel", Warning: true}
	bad := data.FieldError{Field: "name", Message: "Navn skal udfyldes."}
	bad2 := data.FieldError{Field: "email", Message: "E-mail er ikke en gyldig e-mailadresse."}

	var none data.Problems
	if err := none.Err(); err != nil {
		t.Errorf("nil Problems: Err() = %v, want a nil error", err)
	}
	if err := (data.Problems{}).Err(); err != nil {
		t.Errorf("empty Problems: Err() = %v, want nil", err)
	}
	warnOnly := data.Problems{warn, warn}
	if err := warnOnly.Err(); err != nil {
		t.Errorf("warnings only: Err() = %v, want nil", err)
	}
	if n := len(warnOnly.Warnings()); n != 2 {
		t.Errorf("Warnings() has %d, want 2", n)
	}
	if n := len(warnOnly.Errors()); n != 0 {
		t.Errorf("Errors() has %d, want 0", n)
	}

	mixed := data.Problems{warn, bad, bad2}
	err := mixed.Err()
	if err == nil {
		t.Fatal("warning + errors: Err() = nil, want an error")
	}
	// Only the blocking messages, one per line, in order.
	if got, want := err.Error(), "Navn skal udfyldes.\nE-mail er ikke en gyldig e-mailadresse."; got != want {
		t.Errorf("Err().Error() = %q, want %q", got, want)
	}
	var ps data.Problems
	if !errors.As(err, &ps) || len(ps) != 2 || ps[0] != bad || ps[1] != bad2 {
		t.Errorf("errors.As(Err(), *Problems) = %v, want the two errors", ps)
	}
	if got := mixed.Warnings(); len(got) != 1 || got[0] != warn {
		t.Errorf("Warnings() = %v, want [warn]", got)
	}
	if got := (data.FieldError{Message: "x"}).Error(); got != "x" {
		t.Errorf("FieldError.Error() = %q", got)
	}

	// For returns the first problem of a field, warnings included.
	twice := data.Problems{warn, {Field: "cpr", Message: "second"}, bad}
	if e, ok := twice.For("cpr"); !ok || e != warn {
		t.Errorf("For(cpr) = %v, %v; want the first (the warning)", e, ok)
	}
	if e, ok := twice.For("name"); !ok || e != bad {
		t.Errorf("For(name) = %v, %v", e, ok)
	}
	if e, ok := twice.For("phone"); ok || e != (data.FieldError{}) {
		t.Errorf("For(phone) = %v, %v; want nothing", e, ok)
	}
}

// vcase is one validation case: a record and the problem expected for one field.
type vcase struct {
	name     string
	problems data.Problems
	field    string // "" when the record must be clean
	contains string // a substring of the message naming the field in Danish
	warning  bool
}

func checkCases(t *testing.T, cases []vcase) {
	t.Helper()
	for _, c := range cases {
		ps := c.problems
		if c.field == "" {
			if len(ps) != 0 {
				t.Errorf("%s: problems %v, want none", c.name, ps)
			}
			continue
		}
		e, ok := ps.For(c.field)
		if !ok {
			t.Errorf("%s: no problem for %q; got %v", c.name, c.field, ps)
			continue
		}
		if !strings.Contains(e.Message, c.contains) {
			t.Errorf("%s: message %q does not contain %q", c.name, e.Message, c.contains)
		}
		if e.Warning != c.warning {
			t.Errorf("%s: Warning = %v, want %v", c.name, e.Warning, c.warning)
		}
		if len(ps) != 1 {
			t.Errorf("%s: %d problems %v, want exactly the one for %q", c.name, len(ps), ps, c.field)
		}
		if c.warning && ps.Err() != nil {
			t.Errorf("%s: a warning blocks saving: Err() = %v", c.name, ps.Err())
		}
		if !c.warning && ps.Err() == nil {
			t.Errorf("%s: an error does not block saving: Err() = nil", c.name)
		}
		if r, _ := utf8.DecodeRuneInString(e.Message); !unicode.IsUpper(r) {
			t.Errorf("%s: message %q does not start with a capital", c.name, e.Message)
		}
	}
}

func validMentor() data.Mentor {
	return data.Mentor{Name: "Anna Bøgh", Phone: "+45 12 34 56 78", Email: "anna@mentorhuset.dk", Kind: data.MentorEmployed, WeeklyCapacityMin: 20 * 60}
}

func mentor(f func(*data.Mentor)) data.Problems {
	m := validMentor()
	f(&m)
	return m.Validate()
}

func TestMentorValidate(t *testing.T) {
	ø200 := strings.Repeat("ø", 200) // 400 bytes but 200 characters
	checkCases(t, []vcase{
		{"valid", validMentor().Validate(), "", "", false},
		{"200 ø pass", mentor(func(m *data.Mentor) { m.Name = ø200 }), "", "", false},
		{"201 ø fail", mentor(func(m *data.Mentor) { m.Name = ø200 + "ø" }), "name", "Navn er for lang (201 tegn, højst 200)", false},
		{"200 æøå mixed pass", mentor(func(m *data.Mentor) { m.Name = strings.Repeat("æøå", 66) + "Åb" }), "", "", false},
		{"empty name", mentor(func(m *data.Mentor) { m.Name = "" }), "name", "Navn skal udfyldes", false},
		{"blank name", mentor(func(m *data.Mentor) { m.Name = " \t " }), "name", "Navn", false},
		{"no kind", mentor(func(m *data.Mentor) { m.Kind = "" }), "kind", "Type", false},
		{"volunteer", mentor(func(m *data.Mentor) { m.Kind = data.MentorVolunteer }), "", "", false},
		{"capacity negative", mentor(func(m *data.Mentor) { m.WeeklyCapacityMin = -1 }), "capacity", "Kapacitet", false},
		{"capacity 60 h", mentor(func(m *data.Mentor) { m.WeeklyCapacityMin = 3600 }), "", "", false},
		{"capacity 60 h 1 min", mentor(func(m *data.Mentor) { m.WeeklyCapacityMin = 3601 }), "capacity", "Kapacitet", false},
		{"qualifications too long", mentor(func(m *data.Mentor) { m.Qualifications = strings.Repeat("å", data.MaxLongText+1) }), "qualifications", "Kvalifikationer", false},
		{"qualifications at limit", mentor(func(m *data.Mentor) { m.Qualifications = strings.Repeat("å", data.MaxLongText) }), "", "", false},
		// 100 languages of 4 runes joined by ", " = 100*4 + 99*2 = 598 > 500.
		{"languages too long", mentor(func(m *data.Mentor) { m.Languages = repeatList("dåns", 100) }), "languages", "Sprog", false},
		{"competences too long", mentor(func(m *data.Mentor) { m.Competences = repeatList("ærgo", 100) }), "competences", "Kompetencer", false},
	})
}

func repeatList(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestEmail(t *testing.T) {
	for _, tt := range []struct {
		email string
		ok    bool
	}{
		{"", true},
		{"anna@mentorhuset.dk", true},
		{"  anna@mentorhuset.dk  ", true},
		{"anna.bøgh@kommune.dk", true},
		{"a@b.c", true},
		{"anna", false},
		{"anna@mentorhuset", false},     // no dot after @
		{"anna.b@mentorhuset", false},   // the dot is before @
		{"@mentorhuset.dk", false},      // nothing before @
		{"anna @mentorhuset.dk", false}, // blank inside
		{"anna@mentor huset.dk", false},
		{"anna@x.dk,bo@y.dk", false}, // two addresses
		{"anna@x.dk;bo@y.dk", false},
	} {
		ps := mentor(func(m *data.Mentor) { m.Email = tt.email })
		e, has := ps.For("email")
		if tt.ok && has {
			t.Errorf("email %q: unexpected %v", tt.email, e)
		}
		if !tt.ok {
			if !has || e.Warning || !strings.Contains(e.Message, "E-mail") || ps.Err() == nil {
				t.Errorf("email %q: got %v, want a blocking error naming E-mail", tt.email, ps)
			}
		}
	}
	// Too long: 195 + "@x.dk" = 200 characters passes, 201 fails.
	ok := strings.Repeat("ø", 195) + "@x.dk"
	if ps := mentor(func(m *data.Mentor) { m.Email = ok }); len(ps) != 0 {
		t.Errorf("200-character e-mail: %v", ps)
	}
	if e, has := mentor(func(m *data.Mentor) { m.Email = "ø" + ok }).For("email"); !has || !strings.Contains(e.Message, "E-mail er for lang (201 tegn") {
		t.Errorf("201-character e-mail: %v, %v", e, has)
	}
}

func TestPhone(t *testing.T) {
	for _, tt := range []struct {
		phone    string
		contains string // "" when valid
	}{
		{"", ""},
		{"12345678", ""},
		{"12 34 56 78", ""},
		{"+45 12 34 56 78", ""},
		{"+45-1234-5678", ""},
		{"  12345678 ", ""},
		{"1234567", "Telefon skal have mindst 8 cifre"},
		{"+45 123", "Telefon skal have mindst 8 cifre"},
		{"(45) 12345678", "Telefon må kun indeholde"},
		{"1234 567a", "Telefon må kun indeholde"},
		{"12.34.56.78", "Telefon må kun indeholde"},
		{"١٢٣٤٥٦٧٨", "Telefon må kun indeholde"}, // Arabic-Indic digits are not 0-9
		{strings.Repeat("1", 30), ""},
		{strings.Repeat("1", 31), "Telefon er for lang (31 tegn, højst 30)"},
	} {
		ps := mentor(func(m *data.Mentor) { m.Phone = tt.phone })
		e, has := ps.For("phone")
		switch {
		case tt.contains == "" && has:
			t.Errorf("phone %q: unexpected %v", tt.phone, e)
		case tt.contains != "" && (!has || !strings.Contains(e.Message, tt.contains) || e.Warning):
			t.Errorf("phone %q: got %v, want an error containing %q", tt.phone, ps, tt.contains)
		}
	}
}

func validOrganisation() data.Organisation {
	return data.Organisation{
		Name: "Mentorhuset ApS", CVR: "12345678", Address: "Nørregade 1", Postcode: "2100", City: "København Ø",
		Phone: "12345678", Email: "kontakt@mentorhuset.dk", JobcentreLabel: data.LabelKommune,
	}
}

func org(f func(*data.Organisation)) data.Problems {
	o := validOrganisation()
	f(&o)
	return o.Validate()
}

func TestOrganisationValidate(t *testing.T) {
	checkCases(t, []vcase{
		{"valid", validOrganisation().Validate(), "", "", false},
		{"Jobcenter label", org(func(o *data.Organisation) { o.JobcentreLabel = data.LabelJobcenter }), "", "", false},
		{"no label", org(func(o *data.Organisation) { o.JobcentreLabel = "" }), "jobcentre_label", "Betegnelse for kommunen", false},
		{"no name", org(func(o *data.Organisation) { o.Name = "" }), "name", "Organisationens navn", false},
		{"no CVR", org(func(o *data.Organisation) { o.CVR = "" }), "", "", false},
		{"CVR with blanks around", org(func(o *data.Organisation) { o.CVR = " 12345678 " }), "", "", false},
		{"CVR 7 digits", org(func(o *data.Organisation) { o.CVR = "1234567" }), "cvr", "CVR-nummer skal bestå af 8 cifre", false},
		{"CVR 9 digits", org(func(o *data.Organisation) { o.CVR = "123456789" }), "cvr", "CVR-nummer", false},
		{"CVR letter", org(func(o *data.Organisation) { o.CVR = "1234567a" }), "cvr", "CVR-nummer", false},
		{"CVR spaced", org(func(o *data.Organisation) { o.CVR = "1234 5678" }), "cvr", "CVR-nummer", false},
		{"postcode 3 digits", org(func(o *data.Organisation) { o.Postcode = "210" }), "postcode", "Postnummer skal bestå af 4 cifre", false},
		{"postcode 5 digits", org(func(o *data.Organisation) { o.Postcode = "21000" }), "postcode", "Postnummer", false},
		{"postcode letters", org(func(o *data.Organisation) { o.Postcode = "DK21" }), "postcode", "Postnummer", false},
		{"bad email", org(func(o *data.Organisation) { o.Email = "kontakt" }), "email", "E-mail", false},
		{"bad phone", org(func(o *data.Organisation) { o.Phone = "123" }), "phone", "Telefon", false},
		{"negative rate", org(func(o *data.Organisation) { o.HourlyRateOere = -1 }), "hourly_rate", "Timepris", false},
		{"address 500 runes", org(func(o *data.Organisation) { o.Address = strings.Repeat("æ", 500) }), "", "", false},
		{"address 501 runes", org(func(o *data.Organisation) { o.Address = strings.Repeat("æ", 501) }), "address", "Adresse er for lang (501 tegn, højst 500)", false},
		{"footer too long", org(func(o *data.Organisation) { o.ReportFooter = strings.Repeat("x", 501) }), "report_footer", "Rapportens sidefod", false},
		{"city too long", org(func(o *data.Organisation) { o.City = strings.Repeat("Å", 201) }), "city", "By", false},
		{"logo 2 MiB", org(func(o *data.Organisation) { o.Logo = make([]byte, 2<<20) }), "", "", false},
		{"logo too big", org(func(o *data.Organisation) { o.Logo = make([]byte, 2<<20+1) }), "logo", "Logoet", false},
		{"legal basis too long", org(func(o *data.Organisation) { o.LegalBasis = strings.Repeat("§", data.MaxLongText+1) }), "legal_basis", "Lovgrundlag", false},
	})
}

func TestMunicipalityAndCaseworkerValidate(t *testing.T) {
	mun := func(f func(*data.Municipality)) data.Problems {
		m := data.Municipality{Name: "Næstved Kommune", EAN: "5798000000000", SecureEmail: "jobcenter@naestved.dk"}
		f(&m)
		return m.Validate()
	}
	cw := func(f func(*data.Caseworker)) data.Problems {
		c := data.Caseworker{MunicipalityID: 1, Name: "Bo Ørum", Phone: "12345678", Email: "bo@naestved.dk"}
		f(&c)
		return c.Validate()
	}
	checkCases(t, []vcase{
		{"municipality valid", mun(func(*data.Municipality) {}), "", "", false},
		{"no EAN", mun(func(m *data.Municipality) { m.EAN = "" }), "", "", false},
		{"EAN 12 digits", mun(func(m *data.Municipality) { m.EAN = "579800000000" }), "ean", "EAN-nummer skal bestå af 13 cifre", false},
		{"EAN 14 digits", mun(func(m *data.Municipality) { m.EAN = "57980000000000" }), "ean", "EAN-nummer", false},
		{"EAN with letter", mun(func(m *data.Municipality) { m.EAN = "579800000000X" }), "ean", "EAN-nummer", false},
		{"no municipality name", mun(func(m *data.Municipality) { m.Name = "" }), "name", "Navn", false},
		{"bad secure email", mun(func(m *data.Municipality) { m.SecureEmail = "jobcenter" }), "secure_email", "Sikker e-mail", false},
		{"caseworker valid", cw(func(*data.Caseworker) {}), "", "", false},
		{"caseworker without municipality", cw(func(c *data.Caseworker) { c.MunicipalityID = 0 }), "municipality", "Kommune", false},
		{"caseworker name 201", cw(func(c *data.Caseworker) { c.Name = strings.Repeat("ø", 201) }), "name", "Navn", false},
		{"caseworker bad email", cw(func(c *data.Caseworker) { c.Email = "bo@" }), "email", "E-mail", false},
	})
}

func citizen(f func(*data.Citizen)) data.Problems {
	c := data.Citizen{Name: "Anna Bøgh Østergaard", Postcode: "4700", City: "Næstved"}
	f(&c)
	return c.Validate()
}

func TestCitizenValidate(t *testing.T) {
	// 010190-1238: weights 4 3 2 7 6 5 4 3 2 1 give 0+3+0+7+54+0+4+6+6+8 = 88 = 8*11: passes modulus 11.
	// 010190-1234: the same with 4 instead of 8 gives 84, not divisible by 11: fails modulus 11.
	checkCases(t, []vcase{
		{"no CPR", citizen(func(*data.Citizen) {}), "", "", false},
		{"CPR passing mod 11", citizen(func(c *data.Citizen) { c.CPR = "0101901238" }), "", "", false},
		{"CPR with hyphen", citizen(func(c *data.Citizen) { c.CPR = "010190-1238" }), "", "", false},
		{"CPR failing mod 11 only warns", citizen(func(c *data.Citizen) { c.CPR = "010190-1234" }), "cpr", "CPR-nummer", true},
		{"CPR day 32", citizen(func(c *data.Citizen) { c.CPR = "320190-1234" }), "cpr", "CPR-nummer", false},
		{"CPR month 13", citizen(func(c *data.Citizen) { c.CPR = "011390-1234" }), "cpr", "CPR-nummer", false},
		// 7th digit 1 means the 1900s: 29 February 1923 did not exist.
		{"CPR 29 Feb in a common year", citizen(func(c *data.Citizen) { c.CPR = "290223-1234" }), "cpr", "CPR-nummer", false},
		{"CPR too short", citizen(func(c *data.Citizen) { c.CPR = "01019012" }), "cpr", "CPR-nummer", false},
		{"CPR with letters", citizen(func(c *data.Citizen) { c.CPR = "0101901A38" }), "cpr", "CPR-nummer", false},
		{"no name", citizen(func(c *data.Citizen) { c.Name = "" }), "name", "Navn skal udfyldes", false},
		{"name 200 ø", citizen(func(c *data.Citizen) { c.Name = strings.Repeat("ø", 200) }), "", "", false},
		{"name 201 ø", citizen(func(c *data.Citizen) { c.Name = strings.Repeat("ø", 201) }), "name", "Navn er for lang", false},
		{"postcode", citizen(func(c *data.Citizen) { c.Postcode = "47000" }), "postcode", "Postnummer", false},
		{"email", citizen(func(c *data.Citizen) { c.Email = "anna(at)x.dk" }), "email", "E-mail", false},
		{"phone", citizen(func(c *data.Citizen) { c.Phone = "1234" }), "phone", "Telefon", false},
		{"mother tongue", citizen(func(c *data.Citizen) { c.MotherTongue = strings.Repeat("å", 201) }), "mother_tongue", "Modersmål", false},
		{"limitations", citizen(func(c *data.Citizen) { c.Profile.Limitations = strings.Repeat("æ", data.MaxLongText+1) }), "profile_limitations", "Begrænsninger og skånehensyn", false},
		{"what works at limit", citizen(func(c *data.Citizen) { c.Profile.WhatWorks = strings.Repeat("æ", data.MaxLongText) }), "", "", false},
	})

	// Never put a CPR number in a message.
	for _, cpr := range []string{"320190-1234", "010190-1234", "0101901A38"} {
		for _, p := range citizen(func(c *data.Citizen) { c.CPR = cpr }) {
			if strings.Contains(p.Message, cpr) || strings.Contains(p.Message, strings.ReplaceAll(cpr, "-", "")) || strings.Contains(p.Message, cpr[7:]) {
				t.Errorf("CPR %s leaks into the message %q", cpr, p.Message)
			}
		}
	}
}

func TestCitizenCPRMasking(t *testing.T) {
	tests := []struct {
		cpr, masked string
	}{
		{"", ""},
		{"  ", ""},
		{"0101901238", "010190-XXXX"},
		{"010190-1234", "010190-XXXX"}, // fails modulus 11 but is a CPR number
		{"320190-1234", "••••••-XXXX"}, // does not parse: masked all the same
	}
	for _, tt := range tests {
		if got := (data.Citizen{CPR: tt.cpr}).MaskedCPR(); got != tt.masked {
			t.Errorf("MaskedCPR(%q) = %q, want %q", tt.cpr, got, tt.masked)
		}
	}
	n, err := data.Citizen{CPR: "010190-1238"}.CPRNumber()
	if err != nil || string(n) != "0101901238" {
		t.Errorf("CPRNumber = %q, %v", string(n), err)
	}
}

func validAgreement() data.Agreement {
	return data.Agreement{
		CourseID: 1, Start: d(2026, 1, 1), End: d(2026, 6, 30),
		HoursBasis: data.HoursPerWeek, GrantedMin: 90, Scope: data.PerPerson,
		Goal: "Borgeren kommer i praktik.", Tasks: "Struktur i hverdagen.", ComplaintGuidance: "Klag til kommunen inden 4 uger.",
	}
}

func agreement(f func(*data.Agreement)) data.Problems {
	a := validAgreement()
	f(&a)
	return a.Validate()
}

func TestAgreementValidate(t *testing.T) {
	period := func(start, end data.Date) data.Problems {
		return agreement(func(a *data.Agreement) { a.Start, a.End = start, end })
	}
	checkCases(t, []vcase{
		{"valid: 1 Jan..30 Jun is six months", validAgreement().Validate(), "", "", false},
		{"1 Jan..1 Jul is past six months: warning only", period(d(2026, 1, 1), d(2026, 7, 1)), "end", "6 måneder", true},
		{"single day", period(d(2026, 1, 1), d(2026, 1, 1)), "", "", false},
		{"end before start", period(d(2026, 1, 2), d(2026, 1, 1)), "end", "Slutdato skal ligge efter startdato", false},
		{"15 Aug..14 Feb", period(d(2026, 8, 15), d(2027, 2, 14)), "", "", false},
		{"15 Aug..15 Feb", period(d(2026, 8, 15), d(2027, 2, 15)), "end", "6 måneder", true},
		// 31 August + 6 months has no 31 February: the six months end with February.
		{"31 Aug..28 Feb", period(d(2026, 8, 31), d(2027, 2, 28)), "", "", false},
		{"31 Aug..1 Mar", period(d(2026, 8, 31), d(2027, 3, 1)), "end", "6 måneder", true},
		{"31 Aug..2 Mar", period(d(2026, 8, 31), d(2027, 3, 2)), "end", "6 måneder", true},
		{"29 Aug..28 Feb (no 29 Feb 2027)", period(d(2026, 8, 29), d(2027, 2, 28)), "", "", false},
		{"29 Aug..1 Mar (no 29 Feb 2027)", period(d(2026, 8, 29), d(2027, 3, 1)), "end", "6 måneder", true},
		{"29 Aug..28 Feb 2028 has a 29 Feb", period(d(2027, 8, 29), d(2028, 2, 28)), "", "", false},
		{"29 Aug..29 Feb 2028", period(d(2027, 8, 29), d(2028, 2, 29)), "end", "6 måneder", true},
		{"31 Oct..30 Apr", period(d(2026, 10, 31), d(2027, 4, 30)), "", "", false},
		{"31 Oct..1 May", period(d(2026, 10, 31), d(2027, 5, 1)), "end", "6 måneder", true},
		{"no start", agreement(func(a *data.Agreement) { a.Start = data.Date{} }), "start", "Startdato skal udfyldes", false},
		{"no end", agreement(func(a *data.Agreement) { a.End = data.Date{} }), "end", "Slutdato skal udfyldes", false},
		{"no course", agreement(func(a *data.Agreement) { a.CourseID = 0 }), "course", "Forløb", false},
		{"granted 0", agreement(func(a *data.Agreement) { a.GrantedMin = 0 }), "granted", "Bevilgede timer skal være større end 0", false},
		{"granted negative", agreement(func(a *data.Agreement) { a.GrantedMin = -30 }), "granted", "Bevilgede timer", false},
		{"40 h a week", agreement(func(a *data.Agreement) { a.GrantedMin = 40 * 60 }), "", "", false},
		{"40 h 1 min a week", agreement(func(a *data.Agreement) { a.GrantedMin = 40*60 + 1 }), "granted", "Bevilgede timer pr. uge", false},
		{"more than 40 h in total is fine", agreement(func(a *data.Agreement) { a.HoursBasis, a.GrantedMin = data.HoursTotal, 100*60 }), "", "", false},
		{"no basis", agreement(func(a *data.Agreement) { a.HoursBasis = "" }), "hours_basis", "Timer", false},
		{"no scope", agreement(func(a *data.Agreement) { a.Scope = "" }), "scope", "Bevillingen", false},
		{"per place", agreement(func(a *data.Agreement) { a.Scope = data.PerPlace }), "", "", false},
		{"negative rate", agreement(func(a *data.Agreement) { a.RateOere = -1 }), "rate", "Timepris", false},
		{"no goal", agreement(func(a *data.Agreement) { a.Goal = "" }), "goal", "Mål skal udfyldes", false},
		{"blank tasks", agreement(func(a *data.Agreement) { a.Tasks = "  \n " }), "tasks", "Opgaver skal udfyldes", false},
		{"no complaint guidance", agreement(func(a *data.Agreement) { a.ComplaintGuidance = "" }), "complaint_guidance", "Klagevejledning", false},
		{"legal basis too long", agreement(func(a *data.Agreement) { a.LegalBasis = strings.Repeat("§", data.MaxLongText+1) }), "legal_basis", "Lovgrundlag", false},
	})

	// A zero agreement names every missing required field.
	ps := data.Agreement{}.Validate()
	for _, f := range []string{"course", "start", "end", "hours_basis", "granted", "scope", "goal", "tasks", "complaint_guidance"} {
		if _, ok := ps.For(f); !ok {
			t.Errorf("zero agreement: no problem for %q", f)
		}
	}
	if ps.Err() == nil {
		t.Error("zero agreement: Err() = nil")
	}
}

func validSession() data.Session {
	return data.Session{
		CourseID: 1, MentorID: 2,
		PlannedStart: dk(2026, 1, 7, 10, 0), PlannedEnd: dk(2026, 1, 7, 11, 0),
		Status: data.SessionHeld, Form: data.FormInPerson, ContactMin: 60, TransportMin: 30, AdminMin: 15,
	}
}

func session(f func(*data.Session)) data.Problems {
	s := validSession()
	f(&s)
	return s.Validate()
}

func TestSessionValidate(t *testing.T) {
	checkCases(t, []vcase{
		{"valid held", validSession().Validate(), "", "", false},
		{"end before start", session(func(s *data.Session) { s.PlannedEnd = dk(2026, 1, 7, 9, 0) }), "planned_end", "Planlagt slut", false},
		{"end equals start", session(func(s *data.Session) { s.PlannedEnd = s.PlannedStart }), "planned_end", "Planlagt slut", false},
		{"no planned start", session(func(s *data.Session) { s.PlannedStart = time.Time{} }), "planned_start", "Planlagt start", false},
		{"actual end before actual start", session(func(s *data.Session) {
			s.ActualStart, s.ActualEnd = dk(2026, 1, 7, 10, 5), dk(2026, 1, 7, 10, 0)
		}), "actual_end", "Faktisk slut", false},
		{"actual start without end", session(func(s *data.Session) { s.ActualStart = dk(2026, 1, 7, 10, 5) }), "actual_end", "Faktisk slut", false},
		{"actual times fine", session(func(s *data.Session) { s.ActualStart, s.ActualEnd = dk(2026, 1, 7, 10, 5), dk(2026, 1, 7, 11, 5) }), "", "", false},
		{"contact on a no-show", session(func(s *data.Session) { s.Status = data.SessionNoShow }), "contact", "Kontakttid kan kun registreres på et gennemført møde", false},
		{"contact on a planned session", session(func(s *data.Session) { s.Status = data.SessionPlanned }), "contact", "Kontakttid", false},
		{"contact on a cancelled session", session(func(s *data.Session) { s.Status = data.SessionCancelledMentor }), "contact", "Kontakttid", false},
		{"no-show with transport only", session(func(s *data.Session) { s.Status, s.ContactMin = data.SessionNoShow, 0 }), "", "", false},
		{"unknown status", session(func(s *data.Session) { s.Status, s.ContactMin = "", 0 }), "status", "Status", false},
		{"negative contact", session(func(s *data.Session) { s.ContactMin = -1 }), "contact", "Kontakttid skal være mellem 0 og 24 timer", false},
		{"24 h contact", session(func(s *data.Session) { s.ContactMin = 24 * 60 }), "", "", false},
		{"24 h 1 min transport", session(func(s *data.Session) { s.TransportMin = 24*60 + 1 }), "transport", "Transporttid", false},
		{"negative admin", session(func(s *data.Session) { s.AdminMin = -5 }), "admin", "Administrationstid", false},
		{"no course", session(func(s *data.Session) { s.CourseID = 0 }), "course", "Forløb", false},
		{"no mentor", session(func(s *data.Session) { s.MentorID = 0 }), "mentor", "Mentor", false},
		{"place 200", session(func(s *data.Session) { s.Place = strings.Repeat("ø", 200) }), "", "", false},
		{"place 201", session(func(s *data.Session) { s.Place = strings.Repeat("ø", 201) }), "place", "Sted", false},
		{"note too long", session(func(s *data.Session) { s.Note = strings.Repeat("ø", data.MaxLongText+1) }), "note", "Note", false},
		{"goal note too long", session(func(s *data.Session) {
			s.Goals = []data.SessionGoal{{GoalID: 1, Note: strings.Repeat("ø", data.MaxLongText+1)}}
		}), "goals", "Note til mål", false},
	})
}

func TestCourseValidate(t *testing.T) {
	course := func(f func(*data.Course)) data.Problems {
		c := data.Course{CitizenID: 1, MunicipalityID: 2, Status: data.CourseActive, StartedOn: d(2026, 1, 5)}
		f(&c)
		return c.Validate()
	}
	checkCases(t, []vcase{
		{"active", course(func(*data.Course) {}), "", "", false},
		{"ended without outcome", course(func(c *data.Course) { c.Status = data.CourseEnded }), "outcome", "Resultat skal vælges", false},
		{"aborted without outcome", course(func(c *data.Course) { c.Status = data.CourseAborted }), "outcome", "Resultat", false},
		{"ended with outcome", course(func(c *data.Course) { c.Status, c.Outcome = data.CourseEnded, data.OutcomeJob }), "", "", false},
		{"unknown status", course(func(c *data.Course) { c.Status = "pause" }), "status", "Status", false},
		{"ended before start", course(func(c *data.Course) { c.EndedOn = d(2026, 1, 4) }), "ended_on", "Slutdato", false},
		{"ended on start day", course(func(c *data.Course) { c.EndedOn = d(2026, 1, 5) }), "", "", false},
		{"no citizen", course(func(c *data.Course) { c.CitizenID = 0 }), "citizen", "Borger", false},
		{"no municipality", course(func(c *data.Course) { c.MunicipalityID = 0 }), "municipality", "Kommune", false},
		{"order ref 201", course(func(c *data.Course) { c.OrderRef = strings.Repeat("Ø", 201) }), "order_ref", "Kommunens reference", false},
		{"outcome note too long", course(func(c *data.Course) { c.OutcomeNote = strings.Repeat("ø", data.MaxLongText+1) }), "outcome_note", "Bemærkning til resultat", false},
	})
}

func TestCourseStatusCanMoveTo(t *testing.T) {
	o, a, r, e, x := data.CourseOrdered, data.CourseActive, data.CourseRetention, data.CourseEnded, data.CourseAborted
	// want[from][to] for to in the order bestilt, aktiv, fastholdelse, afsluttet, afbrudt.
	want := map[data.CourseStatus][5]bool{
		o: {true, true, false, false, true},   // ordered: start, or abort
		a: {false, true, true, true, true},    // active: retention, end or abort; never back to ordered
		r: {false, false, true, true, true},   // retention: end or abort; never back to active
		e: {false, false, false, true, false}, // an ended course stays ended
		x: {false, false, false, false, true}, // so does an aborted one
	}
	for from, row := range want {
		for i, to := range []data.CourseStatus{o, a, r, e, x} {
			if got := from.CanMoveTo(to); got != row[i] {
				t.Errorf("%s.CanMoveTo(%s) = %v, want %v", from, to, got, row[i])
			}
		}
	}
	for _, s := range data.CourseStatuses {
		if s.Open() != (s == o || s == a || s == r) {
			t.Errorf("%s.Open() = %v", s, s.Open())
		}
		if s.Label() == "" || s.Label() == string(s) {
			t.Errorf("%s has no Danish label: %q", s, s.Label())
		}
	}
}

func TestGoalsValidate(t *testing.T) {
	in := data.DefaultInstrument()
	if ps := in.Validate(); len(ps) != 0 {
		t.Errorf("default instrument: %v", ps)
	}
	instr := func(f func(*data.Instrument)) data.Problems {
		i := data.DefaultInstrument()
		f(&i)
		return i.Validate()
	}
	goal := func(f func(*data.Goal)) data.Problems {
		g := data.Goal{CourseID: 1, Title: "Møde op til tiden"}
		f(&g)
		return g.Validate()
	}
	score := func(f func(*data.Score)) data.Problems {
		s := data.Score{GoalID: 1, On: d(2026, 1, 7), Value: 5}
		f(&s)
		return s.ValidateOn(in)
	}
	checkCases(t, []vcase{
		{"no instrument name", instr(func(i *data.Instrument) { i.Name = "" }), "name", "Navn", false},
		{"inverted scale", instr(func(i *data.Instrument) { i.ScaleMin, i.ScaleMax = 10, 1; i.Anchors = nil }), "scale", "Skalaens", false},
		{"101 steps", instr(func(i *data.Instrument) { i.ScaleMin, i.ScaleMax = 0, 101 }), "scale", "100 trin", false},
		{"100 steps", instr(func(i *data.Instrument) { i.ScaleMin, i.ScaleMax = 1, 101 }), "", "", false},
		{"blank domain", instr(func(i *data.Instrument) { i.Domains = []string{"Helbred", " "} }), "domains", "Domænenavn", false},
		{"anchor outside scale", instr(func(i *data.Instrument) { i.Anchors = map[int]string{11: "For højt"} }), "anchors", "Ankertekst for 11", false},
		{"anchor too long", instr(func(i *data.Instrument) { i.Anchors = map[int]string{1: strings.Repeat("ø", 501)} }), "anchors", "Ankertekst", false},
		{"goal valid", goal(func(*data.Goal) {}), "", "", false},
		{"goal without title", goal(func(g *data.Goal) { g.Title = "" }), "title", "Mål", false},
		{"goal without course", goal(func(g *data.Goal) { g.CourseID = 0 }), "course", "Forløb", false},
		{"goal title 501", goal(func(g *data.Goal) { g.Title = strings.Repeat("æ", 501) }), "title", "Mål er for lang", false},
		{"score valid", score(func(*data.Score) {}), "", "", false},
		{"score at the ends", score(func(s *data.Score) { s.Value = 10 }), "", "", false},
		{"score 0 on 1-10", score(func(s *data.Score) { s.Value = 0 }), "value", "Score skal være mellem 1 og 10", false},
		{"score 11 on 1-10", score(func(s *data.Score) { s.Value = 11 }), "value", "Score", false},
		{"score without date", score(func(s *data.Score) { s.On = data.Date{} }), "on", "Dato", false},
		{"score without goal", score(func(s *data.Score) { s.GoalID = 0 }), "goal", "Mål", false},
	})
}
