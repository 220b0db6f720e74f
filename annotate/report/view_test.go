package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/corpus"
)

func claimIDs(cs []*ClaimView) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Claim.ID)
	}
	return out
}

func TestViewDerivesWhatRenderersShare(t *testing.T) {
	v := fixtureModel(t).View()
	// Claims by article, each article's by offset.
	if got := claimIDs(v.Claims); !slices.Equal(got, []string{claimID(2), claimID(5), claimID(1), claimID(3), claimID(4),
		claimID(9), claimID(7), claimID(8), claimID(6), claimID(11), claimID(10), claimID(12)}) {
		t.Errorf("claim order %v", got)
	}
	if v.Totals != (annotate.VerdictCounts{Confirmed: 7, Disputed: 3, Unverified: 1, Contested: 1}) {
		t.Errorf("totals %+v", v.Totals)
	}
	// The contradictions: two "contradicts" links across articles and one same claim rated
	// confirmed in one article and disputed in another; the "supports" link inside article
	// 004 and the agreeing same claim are not contradictions.
	var got []string
	for _, c := range v.Contradictions {
		got = append(got, fmt.Sprintf("%s %s %s", c.A.Claim.ID, c.Kind, c.B.Claim.ID))
	}
	want := []string{claimID(2) + " contradicts " + claimID(10), claimID(5) + " verdicts-disagree " + claimID(8), claimID(7) + " contradicts " + claimID(10)}
	if !slices.Equal(got, want) {
		t.Errorf("contradictions\n got %q\nwant %q", got, want)
	}
	c10 := v.Claim(claimID(10))
	var phrases []string
	for _, l := range c10.Links {
		phrases = append(phrases, l.Phrase()+" "+l.OtherID)
	}
	if want := []string{"Contradicted by " + claimID(2), "Contradicted by " + claimID(7), "Supported by " + claimID(11)}; !slices.Equal(phrases, want) {
		t.Errorf("claim 10 links %q, want %q", phrases, want)
	}
	if len(c10.Against) != 1 || c10.Against[0].Source.ID != sourceID(3) || len(c10.For) != 0 {
		t.Errorf("claim 10 sources for %v against %v", c10.For, c10.Against)
	}
	if c9 := v.Claim(claimID(9)); len(c9.For) != 1 || c9.For[0].Relation != annotate.SameClaim || c9.For[0].SafeURL != "" {
		t.Errorf("claim 9 sources %+v", c9.For)
	}
	c6 := v.Claim(claimID(6))
	if got := claimIDs(c6.SameAs); !slices.Equal(got, []string{claimID(1)}) {
		t.Errorf("claim 6 same as %v", got)
	}
	if len(c6.Appearances) != 2 || c6.Appearances[0].Article.ID != art000 || c6.Appearances[1].Article.ID != art003 {
		t.Errorf("claim 6 appearances %v", c6.Appearances)
	}
	// The verdict's date comes from the history.
	if c8 := v.Claim(claimID(8)); !c8.VerdictAt.Equal(at(10, 9, 0)) || c8.Reviewer != "Дмитрий Орлов" {
		t.Errorf("claim 8 verdict at %v by %q", c8.VerdictAt, c8.Reviewer)
	}
	// Context is cut at a paragraph break on one side and at a word on the other.
	c1 := v.Claim(claimID(1))
	if c1.Before != "The official death toll is " || c1.After != "." || !c1.InText {
		t.Errorf("claim 1 context %q … %q", c1.Before, c1.After)
	}
	c9 := v.Claim(claimID(9))
	if !strings.HasPrefix(c9.Before, "…") || !strings.HasSuffix(c9.After, "…") || strings.Contains(c9.Before, "\n") {
		t.Errorf("claim 9 context %q … %q", c9.Before, c9.After)
	}
	if got := []string{v.Reviewers[0].Name, v.Reviewers[1].Name}; v.Reviewers[0].Claims != 8 || v.Reviewers[1].Claims != 5 || got[1] != "Дмитрий Орлов" {
		t.Errorf("reviewers %+v", v.Reviewers)
	}
}

func TestViewToleratesIncompleteModels(t *testing.T) {
	m := fixtureModel(t)
	// A claim whose article is missing, an anchor that does not match, a link to a claim and
	// a source the model lacks.
	m.Claims = append(m.Claims, annotate.Claim{ID: "orphan", ArticleID: "gone", Anchor: annotate.Anchor{Start: 1, End: 5, Exact: "abcd", Prefix: "x", Suffix: "y"}, Verdict: annotate.Confirmed})
	m.Claims[0].Start++
	m.Links = append(m.Links,
		annotate.Link{ID: "l-dangling", ClaimID: claimID(1), Relation: annotate.SameClaim, TargetClaimID: "missing"},
		annotate.Link{ID: "l-nosource", ClaimID: claimID(1), Relation: annotate.Supports, SourceID: "no-such-source"})
	v := m.View()
	last := v.Articles[len(v.Articles)-1]
	if !last.Placeholder || len(last.Claims) != 1 || last.Claims[0].Before != "…x" || last.Claims[0].After != "y…" {
		t.Errorf("placeholder article %+v", last)
	}
	if c := v.Claim(claimID(1)); c.InText || c.Before == "" {
		t.Errorf("a mismatched anchor should fall back to its own context: %+v", c)
	}
	for _, f := range Formats {
		if err := Write(&bytes.Buffer{}, f, m, Options{}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	doc := parseHTML(t, render(t, HTML, m))
	checkInert(t, doc)
	if !strings.Contains(textOf(doc), "claim missing (not in this export)") {
		t.Error("a dangling link is not shown as such")
	}
}

func TestFilterKeepsConsistentSubsets(t *testing.T) {
	m := fixtureModel(t)
	check := func(name string, f Model) {
		t.Helper()
		claims, sources := map[string]bool{}, map[string]bool{}
		articles := map[string]bool{}
		for _, a := range f.Articles {
			articles[a.ID] = true
		}
		for _, c := range f.Claims {
			claims[c.ID] = true
			if !articles[c.ArticleID] {
				t.Errorf("%s: claim %s kept without its article", name, c.ID)
			}
		}
		for _, s := range f.Sources {
			sources[s.ID] = true
		}
		used := map[string]bool{}
		for _, l := range f.Links {
			if !claims[l.ClaimID] || l.TargetClaimID != "" && !claims[l.TargetClaimID] || l.SourceID != "" && !sources[l.SourceID] {
				t.Errorf("%s: link %s points outside the subset", name, l.ID)
			}
			used[l.SourceID] = true
		}
		// Tombstones: deleted claims of kept or deleted articles, deleted links among kept
		// and deleted rows.
		for _, d := range f.Deleted.Articles {
			articles[d.Row.ID] = true
		}
		for _, d := range f.Deleted.Claims {
			if !articles[d.Row.ArticleID] {
				t.Errorf("%s: deleted claim %s kept without its article", name, d.Row.ID)
			}
			claims[d.Row.ID] = true
		}
		for _, d := range f.Deleted.Sources {
			sources[d.Row.ID] = true
		}
		for _, d := range f.Deleted.Links {
			l := d.Row
			if !claims[l.ClaimID] || l.TargetClaimID != "" && !claims[l.TargetClaimID] || l.SourceID != "" && !sources[l.SourceID] {
				t.Errorf("%s: deleted link %s points outside the subset", name, l.ID)
			}
			used[l.SourceID] = true
		}
		for id := range sources {
			if !used[id] {
				t.Errorf("%s: source %s kept but cited by no kept link", name, id)
			}
		}
		// Related: claims not kept, each linked to a kept claim or joined to one by same-claim
		// links; their articles are not kept and come without text.
		related := map[string]bool{}
		for _, c := range f.Related.Claims {
			if claims[c.ID] {
				t.Errorf("%s: claim %s both kept and related", name, c.ID)
			}
			related[c.ID] = true
		}
		for _, a := range f.Related.Articles {
			if articles[a.ID] || a.Text != "" || a.SHA256 == "" {
				t.Errorf("%s: related article %s kept, or with its text, or without its hash", name, a.ID)
			}
		}
		for _, l := range f.Related.Links {
			if !(claims[l.ClaimID] && related[l.TargetClaimID] || related[l.ClaimID] && claims[l.TargetClaimID] ||
				l.Relation == annotate.SameClaim && related[l.ClaimID] && related[l.TargetClaimID]) {
				t.Errorf("%s: related link %s %s→%s", name, l.Relation, l.ClaimID, l.TargetClaimID)
			}
		}
		// The subset is a valid export: it reads back.
		if _, err := ReadJSON(bytes.NewReader(render(t, JSON, f))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	ids := func(cs []annotate.Claim) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	f := m.Filter([]string{art003}, nil)
	check("article 003", f)
	if len(f.Articles) != 1 || len(f.Claims) != 4 || len(f.Links) != 2 || len(f.Sources) != 2 || len(f.History) != 3 || len(f.Reviewers) != 2 ||
		f.Deleted.Len() != 0 {
		t.Errorf("article 003: %d articles, %d claims, %d links, %d sources, %d history, %d reviewers, %d tombstones",
			len(f.Articles), len(f.Claims), len(f.Links), len(f.Sources), len(f.History), len(f.Reviewers), f.Deleted.Len())
	}
	// Its claims are linked to claims 1 (same as 6), 10 (contradicted by 7) and 5 (same as 8)
	// in the two other articles.
	if got := ids(f.Related.Claims); !slices.Equal(got, []string{claimID(1), claimID(5), claimID(10)}) || len(f.Related.Articles) != 2 || len(f.Related.Links) != 3 {
		t.Errorf("article 003: related claims %v, %d articles, %d links", got, len(f.Related.Articles), len(f.Related.Links))
	}
	f = m.Filter(nil, []annotate.Verdict{annotate.Disputed})
	check("disputed", f)
	if len(f.Articles) != 3 || len(f.Claims) != 3 || len(f.Links) != 2 {
		t.Errorf("disputed: %d articles, %d claims, %d links", len(f.Articles), len(f.Claims), len(f.Links))
	}
	// The contradictions of the disputed claims with claims left out by their verdict.
	var contra []string
	for _, c := range f.View().Contradictions {
		contra = append(contra, fmt.Sprintf("%s %s %s %v", c.A.Claim.ID, c.Kind, c.B.Claim.ID, c.A.OutOfScope || c.B.OutOfScope))
	}
	if want := []string{claimID(2) + " contradicts " + claimID(10) + " true", claimID(5) + " verdicts-disagree " + claimID(8) + " true",
		claimID(7) + " contradicts " + claimID(10) + " true"}; !slices.Equal(contra, want) {
		t.Errorf("disputed: contradictions %q, want %q", contra, want)
	}
	// Tombstones: the deleted article (no article filter), its deleted claim (disputed), and
	// the deleted link from it to a live source.
	if len(f.Deleted.Articles) != 1 || len(f.Deleted.Claims) != 1 || f.Deleted.Claims[0].Row.ID != claimID(14) || len(f.Deleted.Links) != 1 || len(f.Deleted.Sources) != 0 {
		t.Errorf("disputed: tombstones %+v", f.Deleted)
	}
	f = m.Filter([]string{art000, art004}, []annotate.Verdict{annotate.Confirmed, annotate.Disputed})
	check("000+004 rated", f)
	contra = nil
	for _, c := range f.View().Contradictions {
		contra = append(contra, fmt.Sprintf("%s %s %s %v", c.A.Claim.ID, c.Kind, c.B.Claim.ID, c.A.OutOfScope || c.B.OutOfScope))
	}
	if want := []string{claimID(2) + " contradicts " + claimID(10) + " false", claimID(5) + " verdicts-disagree " + claimID(8) + " true",
		claimID(7) + " contradicts " + claimID(10) + " true"}; !slices.Equal(contra, want) {
		t.Errorf("000+004 contradictions %q, want %q", contra, want)
	}
	// No tombstone: the deleted claim of 004 is unverified, the deleted article not chosen.
	if f.Deleted.Len() != 0 {
		t.Errorf("000+004 rated: tombstones %+v", f.Deleted)
	}
	// One article: its deleted claim and the deleted link from it to a kept claim.
	f = m.Filter([]string{art004}, nil)
	check("004", f)
	if len(f.Deleted.Articles) != 0 || len(f.Deleted.Claims) != 1 || f.Deleted.Claims[0].Row.ID != claimID(13) ||
		len(f.Deleted.Links) != 1 || f.Deleted.Links[0].Row.ID != linkID(13) || len(f.Deleted.Sources) != 0 {
		t.Errorf("004: tombstones %+v", f.Deleted)
	}
	all := m.Filter(nil, nil)
	if len(all.Claims) != len(m.Claims) || len(all.Links) != len(m.Links) || len(all.Sources) != len(m.Sources) || len(all.History) != len(m.History) ||
		!all.Related.Empty() || !reflect.DeepEqual(all.Deleted, m.Deleted) {
		t.Error("an empty filter must keep everything")
	}
}

func TestProgressAndCancellation(t *testing.T) {
	m := generateModel(20, 1000)
	for _, f := range Formats {
		if f == ClaimReview {
			m.Settings.IncludeUnverified = true
		}
		var calls [][2]int
		opt := Options{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
		if err := Write(&bytes.Buffer{}, f, m, opt); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(calls) < 10 || len(calls) > 202 {
			t.Errorf("%s: %d progress calls", f, len(calls))
			continue
		}
		for i, c := range calls {
			if c[1] != 1000 || i > 0 && c[0] < calls[i-1][0] {
				t.Errorf("%s: progress %v after %v", f, c, calls[max(0, i-1)])
			}
		}
		if last := calls[len(calls)-1]; last != [2]int{1000, 1000} {
			t.Errorf("%s: last progress %v", f, last)
		}
		// A cancelled export stops, and the atomic writer leaves nothing behind.
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		opt = Options{Context: ctx, Progress: func(done, total int) {
			if n++; n == 3 {
				cancel()
			}
		}}
		dir := t.TempDir()
		err := WriteFileAtomic(dir+"/out"+f.Extension(), func(w io.Writer) error { return Write(w, f, m, opt) })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: cancelled export returned %v", f, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: a cancelled export left %d files", f, len(entries))
		}
		cancel()
	}
}

// generateModel makes a model of n claims over a articles, for benchmarks and load tests:
// each article a text of numbered sentences, one claim per sentence (every verdict), a
// source for every fifth claim, a same-claim link for every tenth and a contradiction for
// every seventh, across articles.
func generateModel(a, n int) Model {
	m := Model{Settings: Settings{Title: "Load test", Organization: "Factdesk Bench", SiteURL: "https://factcheck.example/bench", Generated: fixedGenerated},
		Reviewers: []annotate.Reviewer{{ID: alice, Name: "Alice Martin"}, {ID: dmitri, Name: "Дмитрий Орлов"}}}
	perArticle := (n + a - 1) / a
	verdicts := annotate.Verdicts
	sentence := func(i, j int) string {
		return fmt.Sprintf("Selon l’article %d, la phrase %d affirme que le bilan est de %d morts, dont « une cinquantaine » de civils. ", i, j, 100+j)
	}
	for i := 0; i < a; i++ {
		var text strings.Builder
		starts := make([]int, 0, perArticle)
		runes := 0
		for j := 0; j < perArticle; j++ {
			s := sentence(i, j)
			starts = append(starts, runes)
			text.WriteString(s)
			runes += len([]rune(s))
			if j%8 == 7 {
				text.WriteString("\n\n")
				runes += 2
			}
		}
		art := annotate.Article{ID: fmt.Sprintf("a%07d-0000-4000-8000-000000000000", i), Article: corpus.Article{
			Title: fmt.Sprintf("Article %d: le bilan des combats", i), Outlet: "Outlet " + fmt.Sprint(i%7), Language: "fr",
			URL: fmt.Sprintf("https://news.example/%d", i), Published: fmt.Sprintf("2020-10-%02d", 1+i%28), Text: text.String()}}
		art.SHA256 = corpus.HashText(art.Text)
		trunes := []rune(art.Text)
		for j := 0; j < perArticle && len(m.Claims) < n; j++ {
			k := len(m.Claims)
			quote := fmt.Sprintf("la phrase %d affirme que le bilan est de %d morts", j, 100+j)
			start := starts[j] + len([]rune(fmt.Sprintf("Selon l’article %d, ", i)))
			end := start + len([]rune(quote))
			anchor := annotate.Anchor{Start: start, End: end, Exact: string(trunes[start:end]),
				Prefix: string(trunes[max(0, start-32):start]), Suffix: string(trunes[end:min(len(trunes), end+32)])}
			c := annotate.Claim{ID: fmt.Sprintf("c%07d-0000-4000-8000-%012d", i, k), ArticleID: art.ID, Anchor: anchor,
				Verdict: verdicts[k%3], Note: fmt.Sprintf("Note %d. Checked against the wire copy; the figure matches.", k),
				CreatedAt: fixedGenerated, UpdatedAt: fixedGenerated, CreatedBy: "Alice Martin", UpdatedBy: "Дмитрий Орлов"}
			m.Claims = append(m.Claims, c)
			art.Counts.Add(c.Verdict)
			if k%5 == 0 {
				s := annotate.Source{ID: fmt.Sprintf("5%07d-0000-4000-8000-%012d", i, k), URL: fmt.Sprintf("https://wire.example/%d", k), Title: "Wire copy", Publisher: "AFP", Accessed: "2020-10-09"}
				m.Sources = append(m.Sources, s)
				m.Links = append(m.Links, annotate.Link{ID: fmt.Sprintf("1%07d-0000-4000-8000-%012d", i, k), ClaimID: c.ID, Relation: annotate.Relation([]string{"supports", "contradicts"}[k%2]), SourceID: s.ID, Source: &s})
			}
		}
		m.Articles = append(m.Articles, art)
	}
	// Cross-article claim links, between articles 2i and 2i+1: same claims come in pairs.
	for k := 0; k+perArticle < len(m.Claims); k++ {
		if (k/perArticle)%2 == 1 {
			continue
		}
		rel := annotate.Relation("")
		switch {
		case k%10 == 0:
			rel = annotate.SameClaim
		case k%7 == 0:
			rel = annotate.Contradicts
		default:
			continue
		}
		m.Links = append(m.Links, annotate.Link{ID: fmt.Sprintf("2%07d-0000-4000-8000-%012d", 0, k), ClaimID: m.Claims[k].ID, Relation: rel, TargetClaimID: m.Claims[k+perArticle].ID})
	}
	return m
}
