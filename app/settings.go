package app

import (
	"errors"
	"factdesk/app/i18n"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys of File > Settings… (the reviewer's name is prefReviewer).
const (
	// prefTheme is the theme chosen: a themeChoice ("system", "light" or "dark").
	prefTheme = "theme"
	// prefTextSize is the text size of the article panes in points; 0 or absent: the theme's.
	prefTextSize = "article-text-size"
	// prefLanguage is the interface language chosen: an i18n.Choice ("", "en" or "fr").
	prefLanguage = "language"
	// prefKeepPaths is true when imports keep the full path of each file (and share copies
	// carry them); absent or false: only file names.
	prefKeepPaths = "keep-full-paths"
)

// themeChoice is the theme a person chose in Settings.
type themeChoice string

// The themes offered: the system's variant (FYNE_THEME still overrides it), or always light
// or dark.
const (
	themeSystem themeChoice = "system"
	themeLight  themeChoice = "light"
	themeDark   themeChoice = "dark"
)

var themeChoices = []themeChoice{themeSystem, themeLight, themeDark}

// label is the choice as the Settings dialog words it.
func (c themeChoice) label() string {
	switch c {
	case themeLight:
		return lang.L("Light")
	case themeDark:
		return lang.L("Dark")
	}
	return lang.L("Same as the system")
}

// Text sizes of the article panes offered in Settings, in points.
const (
	minTextSize = 10
	maxTextSize = 28
)

// settings are the values File > Settings… edits: plain values, checked without a window.
type settings struct {
	Theme    themeChoice
	TextSize float32 // the article panes' text size; 0: the theme's
	Reviewer string
	Language i18n.Choice // the interface language; i18n.System: the desktop's
	// KeepPaths keeps the full paths of imported files (they travel in shared copies).
	KeepPaths bool
}

// check says what is wrong with s, in words the dialog shows; nil when it can be saved.
func (s settings) check() error {
	switch s.Theme {
	case themeSystem, themeLight, themeDark:
	default:
		return errors.New(lang.L("unknown theme {{.Theme}}: choose system, light or dark", fields{"Theme": strconv.Quote(string(s.Theme))}))
	}
	if s.TextSize != 0 && (s.TextSize < minTextSize || s.TextSize > maxTextSize) {
		return errors.New(lang.L("text size {{.Size}} is out of range: choose {{.Min}} to {{.Max}} points",
			fields{"Size": strconv.FormatFloat(float64(s.TextSize), 'g', -1, 32), "Min": minTextSize, "Max": maxTextSize}))
	}
	if strings.TrimSpace(s.Reviewer) == "" {
		return errors.New(lang.L("type your name: it is recorded with every change you make"))
	}
	return nil
}

// readSettings reads the settings from the preferences; anything missing or unreadable (a
// hand-edited file) falls back to the default.
func readSettings(p fyne.Preferences) settings {
	s := settings{
		Theme:     themeChoice(p.StringWithFallback(prefTheme, string(themeSystem))),
		TextSize:  float32(p.Float(prefTextSize)),
		Reviewer:  strings.TrimSpace(p.String(prefReviewer)),
		KeepPaths: p.Bool(prefKeepPaths),
	}
	if s.Theme != themeLight && s.Theme != themeDark {
		s.Theme = themeSystem
	}
	if s.TextSize < minTextSize || s.TextSize > maxTextSize {
		s.TextSize = 0
	}
	if c, ok := i18n.ParseChoice(p.String(prefLanguage)); ok {
		s.Language = c
	}
	return s
}

// writeSettings saves s in the preferences.
func writeSettings(p fyne.Preferences, s settings) {
	p.SetString(prefTheme, string(s.Theme))
	p.SetFloat(prefTextSize, float64(s.TextSize))
	p.SetString(prefReviewer, strings.TrimSpace(s.Reviewer))
	p.SetString(prefLanguage, string(s.Language))
	p.SetBool(prefKeepPaths, s.KeepPaths)
}

// themeFor is the app's theme in the chosen variant.
func themeFor(c themeChoice) fyne.Theme {
	switch c {
	case themeLight:
		return fixedVariant{newAppTheme(), theme.VariantLight}
	case themeDark:
		return fixedVariant{newAppTheme(), theme.VariantDark}
	}
	return newAppTheme()
}

// fixedVariant draws a theme in one variant whatever the system's.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color is the theme's colour in the fixed variant.
func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// settingsScreen is the Settings dialog's content: theme, text size of the article panes and
// the reviewer's name. onSave gets the new values once they pass check.
type settingsScreen struct {
	onSave func(settings) error

	themeRadio     *widget.RadioGroup
	sizeSelect     *widget.Select
	reviewerEntry  *widget.Entry
	languageSelect *widget.Select
	keepPaths      *widget.Check
	problem        *widget.Label
	saveButton     *widget.Button
}

// textSizeDefault is the size list's first item: the theme's own size.
const textSizeDefault = "Standard" // the same word in English and French

func newSettingsScreen(current settings, onSave func(settings) error) *settingsScreen {
	s := &settingsScreen{onSave: onSave}
	labels := make([]string, len(themeChoices))
	for i, c := range themeChoices {
		labels[i] = c.label()
	}
	s.themeRadio = widget.NewRadioGroup(labels, nil)
	s.themeRadio.Required = true
	s.themeRadio.SetSelected(current.Theme.label())

	sizes := []string{textSizeDefault}
	for n := minTextSize; n <= maxTextSize; n += 2 {
		sizes = append(sizes, strconv.Itoa(n))
	}
	s.sizeSelect = widget.NewSelect(sizes, nil)
	s.sizeSelect.SetSelected(textSizeLabel(current.TextSize))

	s.reviewerEntry = widget.NewEntry()
	s.reviewerEntry.SetPlaceHolder(lang.L("e.g. Alex Martin"))
	s.reviewerEntry.SetText(current.Reviewer)
	s.reviewerEntry.OnChanged = func(string) { s.checkInput() }

	languages := make([]string, 0, len(i18n.Choices()))
	for _, c := range i18n.Choices() {
		languages = append(languages, c.Label())
	}
	s.languageSelect = widget.NewSelect(languages, nil)
	s.languageSelect.SetSelected(current.Language.Label())
	s.keepPaths = widget.NewCheck(lang.L("Keep full file paths of imported files (they travel in shared copies)"), nil)
	s.keepPaths.SetChecked(current.KeepPaths)

	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Hide()
	s.saveButton = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), s.onSaveTapped)
	s.saveButton.Importance = widget.HighImportance
	s.checkInput()
	return s
}

// textSizeLabel is size as the size list shows it.
func textSizeLabel(size float32) string {
	if size == 0 {
		return textSizeDefault
	}
	return strconv.Itoa(int(size + 0.5))
}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	theme := widget.NewFormItem(lang.L("Theme"), s.themeRadio)
	theme.HintText = lang.L("Same as the system follows the desktop (or FYNE_THEME)")
	size := widget.NewFormItem(lang.L("Article text size"), s.sizeSelect)
	size.HintText = lang.L("Points, for the text of the article panes")
	name := widget.NewFormItem(lang.L("Your name"), s.reviewerEntry)
	name.HintText = lang.L("Recorded with every change you make")
	paths := widget.NewFormItem(lang.L("Imported files"), s.keepPaths)
	paths.HintText = lang.L("Off: only file names are kept, and shared copies carry only file names")
	language := widget.NewFormItem(lang.L("Language"), s.languageSelect)
	language.HintText = lang.L("Of the menus and dialogs; FACTDESK_LANG (a language code: fr, en…) overrides it")
	return container.NewVBox(widget.NewForm(theme, size, name, language, paths), s.problem)
}

// value is the settings as the dialog shows them.
func (s *settingsScreen) value() settings {
	v := settings{Theme: themeSystem, Reviewer: strings.TrimSpace(s.reviewerEntry.Text), KeepPaths: s.keepPaths.Checked}
	for _, c := range i18n.Choices() {
		if c.Label() == s.languageSelect.Selected {
			v.Language = c
		}
	}
	for _, c := range themeChoices {
		if c.label() == s.themeRadio.Selected {
			v.Theme = c
		}
	}
	if n, err := strconv.Atoi(s.sizeSelect.Selected); err == nil {
		v.TextSize = float32(n)
	}
	return v
}

// checkInput shows what is wrong and enables Save only when the values can be saved.
func (s *settingsScreen) checkInput() bool {
	if err := s.value().check(); err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
		s.saveButton.Disable()
		return false
	}
	s.problem.Hide()
	s.saveButton.Enable()
	return true
}

func (s *settingsScreen) onSaveTapped() {
	if !s.checkInput() {
		return
	}
	if err := s.onSave(s.value()); err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
	}
}

// onSettings opens File > Settings…
func (mw *mainWindow) onSettings() {
	current := readSettings(mw.prefs)
	current.Reviewer = nonEmpty(mw.sess.Reviewer(), current.Reviewer)
	var d *dialog.CustomDialog
	s := newSettingsScreen(current, func(v settings) error {
		if err := mw.applySettings(v); err != nil {
			return err
		}
		d.Hide()
		return nil
	})
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), nil)
	d = dialog.NewCustomWithoutButtons(lang.L("Settings"), s.buildUI(), mw.win)

	d.SetButtons([]fyne.CanvasObject{cancel, s.saveButton})
	cancel.OnTapped = d.Hide
	d.Resize(fyne.NewSize(560, 0))
	mw.settings = s
	mw.showDialog(d)
}

// applySettings saves v and applies it: the theme, the article panes' text size and, when it
// changed, the reviewer every change is recorded for.
func (mw *mainWindow) applySettings(v settings) error {
	if err := v.check(); err != nil {
		return err
	}
	if name := strings.TrimSpace(v.Reviewer); name != mw.sess.Reviewer() {
		if err := mw.setReviewer(name); err != nil {
			return err
		}
	}
	relabel := v.Language != readSettings(mw.prefs).Language
	writeSettings(mw.prefs, v)
	mw.app.Settings().SetTheme(themeFor(v.Theme))
	for _, p := range mw.panes.panes {
		p.view.SetTextSize(v.TextSize)
	}
	if relabel {
		i18n.Use(v.Language)
		mw.relabel()
	}
	mw.say(lang.L("Settings saved"))
	return nil

}
