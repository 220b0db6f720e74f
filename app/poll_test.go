package app

import (
	"context"
	"strings"
	"testing"

	"factdesk/annotate"
	fdstorage "factdesk/storage"
)

// The poller's callback checks the change counter again on the UI goroutine: the app's own
// writes, noted after the poller read the counter (loading the demo, a claim), are not taken
// for changes made outside this window; another process's are.
func TestPollerIgnoresOwnWritesNotedLate(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	before := h.mw.sess.LastChange()

	// The demo loads in the background; the poller reads the counter after the job wrote
	// and before its completion (on the UI goroutine) notes it.
	h.mw.onLoadDemo()
	h.mw.work.Wait()
	polled, err := h.db.LastChange(ctx)
	if err != nil || polled <= before {
		t.Fatalf("the demo did not move the change counter: %d -> %d (%v)", before, polled, err)
	}
	h.wait() // the job's completion runs, then the poller's callback would
	h.mw.setStatus("")
	h.mw.onPolled(h.db, polled)
	h.wait()
	if strings.Contains(h.mw.status.Text, "outside this window") {
		t.Fatalf("the demo's own writes were taken for outside changes: %q", h.mw.status.Text)
	}

	// The same for an edit made in the window.
	p := h.mw.panes.panes[0]
	c := h.makeClaim(p, p.article.Text[:12])
	polled, _ = h.db.LastChange(ctx)
	h.mw.onPolled(h.db, polled)
	if strings.Contains(h.mw.status.Text, "outside this window") {
		t.Fatalf("an edit in the window was taken for an outside change: %q", h.mw.status.Text)
	}

	// Another process's change is shown.
	other := openDB(t, h.db.Path(), fdstorage.Options{})
	if _, err := other.SetReviewer(ctx, "Someone Else"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.SetVerdict(ctx, c.ID, annotate.Disputed); err != nil {
		t.Fatal(err)
	}
	polled, _ = h.db.LastChange(ctx)
	h.mw.onPolled(h.db, polled)
	h.wait()
	if !strings.Contains(h.mw.status.Text, "outside this window") || p.claims[c.ID].Verdict != annotate.Disputed {
		t.Errorf("another process's change not shown: status %q, verdict %s", h.mw.status.Text, p.claims[c.ID].Verdict)
	}
}
