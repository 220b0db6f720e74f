package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	a, err := ParseFile(filepath.Join("testdata", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := Article{
		Title:     "Haut-Karabakh : Moscou invite Bakou et Erevan à des pourparlers",
		Outlet:    "Le Courrier du Caucase",
		Byline:    "Anna Petrova",
		URL:       "https://courrier-caucase.example/monde/2020/10/09/karabakh-moscou-pourparlers",
		Language:  "fr",
		Published: "2020-10-09",
		Origin:    filepath.Join("testdata", "article.html"),
		Format:    "html",
	}
	got := a
	got.Text, got.Removed = "", nil
	if !equalArticles(got, want) {
		t.Errorf("metadata =\n%+v\nwant\n%+v", got, want)
	}
	checkTextShape(t, a.Text)
	paragraphs := strings.Split(a.Text, "\n\n")
	for _, p := range []string{
		"Le président russe Vladimir Poutine a invité vendredi à Moscou les ministres des Affaires étrangères de l’Arménie et de l’Azerbaïdjan, alors que les combats au Haut-Karabakh ont fait au moins 300\u00a0morts depuis le 27\u00a0septembre.",
		"«\u00a0Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou pour des consultations\u00a0», a indiqué le Kremlin dans un communiqué publié jeudi soir. M.\u00a0Lavrov doit jouer le rôle de médiateur entre les deux délégations.",
		"Un bilan très partiel",
		"D’après les autorités séparatistes, la moitié des 140\u00a0000 habitants du Haut-Karabakh ont déjà été déplacés par les combats. À Stepanakert, la capitale séparatiste, les habitants passent leurs nuits dans les caves.",
		"La cathédrale de Choucha touchée",
		"L’armée azerbaïdjanaise a démenti avoir visé le bâtiment. Les appels au cessez-le-feu de Paris, Washington et Moscou n’ont rien changé jusqu’ici.",
	} {
		if !slices.Contains(paragraphs, p) {
			t.Errorf("paragraph missing: %q", p)
		}
	}
	// Navigation, scripts, styles, share bar, related links, newsletter box and footer are gone.
	for _, noise := range []string{"Accueil", "Économie", "Rechercher", "dataLayer", "font-family", "renderAd", "trackPageView",
		"Partager sur Facebook", "Lire aussi", "Ankara promet", "newsletter", "Mentions légales", "Tous droits réservés", "Publicité"} {
		if strings.Contains(a.Text, noise) {
			t.Errorf("page furniture left in the text: %q", noise)
		}
	}
}

func TestParseHTMLDeclaredCharset(t *testing.T) {
	// A Russian page saved in Windows-1251, as its meta tag says.
	page := "<html><head><meta charset=\"windows-1251\"><title>\xcc\xee\xf1\xea\xe2\xe0</title></head><body><article><p>" +
		"\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xd0\xee\xf1\xf1\xe8\xe8 \xef\xf0\xe8\xe3\xeb\xe0\xf1\xe8\xeb \xec\xe8\xed\xe8\xf1\xf2\xf0\xee\xe2 " +
		"\xe8\xed\xee\xf1\xf2\xf0\xe0\xed\xed\xfb\xf5 \xe4\xe5\xeb \xe2 \xcc\xee\xf1\xea\xe2\xf3.</p></article></body></html>"
	a, err := Parse("page.htm", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Президент России пригласил министров иностранных дел в Москву." || a.Language != "ru" || a.Title != "Москва" {
		t.Errorf("got text %q, language %q, title %q", a.Text, a.Language, a.Title)
	}
}

func TestParseHTMLWithoutArticle(t *testing.T) {
	// A page too thin for readability still gives its body text, and the <html lang> when the
	// text is too short to tell.
	a, err := Parse("snippet.html", []byte(`<html lang="de"><body><nav>Menu</nav><p>Kurz.</p><script>x()</script></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Kurz." || a.Language != "de" {
		t.Errorf("got %q, %q", a.Text, a.Language)
	}
}

func TestParseMarkdown(t *testing.T) {
	a, err := ParseFile(filepath.Join("testdata", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Karabakh: Moscow invites Baku and Yerevan to talks" || a.Format != "md" || a.Language != "en" ||
		a.Published != "2020-10-09" || a.Byline != "Anna Petrova" || a.URL != "https://courrier-caucase.example/en/karabakh-talks" {
		t.Errorf("metadata = %+v", a)
	}
	checkTextShape(t, a.Text)
	paragraphs := strings.Split(a.Text, "\n\n")
	for _, p := range []string{
		"Karabakh: Moscow invites Baku and Yerevan to talks",
		// soft line breaks joined, emphasis and link markup gone, link text kept
		"Russian President Vladimir Putin invited the foreign ministers of Armenia and Azerbaijan to Moscow on Friday, the Kremlin said. It was not clear whether either side had accepted.",
		"At least 300 dead",
		`"We are ready to talk," an Armenian official told reporters.`,
		"Talks in Geneva with the OSCE Minsk Group",
		"Armenia | 2,000",
		// entities resolved, escapes removed
		"Dr. Smith, an expert at the U.S. Institute of Peace, said the talks were “a first step” *at best*.",
	} {
		if !slices.Contains(paragraphs, p) {
			t.Errorf("paragraph missing: %q\nin %q", p, paragraphs)
		}
	}
	for _, noise := range []string{"stepanakert.jpg", "damaged building", "https://kremlin.example", "**", "date:", "---"} {
		if strings.Contains(a.Text, noise) {
			t.Errorf("markup left in the text: %q", noise)
		}
	}
	if !slices.Equal(a.Removed, []string{"Read more: Armenia declares martial law"}) {
		t.Errorf("Removed = %q", a.Removed)
	}
}

func TestParseReaderAndSniffing(t *testing.T) {
	a, err := ParseReader(strings.NewReader("Talks in Moscow\n\nThe Kremlin invited both ministers to Moscow on Friday for consultations.\n\nI subscribe\n"), "stdin")
	if err != nil {
		t.Fatal(err)
	}
	if a.Origin != "stdin" || a.Format != "txt" || a.Title != "Talks in Moscow" || a.Language != "en" || !slices.Equal(a.Removed, []string{"I subscribe"}) {
		t.Errorf("got %+v", a)
	}
	html := "<!DOCTYPE html><html><head><title>Pasted page</title></head><body><p>The Kremlin invited both ministers to Moscow on Friday for consultations with Russian mediation.</p></body></html>"
	a, err = ParseReader(strings.NewReader(html), "pasted")
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != "html" || a.Title != "Pasted page" || strings.Contains(a.Text, "<") {
		t.Errorf("got %+v", a)
	}
	// A file without a known extension is sniffed too.
	if a, err := Parse("saved-page", []byte(html)); err != nil || a.Format != "html" {
		t.Errorf("Parse(no extension) = %+v, %v", a, err)
	}
}

func TestParseTextByline(t *testing.T) {
	a, err := Parse("x.txt", []byte("Talks in Moscow\nBy Anna Petrova and Jean Dupont, in Moscow\n\nBy Friday, both ministers had arrived in Moscow for the talks.\n\nThe Kremlin invited both ministers to Moscow on Friday for consultations."))
	if err != nil {
		t.Fatal(err)
	}
	if a.Byline != "Anna Petrova and Jean Dupont" {
		t.Errorf("Byline = %q", a.Byline)
	}
	a, err = Parse("x.txt", []byte("By Friday, both ministers had arrived in Moscow for the talks."))
	if err != nil || a.Byline != "" {
		t.Errorf("Byline from a sentence: %q, %v", a.Byline, err)
	}
}

func TestParseNoText(t *testing.T) {
	for name, data := range map[string]string{
		"empty.txt":   "",
		"blank.md":    " \n\n\t",
		"noise.txt":   "LEAVE A REPLY\n\nPlease enter your comment!\n\nPlease enter your name here",
		"script.html": "<html><body><script>var a = 1;</script></body></html>",
	} {
		_, err := Parse(name, []byte(data))
		if !errors.Is(err, ErrNoText) || !strings.HasPrefix(err.Error(), name+": no article text") {
			t.Errorf("Parse(%s) error = %v, want ErrNoText naming the file", name, err)
		}
	}
}

func TestTitleFromText(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Talks in Moscow\n\nBody.", "Talks in Moscow"},
		{"Will the talks succeed?\n\nBody.", "Will the talks succeed?"},
		{"The Kremlin said on Thursday that the ministers were invited. They have not answered.", "The Kremlin said on Thursday that the ministers were invited."},
		{strings.Repeat("word ", 60) + "end.", strings.TrimSpace(strings.Repeat("word ", 23)) + "…"},
	} {
		if got := titleFromText(tc.text, "en"); got != tc.want {
			t.Errorf("titleFromText(%.30q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	for _, tc := range []struct{ title, site, want, suffix string }{
		{"Armenia and Azerbaijan invited to Moscow - France 24", "", "Armenia and Azerbaijan invited to Moscow", "France 24"},
		{"Talks in Moscow | Le Monde", "Le Monde", "Talks in Moscow", "Le Monde"},
		{"Talks in Moscow – a first step towards peace", "", "Talks in Moscow – a first step towards peace", ""},
		{"Azerbaïdjan-Arménie : la trêve", "", "Azerbaïdjan-Arménie : la trêve", ""},
	} {
		if got, suffix := splitSiteSuffix(tc.title, tc.site); got != tc.want || suffix != tc.suffix {
			t.Errorf("splitSiteSuffix(%q) = %q, %q; want %q, %q", tc.title, got, suffix, tc.want, tc.suffix)
		}
	}
}

func TestOutletFromLines(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"The summary of the week", "France 24 invites you to come back to the news that marked the week", "I subscribe", "Download the France 24 application"}, "France 24"},
		{[]string{"Rejoignez News-Front sur Facebook et Vkontakte pour découvrir les meilleures publications de la rédaction"}, "News-Front"},
		{[]string{"Follow us on Twitter", "LEAVE A REPLY"}, ""},
		{[]string{"© 2020 Le Courrier du Caucase. Tous droits réservés."}, "Le Courrier du Caucase"},
	} {
		if got := outletFromLines(tc.lines); got != tc.want {
			t.Errorf("outletFromLines(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{
		"a.txt", "b.html", "c.htm", "d.md", "notes.markdown", "photo.jpg", "report.pdf",
		"sub/e.txt", "sub/deeper/f.md", "sub/data.csv",
		".hidden.txt", ".git/config.txt", "sub/.cache/g.txt",
	} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		content := "text"
		if strings.HasSuffix(f, ".pdf") {
			content = "%PDF-1.4\n"
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "report.pdf")
	missing := filepath.Join(dir, "missing.txt")
	files, skipped, err := Collect([]string{dir, explicit, missing, filepath.Join(dir, "a.txt")})
	j := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, filepath.FromSlash(n)))
		}
		return out
	}
	if want := j("a.txt", "b.html", "c.htm", "d.md", "notes.markdown", "report.pdf", "sub/deeper/f.md", "sub/e.txt"); !slices.Equal(files, want) {
		t.Errorf("files =\n%q\nwant\n%q", files, want)
	}
	if want := j("photo.jpg", "sub/data.csv"); !slices.Equal(skipped, want) {
		t.Errorf("skipped = %q, want %q", skipped, want)
	}
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("err = %v, want the missing path reported", err)
	}
	// The (broken) PDF is read as a PDF, and refused with the message that says what to do.
	if _, err := ParseFile(explicit); !errors.Is(err, ErrBrokenPDF) || !strings.Contains(err.Error(), "save a new copy") {
		t.Errorf("ParseFile(report.pdf) = %v, want ErrBrokenPDF", err)
	}
}

func equalArticles(a, b Article) bool {
	return a.Title == b.Title && a.Outlet == b.Outlet && a.Byline == b.Byline && a.URL == b.URL &&
		a.Language == b.Language && a.Published == b.Published && a.Origin == b.Origin && a.Format == b.Format
}
