package annotate

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// twoReviewers builds ratings of reviewers "a" and "b" from a confusion table (rows a).
func twoReviewers(c Confusion) []Rating {
	var rs []Rating
	n := 0
	for i, va := range Verdicts {
		for j, vb := range Verdicts {
			for range c[i][j] {
				item := fmt.Sprintf("claim-%03d", n)
				n++
				rs = append(rs, Rating{item, "a", va}, Rating{item, "b", vb})
			}
		}
	}
	return rs
}

// Wikipedia, "Cohen's kappa", worked example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes,
// 15 no/no: po = 0.7, pe = 0.5, kappa = 0.4.
func TestCohensKappaWikipedia(t *testing.T) {
	var c Confusion
	c[0][0], c[0][1], c[1][0], c[1][1] = 20, 5, 10, 15 // yes = confirmed, no = disputed
	rep := Agreement(twoReviewers(c))
	if !rep.Defined || rep.Items != 50 || !reflect.DeepEqual(rep.Reviewers, []string{"a", "b"}) {
		t.Fatalf("report %+v", rep)
	}
	if len(rep.Pairs) != 1 {
		t.Fatalf("pairs %+v", rep.Pairs)
	}
	p := rep.Pairs[0]
	if p.A != "a" || p.B != "b" || p.N != 50 || !near(p.Kappa, 0.4) || !near(p.Percent, 70) || p.Confusion != c {
		t.Errorf("pair %+v", p)
	}
	if !near(rep.PercentAgreement, 70) {
		t.Errorf("percent %v", rep.PercentAgreement)
	}
	// Alpha for two coders, no missing data: o_cd = 40, 15 / 15, 30; n = 55, 45;
	// 1 - 99 * 30 / (2*55*45) = 0.4.
	if !near(rep.KrippendorffAlpha, 0.4) {
		t.Errorf("alpha %v", rep.KrippendorffAlpha)
	}
	if len(rep.Disagreements) != 15 {
		t.Errorf("%d disagreements, want 15", len(rep.Disagreements))
	}
	if got := p.Confusion.At(Confirmed, Disputed); got != 5 {
		t.Errorf("a confirmed, b disputed: %d, want 5", got)
	}
	ba, ok := rep.Pair("b", "a")
	if !ok || ba.A != "b" || ba.Confusion.At(Confirmed, Disputed) != 10 || ba.Kappa != p.Kappa {
		t.Errorf("Pair(b, a) = %+v %v", ba, ok)
	}
	if _, ok := rep.Pair("a", "zoe"); ok {
		t.Error("pair with an unknown reviewer")
	}
}

func TestCohensKappaThreeVerdicts(t *testing.T) {
	c := Confusion{{25, 2, 3}, {4, 30, 1}, {1, 2, 12}}
	rep := Agreement(twoReviewers(c))
	p := rep.Pairs[0]
	// po = 67/80; rows 30 35 15, columns 30 34 16: pe = 2330/6400;
	// kappa = (67*80 - 2330) / (6400 - 2330) = 3030/4070.
	if p.N != 80 || !near(p.Kappa, 3030.0/4070.0) || !near(p.Percent, 100*67.0/80.0) {
		t.Errorf("pair %+v, kappa want %v", p, 3030.0/4070.0)
	}
	// Alpha: n_c = rows + columns = 60 69 31 (n = 160), off-diagonal coincidences 2*13:
	// 1 - 159*26 / (160^2 - 60^2 - 69^2 - 31^2).
	want := 1 - 159.0*26/(25600-3600-4761-961)
	if !near(rep.KrippendorffAlpha, want) {
		t.Errorf("alpha %v, want %v", rep.KrippendorffAlpha, want)
	}
}

// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: 4 observers,
// 12 units, values 1-5, missing data; nominal alpha = 0.743.
func TestKrippendorffAlphaCanonical(t *testing.T) {
	const missing = 0
	data := [4][12]int{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, missing, missing, missing},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, missing, 3},
		{missing, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, missing},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, missing},
	}
	var units [][]int
	for u := range 12 {
		var unit []int
		for o := range 4 {
			if v := data[o][u]; v != missing {
				unit = append(unit, v-1)
			}
		}
		units = append(units, unit)
	}
	alpha, ok := alphaNominal(units, 5)
	if !ok || math.Abs(alpha-0.743) > 0.0005 {
		t.Fatalf("alpha = %.4f (%v), want 0.743", alpha, ok)
	}
	// Exactly: n = 40 pairable values, off-diagonal coincidences 8, sum of n_c*n_k (c != k)
	// 1216: alpha = 1 - 39*8/1216 = 113/152.
	if !near(alpha, 113.0/152) {
		t.Errorf("alpha = %v, want 113/152", alpha)
	}
	if _, ok := alphaNominal([][]int{{0}, {1}}, 5); ok {
		t.Error("alpha defined without pairable values")
	}
}

func TestAgreementThreeReviewersMissingData(t *testing.T) {
	ratings := []Rating{
		{"i1", "ana", Confirmed}, {"i1", "ben", Confirmed}, {"i1", "cleo", Confirmed},
		{"i2", "ana", Confirmed}, {"i2", "ben", Confirmed}, {"i2", "ben", Disputed}, // ben's last rating counts
		{"i3", "ana", Disputed}, {"i3", "ben", Disputed}, {"i3", "cleo", Unverified},
		{"i4", "ana", Unverified}, {"i4", "cleo", Unverified},
		{"i5", "ben", Confirmed}, // rated once: not measured
		{"i6", "ana", "maybe"}, {"", "ana", Confirmed}, {"i6", "", Confirmed},
	}
	rep := Agreement(ratings)
	if !reflect.DeepEqual(rep.Reviewers, []string{"ana", "ben", "cleo"}) || rep.Items != 4 || rep.Ignored != 3 || !rep.Defined {
		t.Fatalf("report %+v", rep)
	}
	// Per item, agreeing pairs: i1 3/3, i2 0/1, i3 1/3, i4 1/1.
	if want := 100 * (1 + 0 + 1.0/3 + 1) / 4; !near(rep.PercentAgreement, want) {
		t.Errorf("percent %v, want %v", rep.PercentAgreement, want)
	}
	// Coincidences: CC 3, CD 1, DC 1, DD 1, DU 1, UD 1, UU 2; n_C 4, n_D 3, n_U 3, n 10.
	// alpha = 1 - 9 * 4 / (100 - 16 - 9 - 9) = 1 - 36/66.
	if want := 1 - 36.0/66; !near(rep.KrippendorffAlpha, want) {
		t.Errorf("alpha %v, want %v", rep.KrippendorffAlpha, want)
	}
	wantPairs := []struct {
		a, b  string
		n     int
		kappa float64
	}{
		{"ana", "ben", 3, 0.4},
		{"ana", "cleo", 3, 0.5},
		{"ben", "cleo", 2, 1.0 / 3},
	}
	if len(rep.Pairs) != len(wantPairs) {
		t.Fatalf("pairs %+v", rep.Pairs)
	}
	for i, w := range wantPairs {
		p := rep.Pairs[i]
		if p.A != w.a || p.B != w.b || p.N != w.n || !near(p.Kappa, w.kappa) {
			t.Errorf("pair %d = %+v, want %+v", i, p, w)
		}
	}
	want := []Disagreement{
		{"i2", map[string]Verdict{"ana": Confirmed, "ben": Disputed}},
		{"i3", map[string]Verdict{"ana": Disputed, "ben": Disputed, "cleo": Unverified}},
	}
	if !reflect.DeepEqual(rep.Disagreements, want) {
		t.Errorf("disagreements %+v", rep.Disagreements)
	}
}

func TestAgreementPerfectAndTotalDisagreement(t *testing.T) {
	perfect := Agreement(twoReviewers(Confusion{{4, 0, 0}, {0, 3, 0}, {0, 0, 2}}))
	if p := perfect.Pairs[0]; !near(p.Kappa, 1) || !near(p.Percent, 100) || !near(perfect.KrippendorffAlpha, 1) || len(perfect.Disagreements) != 0 {
		t.Errorf("perfect: %+v", perfect)
	}
	// One verdict for everything: pe = 1 and kappa's formula is 0/0; defined as 1, like alpha.
	same := Agreement(twoReviewers(Confusion{{6, 0, 0}}))
	if p := same.Pairs[0]; p.Kappa != 1 || same.KrippendorffAlpha != 1 || !same.Defined {
		t.Errorf("one verdict: %+v", same)
	}
	// Always opposite (6 items): po = 0, pe = 0.5, kappa = -1; coincidences CD = DC = 6,
	// n_C = n_D = 6, n = 12: alpha = 1 - 11*12/72 = -5/6.
	opposite := Agreement(twoReviewers(Confusion{{0, 3, 0}, {3, 0, 0}}))
	if p := opposite.Pairs[0]; !near(p.Kappa, -1) || p.Percent != 0 || !near(opposite.KrippendorffAlpha, -5.0/6) || len(opposite.Disagreements) != 6 {
		t.Errorf("opposite: %+v", opposite)
	}
	// A single item rated differently: po = pe = 0, kappa 0.
	one := Agreement([]Rating{{"x", "a", Confirmed}, {"x", "b", Unverified}})
	if p := one.Pairs[0]; p.Kappa != 0 || p.N != 1 {
		t.Errorf("one item: %+v", p)
	}
}

func TestAgreementNoItems(t *testing.T) {
	for _, rs := range [][]Rating{nil, {{"x", "a", Confirmed}, {"y", "b", Disputed}}} {
		rep := Agreement(rs)
		if rep.Defined || rep.Items != 0 || rep.PercentAgreement != 0 || rep.KrippendorffAlpha != 0 || len(rep.Pairs) != 0 || len(rep.Disagreements) != 0 {
			t.Errorf("%v: %+v", rs, rep)
		}
	}
	if rep := Agreement([]Rating{{"x", "a", Confirmed}, {"y", "b", Disputed}}); len(rep.Reviewers) != 2 {
		t.Errorf("reviewers %v", rep.Reviewers)
	}
}
