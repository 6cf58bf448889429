// Package assets holds the files embedded into the Mentorbog binary:
// translations, the application icon and the report font.
package assets

import "embed"

// Translations holds the texts for fyne.io/fyne/v2/lang: da.json and
// en.json with the shared texts, and da/*.json and en/*.json with one file
// per feature, so that features can grow their texts independently. The
// i18n package merges them per language.
//
//go:embed translations
var Translations embed.FS

// Icon is the application icon, a 512×512 PNG: a white open book on a
// teal-to-blue rounded square. It is plain bytes so this package does not
// depend on Fyne; the UI wraps it in a fyne.StaticResource.
//
//go:embed icon.png
var Icon []byte

// NotoSans is the report font: the same typeface as the app's own theme,
// with æ, ø, å, é, ü and – as real text (SIL Open Font License, see
// fonts/OFL-NotoSans.txt).
//
//go:embed fonts/NotoSans-Regular.ttf
var NotoSans []byte

// NotoSansBold is the bold cut of the report font.
//
//go:embed fonts/NotoSans-Bold.ttf
var NotoSansBold []byte
