package annotate

import (
	"strings"
	"testing"
	"time"
)

func TestFoldRatingsKeepsEachReviewersLatest(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2024, 3, 1, 9, m, 0, 0, time.UTC) }
	events := []RatingEvent{
		{Kind: Rate, Reviewer: "Bob", Verdict: Disputed, At: at(3), EntryID: "e3"},
		{Kind: Rate, Reviewer: "Alice", Verdict: Confirmed, At: at(1), EntryID: "e1"},
		{Kind: Rate, Reviewer: "Alice", Verdict: Disputed, At: at(2), EntryID: "e2"},
		{Kind: Rate, Reviewer: "Carol", Verdict: Confirmed, At: at(4), EntryID: "e4"},
		{Kind: Unrate, Reviewer: "Carol", At: at(5), EntryID: "e5"}, // Carol's undo
		{Kind: Settle, Reviewer: "Dan", Verdict: Confirmed, At: at(6), EntryID: "e6"},
	}
	rs, settled := FoldRatings(events)
	if len(rs) != 2 || rs[0].Reviewer != "Alice" || rs[0].Verdict != Disputed || rs[1].Reviewer != "Bob" {
		t.Fatalf("ratings = %+v", rs)
	}
	if settled == nil || settled.Verdict != Confirmed || settled.Reviewer != "Dan" {
		t.Fatalf("settled = %+v", settled)
	}
}

func TestDeskVerdict(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2024, 3, 1, 9, m, 0, 0, time.UTC) }
	r := func(name string, v Verdict, m int) ClaimRating {
		return ClaimRating{Reviewer: name, Verdict: v, At: at(m)}
	}
	for _, tc := range []struct {
		name      string
		ratings   []ClaimRating
		settled   *Settlement
		want      Verdict
		contested bool
	}{
		{"nobody rated", nil, nil, Unverified, false},
		{"one rating", []ClaimRating{r("A", Confirmed, 1)}, nil, Confirmed, false},
		{"agreeing", []ClaimRating{r("A", Disputed, 1), r("B", Disputed, 2)}, nil, Disputed, false},
		{"unverified neither agrees nor disagrees", []ClaimRating{r("A", Confirmed, 1), r("B", Unverified, 2)}, nil, Confirmed, false},
		{"disagreeing", []ClaimRating{r("A", Confirmed, 1), r("B", Disputed, 2)}, nil, Unverified, true},
		{"settled", []ClaimRating{r("A", Confirmed, 1), r("B", Disputed, 2)}, &Settlement{Verdict: Disputed, At: at(3)}, Disputed, false},
		{"a later agreeing rating keeps the settlement", []ClaimRating{r("A", Confirmed, 1), r("B", Disputed, 4)},
			&Settlement{Verdict: Disputed, At: at(3)}, Disputed, false},
		{"a later disagreeing rating ends it", []ClaimRating{r("A", Confirmed, 4), r("B", Disputed, 2)},
			&Settlement{Verdict: Disputed, At: at(3)}, Unverified, true},
	} {
		v, c := DeskVerdict(tc.ratings, tc.settled)
		if v != tc.want || c != tc.contested {
			t.Errorf("%s: DeskVerdict = %s, %v; want %s, %v", tc.name, v, c, tc.want, tc.contested)
		}
	}
}

func TestSpanOverlap(t *testing.T) {
	a := Anchor{Start: 10, End: 20}
	for _, tc := range []struct {
		b    Anchor
		want float64
	}{
		{Anchor{Start: 10, End: 20}, 1},
		{Anchor{Start: 20, End: 30}, 0},
		{Anchor{Start: 12, End: 20}, 0.8},
		{Anchor{Start: 15, End: 25}, 5.0 / 15},
	} {
		if got := SpanOverlap(a, tc.b); got != tc.want {
			t.Errorf("SpanOverlap(%v, %v) = %v, want %v", a, tc.b, got, tc.want)
		}
	}
}

func TestDescribeChangeWordsEachKindOnce(t *testing.T) {
	for _, tc := range []struct {
		h    HistoryEntry
		kind ChangeKind
		says string
	}{
		{HistoryEntry{Table: "claims", Field: "create", New: `{"exact":"300 to 400","verdict":"confirmed"}`}, ChangeCreated, "created the claim “300 to 400” as confirmed"},
		{HistoryEntry{Table: "claims", Field: "delete", New: "2024-03-01"}, ChangeDeleted, "deleted the claim"},
		{HistoryEntry{Table: "claims", Field: "deleted_at", Old: "2024-03-01"}, ChangeRestored, "restored the claim"},
		{HistoryEntry{Table: "claims", Field: "verdict", Old: "confirmed", New: "disputed"}, ChangeRated, "rated the claim disputed (was confirmed)"},
		{HistoryEntry{Table: "claims", Field: "unrate", Old: "confirmed"}, ChangeUnrated, "withdrew their rating of the claim (confirmed)"},
		{HistoryEntry{Table: "claims", Field: "settle", Old: "contested", New: "disputed"}, ChangeSettled, "settled the claim as disputed (was contested)"},
		{HistoryEntry{Table: "claims", Field: "alias", Old: "0000-aaaaaaaa", New: "0000-bbbbbbbb"}, ChangeAliased, "made the claim aaaaaaaa one with claim bbbbbbbb on the same span"},
		{HistoryEntry{Table: "articles", Field: "outlet", Old: "", New: "Le Monde"}, ChangeEdited, "changed the article's outlet from “” to “Le Monde”"},
		{HistoryEntry{Table: "claims", Field: "note", Old: strings.Repeat("a", 80), New: strings.Repeat("a", 79) + "b"}, ChangeEdited,
			"changed the claim's note from “" + strings.Repeat("a", 80) + "” to “" + strings.Repeat("a", 79) + "b”"},
		{HistoryEntry{Table: "merges", Field: "create", New: `{"file":"bob.db","summary":"1 new claim"}`}, ChangeMerged, "merged bob.db: 1 new claim"},
	} {
		c := DescribeChange(tc.h)
		if c.Kind != tc.kind || c.Describe() != tc.says {
			t.Errorf("%s.%s: %s %q, want %s %q", tc.h.Table, tc.h.Field, c.Kind, c.Describe(), tc.kind, tc.says)
		}
	}
}
