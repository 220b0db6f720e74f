package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"factdesk/corpus"
	"factdesk/storage/ingest"
)

// longPDFPages is the size of the long PDF the issue names: "500-page PDFs get progress".
const longPDFPages = 500

var longPDF struct {
	once sync.Once
	data []byte
	err  error
}

// longPDFFile writes a 500-page text PDF (made once per test run with fpdf: a running header,
// a page number at the foot, five paragraphs a page, "Page N, paragraph K." opening each) into
// a temporary folder of tb and returns its path.
func longPDFFile(tb testing.TB) string {
	tb.Helper()
	longPDF.once.Do(func() {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetFont("Helvetica", "", 11)
		p.SetHeaderFunc(func() {
			p.CellFormat(0, 8, "Harbour authority - annual report", "", 1, "C", false, 0, "")
			p.Ln(2)
		})
		p.SetFooterFunc(func() {
			p.SetY(-15)
			p.CellFormat(0, 8, fmt.Sprint(p.PageNo()), "", 0, "C", false, 0, "")
		})
		// Pages open differently (a page's first line is no running head), as report pages do.
		openings := []string{"The council met on Tuesday.", "Dockers walked out at dawn.", "Insurers have not paid yet.", "The mayor spoke on Friday."}
		para := strings.Repeat("The council met on Tuesday and voted the harbour budget after a long debate about the fire. ", 5)
		for n := 1; n <= longPDFPages; n++ {
			p.AddPage()
			for i := 1; i <= 5; i++ {
				p.MultiCell(0, 6, fmt.Sprintf("%s Page %d, paragraph %d. %s", openings[(n+i)%len(openings)], n, i, para), "", "L", false)
				p.Ln(3)
			}
		}
		var b bytes.Buffer
		longPDF.err = p.Output(&b)
		longPDF.data = b.Bytes()
	})
	if longPDF.err != nil {
		tb.Fatal(longPDF.err)
	}
	path := filepath.Join(tb.TempDir(), "annual-report.pdf")
	if err := os.WriteFile(path, longPDF.data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// heapWatch samples the live heap at each progress report and keeps the highest.
type heapWatch struct{ peak uint64 }

func (h *heapWatch) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h.peak = max(h.peak, m.HeapAlloc)
}

// A 500-page PDF imports through the one pipeline with progress per 25-page chunk up to
// 500/500, its pages kept ("p. 4xx" late in the text), running headers and page numbers
// removed, and the heap small; cancelled half-way, nothing is stored.
func TestImportLongPDF500Pages(t *testing.T) {
	path := longPDFFile(t)
	ctx := context.Background()

	// Cancelled at page 250: the import stops and keeps nothing.
	db := openDB(t)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var cancelledSteps []string
	tally := ingest.Run(cctx, db, []ingest.Item{{Path: path}}, ingest.Options{Progress: func(p ingest.Progress) {
		if p.Step != "" {
			cancelledSteps = append(cancelledSteps, p.Step)
		}
		if strings.HasPrefix(p.Step, "reading pages 226–250 ") {
			cancel()
		}
	}})
	if !tally.Cancelled || tally.Added != 0 {
		t.Errorf("cancelled import: %+v", tally)
	}
	if n := len(cancelledSteps); n == 0 || n > 11 || !strings.HasPrefix(cancelledSteps[n-1], "reading pages 226–250 ") {
		t.Errorf("the import went on after the cancel: %q", cancelledSteps)
	}
	if arts, err := db.Articles(ctx); err != nil || len(arts) != 0 {
		t.Errorf("a cancelled import stored %d articles (%v)", len(arts), err)
	}

	// The whole file, into a new database.
	db = openDB(t)
	var steps []string
	var parts []float64
	var dones []int
	var heap heapWatch
	runtime.GC()
	heap.sample()
	before := heap.peak
	tally = ingest.Run(ctx, db, []ingest.Item{{Path: path}}, ingest.Options{Progress: func(p ingest.Progress) {
		heap.sample()
		dones = append(dones, p.Done)
		if strings.HasPrefix(p.Step, "reading pages") {
			if p.Name != path || p.Total != 1 {
				t.Errorf("a step of %q: %+v", path, p)
			}
			steps = append(steps, p.Step)
			parts = append(parts, p.Part)
			// The same step as facts, for a window that words it in its language.
			d, i := p.Detail, len(steps)-1
			if d.Kind != corpus.StepReadingPages || d.First != 25*i+1 || d.Last != 25*i+25 || d.Total != longPDFPages || d.Text != p.Step {
				t.Errorf("step %d %q has the facts %+v", i, p.Step, d)
			}
		}
	}})
	if tally.Added != 1 || tally.Failed != 0 || tally.Err != nil {
		t.Fatalf("tally = %+v", tally)
	}
	if len(steps) != longPDFPages/25 {
		t.Errorf("%d progress steps, want one per 25-page chunk: %q", len(steps), steps)
	}
	for i, s := range steps {
		if want := fmt.Sprintf("reading pages %d–%d of %d", 25*i+1, 25*i+25, longPDFPages); s != want {
			t.Errorf("step %d = %q, want %q", i, s, want)
		}
		if want := float64(25*i) / longPDFPages; parts[i] != want {
			t.Errorf("step %d: part %v done, want %v", i, parts[i], want)
		}
	}
	if len(dones) == 0 || dones[len(dones)-1] != 1 {
		t.Errorf("progress did not end with the file done: %v", dones)
	}
	a, err := db.Article(ctx, tally.IDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Pages) != longPDFPages || a.Format != "pdf" {
		t.Fatalf("stored article: format %q, %d pages", a.Format, len(a.Pages))
	}
	for _, page := range []int{1, 250, 437, 500} {
		at := strings.Index(a.Text, fmt.Sprintf("Page %d, paragraph 3.", page))
		if at < 0 {
			t.Errorf("page %d's text is missing", page)
			continue
		}
		if got := a.PageAt(len([]rune(a.Text[:at]))); got != page {
			t.Errorf("paragraph of page %d is said to be on p. %d", page, got)
		}
	}
	if strings.Contains(a.Text, "Harbour authority - annual report") {
		t.Error("the running header was kept in the text")
	}
	if len(a.Removed) < longPDFPages {
		t.Errorf("%d removed lines kept, want the running headers and page numbers", len(a.Removed))
	}
	// The text is about 1.5 MB; the pipeline holds it a few times over, never the whole file
	// many times.
	if grown := heap.peak - min(before, heap.peak); grown > 64<<20 {
		t.Errorf("the heap grew by %d MB during the import", grown>>20)
	}
	t.Logf("text %d KB, heap peak %d MB above the start", len(a.Text)>>10, (heap.peak-min(before, heap.peak))>>20)
}

// BenchmarkImportPDF500Pages imports the 500-page PDF into a new database each time.
// Baseline: BenchmarkPdftotextPDF500Pages, Poppler reading the same file in one run.
func BenchmarkImportPDF500Pages(b *testing.B) {
	path := longPDFFile(b)
	ctx := context.Background()
	var cpu float64
	for b.Loop() {
		b.StopTimer()
		db := openDB(b)
		b.StartTimer()
		start := cpuSeconds()
		tally := ingest.Run(ctx, db, []ingest.Item{{Path: path}}, ingest.Options{})
		cpu += cpuSeconds() - start
		if tally.Added != 1 {
			b.Fatalf("tally = %+v", tally)
		}
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
}

// BenchmarkPdftotextPDF500Pages is the floor: pdftotext reading the whole file at once.
func BenchmarkPdftotextPDF500Pages(b *testing.B) {
	path := longPDFFile(b)
	start := cpuSeconds()
	for b.Loop() {
		if err := exec.Command("pdftotext", "-enc", "UTF-8", path, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
}
