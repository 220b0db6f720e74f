package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"factdesk/annotate"
	"factdesk/annotate/report"
	"factdesk/storage"
)

func init() {
	register(&command{name: "export", looks: true, summary: "write a report or a standard export: html, pdf, md, csv, json, claimreview, w3c",
		flags: func(fs *flag.FlagSet) {
			fs.String("format", "", "the `FORMAT`: html, pdf, md (Markdown), csv, json (re-importable), claimreview (schema.org JSON-LD) or w3c (Web Annotation JSON-LD)")
			fs.String("out", "", "the `FILE` to write (replaced whole, never left half-written); - for standard output")
			fs.Var(&stringList{}, "article", "only the article `ID` (or a unique part of it; repeat for several; default: every article)")
			fs.Var(&stringList{}, "verdict", "only claims with this `VERDICT`: confirmed, disputed or unverified (repeat, or separate with commas, for several)")
			fs.String("title", "", "the report's `TITLE` (default: Factdesk report)")
			fs.String("org", "", "your organization's `NAME`: the author of ClaimReviews")
			fs.String("site-url", "", "the page `URL` where the report is published: ClaimReview needs it (each review's url is URL#claim-ID)")
			fs.Bool("include-unverified", false, "ClaimReview: also export claims not rated yet (rating 3, Unverified)")
			fs.String("lang", "", "the `LANGUAGE` of the report's words (html, pdf, md) and of ClaimReview's rating names: "+report.LangOptions("")+" (default: the interface language: FACTDESK_LANG, else the system's)")
			fs.Bool("keep-path", false, "keep the full paths of imported files (by default only their names leave this machine: paths name users and folders)")
		}, maxArgs: 0, run: cmdExport})
	register(&command{name: "import-json", args: "FILE", summary: "restore a Factdesk JSON export (articles, claims, sources, links, history); - reads standard input",
		minArgs: 1, maxArgs: 1, run: cmdImportJSON})
	register(&command{name: "import-w3c", args: "FILE", summary: "restore the claims of a W3C Web Annotation export onto the articles of this database",
		minArgs: 1, maxArgs: 1, run: cmdImportW3C})
}

// stringList is a repeatable flag: every use adds its value (or its comma-separated values).
type stringList struct{ values []string }

func (l *stringList) String() string { return strings.Join(l.values, ",") }

// Set adds the comma-separated values of one use of the flag.
func (l *stringList) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.values = append(l.values, v)
		}
	}
	return nil
}

// list returns the values of a repeatable flag.
func (c *cli) list(name string) []string {
	if l, ok := c.fs.Lookup(name).Value.(*stringList); ok {
		return l.values
	}
	return nil
}

// exportJSON is what `export --json` prints.
type exportJSON struct {
	Path     string                 `json:"path"`
	Format   report.Format          `json:"format"`
	Lang     report.Lang            `json:"lang"` // the language of the words (csv, json and w3c have the same in every one)
	Bytes    int64                  `json:"bytes"`
	Articles int                    `json:"articles"`
	Claims   int                    `json:"claims"`
	Verdicts annotate.VerdictCounts `json:"verdicts"`
	Reviews  int                    `json:"reviews,omitempty"` // ClaimReview: the claims exported as reviews
	// ContestedLeftOut: ClaimReview leaves out the contested claims (reviewers disagree, nobody
	// settled them).
	ContestedLeftOut int `json:"contested_left_out,omitempty"`
	Links            int `json:"links"`
	Sources          int `json:"sources"`
	History          int `json:"history"`
	Reviewers        int `json:"reviewers"`
	Deleted          int `json:"deleted,omitempty"` // JSON: the deleted rows, kept as tombstones
	// OutOfScope counts the links of the claims exported to claims left out (other articles or
	// verdicts): reports name those claims, the CSV lists them; JSON and W3C leave them out.
	OutOfScope int `json:"links_out_of_scope,omitempty"`
}

func cmdExport(c *cli, _ []string) error {
	if c.str("format") == "" {
		return usagef("--format is required: html, pdf, md, csv, json, claimreview or w3c")
	}
	format, err := report.ParseFormat(c.str("format"))
	if err != nil {
		return usageError{err.Error()}
	}
	lang := report.InterfaceLang(os.Getenv)
	if s := c.str("lang"); s != "" {
		if lang, err = report.ParseLang(s); err != nil {
			return usagef("--lang %q is not a report language: use %s", s, report.LangOptions("--lang "))
		}
	}
	out := c.str("out")
	if out == "" {
		return usagef("--out FILE is required (for example --out report%s), or --out - for standard output", format.Extension())
	}
	settings := report.Settings{
		Title:             strings.TrimSpace(c.str("title")),
		Organization:      strings.TrimSpace(c.str("org")),
		SiteURL:           strings.TrimSpace(c.str("site-url")),
		IncludeUnverified: c.str("include-unverified") == "true",
		Generated:         time.Now().UTC().Truncate(time.Second),
	}
	if settings.SiteURL != "" || format == report.ClaimReview {
		if err := checkSiteURL(settings.SiteURL); err != nil {
			return err
		}
	}
	var verdicts []annotate.Verdict
	for _, s := range c.list("verdict") {
		v, err := annotate.ParseVerdict(s)
		if err != nil {
			return usageError{err.Error()}
		}
		verdicts = append(verdicts, v)
	}
	var articles []string
	for _, s := range c.list("article") {
		id, err := c.resolve("articles", s)
		if err != nil {
			return err
		}
		articles = append(articles, id)
	}
	if out != "-" {
		if st, err := os.Stat(out); err == nil && st.IsDir() {
			return usagef("--out %s is a folder: give a file name, such as %s", out, filepath.Join(out, "report"+format.Extension()))
		}
		if dir := filepath.Dir(out); !isDir(dir) {
			return fmt.Errorf("cannot write %s: the folder %s does not exist: create it first, or choose another --out", out, dir)
		}
		// Never over the database itself, nor any other database.
		if err := storage.CheckWritableTarget(c.db, out); err != nil {
			return err
		}
	}

	m, err := c.db.ReportModelWith(c.ctx, articles, verdicts, storage.ReportOptions{KeepPaths: c.str("keep-path") == "true"})
	if err != nil {
		return err
	}
	m.Settings = settings
	sum := summarize(m, format, out)
	sum.Lang = lang
	opts := report.Options{Context: c.ctx, Lang: lang}
	if out == "-" {
		bw := bufio.NewWriterSize(c.out, 256<<10)
		if err := report.Write(bw, format, m, opts); err != nil {
			return exportError(err)
		}
		if err := bw.Flush(); err != nil {
			return exportError(err)
		}
	} else {
		err := report.WriteFileAtomic(out, func(w io.Writer) error {
			return report.Write(w, format, m, opts)
		})
		if err != nil {
			return exportError(err)
		}
		if st, err := os.Stat(out); err == nil {
			sum.Bytes = st.Size()
		}
		if abs, err := filepath.Abs(out); err == nil {
			sum.Path = abs
		}
	}
	// With --out -, standard output is the export: the summary goes to standard error.
	msgs := c.out
	if out == "-" {
		msgs = c.errOut
	}
	if c.json {
		if out == "-" {
			return nil
		}
		return c.printJSON(sum)
	}
	fmt.Fprintln(msgs, sum.line())
	for _, w := range exportWarnings(m, format) {
		fmt.Fprintln(c.errOut, "note: "+w)
	}
	return nil
}

// checkSiteURL refuses a site URL that cannot be the address of a published review.
func checkSiteURL(s string) error {
	if s == "" {
		return usagef("ClaimReview needs --site-url URL: the page where the report is published (each review's url is URL#claim-ID), for example --site-url https://factcheck.example/reports/karabakh")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--site-url %q is not a web address: give the http(s) URL of the page where the report is published", s)
	}
	return nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// exportError adds what to do to a renderer's error.
func exportError(err error) error {
	if errors.Is(err, report.ErrNoSiteURL) {
		return usageError{err.Error() + ": give --site-url URL"}
	}
	if storage.IsDiskFull(err) {
		where := "the disk is full"
		var pe *os.PathError
		if errors.As(err, &pe) && pe.Path != "" && pe.Path != "/dev/stdout" {
			where = "the disk is full (the disk holding " + filepath.Dir(pe.Path) + ")"
		}
		return &storage.Error{Kind: storage.KindDiskFull, Err: err,
			Msg: where + ", so the export was not written (no partial file was left, and nothing in the database changed): free some space, then export again"}
	}
	return err
}

func summarize(m report.Model, f report.Format, out string) exportJSON {
	s := exportJSON{Path: out, Format: f, Articles: len(m.Articles), Claims: len(m.Claims), Links: len(m.Links), Sources: len(m.Sources),
		History: len(m.History), Reviewers: len(m.Reviewers)}
	if f == report.JSON {
		s.Deleted = m.Deleted.Len()
	}
	if f != report.JSON && f != report.W3C && len(m.Related.Links) > 0 {
		kept := make(map[string]bool, len(m.Claims))
		for _, c := range m.Claims {
			kept[c.ID] = true
		}
		for _, l := range m.Related.Links {
			if kept[l.ClaimID] || kept[l.TargetClaimID] {
				s.OutOfScope++
			}
		}
	}
	for _, c := range m.Claims {
		s.Verdicts.AddClaim(c)
	}
	if f == report.ClaimReview {
		s.Reviews = s.Verdicts.Confirmed + s.Verdicts.Disputed
		if m.Settings.IncludeUnverified {
			s.Reviews += s.Verdicts.Unverified
		}
		s.ContestedLeftOut = report.ContestedLeftOut(m)
	}
	return s
}

func (s exportJSON) line() string {
	var b strings.Builder
	if s.Path == "-" {
		b.WriteString("wrote " + shortLabel(s.Format) + " to standard output: ")
	} else {
		fmt.Fprintf(&b, "wrote %s (%s, %s): ", s.Path, shortLabel(s.Format), humanBytes(s.Bytes))
	}
	fmt.Fprintf(&b, "%s, %s (%d %s confirmed, %d %s disputed, %d %s unverified", count(s.Articles, "article"), count(s.Claims, "claim"),
		s.Verdicts.Confirmed, annotate.Confirmed.Symbol(), s.Verdicts.Disputed, annotate.Disputed.Symbol(), s.Verdicts.Unverified, annotate.Unverified.Symbol())
	if s.Verdicts.Contested > 0 {
		fmt.Fprintf(&b, ", %d ⚖ contested", s.Verdicts.Contested)
	}
	b.WriteString(")")
	switch s.Format {
	case report.ClaimReview:
		fmt.Fprintf(&b, " as %s", count(s.Reviews, "ClaimReview"))
		if s.ContestedLeftOut > 0 {
			fmt.Fprintf(&b, "; %s left out: settle them with `factdesk claim settle CLAIM VERDICT`", count(s.ContestedLeftOut, "contested claim"))
		}
	case report.CSV:
		fmt.Fprintf(&b, " as %s", count(s.Claims, "row"))
	default:
		fmt.Fprintf(&b, ", %s, %s", count(s.Links, "link"), count(s.Sources, "source"))
	}
	if s.OutOfScope > 0 {
		fmt.Fprintf(&b, "; %s to claims not exported (named, not counted)", count(s.OutOfScope, "link"))
	}
	if s.Format == report.JSON {
		fmt.Fprintf(&b, ", %s, %s", count(s.History, "history entry"), count(s.Reviewers, "reviewer"))
		if s.Deleted > 0 {
			fmt.Fprintf(&b, ", %s (as tombstones)", count(s.Deleted, "deleted row"))
		}
	}
	return b.String()
}

// shortLabel names a format in a line of output.
func shortLabel(f report.Format) string {
	switch f {
	case report.CSV:
		return "CSV"
	case report.JSON:
		return "Factdesk JSON"
	case report.ClaimReview:
		return "ClaimReview JSON-LD"
	case report.W3C:
		return "W3C Web Annotation JSON-LD"
	case report.Markdown:
		return "Markdown report"
	}
	return f.Label()
}

// count counts n things named by a regular noun: "1 claim", "3 claims", "2 entries".
func count(n int, what string) string {
	if stem, ok := strings.CutSuffix(what, "entry"); ok {
		return plural(n, what, stem+"entries")
	}
	return plural(n, what, what+"s")
}

func humanBytes(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 10<<10:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// exportWarnings are the things a person may have wanted otherwise.
func exportWarnings(m report.Model, f report.Format) []string {
	var out []string
	if len(m.Articles) == 0 {
		out = append(out, "there is no article to export: import some with `factdesk import FILE...`")
	} else if len(m.Claims) == 0 {
		out = append(out, "no claim matches: the export lists the articles only")
	}
	if f == report.ClaimReview {
		s := summarize(m, f, "")
		if s.Reviews == 0 && len(m.Claims) > 0 {
			out = append(out, "no claim is rated yet, so there is no ClaimReview: rate claims, or give --include-unverified")
		}
		if m.Settings.Organization == "" {
			out = append(out, "no --org NAME: the reviews have no author, which consumers of ClaimReview expect")
		}
	}
	return out
}

// importDataJSON is what import-json and import-w3c print with --json.
type importDataJSON struct {
	File            string            `json:"file"`
	Format          string            `json:"format"`
	Summary         string            `json:"summary"`
	NewArticles     int               `json:"new_articles"`
	MatchedArticles int               `json:"matched_articles"`
	NewClaims       int               `json:"new_claims"`
	NewSources      int               `json:"new_sources"`
	NewLinks        int               `json:"new_links"`
	NewSnapshots    int               `json:"new_snapshots"` // source snapshots restored (their pages' SHA-256, not the pages)
	NewReviewers    int               `json:"new_reviewers"`
	NewHistory      int               `json:"new_history"` // the file's history entries restored
	OwnHistory      int               `json:"own_history"` // history entries recorded for the import itself
	Tombstones      tombstonesJSON    `json:"tombstones"`  // the file's deleted rows restored as deleted rows
	PresentClaims   int               `json:"present_claims"`
	PresentSources  int               `json:"present_sources"`
	PresentLinks    int               `json:"present_links"`
	PresentSnaps    int               `json:"present_snapshots"`
	NewChecks       int               `json:"new_checks"` // source checks restored (with their snapshots)
	PresentChecks   int               `json:"present_checks"`
	Reanchored      []importedRowJSON `json:"reanchored"`
	LeftDeleted     []importedRowJSON `json:"left_deleted"`
	Deleted         []importedRowJSON `json:"deleted"`   // rows live here the file deleted, deleted here too
	KeptLive        []importedRowJSON `json:"kept_live"` // rows the file deleted, changed here since: left live
	Skipped         []importedRowJSON `json:"skipped"`
}

type tombstonesJSON struct {
	Articles int `json:"articles"`
	Claims   int `json:"claims"`
	Sources  int `json:"sources"`
	Links    int `json:"links"`
}

type importedRowJSON struct {
	Table  string `json:"table"`
	ID     string `json:"id"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
}

func toImportedRows(rows []storage.ImportedRow) []importedRowJSON {
	return mapList(rows, func(r storage.ImportedRow) importedRowJSON {
		return importedRowJSON{Table: r.Table, ID: r.ID, Label: r.Label, Reason: r.Reason}
	})
}

func cmdImportJSON(c *cli, args []string) error {
	data, name, err := readInput(c, args[0])
	if err != nil {
		return err
	}
	m, err := report.ReadJSONWith(bytes.NewReader(data), report.JSONReadOptions{MovedAnchors: true})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	rep, err := c.db.ImportJSON(c.ctx, m, name)
	if err != nil {
		return err
	}
	return c.printImport(name, rep)
}

func cmdImportW3C(c *cli, args []string) error {
	data, name, err := readInput(c, args[0])
	if err != nil {
		return err
	}
	imp, err := report.ReadW3C(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	rep, err := c.db.ImportW3C(c.ctx, imp, name)
	if err != nil {
		return err
	}
	return c.printImport(name, rep)
}

// readInput reads a file named on the command line, or standard input for "-".
func readInput(c *cli, path string) ([]byte, string, error) {
	if path == "-" {
		b, err := io.ReadAll(c.in)
		return b, "stdin", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, path, fmt.Errorf("%s does not exist: check the path", path)
		}
		return nil, path, err
	}
	return b, path, nil
}

// printImport reports an import; the exit status is 1 when part of the file was skipped.
func (c *cli) printImport(name string, rep storage.DataImport) error {
	if c.json {
		out := importDataJSON{File: name, Format: rep.Format, Summary: rep.Summary(), NewArticles: rep.NewArticles, MatchedArticles: rep.MatchedArticles,
			NewClaims: rep.NewClaims, NewSources: rep.NewSources, NewLinks: rep.NewLinks, NewReviewers: rep.NewReviewers, NewHistory: rep.NewHistory,
			OwnHistory: rep.OwnHistory, Tombstones: tombstonesJSON(rep.Tombstones),
			PresentClaims: rep.Present.Claims, PresentSources: rep.Present.Sources, PresentLinks: rep.Present.Links,
			NewSnapshots: rep.NewSnapshots, PresentSnaps: rep.PresentSnapshots, NewChecks: rep.NewChecks, PresentChecks: rep.PresentChecks,
			Reanchored: toImportedRows(rep.Reanchored), LeftDeleted: toImportedRows(rep.LeftDeleted), Deleted: toImportedRows(rep.Deleted),
			KeptLive: toImportedRows(rep.KeptLive), Skipped: toImportedRows(rep.Skipped)}
		if err := c.printJSON(out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(c.out, "%s: %s\n", name, rep.Summary())
		for _, r := range rep.Reanchored {
			fmt.Fprintf(c.out, "  re-anchored claim %s %q: %s\n", shortID(r.ID), clip(r.Label, 60), r.Reason)
		}
		for _, r := range rep.LeftDeleted {
			fmt.Fprintf(c.out, "  claim %s %q: %s\n", shortID(r.ID), clip(r.Label, 60), r.Reason)
		}
		for _, r := range append(slices.Clip(rep.Deleted), rep.KeptLive...) {
			fmt.Fprintf(c.out, "  %s %s %q: %s\n", rowWord(r.Table), shortID(r.ID), clip(r.Label, 60), r.Reason)
		}
		for _, r := range rep.Skipped {
			fmt.Fprintf(c.errOut, "  skipped %s %s %q: %s\n", rowWord(r.Table), shortID(r.ID), clip(r.Label, 60), r.Reason)
		}
	}
	if len(rep.Skipped) > 0 {
		if !c.json {
			fmt.Fprintf(c.errOut, "factdesk: %d row(s) of %s could not be restored (see above); the rest was imported\n", len(rep.Skipped), name)
		}
		return exitError{exitFailure}
	}
	return nil
}

// rowWord names the kind of row of a table, for a line of an import's report.
func rowWord(table string) string {
	switch table {
	case "articles":
		return "article"
	case "sources":
		return "source"
	case "links":
		return "link"
	}
	return "claim"
}
