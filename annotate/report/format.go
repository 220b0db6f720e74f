package report

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Format is an export format.
type Format string

// The export formats.
const (
	HTML        Format = "html"
	PDF         Format = "pdf"
	Markdown    Format = "markdown"
	CSV         Format = "csv"
	JSON        Format = "json"
	ClaimReview Format = "claimreview"
	W3C         Format = "w3c"
)

// Formats lists every format in menu order.
var Formats = []Format{HTML, PDF, Markdown, CSV, JSON, ClaimReview, W3C}

// ParseFormat reads a format name, case-insensitively; "md", "htm", "schema" and
// "webannotation" (and a few spellings more) are accepted too.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "html", "htm":
		return HTML, nil
	case "pdf":
		return PDF, nil
	case "markdown", "md":
		return Markdown, nil
	case "csv":
		return CSV, nil
	case "json":
		return JSON, nil
	case "claimreview", "claim-review", "schema", "schema.org":
		return ClaimReview, nil
	case "w3c", "webannotation", "web-annotation", "annotation", "annotations":
		return W3C, nil
	}
	return "", fmt.Errorf("unknown export format %q: use html, pdf, markdown, csv, json, claimreview or w3c", s)
}

// Label is the format's name for people.
func (f Format) Label() string {
	switch f {
	case HTML:
		return "HTML report"
	case PDF:
		return "PDF report"
	case Markdown:
		return "Markdown"
	case CSV:
		return "CSV (one row per claim)"
	case JSON:
		return "Factdesk JSON (full content, re-importable)"
	case ClaimReview:
		return "schema.org ClaimReview (JSON-LD)"
	case W3C:
		return "W3C Web Annotation (JSON-LD)"
	}
	return string(f)
}

// Extension is the usual file name extension, with its dot.
func (f Format) Extension() string {
	switch f {
	case HTML:
		return ".html"
	case PDF:
		return ".pdf"
	case Markdown:
		return ".md"
	case CSV:
		return ".csv"
	case JSON:
		return ".json"
	case ClaimReview, W3C:
		return ".jsonld"
	}
	return ""
}

// MediaType is the format's MIME type.
func (f Format) MediaType() string {
	switch f {
	case HTML:
		return "text/html; charset=utf-8"
	case PDF:
		return "application/pdf"
	case Markdown:
		return "text/markdown; charset=utf-8"
	case CSV:
		return "text/csv; charset=utf-8; header=present"
	case JSON:
		return "application/json"
	case ClaimReview:
		return "application/ld+json"
	case W3C:
		return `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`
	}
	return "application/octet-stream"
}

// Options tune a rendering.
type Options struct {
	// Progress, when set, is told how many of the claims are rendered: at most about 200 times
	// per export, and always once with done == total at the end.
	Progress func(done, total int)
	// Context, when set, cancels a long export: the renderer stops and returns its error.
	Context context.Context
	// Lang is the language of the reports' words (HTML, PDF, Markdown) and of ClaimReview's
	// rating names, which ClaimReview then states as inLanguage; empty is English, and a
	// ClaimReview without inLanguage. CSV, JSON and W3C are the same in every language.
	Lang Lang
}

// Write renders m in format f to w.
func Write(w io.Writer, f Format, m Model, opt Options) error {
	switch f {
	case HTML:
		return writeHTML(w, m.View(), opt)
	case PDF:
		return writePDF(w, m.View(), opt)
	case Markdown:
		return writeMarkdown(w, m.View(), opt)
	case CSV:
		return writeCSV(w, m.view(false), opt)
	case JSON:
		return writeJSON(w, m, opt)
	case ClaimReview:
		return writeClaimReview(w, m.view(false), opt)
	case W3C:
		return writeW3C(w, m.view(false), opt)
	}
	return fmt.Errorf("unknown export format %q", f)
}

// WriteHTML writes the self-contained HTML report of m.
func WriteHTML(w io.Writer, m Model) error { return Write(w, HTML, m, Options{}) }

// WritePDF writes the PDF report of m.
func WritePDF(w io.Writer, m Model) error { return Write(w, PDF, m, Options{}) }

// WriteMarkdown writes the Markdown report of m.
func WriteMarkdown(w io.Writer, m Model) error { return Write(w, Markdown, m, Options{}) }

// WriteCSV writes one CSV row per claim of m.
func WriteCSV(w io.Writer, m Model) error { return Write(w, CSV, m, Options{}) }

// WriteJSON writes the full content of m as Factdesk JSON (docs/json-export.md).
func WriteJSON(w io.Writer, m Model) error { return Write(w, JSON, m, Options{}) }

// WriteClaimReview writes m's rated claims as schema.org ClaimReview JSON-LD
// (docs/claimreview.md).
func WriteClaimReview(w io.Writer, m Model) error { return Write(w, ClaimReview, m, Options{}) }

// WriteW3C writes m's claims and links as a W3C Web Annotation collection
// (docs/w3c-annotations.md).
func WriteW3C(w io.Writer, m Model) error { return Write(w, W3C, m, Options{}) }

// progress reports rendering progress and checks for cancellation.
type progress struct {
	opt         Options
	total, step int
	done        int
}

func newProgress(opt Options, total int) *progress {
	return &progress{opt: opt, total: total, step: max(1, total/200)}
}

// tick counts one claim; it returns the context's error once the export is cancelled.
func (p *progress) tick() error {
	p.done++
	if p.done%p.step == 0 || p.done == p.total {
		if p.opt.Context != nil {
			if err := p.opt.Context.Err(); err != nil {
				return err
			}
		}
		if p.opt.Progress != nil && p.done < p.total {
			p.opt.Progress(p.done, p.total)
		}
	}
	return nil
}

// finish reports the end of the export.
func (p *progress) finish() error {
	if p.opt.Context != nil {
		if err := p.opt.Context.Err(); err != nil {
			return err
		}
	}
	if p.opt.Progress != nil {
		p.opt.Progress(p.total, p.total)
	}
	return nil
}
