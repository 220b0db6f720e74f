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
type Model struct {
	Settings  Settings
	Reviewers []annotate.Reviewer
	Articles  []annotate.Article // with Text
	Claims    []annotate.Claim
	Sources   []annotate.Source
	Links     []annotate.Link // claim->source and claim->claim
	History   []annotate.HistoryEntry
}

// Filter returns the consistent subset of m made of the articles whose ID is in articleIDs and
// their claims whose verdict is in verdicts (an empty list keeps everything on that axis).
// Links are kept only between kept claims (or from a kept claim to a source), sources only
// when a kept link cites them, history only for kept rows, and reviewers only when they
// appear in what is kept.
func (m Model) Filter(articleIDs []string, verdicts []annotate.Verdict) Model {
	out := Model{Settings: m.Settings}
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
		if !keepArticle[c.ArticleID] {
			continue
		}
		if len(verdicts) > 0 && !slices.Contains(verdicts, c.Verdict) {
			continue
		}
		keepClaim[c.ID] = true
		kept[c.ID] = true
		out.Claims = append(out.Claims, c)
	}
	keepSource := map[string]bool{}
	for _, l := range m.Links {
		if !keepClaim[l.ClaimID] {
			continue
		}
		if l.TargetClaimID != "" && !keepClaim[l.TargetClaimID] {
			continue
		}
		if l.SourceID != "" {
			keepSource[l.SourceID] = true
		}
		kept[l.ID] = true
		out.Links = append(out.Links, l)
	}
	for _, s := range m.Sources {
		if keepSource[s.ID] {
			kept[s.ID] = true
			out.Sources = append(out.Sources, s)
		}
	}
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
	reviewerIDs := map[string]bool{}
	for _, h := range m.History {
		if kept[h.RowID] {
			out.History = append(out.History, h)
			names[h.Reviewer] = true
			reviewerIDs[h.ReviewerID] = true
		}
	}
	for _, r := range m.Reviewers {
		if names[r.Name] || reviewerIDs[r.ID] {
			out.Reviewers = append(out.Reviewers, r)
		}
	}
	return out
}
