package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 claims"}, {1, "1 claim"}, {2, "2 claims"}} {
		if got := plural(c.n, "claim"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := pluralVerb(1, "was", "were") + "/" + pluralVerb(3, "was", "were"); got != "1 was/3 were" {
		t.Errorf("pluralVerb: %q", got)
	}
	s := importSummary{added: 1, existing: 1, failed: []string{"x.pdf: not a text file"}}.String()
	for _, want := range []string{"Imported 1 new article;", "1 was already", "1 file could not"} {
		if !strings.Contains(s, want) {
			t.Errorf("import summary lacks %q: %q", want, s)
		}
	}
}

// Counts shown for one thing are in the singular: the search, the history, the claims list.
func TestCountsInTheSingular(t *testing.T) {
	h := newHarness(t, nil)
	en, _ := h.importTestArticles()
	h.makeClaim(h.mw.openArticle(en), "300 to 400")
	if got := h.mw.inspector.history.Items[0].Title; got != "History (1 change)" {
		t.Errorf("history title %q", got)
	}
	h.mw.claims.reload()
	h.wait()
	if got := h.mw.claims.count.Text(); got != "1 claim" {
		t.Errorf("claims count %q", got)
	}
	test.Type(h.mw.corpus.search, "400")
	h.mw.corpus.searcher.Flush()
	h.wait()
	if got := h.mw.corpus.count.Text(); !strings.HasPrefix(got, "1 claim, ") || strings.Contains(got, "1 articles") || strings.Contains(got, "1 claims") {
		t.Errorf("search count %q", got)
	}
}

// Every "Menu > Item" named in the app's texts (messages, help, comments) is a real menu
// item, spelled as in the menu.
func TestMessagesNameRealMenuItems(t *testing.T) {
	h := newHarness(t, nil)
	labels := map[string][]string{}
	for _, m := range h.mw.mainMenu.Items {
		for _, it := range m.Items {
			if !it.IsSeparator {
				labels[m.Label] = append(labels[m.Label], it.Label)
			}
		}
	}
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob(filepath.Join("sharing", "*.go"))
	re := regexp.MustCompile(`\b(File|Edit|Claim|View|Help) > `)
	commentBreak := regexp.MustCompile(`\s*\n\s*//\s*`)
	checked := 0
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			menu, rest := text[m[2]:m[3]], text[m[1]:min(len(text), m[1]+200)]
			rest = commentBreak.ReplaceAllString(rest, " ") // a comment wrapped over lines
			ok := false
			for _, l := range labels[menu] {
				ok = ok || strings.HasPrefix(rest, l)
			}
			if !ok {
				line := strings.Count(text[:m[0]], "\n") + 1
				t.Errorf("%s:%d names %s > %q, not an item of the %s menu %q", f, line, menu, clip(rest, 40), menu, labels[menu])
			}
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d menu references found: the scan is broken", checked)
	}
}

// Help > Getting started explains the colours and marks of the claims, as the legend under
// the panes draws them.
func TestGettingStartedExplainsTheMarks(t *testing.T) {
	for _, want := range []string{"zig-zag", "dotted", "solid", "outline"} {
		if !strings.Contains(gettingStarted, want) {
			t.Errorf("Getting started does not explain %q", want)
		}
	}
	h := newHarness(t, nil)
	if h.mw.legend == nil || !h.mw.legend.Visible() {
		t.Error("no legend under the panes")
	}
}
