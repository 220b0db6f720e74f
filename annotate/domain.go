// Package annotate is Factdesk's domain: claims anchored in article text, their verdicts,
// sources and links, reviewers and the history of changes. It knows neither SQL nor Fyne, so
// the GUI, the command line and storage share one set of types and decisions.
package annotate

import (
	"fmt"
	"strings"
	"time"

	"factdesk/corpus"
)

// Verdict is a fact-checker's rating of a claim.
type Verdict string

// The three verdicts. Unverified is the verdict of a claim nobody has rated yet.
const (
	Confirmed  Verdict = "confirmed"
	Disputed   Verdict = "disputed"
	Unverified Verdict = "unverified"
)

// Verdicts lists every verdict in display order.
var Verdicts = []Verdict{Confirmed, Disputed, Unverified}

// ParseVerdict reads a verdict name, case-insensitively; a unique prefix ("c", "dis") is enough.
func ParseVerdict(s string) (Verdict, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s != "" {
		for _, v := range Verdicts {
			if strings.HasPrefix(string(v), s) {
				return v, nil
			}
		}
	}
	return "", fmt.Errorf("unknown verdict %q: use confirmed, disputed or unverified", s)
}

// Valid reports whether v is one of the three verdicts.
func (v Verdict) Valid() bool { return v == Confirmed || v == Disputed || v == Unverified }

// Label is the verdict's name for people ("Confirmed").
func (v Verdict) Label() string {
	if v == "" {
		return ""
	}
	return strings.ToUpper(string(v[:1])) + string(v[1:])
}

// Symbol is a mark that tells the verdict apart without colour.
func (v Verdict) Symbol() string {
	switch v {
	case Confirmed:
		return "✓"
	case Disputed:
		return "✗"
	default:
		return "?"
	}
}

// Relation is how a claim relates to a source or to another claim.
type Relation string

// The relations. SameClaim joins the same claim made in two articles (often two languages).
const (
	Supports    Relation = "supports"
	Contradicts Relation = "contradicts"
	SameClaim   Relation = "same"
)

// Relations lists every relation in display order.
var Relations = []Relation{SameClaim, Supports, Contradicts}

// ParseRelation reads a relation name; "same-claim" and "same_claim" also mean SameClaim.
func ParseRelation(s string) (Relation, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "same", "same claim", "same-claim", "same_claim", "sameclaim":
		return SameClaim, nil
	case "supports", "support":
		return Supports, nil
	case "contradicts", "contradict":
		return Contradicts, nil
	}
	return "", fmt.Errorf("unknown relation %q: use same, supports or contradicts", s)
}

// Label is the relation's name for people.
func (r Relation) Label() string {
	switch r {
	case SameClaim:
		return "Same claim"
	case Supports:
		return "Supports"
	case Contradicts:
		return "Contradicts"
	}
	return string(r)
}

// Reviewer is a person who imports articles and rates claims. Every change records one.
type Reviewer struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// Article is an article as stored: the corpus article (immutable text and metadata) plus its
// identity and who imported it.
type Article struct {
	ID string
	corpus.Article
	SHA256     string
	ImportedAt time.Time
	ImportedBy string // reviewer name
	Counts     VerdictCounts
}

// VerdictCounts counts live claims by verdict; a contested claim counts as Contested only.
type VerdictCounts struct {
	Confirmed  int `json:"confirmed"`
	Disputed   int `json:"disputed"`
	Unverified int `json:"unverified"`
	Contested  int `json:"contested,omitempty"`
}

// Total is the number of claims counted.
func (c VerdictCounts) Total() int { return c.Confirmed + c.Disputed + c.Unverified + c.Contested }

// AddClaim counts one claim: as contested, or by its verdict.
func (c *VerdictCounts) AddClaim(cl Claim) {
	if cl.Contested {
		c.Contested++
		return
	}
	c.Add(cl.Verdict)
}

// Add counts one claim of verdict v.
func (c *VerdictCounts) Add(v Verdict) {
	switch v {
	case Confirmed:
		c.Confirmed++
	case Disputed:
		c.Disputed++
	default:
		c.Unverified++
	}
}

// Of returns the count for verdict v.
func (c VerdictCounts) Of(v Verdict) int {
	switch v {
	case Confirmed:
		return c.Confirmed
	case Disputed:
		return c.Disputed
	default:
		return c.Unverified
	}
}

// Claim is a span of an article that a reviewer rates.
type Claim struct {
	ID        string
	ArticleID string
	Anchor
	Verdict   Verdict
	Note      string
	CreatedAt time.Time
	UpdatedAt time.Time
	CreatedBy string // reviewer name
	UpdatedBy string // reviewer name
	// Contested is true while the claim's reviewers gave different verdicts and nobody settled
	// it; Verdict is then Unverified (see DeskVerdict).
	Contested bool
	// Ratings are every reviewer's current verdict on the claim, by reviewer name (filled by
	// the storage reads of one claim and of claim lists).
	Ratings []ClaimRating
	// Settled is the person's decision that holds the verdict, if any.
	Settled *Settlement
}

// Source is evidence outside the articles: a URL or a citation.
type Source struct {
	ID        string
	URL       string
	Title     string
	Publisher string
	Accessed  string // date the source was consulted, YYYY-MM-DD
	Quote     string // the passage of the source that bears on the claim
	// ArchiveURL is the public archive's copy of the page (Save Page Now), from the source's
	// latest archived snapshot; "" when none. Read only: snapshots are kept by storage.
	ArchiveURL string
	// LastCheck is the latest look at the live page against its snapshot, nil when none.
	// Read only, like ArchiveURL.
	LastCheck *SourceCheck `json:",omitempty"`
	CreatedAt time.Time
	CreatedBy string
}

// Link ties a claim to a source or to another claim. Exactly one of SourceID and
// TargetClaimID is set.
type Link struct {
	ID            string
	ClaimID       string
	Relation      Relation
	SourceID      string
	TargetClaimID string
	Source        *Source // the source, when SourceID is set and the query loaded it
	CreatedAt     time.Time
	CreatedBy     string
}

// Other returns the claim at the other end of a claim-to-claim link seen from claim id.
func (l Link) Other(id string) string {
	if l.ClaimID == id {
		return l.TargetClaimID
	}
	return l.ClaimID
}

// HistoryEntry is one change of one field of one row: the audit trail shown to people and
// the input of merges.
type HistoryEntry struct {
	ID         string
	At         time.Time
	ReviewerID string
	Reviewer   string // name
	Table      string
	RowID      string
	Field      string
	Old        string
	New        string
}
