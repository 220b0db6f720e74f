package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadW3C: ReadW3C never panics, whatever the bytes, and what it reads is sound: every
// claim has a quote and a page from 1 or none.
func FuzzReadW3C(f *testing.F) {
	if golden, err := os.ReadFile(filepath.Join("testdata", "golden", "articles.w3c.jsonld")); err == nil {
		f.Add(golden)
	}
	f.Add([]byte(`{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:c0000000-0000-4000-8000-000000000031", "type": "Annotation",
 "motivation": "assessing", "target": {"source": "urn:sha256:00", "selector": [{"type": "TextQuoteSelector", "exact": "thirty"},
 {"type": "TextPositionSelector", "start": 3, "end": 9},
 {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc8118", "value": "page=2&zoom=50", "refinedBy": {"type": "TextQuoteSelector", "exact": "thirty"}}]}}`))
	f.Add([]byte(`[{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "target": {"selector": {"type": "FragmentSelector", "conformsTo": "https://tools.ietf.org/html/rfc3778", "value": "page=-1"}}}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		imp, err := ReadW3C(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, c := range imp.Claims {
			if c.Exact == "" || c.Page < 0 {
				t.Errorf("claim %s read with quote %q and page %d", c.ID, c.Exact, c.Page)
			}
		}
	})
}
