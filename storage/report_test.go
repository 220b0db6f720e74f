package storage_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/corpus/corpustest"
	"factdesk/storage"
)

// rpFixture is a database holding the three seed articles with claims in every verdict by two
// reviewers, sources for and against, links across articles, and a deleted claim and link.
type rpFixture struct {
	db       *storage.DB
	articles []annotate.Article // en, fr, fr (Info-Verlais)
	claims   map[string]annotate.Claim
	deleted  []string // ids of a deleted claim and of a deleted link
}

// rpSeedFiles are the project's test articles (testdata/articles): English, French, French.
var rpSeedFiles = corpustest.Articles

// rpOpen opens a new database at dir/name as reviewer.
func rpOpen(tb testing.TB, path, reviewer string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.SetReviewer(context.Background(), reviewer); err != nil {
		tb.Fatal(err)
	}
	return db
}

// rpImportSeeds imports the project's test articles (in the order of names) into db.
func rpImportSeeds(tb testing.TB, db *storage.DB, names ...string) []annotate.Article {
	tb.Helper()
	var arts []corpus.Article
	for _, n := range names {
		a, err := corpus.ParseFile(corpustest.Article(tb, n))
		if err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, a)
	}
	res, err := db.ImportArticles(context.Background(), arts)
	if err != nil {
		tb.Fatal(err)
	}
	var out []annotate.Article
	for _, r := range res {
		a, err := db.Article(context.Background(), r.Article.ID)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func rpFixtureDB(tb testing.TB) *rpFixture {
	tb.Helper()
	ctx := context.Background()
	db := rpOpen(tb, filepath.Join(tb.TempDir(), "origin.db"), "Alice Martin")
	f := &rpFixture{db: db, claims: map[string]annotate.Claim{}}
	f.articles = rpImportSeeds(tb, db, rpSeedFiles...)
	en, fr, ru := f.articles[0], f.articles[1], f.articles[2]
	claim := func(key string, a annotate.Article, quote string, v annotate.Verdict, note string) {
		tb.Helper()
		anchor, err := annotate.FindQuote(a.Text, quote, 1)
		if err != nil {
			tb.Fatalf("%s: %v", key, err)
		}
		c, err := db.AddClaim(ctx, a.ID, anchor, v, note)
		if err != nil {
			tb.Fatal(err)
		}
		f.claims[key] = c
	}
	claim("toll-en", en, "300 to 400, including around forty children", annotate.Unverified, "")
	claim("unclear", en, "it was unclear whether the two ministers would attend", annotate.Confirmed, "True when written.")
	claim("soldiers", en, "each accused the other of ignoring warnings about the dam", annotate.Unverified, "Claims by the parties.")
	claim("toll-fr", fr, "300 à 400 morts, dont une quarantaine d’enfants", annotate.Confirmed, "Même bilan que le ministère : « 300 à 400 morts ».")
	claim("not-confirmed", fr, "n’ont pas confirmé leur participation", annotate.Confirmed, "")
	claim("confirmed", ru, "avaient confirmé leur participation", annotate.Disputed, "Nordpress (агентство «Нордпресс») only reported the flight.")
	claim("plane", ru, "L’avion officiel a atterri peu après minuit à l’aéroport de Velka-Orne", annotate.Confirmed, "")
	claim("gone", ru, "La rupture du barrage, mercredi à l’aube, a libéré une vague de plusieurs mètres", annotate.Unverified, "")

	link := func(a, b string, rel annotate.Relation) annotate.Link {
		tb.Helper()
		l, err := db.LinkClaims(ctx, f.claims[a].ID, f.claims[b].ID, rel)
		if err != nil {
			tb.Fatal(err)
		}
		return l
	}
	source := func(c string, s annotate.Source, rel annotate.Relation) {
		tb.Helper()
		if _, err := db.AddSource(ctx, f.claims[c].ID, s, rel); err != nil {
			tb.Fatal(err)
		}
	}
	link("toll-en", "toll-fr", annotate.SameClaim)
	link("not-confirmed", "confirmed", annotate.Contradicts)
	link("unclear", "confirmed", annotate.Contradicts)
	link("plane", "confirmed", annotate.Supports)
	dropped := link("soldiers", "plane", annotate.Supports)
	link("gone", "plane", annotate.Supports)
	source("toll-fr", annotate.Source{URL: "https://nordpress.example/serrat-toll", Title: "Le bilan dépasse 300 morts", Publisher: "Nordpress", Accessed: "2020-10-09"}, annotate.Supports)
	source("confirmed", annotate.Source{URL: "https://mid-sorvia.example/press", Title: "Сообщение для СМИ", Publisher: "МИД Сорвии", Quote: "консультации"}, annotate.Contradicts)
	source("soldiers", annotate.Source{Title: "Presidency statement read to the press pool"}, annotate.Supports)

	// A second reviewer rates and annotates.
	if _, err := db.SetReviewer(ctx, "Дмитрий Орлов"); err != nil {
		tb.Fatal(err)
	}
	c, err := db.SetVerdict(ctx, f.claims["toll-en"].ID, annotate.Confirmed)
	if err != nil {
		tb.Fatal(err)
	}
	if c, err = db.SetNote(ctx, c.ID, "Same figure in the French report — « 300 à 400 »."); err != nil {
		tb.Fatal(err)
	}
	f.claims["toll-en"] = c
	if err := db.DeleteLink(ctx, dropped.ID); err != nil {
		tb.Fatal(err)
	}
	if err := db.DeleteClaim(ctx, f.claims["gone"].ID); err != nil {
		tb.Fatal(err)
	}
	f.deleted = []string{f.claims["gone"].ID, dropped.ID}
	delete(f.claims, "gone")
	if _, err := db.SetReviewer(ctx, "Alice Martin"); err != nil {
		tb.Fatal(err)
	}
	return f
}

func rpIDs[T any](list []T, id func(T) string) []string {
	var out []string
	for _, x := range list {
		out = append(out, id(x))
	}
	sort.Strings(out)
	return out
}

func rpClaimIDs(m report.Model) []string {
	return rpIDs(m.Claims, func(c annotate.Claim) string { return c.ID })
}
func rpLinkIDs(m report.Model) []string {
	return rpIDs(m.Links, func(l annotate.Link) string { return l.ID })
}
func rpSourceIDs(m report.Model) []string {
	return rpIDs(m.Sources, func(s annotate.Source) string { return s.ID })
}
func rpHistoryIDs(m report.Model) []string {
	return rpIDs(m.History, func(h annotate.HistoryEntry) string { return h.ID })
}
func rpReviewerNames(m report.Model) []string {
	return rpIDs(m.Reviewers, func(r annotate.Reviewer) string { return r.Name })
}

// rpScopeExtras pairs the ids of what got and want hold beyond their live rows: the related
// claims, articles and links, and the tombstones.
func rpScopeExtras(got, want report.Model) map[string][2][]string {
	claim := func(c annotate.Claim) string { return c.ID }
	article := func(a annotate.Article) string { return a.ID + " " + a.SHA256 + " " + a.Title + " " + a.Text }
	link := func(l annotate.Link) string { return l.ID }
	dArticle := func(d report.Deleted[annotate.Article]) string { return d.Row.ID + " " + d.By + " " + d.At.String() }
	dClaim := func(d report.Deleted[annotate.Claim]) string { return d.Row.ID + " " + d.By + " " + d.At.String() }
	dSource := func(d report.Deleted[annotate.Source]) string { return d.Row.ID + " " + d.By + " " + d.At.String() }
	dLink := func(d report.Deleted[annotate.Link]) string { return d.Row.ID + " " + d.By + " " + d.At.String() }
	return map[string][2][]string{
		"related claims":   {rpIDs(got.Related.Claims, claim), rpIDs(want.Related.Claims, claim)},
		"related articles": {rpIDs(got.Related.Articles, article), rpIDs(want.Related.Articles, article)},
		"related links":    {rpIDs(got.Related.Links, link), rpIDs(want.Related.Links, link)},
		"deleted articles": {rpIDs(got.Deleted.Articles, dArticle), rpIDs(want.Deleted.Articles, dArticle)},
		"deleted claims":   {rpIDs(got.Deleted.Claims, dClaim), rpIDs(want.Deleted.Claims, dClaim)},
		"deleted sources":  {rpIDs(got.Deleted.Sources, dSource), rpIDs(want.Deleted.Sources, dSource)},
		"deleted links":    {rpIDs(got.Deleted.Links, dLink), rpIDs(want.Deleted.Links, dLink)},
	}
}

func TestReportModelLoadsEverythingLive(t *testing.T) {
	f := rpFixtureDB(t)
	ctx := context.Background()
	m, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Articles) != 3 || len(m.Claims) != 7 || len(m.Links) != 7 || len(m.Sources) != 3 {
		t.Fatalf("articles %d, claims %d, links %d, sources %d; want 3, 7, 7 (the deleted link and the deleted claim's link left out), 3",
			len(m.Articles), len(m.Claims), len(m.Links), len(m.Sources))
	}
	for i, a := range m.Articles {
		if a.ID != f.articles[i].ID || a.Text != f.articles[i].Text || a.SHA256 != corpus.HashText(a.Text) || a.ImportedBy != "Alice Martin" {
			t.Errorf("article %d: %s by %q, text %d bytes; want %s with its text", i, a.ID, a.ImportedBy, len(a.Text), f.articles[i].ID)
		}
	}
	wantCounts := []annotate.VerdictCounts{{Confirmed: 2, Unverified: 1}, {Confirmed: 2}, {Confirmed: 1, Disputed: 1}}
	for i, a := range m.Articles {
		if a.Counts != wantCounts[i] {
			t.Errorf("article %d counts %+v, want %+v", i, a.Counts, wantCounts[i])
		}
	}
	for _, c := range m.Claims {
		if c.ID == f.deleted[0] {
			t.Errorf("the deleted claim is in the model")
		}
		var art annotate.Article
		for _, a := range m.Articles {
			if a.ID == c.ArticleID {
				art = a
			}
		}
		if !c.Anchor.Valid(art.Text) {
			t.Errorf("claim %q: anchor does not match its article", c.Exact)
		}
	}
	toll := f.claims["toll-en"]
	for _, c := range m.Claims {
		if c.ID == toll.ID && (c.Verdict != annotate.Confirmed || c.Note != toll.Note || c.CreatedBy != "Alice Martin" || c.UpdatedBy != "Дмитрий Орлов") {
			t.Errorf("claim toll-en = %+v", c)
		}
	}
	for _, l := range m.Links {
		if slices.Contains(f.deleted, l.ID) || l.ClaimID == f.deleted[0] || l.TargetClaimID == f.deleted[0] {
			t.Errorf("link %s to or from a deleted row is in the model", l.ID)
		}
		if l.SourceID != "" && (l.Source == nil || l.Source.ID != l.SourceID) {
			t.Errorf("link %s: source not loaded", l.ID)
		}
	}
	if got := rpReviewerNames(m); !slices.Equal(got, []string{"Alice Martin", "Дмитрий Орлов"}) {
		t.Errorf("reviewers %v", got)
	}
	// Every history entry of every row exported, live or deleted, and nothing else.
	all, err := f.db.History(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	// The tombstones: the deleted claim, the deleted link and the link deleted with the claim,
	// with who deleted them and when.
	if len(m.Deleted.Claims) != 1 || m.Deleted.Claims[0].Row.ID != f.deleted[0] || m.Deleted.Claims[0].By != "Дмитрий Орлов" ||
		m.Deleted.Claims[0].At.IsZero() || m.Deleted.Claims[0].Row.Exact == "" || len(m.Deleted.Articles) != 0 || len(m.Deleted.Sources) != 0 {
		t.Errorf("deleted claims %+v", m.Deleted)
	}
	if got := rpIDs(m.Deleted.Links, func(d report.Deleted[annotate.Link]) string { return d.Row.ID }); len(got) != 2 || !slices.Contains(got, f.deleted[1]) {
		t.Errorf("deleted links %v, want the deleted link and the one deleted with its claim", got)
	}
	if !m.Related.Empty() {
		t.Errorf("an export of everything has related rows: %+v", m.Related)
	}
	kept := map[string]bool{}
	for _, id := range append(append(append(rpClaimIDs(m), rpLinkIDs(m)...), rpSourceIDs(m)...), m.Articles[0].ID, m.Articles[1].ID, m.Articles[2].ID) {
		kept[id] = true
	}
	for _, d := range m.Deleted.Claims {
		kept[d.Row.ID] = true
	}
	for _, d := range m.Deleted.Links {
		kept[d.Row.ID] = true
	}
	var want []string
	for _, h := range all {
		if kept[h.RowID] {
			want = append(want, h.ID)
		}
	}
	sort.Strings(want)
	if got := rpHistoryIDs(m); !slices.Equal(got, want) {
		t.Errorf("history: %d entries, want %d", len(got), len(want))
	}
	for i := 1; i < len(m.History); i++ {
		if m.History[i].At.Before(m.History[i-1].At) {
			t.Fatalf("history not in time order at %d", i)
		}
	}
}

func TestReportModelFiltersLikeModelFilter(t *testing.T) {
	f := rpFixtureDB(t)
	ctx := context.Background()
	full, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	en, fr, ru := f.articles[0].ID, f.articles[1].ID, f.articles[2].ID
	cases := []struct {
		name              string
		articles          []string
		verdicts          []annotate.Verdict
		claims, links, ss int
	}{
		{"one article", []string{ru}, nil, 2, 2, 1},                              // plane supports confirmed; the МИД source
		{"two articles", []string{en, fr}, nil, 5, 3, 2},                         // toll-en = toll-fr; Nordpress; presidency statement
		{"confirmed only", nil, []annotate.Verdict{annotate.Confirmed}, 5, 2, 1}, // toll-en = toll-fr; Nordpress
		{"disputed and confirmed", nil, []annotate.Verdict{annotate.Disputed, annotate.Confirmed}, 6, 6, 2},
		{"unverified in one article", []string{en}, []annotate.Verdict{annotate.Unverified}, 1, 1, 1}, // soldiers; presidency statement
		{"nothing matches", []string{fr}, []annotate.Verdict{annotate.Disputed}, 0, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.db.ReportModel(ctx, tc.articles, tc.verdicts)
			if err != nil {
				t.Fatal(err)
			}
			want := full.Filter(tc.articles, tc.verdicts)
			if len(got.Claims) != tc.claims || len(got.Links) != tc.links || len(got.Sources) != tc.ss {
				t.Errorf("claims %d, links %d, sources %d; want %d, %d, %d", len(got.Claims), len(got.Links), len(got.Sources), tc.claims, tc.links, tc.ss)
			}
			for what, pair := range map[string][2][]string{
				"claims":    {rpClaimIDs(got), rpClaimIDs(want)},
				"links":     {rpLinkIDs(got), rpLinkIDs(want)},
				"sources":   {rpSourceIDs(got), rpSourceIDs(want)},
				"history":   {rpHistoryIDs(got), rpHistoryIDs(want)},
				"reviewers": {rpReviewerNames(got), rpReviewerNames(want)},
				"articles":  {rpIDs(got.Articles, func(a annotate.Article) string { return a.ID }), rpIDs(want.Articles, func(a annotate.Article) string { return a.ID })},
			} {
				if !slices.Equal(pair[0], pair[1]) {
					t.Errorf("%s: %v, want %v (as Model.Filter keeps)", what, pair[0], pair[1])
				}
			}
			for what, pair := range rpScopeExtras(got, want) {
				if !slices.Equal(pair[0], pair[1]) {
					t.Errorf("%s: %v, want %v (as Model.Filter keeps)", what, pair[0], pair[1])
				}
			}
			kept := map[string]bool{}
			for _, c := range got.Claims {
				kept[c.ID] = true
				if len(tc.verdicts) > 0 && !slices.Contains(tc.verdicts, c.Verdict) {
					t.Errorf("claim %s has verdict %s", c.ID, c.Verdict)
				}
			}
			for _, l := range got.Links {
				if !kept[l.ClaimID] || (l.TargetClaimID != "" && !kept[l.TargetClaimID]) {
					t.Errorf("link %s leaves the kept claims", l.ID)
				}
			}
			total := 0
			for _, a := range got.Articles {
				total += a.Counts.Total()
			}
			if total != len(got.Claims) {
				t.Errorf("article counts add up to %d, want %d", total, len(got.Claims))
			}
		})
	}

	if _, err := f.db.ReportModel(ctx, []string{"no-such-article"}, nil); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("unknown article: %v, want KindNotFound", err)
	}
	if _, err := f.db.ReportModel(ctx, nil, []annotate.Verdict{"maybe"}); !storage.IsKind(err, storage.KindUsage) {
		t.Errorf("unknown verdict: %v, want KindUsage", err)
	}
	if err := f.db.DeleteArticle(ctx, fr); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.ReportModel(ctx, []string{fr}, nil); !storage.IsKind(err, storage.KindNotFound) {
		t.Errorf("deleted article: %v, want KindNotFound", err)
	}
	m, err := f.db.ReportModel(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Articles) != 2 || len(m.Claims) != 5 {
		t.Errorf("after deleting an article: %d articles, %d claims; want 2, 5", len(m.Articles), len(m.Claims))
	}
	// The deleted article is a tombstone with its text, and so are its two claims (deleted
	// with it) beside the claim deleted before; an export of other articles holds none of them.
	if len(m.Deleted.Articles) != 1 || m.Deleted.Articles[0].Row.ID != fr || m.Deleted.Articles[0].Row.Text == "" ||
		m.Deleted.Articles[0].By != "Alice Martin" || len(m.Deleted.Claims) != 3 {
		t.Errorf("after deleting an article: tombstones %d articles, %d claims", len(m.Deleted.Articles), len(m.Deleted.Claims))
	}
	some, err := f.db.ReportModel(ctx, []string{en}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(some.Deleted.Articles) != 0 || len(some.Deleted.Claims) != 0 {
		t.Errorf("an export of one article holds the tombstones of another: %+v", some.Deleted)
	}
}

// rpBuildBig writes a database of n articles with perArticle claims each (numbered French
// sentences with accents, one claim per sentence in all three verdicts, a note on every other
// claim), a source for every fifth claim, a same-claim link between the same sentence of
// paired articles for every tenth claim, and the history entries of all these rows, with
// database/sql in one transaction (100,000 AddClaim transactions would take minutes). The
// full-text index is left empty: exports do not read it.
func rpBuildBig(tb testing.TB, path string, n, perArticle int) (articles []string) {
	tb.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	rev, err := db.SetReviewer(ctx, "Bench Reviewer")
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=OFF&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	prep := func(q string) *sql.Stmt {
		s, err := tx.Prepare(q)
		if err != nil {
			tb.Fatal(err)
		}
		return s
	}
	insArticle := prep(`INSERT INTO articles(id, sha256, title, language, text, imported_at, imported_by, created_at, created_by, updated_at, updated_by)
		VALUES (?,?,?,'fr',?,?,?,?,?,?,?)`)
	insClaim := prep(`INSERT INTO claims(id, article_id, rune_start, rune_end, exact, prefix, suffix, verdict, note, created_at, created_by, updated_at, updated_by)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	insSource := prep(`INSERT INTO sources(id, url, title, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?)`)
	insLink := prep(`INSERT INTO links(id, claim_id, relation, source_id, target_claim_id, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?)`)
	insHist := prep(`INSERT INTO history(id, at, reviewer_id, tbl, row_id, field, old, new) VALUES (?,?,?,?,?,?,?,?)`)
	exec := func(s *sql.Stmt, args ...any) {
		if _, err := s.Exec(args...); err != nil {
			tb.Fatal(err)
		}
	}
	start := time.Date(2020, 10, 9, 8, 0, 0, 0, time.UTC)
	tick := 0
	stamp := func() string {
		tick++
		return start.Add(time.Duration(tick) * time.Millisecond).Format("2006-01-02T15:04:05.000000Z")
	}
	id := func() string { return uuid.Must(uuid.NewV7()).String() }
	hist := func(table, row, field string, old, new any) {
		exec(insHist, id(), stamp(), rev.ID, table, row, field, old, new)
	}
	verdicts := []string{"confirmed", "disputed", "unverified"}
	var prev []string // the claims of the previous article, for same-claim links
	for a := range n {
		var b strings.Builder
		var spans [][2]int
		pos := 0
		for k := range perArticle {
			s := fmt.Sprintf("La phrase n° %d de l’article %d cite « un chiffre de %d morts » selon l’agence.", k+1, a+1, (a*7+k*13)%900)
			spans = append(spans, [2]int{pos, pos + utf8.RuneCountInString(s)})
			b.WriteString(s)
			b.WriteString(" ")
			pos += utf8.RuneCountInString(s) + 1
		}
		text := b.String()
		runes := []rune(text)
		aid, at := id(), stamp()
		exec(insArticle, aid, corpus.HashText(text), fmt.Sprintf("Article de synthèse n° %d", a+1), text, at, rev.ID, at, rev.ID, at, rev.ID)
		hist("articles", aid, "create", nil, `{"title":"synthèse"}`)
		articles = append(articles, aid)
		var claims []string
		for k, sp := range spans {
			cid, at := id(), stamp()
			v := verdicts[(a+k)%3]
			note := ""
			if k%2 == 0 {
				note = fmt.Sprintf("Vérifié auprès de l’agence — dépêche %d.", k)
			}
			exec(insClaim, cid, aid, sp[0], sp[1], string(runes[sp[0]:sp[1]]), string(runes[max(0, sp[0]-32):sp[0]]),
				string(runes[sp[1]:min(len(runes), sp[1]+32)]), v, note, at, rev.ID, at, rev.ID)
			hist("claims", cid, "create", nil, `{"verdict":"unverified"}`)
			if v != "unverified" {
				hist("claims", cid, "verdict", "unverified", v)
			}
			claims = append(claims, cid)
			if k%5 == 0 {
				sid, lid, at := id(), id(), stamp()
				exec(insSource, sid, fmt.Sprintf("https://agence.example/depeche/%d/%d", a, k), "Dépêche de l’agence", at, rev.ID, at, rev.ID)
				hist("sources", sid, "create", nil, "{}")
				exec(insLink, lid, cid, []string{"supports", "contradicts"}[k%2], sid, nil, at, rev.ID, at, rev.ID)
				hist("links", lid, "create", nil, "{}")
			}
			if k%10 == 0 && a%2 == 1 {
				lid, at := id(), stamp()
				exec(insLink, lid, cid, "same", nil, prev[k], at, rev.ID, at, rev.ID)
				hist("links", lid, "create", nil, "{}")
			}
		}
		prev = claims
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		tb.Fatal(err)
	}
	return articles
}

// BenchmarkReportModel100k loads the export model of a database of 1,000 articles with
// 100,000 claims, 25,000 links, 20,000 sources and 212,667 history entries: everything, one
// article, and the confirmed claims. Figures: docs/perf/report.md.
//
//	go test ./storage/ -run '^$' -bench ReportModel100k -benchtime 3x
func BenchmarkReportModel100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	arts := rpBuildBig(b, path, 1000, 100)
	db := rpOpen(b, path, "Bench Reviewer")
	ctx := context.Background()
	for _, bc := range []struct {
		name     string
		articles []string
		verdicts []annotate.Verdict
		claims   int
	}{
		{"all", nil, nil, 100_000},
		{"one-article", arts[500:501], nil, 100},
		{"confirmed", nil, []annotate.Verdict{annotate.Confirmed}, 33_334},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				m, err := db.ReportModel(ctx, bc.articles, bc.verdicts)
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Claims) != bc.claims {
					b.Fatalf("%d claims, want %d", len(m.Claims), bc.claims)
				}
			}
		})
	}
}

// BenchmarkImportJSON100k restores the JSON export of that database into a new one.
//
//	go test ./storage/ -run '^$' -bench ImportJSON100k -benchtime 1x
func BenchmarkImportJSON100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	rpBuildBig(b, path, 1000, 100)
	src := rpOpen(b, path, "Bench Reviewer")
	ctx := context.Background()
	m, err := src.ReportModel(ctx, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, m); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	i := 0
	for b.Loop() {
		i++
		dst := rpOpen(b, filepath.Join(b.TempDir(), fmt.Sprintf("restored%d.db", i)), "Importer")
		got, err := report.ReadJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := dst.ImportJSON(ctx, got, "big.json")
		if err != nil {
			b.Fatal(err)
		}
		if rep.NewClaims != 100_000 {
			b.Fatalf("restored %d claims", rep.NewClaims)
		}
	}
}
