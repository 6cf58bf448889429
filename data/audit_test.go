package data

import (
	"strings"
	"testing"
)

func TestEveryAuditActionHasItsOwnDanishLabel(t *testing.T) {
	if len(AuditActions) != 19 {
		t.Fatalf("%d actions", len(AuditActions))
	}
	seen := map[string]AuditAction{}
	for _, a := range AuditActions {
		l := a.Label()
		if l == "" || l == string(a) {
			t.Errorf("%s has no Danish label", a)
		}
		if other, dup := seen[l]; dup {
			t.Errorf("%s and %s share the label %q", a, other, l)
		}
		seen[l] = a
		if !a.Known() {
			t.Errorf("%s not known", a)
		}
	}
	if AuditOpenCitizen.Label() != "Åbnede borger" || AuditLoginFailed.Label() != "Mislykket login" {
		t.Errorf("labels %q %q", AuditOpenCitizen.Label(), AuditLoginFailed.Label())
	}
	if AuditAction("peek").Known() || AuditAction("").Known() {
		t.Error("unknown action known")
	}
	// The stored values are fixed: other code writes them as strings.
	for a, want := range map[AuditAction]string{AuditLoginFailed: "login_failed", AuditOpenCitizen: "open_citizen",
		AuditDelete: "delete", AuditRetentionRun: "retention_run", AuditUserChanged: "user_changed"} {
		if string(a) != want {
			t.Errorf("%s stored as %q", want, a)
		}
	}
}

func TestRedactAuditDetailBlanksCPRShapedNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"felter: navn, telefon":          "felter: navn, telefon",
		"010203-1234":                    "XXXXXX-XXXX",
		"cpr 0102031234.":                "cpr XXXXXX-XXXX.",
		"010203 1234 og 311299-4321":     "XXXXXX-XXXX og XXXXXX-XXXX",
		"0102031234,0102031234":          "XXXXXX-XXXX,XXXXXX-XXXX",
		"faktura 123456789012, sag 4711": "faktura 123456789012, sag 4711",
		"ean 5798000123456":              "ean 5798000123456",
	} {
		if got := RedactAuditDetail(in); got != want {
			t.Errorf("RedactAuditDetail(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(RedactAuditDetail(in), "1234") && strings.Contains(in, "-1234") {
			t.Errorf("%q leaks", in)
		}
	}
}
