package main

import (
	"errors"

	"factdesk/annotate"
	"factdesk/storage"
)

// explain is what the CLI prints for err: what happened, in the error's own words, then what
// to do with the CLI's flags and commands (storage and the domain say what went wrong as a
// Code with its facts and never name a flag; the GUI words the same codes with its menus).
func explain(err error) string {
	msg := err.Error()
	sep, r := cliRemedy(err)
	if r == "" {
		return msg
	}
	return msg + sep + r
}

// cliRemedy words what to do about err with the CLI's flags and commands, "" when there is
// nothing more to say than the error's message; sep joins it to the message.
func cliRemedy(err error) (sep, remedy string) {
	var qe *annotate.QuoteError
	if errors.As(err, &qe) && qe.Found == 0 {
		return ", ", "or copy the quote from `factdesk show ID`"
	}
	se := storage.AsError(err)
	if se == nil {
		return "", ""
	}
	f := se.Facts
	switch se.Code {
	case storage.CodeNoReviewer:
		return "; ", "give --reviewer NAME"
	case storage.CodeReviewerNameEmpty:
		return ": ", "give one with --reviewer NAME"
	case storage.CodeNotFound:
		list := map[string]string{"article": "factdesk articles", "claim": "factdesk claims", "link": "factdesk links CLAIM",
			"source": "factdesk links CLAIM", "conflict": "factdesk conflicts"}[f.Object]
		if list == "" {
			return "", ""
		}
		return ": ", "list them with `" + list + "`"
	case storage.CodeNoSnapshot:
		return ": ", "take one first (factdesk source snapshot " + f.ID + ")"
	case storage.CodeQuoteNotInArticle:
		return ": ", "give the quote to use with --edit QUOTE"
	case storage.CodeArticleRemoved:
		return ": ", "restore the article first (factdesk article restore " + shortID(f.Article) + ")"
	case storage.CodeNewerFile:
		return "; ", "update Factdesk to open it"
	case storage.CodeWorkingFileDamaged:
		return ": ", "restore it from a backup or from a copy you saved to share (factdesk share --out FILE), " +
			"or open that copy with --db FILE; keep the damaged file until you are sure"
	case storage.CodeWALNotDatabase:
		return ": ", "choose the .db file it belongs to, saved with `factdesk share --out FILE`"
	case storage.CodeInCloudFolder, storage.CodeOnNetworkDrive:
		return " ", "Save the copies you share with `factdesk share --out FILE`."
	}
	return "", ""
}
