package app

import (
	"fyne.io/fyne/v2/lang"

	"factdesk/app/i18n"
	"factdesk/storage"
)

// onEditArticle opens the Article details form of the current pane's article.
func (mw *mainWindow) onEditArticle() {
	if p, ok := mw.panes.currentOrSay(); ok {
		mw.editArticle(p)
	}
}

// editArticle opens the Article details form of pane p's article; Save records the fields
// that changed (each with its history entry), undoably.
func (mw *mainWindow) editArticle(p *articlePane) {
	if mw.refuseReadOnly(lang.L("Editing an article's details")) {
		return
	}
	was := p.article
	f := newArticleForm(mw, was, func(v articleFields) {
		if err := v.check(); err != nil {
			mw.showError(lang.L("Saving the article's details"), err)
			return
		}
		changed := v.changed(fieldsOf(was))
		if len(changed) == 0 {
			mw.say(lang.L("Nothing changed in the article's details"))
			return
		}
		if !mw.ensureReviewer(nil) {
			return
		}
		if _, err := mw.sess.EditArticle(mw.ctx, was.ID, articleEdit(changed)); err != nil {
			mw.showError(lang.L("Saving the article's details"), err)
			return
		}
		mw.say(lang.L("Article details saved (Edit > Undo takes them back)"))
	})
	mw.showDialog(f.dialog)
	mw.win.Canvas().Focus(f.title)
}

// articleEdit is the storage edit of the fields that changed.
func articleEdit(changed map[string]string) storage.ArticleEdit {
	var e storage.ArticleEdit
	for name, v := range changed {
		v := v
		switch name {
		case "title":
			e.Title = &v
		case "outlet":
			e.Outlet = &v
		case "url":
			e.URL = &v
		case "published":
			e.Published = &v
		case "language":
			e.Language = &v
		}
	}
	return e
}

// onRemoveArticle asks, saying how many claims go with it, then removes the current pane's
// article.
func (mw *mainWindow) onRemoveArticle() {
	if p, ok := mw.panes.currentOrSay(); ok {
		mw.removeArticle(p)
	}
}

func (mw *mainWindow) removeArticle(p *articlePane) {
	if mw.refuseReadOnly(lang.L("Removing an article")) || !mw.inspector.flushNote() {
		return
	}
	a := p.article
	n, err := mw.sess.ClaimsOfArticle(mw.ctx, a.ID)
	if err != nil {
		mw.showError(lang.L("Removing the article"), err)
		return
	}
	with := lang.L("It has no claims.")
	if n > 0 {
		with = i18n.Count("{{.Count}} claim goes with it (with their notes, sources and links).", n)
	}
	mw.showConfirm(lang.L("Remove the article?"),
		lang.L("Remove «{{.Title}}» from this database?\n{{.With}}\nEdit > Undo brings it back, with its claims.", fields{"Title": displayTitle(a), "With": with}),
		func(yes bool) {
			if !yes || !mw.ensureReviewer(nil) {
				return
			}
			ch, err := mw.sess.RemoveArticle(mw.ctx, a.ID)
			if err != nil {
				mw.showError(lang.L("Removing the article"), err)
				return
			}
			mw.say(lang.L("Removed «{{.Title}}» and {{.Claims}} (Edit > Undo brings them back)", fields{"Title": displayTitle(a), "Claims": i18n.Count("{{.Count}} claim", ch.Claims)}))

		})
}
