package report

import (
	"cmp"
	"errors"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"factdesk/annotate"
)

// Rating is how a verdict is published as a schema.org Rating (docs/claimreview.md).
type Rating struct {
	Value         int
	AlternateName string
}

// Best and worst rating values of every ClaimReview Factdesk writes: always stated, since
// consumers must not guess the scale.
const (
	BestRating  = 5
	WorstRating = 1
)

// RatingOf maps a verdict to its ClaimReview rating: confirmed 5 "Confirmed", disputed 1
// "Disputed", unverified 3 "Unverified".
func RatingOf(v annotate.Verdict) Rating {
	switch v {
	case annotate.Confirmed:
		return Rating{Value: 5, AlternateName: "Confirmed"}
	case annotate.Disputed:
		return Rating{Value: 1, AlternateName: "Disputed"}
	}
	return Rating{Value: 3, AlternateName: "Unverified"}
}

// ClaimReviewedMax is the longest claimReviewed text, in characters, before it is shortened
// at a word boundary with "…" (Google asks for under about 75).
const ClaimReviewedMax = 75

// ErrNoSiteURL is returned by the ClaimReview export when Settings.SiteURL is not an absolute
// http(s) URL: every ClaimReview needs the url where the review is published.
var ErrNoSiteURL = errors.New("ClaimReview export needs the site URL where the report is published (an http or https URL): set it in the export settings")

// The JSON-LD shapes of the ClaimReview export. crAgent is an Organization or a Person.

type crAgent struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type crRating struct {
	Type              string `json:"@type"`
	RatingValue       int    `json:"ratingValue"`
	BestRating        int    `json:"bestRating"`
	WorstRating       int    `json:"worstRating"`
	AlternateName     string `json:"alternateName"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

type crCreativeWork struct {
	Type          string   `json:"@type"`
	URL           string   `json:"url,omitempty"`
	Headline      string   `json:"headline,omitempty"`
	InLanguage    string   `json:"inLanguage,omitempty"`
	DatePublished string   `json:"datePublished,omitempty"`
	Publisher     *crAgent `json:"publisher,omitempty"`
	Author        *crAgent `json:"author,omitempty"`
	// Pagination is the page or pages of a paged article (a PDF) the claim is on: "12",
	// "12-13", "3, 12" (docs/claimreview.md).
	Pagination string `json:"pagination,omitempty"`
}

type crClaim struct {
	Type            string           `json:"@type"`
	Author          *crAgent         `json:"author,omitempty"`
	DatePublished   string           `json:"datePublished,omitempty"`
	Appearance      []crCreativeWork `json:"appearance"`
	FirstAppearance *crCreativeWork  `json:"firstAppearance,omitempty"`
}

type crReview struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	URL           string   `json:"url"`
	ClaimReviewed string   `json:"claimReviewed"`
	DatePublished string   `json:"datePublished,omitempty"`
	Author        *crAgent `json:"author,omitempty"`
	InLanguage    string   `json:"inLanguage,omitempty"` // the language of alternateName, when the export names one
	ReviewRating  crRating `json:"reviewRating"`
	ItemReviewed  crClaim  `json:"itemReviewed"`
}

// claimReviewURL is the page URL with the fragment of claim id.
func claimReviewURL(site, id string) string {
	if i := strings.IndexByte(site, '#'); i >= 0 {
		site = site[:i]
	}
	return site + "#" + ClaimAnchor(id)
}

// ContestedLeftOut counts the claims of m that a ClaimReview export leaves out because they
// are contested: their reviewers disagree and nobody settled them. The front ends say so.
func ContestedLeftOut(m Model) int {
	n := 0
	for _, c := range m.Claims {
		if c.Contested {
			n++
		}
	}
	return n
}

// writeClaimReview writes a JSON array of ClaimReview objects, one per confirmed or disputed
// claim (and unverified ones with Settings.IncludeUnverified); contested claims are left out
// (ContestedLeftOut counts them). Texts shown to readers have
// bidi controls made visible.
func writeClaimReview(w io.Writer, v *View, opt Options) error {
	site := strings.TrimSpace(v.Settings.SiteURL)
	if !isWebURL(site) {
		return ErrNoSiteURL
	}
	if u, err := url.Parse(site); err != nil || u.Host == "" {
		return ErrNoSiteURL
	}
	var author *crAgent
	if org := oneLine(v.Settings.Organization); org != "" {
		u, _ := url.Parse(site)
		author = &crAgent{Type: "Organization", Name: ShowBidi(org), URL: u.Scheme + "://" + u.Host + "/"}
	}
	l := localeOf(opt.Lang)
	var reviewed []*ClaimView
	for _, c := range v.Claims {
		if c.Claim.Contested {
			continue // no verdict nobody settled is published
		}
		if c.Claim.Verdict == annotate.Confirmed || c.Claim.Verdict == annotate.Disputed ||
			v.Settings.IncludeUnverified && c.Claim.Verdict == annotate.Unverified {
			reviewed = append(reviewed, c)
		}
	}
	p := newProgress(opt, len(reviewed))
	jw := newJSONWriter(w)
	if len(reviewed) == 0 {
		jw.raw("[]\n")
		if err := jw.finish(); err != nil {
			return err
		}
		return p.finish()
	}
	jw.raw("[\n")
	for i, c := range reviewed {
		if err := p.tick(); err != nil {
			return err
		}
		if i > 0 {
			jw.raw(",\n")
		}
		rating := RatingOf(c.Claim.Verdict)
		inLanguage := ""
		if opt.Lang != "" { // the rating's name in the language asked for, which the review states
			rating.AlternateName, inLanguage = l.verdict(c.Claim.Verdict), opt.Lang.Tag()
		}
		review := crReview{
			Context:       "https://schema.org",
			Type:          "ClaimReview",
			URL:           claimReviewURL(site, c.Claim.ID),
			ClaimReviewed: ShowBidi(Shorten(c.Claim.Exact, ClaimReviewedMax)),
			DatePublished: formatDate(c.VerdictAt),
			Author:        author,
			InLanguage:    inLanguage,
			ReviewRating: crRating{Type: "Rating", RatingValue: rating.Value, BestRating: BestRating, WorstRating: WorstRating,
				AlternateName: rating.AlternateName, RatingExplanation: ShowBidi(FirstSentences(c.Claim.Note))},
			ItemReviewed: crClaim{Type: "Claim"},
		}
		for _, a := range c.Appearances {
			review.ItemReviewed.Appearance = append(review.ItemReviewed.Appearance, appearance(c, a))
		}
		first := review.ItemReviewed.Appearance[0]
		review.ItemReviewed.FirstAppearance = &first
		review.ItemReviewed.DatePublished = first.DatePublished
		if outlet := oneLine(c.Article.Article.Outlet); outlet != "" {
			review.ItemReviewed.Author = &crAgent{Type: "Organization", Name: ShowBidi(outlet)}
		}
		jw.value(review)
	}
	jw.raw("\n]\n")
	if err := jw.finish(); err != nil {
		return err
	}
	return p.finish()
}

// creativeWork describes an article as a claim's appearance: a NewsArticle when its outlet
// is known, else a CreativeWork.
func creativeWork(a *ArticleView) crCreativeWork {
	cw := crCreativeWork{Type: "CreativeWork", Headline: ShowBidi(oneLine(a.Article.Title)), InLanguage: langTag(a.Article.Language),
		DatePublished: publishedDate(a.Article.Published)}
	if isWebURL(a.Article.URL) {
		cw.URL = strings.TrimSpace(a.Article.URL)
	}
	if outlet := oneLine(a.Article.Outlet); outlet != "" {
		cw.Type = "NewsArticle"
		cw.Publisher = &crAgent{Type: "Organization", Name: ShowBidi(outlet)}
	}
	if by := oneLine(a.Article.Byline); by != "" {
		cw.Author = &crAgent{Type: "Person", Name: ShowBidi(by)}
	}
	return cw
}

// appearance describes article a as an appearance of claim c (creativeWork), with the pages
// of a paged article the claim, or a same claim, is on as its pagination. schema.org gives
// pagination to Article and its kinds, so a paged CreativeWork is published as an Article.
func appearance(c *ClaimView, a *ArticleView) crCreativeWork {
	cw := creativeWork(a)
	if len(a.Article.Pages) == 0 {
		return cw
	}
	var spans []string
	for _, o := range append([]*ClaimView{c}, c.SameAs...) {
		if o.Article != a {
			continue
		}
		if span := pageSpan(a, o.Claim.Anchor); span != "" && !slices.Contains(spans, span) {
			spans = append(spans, span)
		}
	}
	if len(spans) == 0 {
		return cw
	}
	slices.SortFunc(spans, func(x, y string) int { return cmp.Compare(firstPage(x), firstPage(y)) })
	cw.Pagination = strings.Join(spans, ", ")
	if cw.Type == "CreativeWork" {
		cw.Type = "Article"
	}
	return cw
}

// pageSpan is the page of a paged article an anchor is on, "12", or its pages, "12-13"; ""
// when the article has no pages.
func pageSpan(a *ArticleView, an annotate.Anchor) string {
	first := a.Article.PageAt(an.Start)
	if first == 0 {
		return ""
	}
	last := a.Article.PageAt(max(an.Start, an.End-1))
	if last > first {
		return strconv.Itoa(first) + "-" + strconv.Itoa(last)
	}
	return strconv.Itoa(first)
}

// firstPage is the first page of a span pageSpan wrote.
func firstPage(span string) int {
	n, _ := strconv.Atoi(strings.SplitN(span, "-", 2)[0])
	return n
}
