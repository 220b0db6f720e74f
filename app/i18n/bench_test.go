package i18n

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
)

// The window looks strings up as it binds list rows (claims list, merge preview): these
// measure a lookup against building the same English string directly.

func BenchmarkLookupPlain(b *testing.B) {
	for _, c := range []Choice{English, French} {
		Use(c)
		b.Run(string(c), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = lang.L("Delete claim")
			}
		})
	}
	Use(English)
}

func BenchmarkLookupTemplate(b *testing.B) {
	for _, c := range []Choice{English, French} {
		Use(c)
		b.Run(string(c), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = lang.L("Saved a copy to {{.Path}}", map[string]any{"Path": "/tmp/a.db"})
			}
		})
	}
	Use(English)
}

func BenchmarkLookupCount(b *testing.B) {
	for _, c := range []Choice{English, French} {
		Use(c)
		b.Run(string(c), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = Count("{{.Count}} claim", i%3000)
			}
		})
	}
	Use(English)
}

func BenchmarkDateTime(b *testing.B) {
	t := time.Date(2020, time.October, 9, 14, 5, 0, 0, time.UTC)
	for _, c := range []Choice{English, French} {
		Use(c)
		b.Run(string(c), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = DateTime(t)
			}
		})
	}
	Use(English)
}

// BenchmarkBaselineConcat is the same-run floor: the English string built without a lookup.
func BenchmarkBaselineConcat(b *testing.B) {
	path := "/tmp/a.db"
	for i := 0; i < b.N; i++ {
		_ = "Saved a copy to " + path
	}
}
