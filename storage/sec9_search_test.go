package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"factdesk/corpus"
	"factdesk/storage"
)

// A common word in one big article (here 4 MB, 120,000 matches) used to take FTS5's snippet()
// seconds to minutes (quadratic in the matches); the search now returns at once, with the
// first match marked in the snippet.
func TestSearchOverAHugeArticleIsFast(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var b strings.Builder
	b.WriteString("Opening remarks of the session, read out in full before anything else was said by anyone present in the room.\n")
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString("The minister spoke at line 5 of the record. ")
	}
	huge := corpus.Article{Title: "Transcript", Text: b.String(), Language: "en", Origin: "huge.txt"}
	if _, err := db.ImportArticle(ctx, huge); err != nil {
		t.Fatal(err)
	}
	mustImport(t, db, "A small note\n\nThe Minister of Transport visited the port.")
	for _, q := range []string{"minister", "line 5", "minister spoke"} {
		qctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		start := time.Now()
		hits, err := db.Search(qctx, q, 0)
		cancel()
		if err != nil {
			t.Fatalf("search %q: %v (after %s)", q, err, time.Since(start))
		}
		var found bool
		for _, h := range hits {
			if h.Title == "Transcript" {
				found = true
				if !strings.Contains(h.Snippet, storage.SnippetOpen) || !strings.HasPrefix(h.Snippet, "…") || strings.Contains(h.Snippet, "Opening") {
					t.Errorf("search %q: snippet %q does not show the first match", q, h.Snippet)
				}
			}
		}
		if !found {
			t.Errorf("search %q: the big article is not among %d hits", q, len(hits))
		}
	}
}

// A cancelled search stops with the context's error (the GUI cancels superseded searches).
func TestSearchStopsWhenCancelled(t *testing.T) {
	db := MustOpenDB(t)
	mustImport(t, db, "A small note\n\nThe Minister of Transport visited the port.")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Search(ctx, "minister", 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled search: err %v", err)
	}
}
