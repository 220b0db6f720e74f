package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"factdesk/annotate"
	"factdesk/corpus"
)

// pagedPDF makes a three-page PDF of our own writing, one paragraph a page.
func pagedPDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetTitle("Port-Ravelle harbour inspection", false)
	for _, p := range []string{
		"The harbour master inspected the eastern quay on Monday morning. Sixty containers were damaged by the storm, she said.",
		"The port authority later counted the losses again. About thirty containers were destroyed outright and twelve were washed into the sea.",
		"Repairs to the quay will take until the spring, and the ferry to Castelmar will leave from the western pier until then.",
	} {
		f.AddPage()
		f.SetFont("Helvetica", "", 12)
		f.MultiCell(0, 6, p, "", "L", false)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pagedModel is a model of one article read from pagedPDF, with a confirmed claim on page 2
// and a disputed one across pages 2 and 3.
func pagedModel(t *testing.T) Model {
	t.Helper()
	a, err := corpus.Parse("inspection.pdf", pagedPDF(t))
	if err != nil {
		t.Fatalf("reading the test PDF: %v", err)
	}
	if len(a.Pages) != 3 {
		t.Fatalf("the test PDF reads as %d pages, want 3", len(a.Pages))
	}
	art := annotate.Article{ID: fid("a0000000", 9), Article: a, SHA256: corpus.HashText(a.Text)}
	onPage2, err := annotate.FindQuote(a.Text, "About thirty containers were destroyed outright", 1)
	if err != nil {
		t.Fatal(err)
	}
	// From the end of page 2 to the start of page 3.
	across := strings.Index(a.Text, "washed into the sea")
	until := strings.Index(a.Text, "Repairs to the quay") + len("Repairs to the quay")
	span, err := annotate.FindQuote(a.Text, a.Text[across:until], 1)
	if err != nil {
		t.Fatal(err)
	}
	return Model{
		Settings: Settings{Title: "Harbour", Organization: "Desk", SiteURL: "https://factcheck.example/harbour", Generated: fixedGenerated},
		Articles: []annotate.Article{art},
		Claims: []annotate.Claim{
			{ID: claimID(21), ArticleID: art.ID, Anchor: onPage2, Verdict: annotate.Confirmed, CreatedBy: "Alice Martin", CreatedAt: at(9, 9, 0)},
			{ID: claimID(22), ArticleID: art.ID, Anchor: span, Verdict: annotate.Disputed, CreatedBy: "Alice Martin", CreatedAt: at(9, 9, 5)},
		},
	}
}

// A claim on a PDF gives its page in the W3C export, as a FragmentSelector "page=N" (RFC 8118)
// refined by the quote, beside the two text selectors; ReadW3C reads the page back.
func TestW3CGivesAndReadsThePage(t *testing.T) {
	m := pagedModel(t)
	out := render(t, W3C, m)
	var doc struct {
		First struct {
			Items []struct {
				ID     string `json:"id"`
				Target struct {
					Selector []map[string]any `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.First.Items) != 2 {
		t.Fatalf("%d annotations, want 2", len(doc.First.Items))
	}
	for i, want := range []string{"page=2", "page=2"} {
		sel := doc.First.Items[i].Target.Selector
		if len(sel) != 3 || sel[0]["type"] != "TextQuoteSelector" || sel[1]["type"] != "TextPositionSelector" {
			t.Fatalf("annotation %d: selectors %v", i, sel)
		}
		frag := sel[2]
		refined, _ := frag["refinedBy"].(map[string]any)
		if frag["type"] != "FragmentSelector" || frag["conformsTo"] != PDFFragmentSpec || frag["value"] != want ||
			refined["type"] != "TextQuoteSelector" || refined["exact"] != sel[0]["exact"] {
			t.Errorf("annotation %d: page selector %v, want a FragmentSelector %s refined by the quote", i, frag, want)
		}
	}

	imp, err := ReadW3C(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range imp.Claims {
		if c.Page != 2 || c.Anchor != m.Claims[i].Anchor || !c.HasPosition {
			t.Errorf("claim %d read back on page %d at %v, want page 2 at %v", i, c.Page, c.Anchor, m.Claims[i].Anchor)
		}
		if a, ok := c.MatchArticle(m.Articles); !ok || a.ID != m.Articles[0].ID {
			t.Errorf("claim %d does not match its article", i)
		}
	}
}

// Files without a page, and pages in the other spellings the model allows, still read; a page
// that is no page number is refused with what to write.
func TestW3CReadsFilesWithoutOrWithOtherPages(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "golden", "articles.w3c.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := ReadW3C(bytes.NewReader(golden))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range imp.Claims {
		if c.Page != 0 {
			t.Errorf("claim %s has page %d in a file that gives none", c.ID, c.Page)
		}
	}
	one := func(fragment string) string {
		return `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:c0000000-0000-4000-8000-000000000031", "type": "Annotation",
 "motivation": "assessing", "target": {"source": "urn:sha256:00", "selector": [
 {"type": "TextQuoteSelector", "exact": "thirty"}, ` + fragment + `]}}`
	}
	imp, err = ReadW3C(strings.NewReader(one(`{"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": "page=7&zoom=200"}`)))
	if err != nil || len(imp.Claims) != 1 || imp.Claims[0].Page != 7 {
		t.Errorf("RFC 3778 page: %+v, %v", imp.Claims, err)
	}
	imp, err = ReadW3C(strings.NewReader(one(`{"type": "FragmentSelector", "conformsTo": "http://www.w3.org/TR/media-frags/", "value": "t=10"}`)))
	if err != nil || len(imp.Claims) != 1 || imp.Claims[0].Page != 0 {
		t.Errorf("a media fragment is no page: %+v, %v", imp.Claims, err)
	}
	_, err = ReadW3C(strings.NewReader(one(`{"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc8118", "value": "page=last"}`)))
	if err == nil || !strings.Contains(err.Error(), "page=12") {
		t.Errorf("page=last: error %v, want one that shows page=12", err)
	}
}

// A ClaimReview of a claim on a PDF gives its pages as the appearance's pagination.
func TestClaimReviewGivesThePage(t *testing.T) {
	m := pagedModel(t)
	var reviews []struct {
		InLanguage   string `json:"inLanguage"`
		ReviewRating struct {
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			Appearance []struct {
				Type       string `json:"@type"`
				Pagination string `json:"pagination"`
			} `json:"appearance"`
			FirstAppearance struct {
				Pagination string `json:"pagination"`
			} `json:"firstAppearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal(render(t, ClaimReview, m), &reviews); err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 2 {
		t.Fatalf("%d reviews, want 2", len(reviews))
	}
	for i, want := range []string{"2", "2-3"} {
		r := reviews[i]
		if len(r.ItemReviewed.Appearance) != 1 || r.ItemReviewed.Appearance[0].Pagination != want || r.ItemReviewed.Appearance[0].Type != "Article" ||
			r.ItemReviewed.FirstAppearance.Pagination != want {
			t.Errorf("review %d: appearance %+v, first %+v; want an Article with pagination %q", i, r.ItemReviewed.Appearance, r.ItemReviewed.FirstAppearance, want)
		}
		if r.InLanguage != "" {
			t.Errorf("review %d: inLanguage %q when the export names no language", i, r.InLanguage)
		}
	}
}

// The HTML report gives the page of a claim on a PDF as the PDF and Markdown reports do.
func TestHTMLReportGivesThePage(t *testing.T) {
	m := pagedModel(t)
	html := string(render(t, HTML, m))
	if !strings.Contains(html, "p. 2, characters") {
		t.Errorf("the HTML report does not give the page")
	}
	var b bytes.Buffer
	if err := Write(&b, HTML, m, Options{Lang: French}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "p.\u00a02, caractères") {
		t.Errorf("the French HTML report does not give the page")
	}
}
