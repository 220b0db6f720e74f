//go:build acceptance

package report

import (
	"testing"

	"golang.org/x/net/html/atom"
)

// TestAcceptanceFrenchReportsOnSeeds renders the French reports of the seed articles: every
// claim is in the HTML report with its verdict's class, no English word of the catalog is
// left in any of them, and the dates are French.
func TestAcceptanceFrenchReportsOnSeeds(t *testing.T) {
	m := seedModel(t)
	for _, f := range []Format{HTML, Markdown, PDF} {
		checkFrench(t, f, renderIn(t, f, m, French), "12 octobre 2020", "Synthèse", "12 affirmations", "Confirmée", "Contestée")
	}
	doc := parseHTML(t, renderIn(t, HTML, m, French))
	checkInert(t, doc)
	ids := byID(doc)
	for _, c := range m.Claims {
		el := ids[ClaimAnchor(c.ID)]
		if el == nil {
			t.Errorf("claim %s is missing from the French report", c.ID)
			continue
		}
		vclass := "v-" + string(c.Verdict)
		if c.Contested {
			vclass = "v-contested"
		}
		if !hasClass(el, vclass) || el.DataAtom != atom.Article {
			t.Errorf("claim %s: want an article of class %s", c.ID, vclass)
		}
	}
}
