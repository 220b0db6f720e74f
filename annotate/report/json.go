package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"factdesk/annotate"
	"factdesk/corpus"
)

// JSONFormat and JSONVersion identify the Factdesk JSON export (docs/json-export.md). The
// version changes only when a reader of the previous version would misread a file: new
// optional members do not change it, and readers ignore members they do not know.
const (
	JSONFormat  = "factdesk"
	JSONVersion = 1
)

// The JSON document, member by member. Times are RFC 3339 with the offset they were stored
// with; a zero time is left out.

type jsonHeader struct {
	Format    string       `json:"format"`
	Version   int          `json:"version"`
	Generated string       `json:"generated,omitempty"`
	Settings  jsonSettings `json:"settings"`
}

type jsonSettings struct {
	Title             string `json:"title,omitempty"`
	Organization      string `json:"organization,omitempty"`
	SiteURL           string `json:"siteUrl,omitempty"`
	IncludeUnverified bool   `json:"includeUnverified,omitempty"`
}

type jsonReviewer struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"createdAt,omitempty"`
}

type jsonArticle struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Outlet     string   `json:"outlet,omitempty"`
	Byline     string   `json:"byline,omitempty"`
	URL        string   `json:"url,omitempty"`
	Language   string   `json:"language,omitempty"`
	Published  string   `json:"published,omitempty"`
	SHA256     string   `json:"sha256"`
	ImportedAt string   `json:"importedAt,omitempty"`
	ImportedBy string   `json:"importedBy,omitempty"`
	Origin     string   `json:"origin,omitempty"`
	Format     string   `json:"format,omitempty"`
	Text       string   `json:"text"`
	Removed    []string `json:"removed,omitempty"`
	// The evidence of an article read from a PDF, a word-processor file or a web address.
	Pages        []int    `json:"pages,omitempty"`        // rune offset in text where each page starts
	OCR          bool     `json:"ocr,omitempty"`          // the text was read from page images
	Notes        []string `json:"notes,omitempty"`        // what the reader left out or did
	SourceSHA256 string   `json:"sourceSha256,omitempty"` // hex SHA-256 of the bytes read
	FetchedAt    string   `json:"fetchedAt,omitempty"`    // when the web page was fetched
	RawType      string   `json:"rawType,omitempty"`      // Content-Type of the page as fetched
	jsonTombstone
}

// jsonTombstone is when and by whom a row of "deleted" was deleted; a live row has neither.
type jsonTombstone struct {
	DeletedAt string `json:"deletedAt,omitempty"`
	DeletedBy string `json:"deletedBy,omitempty"`
}

type jsonAnchor struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

type jsonClaim struct {
	ID        string     `json:"id"`
	ArticleID string     `json:"articleId"`
	Anchor    jsonAnchor `json:"anchor"`
	Verdict   string     `json:"verdict"`
	Note      string     `json:"note,omitempty"`
	CreatedAt string     `json:"createdAt,omitempty"`
	CreatedBy string     `json:"createdBy,omitempty"`
	UpdatedAt string     `json:"updatedAt,omitempty"`
	UpdatedBy string     `json:"updatedBy,omitempty"`
	// Contested: the reviewers disagree and nobody settled the claim (verdict "unverified").
	Contested bool         `json:"contested,omitempty"`
	Ratings   []jsonRating `json:"ratings,omitempty"` // every reviewer's verdict
	Settled   *jsonSettled `json:"settled,omitempty"` // who decided the verdict for the desk
	jsonTombstone
}

// jsonRating is one reviewer's verdict on a claim.
type jsonRating struct {
	Reviewer string `json:"reviewer"`
	Verdict  string `json:"verdict"`
	At       string `json:"at,omitempty"`
}

// jsonSettled is a person's decision of a claim's verdict.
type jsonSettled struct {
	Verdict  string `json:"verdict"`
	Reviewer string `json:"reviewer"`
	At       string `json:"at,omitempty"`
}

type jsonSource struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Accessed  string `json:"accessed,omitempty"`
	Quote     string `json:"quote,omitempty"`
	CreatedAt string `json:"createdAt,omitempty"`
	CreatedBy string `json:"createdBy,omitempty"`
	jsonTombstone
}

// jsonSnapshot is a kept copy of a source's web page: everything but the page as fetched, of
// which it has the SHA-256 (docs/json-export.md says why).
type jsonSnapshot struct {
	ID         string `json:"id"`
	SourceID   string `json:"sourceId"`
	URL        string `json:"url"`
	FinalURL   string `json:"finalUrl,omitempty"`
	FetchedAt  string `json:"fetchedAt"`
	SHA256     string `json:"sha256"`
	Text       string `json:"text,omitempty"`
	RawType    string `json:"rawType,omitempty"`
	ArchiveURL string `json:"archiveUrl,omitempty"`
	CreatedAt  string `json:"createdAt,omitempty"`
	CreatedBy  string `json:"createdBy,omitempty"`
}

// jsonCheck is a look at a source's live page against one of its snapshots ("check again").
type jsonCheck struct {
	ID          string `json:"id"`
	SourceID    string `json:"sourceId"`
	SnapshotID  string `json:"snapshotId"`
	URL         string `json:"url"`
	FinalURL    string `json:"finalUrl,omitempty"`
	CheckedAt   string `json:"checkedAt"`
	Status      int    `json:"status,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	PageChanged bool   `json:"pageChanged,omitempty"`
	TextChanged bool   `json:"textChanged,omitempty"`
	Error       string `json:"error,omitempty"`
	CreatedAt   string `json:"createdAt,omitempty"`
	CreatedBy   string `json:"createdBy,omitempty"`
}

type jsonLink struct {
	ID            string `json:"id"`
	ClaimID       string `json:"claimId"`
	Relation      string `json:"relation"`
	SourceID      string `json:"sourceId,omitempty"`
	TargetClaimID string `json:"targetClaimId,omitempty"`
	CreatedAt     string `json:"createdAt,omitempty"`
	CreatedBy     string `json:"createdBy,omitempty"`
	jsonTombstone
}

type jsonHistory struct {
	ID         string `json:"id"`
	At         string `json:"at"`
	ReviewerID string `json:"reviewerId,omitempty"`
	Reviewer   string `json:"reviewer,omitempty"`
	Table      string `json:"table"`
	RowID      string `json:"rowId"`
	Field      string `json:"field"`
	Old        string `json:"old"`
	New        string `json:"new"`
}

// jsonDeleted is the "deleted" member: the tombstones, each row with deletedAt and deletedBy.
type jsonDeleted struct {
	Articles []jsonArticle `json:"articles"`
	Claims   []jsonClaim   `json:"claims"`
	Sources  []jsonSource  `json:"sources"`
	Links    []jsonLink    `json:"links"`
}

// jsonDocument is the whole file, for reading.
type jsonDocument struct {
	jsonHeader
	Reviewers []jsonReviewer `json:"reviewers"`
	Articles  []jsonArticle  `json:"articles"`
	Claims    []jsonClaim    `json:"claims"`
	Sources   []jsonSource   `json:"sources"`
	Snapshots []jsonSnapshot `json:"snapshots"`
	Checks    []jsonCheck    `json:"checks"`
	Links     []jsonLink     `json:"links"`
	Deleted   jsonDeleted    `json:"deleted"`
	History   []jsonHistory  `json:"history"`
}

func toJSONArticle(a annotate.Article) jsonArticle {
	hash := a.SHA256
	if hash == "" {
		hash = corpus.HashText(a.Text)
	}
	return jsonArticle{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Byline: a.Byline, URL: a.URL, Language: a.Language,
		Published: a.Published, SHA256: hash, ImportedAt: jsonTime(a.ImportedAt), ImportedBy: a.ImportedBy,
		Origin: a.Origin, Format: a.Format, Text: a.Text, Removed: a.Removed,
		Pages: a.Pages, OCR: a.OCR, Notes: a.Notes, SourceSHA256: a.SourceSHA256, FetchedAt: jsonTime(a.FetchedAt), RawType: a.RawType}
}

func toJSONClaim(c annotate.Claim) jsonClaim {
	j := jsonClaim{ID: c.ID, ArticleID: c.ArticleID,
		Anchor:  jsonAnchor{Start: c.Start, End: c.End, Exact: c.Exact, Prefix: c.Prefix, Suffix: c.Suffix},
		Verdict: string(c.Verdict), Note: c.Note, CreatedAt: jsonTime(c.CreatedAt), CreatedBy: c.CreatedBy,
		UpdatedAt: jsonTime(c.UpdatedAt), UpdatedBy: c.UpdatedBy, Contested: c.Contested, Ratings: toJSONRatings(c.Ratings)}
	if st := c.Settled; st != nil {
		j.Settled = &jsonSettled{Verdict: string(st.Verdict), Reviewer: st.Reviewer, At: jsonTime(st.At)}
	}
	return j
}

func toJSONRatings(rs []annotate.ClaimRating) []jsonRating {
	var out []jsonRating
	for _, r := range rs {
		out = append(out, jsonRating{Reviewer: r.Reviewer, Verdict: string(r.Verdict), At: jsonTime(r.At)})
	}
	return out
}

func toJSONSource(s annotate.Source) jsonSource {
	return jsonSource{ID: s.ID, URL: s.URL, Title: s.Title, Publisher: s.Publisher, Accessed: s.Accessed,
		Quote: s.Quote, CreatedAt: jsonTime(s.CreatedAt), CreatedBy: s.CreatedBy}
}

func toJSONLink(l annotate.Link) jsonLink {
	return jsonLink{ID: l.ID, ClaimID: l.ClaimID, Relation: string(l.Relation), SourceID: l.SourceID,
		TargetClaimID: l.TargetClaimID, CreatedAt: jsonTime(l.CreatedAt), CreatedBy: l.CreatedBy}
}

func tombstone[T any](d Deleted[T]) jsonTombstone {
	return jsonTombstone{DeletedAt: jsonTime(d.At), DeletedBy: d.By}
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// jsonWriter streams a JSON document: the header members, then each array one element per
// line, so a 100,000-claim export never holds the whole text in memory.
type jsonWriter struct {
	b   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{b: bufio.NewWriterSize(w, 256<<10)}
	jw.enc = json.NewEncoder(&jw.buf)
	return jw
}

// value writes v encoded (with <, > and & escaped, and bidi controls as \u escapes).
func (jw *jsonWriter) value(v any) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	if jw.err = jw.enc.Encode(v); jw.err != nil {
		return
	}
	out := bytes.TrimRight(jw.buf.Bytes(), "\n")
	_, jw.err = jw.b.Write(escapeBidiJSON(out))
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.b.WriteString(s)
	}
}

// array writes `"name": [` elements `]` after a comma, calling each(i) for element i, which
// writes it.
func (jw *jsonWriter) array(name string, n int, each func(i int) error) {
	jw.arrayAfter(",\n", name, n, each)
}

// arrayAfter is array after sep instead of a comma.
func (jw *jsonWriter) arrayAfter(sep, name string, n int, each func(i int) error) {
	jw.raw(sep)
	jw.value(name)
	if n == 0 {
		jw.raw(": []")
		return
	}
	jw.raw(": [\n")
	for i := 0; i < n && jw.err == nil; i++ {
		if i > 0 {
			jw.raw(",\n")
		}
		if err := each(i); err != nil && jw.err == nil {
			jw.err = err
		}
	}
	jw.raw("\n]")
}

func (jw *jsonWriter) finish() error {
	if jw.err != nil {
		return jw.err
	}
	return jw.b.Flush()
}

func writeJSON(w io.Writer, m Model, opt Options) error {
	p := newProgress(opt, len(m.Claims))
	jw := newJSONWriter(w)
	jw.raw(`{"format": "factdesk", "version": 1`)
	jw.raw(`, "generated": `)
	jw.value(jsonTime(m.Settings.Generated))
	jw.raw(",\n\"settings\": ")
	jw.value(jsonSettings{Title: m.Settings.Title, Organization: m.Settings.Organization, SiteURL: m.Settings.SiteURL, IncludeUnverified: m.Settings.IncludeUnverified})
	jw.array("reviewers", len(m.Reviewers), func(i int) error {
		r := m.Reviewers[i]
		jw.value(jsonReviewer{ID: r.ID, Name: r.Name, CreatedAt: jsonTime(r.CreatedAt)})
		return nil
	})
	jw.array("articles", len(m.Articles), func(i int) error {
		jw.value(toJSONArticle(m.Articles[i]))
		return nil
	})
	jw.array("claims", len(m.Claims), func(i int) error {
		if err := p.tick(); err != nil {
			return err
		}
		jw.value(toJSONClaim(m.Claims[i]))
		return nil
	})
	sources := exportSources(m)
	jw.array("sources", len(sources), func(i int) error {
		jw.value(toJSONSource(sources[i]))
		return nil
	})
	if len(m.Snapshots) > 0 { // left out when empty: files without snapshots are as before
		jw.array("snapshots", len(m.Snapshots), func(i int) error {
			s := m.Snapshots[i]
			jw.value(jsonSnapshot{ID: s.ID, SourceID: s.SourceID, URL: s.URL, FinalURL: s.FinalURL, FetchedAt: jsonTime(s.FetchedAt),
				SHA256: s.SHA256, Text: s.Text, RawType: s.RawType, ArchiveURL: s.ArchiveURL, CreatedAt: jsonTime(s.CreatedAt), CreatedBy: s.CreatedBy})
			return nil
		})
	}
	if len(m.Checks) > 0 { // left out when empty, as snapshots
		jw.array("checks", len(m.Checks), func(i int) error {
			c := m.Checks[i]
			jw.value(jsonCheck{ID: c.ID, SourceID: c.SourceID, SnapshotID: c.SnapshotID, URL: c.URL, FinalURL: c.FinalURL,
				CheckedAt: jsonTime(c.CheckedAt), Status: c.Status, SHA256: c.SHA256, PageChanged: c.PageChanged, TextChanged: c.TextChanged,
				Error: c.Error, CreatedAt: jsonTime(c.CreatedAt), CreatedBy: c.CreatedBy})
			return nil
		})
	}
	jw.array("links", len(m.Links), func(i int) error {
		jw.value(toJSONLink(m.Links[i]))
		return nil
	})
	// The tombstones: rows as they were when deleted, with when and by whom.
	del := m.Deleted
	jw.raw(",\n\"deleted\": {")
	jw.arrayAfter("\n", "articles", len(del.Articles), func(i int) error {
		a := toJSONArticle(del.Articles[i].Row)
		a.jsonTombstone = tombstone(del.Articles[i])
		jw.value(a)
		return nil
	})
	jw.array("claims", len(del.Claims), func(i int) error {
		c := toJSONClaim(del.Claims[i].Row)
		c.jsonTombstone = tombstone(del.Claims[i])
		jw.value(c)
		return nil
	})
	jw.array("sources", len(del.Sources), func(i int) error {
		s := toJSONSource(del.Sources[i].Row)
		s.jsonTombstone = tombstone(del.Sources[i])
		jw.value(s)
		return nil
	})
	jw.array("links", len(del.Links), func(i int) error {
		l := toJSONLink(del.Links[i].Row)
		l.jsonTombstone = tombstone(del.Links[i])
		jw.value(l)
		return nil
	})
	jw.raw("}")
	jw.array("history", len(m.History), func(i int) error {
		h := m.History[i]
		jw.value(jsonHistory{ID: h.ID, At: jsonTime(h.At), ReviewerID: h.ReviewerID, Reviewer: h.Reviewer, Table: h.Table,
			RowID: h.RowID, Field: h.Field, Old: h.Old, New: h.New})
		return nil
	})
	jw.raw("\n}\n")
	if err := jw.finish(); err != nil {
		return err
	}
	return p.finish()
}

// exportSources is m.Sources plus any source a link (live or deleted) carries that neither
// the sources nor the deleted sources list.
func exportSources(m Model) []annotate.Source {
	out := m.Sources
	var seen map[string]bool
	links := m.Links
	if len(m.Deleted.Links) > 0 {
		links = slices.Clip(links)
		for _, d := range m.Deleted.Links {
			links = append(links, d.Row)
		}
	}
	for _, l := range links {
		if l.Source == nil || l.SourceID == "" {
			continue
		}
		if seen == nil {
			seen = make(map[string]bool, len(m.Sources)+len(m.Deleted.Sources))
			for _, s := range m.Sources {
				seen[s.ID] = true
			}
			for _, d := range m.Deleted.Sources {
				seen[d.Row.ID] = true
			}
		}
		if !seen[l.SourceID] {
			seen[l.SourceID] = true
			s := *l.Source
			s.ID = l.SourceID
			out = append(out[:len(out):len(out)], s)
		}
	}
	return out
}

// ErrNewerJSON is returned (wrapped) by ReadJSON for a file written by a newer Factdesk.
var ErrNewerJSON = errors.New("written by a newer version of Factdesk")

// ReadJSON reads a Factdesk JSON export back into a Model. It checks the format and version
// (a newer version is refused with ErrNewerJSON), that IDs are unique, verdicts and relations
// known, every claim's article and every link's ends present, and every anchor's offsets point
// at its exact text in its article. Links get their Source resolved; article Counts are
// computed from the claims.
func ReadJSON(r io.Reader) (Model, error) { return ReadJSONWith(r, JSONReadOptions{}) }

// JSONReadOptions tune ReadJSONWith.
type JSONReadOptions struct {
	// MovedAnchors accepts claims whose offsets do not point at their quote in their
	// article's text (a file edited by hand, or by a tool that counts UTF-16 units): the
	// importer finds the quote again (annotate.Reanchor). The quote itself must not be empty.
	// Such claims are not counted in their article's Counts.
	MovedAnchors bool
}

// ReadJSONWith is ReadJSON with options.
func ReadJSONWith(r io.Reader, opt JSONReadOptions) (Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Model{}, fmt.Errorf("reading the JSON export: %w", err)
	}
	var doc jsonDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return Model{}, fmt.Errorf("not a Factdesk JSON export: invalid JSON at byte %d: %w", syn.Offset, err)
		}
		return Model{}, fmt.Errorf("not a Factdesk JSON export: %w", err)
	}
	if doc.Format != JSONFormat {
		return Model{}, fmt.Errorf("not a Factdesk JSON export: \"format\" is %q, want %q", doc.Format, JSONFormat)
	}
	switch {
	case doc.Version > JSONVersion:
		return Model{}, fmt.Errorf("this file is Factdesk JSON version %d, %w; this version reads version %d: update Factdesk to import it", doc.Version, ErrNewerJSON, JSONVersion)
	case doc.Version < 1:
		return Model{}, fmt.Errorf("not a Factdesk JSON export: \"version\" is %d, want %d", doc.Version, JSONVersion)
	}
	rd := &jsonReader{opt: opt, ids: make(map[string]string, len(doc.Articles)+len(doc.Claims)+len(doc.Sources)+len(doc.Links)+len(doc.Reviewers)),
		articles: map[string]*annotate.Article{}, claims: map[string]bool{}, deletedClaims: map[string]bool{},
		sources: map[string]*annotate.Source{}, deletedSources: map[string]*annotate.Source{}, runes: map[string][]rune{}}
	m := Model{Settings: Settings{Title: doc.Settings.Title, Organization: doc.Settings.Organization, SiteURL: doc.Settings.SiteURL,
		IncludeUnverified: doc.Settings.IncludeUnverified, Generated: rd.time("generated", doc.Generated)}}
	del := doc.Deleted
	m.Articles = withCap[annotate.Article](len(doc.Articles))
	m.Claims = withCap[annotate.Claim](len(doc.Claims))
	m.Sources = withCap[annotate.Source](len(doc.Sources))
	m.Links = withCap[annotate.Link](len(doc.Links))
	m.History = withCap[annotate.HistoryEntry](len(doc.History))
	m.Deleted.Articles = withCap[Deleted[annotate.Article]](len(del.Articles))
	m.Deleted.Claims = withCap[Deleted[annotate.Claim]](len(del.Claims))
	m.Deleted.Sources = withCap[Deleted[annotate.Source]](len(del.Sources))
	m.Deleted.Links = withCap[Deleted[annotate.Link]](len(del.Links))

	for _, r := range doc.Reviewers {
		rd.unique("reviewer", r.ID)
		m.Reviewers = append(m.Reviewers, annotate.Reviewer{ID: r.ID, Name: r.Name, CreatedAt: rd.time("reviewer "+r.ID, r.CreatedAt)})
	}
	// Rows first, then pointers to them: the slices do not grow once filled.
	for _, a := range doc.Articles {
		rd.live("article", a.ID, a.jsonTombstone)
		m.Articles = append(m.Articles, rd.article(a))
	}
	for _, a := range del.Articles {
		m.Deleted.Articles = append(m.Deleted.Articles, Deleted[annotate.Article]{Row: rd.article(a), At: rd.deletedAt("article", a.ID, a.jsonTombstone), By: a.DeletedBy})
	}
	for i := range m.Articles {
		rd.articles[m.Articles[i].ID] = &m.Articles[i]
	}
	deletedArticles := map[string]*annotate.Article{}
	for i := range m.Deleted.Articles {
		deletedArticles[m.Deleted.Articles[i].Row.ID] = &m.Deleted.Articles[i].Row
	}

	for _, c := range doc.Claims {
		rd.live("claim", c.ID, c.jsonTombstone)
		rd.claims[c.ID] = true
		claim, art := rd.claim(c, rd.articles, nil)
		if art != nil {
			art.Counts.AddClaim(claim)
		}
		m.Claims = append(m.Claims, claim)
	}
	for _, c := range del.Claims {
		rd.deletedClaims[c.ID] = true
		claim, _ := rd.claim(c, rd.articles, deletedArticles)
		m.Deleted.Claims = append(m.Deleted.Claims, Deleted[annotate.Claim]{Row: claim, At: rd.deletedAt("claim", c.ID, c.jsonTombstone), By: c.DeletedBy})
	}

	for _, s := range doc.Sources {
		rd.live("source", s.ID, s.jsonTombstone)
		m.Sources = append(m.Sources, rd.source(s))
	}
	for _, s := range del.Sources {
		m.Deleted.Sources = append(m.Deleted.Sources, Deleted[annotate.Source]{Row: rd.source(s), At: rd.deletedAt("source", s.ID, s.jsonTombstone), By: s.DeletedBy})
	}
	for i := range m.Sources {
		rd.sources[m.Sources[i].ID] = &m.Sources[i]
	}
	for i := range m.Deleted.Sources {
		rd.deletedSources[m.Deleted.Sources[i].Row.ID] = &m.Deleted.Sources[i].Row
	}

	if len(doc.Snapshots) > 0 {
		m.Snapshots = make([]SourceSnapshot, 0, len(doc.Snapshots))
	}
	for _, s := range doc.Snapshots {
		m.Snapshots = append(m.Snapshots, rd.snapshot(s))
	}
	if len(doc.Checks) > 0 {
		m.Checks = make([]SourceCheck, 0, len(doc.Checks))
		snapshotOf := make(map[string]string, len(m.Snapshots))
		for _, s := range m.Snapshots {
			snapshotOf[s.ID] = s.SourceID
		}
		for _, c := range doc.Checks {
			m.Checks = append(m.Checks, rd.check(c, snapshotOf))
		}
	}

	for _, l := range doc.Links {
		rd.live("link", l.ID, l.jsonTombstone)
		m.Links = append(m.Links, rd.link(l, false))
	}
	for _, l := range del.Links {
		m.Deleted.Links = append(m.Deleted.Links, Deleted[annotate.Link]{Row: rd.link(l, true), At: rd.deletedAt("link", l.ID, l.jsonTombstone), By: l.DeletedBy})
	}
	for _, h := range doc.History {
		m.History = append(m.History, annotate.HistoryEntry{ID: h.ID, At: rd.time("history "+h.ID, h.At), ReviewerID: h.ReviewerID,
			Reviewer: h.Reviewer, Table: h.Table, RowID: h.RowID, Field: h.Field, Old: h.Old, New: h.New})
	}
	if err := rd.errs.err("invalid Factdesk JSON export"); err != nil {
		return Model{}, err
	}
	return m, nil
}

// jsonReader checks the rows of a JSON document as it turns them into the model's.
type jsonReader struct {
	opt            JSONReadOptions
	errs           problems
	ids            map[string]string // every id of the file -> the kind of row
	articles       map[string]*annotate.Article
	claims         map[string]bool // live claims
	deletedClaims  map[string]bool
	sources        map[string]*annotate.Source
	deletedSources map[string]*annotate.Source
	runes          map[string][]rune // article texts, for anchor checks
}

func (rd *jsonReader) time(what, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		rd.errs.add("%s: time %q is not RFC 3339", what, s)
	}
	return t
}

func (rd *jsonReader) unique(kind, id string) {
	if id == "" {
		rd.errs.add("a %s has no id", kind)
		return
	}
	if other, dup := rd.ids[id]; dup {
		rd.errs.add("%s %s: id already used by a %s", kind, id, other)
	}
	rd.ids[id] = kind
}

// live checks a row of the live arrays: its id is unique and it is not a tombstone.
func (rd *jsonReader) live(kind, id string, t jsonTombstone) {
	rd.unique(kind, id)
	if t.DeletedAt != "" || t.DeletedBy != "" {
		rd.errs.add("%s %s: has deletedAt or deletedBy, but is not in \"deleted\" (deleted rows belong there)", kind, id)
	}
}

// deletedAt checks a row of "deleted": its id is unique and it says when it was deleted.
func (rd *jsonReader) deletedAt(kind, id string, t jsonTombstone) time.Time {
	rd.unique("deleted "+kind, id)
	if t.DeletedAt == "" {
		rd.errs.add("deleted %s %s: no deletedAt", kind, id)
	}
	return rd.time("deleted "+kind+" "+id, t.DeletedAt)
}

func (rd *jsonReader) article(a jsonArticle) annotate.Article {
	if a.SHA256 != "" && !strings.EqualFold(a.SHA256, corpus.HashText(a.Text)) {
		rd.errs.add("article %s: sha256 does not match its text", a.ID)
	}
	rd.pages(a)
	if a.SourceSHA256 != "" && !isHexSHA256(a.SourceSHA256) {
		rd.errs.add("article %s: sourceSha256 %q is not a hex SHA-256", a.ID, a.SourceSHA256)
	}
	return annotate.Article{ID: a.ID, Article: corpus.Article{Title: a.Title, Outlet: a.Outlet,
		Byline: a.Byline, URL: a.URL, Language: a.Language, Published: a.Published, Text: a.Text, Removed: a.Removed,
		Origin: a.Origin, Format: a.Format, Pages: a.Pages, OCR: a.OCR, Notes: a.Notes, SourceSHA256: a.SourceSHA256,
		FetchedAt: rd.time("article "+a.ID, a.FetchedAt), RawType: a.RawType},
		SHA256: a.SHA256, ImportedAt: rd.time("article "+a.ID, a.ImportedAt), ImportedBy: a.ImportedBy}
}

// pages checks an article's page starts: the first page starts at 0, each page after the one
// before (or with it, for a page with no text), and none past the end of the text, so that
// Article.PageAt finds every offset's page.
func (rd *jsonReader) pages(a jsonArticle) {
	if len(a.Pages) == 0 {
		return
	}
	n := utf8.RuneCountInString(a.Text)
	for i, p := range a.Pages {
		switch {
		case i == 0 && p != 0:
			rd.errs.add("article %s: pages must start with 0 (page 1 starts the text), not %d", a.ID, p)
			return
		case i > 0 && p < a.Pages[i-1]:
			rd.errs.add("article %s: pages must be in order (page %d starts at %d, page %d at %d)", a.ID, i, a.Pages[i-1], i+1, p)
			return
		case p > n:
			rd.errs.add("article %s: page %d starts at %d, past the end of its text (%d characters)", a.ID, i+1, p, n)
			return
		}
	}
}

// isHexSHA256 reports whether s is 64 hexadecimal digits.
func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// claim reads a claim whose article is in live (or, for a deleted claim, in deleted), checking
// its anchor; it returns the article when the anchor is in its text.
func (rd *jsonReader) claim(c jsonClaim, live, deleted map[string]*annotate.Article) (annotate.Claim, *annotate.Article) {
	v := annotate.Verdict(c.Verdict)
	if !v.Valid() {
		rd.errs.add("claim %s: unknown verdict %q", c.ID, c.Verdict)
	}
	anchor := annotate.Anchor{Start: c.Anchor.Start, End: c.Anchor.End, Exact: c.Anchor.Exact, Prefix: c.Anchor.Prefix, Suffix: c.Anchor.Suffix}
	claim := annotate.Claim{ID: c.ID, ArticleID: c.ArticleID, Anchor: anchor, Verdict: v, Note: c.Note,
		CreatedAt: rd.time("claim "+c.ID, c.CreatedAt), UpdatedAt: rd.time("claim "+c.ID, c.UpdatedAt), CreatedBy: c.CreatedBy, UpdatedBy: c.UpdatedBy,
		Contested: c.Contested}
	for _, r := range c.Ratings {
		rv := annotate.Verdict(r.Verdict)
		if !rv.Valid() {
			rd.errs.add("claim %s: rating by %s: unknown verdict %q", c.ID, r.Reviewer, r.Verdict)
		}
		claim.Ratings = append(claim.Ratings, annotate.ClaimRating{Reviewer: r.Reviewer, Verdict: rv, At: rd.time("claim "+c.ID, r.At)})
	}
	if st := c.Settled; st != nil {
		claim.Settled = &annotate.Settlement{Verdict: annotate.Verdict(st.Verdict), Reviewer: st.Reviewer, At: rd.time("claim "+c.ID, st.At)}
	}
	art := live[c.ArticleID]
	if art == nil {
		art = deleted[c.ArticleID]
	}
	switch {
	case art == nil:
		rd.errs.add("claim %s: article %q is not in the file", c.ID, c.ArticleID)
	case !anchorInText(rd.runes, art, anchor):
		// With MovedAnchors the importer anchors the quote again.
		if !rd.opt.MovedAnchors || anchor.Exact == "" {
			rd.errs.add("claim %s: characters %d–%d of article %s are not its quote %q", c.ID, c.Anchor.Start, c.Anchor.End, c.ArticleID, Shorten(c.Anchor.Exact, 40))
		}
	default:
		return claim, art
	}
	return claim, nil
}

func (rd *jsonReader) source(s jsonSource) annotate.Source {
	return annotate.Source{ID: s.ID, URL: s.URL, Title: s.Title, Publisher: s.Publisher, Accessed: s.Accessed,
		Quote: s.Quote, CreatedAt: rd.time("source "+s.ID, s.CreatedAt), CreatedBy: s.CreatedBy}
}

// snapshot reads a source snapshot, which must name a source of the file (live or deleted) and
// say what was fetched, when, and the page's SHA-256.
func (rd *jsonReader) snapshot(s jsonSnapshot) SourceSnapshot {
	rd.unique("snapshot", s.ID)
	if rd.sources[s.SourceID] == nil && rd.deletedSources[s.SourceID] == nil {
		rd.errs.add("snapshot %s: its source %q is not in the file", s.ID, s.SourceID)
	}
	if s.URL == "" {
		rd.errs.add("snapshot %s: has no url (the address fetched)", s.ID)
	}
	if s.FetchedAt == "" {
		rd.errs.add("snapshot %s: has no fetchedAt (when the page was fetched)", s.ID)
	}
	if !isHexSHA256(s.SHA256) {
		rd.errs.add("snapshot %s: sha256 %q is not a hex SHA-256", s.ID, s.SHA256)
	}
	what := "snapshot " + s.ID
	return SourceSnapshot{ID: s.ID, SourceID: s.SourceID, URL: s.URL, FinalURL: s.FinalURL, FetchedAt: rd.time(what, s.FetchedAt),
		SHA256: s.SHA256, Text: s.Text, RawType: s.RawType, ArchiveURL: s.ArchiveURL, CreatedAt: rd.time(what, s.CreatedAt), CreatedBy: s.CreatedBy}
}

// check reads a source check, which must name a snapshot of the file and that snapshot's
// source (snapshotOf maps each snapshot to its source), say what was fetched and when, and have
// either the live page's SHA-256 or why it could not be fetched.
func (rd *jsonReader) check(c jsonCheck, snapshotOf map[string]string) SourceCheck {
	rd.unique("check", c.ID)
	switch src, ok := snapshotOf[c.SnapshotID]; {
	case !ok:
		rd.errs.add("check %s: its snapshot %q is not in the file", c.ID, c.SnapshotID)
	case src != c.SourceID:
		rd.errs.add("check %s: its snapshot %s is of source %q, not of its source %q", c.ID, c.SnapshotID, src, c.SourceID)
	}
	if c.URL == "" {
		rd.errs.add("check %s: has no url (the address fetched)", c.ID)
	}
	if c.CheckedAt == "" {
		rd.errs.add("check %s: has no checkedAt (when the page was fetched)", c.ID)
	}
	switch {
	case c.Error == "" && c.SHA256 == "":
		rd.errs.add("check %s: has neither the page's sha256 nor the error that kept it from being fetched", c.ID)
	case c.Error != "" && c.SHA256 != "":
		rd.errs.add("check %s: has both a sha256 and an error (a failed check has no page)", c.ID)
	case c.SHA256 != "" && !isHexSHA256(c.SHA256):
		rd.errs.add("check %s: sha256 %q is not a hex SHA-256", c.ID, c.SHA256)
	}
	if c.Status < 0 || c.Status > 999 {
		rd.errs.add("check %s: status %d is not an HTTP status", c.ID, c.Status)
	}
	what := "check " + c.ID
	return SourceCheck{ID: c.ID, SourceID: c.SourceID, SnapshotID: c.SnapshotID, URL: c.URL, FinalURL: c.FinalURL,
		CheckedAt: rd.time(what, c.CheckedAt), Status: c.Status, SHA256: c.SHA256, PageChanged: c.PageChanged, TextChanged: c.TextChanged,
		Error: c.Error, CreatedAt: rd.time(what, c.CreatedAt), CreatedBy: c.CreatedBy}
}

// link reads a link: a live one joins live rows only; a deleted one may join deleted ones.
func (rd *jsonReader) link(l jsonLink, deleted bool) annotate.Link {
	rel := annotate.Relation(l.Relation)
	if rel != annotate.SameClaim && rel != annotate.Supports && rel != annotate.Contradicts {
		rd.errs.add("link %s: unknown relation %q", l.ID, l.Relation)
	}
	claimHere := func(id string) bool { return rd.claims[id] || deleted && rd.deletedClaims[id] }
	if !claimHere(l.ClaimID) {
		rd.errs.add("link %s: claim %q is not in the file", l.ID, l.ClaimID)
	}
	link := annotate.Link{ID: l.ID, ClaimID: l.ClaimID, Relation: rel, SourceID: l.SourceID, TargetClaimID: l.TargetClaimID,
		CreatedAt: rd.time("link "+l.ID, l.CreatedAt), CreatedBy: l.CreatedBy}
	switch {
	case (l.SourceID == "") == (l.TargetClaimID == ""):
		rd.errs.add("link %s: needs exactly one of sourceId and targetClaimId", l.ID)
	case l.SourceID != "":
		s := rd.sources[l.SourceID]
		if s == nil && deleted {
			s = rd.deletedSources[l.SourceID]
		}
		if s != nil {
			c := *s
			link.Source = &c
		} else {
			rd.errs.add("link %s: source %q is not in the file", l.ID, l.SourceID)
		}
	case !claimHere(l.TargetClaimID):
		rd.errs.add("link %s: claim %q is not in the file", l.ID, l.TargetClaimID)
	}
	return link
}

// problems collects validation errors and reports the first few.
type problems struct {
	list []string
}

func (p *problems) add(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problems) err(what string) error {
	if len(p.list) == 0 {
		return nil
	}
	const show = 5
	msg := strings.Join(p.list[:min(show, len(p.list))], "; ")
	if len(p.list) > show {
		msg += fmt.Sprintf("; and %d more problems", len(p.list)-show)
	}
	return fmt.Errorf("%s: %s", what, msg)
}

// anchorInText reports whether the anchor's offsets point at its exact text in the article,
// splitting each article's text into runes once (annotate.Anchor.Valid scans the text from
// its start every time, which is quadratic over an article's many claims).
func anchorInText(cache map[string][]rune, a *annotate.Article, anchor annotate.Anchor) bool {
	runes, ok := cache[a.ID]
	if !ok {
		runes = []rune(a.Text)
		cache[a.ID] = runes
	}
	return anchor.Start >= 0 && anchor.Start < anchor.End && anchor.End <= len(runes) && anchor.Exact != "" &&
		string(runes[anchor.Start:anchor.End]) == anchor.Exact
}

// withCap is an empty slice with room for n elements, or nil when n is 0 (so an empty list
// reads back as it was written).
func withCap[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}
