package storage_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/corpus"
	"factdesk/storage"
)

func TestShareableOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"/home/alice/Informant Karim/leak.txt":    "leak.txt",
		`C:\Users\alice\Informant Karim\leak.txt`: "leak.txt",
		"articles/en_serrat_dam.txt":              "en_serrat_dam.txt",
		"leak.txt":                                "leak.txt",
		"https://example.org/a/b.html":            "https://example.org/a/b.html",
		"stdin":                                   "stdin",
		"/home/alice/folder/":                     "folder",
		"":                                        "",
	} {
		if got := storage.ShareableOrigin(in); got != want {
			t.Errorf("ShareableOrigin(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestShareCopiesAndExportsCarryOnlyFileNames: a database made before imports kept only file
// names holds full paths (user and folder names). Share copies and every export carry only
// the file name, in the articles and in their history (where the creation entry repeats it),
// and the freed space of the copy does not keep the path either; the copy merges (its rows
// agree with its history). Opting in keeps the paths. The working database is not changed.
func TestShareCopiesAndExportsCarryOnlyFileNames(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const secret = "Informant Karim"
	path := "/home/alice/" + secret + "/leak.txt"
	alice := shOpen(t, filepath.Join(dir, "alice.db"), "Alice")
	res, err := alice.ImportArticle(ctx, corpus.Article{Title: "Leak", Text: shText1, Language: "en", Origin: path, Format: "txt"})
	if err != nil {
		t.Fatal(err)
	}
	shClaim(t, alice, res.Article.ID, shText1, "unemployment fell to 4.2 percent in March", annotate.Confirmed)
	if _, err := alice.ImportArticle(ctx, corpus.Article{Title: "Gone", Text: shText2, Language: "en", Origin: `C:\Users\alice\` + secret + `\gone.txt`}); err != nil {
		t.Fatal(err)
	}
	gone, _ := alice.Articles(ctx)
	for _, a := range gone {
		if a.Title == "Gone" {
			if _, err := alice.RemoveArticle(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	before := shHash(t, alice.Path())

	copyPath := shShare(t, alice, "share.db")
	b, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(secret)) {
		t.Errorf("the share copy holds %q somewhere in its bytes", secret)
	}
	raw := shRaw(t, copyPath)
	var origin string
	if err := raw.QueryRow(`SELECT origin FROM articles WHERE id = ?`, res.Article.ID).Scan(&origin); err != nil || origin != "leak.txt" {
		t.Errorf("the copy's origin is %q (%v), want leak.txt", origin, err)
	}
	raw.Close()
	bob := shOpen(t, filepath.Join(dir, "bob.db"), "Bob")
	shMerge(t, bob, copyPath)
	if a, err := bob.Article(ctx, res.Article.ID); err != nil || a.Origin != "leak.txt" {
		t.Errorf("after the merge Bob's article origin is %q (%v)", a.Origin, err)
	}

	for _, f := range report.Formats {
		m, err := alice.ReportModel(ctx, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		m.Settings.SiteURL = "https://factcheck.example.org/"
		m.Settings.IncludeUnverified = true
		var buf bytes.Buffer
		if err := report.Write(&buf, f, m, report.Options{Context: ctx}); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte(secret)) {
			t.Errorf("the %s export holds %q", f, secret)
		}
		if f == report.JSON && !bytes.Contains(buf.Bytes(), []byte(`"leak.txt"`)) {
			t.Errorf("the JSON export lost the file name")
		}
	}

	// Opting in keeps the paths.
	kept := filepath.Join(dir, "kept.db")
	if err := alice.SaveCopyWith(ctx, kept, storage.CopyOptions{KeepPaths: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(kept); !bytes.Contains(b, []byte(secret)) {
		t.Error("a copy with KeepPaths lost the full path")
	}
	m, err := alice.ReportModelWith(ctx, nil, nil, storage.ReportOptions{KeepPaths: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Articles) == 0 || m.Articles[0].Origin != path {
		t.Errorf("an export with KeepPaths has origins %+v", m.Articles)
	}
	if got := shHash(t, alice.Path()); got != before {
		t.Error("sharing or exporting changed the working database")
	}
	if a, _ := alice.Article(ctx, res.Article.ID); a.Origin != path {
		t.Errorf("the working database's origin became %q", a.Origin)
	}
	if strings.Contains(storage.ShareableOrigin(path), "/") {
		t.Error("ShareableOrigin kept a folder")
	}
}

// BenchmarkSaveCopyPaths is SaveCopy on the 100,000-claim database with the paths taken out
// (the default) and, as the same-run baseline, with them kept (a bare VACUUM INTO).
func BenchmarkSaveCopyPaths(b *testing.B) {
	set := shBigSet(b)
	ctx := context.Background()
	work := filepath.Join(b.TempDir(), "work.db")
	shCopy(b, set.remote, work)
	db, err := storage.Open(ctx, work, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(b.TempDir(), "share.db")
	var strip, keep time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if err := db.SaveCopyWith(ctx, out, storage.CopyOptions{KeepPaths: true}); err != nil {
			b.Fatal(err)
		}
		keep += time.Since(start)
		start = time.Now()
		if err := db.SaveCopy(ctx, out, nil); err != nil {
			b.Fatal(err)
		}
		strip += time.Since(start)
	}
	b.StopTimer()
	b.ReportMetric(strip.Seconds()/float64(b.N), "strip-s")
	b.ReportMetric(keep.Seconds()/float64(b.N), "keep-s")
	b.ReportMetric(float64(strip)/float64(keep), "ratio")
}
