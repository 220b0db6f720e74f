package app

import (
	"fyne.io/fyne/v2/lang"
	"log"
	"time"

	"factdesk/app/session"
	"factdesk/storage"
)

// pollInterval is how often the app looks for changes made by other processes (the command
// line, another window) on the same database.
const pollInterval = time.Second

// startPolling watches the database's change counter and reloads what is shown when another
// process changed it.
func (mw *mainWindow) startPolling() {
	mw.stopPolling()
	stop := make(chan struct{})
	mw.pollStop = stop
	db, ctx := mw.db, mw.ctx
	go func() {
		t := time.NewTicker(pollInterval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				n, err := db.LastChange(ctx)
				if err != nil || n <= mw.sess.LastChange() {
					continue
				}
				mw.do(func() { mw.onPolled(db, n) })
			}
		}
	}()
}

// onPolled runs on the UI goroutine with the change counter n the poller read from db. The
// check is made again here: the app's own writes (a background import, the demo, a merge)
// may have committed before the poller read n and been noted (afterWrite) only since, while
// this callback waited its turn; they are not changes made outside this window.
func (mw *mainWindow) onPolled(db *storage.DB, n int64) {
	if mw.db != db || mw.closing || mw.progress != nil || n <= mw.sess.LastChange() {
		return
	}
	mw.onExternalChange(n)
}

// stopPolling stops the watcher.
func (mw *mainWindow) stopPolling() {
	if mw.pollStop != nil {
		close(mw.pollStop)
		mw.pollStop = nil
	}
}

// checkForChanges looks at the change counter once, now (the poller's step).
func (mw *mainWindow) checkForChanges() bool {
	n, err := mw.db.LastChange(mw.ctx)
	if err != nil || n <= mw.sess.LastChange() {
		return false
	}
	mw.onExternalChange(n)
	return true
}

// onExternalChange shows changes made elsewhere.
func (mw *mainWindow) onExternalChange(n int64) {
	mw.sess.SetLastChange(n)
	mw.reloadAll()
	mw.say(lang.L("Updated with changes made outside this window"))
}

// reloadAll re-reads everything shown from the database: corpus, panes, claims list and
// inspector. A note being typed is left alone.
func (mw *mainWindow) reloadAll() {
	mw.reloadArticles(nil)
	for _, p := range mw.panes.panes {
		claims, err := mw.db.Claims(mw.ctx, storage.ClaimFilter{ArticleID: p.article.ID})
		if err != nil {
			log.Printf("factdesk: reloading claims: %v", err)
			continue
		}
		p.setClaims(claims)
	}
	if c := mw.inspector.claim; c != nil {
		fresh, err := mw.db.Claim(mw.ctx, c.ID)
		switch {
		case storage.IsKind(err, storage.KindNotFound):
			mw.inspector.clear()
		case err != nil:
			log.Printf("factdesk: reloading the claim: %v", err)
		default:
			mw.inspector.applyChange(session.Change{Kind: session.ClaimChanged, ArticleID: fresh.ArticleID, Before: *c, After: fresh})
			mw.inspector.reload()
		}
	}
	mw.claims.reload()
	mw.claims.reloadReviewers()
}
