// Package corpustest finds the articles the tests of every package read: the real seed
// articles of the acceptance suite (outside the repository) and the project's own test
// articles (inside it).
package corpustest

import (
	"os"
	"path/filepath"
	"testing"
)

// SeedsEnv names the environment variable that points the acceptance suite at the folder of
// the real seed articles (`make acceptance SEEDS=DIR` sets it).
const SeedsEnv = "FACTDESK_SEEDS"

// RepoRoot returns the repository's root folder: the nearest folder above the working
// directory that holds go.mod.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("corpustest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// SeedDir returns the folder of the real seed articles for the acceptance suite:
// $FACTDESK_SEEDS, else ../shared/seeds beside the repository. A missing folder fails the
// test with what to do: the acceptance suite never skips.
func SeedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv(SeedsEnv)
	if dir == "" {
		dir = filepath.Join(RepoRoot(tb), "..", "shared", "seeds")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		tb.Fatalf("acceptance suite: no seed articles at %s: run `make acceptance SEEDS=DIR` with the folder of the seed articles", abs)
	}
	return abs
}

// Seed returns the path of one seed article by its file name, failing the test when it is missing.
func Seed(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(SeedDir(tb), name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("acceptance suite: seed article %s is missing: %v", p, err)
	}
	return p
}

// The project's own test articles, in testdata/articles at the repository root: one fictional
// event (the failure of the Serrat dam on the Verlais) told by three outlets in two languages,
// with the boilerplate of real pages. testdata/articles/README.md lists their noise and the
// figures and claims they share.
const (
	// ArticleEN is the English wire story (outlet Northline News): death toll "300 to 400",
	// "140,000" residents, unclear whether the ministers accepted; ends in subscription and
	// app-store boilerplate with badge file names.
	ArticleEN = "en_serrat_dam.txt"
	// ArticleFR is the French story with no outlet named: breadcrumb glued to the title, teaser
	// headlines, "Lire aussi" teasers, "300 à 400 morts", the ministers "n’ont pas confirmé
	// leur participation"; ends in a newsletter call and a "LEAVE A REPLY" comment form.
	ArticleFR = "fr_barrage_courrier.txt"
	// ArticleFR2 is the French story of Info-Verlais, one paragraph a line: "140 000"
	// residents, the ministers "avaient confirmé leur participation" (contradicting ArticleFR);
	// ends in share buttons, "Laisser un commentaire" and a social-media call.
	ArticleFR2 = "fr_barrage_infoverlais.txt"
)

// Articles lists the file names of the project's test articles, English first.
var Articles = []string{ArticleEN, ArticleFR, ArticleFR2}

// ArticlesDir returns the folder of the project's own test articles (testdata/articles at the
// repository root), which every clone has.
func ArticlesDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(RepoRoot(tb), "testdata", "articles")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		tb.Fatalf("no test articles at %s: the folder testdata/articles of the repository is missing", dir)
	}
	return dir
}

// Article returns the path of one of the project's test articles by its file name (ArticleEN,
// ArticleFR, ArticleFR2), failing the test when it is missing.
func Article(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(ArticlesDir(tb), name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("test article %s is missing: %v", p, err)
	}
	return p
}

// ReadArticle returns the raw text of one of the project's test articles.
func ReadArticle(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(Article(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
