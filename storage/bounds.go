package storage

import (
	"context"
	"database/sql"
	"fmt"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// MaxNote is the longest note a claim may have, in characters: a note explains a verdict; a
// 50 MB "note" is a file pasted by mistake, or an attack on every reader of the project.
const MaxNote = 20000

// checkNote refuses a note longer than MaxNote.
func checkNote(note string) error {
	if n := utf8.RuneCountInString(note); n > MaxNote {
		return &Error{Kind: KindUsage, Msg: fmt.Sprintf("the note is %d characters long, more than the %d a note may have: shorten it, or keep the long text as a source", n, MaxNote)}
	}
	return nil
}

// graphemeWindow is how many characters around a quote's ends are segmented to check that
// they fall between grapheme clusters.
const graphemeWindow = 64

// checkGraphemeEnds refuses a span of an article whose start or end falls inside a grapheme
// cluster (between a letter and its combining mark, inside an emoji with its skin-tone
// modifier, between the two halves of a flag): such a quote shows a broken character and
// anchors nowhere another program would agree with.
func checkGraphemeEnds(ctx context.Context, tx *sql.Tx, articleID string, start, end int) error {
	for _, pos := range []int{start, end} {
		ws := max(0, pos-graphemeWindow)
		var w string
		if err := tx.QueryRowContext(ctx, `SELECT substr(text, ?, ?) FROM articles WHERE id = ?`, ws+1, pos-ws+graphemeWindow, articleID).Scan(&w); err != nil {
			return err
		}
		at := 0
		for i := 0; i < pos-ws && at < len(w); i++ {
			_, size := utf8.DecodeRuneInString(w[at:])
			at += size
		}
		if at == 0 || at >= len(w) {
			continue // the text's start or end
		}
		boundary := false
		for it := graphemes.FromString(w); it.Next(); {
			if it.Start() == at {
				boundary = true
				break
			}
			if it.Start() > at {
				break
			}
		}
		if !boundary {
			return &Error{Kind: KindUsage, Msg: fmt.Sprintf("the claim's span %d-%d cuts a character in two (a letter from its accent, an emoji from its modifier, half of a flag): widen or narrow the selection by one character", start, end)}
		}
	}
	return nil
}
