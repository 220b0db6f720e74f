package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"factdesk/annotate"
	"factdesk/corpus"
)

// contextRunes is how much article text, at most, the reports show on each side of a quote.
const contextRunes = 90

// View is the derived, read-only shape of a Model that every renderer shares, computed once
// by Model.View. Its pointers point into the View itself.
type View struct {
	Settings       Settings
	Title          string         // Settings.Title, or "Factdesk report"
	Articles       []*ArticleView // in model order; a placeholder for claims of unknown articles comes last
	Claims         []*ClaimView   // every claim, article by article, each article's by offset
	Reviewers      []ReviewerView // the model's reviewers, then other names found on claims
	Totals         annotate.VerdictCounts
	Contradictions []Contradiction // contradictions between articles and same claims rated differently
	byID           map[string]*ClaimView
}

// ArticleView is an article with its claims.
type ArticleView struct {
	Article     annotate.Article
	Index       int    // 1-based position in the report
	Anchor      string // fragment of the article's section: "article-<id>"
	SafeURL     string // Article.URL when it may be a link, else ""
	SourceIRI   string // the article as a W3C target source: its http(s) URL, else urn:sha256:<hash>
	Hash        string // hex SHA-256 of the text (Article.SHA256, or computed)
	Claims      []*ClaimView
	Counts      annotate.VerdictCounts
	Placeholder bool // the claims name an article the model does not hold
	// OutOfScope marks an article of Model.Related: one that linked claims are in, named by
	// the report but not part of it (not in View.Articles, no claims, no counts).
	OutOfScope bool
}

// ClaimView is a claim with everything the renderers show around it.
type ClaimView struct {
	Claim   annotate.Claim
	Article *ArticleView
	Anchor  string // fragment of the claim: "claim-<id>"
	// Before and After are the article text around the quote, on one line, with "…" where they
	// were cut; from the article text when the anchor matches it, else the anchor's prefix and
	// suffix.
	Before, After string
	InText        bool           // the anchor's offsets point at its exact text in the article
	Sources       []SourceLink   // every link to a source, in model order
	For, Against  []SourceLink   // sources that support (or state the same) / contradict the claim
	Links         []ClaimLink    // links to other claims, either direction
	SameAs        []*ClaimView   // every claim joined to this one by same-claim links, transitively
	VerdictAt     time.Time      // when the verdict was last set: from history, else UpdatedAt, else CreatedAt
	Reviewer      string         // who rated it last: UpdatedBy, else CreatedBy
	Appearances   []*ArticleView // this claim's article and the articles of SameAs, earliest published first (shared: read only)
	// OutOfScope marks a claim of Model.Related: linked to a claim of the report but not part
	// of it. Renderers name it as text, never link to it, and count it nowhere; only its Claim,
	// Article and Anchor are set.
	OutOfScope bool
}

// SourceLink is a claim's link to a source, with the source resolved.
type SourceLink struct {
	Link     annotate.Link
	Source   annotate.Source // resolved from Model.Sources or Link.Source; only ID when missing
	Relation annotate.Relation
	SafeURL  string // Source.URL when it may be a link, else ""
	// SafeArchiveURL is the public archive's copy (Source.ArchiveURL) when it may be a link.
	SafeArchiveURL string
}

// Label names the source for people: its title, publisher and URL as available.
func (s SourceLink) Label() string {
	var parts []string
	if t := oneLine(s.Source.Title); t != "" {
		parts = append(parts, t)
	}
	if p := oneLine(s.Source.Publisher); p != "" {
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		if u := strings.TrimSpace(s.Source.URL); u != "" {
			return u
		}
		return "source " + s.Source.ID
	}
	return strings.Join(parts, " — ")
}

// LabelIsURL reports whether Label is the source's URL (the source has no title or
// publisher), so renderers show the URL once.
func (s SourceLink) LabelIsURL() bool {
	return oneLine(s.Source.Title) == "" && oneLine(s.Source.Publisher) == "" && strings.TrimSpace(s.Source.URL) != ""
}

// ClaimLink is a link between two claims seen from one of them.
type ClaimLink struct {
	Link         annotate.Link
	Relation     annotate.Relation
	Outgoing     bool       // the claim seen from is Link.ClaimID
	Other        *ClaimView // the claim at the other end (Other.OutOfScope when it is not in the report); nil when the model lacks it
	OtherID      string
	CrossArticle bool // the other claim is in another article
}

// Phrase says how the claim relates to the other one: "Same claim as", "Supports",
// "Supported by", "Contradicts".
func (l ClaimLink) Phrase() string {
	switch l.Relation {
	case annotate.SameClaim:
		return "Same claim as"
	case annotate.Supports:
		if l.Outgoing {
			return "Supports"
		}
		return "Supported by"
	case annotate.Contradicts:
		if l.Outgoing {
			return "Contradicts"
		}
		return "Contradicted by"
	}
	return l.Relation.Label()
}

// Token is the relation as a short machine word seen from this claim: "same", "supports",
// "supported-by", "contradicts".
func (l ClaimLink) Token() string {
	if l.Relation == annotate.Supports && !l.Outgoing {
		return "supported-by"
	}
	return string(l.Relation)
}

// ContradictionKind tells why two claims are listed as contradicting each other.
type ContradictionKind string

// The kinds of contradiction.
const (
	// LinkedContradiction is a "contradicts" link between claims of different articles.
	LinkedContradiction ContradictionKind = "contradicts"
	// VerdictsDisagree is a same-claim link between claims rated one confirmed, one disputed.
	VerdictsDisagree ContradictionKind = "verdicts-disagree"
)

// Contradiction is one entry of the "Cross-article contradictions" section.
type Contradiction struct {
	Kind ContradictionKind
	A, B *ClaimView // A is the link's claim, B its target; one of them may be OutOfScope
	Link annotate.Link
}

// Phrase says what the contradiction is, for people.
func (c Contradiction) Phrase() string {
	if c.Kind == VerdictsDisagree {
		return "Same claim, verdicts disagree"
	}
	return "Contradicts"
}

// ReviewerView is a reviewer named in the report and how many claims they created or rated.
type ReviewerView struct {
	ID, Name string
	Claims   int
}

// Claim returns the claim of the report with this ID, or nil (also for a claim out of scope).
func (v *View) Claim(id string) *ClaimView { return v.byID[id] }

// View derives the shared report view of m.
func (m Model) View() *View { return m.view(true) }

// view derives the view; without context, the claims' Before, After and InText are left
// empty (the data exports do not show them, and over 100,000 claims they cost half the time).
func (m Model) view(withContext bool) *View {
	v := &View{Settings: m.Settings, Title: strings.TrimSpace(m.Settings.Title), byID: make(map[string]*ClaimView, len(m.Claims))}
	if v.Title == "" {
		v.Title = "Factdesk report"
	}
	articles := make(map[string]*ArticleView, len(m.Articles))
	for _, a := range m.Articles {
		if articles[a.ID] != nil {
			continue
		}
		av := newArticleView(a)
		articles[a.ID] = av
		v.Articles = append(v.Articles, av)
	}
	var missing []*ArticleView
	claims := make([]ClaimView, len(m.Claims))
	for i, c := range m.Claims {
		if v.byID[c.ID] != nil {
			continue
		}
		cv := &claims[i]
		cv.Claim = c
		cv.Anchor = ClaimAnchor(c.ID)
		cv.Reviewer = cmp.Or(c.UpdatedBy, c.CreatedBy)
		cv.VerdictAt = c.UpdatedAt
		if cv.VerdictAt.IsZero() {
			cv.VerdictAt = c.CreatedAt
		}
		av := articles[c.ArticleID]
		if av == nil {
			av = &ArticleView{Article: annotate.Article{ID: c.ArticleID}, Anchor: articleAnchor(c.ArticleID), Placeholder: true}
			av.Article.Title = "Article " + c.ArticleID + " (not in this export)"
			articles[c.ArticleID] = av
			missing = append(missing, av)
		}
		cv.Article = av
		av.Claims = append(av.Claims, cv)
		v.byID[c.ID] = cv
	}
	v.Articles = append(v.Articles, missing...)

	// History: when each verdict was last set.
	latestVerdict := map[string]time.Time{}
	for _, h := range m.History {
		if (h.Field == "verdict" || h.Field == "settle") && v.byID[h.RowID] != nil && h.At.After(latestVerdict[h.RowID]) {
			latestVerdict[h.RowID] = h.At
		}
	}
	for id, at := range latestVerdict {
		v.byID[id].VerdictAt = at
	}

	for i, av := range v.Articles {
		av.Index = i + 1
		slices.SortStableFunc(av.Claims, func(a, b *ClaimView) int {
			return cmp.Or(cmp.Compare(a.Claim.Start, b.Claim.Start), cmp.Compare(a.Claim.End, b.Claim.End), strings.Compare(a.Claim.ID, b.Claim.ID))
		})
		var runes []rune
		if withContext && av.Article.Text != "" && len(av.Claims) > 0 {
			runes = []rune(av.Article.Text)
		}
		for _, cv := range av.Claims {
			av.Counts.AddClaim(cv.Claim)
			v.Totals.AddClaim(cv.Claim)
			if withContext {
				cv.Before, cv.After, cv.InText = quoteContext(runes, cv.Claim.Anchor)
			}
			v.Claims = append(v.Claims, cv)
		}
	}

	refs, refOrder := v.outOfScope(m.Related, articles)
	lookup := func(id string) *ClaimView {
		if cv := v.byID[id]; cv != nil {
			return cv
		}
		return refs[id]
	}

	sources := make(map[string]annotate.Source, len(m.Sources))
	for _, s := range m.Sources {
		sources[s.ID] = s
	}
	same := newUnionFind()
	links := m.Links
	if len(m.Related.Links) > 0 {
		links = append(slices.Clip(m.Links), m.Related.Links...)
	}
	for _, l := range links {
		from := lookup(l.ClaimID)
		if from == nil {
			continue
		}
		if l.TargetClaimID == "" {
			if from.OutOfScope {
				continue
			}
			s, ok := sources[l.SourceID]
			if !ok {
				if l.Source != nil {
					s = *l.Source
				} else {
					s = annotate.Source{ID: l.SourceID}
				}
			}
			sl := SourceLink{Link: l, Source: s, Relation: l.Relation, SafeURL: SafeURL(s.URL), SafeArchiveURL: SafeURL(s.ArchiveURL)}
			from.Sources = append(from.Sources, sl)
			if l.Relation == annotate.Contradicts {
				from.Against = append(from.Against, sl)
			} else {
				from.For = append(from.For, sl)
			}
			continue
		}
		to := lookup(l.TargetClaimID)
		if from.OutOfScope && (to == nil || to.OutOfScope) {
			// Between claims out of scope: it only joins same claims, for appearances.
			if to != nil && l.Relation == annotate.SameClaim {
				same.union(from, to)
			}
			continue
		}
		cross := to != nil && to.Article != from.Article
		if !from.OutOfScope {
			from.Links = append(from.Links, ClaimLink{Link: l, Relation: l.Relation, Outgoing: true, Other: to, OtherID: l.TargetClaimID, CrossArticle: cross})
		}
		if to == nil {
			continue
		}
		if !to.OutOfScope {
			to.Links = append(to.Links, ClaimLink{Link: l, Relation: l.Relation, Other: from, OtherID: l.ClaimID, CrossArticle: cross})
		}
		switch {
		case l.Relation == annotate.Contradicts && cross:
			v.Contradictions = append(v.Contradictions, Contradiction{Kind: LinkedContradiction, A: from, B: to, Link: l})
		case l.Relation == annotate.SameClaim:
			same.union(from, to)
			if disagree(from.Claim.Verdict, to.Claim.Verdict) {
				v.Contradictions = append(v.Contradictions, Contradiction{Kind: VerdictsDisagree, A: from, B: to, Link: l})
			}
		}
	}
	slices.SortStableFunc(v.Contradictions, func(a, b Contradiction) int {
		return cmp.Or(v.compareClaims(a.A, b.A), v.compareClaims(a.B, b.B))
	})

	order := make(map[*ClaimView]int, len(v.Claims)+len(refOrder))
	for i, cv := range v.Claims {
		order[cv] = i
	}
	for i, cv := range refOrder {
		order[cv] = len(v.Claims) + i
	}
	for _, group := range same.groups() {
		slices.SortFunc(group, func(a, b *ClaimView) int { return cmp.Compare(order[a], order[b]) })
		// Every claim of a group appears in the same articles: compute them once.
		var appearances []*ArticleView
		seen := map[*ArticleView]bool{}
		for _, cv := range group {
			if !seen[cv.Article] {
				seen[cv.Article] = true
				appearances = append(appearances, cv.Article)
			}
		}
		slices.SortStableFunc(appearances, comparePublished)
		for _, cv := range group {
			cv.Appearances = appearances
			cv.SameAs = make([]*ClaimView, 0, len(group)-1)
			for _, o := range group {
				if o != cv {
					cv.SameAs = append(cv.SameAs, o)
				}
			}
		}
	}
	for _, cv := range v.Claims {
		if cv.Appearances == nil {
			cv.Appearances = []*ArticleView{cv.Article}
		}
	}

	v.Reviewers = reviewerViews(m.Reviewers, v.Claims)
	return v
}

// outOfScope makes the views of the related claims (see Related) and of their articles: an
// article of the report when the claim is in one (left out by its verdict), else an article
// view marked OutOfScope, indexed after the report's articles but not listed in it.
func (v *View) outOfScope(r Related, articles map[string]*ArticleView) (map[string]*ClaimView, []*ClaimView) {
	if len(r.Claims) == 0 {
		return nil, nil
	}
	next := len(v.Articles)
	outside := map[string]*ArticleView{}
	article := func(a annotate.Article) *ArticleView {
		av := newArticleView(a)
		av.OutOfScope = true
		next++
		av.Index = next
		outside[a.ID] = av
		return av
	}
	for _, a := range r.Articles {
		if articles[a.ID] == nil && outside[a.ID] == nil {
			article(a)
		}
	}
	refs := make(map[string]*ClaimView, len(r.Claims))
	order := make([]*ClaimView, 0, len(r.Claims))
	views := make([]ClaimView, len(r.Claims))
	for i, c := range r.Claims {
		if v.byID[c.ID] != nil || refs[c.ID] != nil {
			continue
		}
		cv := &views[i]
		cv.Claim = c
		cv.Anchor = ClaimAnchor(c.ID)
		cv.OutOfScope = true
		cv.Reviewer = cmp.Or(c.UpdatedBy, c.CreatedBy)
		cv.VerdictAt = cmp.Or(c.UpdatedAt, c.CreatedAt)
		av := articles[c.ArticleID]
		if av == nil {
			av = outside[c.ArticleID]
		}
		if av == nil {
			av = article(annotate.Article{ID: c.ArticleID, Article: corpus.Article{Title: "Article " + c.ArticleID}})
			av.Placeholder = true
		}
		cv.Article = av
		refs[c.ID] = cv
		order = append(order, cv)
	}
	return refs, order
}

// compareClaims orders claims as the report lists them.
func (v *View) compareClaims(a, b *ClaimView) int {
	return cmp.Or(cmp.Compare(a.Article.Index, b.Article.Index), cmp.Compare(a.Claim.Start, b.Claim.Start),
		cmp.Compare(a.Claim.End, b.Claim.End), strings.Compare(a.Claim.ID, b.Claim.ID))
}

// disagree reports whether two verdicts are a real disagreement: one confirmed, one disputed.
// An unverified claim has no verdict yet, so it disagrees with nothing.
func disagree(a, b annotate.Verdict) bool {
	return a != b && a != annotate.Unverified && b != annotate.Unverified && a.Valid() && b.Valid()
}

func newArticleView(a annotate.Article) *ArticleView {
	av := &ArticleView{Article: a, Anchor: articleAnchor(a.ID), SafeURL: SafeURL(a.URL), Hash: strings.ToLower(strings.TrimSpace(a.SHA256))}
	if av.Hash == "" && a.Text != "" {
		av.Hash = corpus.HashText(a.Text)
	}
	if isWebURL(a.URL) {
		av.SourceIRI = strings.TrimSpace(a.URL)
	} else {
		av.SourceIRI = "urn:sha256:" + av.Hash
	}
	return av
}

// comparePublished orders articles by publication date (YYYY-MM-DD sorts as text; unknown
// dates last), then by import time (so an article out of the report's scope takes the place
// it has in a report of everything), then by report position.
func comparePublished(a, b *ArticleView) int {
	da, db := publishedDate(a.Article.Published), publishedDate(b.Article.Published)
	switch {
	case da == "" && db != "":
		return 1
	case da != "" && db == "":
		return -1
	}
	return cmp.Or(strings.Compare(da, db), a.Article.ImportedAt.Compare(b.Article.ImportedAt), cmp.Compare(a.Index, b.Index))
}

// publishedDate returns the YYYY-MM-DD prefix of a published date, or "" when it has none.
func publishedDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	d := s[:10]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

// quoteContext returns the text around an anchor on one line, cut at a paragraph break or at
// a word boundary (marked "…"). With no text, or an anchor that does not match the text, it
// falls back to the anchor's own prefix and suffix.
func quoteContext(runes []rune, a annotate.Anchor) (before, after string, inText bool) {
	if a.Start < 0 || a.End < a.Start || a.End > len(runes) || string(runes[a.Start:a.End]) != a.Exact {
		before, after = squash(a.Prefix), squash(a.Suffix)
		if before != "" {
			before = "…" + strings.TrimLeft(before, " ")
		}
		if after != "" {
			after = strings.TrimRight(after, " ") + "…"
		}
		return before, after, false
	}
	// Before: up to contextRunes, not across a paragraph break, starting at a word.
	from := max(0, a.Start-contextRunes)
	cut := from > 0
	for i := a.Start - 1; i > from; i-- {
		if runes[i] == '\n' && runes[i-1] == '\n' {
			from, cut = i+1, false
			break
		}
	}
	if cut {
		for from < a.Start && !unicode.IsSpace(runes[from]) {
			from++
		}
	}
	before = squash(string(runes[from:a.Start]))
	if cut {
		before = "…" + strings.TrimLeft(before, " ")
	} else {
		before = strings.TrimLeft(before, " ")
	}
	// After: the same forwards.
	to := min(len(runes), a.End+contextRunes)
	cut = to < len(runes)
	for i := a.End; i+1 < to; i++ {
		if runes[i] == '\n' && runes[i+1] == '\n' {
			to, cut = i, false
			break
		}
	}
	if cut {
		for to > a.End && !unicode.IsSpace(runes[to-1]) {
			to--
		}
	}
	after = squash(string(runes[a.End:to]))
	if cut {
		after = strings.TrimRight(after, " ") + "…"
	} else {
		after = strings.TrimRight(after, " ")
	}
	return before, after, true
}

func reviewerViews(reviewers []annotate.Reviewer, claims []*ClaimView) []ReviewerView {
	count := map[string]int{}
	var extra []string
	for _, cv := range claims {
		names := []string{cv.Claim.CreatedBy}
		if cv.Claim.UpdatedBy != cv.Claim.CreatedBy {
			names = append(names, cv.Claim.UpdatedBy)
		}
		for _, n := range names {
			if n == "" {
				continue
			}
			if _, seen := count[n]; !seen && !slices.ContainsFunc(reviewers, func(r annotate.Reviewer) bool { return r.Name == n }) {
				extra = append(extra, n)
			}
			count[n]++
		}
	}
	var out []ReviewerView
	seen := map[string]bool{}
	for _, r := range reviewers {
		if seen[r.Name] {
			continue
		}
		seen[r.Name] = true
		out = append(out, ReviewerView{ID: r.ID, Name: r.Name, Claims: count[r.Name]})
	}
	slices.Sort(extra)
	for _, n := range extra {
		out = append(out, ReviewerView{Name: n, Claims: count[n]})
	}
	return out
}

// unionFind groups claims joined by same-claim links.
type unionFind struct{ parent map[*ClaimView]*ClaimView }

func newUnionFind() *unionFind { return &unionFind{parent: map[*ClaimView]*ClaimView{}} }

func (u *unionFind) find(c *ClaimView) *ClaimView {
	p, ok := u.parent[c]
	if !ok {
		u.parent[c] = c
		return c
	}
	if p == c {
		return c
	}
	root := u.find(p)
	u.parent[c] = root
	return root
}

func (u *unionFind) union(a, b *ClaimView) { u.parent[u.find(a)] = u.find(b) }

func (u *unionFind) groups() [][]*ClaimView {
	byRoot := map[*ClaimView][]*ClaimView{}
	var roots []*ClaimView
	for c := range u.parent {
		r := u.find(c)
		if byRoot[r] == nil {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], c)
	}
	out := make([][]*ClaimView, 0, len(roots))
	for _, r := range roots {
		out = append(out, byRoot[r])
	}
	return out
}

// RatingsText lists every reviewer's rating of the claim, "Alice ✓ confirmed, Bob ✗ disputed",
// and who settled it when someone did; "" when at most one reviewer rated it and it is not
// contested (its verdict says it all).
func (c *ClaimView) RatingsText() string {
	if len(c.Claim.Ratings) < 2 && !c.Claim.Contested && c.Claim.Settled == nil {
		return ""
	}
	parts := make([]string, len(c.Claim.Ratings))
	for i, r := range c.Claim.Ratings {
		parts[i] = r.Reviewer + " " + r.Verdict.Symbol() + " " + string(r.Verdict)
	}
	s := strings.Join(parts, ", ")
	if st := c.Claim.Settled; st != nil && !c.Claim.Contested {
		s += "; settled as " + string(st.Verdict) + " by " + st.Reviewer
	}
	return s
}

// VerdictWord is the claim's verdict for people: "Contested" for a contested claim, else the
// verdict's label.
func (c *ClaimView) VerdictWord() string { return c.Claim.VerdictLabel() }

// Page is the page (from 1) of a paged article (a PDF) on which the claim starts, 0 when the
// article has no pages.
func (c *ClaimView) Page() int {
	if c.Article == nil {
		return 0
	}
	return c.Article.Article.PageAt(c.Claim.Start)
}
