package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"factdesk/annotate"
	"factdesk/corpus"
)

func TestJSONRoundTrip(t *testing.T) {
	for name, m := range map[string]Model{"seeds": fixtureModel(t), "hostile": hostileModel(t)} {
		t.Run(name, func(t *testing.T) {
			// ReadJSON resolves each link's Source and counts claims per article.
			want := m
			want.Links = slices.Clone(m.Links)
			for i, l := range want.Links {
				for _, s := range m.Sources {
					if s.ID == l.SourceID {
						s := s
						want.Links[i].Source = &s
					}
				}
			}
			want.Articles = slices.Clone(m.Articles)
			for i := range want.Articles {
				want.Articles[i].Counts = annotate.VerdictCounts{}
				for _, c := range m.Claims {
					if c.ArticleID == want.Articles[i].ID {
						want.Articles[i].Counts.AddClaim(c)
					}
				}
			}
			out := render(t, JSON, m)
			if bytes.ContainsFunc(out, isBidiControl) {
				t.Error("the JSON holds raw bidi controls; they must be \\u escapes")
			}
			if bytes.Contains(out, []byte("<script")) {
				t.Error("the JSON holds a raw <script")
			}
			got, err := ReadJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				line, g, w := firstDiff(gj, wj)
				t.Fatalf("round trip differs at line %d:\n got %s\nwant %s", line, g, w)
			}
		})
	}
}

func TestJSONHeaderAndVersions(t *testing.T) {
	out := render(t, JSON, fixtureModel(t))
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(out, &head); err != nil || head.Format != "factdesk" || head.Version != 1 {
		t.Fatalf("header %+v, %v", head, err)
	}
	newer := bytes.Replace(out, []byte(`"version": 1`), []byte(`"version": 2`), 1)
	_, err := ReadJSON(bytes.NewReader(newer))
	if !errors.Is(err, ErrNewerJSON) || !strings.Contains(err.Error(), "version 2") || !strings.Contains(err.Error(), "update Factdesk") {
		t.Errorf("a newer file: error %v", err)
	}
	for name, tc := range map[string]struct{ from, to, want string }{
		"other format":    {`"format": "factdesk"`, `"format": "other"`, `"format" is "other"`},
		"no version":      {`"version": 1`, `"version": 0`, `"version" is 0`},
		"not JSON":        {`{"format"`, `{format`, "invalid JSON"},
		"bad anchor":      {`"start":823`, `"start":822`, "are not its quote"},
		"unknown verdict": {`"verdict":"disputed"`, `"verdict":"false"`, `unknown verdict "false"`},
		"missing article": {`"articleId":"a0000000-0000-4000-8000-000000000004"`, `"articleId":"nope"`, `article "nope" is not in the file`},
		"duplicate id":    {`"id":"c0000000-0000-4000-8000-000000000002"`, `"id":"c0000000-0000-4000-8000-000000000005"`, "id already used"},
		"bad relation":    {`"relation":"same"`, `"relation":"equals"`, `unknown relation "equals"`},
		"missing source":  {`"sourceId":"50000000-0000-4000-8000-000000000003"`, `"sourceId":"gone"`, `source "gone" is not in the file`},
		"bad hash":        {`"sha256":"ada8`, `"sha256":"bbb8`, "sha256 does not match"},
	} {
		broken := bytes.Replace(out, []byte(tc.from), []byte(tc.to), 1)
		if bytes.Equal(broken, out) {
			t.Fatalf("%s: the fixture has no %s", name, tc.from)
		}
		if _, err := ReadJSON(bytes.NewReader(broken)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}

// w3cDoc is a W3C export decoded generically, for checking its shape.
func w3cDoc(t *testing.T, b []byte) (coll map[string]any, items []map[string]any) {
	t.Helper()
	if err := json.Unmarshal(b, &coll); err != nil {
		t.Fatal(err)
	}
	page, _ := coll["first"].(map[string]any)
	raw, _ := page["items"].([]any)
	for _, r := range raw {
		items = append(items, r.(map[string]any))
	}
	return coll, items
}

func isIRIString(v any) bool {
	s, ok := v.(string)
	return ok && isIRI(s)
}

func isDateTime(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil && strings.HasSuffix(s, "Z")
}

// checkW3CModel checks an export against the W3C Web Annotation Data Model's requirements
// (and the profile formats.md asks for): context, ids, types, targets with both selectors in
// code points, bodies with purposes, and linking annotations that point at annotations.
func checkW3CModel(t *testing.T, m Model, b []byte) {
	t.Helper()
	coll, items := w3cDoc(t, b)
	if coll["@context"] != W3CContext || coll["type"] != "AnnotationCollection" || !isIRIString(coll["id"]) {
		t.Fatalf("collection header: %v %v %v", coll["@context"], coll["type"], coll["id"])
	}
	if total, _ := coll["total"].(float64); int(total) != len(items) {
		t.Errorf("total %v, but the page has %d items", coll["total"], len(items))
	}
	page := coll["first"].(map[string]any)
	if page["type"] != "AnnotationPage" || !isIRIString(page["id"]) || page["partOf"] != coll["id"] {
		t.Errorf("page header: %v", page)
	}
	texts := map[string]string{}
	for _, a := range m.Articles {
		texts[newArticleView(a).SourceIRI] = a.Text
	}
	ids := map[string]bool{}
	for _, it := range items {
		ids[it["id"].(string)] = true
	}
	var assessing, linking int
	for _, it := range items {
		id := it["id"]
		if !isIRIString(id) || !strings.HasPrefix(id.(string), "urn:uuid:") || it["type"] != "Annotation" || it["target"] == nil {
			t.Errorf("annotation %v lacks id, type or target", id)
			continue
		}
		if !isDateTime(it["created"]) || !isDateTime(it["generated"]) {
			t.Errorf("annotation %v: created/generated not xsd:dateTime in UTC", id)
		}
		if creator, _ := it["creator"].(map[string]any); creator["type"] != "Person" || creator["name"] == "" {
			t.Errorf("annotation %v: creator %v", id, it["creator"])
		}
		if gen, _ := it["generator"].(map[string]any); gen["type"] != "Software" || gen["name"] != "Factdesk" {
			t.Errorf("annotation %v: generator %v", id, it["generator"])
		}
		bodies, _ := it["body"].([]any)
		switch it["motivation"] {
		case "assessing":
			assessing++
			if mod, ok := it["modified"]; ok && !isDateTime(mod) {
				t.Errorf("annotation %v: modified", id)
			}
			verdict := bodies[0].(map[string]any)
			if verdict["type"] != "TextualBody" || verdict["purpose"] != "assessing" ||
				!annotate.Verdict(verdict["value"].(string)).Valid() && verdict["value"] != "contested" {
				t.Errorf("annotation %v: verdict body %v", id, verdict)
			}
			for _, b := range bodies[1:] {
				note := b.(map[string]any)
				if note["purpose"] == "assessing" { // a reviewer's own rating, with who gave it
					if creator, _ := note["creator"].(map[string]any); !annotate.Verdict(note["value"].(string)).Valid() || creator["name"] == "" {
						t.Errorf("annotation %v: rating body %v", id, note)
					}
					continue
				}
				if note["type"] != "TextualBody" || note["purpose"] != "commenting" || note["format"] != "text/plain" || note["value"] == "" {
					t.Errorf("annotation %v: note body %v", id, note)
				}
			}
			target := it["target"].(map[string]any)
			src := target["source"].(map[string]any)
			text, ok := texts[src["id"].(string)]
			if !ok || !isIRIString(src["id"]) {
				t.Errorf("annotation %v: target source %v is no exported article", id, src["id"])
			}
			if c, ok := src["canonical"].(string); ok && !strings.HasPrefix(c, "urn:sha256:") {
				t.Errorf("annotation %v: canonical %q", id, c)
			}
			sels, _ := target["selector"].([]any)
			var exact string
			var start, end = -1, -1
			var quotes, positions int
			for _, s := range sels {
				sel := s.(map[string]any)
				switch sel["type"] {
				case "TextQuoteSelector":
					quotes++
					exact, _ = sel["exact"].(string)
					if _, ok := sel["prefix"].(string); !ok {
						t.Errorf("annotation %v: no prefix", id)
					}
					if _, ok := sel["suffix"].(string); !ok {
						t.Errorf("annotation %v: no suffix", id)
					}
				case "TextPositionSelector":
					positions++
					s, _ := sel["start"].(float64)
					e, _ := sel["end"].(float64)
					start, end = int(s), int(e)
				}
			}
			if quotes != 1 || positions != 1 || exact == "" || start < 0 || end <= start {
				t.Errorf("annotation %v: selectors %v", id, sels)
				continue
			}
			// Positions count code points in the article text.
			if got := string([]rune(text)[start:end]); got != exact {
				t.Errorf("annotation %v: code points %d–%d are %q, exact is %q", id, start, end, got, exact)
			}
		case "linking":
			linking++
			rel := bodies[0].(map[string]any)
			if rel["type"] != "TextualBody" || rel["purpose"] != "classifying" {
				t.Errorf("annotation %v: relation body %v", id, rel)
			}
			if _, err := annotate.ParseRelation(rel["value"].(string)); err != nil {
				t.Errorf("annotation %v: %v", id, err)
			}
			switch target := it["target"].(type) {
			case string: // a source link: the claim's annotation, and the source as a body
				if !ids[target] || len(bodies) != 2 {
					t.Errorf("annotation %v: target %v, %d bodies", id, target, len(bodies))
				}
				src := bodies[1].(map[string]any)
				if src["type"] != "SpecificResource" || src["purpose"] != "linking" || src["source"] == nil {
					t.Errorf("annotation %v: source body %v", id, src)
				}
			case []any: // a claim link: both claims' annotations
				if len(target) != 2 || !ids[target[0].(string)] || !ids[target[1].(string)] {
					t.Errorf("annotation %v: targets %v", id, target)
				}
			default:
				t.Errorf("annotation %v: target %v", id, target)
			}
		default:
			t.Errorf("annotation %v: motivation %v", id, it["motivation"])
		}
	}
	if assessing != len(m.Claims) || linking != len(m.Links) {
		t.Errorf("%d assessing and %d linking annotations for %d claims and %d links", assessing, linking, len(m.Claims), len(m.Links))
	}
}

func TestW3CModelAndRoundTrip(t *testing.T) {
	m := fixtureModel(t)
	out := render(t, W3C, m)
	checkW3CModel(t, m, out)
	imp, err := ReadW3C(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if imp.Label != m.Settings.Title || len(imp.Claims) != len(m.Claims) {
		t.Fatalf("label %q, %d claims", imp.Label, len(imp.Claims))
	}
	got := map[string]W3CClaim{}
	for _, c := range imp.Claims {
		got[c.ID] = c
	}
	for _, want := range m.Claims {
		c, ok := got[want.ID]
		if !ok {
			t.Errorf("claim %s not imported", want.ID)
			continue
		}
		art, ok := c.MatchArticle(m.Articles)
		if !ok || art.ID != want.ArticleID {
			t.Errorf("claim %s matched article %q, want %s", want.ID, art.ID, want.ArticleID)
		}
		want.UpdatedBy = cmp.Or(want.UpdatedBy, want.CreatedBy)
		want.ArticleID = ""
		if !reflect.DeepEqual(c.Claim, want) || !c.HasPosition {
			t.Errorf("claim %s:\n got %+v\nwant %+v", want.ID, c.Claim, want)
		}
	}
	sortSources := func(ss []annotate.Source) []annotate.Source {
		ss = slices.Clone(ss)
		slices.SortFunc(ss, func(a, b annotate.Source) int { return strings.Compare(a.ID, b.ID) })
		return ss
	}
	if !reflect.DeepEqual(sortSources(imp.Sources), sortSources(m.Sources)) {
		t.Errorf("sources:\n got %+v\nwant %+v", imp.Sources, m.Sources)
	}
	sortLinks := func(ls []annotate.Link) []annotate.Link {
		ls = slices.Clone(ls)
		slices.SortFunc(ls, func(a, b annotate.Link) int { return strings.Compare(a.ID, b.ID) })
		return ls
	}
	if gl, wl := sortLinks(imp.Links), sortLinks(m.Links); !reflect.DeepEqual(gl, wl) {
		t.Errorf("links:\n got %+v\nwant %+v", gl, wl)
	}
}

func TestW3CCountsCodePoints(t *testing.T) {
	text := "Flags 🇦🇲 and 🇦🇿, a face 😀, then the claim: 300 morts à Stepanakert."
	quote := "300 morts à Stepanakert"
	a := anchorOf(t, text, quote)
	utf16Start := len(utf16.Encode([]rune(text[:strings.Index(text, quote)])))
	if a.Start == utf16Start || a.Start == strings.Index(text, quote) {
		t.Fatalf("the fixture does not tell code points (%d) from UTF-16 units (%d) or bytes", a.Start, utf16Start)
	}
	art := annotate.Article{ID: "emoji", Article: corpus.Article{Title: "Emoji", Text: text, Language: "fr"}}
	m := Model{Settings: Settings{Generated: fixedGenerated}, Articles: []annotate.Article{art},
		Claims: []annotate.Claim{{ID: "2f1d7c6e-0000-4000-8000-000000000001", ArticleID: "emoji", Anchor: a, Verdict: annotate.Disputed, CreatedAt: fixedGenerated, CreatedBy: "Zoé"}}}
	out := render(t, W3C, m)
	checkW3CModel(t, m, out)
	if !bytes.Contains(out, []byte(`"start":`+itoa(a.Start))) {
		t.Errorf("the position selector does not count code points: want start %d", a.Start)
	}
	imp, err := ReadW3C(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c := imp.Claims[0]
	if c.Anchor != a || c.SHA256 != corpus.HashText(text) || c.Source != "urn:sha256:"+corpus.HashText(text) {
		t.Errorf("imported %+v", c)
	}
	if got, ok := c.MatchArticle([]annotate.Article{{ID: "other", Article: corpus.Article{Text: "x"}}, art}); !ok || got.ID != "emoji" {
		t.Errorf("matched %q", got.ID)
	}
}

func itoa(n int) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

func TestReadW3CForeignAnnotations(t *testing.T) {
	// A single annotation as another tool writes it: string source, one selector object,
	// a commenting body, no verdict.
	single := `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hypothes.is/a/abc", "type": "Annotation",
	  "motivation": "commenting", "created": "2024-01-02T03:04:05Z", "creator": "acct:zoe@hypothes.is",
	  "body": {"type": "TextualBody", "value": "Check this figure.", "purpose": "commenting"},
	  "target": {"source": "https://france24.example/en/20201008-putin-invites-ministers",
	    "selector": {"type": "TextQuoteSelector", "exact": "300 to 400", "prefix": "death toll is ", "suffix": ", including"}}}`
	imp, err := ReadW3C(strings.NewReader(single))
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Claims) != 1 {
		t.Fatalf("%d claims", len(imp.Claims))
	}
	c := imp.Claims[0]
	if c.Verdict != annotate.Unverified || c.Note != "Check this figure." || c.Exact != "300 to 400" || c.HasPosition ||
		c.CreatedBy != "acct:zoe@hypothes.is" || c.IRI != "https://hypothes.is/a/abc" || c.ID == "" {
		t.Errorf("imported %+v", c)
	}
	m := fixtureModel(t)
	if art, ok := c.MatchArticle(m.Articles); !ok || art.ID != art000 {
		t.Errorf("matched %q", art.ID)
	}
	// The same as a bare JSON array works too.
	if imp, err := ReadW3C(strings.NewReader("[" + single + "]")); err != nil || len(imp.Claims) != 1 {
		t.Errorf("array: %v", err)
	}
	for name, tc := range map[string]struct{ doc, want string }{
		"no anno context":  {`{"@context": "https://schema.org", "type": "Annotation"}`, "@context lacks"},
		"not JSON":         {`{`, "invalid JSON"},
		"wrong type":       {`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Person"}`, "type is Person"},
		"pages by IRI":     {`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "first": "https://x.example/p1"}`, "not embedded"},
		"UTF-16 positions": {strings.Replace(single, `"selector": {`, `"selector": [{"type": "TextPositionSelector", "start": 0, "end": 11}, {`, 1) + "", "positions count Unicode code points"},
		"dangling link": {`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "urn:uuid:10000000-0000-4000-8000-000000000001", "motivation": "linking",
			"body": {"type": "TextualBody", "purpose": "classifying", "value": "same"}, "target": ["urn:uuid:1", "urn:uuid:2"]}`, "not an annotation of this file"},
	} {
		doc := tc.doc
		if name == "UTF-16 positions" {
			doc = strings.Replace(doc, `"exact": "300 to 400", "prefix": "death toll is ", "suffix": ", including"}}}`, `"exact": "300 to 400", "prefix": "death toll is ", "suffix": ", including"}]}}`, 1)
		}
		if _, err := ReadW3C(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}

func TestClaimReviewFields(t *testing.T) {
	m := fixtureModel(t)
	v := m.View()
	check := func(t *testing.T, out []byte, wantCount int) []map[string]any {
		var reviews []map[string]any
		if err := json.Unmarshal(out, &reviews); err != nil {
			t.Fatal(err)
		}
		if len(reviews) != wantCount {
			t.Fatalf("%d ClaimReviews, want %d", len(reviews), wantCount)
		}
		for _, r := range reviews {
			u, _ := r["url"].(string)
			id := strings.TrimPrefix(u, m.Settings.SiteURL+"#claim-")
			c := v.Claim(id)
			if c == nil {
				t.Errorf("url %q names no claim", u)
				continue
			}
			// Required.
			if r["@context"] != "https://schema.org" || r["@type"] != "ClaimReview" {
				t.Errorf("%s: @context/@type %v %v", id, r["@context"], r["@type"])
			}
			cr, _ := r["claimReviewed"].(string)
			if cr == "" || utf8.RuneCountInString(cr) > ClaimReviewedMax || !strings.HasPrefix(oneLine(c.Claim.Exact), strings.TrimSuffix(cr, "…")) {
				t.Errorf("%s: claimReviewed %q", id, cr)
			}
			rating := r["reviewRating"].(map[string]any)
			want := RatingOf(c.Claim.Verdict)
			var explanation any
			if e := FirstSentences(c.Claim.Note); e != "" {
				explanation = e
			}
			if rating["@type"] != "Rating" || rating["ratingValue"] != float64(want.Value) || rating["bestRating"] != 5.0 || rating["worstRating"] != 1.0 ||
				rating["alternateName"] != want.AlternateName || rating["ratingExplanation"] != explanation {
				t.Errorf("%s: reviewRating %v", id, rating)
			}
			// Recommended.
			author := r["author"].(map[string]any)
			if author["@type"] != "Organization" || author["name"] != m.Settings.Organization || author["url"] != "https://factcheck.example/" {
				t.Errorf("%s: author %v", id, author)
			}
			if r["datePublished"] != formatDate(c.VerdictAt) {
				t.Errorf("%s: datePublished %v", id, r["datePublished"])
			}
			item := r["itemReviewed"].(map[string]any)
			apps, _ := item["appearance"].([]any)
			if item["@type"] != "Claim" || len(apps) != len(c.Appearances) || len(apps) == 0 {
				t.Errorf("%s: itemReviewed %v", id, item)
				continue
			}
			for i, a := range apps {
				app := a.(map[string]any)
				av := c.Appearances[i]
				wantType := "CreativeWork"
				if av.Article.Outlet != "" {
					wantType = "NewsArticle"
				}
				if app["@type"] != wantType || app["headline"] != av.Article.Title || app["inLanguage"] != av.Article.Language ||
					app["datePublished"] != av.Article.Published || (av.Article.URL != "") != (app["url"] != nil) {
					t.Errorf("%s: appearance %v", id, app)
				}
			}
			if !reflect.DeepEqual(item["firstAppearance"], apps[0]) || item["datePublished"] != apps[0].(map[string]any)["datePublished"] {
				t.Errorf("%s: firstAppearance %v", id, item["firstAppearance"])
			}
			if c.Article.Article.Outlet != "" {
				if a, _ := item["author"].(map[string]any); a["name"] != c.Article.Article.Outlet {
					t.Errorf("%s: claim author %v", id, item["author"])
				}
			}
			if c.Claim.Verdict == annotate.Unverified && !m.Settings.IncludeUnverified {
				t.Errorf("%s: unverified claim exported", id)
			}
		}
		return reviews
	}
	reviews := check(t, render(t, ClaimReview, m), 10)
	// The same claim in two articles and two languages: both appearances, the earliest first.
	for _, r := range reviews {
		if r["url"] == m.Settings.SiteURL+"#claim-"+claimID(6) {
			apps := r["itemReviewed"].(map[string]any)["appearance"].([]any)
			if len(apps) != 2 || apps[0].(map[string]any)["inLanguage"] != "en" || apps[1].(map[string]any)["inLanguage"] != "fr" {
				t.Errorf("claim 6 appearances %v", apps)
			}
		}
	}
	m.Settings.IncludeUnverified = true
	// Every claim but the contested one: no verdict nobody settled is published.
	if ContestedLeftOut(m) != 1 {
		t.Errorf("ContestedLeftOut = %d, want 1", ContestedLeftOut(m))
	}
	for _, r := range check(t, render(t, ClaimReview, m), 11) {
		if r["url"] == m.Settings.SiteURL+"#claim-"+claimID(3) {
			t.Error("the contested claim was exported as a ClaimReview")
		}
	}

	for _, site := range []string{"", "javascript:alert(1)", "/relative"} {
		m.Settings.SiteURL = site
		if err := Write(&bytes.Buffer{}, ClaimReview, m, Options{}); !errors.Is(err, ErrNoSiteURL) {
			t.Errorf("site %q: error %v, want ErrNoSiteURL", site, err)
		}
	}
}

func TestClaimReviewHostileInput(t *testing.T) {
	m := hostileModel(t)
	m.Settings.SiteURL = "https://factcheck.example/hostile"
	out := render(t, ClaimReview, m)
	if bytes.ContainsFunc(out, isBidiControl) || bytes.Contains(out, []byte("<")) || bytes.Contains(out, []byte(">")) {
		t.Error("ClaimReview JSON-LD must embed safely in a <script> element: no raw <, > or bidi controls")
	}
	var reviews []map[string]any
	if err := json.Unmarshal(out, &reviews); err != nil {
		t.Fatal(err)
	}
	for _, r := range reviews {
		if u := r["url"].(string); !strings.HasPrefix(u, "https://factcheck.example/hostile#claim-") || strings.ContainsAny(u, "\"<> ") {
			t.Errorf("url %q", u)
		}
	}
}

func TestW3CHostileInput(t *testing.T) {
	m := hostileModel(t)
	out := render(t, W3C, m)
	if bytes.ContainsFunc(out, isBidiControl) || bytes.Contains(out, []byte("<script")) {
		t.Error("raw bidi controls or markup in the W3C export")
	}
	imp, err := ReadW3C(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]bool{}
	for _, c := range imp.Claims {
		notes[c.Note] = true
	}
	for _, c := range m.Claims {
		if !notes[c.Note] {
			t.Errorf("note %q not restored verbatim", c.Note)
		}
	}
	urls := map[string]bool{}
	for _, s := range imp.Sources {
		if s.ID == "" {
			t.Error("source without ID")
		}
		urls[s.URL] = true
	}
	if len(imp.Sources) != len(m.Sources) || len(imp.Links) != len(m.Links) {
		t.Errorf("%d sources, %d links", len(imp.Sources), len(imp.Links))
	}
	// Only web URLs become IRIs (as the reports only link web URLs); the others travel as the
	// text of dc:identifier, and read back as they were.
	_, items := w3cDoc(t, out)
	iris := 0
	for _, it := range items {
		bodies, _ := it["body"].([]any)
		for _, b := range bodies {
			body, _ := b.(map[string]any)
			src, _ := body["source"].(map[string]any)
			if src == nil {
				continue
			}
			if id, ok := src["id"].(string); ok {
				iris++
				if !isWebURL(id) {
					t.Errorf("source IRI %q is not a web URL", id)
				}
			} else if ident, _ := src["dc:identifier"].(string); ident != "" && isWebURL(ident) {
				t.Errorf("web URL %q as dc:identifier", ident)
			}
		}
	}
	if iris != 1 {
		t.Errorf("%d sources with an IRI, want 1 (the https one)", iris)
	}
	for _, s := range m.Sources {
		if !urls[s.URL] {
			t.Errorf("source URL %q not read back", s.URL)
		}
	}
}
