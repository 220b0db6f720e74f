package uihost

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"

	"factdesk/annotate"
	"factdesk/storage"
)

// Describe says what happened, in the interface language for the errors storage gives a Code
// (with their facts), else in the error's own words. What a wrapper says before the storage
// error ("the database of your last session could not be opened...: ") is kept.
func Describe(err error) string {
	d := describe(err)
	if se := storage.AsError(err); se != nil && se.Code != storage.CodeNone {
		if msg, inner := err.Error(), se.Error(); msg != inner && strings.HasSuffix(msg, inner) {
			return strings.TrimSuffix(msg, inner) + d
		}
	}
	return d
}

func describe(err error) string {
	var qe *annotate.QuoteError
	if errors.As(err, &qe) && qe.Found == 0 {
		return lang.L("The quote “{{.Quote}}” is not in the article.", map[string]any{"Quote": qe.Quote})
	}
	se := storage.AsError(err)
	if se == nil {
		if d := describePlain(err); d != "" {
			return d
		}
		return err.Error()
	}
	f := se.Facts
	data := map[string]any{"Path": se.Path, "ID": f.ID, "Service": f.Service, "Detail": f.Detail, "Journal": f.Journal,
		"Version": f.MadeBy, "Schema": f.Schema, "Supported": f.Supported}
	switch se.Code {
	case storage.CodeNoReviewer:
		return lang.L("No reviewer is set: every change records who made it.")
	case storage.CodeReviewerNameEmpty:
		return lang.L("The reviewer's name is empty.")
	case storage.CodeNotFound:
		switch f.Object {
		case "article":
			return lang.L("There is no article with the id {{.ID}}.", data)
		case "claim":
			return lang.L("There is no claim with the id {{.ID}}.", data)
		case "link", "source":
			return lang.L("There is no link with the id {{.ID}}.", data)
		case "conflict":
			return lang.L("There is no conflict with the id {{.ID}}.", data)
		case "snapshot":
			return lang.L("There is no snapshot with the id {{.ID}}.", data)
		}
	case storage.CodeNoSnapshot:
		return lang.L("This source has no snapshot of its page yet.")
	case storage.CodeQuoteNotInArticle:
		return lang.L("The claim's quote is still not in the article.")
	case storage.CodeArticleRemoved:
		return lang.L("The article of this claim is removed.")
	case storage.CodeNewerFile:
		if f.MadeBy != "" {
			return lang.L("{{.Path}} was made by Factdesk {{.Version}}, a newer version (schema {{.Schema}}; this version reads up to {{.Supported}}). The file was left untouched.", data)
		}
		return lang.L("{{.Path}} was made by a newer version of Factdesk (schema {{.Schema}}; this version reads up to {{.Supported}}). The file was left untouched.", data)
	case storage.CodeWorkingFileDamaged:
		return lang.L("{{.Path}} is damaged: {{.Detail}}. It was not opened, so nothing in it changed.", data)
	case storage.CodeDamaged:
		if f.Detail != "" {
			return lang.L("{{.Path}} is damaged or was altered by another program ({{.Detail}}). It was left untouched.", data)
		}
		return lang.L("{{.Path}} is damaged or is not a database. It was left untouched.", data)
	case storage.CodeStrayJournal:
		return lang.L("{{.Path}} has a -wal journal beside it that does not fit it ({{.Detail}}): it may come from another database or a damaged copy. Nothing was changed.", data)
	case storage.CodeWALNotDatabase:
		return lang.L("{{.Path}} is a -wal journal, not a database.", data)
	case storage.CodeNotSQLite:
		return lang.L("{{.Path}} is not a Factdesk database (it is not an SQLite file).", data)
	case storage.CodeNotFactdesk:
		return lang.L("{{.Path}} is another application's SQLite database, not a Factdesk project. It was left untouched.", data)
	case storage.CodeInCloudFolder:
		return lang.L("{{.Path}} is inside a {{.Service}} folder. Sync services copy a database while it is being written and separate it from its -wal journal, which corrupts it.", data)
	case storage.CodeOnNetworkDrive:
		return lang.L("{{.Path}} is on a network drive ({{.Service}}). SQLite cannot lock a database reliably over a network, so another computer or a dropped connection can corrupt it.", data)
	case storage.CodeOpenReadOnly:
		return lang.L("This database is open read-only: nothing in it can change.")
	case storage.CodeBusy:
		return lang.L("Another program is holding the database {{.Path}} and did not let go in time.", data)
	case storage.CodeDiskFull:
		return lang.L("The disk is full, or writing to it failed, so the last change was not saved. Nothing already saved is lost.")
	}
	if se.Msg != "" {
		return se.Msg
	}
	return err.Error()
}

// Remedy says what to do about err with the GUI's menus, in the interface language; "" when
// there is nothing more to say than Describe.
func Remedy(err error) string {
	// A sentence that ends on a menu item ("File > Save a copy…") ends on its ellipsis.
	return strings.ReplaceAll(remedy(err), "….", "…")
}

func remedy(err error) string {
	var qe *annotate.QuoteError
	if errors.As(err, &qe) && qe.Found == 0 {
		return lang.L("Check the spelling, or copy the quote from the article's pane.")
	}
	se := storage.AsError(err)
	if se == nil {
		return ""
	}
	var (
		settings = menu(lang.L("File"), lang.L("Settings…"))
		saveCopy = menu(lang.L("File"), lang.L("Save a copy…"))
		openDB   = menu(lang.L("File"), lang.L("Open database…"))
		newDB    = menu(lang.L("File"), lang.L("New database…"))
	)
	switch se.Code {
	case storage.CodeNoReviewer, storage.CodeReviewerNameEmpty:
		return lang.L("Set your name in {{.Menu}}, then try again.", map[string]any{"Menu": settings})
	case storage.CodeNotFound:
		return lang.L("It may have been deleted, or changed by a merge: {{.Menu}} shows the work as it is now.",
			map[string]any{"Menu": menu(lang.L("View"), lang.L("Reload from the database"))})
	case storage.CodeQuoteNotInArticle:
		return lang.L("Type the words of the article the claim quotes, then choose “{{.Button}}”.", map[string]any{"Button": lang.L("Use this instead")})
	case storage.CodeArticleRemoved:
		return lang.L("Restore the article first: its claims come back with it.")
	case storage.CodeNewerFile:
		return lang.L("Update Factdesk ({{.Menu}} shows this version), then open the file again.",
			map[string]any{"Menu": menu(lang.L("Help"), lang.L("About Factdesk"))})
	case storage.CodeWorkingFileDamaged:
		return lang.L("Restore it from a backup, or from a copy saved with {{.SaveCopy}}: open that copy with {{.Open}}. Keep the damaged file until you are sure.",
			map[string]any{"SaveCopy": saveCopy, "Open": openDB})
	case storage.CodeDamaged:
		return lang.L("Open a backup, or ask the reviewer who sent it to save a new copy with {{.Menu}}.", map[string]any{"Menu": saveCopy})
	case storage.CodeStrayJournal:
		return lang.L("Move {{.Journal}} away (keep it until you are sure), then open the project again with {{.Open}}. If changes of the last session are missing, restore a backup.",
			map[string]any{"Journal": se.Facts.Journal, "Open": openDB})
	case storage.CodeWALNotDatabase, storage.CodeNotSQLite, storage.CodeNotFactdesk:
		return lang.L("Choose a .db file made by Factdesk: a working database, or a copy a reviewer saved with {{.Menu}}.", map[string]any{"Menu": saveCopy})
	case storage.CodeInCloudFolder:
		return lang.L("Keep your working database outside synced folders ({{.New}}; the default location is fine) and put only the copies you share there: {{.SaveCopy}}.",
			map[string]any{"New": newDB, "SaveCopy": saveCopy})
	case storage.CodeOnNetworkDrive:
		return lang.L("Keep your working database on this computer's own disk ({{.New}}; the default location is fine) and share a copy instead: {{.SaveCopy}}.",
			map[string]any{"New": newDB, "SaveCopy": saveCopy})
	case storage.CodeOpenReadOnly:
		return lang.L("To work on it, choose {{.Use}}, or merge it into yours with {{.Merge}}.",
			map[string]any{"Use": menu(lang.L("File"), lang.L("Use this file as my working database…")), "Merge": menu(lang.L("File"), lang.L("Merge a reviewer's file…"))})
	case storage.CodeBusy:
		return lang.L("Close the other Factdesk windows or commands using it, then try again.")
	case storage.CodeDiskFull:
		return lang.L("Free some space, then try again.")
	}
	return ""
}

// menu names a menu item as the menu bar shows it: callers look each label up with lang.L,
// whose keys are the English labels of app/menu.go, so the words are the menu's own.
func menu(path ...string) string {
	return strings.Join(path, " > ")
}
