package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// render renders m in format f, failing the test on error.
func render(t testing.TB, f Format, m Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, m, Options{}); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return b.Bytes()
}

// TestGolden compares every format rendered from the fixture with its golden file. The files
// change only with `go test ./annotate/report -update`; every render is also repeated to prove
// the output deterministic.
func TestGolden(t *testing.T) {
	m := fixtureModel(t)
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			got := render(t, f, m)
			if again := render(t, f, m); !bytes.Equal(got, again) {
				t.Fatalf("%s output differs between two renders of the same model", f)
			}
			path := filepath.Join("testdata", "golden", "articles"+f.Extension())
			if f == ClaimReview {
				path = filepath.Join("testdata", "golden", "articles.claimreview.jsonld")
			}
			if f == W3C {
				path = filepath.Join("testdata", "golden", "articles.w3c.jsonld")
			}
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run `go test ./annotate/report -update` to create the golden files)", err)
			}
			if !bytes.Equal(got, want) {
				line, gotLine, wantLine := firstDiff(got, want)
				t.Fatalf("%s differs from %s at line %d:\n got: %q\nwant: %q\n(if the change is intended, run `go test ./annotate/report -update` and review the diff)",
					f, path, line, gotLine, wantLine)
			}
		})
	}
}

// firstDiff finds the first differing line of two texts.
func firstDiff(a, b []byte) (int, string, string) {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			return i + 1, string(trim(x)), string(trim(y))
		}
	}
	return 0, "", ""
}

func trim(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}
