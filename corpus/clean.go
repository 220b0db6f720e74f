package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Boilerplate removal works on lines, with general rules rather than a list of known lines:
//
//   - lines that match a boilerplate phrase in one of the supported languages: newsletter and
//     app promotions, "read also" teasers, comment forms, social-media calls, share bars,
//     advertising labels, copyright and cookie notices, tag lists, navigation words;
//   - lines that look like file names (badge_FR, logo.png);
//   - breadcrumbs at the top, whether separated ("Home > World") or glued to the title
//     ("HomeInternationalTitle"), and later copies of a headline;
//   - runs of two or more headline-like lines between the title and the first paragraph
//     (teasers of other articles);
//   - the trailing block of short lines without sentence punctuation that holds boilerplate,
//     stopping at an attribution such as "With AFP", which is kept.
//
// A line that reads as a sentence is only removed by a phrase rule that cannot match prose.

// lineRule is one boilerplate phrase rule, applied to the lower-cased line.
type lineRule struct {
	maxRunes int // longer lines never match
	// Cheap filters tried before the regexp: the line must start with one of the prefixes
	// (for rules anchored at the start), or contain one of the keywords.
	prefixes []string
	keywords []string
	re       *regexp.Regexp
	// notSentence restricts the rule to lines that do not end with a full stop: "Download the
	// app" is a call to action, "Millions download the app." is prose.
	notSentence bool
}

// end of a phrase: end of line or a character that is not a letter.
const phraseEnd = `(?:$|[^\p{L}\p{N}])`

var socialNetworks = `(?:facebook|twitter|instagram|telegram|youtube|tiktok|linkedin|whatsapp|vkontakte|vk|mastodon|bluesky|threads|google\s+news|flipboard|rss|x|réseaux\s+sociaux|social\s+(?:media|networks)|redes\s+sociales|sozialen\s+(?:netzwerken|medien)|соцсет\S*|социальных\s+сетях)`

var lineRules = []lineRule{
	{ // "Lire aussi ...", "Read more: ...", "Читайте также ..."
		maxRunes: 250,
		prefixes: []string{"lire", "à lire", "a lire", "à voir", "a voir", "voir", "sur le même", "read", "see", "related", "more ", "leer", "lea ", "lee ", "ver ", "vea ", "mira", "le puede", "lesen", "lies", "auch", "mehr", "читайте", "смотрите", "дивіться", "leggi", "lees", "czytaj", "اقرأ", "leia", "veja", "ler "},
		re:       regexp.MustCompile(`^(?:(?:à|a)\s+lire\s+(?:aussi|également|egalement|ensuite)|lire\s+(?:aussi|également|egalement|la\s+suite)|(?:à|a)\s+voir\s+(?:aussi|également)|voir\s+aussi|sur\s+le\s+même\s+sujet|read\s+(?:also|more|next)|see\s+also|related(?:\s+(?:articles?|stories|news|content|posts|coverage|reading|topics))?\s*(?:[:—–|-]|$)|more\s+(?:on|from)\s+(?:this|the)\s+(?:story|topic|subject)|(?:leer|lea|lee|ver|vea|mira)\s+también|le\s+puede\s+interesar|(?:lesen\s+sie|lies)\s+(?:auch|mehr)|auch\s+interessant|mehr\s+zum\s+thema|читайте\s+(?:также|ещё|еще|також|більше)|смотрите\s+также|дивіться\s+також|leggi\s+anche|lees\s+ook|czytaj\s+(?:też|także|również|więcej)|اقرأ\s+(?:أيضا|أيضاً)|(?:leia|veja)\s+(?:também|mais)|ler\s+também)` + phraseEnd),
	},
	{ // comment forms
		maxRunes: 120,
		prefixes: []string{"leave", "post", "add", "write", "join", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "comment", "no comment", "show", "view", "hide", "load", "cancel", "submit", "reply", "please", "you have", "save my", "laisser", "laissez", "ajouter", "écrire", "ecrire", "rédiger", "réagir", "répondre", "veuillez", "enregistrer", "deja", "dejar", "escribe", "escribir", "añadir", "comentario", "kommentar", "оставить", "написать", "добавить", "комментари"},
		re:       regexp.MustCompile(`^(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+(?:a\s+)?comment|write\s+a\s+comment|join\s+the\s+(?:discussion|conversation)|\d+\s+comments?|comments?(?:\s*\(\d+\))?|no\s+comments?(?:\s+yet)?|(?:show|view|hide|load)\s+(?:all\s+)?comments|cancel\s+reply|post\s+comment|submit(?:\s+(?:a\s+)?comment)?|reply|please\s+enter\s+(?:your|a\s+valid)\s+.{1,40}|you\s+have\s+entered\s+an\s+incorrect\s+.{1,40}|save\s+my\s+name.*|(?:laisser|laissez|ajouter|écrire|ecrire|rédiger)\s+un\s+commentaire|laisser\s+une\s+réponse|\d+\s+commentaires?|commentaires?(?:\s*\(\d+\))?|réagir|répondre|veuillez\s+(?:saisir|entrer|indiquer)\s+.{1,40}|enregistrer\s+mon\s+nom.*|(?:deja|dejar|escribe|escribir|añadir)\s+(?:un|tu)\s+comentario|\d+\s+comentarios?|comentarios|kommentar(?:e|\s+(?:schreiben|verfassen|hinterlassen|abgeben))?|\d+\s+kommentare?|(?:оставить|написать|добавить)\s+комментарий|комментарии|\d+\s+комментари\S*)[\s.!:]*$`),
	},
	{ // subscription calls in the first person or the imperative: "I subscribe", "Abonnez-vous"
		maxRunes: 160,
		prefixes: []string{"i subscribe", "subscribe", "sign up", "join our", "je m", "abonnez", "inscrivez", "s'", "s’", "suscr", "abonnieren", "jetzt", "подпи", "iscriviti", "abonneer"},
		re:       regexp.MustCompile(`^(?:i\s+subscribe|(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+(?:\S+\s+){0,3}(?:newsletters?|mailing\s+list)|join\s+our\s+(?:newsletter|mailing\s+list)|je\s+m['’]abonne|(?:abonnez|inscrivez)[\s-]vous|s['’](?:abonner|inscrire)\s+(?:à|a)\s+(?:la|notre)\s+newsletter|suscr[ií]bete|suscr[ií]base|abonnieren\s+sie|jetzt\s+abonnieren|подпи(?:шитесь|сывайтесь)|iscriviti|abonneer)` + phraseEnd + `|^(?:s['’]abonner|abonnieren|abonnez-vous|подписаться)$`),
	},
	{ // "Subscribe", "Sign up" opening a call to action (not a sentence: "Sign up rates fell.")
		maxRunes:    160,
		notSentence: true,
		prefixes:    []string{"subscribe", "sign up"},
		re:          regexp.MustCompile(`^(?:subscribe|sign\s+up)` + phraseEnd),
	},
	{ // "Follow us", "Suivez-nous", "Síguenos"
		maxRunes: 200,
		prefixes: []string{"follow", "join", "find", "like", "suivez", "rejoignez", "retrouvez", "síguenos", "siguenos", "folgen", "folge", "seguici", "подписывайтесь", "следите"},
		re:       regexp.MustCompile(`^(?:(?:follow|join|find|like)\s+us|(?:suivez|rejoignez|retrouvez)[\s-]nous|s[ií]guenos|folgen\s+sie\s+uns|folge\s+uns|seguici|подписывайтесь\s+на\s+(?:нас|наш)|следите\s+за\s+нами)` + phraseEnd),
	},
	{ // newsletters and subscriptions elsewhere in a short call to action
		maxRunes:    120,
		notSentence: true,
		keywords:    []string{"newsletter", "subscribe", "sign up", "mailing list", "inbox", "boletín", "рассылк", "lettre d'information", "lettre d’information"},
		re:          regexp.MustCompile(`\b(?:newsletters?|subscribe\s+(?:now|today|here|to|for)|sign\s+up|mailing\s+list|in\s+your\s+inbox|straight\s+to\s+your\s+inbox)\b|boletín|рассылк|lettre\s+d['’]information`),
	},
	{ // app promotions
		maxRunes:    140,
		notSentence: true,
		keywords:    []string{"app", "appli", "aplica", "приложени", "google play", "play store", "appgallery"},
		re:          regexp.MustCompile(`\b(?:download|get|install|try)\b.{0,40}\b(?:app|apps|application|appli)\b|(?:télécharge[zr]?|installez)\b.{0,40}\bappli(?:cation)?\b|(?:descarga|descargue|instala|baixe)\b.{0,40}\baplica(?:ci[oó]n|tivo)\b|(?:laden\s+sie|herunterladen|hol\s+dir).{0,40}\bapp\b|(?:скачайте|скачать|установите).{0,40}приложени|\b(?:app\s+store|google\s+play|play\s+store|appgallery)\b|\bour\s+app\b|\bnotre\s+appli`),
	},
	{ // social-media calls: "Rejoignez News-Front sur Facebook et Vkontakte pour ..."
		maxRunes:    250,
		notSentence: true,
		prefixes:    []string{"follow", "join", "like", "find", "connect", "subscribe", "share", "stay", "retrouvez", "rejoignez", "suivez", "abonnez", "partagez", "likez", "síguenos", "siguenos", "síganos", "únete", "unete", "folgen", "folge", "teilen", "abonniere", "seguici", "segui", "segue", "volg", "obserwuj", "подписывайтесь", "подпишитесь", "присоединяйтесь", "следите", "читайте", "تابعونا", "تابعوا"},
		re:          regexp.MustCompile(`^(?:follow|join|like|find|connect\s+with|subscribe|share|stay\s+connected|retrouvez|rejoignez|suivez|abonnez|partagez|likez|síguenos|siguenos|síganos|únete|unete|folgen|folge|teilen|abonniere|seguici|segui|segue|volg|obserwuj|подписывайтесь|подпишитесь|присоединяйтесь|следите|читайте\s+нас|تابعونا|تابعوا)` + phraseEnd + `.{0,200}(?:^|[^\p{L}])` + socialNetworks + phraseEnd),
	},
	{ // share bars: "Share this article", "Partager sur Facebook", "Facebook Twitter Email"
		maxRunes:    120,
		notSentence: true,
		prefixes:    []string{"share", "partag", "compartir", "compartilhe", "teilen", "condividi", "поделиться", "tweet", "email", "e-mail", "mail", "print", "imprimer", "copy", "copier", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "pinterest", "messenger", "flipboard", "vk"},
		re:          regexp.MustCompile(`^(?:(?:share|partager|partagez|compartir|compartilhe|teilen|condividi|поделиться)(?:\s+(?:this|cet|cette|on|sur|via|en|auf|в|the|ce|article|story|post)` + phraseEnd + `.{0,60}|\s+l['’].{0,60})?|(?:(?:share|partager|tweet|tweeter|email|e-mail|mail|print|imprimer|copy\s+link|copier\s+le\s+lien|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|messenger|flipboard|vk|compartir|teilen|поделиться)[\s,|·•/]*){2,})$`),
	},
	{ // promotions: "France 24 invites you to ...", "Take the news everywhere with you!"
		maxRunes:    140,
		notSentence: true,
		keywords:    []string{"invit", "take", "stay informed", "restez informé", "never miss", "ne manquez", "support", "soutenez", "emportez", "unlimited access", "accès illimité"},
		re:          regexp.MustCompile(`\binvites?\s+you\b|\bvous\s+invite\b|\bte\s+invita\b|\blädt\s+sie\b|\bstay\s+informed\b|restez\s+informés?|\bnever\s+miss\b|ne\s+manquez\s+(?:rien|aucune)|\bsupport\s+(?:our|independent|quality)\s+journalism\b|\bsoutenez\s+(?:notre|la\s+rédaction|le\s+journalisme)|\btake\s+.{1,40}\s+(?:everywhere|wherever\s+you\s+go|on\s+the\s+go)\b|\bemportez\b|unlimited\s+access|accès\s+illimité`),
	},
	{ // advertising labels and navigation words alone on their line
		maxRunes: 40,
		prefixes: []string{"advert", "sponsor", "publicit", "pub", "contenu", "anuncio", "werbung", "anzeige", "реклам", "إعلان", "menu", "search", "recherch", "home", "accueil", "inicio", "startseite", "главная", "log", "sign in", "se connecter", "connexion", "skip", "aller au", "back to top", "retour en haut", "close", "fermer", "next", "previous", "suivant", "précédent", "load more", "voir plus"},
		re:       regexp.MustCompile(`^(?:advertisement|advertising|sponsored(?:\s+content)?|publicité|pub|contenu\s+sponsorisé|anuncio|publicidad|werbung|anzeige|реклама|إعلان|menu|search|rechercher|recherche|home|accueil|inicio|startseite|главная|log\s*in|sign\s+in|se\s+connecter|connexion|skip\s+to\s+(?:main\s+)?content|aller\s+au\s+contenu(?:\s+principal)?|back\s+to\s+top|retour\s+en\s+haut(?:\s+de\s+(?:la\s+)?page)?|close|fermer|next|previous|suivant|précédent|load\s+more|voir\s+plus)[\s.:!]*$`),
	},
	{ // copyright lines and tag lists
		maxRunes: 300,
		prefixes: []string{"©", "(c)", "copyright", "tags", "mots", "thèmes", "topics", "etiquetas", "schlagw", "теги"},
		re:       regexp.MustCompile(`^(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))|^(?:tags|mots[\s-]clés|thèmes|topics|etiquetas|schlagwörter|теги)\s*:`),
	},
	{ // "All rights reserved" wherever it stands in a short line
		maxRunes: 200,
		keywords: []string{"reserv", "réserv", "vorbehalten", "защищены"},
		re:       regexp.MustCompile(`\ball\s+rights\s+reserved\b|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|alle\s+rechte\s+vorbehalten|все\s+права\s+защищены`),
	},
	{ // cookie notices
		maxRunes: 300,
		keywords: []string{"cookie"},
		re:       regexp.MustCompile(`\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b|(?:nous\s+utilisons|ce\s+site\s+utilise)\s+(?:des\s+)?cookies|utilizamos\s+cookies|verwendet\s+cookies|использует\s+(?:файлы\s+)?cookie`),
	},
}

// attributionRe matches credit lines such as "With AFP", "Avec AFP", "(Reuters)" or "Source: TASS":
// they end the article and are kept.
var attributionRe = regexp.MustCompile(`^\(?(?:(?:with|avec|con|mit|с)\s+\S.{0,40}|(?:source|sources|fuente|quelle|источник)s?\s*:\s*\S.{0,60}|afp|reuters|ap|dpa|efe|ansa|tass|ats|belga|ria\s+novosti|afp\s*/\s*\S+)\)?$`)

// navWords open breadcrumbs.
var navWords = []string{"Home", "Accueil", "Inicio", "Startseite", "Главная", "Portada", "Homepage", "Start", "Página inicial", "Головна"}

// A line of text and what the rules found about it.
type cleanLine struct {
	text    string // trimmed
	runes   int
	blank   bool
	remove  bool
	strong  bool // matched a phrase rule (or is a file name): boilerplate wherever it stands
	heading bool // headline-like: short, no sentence punctuation at the end
}

// Clean removes boilerplate lines from plain text. It returns the clean text, with one paragraph
// per line (lines broken inside a sentence are joined), paragraphs separated by a blank line and
// no leading or trailing spaces, and the removed lines, trimmed, in their original order.
func Clean(text string) (clean string, removed []string) {
	lines := splitLines(text)
	markBoilerplate(lines)
	var b strings.Builder
	b.Grow(len(text))
	prevKept := -1 // index of the last kept line, for joining broken lines
	for i := range lines {
		l := &lines[i]
		if l.blank {
			continue
		}
		if l.remove {
			removed = append(removed, l.text)
			continue
		}
		switch {
		case prevKept < 0:
		case prevKept == i-1 && continues(lines[prevKept], *l):
			b.WriteByte(' ')
		default:
			b.WriteString("\n\n")
		}
		b.WriteString(l.text)
		prevKept = i
	}
	return b.String(), removed
}

// continues reports whether next carries on the sentence that prev broke off: prev is long and
// does not end a sentence, and next starts with a lower-case letter.
func continues(prev, next cleanLine) bool {
	if prev.runes < 40 || endsSentence(prev.text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next.text)
	return unicode.IsLower(r)
}

func splitLines(text string) []cleanLine {
	raw := strings.Split(text, "\n")
	lines := make([]cleanLine, len(raw))
	for i, s := range raw {
		s = strings.TrimSpace(s)
		n := utf8.RuneCountInString(s)
		lines[i] = cleanLine{text: s, runes: n, blank: n == 0}
		if n > 0 {
			lines[i].heading = isHeadingLike(s, n)
		}
	}
	return lines
}

// markBoilerplate sets remove on every boilerplate line.
func markBoilerplate(lines []cleanLine) {
	for i := range lines {
		l := &lines[i]
		if l.blank {
			continue
		}
		if isFileName(l.text, l.runes) || matchesRule(l.text, l.runes) {
			l.strong, l.remove = true, true
		}
	}
	title, headEnd := markHead(lines)
	markDuplicateHeadings(lines, title, headEnd)
	markTail(lines)
}

// spaceReplacer makes the no-break and thin spaces of French typography plain spaces.
var spaceReplacer = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ")

// rulePrefix is one prefix of an anchored rule.
type rulePrefix struct {
	prefix string
	rule   int
}

// prefixesByFirst indexes the prefixes of the anchored rules by their first rune, so that a line
// is compared only with the prefixes that can match it.
var prefixesByFirst = func() map[rune][]rulePrefix {
	m := make(map[rune][]rulePrefix)
	for i, r := range lineRules {
		for _, p := range r.prefixes {
			c, _ := utf8.DecodeRuneInString(p)
			m[c] = append(m[c], rulePrefix{p, i})
		}
	}
	return m
}()

// matchesRule reports whether the line s (n runes) matches one of lineRules.
func matchesRule(s string, n int) bool {
	if n > 300 {
		return false
	}
	sentence := strings.HasSuffix(strings.TrimRight(s, " »”\"')\u00a0"), ".")
	first, _ := utf8.DecodeRuneInString(s)
	anchored := prefixesByFirst[unicode.ToLower(first)]
	var lower string
	lowered := func() string {
		if lower == "" {
			lower = s
			if strings.ContainsAny(lower, "\u00a0\u202f\u2009") {
				lower = spaceReplacer.Replace(lower)
			}
			lower = strings.ToLower(lower)
		}
		return lower
	}
	tried := -1
	for _, p := range anchored {
		r := &lineRules[p.rule]
		if p.rule == tried || n > r.maxRunes || (r.notSentence && sentence) || !strings.HasPrefix(lowered(), p.prefix) {
			continue
		}
		tried = p.rule
		if r.re.MatchString(lowered()) {
			return true
		}
	}
	for i := range lineRules {
		r := &lineRules[i]
		if r.keywords == nil || n > r.maxRunes || (r.notSentence && sentence) || !containsAny(lowered(), r.keywords) {
			continue
		}
		if r.re.MatchString(lowered()) {
			return true
		}
	}
	return false
}

func containsAny(s string, keywords []string) bool {
	for _, k := range keywords {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// maxHeadLines bounds the head of a text, where breadcrumbs and teasers are looked for.
const maxHeadLines = 40

// markHead removes breadcrumbs and teaser headlines at the top of the text, before the first
// paragraph of the article. It returns the index of the title (the first line kept, -1 if none)
// and the index where the head ends.
func markHead(lines []cleanLine) (title, end int) {
	// The head ends at the first line that reads as a paragraph of the article.
	end = len(lines)
	for i, l := range lines {
		if !l.blank && !l.remove && !l.heading {
			end = i
			break
		}
	}
	first := -1 // the first line that stays: the title
	seen := 0
	for i := 0; i < len(lines) && seen < 8; i++ {
		l := &lines[i]
		if l.blank {
			continue
		}
		seen++
		if !l.remove && l.runes <= 250 && !endsSentence(l.text) && isBreadcrumb(lines, i) {
			l.remove = true
		}
		if !l.remove && first < 0 && i < end {
			first = i
		}
	}
	// Runs of two or more adjacent headline-like lines between the title and the first
	// paragraph are lists of links to other articles. A text with no paragraph at all (a list,
	// a poem) has no head, and a head is a few lines long.
	if end == len(lines) {
		return first, end
	}
	for i := 0; i < end && i < maxHeadLines; {
		if i == first || !isTeaserCandidate(lines[i]) {
			i++
			continue
		}
		j := i
		for j < end && isTeaserCandidate(lines[j]) {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				lines[k].remove = true
			}
		}
		i = j
	}
	return first, end
}

// isTeaserCandidate reports whether l could be a teaser headline: a headline-like line that is no
// list item, byline or date line.
func isTeaserCandidate(l cleanLine) bool {
	return !l.blank && !l.remove && l.heading && !isListItem(l.text) && !bylineRe.MatchString(l.text) && !isDateLine(l.text)
}

// bylineRe matches author lines: "By Anna Petrova", "Par Jean Dupont, à Moscou".
var bylineRe = regexp.MustCompile(`^(?:By|by|BY|Par|par|Por|por|Von|von|Di|di|От|от)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|et|y|und|e|и|de|van|von|der|la|le)){0,6})`)

// dateLineRe matches the date lines of pages: "Published on 09/10/2020", "Mis à jour le 9 octobre
// 2020 à 07h42".
var dateLineRe = regexp.MustCompile(`(?i)^(?:published|updated|posted|publié|mis\s+à\s+jour|modifié|publicado|actualizado|veröffentlicht|aktualisiert|опубликовано|обновлено)|^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}\b`)

func isDateLine(s string) bool {
	return len(s) <= 160 && strings.ContainsAny(s, "0123456789") && utf8.RuneCountInString(s) <= 80 && dateLineRe.MatchString(s)
}

// isBreadcrumb reports whether line i is a breadcrumb: "Home > World > Europe", a navigation
// word glued to the next crumb ("HomeInternational..."), or crumbs glued in front of another line
// of the head (the title).
func isBreadcrumb(lines []cleanLine, i int) bool {
	s := lines[i].text
	for _, w := range navWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			if unicode.IsUpper(r) {
				return true
			}
		}
	}
	if isSeparatedCrumbs(s) {
		return true
	}
	// Crumbs glued to the title: this line ends with another line of the head, and what is in
	// front is short and is no sentence.
	seen := 0
	for j := 0; j < len(lines) && seen < 12; j++ {
		m := lines[j]
		if m.blank || j == i {
			continue
		}
		seen++
		if m.runes < 12 || m.runes >= lines[i].runes || !strings.HasSuffix(s, m.text) {
			continue
		}
		prefix := strings.TrimSpace(s[:len(s)-len(m.text)])
		if n := utf8.RuneCountInString(prefix); n > 0 && n <= 80 && !endsSentence(prefix) {
			return true
		}
	}
	return false
}

// isSeparatedCrumbs recognises "Home > World > Europe" and "Accueil / International".
func isSeparatedCrumbs(s string) bool {
	if strings.ContainsAny(s, "«“") || strings.Contains(s, "://") || utf8.RuneCountInString(s) > 150 {
		return false
	}
	// A slash separates crumbs only with spaces around it: "Accueil / Monde", not "1992/1994".
	s = strings.ReplaceAll(s, " / ", " › ")
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(">›»|", r) })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(strings.Fields(p)) > 5 {
			// The last crumb is often the full title.
			if p != parts[len(parts)-1] {
				return false
			}
		}
	}
	first := strings.TrimSpace(parts[0])
	for _, w := range navWords {
		if strings.EqualFold(first, w) {
			return true
		}
	}
	return len(parts) >= 3 && len(strings.Fields(parts[len(parts)-1])) <= 5
}

// markDuplicateHeadings removes copies of the title anywhere, and of any headline in the head:
// pages repeat their title in breadcrumbs, in the header and in lists of links.
func markDuplicateHeadings(lines []cleanLine, title, headEnd int) {
	seen := make(map[string]bool)
	for i := range lines {
		l := &lines[i]
		if l.blank || !l.heading || l.runes < 12 {
			continue
		}
		if i >= headEnd && (title < 0 || l.text != lines[title].text) {
			continue
		}
		if seen[l.text] {
			l.remove = true
		}
		seen[l.text] = true
	}
}

// markTail removes the block of boilerplate at the end of the text: from the end upwards, lines
// that matched a rule, headline-like lines and short exclamations, up to the first line that
// reads as a sentence of the article or an attribution ("With AFP"). The block goes only if it
// holds at least one line that matched a rule, so a short last line alone stays.
func markTail(lines []cleanLine) {
	top := len(lines)
	strong := false
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.blank {
			continue
		}
		if l.strong {
			strong = true
			top = i
			continue
		}
		if attributionRe.MatchString(strings.ToLower(l.text)) {
			break
		}
		if (l.heading && l.runes <= 100) || isShortExclamation(l) {
			top = i
			continue
		}
		break
	}
	if !strong {
		return
	}
	// A short exclamation belongs to the block only between two boilerplate lines: the last
	// sentence of an article may well end with "!".
	for top < len(lines) && (lines[top].blank || isShortExclamation(lines[top])) {
		top++
	}
	for i := top; i < len(lines); i++ {
		if !lines[i].blank {
			lines[i].remove = true
		}
	}
}

func isShortExclamation(l cleanLine) bool {
	return l.runes <= 80 && strings.HasSuffix(strings.TrimRight(l.text, " »”\"')"), "!")
}

// isHeadingLike reports whether s reads as a headline rather than a sentence: short and without
// sentence punctuation at the end.
func isHeadingLike(s string, n int) bool {
	if n > 150 || endsSentence(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends with sentence punctuation, possibly inside closing
// quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("»”’\"')]", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;", r)
}

// isListItem reports whether s starts with a bullet or a number followed by ". " or ") ".
func isListItem(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("-*•–—·▪►", r) {
		return true
	}
	if unicode.IsDigit(r) {
		rest := strings.TrimLeftFunc(s[size:], unicode.IsDigit)
		return strings.HasPrefix(rest, ". ") || strings.HasPrefix(rest, ") ")
	}
	return false
}

// isFileName reports whether the line is one token that looks like a file or asset name
// ("google-play-badge_FR", "logo.png") rather than a word.
func isFileName(s string, n int) bool {
	if n < 5 || n > 120 || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "www.") {
		return false // a URL: fact-checkers want those
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_.", r) {
			return false
		}
	}
	lower := strings.ToLower(s)
	if i := strings.LastIndexByte(lower, '.'); i > 0 {
		switch lower[i+1:] {
		case "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "pdf", "mp4", "mp3", "html", "htm", "php", "aspx":
			return true
		}
	}
	return strings.Contains(s, "_") && strings.IndexFunc(s, unicode.IsLetter) >= 0
}
