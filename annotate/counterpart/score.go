package counterpart

import (
	"math"
	"sort"
	"strings"
)

// Match is how a sentence compares with another: a score from 0 (nothing shared) to 1 (the
// same content), the reasons, and whether it looks like the same fact stated differently.
type Match struct {
	Score         float64
	Reasons       []string // "figure 300–400", "name Stepanakert", "word death/morts"
	Contradiction bool     // a possible contradiction: another figure, or the opposite polarity
	Conflict      string   // why it was flagged ("figure 300–400 vs 200", "negation: not / none")
	// Why holds the same reasons as Reasons, in the same order, as a kind and facts, for a
	// front end that words them in its own language (Reasons keeps the English words).
	Why []Reason
}

// ReasonKind says what a reason is about.
type ReasonKind string

// The kinds of reasons.
const (
	// ReasonFigure: both sentences give the figure Label ("300–400").
	ReasonFigure ReasonKind = "figure"
	// ReasonName: both name Label (Other when the second spells it differently).
	ReasonName ReasonKind = "name"
	// ReasonWord: both use the word Label (Other: the second's form or translation).
	ReasonWord ReasonKind = "word"
	// ReasonFigureConflict: a possible contradiction, the figure Label against Other.
	ReasonFigureConflict ReasonKind = "figure-conflict"
	// ReasonNegationConflict: a possible contradiction, one sentence negated (Label, the
	// first's negation, Other, the second's; "" for none).
	ReasonNegationConflict ReasonKind = "negation-conflict"
)

// Reason is one reason of a match, as facts: what Reasons says in English.
type Reason struct {
	Kind         ReasonKind
	Label, Other string
}

// Stats gives document frequencies of keys, so that rare keys weigh more than common ones. Nil
// Stats weighs every key alike.
type Stats interface {
	// DF is the number of sentences that have key.
	DF(key string) int
	// Docs is the number of sentences counted.
	Docs() int
}

// PoolStats counts the keys of a set of sentences.
type PoolStats struct {
	df map[string]int
	n  int
}

// NewPoolStats counts the keys of pool.
func NewPoolStats(pool []*Sentence) *PoolStats {
	p := &PoolStats{df: make(map[string]int), n: len(pool)}
	for _, s := range pool {
		for k := range s.keyWeight {
			p.df[k]++
		}
	}
	return p
}

// DF is the number of sentences of the pool that have key.
func (p *PoolStats) DF(key string) int { return p.df[key] }

// Docs is the number of sentences of the pool.
func (p *PoolStats) Docs() int { return p.n }

// Thresholds of the contradiction flag: the two sentences must be about the same thing before a
// different figure or polarity means they disagree.
const (
	sameFactScore    = 0.2
	sameFactCoverage = 0.25
)

func tokenBase(t token) float64 {
	switch t.kind {
	case kindFigure:
		if strings.HasPrefix(t.keys[0].k, "n:") && len(t.keys[0].k) == 3 || t.keys[0].k == "n:10" {
			return weightSmallCount
		}
		return weightFigure
	case kindName:
		return weightName
	}
	return weightWord
}

// idf is the weight of a token by how rare its keys are: 1 for a key no other sentence has,
// down to 0.25 for one that every sentence has.
func idf(t token, st Stats) float64 {
	if st == nil || st.Docs() < 20 {
		return 1
	}
	df := 0
	for _, k := range t.keys {
		if k.w < 0.8 {
			continue
		}
		if d := st.DF(k.k); d > df {
			df = d
		}
	}
	n := float64(st.Docs())
	w := math.Log((n+1)/(float64(df)+1)) / math.Log(n+1)
	return 0.25 + 0.75*w
}

// tokenMatch is how well token t meets sentence o: the confidence of the best key they share.
func tokenMatch(t token, o *Sentence) (float64, string) {
	best, bk := 0.0, ""
	for _, k := range t.keys {
		if w, ok := o.keyWeight[k.k]; ok {
			m := float64(min(k.w, w))
			if m > best {
				best, bk = m, k.k
			}
		}
	}
	return best, bk
}

// coverage is the weighted share of a's tokens that b has.
func coverage(a, b *Sentence, st Stats, onlyContent bool) float64 {
	return coverageW(a, b, weights(a, st), onlyContent)
}

// weights are the weights of a sentence's tokens: kind times rarity.
func weights(a *Sentence, st Stats) []float64 {
	w := make([]float64, len(a.tokens))
	for i, t := range a.tokens {
		w[i] = tokenBase(t) * idf(t, st)
	}
	return w
}

func coverageW(a, b *Sentence, ws []float64, onlyContent bool) float64 {
	var num, den float64
	for i, t := range a.tokens {
		if onlyContent && t.kind == kindFigure {
			continue
		}
		w := ws[i]
		den += w
		m, _ := tokenMatch(t, b)
		num += w * m
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// Compare scores how likely b states the same fact as a, with the reasons and the
// contradiction flag.
func Compare(a, b *Sentence, st Stats) Match {
	if len(a.tokens) == 0 || len(b.tokens) == 0 {
		return Match{}
	}
	ca, cb := coverage(a, b, st, false), coverage(b, a, st, false)
	score := 0.5*ca + 0.5*cb
	m := Match{Score: math.Round(score*1000) / 1000}
	m.Reasons, m.Why = reasons(a, b)
	ka, kb := coverage(a, b, st, true), coverage(b, a, st, true)
	if score >= sameFactScore && max(ka, kb) >= sameFactCoverage && min(ka, kb) >= sameFactCoverage/2 {
		if fa, fb, ok := figureConflict(a, b); ok {
			m.Contradiction, m.Conflict = true, fa+" vs "+fb
			m.Why = append([]Reason{{Kind: ReasonFigureConflict, Label: fa, Other: fb}}, m.Why...)
		} else if (a.Negation == "") != (b.Negation == "") {
			m.Contradiction = true
			m.Conflict = "negation: " + orNone(a.Negation) + " / " + orNone(b.Negation)
			m.Why = append([]Reason{{Kind: ReasonNegationConflict, Label: a.Negation, Other: b.Negation}}, m.Why...)
		}
	}
	if m.Contradiction {
		m.Reasons = append([]string{"possible contradiction: " + m.Conflict}, m.Reasons...)
	}
	return m
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// figureConflict returns "300–400 vs 200" when a states a figure that b does not and b one of
// the same kind that a does not.
func figureConflict(a, b *Sentence) (fa, fb string, ok bool) {
	for _, fa := range a.Figures {
		if fa.Kind() == 'm' || figureIn(fa, b) {
			continue
		}
		for _, fb := range b.Figures {
			if fb.Kind() == fa.Kind() && !figureIn(fb, a) && sameScale(fa, fb) {
				return fa.Label(), fb.Label(), true
			}
		}
	}
	return "", "", false
}

// sameScale reports whether two figures could be the same quantity told differently: a day
// of the month and a year, or ten and a million, are not.
func sameScale(a, b Figure) bool {
	if a.Kind() != 'n' {
		return true
	}
	va, vb := figureValue(a.Key), figureValue(b.Key)
	if va <= 0 || vb <= 0 {
		return strings.HasPrefix(a.Key, "n:~") == strings.HasPrefix(b.Key, "n:~")
	}
	isYear := func(f Figure, v float64) bool {
		return v >= 1800 && v <= 2100 && v == math.Trunc(v) && len(f.Text) == 4
	}
	if isYear(a, va) != isYear(b, vb) {
		return false
	}
	r := va / vb
	return r < 20 && r > 1.0/20
}

func figureValue(k string) float64 {
	v := strings.TrimPrefix(k, "n:")
	if i := strings.IndexByte(v, '-'); i > 0 {
		v = v[:i]
	}
	var f float64
	for _, c := range v {
		if c < '0' || c > '9' {
			if c == '.' {
				break
			}
			return 0
		}
		f = f*10 + float64(c-'0')
	}
	return f
}

func figureIn(f Figure, s *Sentence) bool {
	if _, ok := s.keyWeight[f.Key]; ok {
		return true
	}
	for _, a := range f.Alts {
		if _, ok := s.keyWeight[a]; ok {
			return true
		}
	}
	return false
}

// reasons lists what a and b share, figures first, then names, then words: in English and as
// facts.
func reasons(a, b *Sentence) ([]string, []Reason) {
	type r struct {
		order int
		text  string
		why   Reason
	}
	var rs []r
	for _, t := range a.tokens {
		m, k := tokenMatch(t, b)
		if m == 0 {
			continue
		}
		other := b.labelOf(k)
		switch t.kind {
		case kindFigure:
			rs = append(rs, r{0, "figure " + t.label, Reason{Kind: ReasonFigure, Label: t.label}})
		case kindName:
			rs = append(rs, r{1, "name " + pair(t.label, other), Reason{Kind: ReasonName, Label: t.label, Other: otherForm(t.label, other)}})
		default:
			rs = append(rs, r{2, "word " + pair(t.label, other), Reason{Kind: ReasonWord, Label: t.label, Other: otherForm(t.label, other)}})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].order < rs[j].order })
	out := make([]string, 0, min(len(rs), 8))
	why := make([]Reason, 0, min(len(rs), 8))
	for i, x := range rs {
		if i == 8 {
			break
		}
		out = append(out, x.text)
		why = append(why, x.why)
	}
	return out, why
}

// otherForm is b when it spells a's token differently, else "" (as pair shows it).
func otherForm(a, b string) string {
	if b == "" || strings.EqualFold(a, b) {
		return ""
	}
	return b
}

func pair(a, b string) string {
	if b == "" || strings.EqualFold(a, b) {
		return a
	}
	return a + "/" + b
}

// labelOf returns the text of the token of s that has key k.
func (s *Sentence) labelOf(k string) string {
	for _, t := range s.tokens {
		for _, tk := range t.keys {
			if tk.k == k {
				return t.label
			}
		}
	}
	return ""
}

// Ranked is a sentence of a pool with its match.
type Ranked struct {
	Index int // in the pool
	Match
}

// Rank compares q with every sentence of pool and returns the top best, best first (ties in
// pool order). Sentences that share nothing are left out. st weighs keys (nil: the pool's own
// counts).
func Rank(q *Sentence, pool []*Sentence, st Stats, top int) []Ranked {
	if st == nil {
		st = NewPoolStats(pool)
	}
	// Score everything cheaply first; reasons and flags only for the best.
	qw := weights(q, st)
	var out []Ranked
	for i, s := range pool {
		if s == q || len(s.tokens) == 0 || len(q.tokens) == 0 {
			continue
		}
		cq := coverageW(q, s, qw, false)
		if cq <= 0 {
			continue // shares nothing: its own weights are not worth computing
		}
		sc := 0.5*cq + 0.5*coverage(s, q, st, false)
		out = append(out, Ranked{Index: i, Match: Match{Score: math.Round(sc*1000) / 1000}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	for i := range out {
		out[i].Match = Compare(q, pool[out[i].Index], st)
	}
	return out
}
