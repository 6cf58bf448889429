// Package assets holds the files embedded into the Mentorbog binary:
// translations, the application icon and the report font.
package assets

import "embed"

// Translations holds da.json and en.json for fyne.io/fyne/v2/lang.
//
//go:embed translations/*.json
var Translations embed.FS
