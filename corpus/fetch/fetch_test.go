package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const pageEN = `<!doctype html><html lang="en"><head><title>Fire at the port - Coastal Wire</title></head><body>
<nav>Home | World | Sport</nav><article><h1>Fire at the port</h1>
<p>A fire destroyed a warehouse at the port of Port-Ravelle on Friday night, the fire service said on Saturday morning.</p>
<p>Fourteen people were injured, three of them seriously, according to the prefecture's final figure.</p>
</article><footer>© Coastal Wire. All rights reserved.</footer></body></html>`

// pageFR1252 is French, in Windows-1252, the charset declared only in a meta tag.
var pageFR1252 = func() []byte {
	s := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Incendie au port</title></head><body><article>
<p>Un incendie a détruit un entrepôt du port de Port-Ravelle vendredi soir, a indiqué la préfecture samedi matin.</p>
<p>Quatorze personnes ont été blessées, dont trois grièvement, selon le bilan définitif. Les habitants évacués sont rentrés lundi.</p></article></body></html>`
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}()

// site plays the test pages.
func site(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var version atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/en", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != UserAgent {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pageEN)
	})
	mux.HandleFunc("/fr", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // no charset: the meta tag says it
		w.Write(pageFR1252)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, pageEN)
		zw.Close()
	})
	for i := 1; i <= 7; i++ {
		mux.HandleFunc(fmt.Sprintf("/hop%d", i), func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusFound)
		})
	}
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hop5", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hop8", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/en", http.StatusFound) })
	mux.HandleFunc("/toftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler text </p>"), 1<<12)
		for n := 0; n < 30<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><form><p>Subscribers only. Log in.</p><input name=u><input type="password" name=p></form></body></html>`)
	})
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusUnauthorized) })
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/changing", func(w http.ResponseWriter, r *http.Request) {
		v := version.Load()
		fmt.Fprintf(w, `<html><head><title>Live figures</title></head><body><article><p>The prefecture now counts %d injured after the fire at the port on Friday night, and the figure may change again.</p></article></body></html>`, 12+2*v)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &version
}

func TestFetchArticle(t *testing.T) {
	srv, _ := site(t)
	c := New()
	at := time.Date(2026, 3, 12, 9, 30, 0, 0, time.UTC)
	c.Now = func() time.Time { return at }
	ctx := context.Background()

	a, err := c.FetchArticle(ctx, srv.URL+"/moved") // -> hop5 ... hop8 -> /en: 5 redirects
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != srv.URL+"/en" || a.Origin != srv.URL+"/moved" || !a.FetchedAt.Equal(at) || a.Title != "Fire at the port" || a.Language != "en" {
		t.Errorf("article: url %q origin %q at %v title %q lang %q", a.URL, a.Origin, a.FetchedAt, a.Title, a.Language)
	}
	if string(a.Raw) != pageEN || a.SourceSHA256 == "" || !strings.HasPrefix(a.RawType, "text/html") {
		t.Errorf("raw page not kept as fetched")
	}
	if strings.Contains(a.Text, "All rights reserved") || !strings.Contains(a.Text, "three of them seriously") {
		t.Errorf("text = %q", a.Text)
	}

	fr, err := c.FetchArticle(ctx, srv.URL+"/fr")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fr.Text, "Un incendie a détruit un entrepôt") || fr.Language != "fr" {
		t.Errorf("meta charset: %q (%s)", fr.Text, fr.Language)
	}
	gz, err := c.FetchArticle(ctx, srv.URL+"/gzip")
	if err != nil || gz.Text != a.Text {
		t.Errorf("gzip: %v %q", err, gz.Text)
	}
}

func TestFetchErrors(t *testing.T) {
	srv, _ := site(t)
	c := New()
	c.Timeout = 1500 * time.Millisecond
	c.MaxSize = 20 << 20
	for _, tc := range []struct{ path, want string }{
		{"/missing", "not found (404"},
		{"/hop1", "too many redirects"},
		{"/toftp", "too many redirects or to an address that is not a web page"},
		{"/slow", "did not answer within 1.5s"},
		{"/huge", "larger than 20 MB"},
		{"/login", "login form"},
		{"/private", "log in or refuses access (401"},
		{"/image", "gives image/png, not a web page"},
	} {
		_, err := c.FetchArticle(context.Background(), srv.URL+tc.path)
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), srv.URL+tc.path+": ") {
			t.Errorf("%s: %v, want %q", tc.path, err, tc.want)
		}
	}
	for _, bad := range []string{"ftp://example.org/x", "file:///etc/passwd", "http://", "not a url"} {
		if _, err := c.Fetch(context.Background(), bad); !errors.Is(err, ErrNotWebAddress) {
			t.Errorf("%s: %v", bad, err)
		}
	}
	// A person's cancel is a cancel, not a time-out.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Fetch(ctx, srv.URL+"/slow"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// A page that changes between two fetches gives two texts and two hashes.
func TestFetchPageThatChanges(t *testing.T) {
	srv, version := site(t)
	c := New()
	a, err := c.FetchArticle(context.Background(), srv.URL+"/changing")
	if err != nil {
		t.Fatal(err)
	}
	version.Store(1)
	b, err := c.FetchArticle(context.Background(), srv.URL+"/changing")
	if err != nil {
		t.Fatal(err)
	}
	if a.SourceSHA256 == b.SourceSHA256 || !strings.Contains(a.Text, "12 injured") || !strings.Contains(b.Text, "14 injured") {
		t.Errorf("first %q, then %q", a.Text, b.Text)
	}
}

func TestIsWebAddress(t *testing.T) {
	for s, want := range map[string]bool{"https://a.example/x": true, "HTTP://a": true, "/tmp/a.txt": false, "-": false, "www.example.org": false} {
		if IsWebAddress(s) != want {
			t.Errorf("IsWebAddress(%q) != %v", s, want)
		}
	}
}
