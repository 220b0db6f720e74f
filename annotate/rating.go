package annotate

import (
	"sort"
	"time"
)

// The claim/rating model. A claim is a span of an article, whoever made it. Each reviewer's
// verdict on it is their rating: a reviewer who rates a claim another reviewer made adds a
// rating, never replaces theirs. The claim's verdict is the desk's verdict: the one verdict all
// its raters agree on, or the one a person settled; until then the claim is contested.

// ClaimRating is one reviewer's current verdict on a claim.
type ClaimRating struct {
	ReviewerID string
	Reviewer   string // name
	Verdict    Verdict
	At         time.Time
}

// Settlement is a person's decision of a contested claim's verdict.
type Settlement struct {
	Verdict    Verdict
	ReviewerID string
	Reviewer   string // name
	At         time.Time
}

// RatingKind is what a rating event does.
type RatingKind int

// The rating events, read from the history.
const (
	// Rate gives the reviewer's verdict (a claim's creation with a verdict, or a verdict change).
	Rate RatingKind = iota
	// Unrate withdraws the reviewer's rating (the undo of a first verdict).
	Unrate
	// Settle decides the claim's verdict for the desk.
	Settle
)

// RatingEvent is one history entry that rates, withdraws a rating or settles a claim.
type RatingEvent struct {
	Kind       RatingKind
	ReviewerID string
	Reviewer   string // name; two reviewer rows with one name are one person
	Verdict    Verdict
	At         time.Time
	EntryID    string
}

// FoldRatings reads rating events (in any order) into each reviewer's current rating, by
// reviewer name, and the latest settlement (nil if none). The events are ordered by time then
// entry id, so every replica holding the same events reads the same ratings.
func FoldRatings(events []RatingEvent) ([]ClaimRating, *Settlement) {
	es := append([]RatingEvent(nil), events...)
	sort.SliceStable(es, func(i, j int) bool {
		if !es[i].At.Equal(es[j].At) {
			return es[i].At.Before(es[j].At)
		}
		return es[i].EntryID < es[j].EntryID
	})
	cur := map[string]ClaimRating{}
	var settled *Settlement
	for _, e := range es {
		name := e.Reviewer
		if name == "" {
			name = e.ReviewerID
		}
		switch e.Kind {
		case Rate:
			if e.Verdict.Valid() {
				cur[name] = ClaimRating{ReviewerID: e.ReviewerID, Reviewer: name, Verdict: e.Verdict, At: e.At}
			}
		case Unrate:
			delete(cur, name)
		case Settle:
			if e.Verdict.Valid() {
				settled = &Settlement{Verdict: e.Verdict, ReviewerID: e.ReviewerID, Reviewer: name, At: e.At}
			}
		}
	}
	out := make([]ClaimRating, 0, len(cur))
	for _, r := range cur {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Reviewer < out[j].Reviewer })
	return out, settled
}

// DeskVerdict is a claim's verdict from its ratings and settlement, and whether it is
// contested:
//   - ratings "unverified" give no verdict: they neither agree nor disagree;
//   - a settlement holds until a rating made after it disagrees with it;
//   - otherwise the one verdict every rater gives, Unverified when nobody rated;
//   - raters who disagree make the claim contested, its verdict Unverified (never a verdict
//     nobody settled).
func DeskVerdict(ratings []ClaimRating, settled *Settlement) (Verdict, bool) {
	var verdicts []Verdict
	for _, r := range ratings {
		if r.Verdict != Unverified && r.Verdict.Valid() {
			verdicts = append(verdicts, r.Verdict)
		}
	}
	if settled != nil {
		holds := true
		for _, r := range ratings {
			if r.Verdict != Unverified && r.At.After(settled.At) && r.Verdict != settled.Verdict {
				holds = false
			}
		}
		if holds {
			return settled.Verdict, false
		}
	}
	if len(verdicts) == 0 {
		return Unverified, false
	}
	for _, v := range verdicts[1:] {
		if v != verdicts[0] {
			return Unverified, true
		}
	}
	return verdicts[0], false
}

// VerdictLabel is how a claim's verdict reads for people: "Contested" for a contested claim,
// else the verdict's label.
func (c Claim) VerdictLabel() string {
	if c.Contested {
		return "Contested"
	}
	return c.Verdict.Label()
}

// SpanOverlap is how much two spans of one text overlap: the runes they share over the runes
// either covers (1 for the same span, 0 for disjoint spans).
func SpanOverlap(a, b Anchor) float64 {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi <= lo {
		return 0
	}
	union := max(a.End, b.End) - min(a.Start, b.Start)
	return float64(hi-lo) / float64(union)
}

// HeavyOverlap is the overlap from which two claims on different spans of one article are
// offered to be linked as the same claim.
const HeavyOverlap = 0.6
