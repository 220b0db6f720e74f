package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the header row of the CSV export.
var CSVHeader = []string{"claim_id", "article_title", "article_url", "language", "quote", "start", "end",
	"verdict", "note", "sources", "links", "reviewer", "created", "updated", "ratings"}

// csvCell makes untrusted text safe in a spreadsheet cell: bidi controls shown, and a cell
// that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage
// return) prefixed with a single quote, so it stays text.
func csvCell(s string) string {
	s = ShowBidi(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvTime formats a time as RFC 3339 in UTC, or "" for the zero time.
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// writeCSV writes one row per claim, RFC 4180 (CRLF line ends), UTF-8 without a byte order
// mark. sources is "relation: url" (or the source's title when it has no URL) joined by
// " | "; links is "relation: other-claim-id" joined the same way, the relation seen from the
// row's claim (same, supports, supported-by, contradicts). reviewer is who rated the claim
// last (UpdatedBy, else CreatedBy); created and updated are RFC 3339 in UTC. verdict is
// "contested" for a claim whose reviewers disagree and that nobody settled; ratings is every
// reviewer's verdict, "name: verdict" joined by " | ".
func writeCSV(w io.Writer, v *View, opt Options) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	p := newProgress(opt, len(v.Claims))
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	row := make([]string, len(CSVHeader))
	var parts []string
	for _, c := range v.Claims {
		if err := p.tick(); err != nil {
			return err
		}
		a := c.Article
		parts = parts[:0]
		for _, s := range c.Sources {
			ref := strings.TrimSpace(s.Source.URL)
			if ref == "" {
				ref = s.Label()
			}
			parts = append(parts, string(s.Relation)+": "+oneLine(ref))
		}
		sources := strings.Join(parts, " | ")
		parts = parts[:0]
		for _, l := range c.Links {
			parts = append(parts, l.Token()+": "+l.OtherID)
		}
		links := strings.Join(parts, " | ")
		row[0] = csvCell(c.Claim.ID)
		row[1] = csvCell(oneLine(a.Article.Title))
		row[2] = csvCell(strings.TrimSpace(a.Article.URL))
		row[3] = csvCell(a.Article.Language)
		row[4] = csvCell(c.Claim.Exact)
		row[5] = strconv.Itoa(c.Claim.Start)
		row[6] = strconv.Itoa(c.Claim.End)
		row[7] = csvCell(string(c.Claim.Verdict))
		if c.Claim.Contested {
			row[7] = "contested"
		}
		row[8] = csvCell(c.Claim.Note)
		row[9] = csvCell(sources)
		row[10] = csvCell(links)
		row[11] = csvCell(c.Reviewer)
		row[12] = csvTime(c.Claim.CreatedAt)
		row[13] = csvTime(c.Claim.UpdatedAt)
		parts = parts[:0]
		for _, r := range c.Claim.Ratings {
			parts = append(parts, oneLine(r.Reviewer)+": "+string(r.Verdict))
		}
		row[14] = csvCell(strings.Join(parts, " | "))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return p.finish()
}
