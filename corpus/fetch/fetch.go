// Package fetch imports articles from web addresses with net/http: a clear User-Agent,
// time-outs, at most 5 redirects, a size limit, http and https only, the charset from the
// header or the page, and the page through the same reading path as files. It keeps the
// final URL, the fetch time and the page as fetched, so the evidence can be shown later even if
// the page changes.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"factdesk/corpus"
)

// UserAgent names Factdesk to the sites it fetches from.
const UserAgent = "Factdesk/1.0 (fact-checking desk; +https://factdesk.example.org/bot)"

// MaxRedirects is how many redirects a fetch follows.
const MaxRedirects = 5

// DefaultTimeout bounds a whole fetch, from the request to the last byte.
const DefaultTimeout = 30 * time.Second

// Client fetches pages. The zero value is not ready: use New.
type Client struct {
	HTTP    *http.Client
	Timeout time.Duration    // for a whole fetch
	MaxSize int64            // largest page, in bytes
	Now     func() time.Time // the clock, replaceable in tests
}

// New returns a client with Factdesk's limits: 30 s, 5 redirects, corpus.MaxSize.
func New() *Client {
	return &Client{
		HTTP: &http.Client{
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > MaxRedirects {
					return fmt.Errorf("more than %d redirects", MaxRedirects)
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("a redirect to a %s: address", req.URL.Scheme)
				}
				return nil
			},
			Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
				TLSHandshakeTimeout:   10 * time.Second,
				ResponseHeaderTimeout: 20 * time.Second,
				MaxIdleConnsPerHost:   2,
			},
		},
		Timeout: DefaultTimeout,
		MaxSize: corpus.MaxSize,
		Now:     time.Now,
	}
}

// Page is a page as fetched.
type Page struct {
	URL         string // the final address, after redirects
	Status      int    // the HTTP status of the answer (2xx)
	ContentType string
	Body        []byte // as fetched (after the transport's gzip decoding)
	SHA256      string // of Body, hex
	FetchedAt   time.Time
}

// Error is a fetch that failed, with a message that says what to do. Status is the HTTP
// status when the site answered.
type Error struct {
	URL    string
	Status int
	Msg    string
	Err    error
	// Kind says what went wrong when Status and Err do not ("" otherwise), for a front end
	// that words it in its own language; MediaType is the kind of answer for KindNotAPage.
	Kind      ErrorKind
	MediaType string
}

// ErrorKind is what went wrong with a fetch, when the HTTP status or the wrapped error do
// not say it.
type ErrorKind string

// The kinds of fetch errors.
const (
	KindLoginForm   ErrorKind = "login-form"  // the page is a login form, not the article
	KindNotAPage    ErrorKind = "not-a-page"  // the answer is not a web page, text or PDF
	KindRedirects   ErrorKind = "redirects"   // too many redirects, or to another scheme
	KindUnreachable ErrorKind = "unreachable" // the site could not be reached
)

func (e *Error) Error() string { return e.URL + ": " + e.Msg }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotWebAddress is wrapped in the error for an address that is not http or https.
var ErrNotWebAddress = errors.New("not a web address")

// IsWebAddress reports whether s looks like an http or https address (for telling them from
// file paths).
func IsWebAddress(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// CheckAddress parses a web address and refuses anything but http and https with a host.
func CheckAddress(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{URL: raw, Msg: "not a web address: give an address that starts with http:// or https://", Err: ErrNotWebAddress}
	}
	return u, nil
}

// Fetch gets a page: a 404, a time-out, a login wall, a page too large or an answer of
// another kind gets an *Error that says so.
func (c *Client) Fetch(ctx context.Context, raw string) (Page, error) {
	u, err := CheckAddress(raw)
	if err != nil {
		return Page{}, err
	}
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Page{}, &Error{URL: raw, Msg: err.Error(), Err: err}
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5")
	req.Header.Set("Accept-Language", "en, fr;q=0.9, *;q=0.5")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Page{}, c.transportError(ctx, raw, err)
	}
	defer resp.Body.Close()
	if err := statusError(raw, resp); err != nil {
		return Page{}, err
	}
	limit := c.MaxSize
	if resp.ContentLength > limit {
		return Page{}, tooLarge(raw, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return Page{}, c.transportError(ctx, raw, err)
	}
	if int64(len(body)) > limit {
		return Page{}, tooLarge(raw, int64(len(body)), limit)
	}
	sum := sha256.Sum256(body)
	return Page{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body,
		SHA256: hex.EncodeToString(sum[:]), FetchedAt: c.Now().UTC()}, nil
}

func tooLarge(raw string, n, limit int64) error {
	return &Error{URL: raw, Msg: fmt.Sprintf("the page is larger than %d MB (at least %.1f MB): save the article alone from your browser and import the file", limit>>20, float64(n)/(1<<20)),
		Err: &corpus.TooLargeError{Name: raw, Size: n, Limit: limit}}
}

func (c *Client) transportError(ctx context.Context, raw string, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return &Error{URL: raw, Msg: fmt.Sprintf("the site did not answer within %s: try again later, or save the page from your browser and import the file", c.Timeout), Err: err}
	case errors.Is(err, context.Canceled):
		return err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return &Error{URL: raw, Msg: "no such site (" + dns.Name + "): check the address, and that this computer is online", Err: err}
	}
	if strings.Contains(err.Error(), "redirect") {
		return &Error{URL: raw, Msg: fmt.Sprintf("the site sent it through too many redirects or to an address that is not a web page (%v): open it in a browser and import the address it ends at", unwrapURL(err)), Err: err, Kind: KindRedirects}
	}
	return &Error{URL: raw, Msg: fmt.Sprintf("could not fetch it (%v): check the address and that this computer is online", unwrapURL(err)), Err: err, Kind: KindUnreachable}
}

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// statusError words an HTTP answer that is not a page.
func statusError(raw string, resp *http.Response) error {
	s := resp.StatusCode
	switch {
	case s >= 200 && s < 300:
		return nil
	case s == http.StatusNotFound || s == http.StatusGone:
		return &Error{URL: raw, Status: s, Msg: fmt.Sprintf("the page was not found (%d %s): it may have been moved or removed; look for it in a web archive", s, http.StatusText(s))}
	case s == http.StatusUnauthorized || s == http.StatusForbidden || s == http.StatusPaymentRequired:
		return &Error{URL: raw, Status: s, Msg: fmt.Sprintf("the site asks to log in or refuses access (%d %s): open it in your browser, save the page and import the file", s, http.StatusText(s))}
	case s == http.StatusTooManyRequests:
		return &Error{URL: raw, Status: s, Msg: "the site says too many requests (429): wait a few minutes and try again"}
	case s >= 500:
		return &Error{URL: raw, Status: s, Msg: fmt.Sprintf("the site has a problem (%d %s): try again later", s, http.StatusText(s))}
	}
	return &Error{URL: raw, Status: s, Msg: fmt.Sprintf("the site answered %d %s instead of the page", s, http.StatusText(s))}
}

var loginRe = regexp.MustCompile(`(?i)<input[^>]+type=["']?password`)

// FetchArticle fetches a page and reads it as an article: HTML through the same path as files
// (readability, boilerplate removal), plain text and PDFs too. The article's URL is the final
// address, its origin the address asked for; it keeps the fetch time and the page as fetched.
func (c *Client) FetchArticle(ctx context.Context, raw string) (corpus.Article, error) {
	p, err := c.Fetch(ctx, raw)
	if err != nil {
		return corpus.Article{}, err
	}
	mediaType, params, _ := mime.ParseMediaType(p.ContentType)
	if mediaType == "" {
		mediaType = http.DetectContentType(p.Body)
		mediaType, params, _ = mime.ParseMediaType(mediaType)
	}
	var name string
	body := p.Body
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		name = "page.html"
		if loginRe.Match(body) && len(body) < 200<<10 && !bytes.Contains(bytes.ToLower(body), []byte("<article")) {
			return corpus.Article{}, &Error{URL: raw, Msg: "the site shows a login form instead of the article: open it in your browser, save the page and import the file", Kind: KindLoginForm}
		}
	case "text/plain":
		name = "page.txt"
	case "application/pdf":
		name = "page.pdf"
	default:
		return corpus.Article{}, &Error{URL: raw, Msg: fmt.Sprintf("the address gives %s, not a web page, text or PDF: import a page that shows the article", mediaType), Kind: KindNotAPage, MediaType: mediaType}
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "utf8" && name != "page.pdf" {
		// The header's charset wins over the page's: decode to UTF-8 before reading.
		if r, err := charset.NewReaderLabel(cs, bytes.NewReader(body)); err == nil {
			if dec, err := io.ReadAll(r); err == nil {
				body = dec
			}
		}
	}
	a, err := corpus.ParseContext(ctx, name, body)
	if err != nil {
		if errors.Is(err, corpus.ErrNoText) {
			return a, &Error{URL: raw, Msg: "the page holds no article text (it may be built by scripts, or behind a login): save it from your browser and import the file", Err: err}
		}
		return a, &Error{URL: raw, Msg: strings.TrimPrefix(err.Error(), name+": "), Err: err}
	}
	a.Origin = raw
	a.URL = p.URL
	a.FetchedAt = p.FetchedAt
	a.Raw = p.Body
	a.RawType = p.ContentType
	a.SourceSHA256 = p.SHA256
	return a, nil
}
