//go:build acceptance

package textview

import (
	"os"
	"path/filepath"
	"testing"

	"factdesk/corpus/corpustest"
)

// TestAcceptanceMeasuredWidthsOnSeeds checks the layout's widths against Fyne's on the real seed
// articles (`make acceptance SEEDS=DIR`), as TestMeasuredWidthsMatchFyne does on the project's.
func TestAcceptanceMeasuredWidthsOnSeeds(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpustest.SeedDir(t), "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed articles (*.txt) in %s: %v", corpustest.SeedDir(t), err)
	}
	texts := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(p)] = string(b)
	}
	checkMeasuredWidths(t, texts)
}
