package corpustest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The project's test articles are in every clone, at testdata/articles of the repository, and
// are news-sized texts in UTF-8.
func TestArticlesAreInTheRepository(t *testing.T) {
	dir := ArticlesDir(t)
	if want := filepath.Join(RepoRoot(t), "testdata", "articles"); dir != want {
		t.Errorf("ArticlesDir = %s, want %s", dir, want)
	}
	for _, name := range Articles {
		p := Article(t, name)
		if filepath.Dir(p) != dir {
			t.Errorf("Article(%s) = %s, not in %s", name, p, dir)
		}
		text := ReadArticle(t, name)
		b, err := os.ReadFile(p)
		if err != nil || string(b) != text {
			t.Errorf("ReadArticle(%s) is not the file's content: %v", name, err)
		}
		if !utf8.ValidString(text) || len(text) < 2000 || len(text) > 6000 || strings.Contains(text, "\r") {
			t.Errorf("%s: %d bytes, valid UTF-8 %v: want a 2–6 KB news text with \\n line breaks", name, len(text), utf8.ValidString(text))
		}
	}
}
