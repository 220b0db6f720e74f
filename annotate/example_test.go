package annotate_test

import (
	"fmt"
	"strings"

	"factdesk/annotate"
)

func ExampleFindQuote() {
	text := "Pour l’heure, les deux chefs de diplomatie n’ont pas confirmé leur participation."
	// An ASCII apostrophe in the quote finds the typographic one in the text.
	a, err := annotate.FindQuote(text, "n'ont pas confirmé", 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d..%d %q\n", a.Start, a.End, a.Exact)
	fmt.Printf("prefix %q\n", a.Prefix)
	// Output:
	// 43..61 "n’ont pas confirmé"
	// prefix "e, les deux chefs de diplomatie "
}

func ExampleReanchor() {
	text := "The official death toll is 300 to 400. Each side claims to have eliminated thousands of enemy soldiers."
	a, _ := annotate.FindQuote(text, "claims to have eliminated thousands of enemy soldiers", 1)

	updated := "Fighting continued overnight.\n\n" + strings.Replace(text, "eliminated", "killed", 1)
	m := annotate.Reanchor(updated, a)
	fmt.Printf("%s %.2f %q\n", m.Status, m.Score, m.Anchor.Exact)
	// Output:
	// fuzzy 0.91 "claims to have killed thousands of enemy soldiers"
}

func ExampleAgreement() {
	rep := annotate.Agreement([]annotate.Rating{
		{Item: "toll", Reviewer: "ana", Verdict: annotate.Confirmed},
		{Item: "toll", Reviewer: "ben", Verdict: annotate.Confirmed},
		{Item: "accepted", Reviewer: "ana", Verdict: annotate.Disputed},
		{Item: "accepted", Reviewer: "ben", Verdict: annotate.Unverified},
		{Item: "soldiers", Reviewer: "ana", Verdict: annotate.Unverified},
		{Item: "soldiers", Reviewer: "ben", Verdict: annotate.Unverified},
	})
	p, _ := rep.Pair("ana", "ben")
	fmt.Printf("items %d, agreement %.0f%%, kappa %.2f, alpha %.2f\n", rep.Items, rep.PercentAgreement, p.Kappa, rep.KrippendorffAlpha)
	for _, d := range rep.Disagreements {
		fmt.Println(d.Item, d.Ratings["ana"], d.Ratings["ben"])
	}
	// Output:
	// items 3, agreement 67%, kappa 0.50, alpha 0.55
	// accepted disputed unverified
}
