package report

import (
	"strings"
	"testing"
	"time"

	"factdesk/annotate"
)

// Every report cites a source's archived copy and says what the last check of its live page
// found, in the report's language: HTML, PDF (as pdftotext reads it) and Markdown.
func TestReportsCiteTheArchiveAndTheLastCheck(t *testing.T) {
	m := fixtureModel(t)
	m.Sources[0].ArchiveURL = "https://web.archive.org/web/20201009/https://nordpress.example/2020/10/08/serrat-toll"
	m.Sources[0].LastCheck = &annotate.SourceCheck{At: time.Date(2020, 10, 12, 9, 30, 0, 0, time.UTC), Outcome: annotate.CheckGone, Status: 404}
	cases := []struct {
		lang          Lang
		archive, gone string
	}{
		{English, "archived copy", "checked 2020-10-12 09:30 UTC: page gone (404)"},
		{French, "copie archivée", "page contrôlée le 12\u00a0octobre\u00a02020 à 9\u00a0h\u00a030 UTC\u00a0: disparue (404)"},
	}
	for _, c := range cases {
		for _, f := range []Format{HTML, PDF, Markdown} {
			out, gone := string(renderIn(t, f, m, c.lang)), c.gone
			if f == PDF {
				out = string(pdfToText(t, []byte(out)))
				// pdftotext reads no-break spaces as spaces and may wrap the line.
				out = strings.Join(strings.Fields(strings.ReplaceAll(out, "\u00a0", " ")), " ")
				gone = strings.ReplaceAll(gone, "\u00a0", " ")
			}
			if !strings.Contains(out, c.archive) || !strings.Contains(out, gone) {
				t.Errorf("%s report in %s: the archived copy (%q) or the last check (%q) is missing", f, c.lang, c.archive, gone)
			}
			if f == HTML && !strings.Contains(out, `href="https://web.archive.org/web/20201009/`) {
				t.Errorf("HTML report in %s: the archived copy is not a link", c.lang)
			}
		}
	}
}
