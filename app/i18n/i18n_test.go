package i18n

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// setSystemLocale makes the process look like it runs under the given
// POSIX locale, as go-locale reads these variables on every call.
func setSystemLocale(t *testing.T, posix string) {
	t.Helper()
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, posix)
	}
}

// Fyne's lang state is global, so these tests run in order in this package
// only, and each one registers what it needs before asserting.

func TestSetupEnglishOnDanishSystem(t *testing.T) {
	setSystemLocale(t, "da_DK.UTF-8")
	got, err := Setup(English)
	if err != nil {
		t.Fatal(err)
	}
	if got != English {
		t.Fatalf("Setup(en) = %q", got)
	}
	if text := lang.X("nav.overview", "Oversigt"); text != "Overview" {
		t.Errorf(`lang.X("nav.overview") = %q, want "Overview"`, text)
	}
}

func TestSetupDanishOnEnglishSystem(t *testing.T) {
	setSystemLocale(t, "en_US.UTF-8")
	got, err := Setup(Danish)
	if err != nil {
		t.Fatal(err)
	}
	if got != Danish {
		t.Fatalf("Setup(da) = %q", got)
	}
	if text := lang.X("nav.overview", "Overview"); text != "Oversigt" {
		t.Errorf(`lang.X("nav.overview") = %q, want "Oversigt"`, text)
	}
	// Fyne's own dialog buttons follow, from our translation files.
	if text := lang.L("Cancel"); text != "Annuller" {
		t.Errorf(`lang.L("Cancel") = %q, want "Annuller"`, text)
	}
}

func TestSetupAutoFollowsEnglishSystem(t *testing.T) {
	setSystemLocale(t, "en_GB.UTF-8")
	got, err := Setup(Auto)
	if err != nil {
		t.Fatal(err)
	}
	if got != English || lang.X("nav.citizens", "Borgere") != "Citizens" {
		t.Errorf("Setup(auto) on en_GB = %q, nav.citizens = %q", got, lang.X("nav.citizens", "Borgere"))
	}
}

func TestSetupAutoIsDanishOnOtherSystems(t *testing.T) {
	setSystemLocale(t, "de_DE.UTF-8")
	got, err := Setup(Auto)
	if err != nil {
		t.Fatal(err)
	}
	if got != Danish || lang.X("nav.citizens", "Citizens") != "Borgere" {
		t.Errorf("Setup(auto) on de_DE = %q, nav.citizens = %q", got, lang.X("nav.citizens", "Citizens"))
	}
}

func TestResolve(t *testing.T) {
	cases := []struct {
		choice string
		system fyne.Locale
		want   string
	}{
		{Auto, "da-DK", Danish},
		{Auto, "da", Danish},
		{Auto, "en-US", English},
		{Auto, "en", Danish}, // Fyne's answer for C, POSIX or no LANG: no usable locale
		{Auto, "en_GB", English},
		{Auto, "de-DE", Danish},
		{Auto, "sv-SE", Danish},
		{Danish, "en-US", Danish},
		{English, "da-DK", English},
		{"", "en-GB", English},
		{"fr", "da-DK", Danish}, // unknown choice counts as auto
	}
	for _, c := range cases {
		if got := Resolve(c.choice, c.system); got != c.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", c.choice, c.system, got, c.want)
		}
	}
}

func readKeys(t *testing.T, code string) map[string]string {
	t.Helper()
	text, err := File(code)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(text, &m); err != nil {
		t.Fatalf("%s.json is not a flat JSON object of strings: %v", code, err)
	}
	return m
}

func TestFilesHaveTheSameKeys(t *testing.T) {
	da, en := readKeys(t, Danish), readKeys(t, English)
	for k, v := range da {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in da.json but not in en.json", k)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("da.json: %q is empty", k)
		}
	}
	for k, v := range en {
		if _, ok := da[k]; !ok {
			t.Errorf("key %q is in en.json but not in da.json", k)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("en.json: %q is empty", k)
		}
	}
}

// usage finds lang.X("key" and lang.L("text" in Go source, with the
// Danish fallback of lang.X when it is a literal.
var usage = regexp.MustCompile(`lang\.(X|L)\(\s*"((?:[^"\\]|\\.)*)"(?:,\s*"((?:[^"\\]|\\.)*)")?`)

// TestEveryUsedKeyIsTranslated scans the app's source so a new text cannot
// ship with a key missing in one language.
func TestEveryUsedKeyIsTranslated(t *testing.T) {
	da, en := readKeys(t, Danish), readKeys(t, English)
	var used []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		// Tests quote the pattern itself, so only production code counts.
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range usage.FindAllStringSubmatch(string(src), -1) {
			var key string
			if err := json.Unmarshal([]byte(`"`+m[2]+`"`), &key); err != nil {
				t.Errorf("%s: cannot read key %s", path, m[2])
				continue
			}
			used = append(used, key)
			danish, ok := da[key]
			if !ok {
				t.Errorf("%s: key %q missing in da.json", path, key)
			}
			// The fallback is what shows if loading fails; it must say the same.
			if m[1] == "X" && m[3] != "" && ok && unquote(m[3]) != danish {
				t.Errorf("%s: fallback of %q is %q but da.json says %q", path, key, unquote(m[3]), danish)
			}
			if _, ok := en[key]; !ok {
				t.Errorf("%s: key %q missing in en.json", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(used, "nav.overview") {
		t.Fatalf("the scan found no use of nav.overview; is it looking in the right folder? (%d keys found)", len(used))
	}
}

func unquote(s string) string {
	var out string
	if err := json.Unmarshal([]byte(`"`+s+`"`), &out); err != nil {
		return s
	}
	return out
}
