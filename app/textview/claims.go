package textview

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"factdesk/annotate"
)

// Highlight is a claim as the view draws it: a span of rune offsets into the text (End is
// exclusive, exactly the anchor's TextPositionSelector) and its verdict. A contested claim
// (reviewers disagree and nobody settled it) is drawn in its own colour with a double line,
// whatever Verdict says.
type Highlight struct {
	ID         string
	Start, End int
	Verdict    annotate.Verdict
	Contested  bool
}

// shade is the key of the colours and the mark the view draws for the claim.
func (h Highlight) shade() annotate.Verdict {
	if h.Contested {
		return contested
	}
	return known(h.Verdict)
}

// maxLanes is how many underline rows overlapping claims spread over; deeper nesting shares
// the last row.
const maxLanes = 3

type claim struct {
	Highlight
	lane int // underline row, so that overlapping claims keep distinct markers
}

// claimSet keeps claims sorted by start so that the claims over a range of text are found by
// binary search: with maxLen the longest span, a claim overlapping [a, b) starts in
// [a-maxLen, b).
type claimSet struct {
	list   []claim
	byID   map[string]int
	maxLen int
}

func normalize(h Highlight) Highlight {
	if h.Start > h.End {
		h.Start, h.End = h.End, h.Start
	}
	h.Start = max(h.Start, 0)
	h.End = max(h.End, 0)
	return h
}

func (cs *claimSet) set(hs []Highlight) {
	cs.list = cs.list[:0]
	if cs.byID == nil {
		cs.byID = make(map[string]int, len(hs))
	} else {
		clear(cs.byID)
	}
	seen := cs.byID // rebuilt by reindex
	for _, h := range hs {
		h = normalize(h)
		if i, ok := seen[h.ID]; ok { // the last of duplicate ids wins
			cs.list[i].Highlight = h
			continue
		}
		seen[h.ID] = len(cs.list)
		cs.list = append(cs.list, claim{Highlight: h})
	}
	cs.reindex()
}

// upsert adds or replaces a claim and reports whether its span changed (a verdict change
// alone leaves every span, lane and line where it was).
func (cs *claimSet) upsert(h Highlight) (moved bool) {
	h = normalize(h)
	if i, ok := cs.byID[h.ID]; ok {
		c := &cs.list[i]
		if c.Start == h.Start && c.End == h.End {
			c.Verdict, c.Contested = h.Verdict, h.Contested
			return false
		}
		c.Highlight = h
	} else {
		cs.list = append(cs.list, claim{Highlight: h})
	}
	cs.reindex()
	return true
}

func (cs *claimSet) remove(id string) bool {
	i, ok := cs.byID[id]
	if !ok {
		return false
	}
	cs.list = append(cs.list[:i], cs.list[i+1:]...)
	cs.reindex()
	return true
}

func (cs *claimSet) get(id string) (Highlight, bool) {
	if i, ok := cs.byID[id]; ok {
		return cs.list[i].Highlight, true
	}
	return Highlight{}, false
}

// reindex sorts the claims, rebuilds the id index and assigns underline lanes: each claim
// takes the lowest lane free at its start, like intervals packed into rows.
func (cs *claimSet) reindex() {
	slices.SortStableFunc(cs.list, func(a, b claim) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		if a.End != b.End {
			return cmp.Compare(b.End, a.End)
		}
		return strings.Compare(a.ID, b.ID)
	})
	if cs.byID == nil {
		cs.byID = make(map[string]int, len(cs.list))
	} else {
		clear(cs.byID)
	}
	cs.maxLen = 0
	var laneEnds []int
	for i := range cs.list {
		c := &cs.list[i]
		cs.byID[c.ID] = i
		cs.maxLen = max(cs.maxLen, c.End-c.Start)
		lane := -1
		for k, e := range laneEnds {
			if e <= c.Start {
				lane = k
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnds)
			laneEnds = append(laneEnds, 0)
		}
		laneEnds[lane] = c.End
		c.lane = min(lane, maxLanes-1)
	}
}

// overlapping calls fn for every non-empty claim that overlaps [a, b), in order of start.
func (cs *claimSet) overlapping(a, b int, fn func(c *claim)) {
	i := sort.Search(len(cs.list), func(i int) bool { return cs.list[i].Start >= a-cs.maxLen })
	for ; i < len(cs.list) && cs.list[i].Start < b; i++ {
		c := &cs.list[i]
		if c.End > a && c.End > c.Start {
			fn(c)
		}
	}
}

// at returns the ids of the claims that cover the rune at off, shortest first.
func (cs *claimSet) at(off int) []string {
	var hits []claim
	cs.overlapping(off, off+1, func(c *claim) { hits = append(hits, *c) })
	sort.SliceStable(hits, func(i, j int) bool {
		li, lj := hits[i].End-hits[i].Start, hits[j].End-hits[j].Start
		if li != lj {
			return li < lj
		}
		return hits[i].ID < hits[j].ID
	})
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}
