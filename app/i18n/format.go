package i18n

import (
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/message"
)

// Date is t's day written in full as the interface language does: "October 9, 2020",
// "9 octobre 2020" ("1er octobre 2020" on the first).
func Date(t time.Time) string {
	return lang.X("format.date", "{{.Month}} {{.Day}}, {{.Year}}", dateFields(t, monthName(t.Month())))
}

// ShortDate is t's day written briefly, for lists: "2020-10-09" in English (the form the
// English interface has always shown), "9 oct. 2020" in French.
func ShortDate(t time.Time) string {
	return lang.X("format.date.short", "{{.ISO}}", dateFields(t, monthAbbr(t.Month())))
}

// DateTime is t's day and minute, for lists and history: "2020-10-09 14:05",
// "9 oct. 2020, 14:05".
func DateTime(t time.Time) string {
	return lang.X("format.datetime", "{{.ISO}} {{.Time}}", dateFields(t, monthAbbr(t.Month())))
}

// Time is t's time of day to the second: "14:05:09" in both languages.
func Time(t time.Time) string { return t.Format("15:04:05") }

// dateFields are the fields the date formats of the catalogs may use.
func dateFields(t time.Time, month string) map[string]any {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = lang.X("format.first-day", "1")
	}
	return map[string]any{
		"Day":   day,
		"Month": month,
		"Year":  strconv.Itoa(t.Year()),
		"ISO":   t.Format("2006-01-02"),
		"Time":  t.Format("15:04"),
	}
}

// Number is n with the interface language's digit grouping: "140,000", "140 000" (French
// groups with a no-break space).
func Number(n int) string {
	return printer().Sprintf("%d", n)
}

// printers holds a number printer per language: making one costs more than the lookup.
var printers sync.Map // language.Tag -> *message.Printer

// printer is the number printer of the interface language.
func printer() *message.Printer {
	tag := Current()
	if p, ok := printers.Load(tag); ok {
		return p.(*message.Printer)
	}
	p, _ := printers.LoadOrStore(tag, message.NewPrinter(tag))
	return p.(*message.Printer)
}

// monthName is m's name in the interface language.
func monthName(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("month.january", "January")
	case time.February:
		return lang.X("month.february", "February")
	case time.March:
		return lang.X("month.march", "March")
	case time.April:
		return lang.X("month.april", "April")
	case time.May:
		return lang.X("month.may", "May")
	case time.June:
		return lang.X("month.june", "June")
	case time.July:
		return lang.X("month.july", "July")
	case time.August:
		return lang.X("month.august", "August")
	case time.September:
		return lang.X("month.september", "September")
	case time.October:
		return lang.X("month.october", "October")
	case time.November:
		return lang.X("month.november", "November")
	}
	return lang.X("month.december", "December")
}

// monthAbbr is m's abbreviated name in the interface language.
func monthAbbr(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("month.short.january", "Jan")
	case time.February:
		return lang.X("month.short.february", "Feb")
	case time.March:
		return lang.X("month.short.march", "Mar")
	case time.April:
		return lang.X("month.short.april", "Apr")
	case time.May:
		return lang.X("month.short.may", "May")
	case time.June:
		return lang.X("month.short.june", "Jun")
	case time.July:
		return lang.X("month.short.july", "Jul")
	case time.August:
		return lang.X("month.short.august", "Aug")
	case time.September:
		return lang.X("month.short.september", "Sep")
	case time.October:
		return lang.X("month.short.october", "Oct")
	case time.November:
		return lang.X("month.short.november", "Nov")
	}
	return lang.X("month.short.december", "Dec")
}

// Count is the plural entry key of the catalog for n, with n written by Number in its
// {{.Count}} field: Count("{{.Count}} claim", 2) is "2 claims", "2 affirmations".
func Count(key string, n int) string {
	return lang.N(key, n, map[string]any{"Count": Number(n)})
}

// DayTime is t's day (without the year) and minute, for recent changes in lists:
// "Oct 9 14:05", "9 oct. 14:05".
func DayTime(t time.Time) string {
	return lang.X("format.daytime", "{{.Month}} {{.Day}} {{.Time}}", dateFields(t, monthAbbr(t.Month())))
}

// Decimal is x with prec digits after the interface language's decimal mark: "0.815",
// "0,815".
func Decimal(x float64, prec int) string {
	return printer().Sprintf("%.*f", prec, x)
}

// Percent is x per cent with prec decimals: "87.5%", "87,5 %".
func Percent(x float64, prec int) string {
	return lang.X("format.percent", "{{.N}}%", map[string]any{"N": Decimal(x, prec)})
}
