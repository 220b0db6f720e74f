package uihost

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"factdesk/app/i18n"
	"factdesk/corpus"
	"factdesk/corpus/fetch"
	"factdesk/storage/ingest"
)

// describePlain words the common errors of reading and fetching articles (corpus, fetch,
// ingest), which keep their English Error() for the command line, in the interface language
// from their kind (errors.Is targets and typed errors) and facts. It returns "" for an error
// it does not know.
func describePlain(err error) string {
	var fe *fetch.Error
	isFetch := errors.As(err, &fe)
	var tl *corpus.TooLargeError
	var be *corpus.BinaryError
	var dns *net.DNSError
	var pe *fs.PathError
	switch {
	case errors.Is(err, fetch.ErrNotWebAddress):
		return lang.L("not a web address: give an address that starts with http:// or https://")
	case isFetch && fe.Status != 0:
		return describeStatus(fe.Status)
	case isFetch && errors.Is(err, context.DeadlineExceeded):
		return lang.L("the site did not answer in time: try again later, or save the page from your browser and import the file")
	case isFetch && errors.As(err, &dns):
		return lang.L("no such site ({{.Host}}): check the address, and that this computer is online", map[string]any{"Host": dns.Name})
	case isFetch && fe.Kind == fetch.KindLoginForm:
		return lang.L("the site shows a login form instead of the article: open it in your browser, save the page and import the file")
	case isFetch && fe.Kind == fetch.KindNotAPage:
		return lang.L("the address gives {{.MediaType}}, not a web page, text or PDF: import a page that shows the article", map[string]any{"MediaType": fe.MediaType})
	case isFetch && fe.Kind == fetch.KindRedirects:
		return lang.L("the site sent it through too many redirects or to an address that is not a web page: open it in a browser and import the address it ends at")
	case isFetch && fe.Kind == fetch.KindUnreachable:
		return lang.L("the page could not be fetched: check the address and that this computer is online")
	case errors.As(err, &tl):
		return lang.L("too large to be an article ({{.Size}} MB; the limit is {{.Limit}} MB): import the article alone, as .txt, .html, .md, .pdf, .docx or .odt",
			map[string]any{"Size": i18n.Decimal(float64(tl.Size)/(1<<20), 1), "Limit": i18n.Number(int(tl.Limit >> 20))})
	case errors.As(err, &be):
		return lang.L("a binary file ({{.Kind}}), not an article: save the article as .txt, .html, .md, .pdf, .docx or .odt and import that", map[string]any{"Kind": be.Kind})
	case errors.Is(err, corpus.ErrEncrypted):
		return lang.L("the PDF is encrypted: open it in a PDF reader with its password and save or print it as a PDF without one, then import that")
	case errors.Is(err, corpus.ErrBrokenPDF):
		return lang.L("the PDF is damaged or truncated: get the file again, or open it in a PDF reader and save a new copy")
	case errors.Is(err, corpus.ErrNoOCR):
		return lang.L("the PDF has no text layer and Tesseract (OCR) is not installed: install it (Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra) and import the file again")
	case errors.Is(err, corpus.ErrNoPDFTools):
		return lang.L("pdftotext (Poppler) is not installed: install it (Debian/Ubuntu: apt install poppler-utils) to import PDFs")
	case errors.Is(err, corpus.ErrBrokenDocument):
		return lang.L("the document is damaged or not a word-processor file: open it in a word processor and save it again")
	case errors.Is(err, corpus.ErrTooDeep):
		return lang.L("the HTML is nested too deeply to read: save the article's text as a .txt file and import that")
	case errors.Is(err, corpus.ErrNoText):
		return lang.L("no article text: the file is empty or holds only boilerplate")
	case errors.Is(err, ingest.ErrNotArticleFile):
		return lang.L("not an article file: Factdesk reads {{.Extensions}} files", map[string]any{"Extensions": corpus.Extensions()})
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return lang.L("{{.Path}} does not exist: check the path", map[string]any{"Path": pe.Path})
	case errors.As(err, &pe) && errors.Is(err, fs.ErrPermission):
		return lang.L("{{.Path}} cannot be read: you are not allowed to read it", map[string]any{"Path": pe.Path})
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("the file does not exist: check the path")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("the file cannot be read: you are not allowed to read it")
	}
	return ""
}

// describeStatus words an HTTP answer that is not the page.
func describeStatus(s int) string {
	data := map[string]any{"Status": httpStatus(s)}
	switch {
	case s == http.StatusNotFound || s == http.StatusGone:
		return lang.L("the page was not found ({{.Status}}): it may have been moved or removed; look for it in a web archive", data)
	case s == http.StatusUnauthorized || s == http.StatusForbidden || s == http.StatusPaymentRequired:
		return lang.L("the site asks to log in or refuses access ({{.Status}}): open it in your browser, save the page and import the file", data)
	case s == http.StatusTooManyRequests:
		return lang.L("the site says too many requests (429): wait a few minutes and try again")
	case s >= 500:
		return lang.L("the site has a problem ({{.Status}}): try again later", data)
	}
	return lang.L("the site answered {{.Status}} instead of the page", data)
}

// httpStatus is an HTTP status as the interface language shows it: "404 Not Found" in English
// (the words of the command line and of the English window before it was translated), "HTTP
// 404" where the status's English name would stand out (the catalog's http.status.style).
func httpStatus(s int) string {
	if lang.X("http.status.style", "code-and-text") == "http-code" {
		return "HTTP\u00a0" + strconv.Itoa(s) // a no-break space, as French typography wants
	}
	return strconv.Itoa(s) + " " + http.StatusText(s)
}
