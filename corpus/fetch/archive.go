package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrRateLimited is wrapped in the error when Save Page Now says to slow down.
var ErrRateLimited = errors.New("the Internet Archive asks to wait (too many requests)")

// Archiver asks the Internet Archive's Save Page Now to archive a page. Asking tells a third
// party what the desk is checking: Factdesk does it only when the setting says so.
type Archiver struct {
	HTTP     *http.Client
	Endpoint string // https://web.archive.org, or a stand-in in tests
	Timeout  time.Duration
}

// NewArchiver returns an archiver for web.archive.org (2 minutes: archiving is slow).
func NewArchiver() *Archiver {
	return &Archiver{
		HTTP: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // the redirect is the answer
		}},
		Endpoint: "https://web.archive.org",
		Timeout:  2 * time.Minute,
	}
}

// Save asks for pageURL to be archived and returns the archived copy's address. Save Page Now
// answers (anonymous GET /save/URL) with a redirect to /web/TIMESTAMP/URL, or 200 with that
// path in Content-Location; 429 when rate-limited; 5xx (often 520 "Job failed") on errors.
func (a *Archiver) Save(ctx context.Context, pageURL string) (string, error) {
	if _, err := CheckAddress(pageURL); err != nil {
		return "", err
	}
	if a.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(a.Endpoint, "/")+"/save/"+pageURL, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("User-Agent", UserAgent)
	resp, err := a.HTTP.Do(req)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", ctx.Err()
		}
		return "", &Error{URL: pageURL, Msg: fmt.Sprintf("the Internet Archive could not be reached (%v): the local snapshot is kept; try the archive again later", unwrapURL(err)), Err: err}
	}
	defer resp.Body.Close()
	where := resp.Header.Get("Location")
	if where == "" {
		where = resp.Header.Get("Content-Location")
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return "", &Error{URL: pageURL, Status: resp.StatusCode, Msg: "the Internet Archive asks to wait (429 too many requests): the local snapshot is kept; try the archive again in a few minutes", Err: ErrRateLimited}
	case resp.StatusCode < 400 && strings.Contains(where, "/web/"):
		if strings.HasPrefix(where, "/") {
			where = strings.TrimRight(a.Endpoint, "/") + where
		}
		return where, nil
	}
	return "", &Error{URL: pageURL, Status: resp.StatusCode, Msg: fmt.Sprintf("the Internet Archive did not archive it (%d %s): the local snapshot is kept; try again later", resp.StatusCode, http.StatusText(resp.StatusCode))}
}
