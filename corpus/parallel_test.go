package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestParseFilesKeepsOrderAndReportsBadFiles(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := 0; i < 40; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		body := fmt.Sprintf("Article number %d.\n\nThe council met on Tuesday and voted on the budget number %d after a long debate.", i, i)
		if i == 7 {
			p = filepath.Join(dir, "scan.pdf")
			body = "%PDF-1.4\x00\x01binary"
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var got []string
	err := ParseFiles(context.Background(), files, func(i int, path string, a Article, err error) error {
		if path != files[i] {
			t.Fatalf("call %d for %s, want %s", i, path, files[i])
		}
		if i == 7 {
			if !errors.Is(err, ErrBrokenPDF) {
				t.Fatalf("scan.pdf: err = %v, want ErrBrokenPDF", err)
			}
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.Title)
		return nil
	})
	if err != nil || len(got) != 39 || got[0] != "Article number 0." || got[38] != "Article number 39." {
		t.Fatalf("ParseFiles = %v, titles %q", err, got)
	}
}

func TestParseFilesStopsOnCallbackErrorAndCancel(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := 0; i < 20; i++ {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("Text %d of the test corpus, with enough words to be an article.", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	stop := errors.New("stop")
	calls := 0
	if err := ParseFiles(context.Background(), files, func(int, string, Article, error) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	}); !errors.Is(err, stop) || calls != 3 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err := ParseFiles(ctx, files, func(int, string, Article, error) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("cancelled: err = %v after %d calls", err, calls)
	}
}
