package corpus

import (
	"slices"
	"strings"
	"testing"
)

// body is a paragraph of prose that the cleaning must keep, and that ends the head of a text.
const body = "The Kremlin said on Thursday that the foreign ministers of Armenia and Azerbaijan were invited to Moscow for consultations on Friday, with Russian mediation."

func TestCleanRemovesBoilerplateLines(t *testing.T) {
	lines := []string{
		// read also
		"Lire aussi\u00a0 Etats-Unis : Donald Trump s'en prend violemment à Joe Biden",
		"À lire aussi : la Turquie promet son soutien à Bakou",
		"A lire également - Le Kremlin hausse le ton",
		"Read more: Armenia declares martial law",
		"See also: the Minsk Group in Geneva",
		"Related: Fighting near Stepanakert",
		"Leer también: Rusia convoca a los ministros",
		"Lea también Armenia y Azerbaiyán se acusan",
		"Auch interessant: Die Lage in Berg-Karabach",
		"Lesen Sie auch: Moskau lädt zu Gesprächen",
		"Mehr zum Thema - Der Konflikt im Kaukasus",
		"Читайте также: Лавров встретится с министрами",
		"Leggi anche: la Russia convoca i ministri",
		// comment forms
		"LEAVE A REPLY",
		"Leave a comment",
		"Please enter your comment!",
		"Please enter your name here",
		"You have entered an incorrect email address!",
		"Save my name, email, and website in this browser for the next time I comment.",
		"12 comments",
		"Laisser un commentaire",
		"Veuillez saisir votre nom",
		"Deja un comentario",
		"Оставить комментарий",
		// newsletters and subscriptions
		"I subscribe",
		"Je m'abonne",
		"Abonnez-vous à notre newsletter",
		"Sign up for our daily newsletter",
		"Subscribe to our newsletter.",
		"Get the best of the week in your inbox",
		"Suscríbete a nuestro boletín",
		"Jetzt abonnieren",
		"Подпишитесь на нашу рассылку",
		// apps
		"Download the France 24 application",
		"Get the BBC News app",
		"Téléchargez l'application Le Monde",
		"Available on the App Store and Google Play",
		"Descarga la aplicación de El País",
		// social media
		"Rejoignez News-Front sur Facebook et Vkontakte pour découvrir les meilleures publications de la rédaction",
		"Follow us on Twitter",
		"Suivez-nous sur Instagram et TikTok",
		"Retrouvez-nous sur Telegram",
		"Síguenos en Facebook",
		"Folgen Sie uns auf Twitter",
		"Подписывайтесь на наш канал в Telegram",
		"Share this article",
		"Partager sur Facebook",
		"Facebook Twitter WhatsApp Email",
		// promotions
		"France 24 invites you to come back to the news that marked the week",
		"Take international news everywhere with you!",
		"Support independent journalism",
		// labels, notices, navigation
		"Advertisement",
		"Publicité",
		"© 2020 France Médias Monde. All rights reserved.",
		"Tous droits réservés",
		"We use cookies to improve your experience on our site",
		"Tags: Armenia, Azerbaijan, Russia",
		"Menu",
		"Back to top",
		// file names
		"google-play-badge_FR",
		"app-store-badge_EN.svg",
		"logo.png",
	}
	for _, l := range lines {
		t.Run(l, func(t *testing.T) {
			text := body + "\n\n" + l + "\n\n" + body
			got, removed := Clean(text)
			if strings.Contains(got, l) {
				t.Errorf("kept boilerplate %q", l)
			}
			if !slices.Equal(removed, []string{strings.TrimSpace(l)}) {
				t.Errorf("removed = %q", removed)
			}
			if got != body+"\n\n"+body {
				t.Errorf("the article changed: %q", got)
			}
		})
	}
}

func TestCleanKeepsProse(t *testing.T) {
	// Sentences and sub-headings that share words with boilerplate, in the middle and at the
	// end of an article.
	lines := []string{
		"At least 300 dead",
		"A cathedral hit by gunfire",
		"With AFP",
		"Avec AFP",
		"Millions of people subscribe to the service every year.",
		"Sign up rates for the reserve army fell sharply.",
		"Share this moment with your family, the president urged.",
		"Millions download the app every month, the company said.",
		"Following the talks, Facebook said it had removed the accounts.",
		"Share prices fell sharply in Baku",
		"Subscription fees rose by 12% in 2020.",
		"Copyright law was changed in 2019.",
		"He said the newsletter had been sent to all members of parliament.",
		"Read the full statement of the Kremlin, which was published on its website, for the details.",
		"The comments of the minister were not reported by the Armenian press.",
		"Home affairs minister Ivan Petrov said the border would remain closed.",
		"Next week, the ministers will meet again in Geneva.",
		"Please note that the figures could not be verified independently.",
		"The Kremlin invites you to believe that the talks will succeed, an analyst said.",
		"“Take the children with you!” shouted a soldier in Stepanakert.",
		"https://www.kremlin.ru/events/president/news/64171",
		"Azerbaïdjan-Arménie : ce que l’on sait",
	}
	for _, l := range lines {
		t.Run(l, func(t *testing.T) {
			for _, text := range []string{
				body + "\n\n" + l + "\n\n" + body, // in the middle
				body + "\n\n" + l,                 // at the end
			} {
				got, removed := Clean(text)
				if !strings.Contains(got, l) || len(removed) != 0 {
					t.Errorf("prose removed: %q; removed %q", l, removed)
				}
			}
		})
	}
}

func TestCleanHead(t *testing.T) {
	tests := []struct {
		name, text, want string
		removed          []string
	}{
		{
			name:    "glued breadcrumb and duplicated title",
			text:    "HomeWorldTalks in Moscow on Friday\n\nTalks in Moscow on Friday\n\n" + body,
			want:    "Talks in Moscow on Friday\n\n" + body,
			removed: []string{"HomeWorldTalks in Moscow on Friday"},
		},
		{
			name:    "crumbs glued without a nav word",
			text:    "InternationalEuropeTalks in Moscow on Friday\nTalks in Moscow on Friday\n\n" + body,
			want:    "Talks in Moscow on Friday\n\n" + body,
			removed: []string{"InternationalEuropeTalks in Moscow on Friday"},
		},
		{
			name:    "separated breadcrumb",
			text:    "Accueil › International › Europe\n\nPourparlers à Moscou\n\n" + body,
			want:    "Pourparlers à Moscou\n\n" + body,
			removed: []string{"Accueil › International › Europe"},
		},
		{
			name:    "teasers of other articles under the title",
			text:    "Talks in Moscow on Friday\n\nTurkey promises support to Baku\nEU leaders meet in Brussels over sanctions\n\n" + body,
			want:    "Talks in Moscow on Friday\n\n" + body,
			removed: []string{"Turkey promises support to Baku", "EU leaders meet in Brussels over sanctions"},
		},
		{
			name: "a subtitle under the title stays",
			text: "Talks in Moscow on Friday\n\nThe Kremlin plays mediator\n\n" + body,
			want: "Talks in Moscow on Friday\n\nThe Kremlin plays mediator\n\n" + body,
		},
		{
			name:    "title repeated later",
			text:    "Talks in Moscow on Friday\n\n" + body + "\n\nTalks in Moscow on Friday",
			want:    "Talks in Moscow on Friday\n\n" + body,
			removed: []string{"Talks in Moscow on Friday"},
		},
		{
			name: "byline and date lines under the title stay",
			text: "Talks in Moscow on Friday\nBy Anna Petrova, in Moscow\nPublished on 9 October 2020 at 07:42\n\n" + body,
			want: "Talks in Moscow on Friday\n\nBy Anna Petrova, in Moscow\n\nPublished on 9 October 2020 at 07:42\n\n" + body,
		},
		{
			name: "a bullet list in the head stays",
			text: "Talks in Moscow\n\n- Ministers invited\n- No reply yet\n\n" + body,
			want: "Talks in Moscow\n\n- Ministers invited\n\n- No reply yet\n\n" + body,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, removed := Clean(tc.text)
			if got != tc.want {
				t.Errorf("Clean =\n%q\nwant\n%q", got, tc.want)
			}
			if !slices.Equal(removed, tc.removed) {
				t.Errorf("removed = %q, want %q", removed, tc.removed)
			}
		})
	}
}

func TestCleanTail(t *testing.T) {
	tests := []struct {
		name, text, want string
		removed          []string
	}{
		{
			name:    "short lines around boilerplate at the end go, up to the attribution",
			text:    body + "\n\nWith AFP\n\nThe summary of the week\n\nOur weekly digest\n\nI subscribe",
			want:    body + "\n\nWith AFP",
			removed: []string{"The summary of the week", "Our weekly digest", "I subscribe"},
		},
		{
			name:    "an exclamation between two boilerplate lines goes",
			text:    body + "\n\nI subscribe\n\nStay ahead of the news!\n\nDownload the Example News app",
			want:    body,
			removed: []string{"I subscribe", "Stay ahead of the news!", "Download the Example News app"},
		},
		{
			name:    "the article's last exclamation stays",
			text:    body + "\n\n“Long live peace!”\n\nI subscribe",
			want:    body + "\n\n“Long live peace!”",
			removed: []string{"I subscribe"},
		},
		{
			name: "a short last line without boilerplate stays",
			text: body + "\n\nMoscow, 9 October",
			want: body + "\n\nMoscow, 9 October",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, removed := Clean(tc.text)
			if got != tc.want {
				t.Errorf("Clean =\n%q\nwant\n%q", got, tc.want)
			}
			if !slices.Equal(removed, tc.removed) {
				t.Errorf("removed = %q, want %q", removed, tc.removed)
			}
		})
	}
}

func TestCleanShape(t *testing.T) {
	// Single line breaks between paragraphs become blank lines; a sentence broken by a hard
	// wrap is joined; spaces at the ends of lines go.
	in := "  First paragraph of the article, which was wrapped by the mail client at\nseventy characters as old mail clients do.  \nSecond paragraph.\u00a0\n\n\n\nThird paragraph.\t"
	want := "First paragraph of the article, which was wrapped by the mail client at seventy characters as old mail clients do.\n\nSecond paragraph.\n\nThird paragraph."
	got, removed := Clean(in)
	if got != want || len(removed) != 0 {
		t.Errorf("Clean = %q, removed %q\nwant %q", got, removed, want)
	}
	checkTextShape(t, got)
	if got, removed := Clean(" \n\n\t\n"); got != "" || removed != nil {
		t.Errorf("Clean(blank) = %q, %q", got, removed)
	}
}
