package app

import (
	"embed"
	"log"

	"fyne.io/fyne/v2/lang"
)

// catalogs are the GUI's translations (app/i18n/translations/<language>.json): flat objects
// whose keys are the English text, plurals as {"one", "other"} objects.
//
//go:embed i18n/translations/*.json
var catalogs embed.FS

// The catalogs are loaded once, before any window: lang then words every string in the
// system's language, and counts in the right plural (English too: "1 article", "2 articles").
func init() {
	if err := lang.AddTranslationsFS(catalogs, "i18n/translations"); err != nil {
		log.Printf("factdesk: loading the interface's translations: %v", err)
	}
}
