//go:build acceptance

package exportui

import (
	"testing"

	"factdesk/corpus/corpustest"
)

// TestAcceptanceExportSeedsToCSV runs the dialog's CSV export of chosen articles and verdicts
// on the real seed articles (`make acceptance SEEDS=DIR`).
func TestAcceptanceExportSeedsToCSV(t *testing.T) {
	f := newFixtureOf(t, []string{corpustest.Seed(t, "000_f6bb23693e27c5f2.txt"), corpustest.Seed(t, "003_262efa452888d538.txt"),
		corpustest.Seed(t, "004_532ae3c648773e60.txt")}, fixtureQuotes{
		tollEN:        "300 to 400, including around fifty civilians",
		unverifiedEN:  "each side claiming to have eliminated thousands of enemy soldiers",
		tollFR:        "300 à 400 morts, dont une cinquantaine de civils",
		notConfirmed:  "n’ont pas confirmé leur participation",
		confirmed:     "avaient confirmé leur participation",
		unverifiedFR2: "L’Arménie a déclaré la loi martiale",
		disputedFR2:   "Jeyhun Bayramov",
	})
	exportChosenArticlesAndVerdictsToCSV(t, f)
}
