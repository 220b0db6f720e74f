//go:build acceptance

package report

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"factdesk/annotate"
	"factdesk/corpus"
	"factdesk/corpus/corpustest"
)

// seedModel is the fixture with the real seed articles (`make acceptance SEEDS=DIR`) in place of
// the project's test articles: the same ids, verdicts, links, sources and history, each claim
// anchored on the quote a fact-checker picks in the seed.
func seedModel(t *testing.T) Model {
	t.Helper()
	m := fixtureModel(t)
	files := map[string]string{art000: "000_f6bb23693e27c5f2.txt", art003: "003_262efa452888d538.txt", art004: "004_532ae3c648773e60.txt"}
	texts := map[string]string{}
	for i := range m.Articles {
		a := &m.Articles[i]
		name, ok := files[a.ID]
		if !ok {
			continue
		}
		b, err := os.ReadFile(corpustest.Seed(t, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		a.Text, a.SHA256, a.Origin = text, corpus.HashText(text), "seeds/"+name
		texts[a.ID] = text
	}
	quotes := map[string]string{
		claimID(1):  "300 to 400, including around fifty civilians",
		claimID(2):  "it was not clear whether the two foreign chiefs of the two countries had accepted",
		claimID(3):  "each side claiming to have eliminated thousands of enemy soldiers",
		claimID(4):  "half of the 140,000 inhabitants of Nagorno-Karabakh have already been displaced",
		claimID(5):  "Ceyhun Bayramov was in Geneva on Thursday",
		claimID(6):  "300 à 400 morts, dont une cinquantaine de civils",
		claimID(7):  "n’ont pas confirmé leur participation",
		claimID(8):  "Ceyhun Bayramov, était à Genève",
		claimID(9):  "« Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou pour mener des consultations »",
		claimID(10): "avaient confirmé leur participation",
		claimID(11): "l’avion avec le ministre azerbaïdjanais des Affaires étrangères est arrivé à Moscou",
		claimID(12): "L’Arménie a déclaré la loi martiale et – pour la première fois, une mobilisation générale",
	}
	for i := range m.Claims {
		c := &m.Claims[i]
		c.Anchor = anchorOf(t, texts[c.ArticleID], quotes[c.ID])
	}
	m.Deleted.Claims[0].Row.Anchor = anchorOf(t, texts[art004], "selon les données de Flight Radar")
	return m
}

// TestAcceptanceReportsOnSeeds renders every format from the seed articles and reads each one
// back: every claim is there with its quote and verdict, and the JSON, CSV and W3C exports read
// back as the model.
func TestAcceptanceReportsOnSeeds(t *testing.T) {
	m := seedModel(t)
	for _, f := range Formats {
		if a, b := render(t, f, m), render(t, f, m); len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: empty, or two renders of the same model differ", f)
		}
	}
	t.Run("html", func(t *testing.T) {
		doc := parseHTML(t, render(t, HTML, m))
		checkInert(t, doc)
		ids := byID(doc)
		for _, c := range m.Claims {
			el := ids[ClaimAnchor(c.ID)]
			if el == nil {
				t.Errorf("claim %s is missing from the report", c.ID)
				continue
			}
			var mark string
			walk(el, func(n *html.Node) {
				if n.DataAtom == atom.Mark {
					mark = textOf(n)
				}
			})
			vclass := "v-" + string(c.Verdict)
			if c.Contested {
				vclass = "v-contested"
			}
			if !hasClass(el, vclass) || mark != oneLine(c.Exact) {
				t.Errorf("claim %s: verdict or highlighted quote %q wrong, want %s %q", c.ID, mark, vclass, c.Exact)
			}
		}
		contra := textOf(ids["contradictions"])
		for _, want := range []string{"avaient confirmé leur participation", "n’ont pas confirmé leur participation", "Ceyhun Bayramov, était à Genève"} {
			if !strings.Contains(contra, want) {
				t.Errorf("contradictions section lacks %q", want)
			}
		}
	})
	t.Run("markdown", func(t *testing.T) {
		doc := markdownToHTML(t, render(t, Markdown, m))
		checkInert(t, doc)
		bold := map[string]bool{}
		walk(doc, func(n *html.Node) {
			if n.DataAtom == atom.Strong {
				bold[textOf(n)] = true
			}
		})
		for _, c := range m.Claims {
			if !bold[c.Exact] {
				t.Errorf("claim %s: quote %q not in bold", c.ID, c.Exact)
			}
		}
	})
	t.Run("csv", func(t *testing.T) {
		rows := readCSV(t, render(t, CSV, m))
		got := map[string][]string{}
		for _, r := range rows[1:] {
			got[r[0]] = r
		}
		for _, c := range m.Claims {
			if want := csvExpected(m, c); !reflect.DeepEqual(got[c.ID], want) {
				t.Errorf("claim %s:\n got %q\nwant %q", c.ID, got[c.ID], want)
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		got, err := ReadJSON(bytes.NewReader(render(t, JSON, m)))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Claims, m.Claims) || !reflect.DeepEqual(got.Deleted.Claims, m.Deleted.Claims) {
			t.Error("the claims read back differ from the model's")
		}
		for i, a := range got.Articles {
			if a.Text != m.Articles[i].Text || a.SHA256 != m.Articles[i].SHA256 {
				t.Errorf("article %s: text or hash changed on the round trip", a.ID)
			}
		}
	})
	t.Run("w3c", func(t *testing.T) {
		checkW3CModel(t, m, render(t, W3C, m))
	})
	t.Run("pdf", func(t *testing.T) {
		text := pdfText2(t, render(t, PDF, m))
		for _, c := range m.Claims {
			if !strings.Contains(text, oneLine(c.Exact)) {
				t.Errorf("the PDF lacks %q", c.Exact)
			}
		}
		for _, want := range []string{annotate.Confirmed.Symbol() + " " + annotate.Confirmed.Label(), "Дмитрий Орлов"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	})
}
