package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// import shows its progress on a terminal, a long PDF's chunks included, and rubs the line
// out at the end; with --json, or when standard error is no terminal, it says nothing.
func TestImportProgressOnATerminal(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetFont("Helvetica", "", 11)
	for n := 1; n <= 60; n++ {
		p.AddPage()
		p.CellFormat(0, 6, fmt.Sprintf("Page %d of the harbour report: the council voted the budget after the fire.", n), "", 1, "L", false, 0, "")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "long.pdf")
	if err := os.WriteFile(pdf, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := factdesk(t, filepath.Join(dir, "quiet.db"), "", "import", pdf)
	if code != 0 || strings.Contains(errOut, "\r") || !strings.Contains(out, "harbour report") {
		t.Errorf("no terminal: exit %d, stderr %q, stdout %q", code, errOut, out)
	}

	defer func(old func(io.Writer) bool) { isTerminalWriter = old }(isTerminalWriter)
	isTerminalWriter = func(io.Writer) bool { return true }
	out, errOut, code = factdesk(t, filepath.Join(dir, "tty.db"), "", "import", pdf)
	if code != 0 || !strings.Contains(out, "harbour report") {
		t.Fatalf("terminal: exit %d, stdout %q", code, out)
	}
	for _, step := range []string{"reading pages 1–25 of 60", "reading pages 26–50 of 60", "reading pages 51–60 of 60"} {
		if !strings.Contains(errOut, "\r[1/1] long.pdf — "+step+"\x1b[K") {
			t.Errorf("terminal progress lacks %q: %q", step, errOut)
		}
	}
	if !strings.HasSuffix(errOut, "\r\x1b[K") {
		t.Errorf("the progress line is left on the terminal: %q", errOut)
	}

	out, errOut, code = factdesk(t, filepath.Join(dir, "json.db"), "", "import", "--json", pdf)
	var res []importJSON
	if code != 0 || errOut != "" || json.Unmarshal([]byte(out), &res) != nil || len(res) != 1 || res[0].Article.Pages != 60 {
		t.Errorf("--json on a terminal: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
}
