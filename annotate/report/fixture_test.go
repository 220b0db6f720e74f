package report

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"factdesk/annotate"
	"factdesk/corpus"
)

// The fixed model of the tests: the three seed articles (raw text) with claims in every
// verdict, sources for and against (one without a URL, one with a Cyrillic title), and links
// across articles: a same claim in two languages, a contradiction across three articles, a
// same claim rated differently (a verdict disagreement) and a "supports" link inside one
// article.

// Fixed IDs, all UUIDs so the W3C export keeps them.
func fid(prefix string, n int) string { return fmt.Sprintf("%s-0000-4000-8000-%012d", prefix, n) }

var (
	art000, art003, art004 = fid("a0000000", 0), fid("a0000000", 3), fid("a0000000", 4)
	alice, dmitri          = fid("e0000000", 1), fid("e0000000", 2)
)

func claimID(n int) string  { return fid("c0000000", n) }
func sourceID(n int) string { return fid("50000000", n) }
func linkID(n int) string   { return fid("10000000", n) }

// fixedGenerated is the fixed export time of every fixture.
var fixedGenerated = time.Date(2020, 10, 12, 9, 30, 0, 0, time.UTC)

func at(day, hour, minute int) time.Time {
	return time.Date(2020, 10, day, hour, minute, 0, 0, time.UTC)
}

// readSeed reads a seed article by name from ../shared/seeds (relative to the repository).
func readSeed(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", name))
	if err != nil {
		t.Fatalf("reading seed article: %v", err)
	}
	return string(b)
}

// anchorOf anchors the first occurrence of quote in text: strings.Index converted to rune
// offsets, with 32 runes of context as the annotate package does.
func anchorOf(t testing.TB, text, quote string) annotate.Anchor {
	t.Helper()
	i := strings.Index(text, quote)
	if i < 0 {
		t.Fatalf("quote %q is not in the article", quote)
	}
	start := utf8.RuneCountInString(text[:i])
	a, err := annotate.NewAnchor(text, start, start+utf8.RuneCountInString(quote))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

type claimSpec struct {
	n         int
	article   string
	quote     string
	verdict   annotate.Verdict
	note      string
	by, rated string
	created   time.Time
	updated   time.Time
}

// fixtureModel builds the fixed model from the seed articles.
func fixtureModel(t testing.TB) Model {
	t.Helper()
	texts := map[string]string{
		art000: readSeed(t, "000_f6bb23693e27c5f2.txt"),
		art003: readSeed(t, "003_262efa452888d538.txt"),
		art004: readSeed(t, "004_532ae3c648773e60.txt"),
	}
	article := func(id string, meta corpus.Article, by string, imported time.Time) annotate.Article {
		meta.Text = texts[id]
		meta.Format = "txt"
		return annotate.Article{ID: id, Article: meta, SHA256: corpus.HashText(meta.Text), ImportedAt: imported, ImportedBy: by}
	}
	m := Model{
		Settings: Settings{
			Title:        "Nagorno-Karabakh talks: cross-checking the reports of 8–9 October 2020",
			Organization: "Factdesk Demo Desk",
			SiteURL:      "https://factcheck.example/reports/karabakh-2020-10",
			Generated:    fixedGenerated,
		},
		Reviewers: []annotate.Reviewer{
			{ID: alice, Name: "Alice Martin", CreatedAt: at(9, 8, 0)},
			{ID: dmitri, Name: "Дмитрий Орлов", CreatedAt: at(9, 8, 5)},
		},
		Articles: []annotate.Article{
			article(art000, corpus.Article{Title: "Putin invites the Armenian and Azerbaijani foreign ministers to Moscow",
				Outlet: "France 24", URL: "https://france24.example/en/20201008-putin-invites-ministers", Language: "en",
				Published: "2020-10-08", Origin: "seeds/000_f6bb23693e27c5f2.txt"}, "Alice Martin", at(9, 8, 10)),
			article(art003, corpus.Article{Title: "Tension Azerbaïdjan-Arménie: Poutine convoque les diplomates des deux pays à Moscou",
				Language: "fr", Published: "2020-10-09", Origin: "seeds/003_262efa452888d538.txt"}, "Alice Martin", at(9, 8, 12)),
			article(art004, corpus.Article{Title: "Le ministre azerbaïdjanais des Affaires étrangères s’est rendu à Moscou",
				Outlet: "News-Front", URL: "https://news-front.example/2020/10/09/bayramov-moscou", Language: "fr",
				Published: "2020-10-09", Origin: "seeds/004_532ae3c648773e60.txt"}, "Дмитрий Орлов", at(9, 8, 15)),
		},
	}
	specs := []claimSpec{
		{1, art000, "300 to 400, including around fifty civilians", annotate.Confirmed,
			"Matches the AFP tally of 8 October. The toll is partial — both sides count their military dead separately.",
			"Alice Martin", "Alice Martin", at(9, 9, 0), at(9, 9, 40)},
		{2, art000, "it was not clear whether the two foreign chiefs of the two countries had accepted", annotate.Confirmed,
			"True when written (Thursday evening): neither ministry had answered yet.",
			"Alice Martin", "Alice Martin", at(9, 9, 5), at(9, 9, 45)},
		{3, art000, "each side claiming to have eliminated thousands of enemy soldiers", annotate.Unverified,
			"Claims by the belligerents; no independent count.",
			"Alice Martin", "", at(9, 9, 10), at(9, 9, 10)},
		{4, art000, "half of the 140,000 inhabitants of Nagorno-Karabakh have already been displaced", annotate.Disputed,
			"The separatist ombudsman gives a lower figure. Estimates vary widely; see the source against.",
			"Alice Martin", "Дмитрий Орлов", at(9, 9, 15), at(10, 11, 0)},
		{5, art000, "Ceyhun Bayramov was in Geneva on Thursday", annotate.Confirmed,
			"OSCE Minsk Group communiqué of 8 October.",
			"Alice Martin", "Alice Martin", at(9, 9, 20), at(9, 9, 20)},
		{6, art003, "300 à 400 morts, dont une cinquantaine de civils", annotate.Confirmed,
			"Même bilan que l’AFP : « 300 à 400 morts ».",
			"Alice Martin", "Alice Martin", at(9, 10, 0), at(9, 10, 5)},
		{7, art003, "n’ont pas confirmé leur participation", annotate.Confirmed,
			"Accurate on the morning of 9 October.",
			"Alice Martin", "Alice Martin", at(9, 10, 10), at(9, 10, 10)},
		{8, art003, "Ceyhun Bayramov, était à Genève", annotate.Disputed,
			"The article dates the meeting “hier jeudi 8 octobre” — a day off from its own date line.",
			"Дмитрий Орлов", "Дмитрий Орлов", at(9, 10, 20), at(10, 9, 0)},
		{9, art003, "« Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou pour mener des consultations »",
			annotate.Confirmed, "Kremlin statement quoted verbatim.", "Alice Martin", "Alice Martin", at(9, 10, 30), at(9, 10, 30)},
		{10, art004, "avaient confirmé leur participation", annotate.Disputed,
			"No such statement on the Russian foreign ministry’s site on 9 October; RIA Novosti (РИА Новости) only reported the flight.",
			"Дмитрий Орлов", "Дмитрий Орлов", at(9, 11, 0), at(9, 12, 0)},
		{11, art004, "l’avion avec le ministre azerbaïdjanais des Affaires étrangères est arrivé à Moscou", annotate.Confirmed,
			"Flight tracking shows the government aircraft landing at Vnukovo.",
			"Дмитрий Орлов", "Дмитрий Орлов", at(9, 11, 10), at(9, 11, 10)},
		{12, art004, "L’Arménie a déclaré la loi martiale et – pour la première fois, une mobilisation générale", annotate.Unverified,
			"", "Дмитрий Орлов", "", at(9, 11, 20), at(9, 11, 20)},
	}
	for _, s := range specs {
		m.Claims = append(m.Claims, annotate.Claim{ID: claimID(s.n), ArticleID: s.article, Anchor: anchorOf(t, texts[s.article], s.quote),
			Verdict: s.verdict, Note: s.note, CreatedAt: s.created, UpdatedAt: s.updated, CreatedBy: s.by, UpdatedBy: s.rated})
	}
	// Claim 3: two reviewers disagree and nobody settled it (contested, no verdict); claim 4:
	// both rated it disputed.
	m.Claims[2].Contested = true
	m.Claims[2].Ratings = []annotate.ClaimRating{
		{Reviewer: "Alice Martin", Verdict: annotate.Confirmed, At: at(9, 9, 12)},
		{Reviewer: "Дмитрий Орлов", Verdict: annotate.Disputed, At: at(10, 9, 30)},
	}
	m.Claims[3].Ratings = []annotate.ClaimRating{
		{Reviewer: "Alice Martin", Verdict: annotate.Disputed, At: at(9, 9, 16)},
		{Reviewer: "Дмитрий Орлов", Verdict: annotate.Disputed, At: at(10, 11, 0)},
	}
	m.Sources = []annotate.Source{
		{ID: sourceID(1), URL: "https://afp.example/2020/10/08/karabakh-toll", Title: "Nagorno-Karabakh: death toll passes 300", Publisher: "AFP",
			Accessed: "2020-10-09", Quote: "Le bilan officiel est de 300 à 400 morts, dont une cinquantaine de civils.", CreatedAt: at(9, 9, 30), CreatedBy: "Alice Martin"},
		{ID: sourceID(2), URL: "https://ombudsman.example/reports/displacement-2020-10-09", Title: "Displacement estimate, 9 October", Publisher: "Human rights ombudsman (fixture)",
			Accessed: "2020-10-10", Quote: "about 50,000 people have left their homes", CreatedAt: at(10, 10, 50), CreatedBy: "Дмитрий Орлов"},
		{ID: sourceID(3), URL: "https://mid.example/ru/press/2020-10-09", Title: "Сообщение для СМИ о консультациях в Москве", Publisher: "МИД России",
			Accessed: "2020-10-10", CreatedAt: at(9, 11, 30), CreatedBy: "Дмитрий Орлов"},
		{ID: sourceID(4), URL: "https://flightradar.example/flights/az-gov-2020-10-09", Title: "Flight record of the Azerbaijani government aircraft", Publisher: "Flight Radar",
			Accessed: "2020-10-09", CreatedAt: at(9, 11, 12), CreatedBy: "Дмитрий Орлов"},
		{ID: sourceID(5), Title: "Kremlin statement of 8 October 2020, read to the press pool", Publisher: "Kremlin press service",
			Accessed: "2020-10-08", CreatedAt: at(9, 10, 31), CreatedBy: "Alice Martin"},
		{ID: sourceID(6), URL: "https://osce.example/minsk-group/2020-10-08", Title: "Co-Chairs of the OSCE Minsk Group meet Azerbaijani foreign minister", Publisher: "OSCE",
			Accessed: "2020-10-09", CreatedAt: at(9, 9, 21), CreatedBy: "Alice Martin"},
	}
	sourceLink := func(n, claim int, rel annotate.Relation, source int, by string, when time.Time) annotate.Link {
		return annotate.Link{ID: linkID(n), ClaimID: claimID(claim), Relation: rel, SourceID: sourceID(source), CreatedAt: when, CreatedBy: by}
	}
	claimLink := func(n, from int, rel annotate.Relation, to int, by string, when time.Time) annotate.Link {
		return annotate.Link{ID: linkID(n), ClaimID: claimID(from), Relation: rel, TargetClaimID: claimID(to), CreatedAt: when, CreatedBy: by}
	}
	m.Links = []annotate.Link{
		sourceLink(1, 1, annotate.Supports, 1, "Alice Martin", at(9, 9, 31)),
		sourceLink(2, 6, annotate.Supports, 1, "Alice Martin", at(9, 10, 6)),
		sourceLink(3, 4, annotate.Contradicts, 2, "Дмитрий Орлов", at(10, 10, 55)),
		sourceLink(4, 10, annotate.Contradicts, 3, "Дмитрий Орлов", at(9, 11, 31)),
		sourceLink(5, 11, annotate.Supports, 4, "Дмитрий Орлов", at(9, 11, 13)),
		sourceLink(6, 9, annotate.SameClaim, 5, "Alice Martin", at(9, 10, 32)),
		sourceLink(7, 5, annotate.Supports, 6, "Alice Martin", at(9, 9, 22)),
		claimLink(8, 1, annotate.SameClaim, 6, "Alice Martin", at(9, 10, 7)),
		claimLink(9, 2, annotate.Contradicts, 10, "Дмитрий Орлов", at(9, 12, 5)),
		claimLink(10, 7, annotate.Contradicts, 10, "Дмитрий Орлов", at(9, 12, 6)),
		claimLink(11, 5, annotate.SameClaim, 8, "Дмитрий Орлов", at(10, 9, 5)),
		claimLink(12, 11, annotate.Supports, 10, "Дмитрий Орлов", at(9, 12, 10)),
	}
	for i := range m.Links {
		for _, s := range m.Sources {
			if s.ID == m.Links[i].SourceID {
				s := s
				m.Links[i].Source = &s
			}
		}
	}
	hist := func(n int, when time.Time, reviewer, table, row, field, old, new string) annotate.HistoryEntry {
		rid := alice
		if reviewer != "Alice Martin" {
			rid = dmitri
		}
		return annotate.HistoryEntry{ID: fid("70000000", n), At: when, ReviewerID: rid, Reviewer: reviewer, Table: table, RowID: row, Field: field, Old: old, New: new}
	}
	m.History = []annotate.HistoryEntry{
		hist(1, at(9, 9, 0), "Alice Martin", "claims", claimID(1), "verdict", "", "unverified"),
		hist(2, at(9, 9, 40), "Alice Martin", "claims", claimID(1), "verdict", "unverified", "confirmed"),
		hist(3, at(9, 9, 15), "Alice Martin", "claims", claimID(4), "verdict", "", "unverified"),
		hist(4, at(10, 11, 0), "Дмитрий Орлов", "claims", claimID(4), "verdict", "unverified", "disputed"),
		hist(5, at(9, 10, 20), "Дмитрий Орлов", "claims", claimID(8), "verdict", "", "confirmed"),
		hist(6, at(10, 9, 0), "Дмитрий Орлов", "claims", claimID(8), "verdict", "confirmed", "disputed"),
		hist(7, at(10, 9, 1), "Дмитрий Орлов", "claims", claimID(8), "note", "", "The article dates the meeting…"),
		hist(8, at(9, 12, 5), "Дмитрий Орлов", "links", linkID(9), "relation", "", "contradicts"),
	}
	// Tombstones, which only the JSON export writes: a retracted article deleted with its
	// claim, a claim deleted with its link, a source link and its source deleted, and their
	// history. No other format may show them.
	art001 := fid("a0000000", 1)
	retracted := "Correction: an earlier version of this article said the ministers had met in Geneva on Wednesday.\n\nThey met on Thursday."
	gone := article(art001, corpus.Article{Title: "Ministers met in Geneva on Wednesday (retracted)", Language: "en", Published: "2020-10-08"}, "Alice Martin", at(9, 8, 11))
	gone.Text, gone.SHA256, gone.Format = retracted, corpus.HashText(retracted), "txt"
	m.Deleted.Articles = []Deleted[annotate.Article]{{Row: gone, At: at(10, 8, 0), By: "Alice Martin"}}
	m.Deleted.Claims = []Deleted[annotate.Claim]{
		{Row: annotate.Claim{ID: claimID(13), ArticleID: art004, Anchor: anchorOf(t, texts[art004], "selon les données de Flight Radar"), Verdict: annotate.Unverified,
			CreatedAt: at(9, 11, 25), UpdatedAt: at(9, 11, 25), CreatedBy: "Дмитрий Орлов", UpdatedBy: "Дмитрий Орлов"}, At: at(10, 12, 0), By: "Дмитрий Орлов"},
		{Row: annotate.Claim{ID: claimID(14), ArticleID: art001, Anchor: anchorOf(t, retracted, "the ministers had met in Geneva on Wednesday"), Verdict: annotate.Disputed,
			Note: "Retracted by the outlet.", CreatedAt: at(9, 9, 50), UpdatedAt: at(9, 9, 55), CreatedBy: "Alice Martin", UpdatedBy: "Alice Martin"}, At: at(10, 8, 0), By: "Alice Martin"},
	}
	m.Deleted.Sources = []Deleted[annotate.Source]{{Row: annotate.Source{ID: sourceID(7), URL: "https://tass.example/2020/10/09/consultations",
		Title: "Consultations announced", Publisher: "TASS", Accessed: "2020-10-09", CreatedAt: at(9, 9, 12), CreatedBy: "Alice Martin"}, At: at(10, 13, 5), By: "Дмитрий Орлов"}}
	deletedLink := func(l annotate.Link, when time.Time, by string) Deleted[annotate.Link] {
		for _, s := range append(slices.Clone(m.Sources), m.Deleted.Sources[0].Row) {
			if s.ID == l.SourceID {
				s := s
				l.Source = &s
			}
		}
		return Deleted[annotate.Link]{Row: l, At: when, By: by}
	}
	m.Deleted.Links = []Deleted[annotate.Link]{
		deletedLink(claimLink(13, 13, annotate.Supports, 11, "Дмитрий Орлов", at(9, 11, 26)), at(10, 12, 0), "Дмитрий Орлов"),
		deletedLink(sourceLink(14, 3, annotate.Supports, 7, "Alice Martin", at(9, 9, 13)), at(10, 13, 0), "Alice Martin"),
		deletedLink(sourceLink(15, 14, annotate.Contradicts, 6, "Alice Martin", at(9, 9, 56)), at(10, 8, 0), "Alice Martin"),
	}
	m.History = append(m.History,
		hist(9, at(9, 11, 25), "Дмитрий Орлов", "claims", claimID(13), "create", "", `{"verdict":"unverified"}`),
		hist(10, at(10, 12, 0), "Дмитрий Орлов", "claims", claimID(13), "delete", "", "2020-10-10T12:00:00.000000Z"),
		hist(11, at(10, 12, 0), "Дмитрий Орлов", "links", linkID(13), "delete", "", "2020-10-10T12:00:00.000000Z"),
		hist(12, at(10, 8, 0), "Alice Martin", "articles", art001, "delete", "", "2020-10-10T08:00:00.000000Z"),
		hist(13, at(10, 8, 0), "Alice Martin", "claims", claimID(14), "delete", "", "2020-10-10T08:00:00.000000Z"),
		hist(14, at(10, 8, 0), "Alice Martin", "links", linkID(15), "delete", "", "2020-10-10T08:00:00.000000Z"),
		hist(15, at(10, 13, 0), "Alice Martin", "links", linkID(14), "delete", "", "2020-10-10T13:00:00.000000Z"),
		hist(16, at(10, 13, 5), "Дмитрий Орлов", "sources", sourceID(7), "delete", "", "2020-10-10T13:05:00.000000Z"),
	)
	// Counts as storage fills them: live claims by verdict.
	for i := range m.Articles {
		for _, c := range m.Claims {
			if c.ArticleID == m.Articles[i].ID {
				m.Articles[i].Counts.Add(c.Verdict)
			}
		}
	}
	return m
}

// hostileModel is a model whose every untrusted text tries to break out of its format:
// markup and script, event handlers, javascript: and data: URLs, bidi overrides, Markdown
// links and spreadsheet formulas.
func hostileModel(t testing.TB) Model {
	t.Helper()
	text := "Intro. <script>alert('text')</script> said \"><img src=x onerror=alert(1)> then \u202Egnp.exe and =SUM(A1:A9) ends.\n\n" +
		"Second [click](javascript:alert(5)) paragraph with +CMD and -2+3 and @import too."
	art := annotate.Article{ID: "hostile-article <1>", Article: corpus.Article{
		Title:    "Title \u202Eevil\u202C <script>alert('title')</script> & \"quotes\" \u2067isolate\u2069",
		Outlet:   "<img src=x onerror=alert('outlet')>",
		URL:      "javascript:alert('article-url')",
		Language: "en\" onmouseover=\"alert(1)",
		Text:     text,
	}, SHA256: corpus.HashText(text), ImportedBy: "<b>Mallory</b>"}
	mk := func(id, quote string, v annotate.Verdict, note string) annotate.Claim {
		return annotate.Claim{ID: id, ArticleID: art.ID, Anchor: anchorOf(t, text, quote), Verdict: v, Note: note,
			CreatedAt: at(11, 8, 0), UpdatedAt: at(11, 9, 0), CreatedBy: "<b>Mallory</b>\u202E", UpdatedBy: "=cmd|' /C calc'!A0"}
	}
	m := Model{
		Settings: Settings{Title: "<script>alert('report')</script>\u202Etroper", Organization: "Org <i>x</i>",
			SiteURL: "javascript:alert('site')", Generated: fixedGenerated},
		Reviewers: []annotate.Reviewer{{ID: "r\"1", Name: "<b>Mallory</b>"}},
		Articles:  []annotate.Article{art},
		Claims: []annotate.Claim{
			mk("h1", "<script>alert('text')</script>", annotate.Disputed, "<script>alert('note')</script>\n\"><img src=x onerror=alert(2)>\n\u202Eton si siht"),
			mk("h2 \"><svg onload=alert(3)>", "\"><img src=x onerror=alert(1)>", annotate.Confirmed, "=HYPERLINK(\"http://evil.example\",\"click\")"),
			mk("h3", "\u202Egnp.exe", annotate.Unverified, "[click](javascript:alert(4)) and <javascript:alert(6)> ![img](data:text/html;base64,PHNjcmlwdD4=)"),
			mk("h4", "=SUM(A1:A9)", annotate.Disputed, "+1 -1 @SUM(1) \tTAB"),
			mk("h5", "[click](javascript:alert(5))", annotate.Confirmed, "# heading\n- item\n1. one\n> quote\n| a | b |"),
			mk("h6", "+CMD", annotate.Confirmed, "-2+3"),
		},
		Sources: []annotate.Source{
			{ID: "s1", URL: "javascript:alert('source')", Title: "JS <b>source</b>"},
			{ID: "s2", URL: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", Title: "Data source"},
			{ID: "s3", URL: " JaVaScRiPt:alert('mixed case')", Title: ""},
			{ID: "s4", URL: "java\tscript:alert('tab')", Title: "Tabbed"},
			{ID: "s5", URL: "https://ok.example/a?b=1&c=<2>", Title: "Fine \u202Esource", Quote: "\"><script>alert('quote')</script>"},
			{ID: "s6", URL: "vbscript:msgbox(1)", Title: "=HYPERLINK(\"x\")"},
		},
	}
	for i, s := range m.Sources {
		m.Links = append(m.Links, annotate.Link{ID: fmt.Sprintf("l%d", i+1), ClaimID: m.Claims[i%2].ID, Relation: []annotate.Relation{annotate.Supports, annotate.Contradicts}[i%2], SourceID: s.ID})
	}
	m.Links = append(m.Links, annotate.Link{ID: "l9", ClaimID: "h1", Relation: annotate.Contradicts, TargetClaimID: "h2 \"><svg onload=alert(3)>"})
	return m
}
