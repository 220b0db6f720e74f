package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"factdesk/annotate"
)

// W3CImport is what ReadW3C found in a W3C Web Annotation file: claims (annotations with a
// text target), the sources cited by linking annotations, and the links between them.
type W3CImport struct {
	Label   string // the collection's label
	Claims  []W3CClaim
	Sources []annotate.Source
	// Links are claim->source links (SourceID set, Source resolved) and claim->claim links
	// (TargetClaimID set), by the claim IDs of Claims.
	Links []annotate.Link
}

// W3CClaim is an imported claim: the claim without its article, and what identifies the
// article (see MatchArticle).
type W3CClaim struct {
	// Claim has the ID (from a urn:uuid annotation id, else derived from the id), the anchor,
	// verdict, note, dates and reviewer names; ArticleID is empty.
	annotate.Claim
	IRI         string // the annotation's id
	Source      string // the target's source: the article's URL, or urn:sha256:<hex> of its text
	SHA256      string // hex SHA-256 of the article text when the file gives it (source or canonical)
	Language    string // the source's language, when given
	HasPosition bool   // the target had a TextPositionSelector
	// Page is the page of the PDF the article was read from that the claim is on, from a
	// FragmentSelector "page=N" (RFC 8118 or 3778); 0 when the file gives none.
	Page int
}

// MatchArticle finds the article the claim was made on: the article whose text hash is the
// claim's SHA256 when the file gives one, else the articles whose URL is the claim's Source;
// among several, the one with the quote at the claim's position, then the one with the quote
// anywhere. It reports false when no article matches.
func (c W3CClaim) MatchArticle(articles []annotate.Article) (annotate.Article, bool) {
	var candidates []annotate.Article
	if c.SHA256 != "" {
		for _, a := range articles {
			if strings.EqualFold(newArticleView(a).Hash, c.SHA256) {
				return a, true
			}
		}
	}
	src := strings.TrimSpace(c.Source)
	for _, a := range articles {
		if src != "" && strings.TrimSpace(a.URL) == src {
			candidates = append(candidates, a)
		}
	}
	if len(candidates) == 0 {
		return annotate.Article{}, false
	}
	for _, a := range candidates {
		if c.HasPosition && c.Anchor.Valid(a.Text) {
			return a, true
		}
	}
	for _, a := range candidates {
		if strings.Contains(a.Text, c.Exact) {
			return a, true
		}
	}
	return candidates[0], true
}

// oneOrMany is a JSON-LD value that may be a single value or an array of them.
type oneOrMany []json.RawMessage

// UnmarshalJSON reads a single value as a list of one.
func (o *oneOrMany) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		*o = list
		return nil
	}
	if string(b) == "null" {
		*o = nil
		return nil
	}
	*o = oneOrMany{json.RawMessage(slices.Clone(b))}
	return nil
}

// strings returns the string values (ignoring objects and numbers).
func (o oneOrMany) strings() []string {
	var out []string
	for _, raw := range o {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out = append(out, s)
		}
	}
	return out
}

func (o oneOrMany) has(s string) bool { return slices.Contains(o.strings(), s) }

// w3cNode is any node of a W3C annotation document, read leniently.
type w3cNode struct {
	Context    oneOrMany         `json:"@context"`
	ID         string            `json:"id"`
	Type       oneOrMany         `json:"type"`
	Label      oneOrMany         `json:"label"`
	Motivation oneOrMany         `json:"motivation"`
	Purpose    oneOrMany         `json:"purpose"`
	Created    string            `json:"created"`
	Modified   string            `json:"modified"`
	Creator    oneOrMany         `json:"creator"`
	Name       oneOrMany         `json:"name"`
	Body       oneOrMany         `json:"body"`
	BodyValue  string            `json:"bodyValue"`
	Target     oneOrMany         `json:"target"`
	Source     json.RawMessage   `json:"source"`
	Selector   oneOrMany         `json:"selector"`
	State      oneOrMany         `json:"state"`
	Value      string            `json:"value"`
	ConformsTo string            `json:"conformsTo"`
	Exact      string            `json:"exact"`
	Prefix     string            `json:"prefix"`
	Suffix     string            `json:"suffix"`
	Start      *int              `json:"start"`
	End        *int              `json:"end"`
	Language   oneOrMany         `json:"language"`
	Canonical  string            `json:"canonical"`
	Title      string            `json:"dc:title"`
	Publisher  string            `json:"dc:publisher"`
	Identifier string            `json:"dc:identifier"`
	SourceDate string            `json:"sourceDate"`
	First      json.RawMessage   `json:"first"`
	Next       json.RawMessage   `json:"next"`
	Items      []json.RawMessage `json:"-"`
}

// UnmarshalJSON reads items under either name the model uses for a page's annotations.
func (n *w3cNode) UnmarshalJSON(b []byte) error {
	type plain w3cNode
	var aux struct {
		plain
		Items    []json.RawMessage `json:"items"`
		OrderedI []json.RawMessage `json:"orderedItems"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*n = w3cNode(aux.plain)
	n.Items = append(aux.Items, aux.OrderedI...)
	return nil
}

// ReadW3C reads a W3C Web Annotation JSON-LD document: an AnnotationCollection with embedded
// pages (as WriteW3C writes), an AnnotationPage, one Annotation, or a JSON array of
// Annotations. Every annotation with a text target (a TextQuoteSelector) becomes a claim, its
// verdict from the "assessing" body (unverified when absent) and its note from the
// "commenting" body; "linking" annotations become links, their relation from the
// "classifying" (or "tagging") body. Annotations of other kinds are skipped.
func ReadW3C(r io.Reader) (W3CImport, error) {
	var root json.RawMessage
	if err := json.NewDecoder(r).Decode(&root); err != nil {
		return W3CImport{}, fmt.Errorf("not a W3C Web Annotation file: invalid JSON: %w", err)
	}
	var annotations []w3cNode
	var imp W3CImport
	root = bytes.TrimSpace(root)
	if len(root) > 0 && root[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(root, &list); err != nil {
			return W3CImport{}, fmt.Errorf("not a W3C Web Annotation file: %w", err)
		}
		for i, raw := range list {
			var n w3cNode
			if err := json.Unmarshal(raw, &n); err != nil {
				return W3CImport{}, fmt.Errorf("annotation %d: %w", i+1, err)
			}
			if !n.Context.has(W3CContext) && !n.Context.has("https://www.w3.org/ns/anno.jsonld") {
				return W3CImport{}, fmt.Errorf("annotation %d: not a W3C Web Annotation: @context lacks %s", i+1, W3CContext)
			}
			annotations = append(annotations, n)
		}
	} else {
		var n w3cNode
		if err := json.Unmarshal(root, &n); err != nil {
			return W3CImport{}, fmt.Errorf("not a W3C Web Annotation file: %w", err)
		}
		if !n.Context.has(W3CContext) && !n.Context.has("https://www.w3.org/ns/anno.jsonld") {
			return W3CImport{}, fmt.Errorf("not a W3C Web Annotation file: @context lacks %s", W3CContext)
		}
		if labels := n.Label.strings(); len(labels) > 0 {
			imp.Label = labels[0]
		}
		var err error
		switch {
		case n.Type.has("AnnotationCollection"):
			if len(n.First) == 0 {
				break // an empty collection
			}
			annotations, err = readPages(n.First)
		case n.Type.has("AnnotationPage"):
			annotations, err = readPages(root)
		case n.Type.has("Annotation"):
			annotations = []w3cNode{n}
		default:
			err = fmt.Errorf("not a W3C Web Annotation file: type is %s, want AnnotationCollection, AnnotationPage or Annotation", strings.Join(n.Type.strings(), ", "))
		}
		if err != nil {
			return W3CImport{}, err
		}
	}

	var errs problems
	claimIDs := map[string]string{} // annotation IRI -> claim ID
	var links []w3cNode
	for i, a := range annotations {
		if !a.Type.has("Annotation") {
			errs.add("item %d: type is %s, not Annotation", i+1, strings.Join(a.Type.strings(), ", "))
			continue
		}
		if a.Motivation.has("linking") && !hasTextTarget(a) {
			links = append(links, a)
			continue
		}
		c, ok, err := readClaim(a)
		if err != nil {
			errs.add("annotation %s: %v", a.ID, err)
			continue
		}
		if !ok {
			continue // not about a span of text
		}
		if _, dup := claimIDs[a.ID]; dup && a.ID != "" {
			errs.add("annotation %s appears twice", a.ID)
			continue
		}
		claimIDs[a.ID] = c.ID
		imp.Claims = append(imp.Claims, c)
	}
	sources := map[string]int{}
	for _, a := range links {
		link, src, err := readLink(a, claimIDs)
		if err != nil {
			errs.add("linking annotation %s: %v", a.ID, err)
			continue
		}
		if src != nil {
			i, seen := sources[src.ID]
			if !seen {
				i = len(imp.Sources)
				sources[src.ID] = i
				imp.Sources = append(imp.Sources, *src)
			}
			s := imp.Sources[i]
			link.Source = &s
		}
		imp.Links = append(imp.Links, link)
	}
	if err := errs.err("invalid W3C Web Annotation file"); err != nil {
		return W3CImport{}, err
	}
	return imp, nil
}

// readPages reads an embedded AnnotationPage and the pages embedded as its "next".
func readPages(raw json.RawMessage) ([]w3cNode, error) {
	var out []w3cNode
	for n := 0; len(bytes.TrimSpace(raw)) > 0; n++ {
		if raw[0] == '"' {
			return nil, errors.New("the annotation pages are not embedded in the file (only their IRI is): download them into one file first")
		}
		var page w3cNode
		if err := json.Unmarshal(raw, &page); err != nil {
			return nil, fmt.Errorf("annotation page %d: %w", n+1, err)
		}
		for i, item := range page.Items {
			var a w3cNode
			if err := json.Unmarshal(item, &a); err != nil {
				return nil, fmt.Errorf("annotation page %d, item %d: %w", n+1, i+1, err)
			}
			out = append(out, a)
		}
		raw = bytes.TrimSpace(page.Next)
		if string(raw) == "null" {
			break
		}
	}
	return out, nil
}

// hasTextTarget reports whether an annotation targets a span of text (a TextQuoteSelector).
func hasTextTarget(a w3cNode) bool {
	for _, raw := range a.Target {
		var t w3cNode
		if json.Unmarshal(raw, &t) != nil {
			continue
		}
		for _, sraw := range t.Selector {
			var s w3cNode
			if json.Unmarshal(sraw, &s) == nil && s.Type.has("TextQuoteSelector") {
				return true
			}
		}
	}
	return false
}

// idFromIRI turns an annotation IRI back into a row ID: the UUID of a urn:uuid IRI, else a
// name-based UUID derived from the IRI.
func idFromIRI(kind, iri string) string {
	if rest, ok := strings.CutPrefix(strings.ToLower(iri), "urn:uuid:"); ok {
		if u, err := uuid.Parse(rest); err == nil {
			return u.String()
		}
	}
	return uuid.NewSHA1(idNamespace, []byte(kind+"-iri:"+iri)).String()
}

func parseW3CTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not an xsd:dateTime", s)
	}
	return t.UTC(), nil
}

// agentName is the name of the first agent of a creator value (an object or an IRI).
func agentName(o oneOrMany) string {
	for _, raw := range o {
		var a w3cNode
		if json.Unmarshal(raw, &a) == nil {
			if names := a.Name.strings(); len(names) > 0 {
				return names[0]
			}
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return ""
}

// readClaim reads an annotation of a span of text. ok is false for an annotation that has no
// TextQuoteSelector target.
func readClaim(a w3cNode) (c W3CClaim, ok bool, err error) {
	if !hasTextTarget(a) {
		return c, false, nil
	}
	c.IRI = a.ID
	c.ID = idFromIRI("claim", a.ID)
	if a.ID == "" {
		return c, false, errors.New("the annotation has no id")
	}
	if c.CreatedAt, err = parseW3CTime(a.Created); err != nil {
		return c, false, err
	}
	if c.UpdatedAt, err = parseW3CTime(a.Modified); err != nil {
		return c, false, err
	}
	c.CreatedBy = agentName(a.Creator)
	c.Verdict = annotate.Unverified
	verdictSeen := false
	for _, raw := range a.Body {
		var b w3cNode
		if json.Unmarshal(raw, &b) != nil {
			continue // an IRI body: nothing to read
		}
		switch {
		case b.Purpose.has("assessing") && !verdictSeen && strings.EqualFold(strings.TrimSpace(b.Value), "contested"):
			c.Contested, verdictSeen = true, true
		case b.Purpose.has("assessing") && !verdictSeen:
			v, err := annotate.ParseVerdict(b.Value)
			if err != nil {
				return c, false, err
			}
			c.Verdict, verdictSeen = v, true
			c.UpdatedBy = agentName(b.Creator)
		case b.Purpose.has("assessing"): // a reviewer's own rating
			v, err := annotate.ParseVerdict(b.Value)
			if err != nil {
				return c, false, err
			}
			at, _ := parseW3CTime(b.Modified)
			c.Ratings = append(c.Ratings, annotate.ClaimRating{Reviewer: agentName(b.Creator), Verdict: v, At: at})
		case b.Purpose.has("commenting") || b.Type.has("TextualBody") && len(b.Purpose) == 0 && a.Motivation.has("commenting"):
			if c.Note != "" {
				c.Note += "\n\n"
			}
			c.Note += b.Value
		}
	}
	if a.BodyValue != "" && c.Note == "" {
		c.Note = a.BodyValue
	}
	if c.UpdatedBy == "" {
		c.UpdatedBy = c.CreatedBy
	}
	// The first target with a quote selector.
	for _, raw := range a.Target {
		var t w3cNode
		if json.Unmarshal(raw, &t) != nil {
			continue
		}
		quote, pos := false, false
		for _, sraw := range t.Selector {
			var s w3cNode
			if json.Unmarshal(sraw, &s) != nil {
				continue
			}
			switch {
			case s.Type.has("TextQuoteSelector") && !quote:
				quote = true
				c.Exact, c.Prefix, c.Suffix = s.Exact, s.Prefix, s.Suffix
			case s.Type.has("FragmentSelector") && isPDFFragmentSpec(s.ConformsTo) && c.Page == 0:
				page, err := pdfFragmentPage(s.Value)
				if err != nil {
					return c, false, err
				}
				c.Page = page
			case s.Type.has("TextPositionSelector") && !pos:
				if s.Start == nil || s.End == nil || *s.Start < 0 || *s.End < *s.Start {
					return c, false, errors.New("TextPositionSelector needs start <= end, both >= 0")
				}
				pos = true
				c.Start, c.End = *s.Start, *s.End
			}
		}
		if !quote {
			continue
		}
		if c.Exact == "" {
			return c, false, errors.New("TextQuoteSelector has an empty exact")
		}
		if pos && annotate.RuneLen(c.Exact) != c.End-c.Start {
			return c, false, fmt.Errorf("TextPositionSelector %d–%d is %d characters long but exact has %d (positions count Unicode code points)",
				c.Start, c.End, c.End-c.Start, annotate.RuneLen(c.Exact))
		}
		c.HasPosition = pos
		if err := readTargetSource(&c, t.Source); err != nil {
			return c, false, err
		}
		return c, true, nil
	}
	return c, false, nil
}

// readTargetSource reads the target's source: an IRI, or a resource with id, canonical and
// language.
func readTargetSource(c *W3CClaim, raw json.RawMessage) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return errors.New("the target has no source")
	}
	var iri string
	if json.Unmarshal(raw, &iri) == nil {
		c.Source = iri
	} else {
		var s w3cNode
		if err := json.Unmarshal(raw, &s); err != nil {
			return fmt.Errorf("target source: %w", err)
		}
		c.Source = s.ID
		if langs := s.Language.strings(); len(langs) > 0 {
			c.Language = langs[0]
		}
		if h, ok := strings.CutPrefix(strings.ToLower(s.Canonical), "urn:sha256:"); ok {
			c.SHA256 = h
		}
	}
	if h, ok := strings.CutPrefix(strings.ToLower(c.Source), "urn:sha256:"); ok {
		c.SHA256 = h
	}
	if c.Source == "" {
		return errors.New("the target's source has no id")
	}
	return nil
}

// readLink reads a linking annotation: one target (a claim) and a source body, or two targets
// (claims, from then to).
func readLink(a w3cNode, claims map[string]string) (annotate.Link, *annotate.Source, error) {
	l := annotate.Link{ID: idFromIRI("link", a.ID), CreatedBy: agentName(a.Creator)}
	var err error
	if l.CreatedAt, err = parseW3CTime(a.Created); err != nil {
		return l, nil, err
	}
	var src *annotate.Source
	for _, raw := range a.Body {
		var b w3cNode
		if json.Unmarshal(raw, &b) != nil {
			continue
		}
		switch {
		case b.Type.has("TextualBody") && (b.Purpose.has(w3cRelationPurpose) || b.Purpose.has("tagging")):
			if l.Relation != "" {
				continue
			}
			rel, err := annotate.ParseRelation(b.Value)
			if err != nil {
				return l, nil, err
			}
			l.Relation = rel
		case b.Type.has("SpecificResource") && src == nil:
			s, err := readSourceBody(b)
			if err != nil {
				return l, nil, err
			}
			src = &s
		}
	}
	if l.Relation == "" {
		return l, nil, errors.New(`no relation: want a TextualBody with purpose "classifying" and value same, supports or contradicts`)
	}
	var targets []string
	for _, raw := range a.Target {
		var iri string
		if json.Unmarshal(raw, &iri) != nil {
			var t w3cNode
			if json.Unmarshal(raw, &t) != nil || t.ID == "" {
				return l, nil, errors.New("a target is neither an IRI nor a resource with an id")
			}
			iri = t.ID
		}
		id, ok := claims[iri]
		if !ok {
			return l, nil, fmt.Errorf("target %s is not an annotation of this file", iri)
		}
		targets = append(targets, id)
	}
	switch {
	case src != nil && len(targets) == 1:
		l.ClaimID, l.SourceID = targets[0], src.ID
	case src == nil && len(targets) == 2:
		l.ClaimID, l.TargetClaimID = targets[0], targets[1]
	default:
		return l, nil, fmt.Errorf("want one target and a source body, or two targets; got %d targets", len(targets))
	}
	return l, src, nil
}

// readSourceBody reads a source written by sourceBody.
func readSourceBody(b w3cNode) (annotate.Source, error) {
	s := annotate.Source{ID: idFromIRI("source", b.ID), CreatedBy: agentName(b.Creator)}
	var err error
	if s.CreatedAt, err = parseW3CTime(b.Created); err != nil {
		return s, err
	}
	raw := bytes.TrimSpace(b.Source)
	var iri string
	if json.Unmarshal(raw, &iri) == nil {
		s.URL = iri
	} else if len(raw) > 0 {
		var r w3cNode
		if err := json.Unmarshal(raw, &r); err != nil {
			return s, fmt.Errorf("source: %w", err)
		}
		s.URL = r.ID
		if s.URL == "" {
			s.URL = r.Identifier
		}
		s.Title, s.Publisher = r.Title, r.Publisher
	}
	for _, sraw := range b.Selector {
		var sel w3cNode
		if json.Unmarshal(sraw, &sel) == nil && sel.Type.has("TextQuoteSelector") {
			s.Quote = sel.Exact
			break
		}
	}
	for _, straw := range b.State {
		var st w3cNode
		if json.Unmarshal(straw, &st) == nil && st.Type.has("TimeState") && st.SourceDate != "" {
			t, err := parseW3CTime(st.SourceDate)
			if err != nil {
				return s, err
			}
			s.Accessed = t.Format("2006-01-02")
			break
		}
	}
	return s, nil
}

// isPDFFragmentSpec reports whether a FragmentSelector's conformsTo is the PDF fragment
// syntax: RFC 8118, or RFC 3778 which it replaced (the IRI the W3C model lists).
func isPDFFragmentSpec(iri string) bool {
	iri = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(iri)), "http://"), "https://")
	for _, rfc := range []string{"rfc8118", "rfc3778"} {
		if iri == "tools.ietf.org/rfc/"+rfc || iri == "tools.ietf.org/html/"+rfc || iri == "www.rfc-editor.org/rfc/"+rfc {
			return true
		}
	}
	return false
}

// pdfFragmentPage reads the page of a PDF fragment, "page=12" (other parameters, joined by
// "&", are ignored); 0 when it names none.
func pdfFragmentPage(fragment string) (int, error) {
	for _, p := range strings.Split(strings.TrimPrefix(strings.TrimSpace(fragment), "#"), "&") {
		v, ok := strings.CutPrefix(p, "page=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, fmt.Errorf("FragmentSelector %q: the page must be a whole number from 1 (RFC 8118: page=12)", fragment)
		}
		return n, nil
	}
	return 0, nil
}
