package annotate

import (
	"sort"
)

// Rating is one reviewer's verdict on one item. An item is "the same claim" as the caller
// defines it (the same span of one article, or claims linked as the same claim): ratings with
// the same Item are compared with each other.
type Rating struct {
	Item     string
	Reviewer string
	Verdict  Verdict
}

// Confusion counts pairs of verdicts: Confusion[i][j] is how many items reviewer A rated
// Verdicts[i] and reviewer B rated Verdicts[j] (rows A, columns B).
type Confusion [3][3]int

// verdictIndex is the index of v in Verdicts, -1 when v is not a verdict.
func verdictIndex(v Verdict) int {
	switch v {
	case Confirmed:
		return 0
	case Disputed:
		return 1
	case Unverified:
		return 2
	}
	return -1
}

// At is the number of items rated a by reviewer A and b by reviewer B.
func (c Confusion) At(a, b Verdict) int {
	i, j := verdictIndex(a), verdictIndex(b)
	if i < 0 || j < 0 {
		return 0
	}
	return c[i][j]
}

// Total is the number of items counted.
func (c Confusion) Total() int {
	t := 0
	for i := range c {
		for j := range c[i] {
			t += c[i][j]
		}
	}
	return t
}

// Transpose swaps the roles of reviewers A and B.
func (c Confusion) Transpose() Confusion {
	var t Confusion
	for i := range c {
		for j := range c[i] {
			t[j][i] = c[i][j]
		}
	}
	return t
}

// Pair is the agreement of two reviewers on the items both rated.
type Pair struct {
	A, B string // reviewer names, A before B in the report
	N    int    // items both rated
	// Percent is the share of those items on which they gave the same verdict, 0..100.
	Percent float64
	// Kappa is Cohen's kappa, (po - pe) / (1 - pe). When pe is 1 (both reviewers gave one and
	// the same verdict to every item, so po is 1 too) the formula is 0/0; Kappa is then 1.
	Kappa     float64
	Confusion Confusion // rows A's verdicts, columns B's, in the order of Verdicts
}

// Disagreement is an item whose reviewers did not all give the same verdict.
type Disagreement struct {
	Item    string
	Ratings map[string]Verdict // reviewer name -> verdict
}

// AgreementReport measures how far reviewers agree on nominal verdicts.
type AgreementReport struct {
	// Reviewers are all the reviewers with a valid rating, sorted.
	Reviewers []string
	// Items is the number of items rated by two or more reviewers: the only ones measured.
	Items int
	// Ignored counts ratings left out: empty item or reviewer, or not a valid verdict.
	Ignored int
	// Defined is false when no item has two ratings: PercentAgreement and KrippendorffAlpha
	// are then 0 and mean nothing.
	Defined bool
	// PercentAgreement is the observed agreement, 0..100: for each item, the share of pairs of
	// its reviewers who agree, averaged over the items (for two reviewers, simply the share of
	// items with the same verdict).
	PercentAgreement float64
	// KrippendorffAlpha is Krippendorff's alpha for nominal data over all reviewers, missing
	// ratings allowed (coincidence-matrix form: 1 - (n-1) * sum of off-diagonal coincidences /
	// sum over c != k of n_c*n_k). When every rating compared is the same verdict, expected
	// disagreement is 0 and alpha is 0/0; it is then reported as 1, like Kappa.
	KrippendorffAlpha float64
	// Pairs holds Cohen's kappa and the confusion table of every two reviewers who rated at
	// least one item in common, sorted by A then B.
	Pairs []Pair
	// Disagreements lists the items whose verdicts differ, sorted by Item.
	Disagreements []Disagreement
}

// Pair returns the agreement of reviewers a and b, with a's verdicts as the rows of its
// confusion table; false when they rated no item in common.
func (r AgreementReport) Pair(a, b string) (Pair, bool) {
	for _, p := range r.Pairs {
		if p.A == a && p.B == b {
			return p, true
		}
		if p.A == b && p.B == a {
			p.A, p.B, p.Confusion = a, b, p.Confusion.Transpose()
			return p, true
		}
	}
	return Pair{}, false
}

// Agreement measures inter-reviewer agreement on the verdicts in ratings. Ratings are grouped
// by Item; when a reviewer rated an item more than once, the last rating in the slice counts.
// Only items rated by two or more reviewers are measured.
func Agreement(ratings []Rating) AgreementReport {
	var rep AgreementReport
	byItem := map[string]map[string]Verdict{}
	reviewers := map[string]bool{}
	for _, r := range ratings {
		if r.Item == "" || r.Reviewer == "" || !r.Verdict.Valid() {
			rep.Ignored++
			continue
		}
		if byItem[r.Item] == nil {
			byItem[r.Item] = map[string]Verdict{}
		}
		byItem[r.Item][r.Reviewer] = r.Verdict
		reviewers[r.Reviewer] = true
	}
	rep.Reviewers = sortedKeys(reviewers)
	items := sortedKeys(byItem)

	type pairKey struct{ a, b string }
	confusions := map[pairKey]*Confusion{}
	var units [][]int
	agreeSum := 0.0
	for _, item := range items {
		rs := byItem[item]
		if len(rs) < 2 {
			continue
		}
		rep.Items++
		names := sortedKeys(rs)
		unit := make([]int, len(names))
		agree, pairs := 0, 0
		for i, a := range names {
			unit[i] = verdictIndex(rs[a])
			for _, b := range names[i+1:] {
				pairs++
				if rs[a] == rs[b] {
					agree++
				}
				k := pairKey{a, b}
				if confusions[k] == nil {
					confusions[k] = &Confusion{}
				}
				confusions[k][verdictIndex(rs[a])][verdictIndex(rs[b])]++
			}
		}
		units = append(units, unit)
		agreeSum += float64(agree) / float64(pairs)
		if agree < pairs {
			d := Disagreement{Item: item, Ratings: make(map[string]Verdict, len(rs))}
			for name, v := range rs {
				d.Ratings[name] = v
			}
			rep.Disagreements = append(rep.Disagreements, d)
		}
	}
	if rep.Items > 0 {
		rep.Defined = true
		rep.PercentAgreement = 100 * agreeSum / float64(rep.Items)
		rep.KrippendorffAlpha, _ = alphaNominal(units, len(Verdicts))
	}
	for k, c := range confusions {
		rep.Pairs = append(rep.Pairs, cohen(k.a, k.b, *c))
	}
	sort.Slice(rep.Pairs, func(i, j int) bool {
		if rep.Pairs[i].A != rep.Pairs[j].A {
			return rep.Pairs[i].A < rep.Pairs[j].A
		}
		return rep.Pairs[i].B < rep.Pairs[j].B
	})
	return rep
}

// cohen computes Cohen's kappa from a confusion table with at least one item.
func cohen(a, b string, c Confusion) Pair {
	p := Pair{A: a, B: b, Confusion: c, N: c.Total()}
	var rows, cols [3]int
	agree := 0
	for i := range c {
		agree += c[i][i]
		for j := range c[i] {
			rows[i] += c[i][j]
			cols[j] += c[i][j]
		}
	}
	n := p.N
	p.Percent = 100 * float64(agree) / float64(n)
	// Expected agreement pe = sum(rows[i]*cols[i]) / n^2, kept in integers to test pe == 1.
	exp := 0
	for i := range rows {
		exp += rows[i] * cols[i]
	}
	if exp == n*n {
		p.Kappa = 1 // pe == 1 implies po == 1: 0/0, defined as perfect agreement
		return p
	}
	po := float64(agree) / float64(n)
	pe := float64(exp) / float64(n*n)
	p.Kappa = (po - pe) / (1 - pe)
	return p
}

// alphaNominal is Krippendorff's alpha for nominal values 0..k-1. Each unit lists the values
// it received (missing ones simply absent); units with fewer than two values are not
// pairable and ignored. It returns false when no value is pairable. When all pairable values
// are equal (no expected disagreement), alpha is 1.
//
// Following Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): the
// coincidence matrix o_ck sums, over units u with m_u values, the ordered pairs (c, k) of
// values from different coders divided by m_u - 1; n_c = sum_k o_ck, n = sum_c n_c, and
// alpha = 1 - (n-1) * sum_{c!=k} o_ck / sum_{c!=k} n_c*n_k.
func alphaNominal(units [][]int, k int) (float64, bool) {
	o := make([][]float64, k)
	for c := range o {
		o[c] = make([]float64, k)
	}
	counts := make([]int, k)
	for _, u := range units {
		if len(u) < 2 {
			continue
		}
		clear(counts)
		for _, v := range u {
			counts[v]++
		}
		w := 1 / float64(len(u)-1)
		for c := range k {
			for d := range k {
				pairs := counts[c] * counts[d]
				if c == d {
					pairs = counts[c] * (counts[c] - 1)
				}
				o[c][d] += float64(pairs) * w
			}
		}
	}
	nc := make([]float64, k)
	n := 0.0
	for c := range k {
		for d := range k {
			nc[c] += o[c][d]
		}
		n += nc[c]
	}
	if n < 2 {
		return 0, false
	}
	observed, expected := 0.0, 0.0
	for c := range k {
		for d := range k {
			if c != d {
				observed += o[c][d]
				expected += nc[c] * nc[d]
			}
		}
	}
	if expected == 0 {
		return 1, true
	}
	return 1 - (n-1)*observed/expected, true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
