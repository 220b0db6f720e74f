package app

import (
	"os"
	"testing"

	"factdesk/app/i18n"
)

// TestMain runs the tests in English whatever the machine's locale or FACTDESK_LANG: the
// tests read the window's English words. The French tests switch for themselves.
func TestMain(m *testing.M) {
	os.Unsetenv(i18n.EnvVar)
	i18n.Use(i18n.English)
	os.Exit(m.Run())
}
