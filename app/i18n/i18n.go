// Package i18n loads Mentorbog's translations into Fyne's lang package and
// decides which language the user interface speaks.
//
// Mentorbog is a Danish product: Danish is the default, and English is
// offered for staff who do not read Danish. Every text in the interface is
// looked up with lang.X(key, danishFallback), so a missing translation still
// shows Danish rather than a bare key.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"mentorbog/assets"
)

// Language choices as stored in the "language" preference.
const (
	Auto    = "auto"
	Danish  = "da"
	English = "en"
)

// PreferenceKey is the fyne Preferences key holding the user's choice.
const PreferenceKey = "language"

// Setup registers the Danish and English translations and makes Fyne's
// lookup land on the chosen language. choice is Auto, Danish or English;
// anything else counts as Auto, so a damaged preference cannot stop the app
// from starting. It returns the language in use ("da" or "en").
func Setup(choice string) (string, error) {
	system := lang.SystemLocale()
	resolved := Resolve(choice, system)
	files := map[string][]byte{}
	for _, code := range []string{Danish, English} {
		text, err := File(code)
		if err != nil {
			return resolved, err
		}
		files[code] = text
		if err := lang.AddTranslationsForLocale(text, fyne.Locale(code)); err != nil {
			return resolved, fmt.Errorf("oversættelsen %s.json kunne ikke indlæses: %w", code, err)
		}
	}
	// Fyne offers no call to pick a language: it matches the system locale
	// against the registered ones. Registering the chosen texts under the
	// system locale itself (registered last, so they win) makes that match
	// land on the chosen language whatever the system says.
	if system != fyne.Locale(resolved) {
		if err := registerFor(files[resolved], system); err != nil {
			return resolved, err
		}
	}
	return resolved, nil
}

// registerFor adds text under the system locale. A locale string that the
// language parser rejects (odd region/script orders) is retried with the
// bare language, which is what Fyne's matcher falls back to as well.
func registerFor(text []byte, system fyne.Locale) error {
	err := lang.AddTranslationsForLocale(text, system)
	if err == nil {
		return nil
	}
	base, _, found := strings.Cut(string(system), "-")
	if !found {
		return fmt.Errorf("sproget kunne ikke vælges for %s: %w", system, err)
	}
	if err := lang.AddTranslationsForLocale(text, fyne.Locale(base)); err != nil {
		return fmt.Errorf("sproget kunne ikke vælges for %s: %w", system, err)
	}
	return nil
}

// Resolve turns a choice into "da" or "en". Auto follows the system locale
// when it is English, and otherwise stays Danish because the product is
// Danish by default.
func Resolve(choice string, system fyne.Locale) string {
	switch choice {
	case Danish, English:
		return choice
	}
	tag := strings.ReplaceAll(strings.ToLower(string(system)), "_", "-")
	base, region, _ := strings.Cut(tag, "-")
	// Fyne reports a bare "en" when the system has no usable locale (C,
	// POSIX, unset LANG); a real English system names a region (en-US).
	// Without a usable locale the product's default, Danish, applies.
	if base == English && region != "" {
		return English
	}
	return Danish
}

// File returns the merged translations of one language ("da" or "en"):
// translations/<code>.json plus every translations/<code>/*.json feature
// file, as one flat JSON object. A key defined in two files is an error, so
// two features cannot silently overwrite each other's texts.
func File(code string) ([]byte, error) {
	merged := map[string]string{}
	origin := map[string]string{}
	add := func(name string) error {
		text, err := assets.Translations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("oversættelsen %s mangler: %w", name, err)
		}
		var m map[string]string
		if err := json.Unmarshal(text, &m); err != nil {
			return fmt.Errorf("oversættelsen %s er ikke gyldig JSON: %w", name, err)
		}
		for k, v := range m {
			if first, dup := origin[k]; dup {
				return fmt.Errorf("oversættelsen %q står i både %s og %s", k, first, name)
			}
			origin[k] = name
			merged[k] = v
		}
		return nil
	}
	if err := add("translations/" + code + ".json"); err != nil {
		return nil, err
	}
	features, err := fs.Glob(assets.Translations, "translations/"+code+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("oversættelser for %s: %w", code, err)
	}
	sort.Strings(features)
	for _, name := range features {
		if err := add(name); err != nil {
			return nil, err
		}
	}
	text, err := json.Marshal(merged)
	if err != nil {
		return nil, fmt.Errorf("oversættelser for %s: %w", code, err)
	}
	return text, nil
}
