// Package demo is Factdesk's built-in demo corpus: six short articles, written for the
// project, about one fictional event (a warehouse fire at the port of Port-Ravelle, a town
// invented for the purpose), in English and French, whose figures agree, differ and
// contradict each other; and a few claims in every verdict, with sources and links, so a new
// user sees the side-by-side workflow at once. The articles go through the corpus pipeline
// like any imported file.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
	"factdesk/storage/ingest"
)

//go:embed articles/*.html
var articles embed.FS

// File is one demo article as a file.
type File struct {
	Name string // e.g. "01-gazette-en.html"
	Data []byte
}

// Files returns the demo articles in order.
func Files() []File {
	entries, err := fs.ReadDir(articles, "articles")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	var out []File
	for _, e := range entries {
		b, err := articles.ReadFile(path.Join("articles", e.Name()))
		if err != nil {
			panic(err)
		}
		out = append(out, File{Name: e.Name(), Data: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source is a demo source of a claim.
type Source struct {
	annotate.Source
	Relation annotate.Relation
}

// Claim is a pre-made demo claim: a quote of one demo file.
type Claim struct {
	Key     string // names the claim in Links
	File    string
	Quote   string
	Verdict annotate.Verdict
	Note    string
	Sources []Source
}

// Link joins two demo claims by key.
type Link struct {
	From, To string
	Relation annotate.Relation
}

// Claims are the pre-made claims: some in every verdict, and some left for the user.
var Claims = []Claim{
	{Key: "gazette-12", File: "01-gazette-en.html", Quote: "injured 12 people", Verdict: annotate.Disputed,
		Note: "Fire service figure on Friday night. The prefecture's final figure is 14 injured (Coastal Wire, Northern Ledger); hospitals list 14 patients."},
	{Key: "gazette-3000", File: "01-gazette-en.html", Quote: "forced the evacuation of some 3,000 residents", Verdict: annotate.Disputed,
		Note: "3,000 counted every address in the perimeter, offices included; the prefecture says 1,800 people actually left."},
	{Key: "gazette-40t", File: "01-gazette-en.html", Quote: "about 40 tonnes of agricultural fertiliser", Verdict: annotate.Confirmed,
		Note: "The customs declaration says 38 tonnes of urea-based fertiliser: 'about 40' is fair.",
		Sources: []Source{{Source: annotate.Source{URL: "https://port-ravelle.example.org/customs/warehouse-7-declaration", Title: "Customs declaration, Warehouse 7",
			Publisher: "Port-Ravelle port authority", Quote: "Urea-based fertiliser, 38 t, awaiting shipment."}, Relation: annotate.Supports}}},
	{Key: "courrier-3000", File: "02-courrier-fr.html", Quote: "Environ 3 000 habitants ont été évacués", Verdict: annotate.Disputed},
	{Key: "courrier-400t", File: "02-courrier-fr.html", Quote: "près de 400 tonnes de nitrate d'ammonium", Verdict: annotate.Disputed,
		Note: "Single anonymous union source. Prefecture: 'no ammonium nitrate at all'; customs declaration: 38 t of urea.",
		Sources: []Source{{Source: annotate.Source{URL: "https://port-ravelle.example.org/customs/warehouse-7-declaration", Title: "Customs declaration, Warehouse 7",
			Publisher: "Port-Ravelle port authority", Quote: "Urea-based fertiliser, 38 t, awaiting shipment."}, Relation: annotate.Contradicts}}},
	{Key: "wire-14", File: "03-coastalwire-en.html", Quote: "14 people were injured, three of them seriously", Verdict: annotate.Confirmed,
		Note: "Prefecture statement of Saturday afternoon; matches hospital admissions."},
	{Key: "wire-38t", File: "03-coastalwire-en.html", Quote: "Warehouse 7 held 38 tonnes of fertiliser, almost all of it urea", Verdict: annotate.Confirmed},
	{Key: "radio-2021", File: "04-radioravelle-fr.html", Quote: "aucune inspection de sécurité n'a eu lieu dans l'entrepôt depuis 2021", Verdict: annotate.Disputed,
		Note: "The port authority published the September 2023 inspection report.",
		Sources: []Source{{Source: annotate.Source{URL: "https://port-ravelle.example.org/safety/inspection-2023-09", Title: "Inspection report, Warehouse 7, September 2023",
			Publisher: "Port-Ravelle port authority", Quote: "One minor signage defect found."}, Relation: annotate.Contradicts}}},
	{Key: "maritime-200", File: "05-quotidienmaritime-fr.html", Quote: "la destruction de 200 conteneurs", Verdict: annotate.Unverified,
		Note: "Delmarre Shipping's figure; the harbour master counted 60 damaged, about 30 destroyed. Ask Delmarre for its list."},
	{Key: "maritime-3days", File: "05-quotidienmaritime-fr.html", Quote: "après trois jours de fermeture", Verdict: annotate.Unverified,
		Note: "The same article says the port was closed Saturday and Sunday only."},
	{Key: "ledger-14", File: "06-northernledger-en.html", Quote: "The prefecture's final figure is 14 injured", Verdict: annotate.Confirmed},
}

// Links are the pre-made links between demo claims.
var Links = []Link{
	{From: "gazette-3000", To: "courrier-3000", Relation: annotate.SameClaim},
	{From: "courrier-400t", To: "wire-38t", Relation: annotate.Contradicts},
	{From: "wire-14", To: "ledger-14", Relation: annotate.SameClaim},
	{From: "gazette-12", To: "wire-14", Relation: annotate.Contradicts},
	{From: "gazette-40t", To: "wire-38t", Relation: annotate.Supports},
}

// Result tells what Load did.
type Result struct {
	ArticleIDs []string // every demo article, in file order
	Added      int      // articles new to the database
	Claims     int      // claims made
	Skipped    []string // claims whose quote was not found in the article as imported
}

// Load imports the demo articles into db (the reviewer must be set). For the articles new
// to the database it also makes the demo claims, sources and links; loading the demo twice
// changes nothing the second time. parse turns a file into an article (the corpus
// pipeline).
func Load(ctx context.Context, db *storage.DB, parse func(name string, data []byte) (corpus.Article, error)) (Result, error) {
	var res Result
	ids := map[string]string{}   // file -> article id
	texts := map[string]string{} // file -> text, for new articles only
	files := Files()
	items := make([]ingest.Item, len(files))
	for i, f := range files {
		items[i] = ingest.Item{Name: f.Name, Data: f.Data}
	}
	// The same pipeline as every import; the texts of new articles are kept for the claims.
	parsed := map[string]string{}
	var mu sync.Mutex
	tally := ingest.Run(ctx, db, items, ingest.Options{Parse: func(name string, data []byte) (corpus.Article, error) {
		a, err := parse(name, data)
		mu.Lock()
		parsed[name] = a.Text
		mu.Unlock()
		return a, err
	}})
	if tally.Cancelled {
		return res, context.Canceled
	}
	if tally.Err != nil {
		return res, tally.Err
	}
	for _, o := range tally.Outcomes {
		if o.Err != nil {
			return res, fmt.Errorf("demo article %w", o.Err)
		}
		ids[o.Name] = o.Result.Article.ID
		res.ArticleIDs = append(res.ArticleIDs, o.Result.Article.ID)
		if !o.Result.Existing {
			res.Added++
			texts[o.Name] = parsed[o.Name]
		}
	}
	claimIDs := map[string]string{}
	for _, c := range Claims {
		text, ok := texts[c.File]
		if !ok {
			continue
		}
		anchor, err := annotate.FindQuote(text, c.Quote, 1)
		if err != nil {
			res.Skipped = append(res.Skipped, c.Key)
			continue
		}
		made, err := db.AddClaim(ctx, ids[c.File], anchor, c.Verdict, c.Note)
		if err != nil {
			return res, err
		}
		res.Claims++
		claimIDs[c.Key] = made.ID
		for _, s := range c.Sources {
			if _, err := db.AddSource(ctx, made.ID, s.Source, s.Relation); err != nil {
				return res, err
			}
		}
	}
	for _, l := range Links {
		from, ok1 := claimIDs[l.From]
		to, ok2 := claimIDs[l.To]
		if !ok1 || !ok2 {
			continue
		}
		if _, err := db.LinkClaims(ctx, from, to, l.Relation); err != nil {
			return res, err
		}
	}
	return res, nil
}
