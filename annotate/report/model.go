// Package report renders Factdesk's reports and standard exports from one in-memory model:
// an HTML report (self-contained, printable), a PDF report, Markdown, CSV, a versioned JSON
// export (which reads back with ReadJSON), schema.org ClaimReview JSON-LD and W3C Web
// Annotation JSON-LD (which reads back with ReadW3C).
//
// Storage fills a Model; Model.View derives everything the renderers share (claims grouped by
// article and sorted by offset, sources for and against, links across articles, the
// cross-article contradictions, counts by verdict). Renderers never touch storage, SQL or the
// GUI. All text in a model is untrusted: every renderer escapes it for its format, shows
// Unicode bidi controls instead of obeying them, and refuses to turn unsafe URLs into links.
package report

import (
	"slices"
	"time"

	"factdesk/annotate"
	"factdesk/corpus"
)

// Settings are the export settings chosen by the user.
type Settings struct {
	Title        string // report title; "Factdesk report" when empty
	Organization string // the fact-checking organization: ClaimReview author
	SiteURL      string // where the report is published: ClaimReview url is SiteURL#claim-<id>
	// IncludeUnverified also exports unverified claims as ClaimReviews (rating 3 "Unverified").
	IncludeUnverified bool
	Generated         time.Time // when the export was made; fixed in tests for deterministic output
}

// Model is everything an export contains, as flat lists. Storage fills it (already filtered by
// article and verdict); Filter does the same filtering in memory.
//
// Articles, Claims, Sources, Links and History are the live rows of the export's scope, a
// consistent subset: every link joins two of Claims, or one of them to one of Sources. Related
// holds what those claims are linked to outside the scope, for the reports to name; Deleted
// holds the tombstones of the scope, which only the JSON export writes.
type Model struct {
	Settings  Settings
	Reviewers []annotate.Reviewer
	Articles  []annotate.Article // with Text
	Claims    []annotate.Claim
	Sources   []annotate.Source
	Links     []annotate.Link // claim->source and claim->claim, among Claims
	// Snapshots are the kept copies of the web pages of the sources exported (live and
	// deleted), oldest first; only the JSON export writes them.
	Snapshots []SourceSnapshot
	Checks    []SourceCheck // looks at the live pages against Snapshots ("check again"), oldest first; JSON only
	History   []annotate.HistoryEntry
	Related   Related
	Deleted   Tombstones
}

// SourceSnapshot is a copy of a source's web page kept so that the source does not vanish, as
// an export carries it: where and when it was fetched, the SHA-256 of the page as fetched (not
// the page itself), its main text, and the public archive's copy when there is one.
type SourceSnapshot struct {
	ID         string
	SourceID   string
	URL        string // the address fetched
	FinalURL   string // where it led, after redirects
	FetchedAt  time.Time
	SHA256     string // of the page as fetched
	Text       string // the main text
	RawType    string // the Content-Type of the page as fetched
	ArchiveURL string // the Internet Archive's copy, "" when none
	CreatedAt  time.Time
	CreatedBy  string // reviewer name
}

// SourceCheck is one look at a source's live page against one of its snapshots, as an export
// carries it: what was fetched and when, what the site answered, the SHA-256 of the page as
// fetched and whether it changed; or, when the page could not be fetched, why (Error).
type SourceCheck struct {
	ID          string
	SourceID    string
	SnapshotID  string // the snapshot the live page was compared with
	URL         string // the address fetched
	FinalURL    string // where it led, after redirects ("" when the fetch failed)
	CheckedAt   time.Time
	Status      int    // the HTTP status (0 when the site did not answer)
	SHA256      string // of the live page as fetched ("" when the fetch failed)
	PageChanged bool   // the page's bytes differ from the snapshot's
	TextChanged bool   // its main text differs
	Error       string // why the page could not be fetched ("" when it was)
	CreatedAt   time.Time
	CreatedBy   string // reviewer name
}

// Related is what lies outside an export's scope (other articles, other verdicts) but bears on
// the claims in it: the live claims linked to a claim of the scope, and those joined to them by
// same-claim links, transitively (so a claim's appearances are the same whatever the scope),
// with the articles they are in. Reports name them as text ("in «title», not in this report")
// and never link to them, the CSV lists them in its links column, and a ClaimReview counts
// their articles among the claim's appearances; no count or chart includes them, and the data
// exports (JSON, W3C) leave them out.
type Related struct {
	// Articles are the articles of Claims that are not in the model's Articles: metadata
	// only (Text is empty, SHA256 is set).
	Articles []annotate.Article
	Claims   []annotate.Claim
	// Links are the live claim-to-claim links between a claim of the scope and one of Claims,
	// and the same-claim links among Claims.
	Links []annotate.Link
}

// Empty reports whether r holds nothing.
func (r Related) Empty() bool { return len(r.Articles)+len(r.Claims)+len(r.Links) == 0 }

// Deleted is a tombstone: a row as it was when it was deleted, and when and by whom.
type Deleted[T any] struct {
	Row T
	At  time.Time
	By  string // reviewer name
}

// Tombstones are the deleted rows of an export's scope (docs/json-export.md): the deleted
// articles (when the export is not limited to some articles), the deleted claims of the
// articles exported, the deleted links among the claims exported (live or deleted), and the
// deleted sources their links cite. Their history is in Model.History. Only the JSON export
// writes them; every other format shows live rows only.
type Tombstones struct {
	Articles []Deleted[annotate.Article] // with Text
	Claims   []Deleted[annotate.Claim]
	Sources  []Deleted[annotate.Source]
	Links    []Deleted[annotate.Link]
}

// Len is the number of tombstones.
func (t Tombstones) Len() int { return len(t.Articles) + len(t.Claims) + len(t.Sources) + len(t.Links) }

// Filter returns the consistent subset of m made of the articles whose ID is in articleIDs and
// their claims whose verdict is in verdicts (an empty list keeps everything on that axis), as
// storage's ReportModel loads it:
//
//   - links only between kept claims (or from a kept claim to a source), and sources only when
//     a kept link (live or deleted) cites them;
//   - Related: the claims of m that kept claims are linked to but that are not kept, the claims
//     joined to those by same-claim links (transitively, through claims not kept), their
//     articles (without text), and the links that join them;
//   - Deleted: the deleted articles (only when articleIDs is empty), the deleted claims of the
//     kept or deleted articles whose verdict is kept, the deleted links between kept or deleted
//     claims (or to a source), and the deleted sources those links cite;
//   - history only for the kept rows and tombstones, and reviewers only when they appear in
//     what is kept.
//
// m may itself hold Related rows: they count as part of the database.
func (m Model) Filter(articleIDs []string, verdicts []annotate.Verdict) Model {
	out := Model{Settings: m.Settings}
	verdictKept := func(v annotate.Verdict) bool { return len(verdicts) == 0 || slices.Contains(verdicts, v) }
	keepArticle := map[string]bool{}
	for _, a := range m.Articles {
		if len(articleIDs) == 0 || slices.Contains(articleIDs, a.ID) {
			keepArticle[a.ID] = true
			out.Articles = append(out.Articles, a)
		}
	}
	kept := map[string]bool{} // every kept row ID, for history
	for id := range keepArticle {
		kept[id] = true
	}
	keepClaim := map[string]bool{}
	for _, c := range m.Claims {
		if keepArticle[c.ArticleID] && verdictKept(c.Verdict) {
			keepClaim[c.ID] = true
			kept[c.ID] = true
			out.Claims = append(out.Claims, c)
		}
	}

	// Tombstones: deleted articles (unless the export names its articles), deleted claims of
	// the kept and deleted articles, deleted links among kept and deleted claims.
	deletedArticle := map[string]bool{}
	if len(articleIDs) == 0 {
		for _, d := range m.Deleted.Articles {
			deletedArticle[d.Row.ID] = true
			kept[d.Row.ID] = true
			out.Deleted.Articles = append(out.Deleted.Articles, d)
		}
	}
	deletedClaim := map[string]bool{}
	for _, d := range m.Deleted.Claims {
		if (keepArticle[d.Row.ArticleID] || deletedArticle[d.Row.ArticleID]) && verdictKept(d.Row.Verdict) {
			deletedClaim[d.Row.ID] = true
			kept[d.Row.ID] = true
			out.Deleted.Claims = append(out.Deleted.Claims, d)
		}
	}
	anySource := map[string]bool{}
	for _, s := range m.Sources {
		anySource[s.ID] = true
	}
	for _, d := range m.Deleted.Sources {
		anySource[d.Row.ID] = true
	}

	cited := map[string]bool{}
	for _, l := range m.Links {
		if !keepClaim[l.ClaimID] {
			continue
		}
		if l.TargetClaimID != "" && !keepClaim[l.TargetClaimID] {
			continue
		}
		if l.SourceID != "" {
			cited[l.SourceID] = true
		}
		kept[l.ID] = true
		out.Links = append(out.Links, l)
	}
	inScope := func(id string) bool { return keepClaim[id] || deletedClaim[id] }
	for _, d := range m.Deleted.Links {
		l := d.Row
		if !inScope(l.ClaimID) || l.TargetClaimID != "" && !inScope(l.TargetClaimID) || l.SourceID != "" && !anySource[l.SourceID] {
			continue
		}
		if l.SourceID != "" {
			cited[l.SourceID] = true
		}
		kept[l.ID] = true
		out.Deleted.Links = append(out.Deleted.Links, d)
	}
	for _, s := range m.Sources {
		if cited[s.ID] {
			kept[s.ID] = true
			out.Sources = append(out.Sources, s)
		}
	}
	for _, d := range m.Deleted.Sources {
		if cited[d.Row.ID] {
			kept[d.Row.ID] = true
			out.Deleted.Sources = append(out.Deleted.Sources, d)
		}
	}

	out.Related = m.related(keepClaim, keepArticle)

	names := map[string]bool{}
	for _, a := range out.Articles {
		names[a.ImportedBy] = true
	}
	for _, c := range out.Claims {
		names[c.CreatedBy] = true
		names[c.UpdatedBy] = true
	}
	for _, l := range out.Links {
		names[l.CreatedBy] = true
	}
	for _, s := range out.Sources {
		names[s.CreatedBy] = true
	}
	for _, d := range out.Deleted.Articles {
		names[d.Row.ImportedBy], names[d.By] = true, true
	}
	for _, d := range out.Deleted.Claims {
		names[d.Row.CreatedBy], names[d.Row.UpdatedBy], names[d.By] = true, true, true
	}
	for _, d := range out.Deleted.Links {
		names[d.Row.CreatedBy], names[d.By] = true, true
	}
	for _, d := range out.Deleted.Sources {
		names[d.Row.CreatedBy], names[d.By] = true, true
	}
	delete(names, "")
	// A name that history entries give an ID for is that reviewer; a name with no entry is
	// every reviewer of that name (rows name reviewers, not their IDs).
	reviewerIDs := map[string]bool{}
	idOfName := map[string]map[string]bool{}
	for _, h := range m.History {
		if kept[h.RowID] {
			out.History = append(out.History, h)
			reviewerIDs[h.ReviewerID] = true
			if idOfName[h.Reviewer] == nil {
				idOfName[h.Reviewer] = map[string]bool{}
			}
			idOfName[h.Reviewer][h.ReviewerID] = true
		}
	}
	for _, r := range m.Reviewers {
		if reviewerIDs[r.ID] || names[r.Name] && (len(idOfName[r.Name]) == 0 || idOfName[r.Name][r.ID]) {
			out.Reviewers = append(out.Reviewers, r)
		}
	}
	return out
}

// related finds, in m, what the kept claims are linked to outside the scope (see Related).
func (m Model) related(keepClaim, keepArticle map[string]bool) Related {
	var r Related
	articles := map[string]annotate.Article{}
	for _, list := range [][]annotate.Article{m.Articles, m.Related.Articles} {
		for _, a := range list {
			if _, ok := articles[a.ID]; !ok {
				articles[a.ID] = a
			}
		}
	}
	claims := map[string]annotate.Claim{} // the live claims not kept, with their article
	var order []string
	for _, list := range [][]annotate.Claim{m.Claims, m.Related.Claims} {
		for _, c := range list {
			if _, art := articles[c.ArticleID]; art && !keepClaim[c.ID] {
				if _, seen := claims[c.ID]; !seen {
					claims[c.ID] = c
					order = append(order, c.ID)
				}
			}
		}
	}
	if len(claims) == 0 {
		return r
	}
	links := append(slices.Clip(m.Links), m.Related.Links...)
	in := map[string]bool{} // the related claims
	var frontier []string
	var cross []annotate.Link
	seenLink := map[string]bool{}
	for _, l := range links {
		if l.TargetClaimID == "" || seenLink[l.ID] {
			continue
		}
		var other string
		switch {
		case keepClaim[l.ClaimID] && !keepClaim[l.TargetClaimID]:
			other = l.TargetClaimID
		case keepClaim[l.TargetClaimID] && !keepClaim[l.ClaimID]:
			other = l.ClaimID
		default:
			continue
		}
		if _, live := claims[other]; !live {
			continue
		}
		seenLink[l.ID] = true
		cross = append(cross, l)
		if !in[other] {
			in[other] = true
			if l.Relation == annotate.SameClaim {
				frontier = append(frontier, other)
			}
		}
	}
	// The same claims of those reached by same-claim links, through claims not kept.
	same := map[string][]string{}
	for _, l := range links {
		if l.Relation != annotate.SameClaim || l.TargetClaimID == "" {
			continue
		}
		_, a := claims[l.ClaimID]
		_, b := claims[l.TargetClaimID]
		if a && b {
			same[l.ClaimID] = append(same[l.ClaimID], l.TargetClaimID)
			same[l.TargetClaimID] = append(same[l.TargetClaimID], l.ClaimID)
		}
	}
	reached := map[string]bool{}
	for len(frontier) > 0 {
		id := frontier[len(frontier)-1]
		frontier = frontier[:len(frontier)-1]
		if reached[id] {
			continue
		}
		reached[id] = true
		in[id] = true
		frontier = append(frontier, same[id]...)
	}
	r.Links = cross
	for _, l := range links {
		if l.Relation == annotate.SameClaim && l.TargetClaimID != "" && in[l.ClaimID] && in[l.TargetClaimID] && !seenLink[l.ID] {
			seenLink[l.ID] = true
			r.Links = append(r.Links, l)
		}
	}
	seenArticle := map[string]bool{}
	for _, id := range order {
		if !in[id] {
			continue
		}
		c := claims[id]
		r.Claims = append(r.Claims, c)
		if !keepArticle[c.ArticleID] && !seenArticle[c.ArticleID] {
			seenArticle[c.ArticleID] = true
			a := articles[c.ArticleID]
			if a.SHA256 == "" && a.Text != "" {
				a.SHA256 = corpus.HashText(a.Text)
			}
			a.Text, a.Counts = "", annotate.VerdictCounts{}
			r.Articles = append(r.Articles, a)
		}
	}
	return r
}
