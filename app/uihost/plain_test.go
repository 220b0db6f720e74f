package uihost

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strings"
	"testing"

	"factdesk/corpus"
	"factdesk/corpus/fetch"
	"factdesk/storage/ingest"
)

// The common errors of reading and fetching articles read in French in a French window, from
// their kind and facts, whatever English wraps them; an unknown error keeps its own words.
func TestPlainErrorsReadInTheInterfaceLanguage(t *testing.T) {
	useLanguage(t, "fr")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("a.pdf: %w: open it in a PDF reader", corpus.ErrEncrypted), "le PDF est chiffré\u00a0: ouvrez-le"},
		{fmt.Errorf("a.pdf: %w or truncated (x): get the file again", corpus.ErrBrokenPDF), "le PDF est endommagé ou incomplet"},
		{fmt.Errorf("a.pdf: %w: install it", corpus.ErrNoOCR), "Tesseract (reconnaissance de texte) n’est pas installé"},
		{fmt.Errorf("a.pdf: %w: install poppler-utils", corpus.ErrNoPDFTools), "pdftotext (Poppler) n’est pas installé"},
		{fmt.Errorf("a.docx: %w (zip): save it again", corpus.ErrBrokenDocument), "le document est endommagé"},
		{fmt.Errorf("a.txt: %w (the file is empty)", corpus.ErrNoText), "aucun texte d’article"},
		{fmt.Errorf("a.exe: %w: Factdesk reads .txt files", ingest.ErrNotArticleFile), "pas un fichier d’article\u00a0: Factdesk lit les fichiers " + corpus.Extensions()},
		{&corpus.BinaryError{Name: "a.png", Kind: "PNG image"}, "un fichier binaire (PNG image), pas un article"},
		{&corpus.TooLargeError{Name: "a.txt", Size: 30 << 20, Limit: 20 << 20}, "trop volumineux pour un article (30,0\u00a0Mo\u00a0; la limite est de 20\u00a0Mo)"},
		{&fs.PathError{Op: "open", Path: "/x/a.txt", Err: fs.ErrNotExist}, "/x/a.txt n’existe pas\u00a0: vérifiez le chemin"},
		{fmt.Errorf("cannot read /x: %w: check the path", fs.ErrNotExist), "le fichier n’existe pas"},
		{&fetch.Error{URL: "https://e.org/a", Status: 404, Msg: "the page was not found"}, "page introuvable (HTTP\u00a0404)"},
		{&fetch.Error{URL: "https://e.org/a", Status: 403, Msg: "refused"}, "le site demande une connexion ou refuse l’accès (HTTP\u00a0403)"},
		{&fetch.Error{URL: "https://e.org/a", Status: 429, Msg: "too many"}, "trop de requêtes"},
		{&fetch.Error{URL: "https://e.org/a", Status: 503, Msg: "problem"}, "le site rencontre un problème (HTTP\u00a0503)"},
		{&fetch.Error{URL: "https://e.org/a", Status: 302, Msg: "answered"}, "le site a répondu HTTP\u00a0302 au lieu de la page"},
		{&fetch.Error{URL: "https://e.org/a", Msg: "did not answer", Err: context.DeadlineExceeded}, "le site n’a pas répondu à temps"},
		{&fetch.Error{URL: "https://nowhere.example/a", Msg: "no such site", Err: &net.DNSError{Name: "nowhere.example"}}, "site introuvable (nowhere.example)"},
		{func() error { _, err := fetch.CheckAddress("ftp://e.org/a"); return err }(), "ce n’est pas une adresse web"},
		{&fetch.Error{URL: "https://e.org/a", Msg: "login", Kind: fetch.KindLoginForm}, "le site affiche un formulaire de connexion"},
		{&fetch.Error{URL: "https://e.org/a", Msg: "gives", Kind: fetch.KindNotAPage, MediaType: "image/png"}, "l’adresse renvoie un contenu image/png, et non une page web"},
		{&fetch.Error{URL: "https://e.org/a", Msg: "redirects", Kind: fetch.KindRedirects, Err: errors.New("stopped")}, "trop de redirections"},
		{&fetch.Error{URL: "https://e.org/a", Msg: "could not", Kind: fetch.KindUnreachable, Err: errors.New("refused")}, "impossible de récupérer la page"},
	} {
		if got := Describe(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("%v: described as %q, want %q in it", tc.err, got, tc.want)
		}
	}
	if got := Describe(errors.New("something new")); got != "something new" {
		t.Errorf("an unknown error: %q", got)
	}
}
