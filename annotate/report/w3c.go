package report

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"factdesk/annotate"
)

// W3CContext is the JSON-LD context of the W3C Web Annotation Data Model.
const W3CContext = "http://www.w3.org/ns/anno.jsonld"

// The W3C export's vocabulary beyond the model's own terms (docs/w3c-annotations.md):
// relations travel as a TextualBody with purpose "classifying" whose value is the relation
// ("same", "supports", "contradicts").
const (
	w3cRelationPurpose = "classifying"
	w3cSourcePurpose   = "linking"
)

// idNamespace derives stable UUIDs for IDs that are not UUIDs, and for the collection.
var idNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:factdesk"))

// annotationIRI is the urn:uuid IRI of a row ID: the ID itself when it is a UUID, else a
// name-based (version 5) UUID derived from kind and ID.
func annotationIRI(kind, id string) string {
	if u, err := uuid.Parse(id); err == nil && len(id) == 36 {
		return "urn:uuid:" + u.String()
	}
	return "urn:uuid:" + uuid.NewSHA1(idNamespace, []byte(kind+":"+id)).String()
}

// w3cTime is a time as xsd:dateTime in UTC, or "" for the zero time.
func w3cTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// The JSON-LD shapes of the W3C export.

type w3cAgent struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type"`
	Name string `json:"name,omitempty"`
}

type w3cTextualBody struct {
	Type     string    `json:"type"`
	Purpose  string    `json:"purpose"`
	Value    string    `json:"value"`
	Format   string    `json:"format,omitempty"`
	Creator  *w3cAgent `json:"creator,omitempty"`
	Modified string    `json:"modified,omitempty"`
}

type w3cArticleResource struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Language  string `json:"language,omitempty"`
	Canonical string `json:"canonical,omitempty"`
	Title     string `json:"dc:title,omitempty"`
}

type w3cQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type w3cPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// PDFFragmentSpec is the conformsTo of the FragmentSelector that gives the page of a claim on
// a paged article (a PDF): RFC 8118's "page=12" (which replaced RFC 3778, the IRI the W3C model
// lists; ReadW3C reads both).
const PDFFragmentSpec = "http://tools.ietf.org/rfc/rfc8118"

// w3cFragmentSelector is the page of a PDF, refined by the quote on it.
type w3cFragmentSelector struct {
	Type       string           `json:"type"`
	ConformsTo string           `json:"conformsTo"`
	Value      string           `json:"value"`
	RefinedBy  w3cQuoteSelector `json:"refinedBy"`
}

type w3cTarget struct {
	Source   w3cArticleResource `json:"source"`
	Selector []any              `json:"selector"`
}

type w3cSourceResource struct {
	ID         string `json:"id,omitempty"`
	Type       string `json:"type"`
	Identifier string `json:"dc:identifier,omitempty"`
	Title      string `json:"dc:title,omitempty"`
	Publisher  string `json:"dc:publisher,omitempty"`
}

type w3cTimeState struct {
	Type       string `json:"type"`
	SourceDate string `json:"sourceDate"`
}

type w3cSourceBody struct {
	ID       string            `json:"id"`
	Type     string            `json:"type"`
	Purpose  string            `json:"purpose"`
	Source   w3cSourceResource `json:"source"`
	Selector *w3cQuoteSelector `json:"selector,omitempty"`
	State    *w3cTimeState     `json:"state,omitempty"`
	Created  string            `json:"created,omitempty"`
	Creator  *w3cAgent         `json:"creator,omitempty"`
}

type w3cAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Created    string    `json:"created,omitempty"`
	Modified   string    `json:"modified,omitempty"`
	Creator    *w3cAgent `json:"creator,omitempty"`
	Generated  string    `json:"generated,omitempty"`
	Generator  *w3cAgent `json:"generator,omitempty"`
	Body       []any     `json:"body,omitempty"`
	Target     any       `json:"target"`
}

var w3cGenerator = &w3cAgent{Type: "Software", Name: "Factdesk"}

// writeW3C writes an AnnotationCollection whose first (and only) page embeds every item:
// one "assessing" Annotation per claim, one "linking" Annotation per claim-to-source link
// (targeting the claim's annotation) and one "linking" Annotation per claim-to-claim link
// (targeting both claims' annotations, from then to).
func writeW3C(w io.Writer, v *View, opt Options) error {
	reviewerIDs := map[string]string{}
	for _, r := range v.Reviewers {
		if r.ID != "" {
			reviewerIDs[r.Name] = r.ID
		}
	}
	agent := func(name string) *w3cAgent {
		if name == "" {
			return nil
		}
		a := &w3cAgent{Type: "Person", Name: name}
		if id := reviewerIDs[name]; id != "" {
			a.ID = annotationIRI("reviewer", id)
		}
		return a
	}
	generated := w3cTime(v.Settings.Generated)

	var claimLinks []annotate.Link
	total := len(v.Claims)
	for _, c := range v.Claims {
		total += len(c.Sources)
		for _, l := range c.Links {
			if l.Outgoing && l.Other != nil && !l.Other.OutOfScope {
				claimLinks = append(claimLinks, l.Link)
			}
		}
	}
	total += len(claimLinks)

	var seed strings.Builder
	seed.WriteString(generated)
	for _, c := range v.Claims {
		seed.WriteString(":" + c.Claim.ID)
	}
	collection := "urn:uuid:" + uuid.NewSHA1(idNamespace, []byte("collection:"+seed.String())).String()
	page := "urn:uuid:" + uuid.NewSHA1(idNamespace, []byte("page:1:"+collection)).String()

	p := newProgress(opt, len(v.Claims))
	jw := newJSONWriter(w)
	jw.raw(`{"@context": `)
	jw.value(W3CContext)
	jw.raw(`, "id": `)
	jw.value(collection)
	jw.raw(`, "type": "AnnotationCollection", "label": `)
	jw.value(v.Title)
	jw.raw(`, "total": `)
	jw.value(total)
	if generated != "" {
		jw.raw(`, "generated": `)
		jw.value(generated)
	}
	jw.raw(`, "generator": `)
	jw.value(w3cGenerator)
	jw.raw(",\n\"first\": {\"id\": ")
	jw.value(page)
	jw.raw(`, "type": "AnnotationPage", "partOf": `)
	jw.value(collection)
	jw.raw(`, "startIndex": 0, "items": [`)
	first := true
	item := func(a w3cAnnotation) {
		if first {
			jw.raw("\n")
			first = false
		} else {
			jw.raw(",\n")
		}
		jw.value(a)
	}
	for _, c := range v.Claims {
		if err := p.tick(); err != nil {
			return err
		}
		cl := c.Claim
		verdict := w3cTextualBody{Type: "TextualBody", Purpose: "assessing", Value: string(cl.Verdict), Format: "text/plain",
			Creator: agent(cl.UpdatedBy), Modified: w3cTime(c.VerdictAt)}
		if verdict.Value == "" {
			verdict.Value = string(annotate.Unverified)
		}
		if cl.Contested { // no verdict nobody settled: the desk's assessment is "contested"
			verdict.Value, verdict.Creator = "contested", nil
		}
		body := []any{verdict}
		if c.RatingsText() != "" { // every reviewer's own assessment, after the desk's
			for _, r := range cl.Ratings {
				body = append(body, w3cTextualBody{Type: "TextualBody", Purpose: "assessing", Value: string(r.Verdict), Format: "text/plain",
					Creator: agent(r.Reviewer), Modified: w3cTime(r.At)})
			}
		}
		if cl.Note != "" {
			body = append(body, w3cTextualBody{Type: "TextualBody", Purpose: "commenting", Value: cl.Note, Format: "text/plain"})
		}
		src := w3cArticleResource{ID: c.Article.SourceIRI, Type: "Text", Language: langTag(c.Article.Article.Language),
			Title: oneLine(c.Article.Article.Title)}
		if c.Article.Hash != "" && !strings.HasPrefix(src.ID, "urn:sha256:") {
			src.Canonical = "urn:sha256:" + c.Article.Hash
		}
		quote := w3cQuoteSelector{Type: "TextQuoteSelector", Exact: cl.Exact, Prefix: cl.Prefix, Suffix: cl.Suffix}
		selectors := []any{quote, w3cPositionSelector{Type: "TextPositionSelector", Start: cl.Start, End: cl.End}}
		if page := c.Page(); page > 0 {
			// A third way to the same span: the page of the PDF the text was read from, and the
			// quote on it. (Positions count from the start of the text, so they cannot refine it.)
			selectors = append(selectors, w3cFragmentSelector{Type: "FragmentSelector", ConformsTo: PDFFragmentSpec,
				Value: "page=" + strconv.Itoa(page), RefinedBy: quote})
		}
		item(w3cAnnotation{
			ID: annotationIRI("claim", cl.ID), Type: "Annotation", Motivation: "assessing",
			Created: w3cTime(cl.CreatedAt), Modified: w3cTime(cl.UpdatedAt), Creator: agent(cl.CreatedBy),
			Generated: generated, Generator: w3cGenerator, Body: body,
			Target: w3cTarget{Source: src, Selector: selectors},
		})
		for _, s := range c.Sources {
			item(w3cAnnotation{
				ID: annotationIRI("link", s.Link.ID), Type: "Annotation", Motivation: "linking",
				Created: w3cTime(s.Link.CreatedAt), Creator: agent(s.Link.CreatedBy), Generated: generated, Generator: w3cGenerator,
				Body:   []any{w3cTextualBody{Type: "TextualBody", Purpose: w3cRelationPurpose, Value: string(s.Relation)}, sourceBody(s.Source, agent)},
				Target: annotationIRI("claim", cl.ID),
			})
		}
	}
	for _, l := range claimLinks {
		item(w3cAnnotation{
			ID: annotationIRI("link", l.ID), Type: "Annotation", Motivation: "linking",
			Created: w3cTime(l.CreatedAt), Creator: agent(l.CreatedBy), Generated: generated, Generator: w3cGenerator,
			Body:   []any{w3cTextualBody{Type: "TextualBody", Purpose: w3cRelationPurpose, Value: string(l.Relation)}},
			Target: []string{annotationIRI("claim", l.ClaimID), annotationIRI("claim", l.TargetClaimID)},
		})
	}
	jw.raw("\n]}\n}\n")
	if err := jw.finish(); err != nil {
		return err
	}
	return p.finish()
}

// isIRI reports whether s can be a JSON-LD node id: an absolute IRI with no white space.
func isIRI(s string) bool {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

// sourceBody is a source as a SpecificResource body: the source's URL as its id when it is a
// web (http or https) URL, as the reports would link it; any other URL (javascript:, data:, a
// relative or malformed one) as the text of its dc:identifier, never as an IRI; a blank node
// for a citation without one. Then its title and publisher, the passage quoted as a
// TextQuoteSelector and the date it was consulted as a TimeState.
func sourceBody(s annotate.Source, agent func(string) *w3cAgent) w3cSourceBody {
	b := w3cSourceBody{ID: annotationIRI("source", s.ID), Type: "SpecificResource", Purpose: w3cSourcePurpose,
		Source:  w3cSourceResource{Type: "Text", Title: s.Title, Publisher: s.Publisher},
		Created: w3cTime(s.CreatedAt), Creator: agent(s.CreatedBy)}
	if isWebURL(s.URL) {
		b.Source.ID = strings.TrimSpace(s.URL)
	} else {
		b.Source.Identifier = s.URL
	}
	if s.Quote != "" {
		b.Selector = &w3cQuoteSelector{Type: "TextQuoteSelector", Exact: s.Quote}
	}
	if d, err := time.Parse("2006-01-02", strings.TrimSpace(s.Accessed)); err == nil {
		b.State = &w3cTimeState{Type: "TimeState", SourceDate: d.Format(time.RFC3339)}
	}
	return b
}
