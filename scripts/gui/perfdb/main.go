// Command perfdb makes a database for measuring the desktop app (scripts/gui/perf.sh): many
// short articles, as a newsroom's corpus has them, plus two long ones (200 KB each, with a
// thousand claims) that the measurement opens side by side. It prints the ids of the two
// long articles, one per line.
//
//	go run ./scripts/gui/perfdb -db /tmp/perf.db -n 10000
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/storage"
)

var words = strings.Fields(`the of and to in a is that for on was with he as it by at from his an were are which
this be has or had not but its they have one been their new after first also who into two more other when
year government people city council mayor minister port fire police court report figures official said
according statement thousand percent million inquiry evidence witness hospital injured evacuated residents
ministry spokesman agency source claim confirmed denied warehouse tonnes harbour vessel investigation union`)

// text returns about size bytes of sentences in paragraphs.
func text(r *rand.Rand, size int) string {
	var b strings.Builder
	for b.Len() < size {
		n := 8 + r.IntN(18)
		for i := range n {
			w := words[r.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i < n-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(". ")
		if r.IntN(5) == 0 {
			b.WriteString("\n\n")
		}
	}
	return strings.TrimSpace(b.String())
}

func main() {
	path := flag.String("db", "perf.db", "the database `PATH` to create")
	n := flag.Int("n", 10000, "how many short articles")
	bigKB := flag.Int("big", 200, "size of the two long articles, in KB")
	claims := flag.Int("claims", 1000, "claims on each long article")
	flag.Parse()
	if err := run(*path, *n, *bigKB, *claims); err != nil {
		fmt.Fprintln(os.Stderr, "perfdb:", err)
		os.Exit(1)
	}
}

func run(path string, n, bigKB, claims int) error {
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.SetReviewer(ctx, "Perf"); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	langs := []string{"en", "fr"}
	var batch []corpus.Article
	for i := range n {
		batch = append(batch, corpus.Article{
			Title: fmt.Sprintf("Article %d: %s", i+1, text(r, 60)), Outlet: fmt.Sprintf("Outlet %d", i%40),
			Language: langs[i%2], Published: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
			URL: fmt.Sprintf("https://news.example.org/%d", i), Text: text(r, 2000), Origin: "perfdb", Format: "txt",
		})
		if len(batch) == 500 || i == n-1 {
			if _, err := db.ImportArticles(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	verdicts := annotate.Verdicts
	for k := range 2 {
		a := corpus.Article{Title: "Long article " + []string{"Zeppelin", "Quokka"}[k], Outlet: "Perf Weekly", Language: "en",
			Published: "2025-03-15", Text: text(r, bigKB<<10), Origin: "perfdb", Format: "txt"}
		res, err := db.ImportArticle(ctx, a)
		if err != nil {
			return err
		}
		runes := []rune(a.Text)
		step := len(runes) / (claims + 1)
		for c := range claims {
			start := c * step
			end := min(start+20+r.IntN(max(step-20, 1)), len(runes))
			anchor, err := annotate.NewAnchor(a.Text, start, end)
			if err != nil {
				return err
			}
			if _, err := db.AddClaim(ctx, res.Article.ID, anchor, verdicts[c%3], ""); err != nil {
				return err
			}
		}
		fmt.Println(res.Article.ID)
	}
	return nil
}
