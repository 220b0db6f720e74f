package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"factdesk/annotate"
	"factdesk/storage"
)

// The CLI words the remedy of each storage code with its own flags and commands, after the
// error's description of what happened.
func TestExplainWordsTheRemedyWithTheCLIsFlags(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&storage.Error{Kind: storage.KindUsage, Code: storage.CodeNoReviewer, Msg: "no reviewer is set: every change records who made it"},
			"no reviewer is set: every change records who made it; give --reviewer NAME"},
		{&storage.Error{Kind: storage.KindNotFound, Code: storage.CodeNotFound, Facts: storage.Facts{Object: "conflict", ID: "abcd"}, Msg: `no conflict with id "abcd"`},
			"no conflict with id \"abcd\": list them with `factdesk conflicts`"},
		{&storage.Error{Kind: storage.KindUsage, Code: storage.CodeQuoteNotInArticle, Msg: "the claim's quote is still not in the article"},
			"the claim's quote is still not in the article: give the quote to use with --edit QUOTE"},
		{&storage.Error{Kind: storage.KindNewerSchema, Code: storage.CodeNewerFile, Facts: storage.Facts{MadeBy: "9.0.0", Schema: 99, Supported: 7}, Msg: "p.db was made by Factdesk 9.0.0, a newer version (schema 99; this version reads up to 7)"},
			"(schema 99; this version reads up to 7); update Factdesk to open it"},
		{&storage.Error{Kind: storage.KindCorrupt, Code: storage.CodeWorkingFileDamaged, Msg: "p.db is damaged"},
			"p.db is damaged: restore it from a backup or from a copy you saved to share (factdesk share --out FILE), or open that copy with --db FILE"},
		{&storage.Error{Kind: storage.KindNotOurs, Code: storage.CodeWALNotDatabase, Msg: "x.db-wal is a -wal journal, not a database"},
			"saved with `factdesk share --out FILE`"},
		{&storage.Error{Kind: storage.KindUsage, Code: storage.CodeArticleRemoved, Facts: storage.Facts{Object: "claim", ID: "c1", Article: "0123456789abcdef"}, Msg: "the article of claim c1 is removed"},
			"factdesk article restore " + shortID("0123456789abcdef")},
		{&annotate.QuoteError{Quote: "Azerbaijan"},
			"\"Azerbaijan\" not found in the article: check the spelling, or copy the quote from `factdesk show ID`"},
		{errors.New("something else"), "something else"},
	} {
		if got := explain(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("explain(%v) = %q, want %q in it", tc.err, got, tc.want)
		}
	}
	if got := explain(errors.New("plain")); got != "plain" {
		t.Errorf("an error without a code: %q, want its message alone", got)
	}
}

// Run end to end, the command line says what to do with its flags: a blank --reviewer, and a
// working database cut short by a copy that did not finish.
func TestCommandLineSaysWhichFlagFixesAStorageError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"import", filepath.Join(seeds, seedEN), "--db", db, "--reviewer", "  "}, strings.NewReader(""), &out, &errOut)
	if code == exitOK || !strings.Contains(errOut.String(), "the reviewer's name is empty: give one with --reviewer NAME") {
		t.Fatalf("blank reviewer: exit %d, %q", code, errOut.String())
	}

	importSeeds(t, db)
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(db, st.Size()/2); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := factdesk(t, db, "", "articles")
	if code != exitFailure || !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, "open that copy with --db FILE") {
		t.Fatalf("damaged database: exit %d, %q", code, stderr)
	}
}
