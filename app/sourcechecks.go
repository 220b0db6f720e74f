package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"factdesk/annotate"
	"factdesk/storage"
)

// checkText words a source's last check of its live page for the inspector, for example
// "Checked 2026-12-03 14:02: changed since the snapshot"; what the check found is worded as
// the history words it (checkOutcomeWords).
func checkText(c storage.SourceCheck) string {
	data := fields{"When": snapshotTime(c.CheckedAt), "Outcome": checkOutcomeWords(c.Outcome()), "Status": c.Status, "Error": c.Error}
	switch c.Outcome() {
	case annotate.CheckGone:
		return lang.L("Checked {{.When}}: {{.Outcome}} ({{.Status}})", data)
	case annotate.CheckFailed:
		return lang.L("Checked {{.When}}: {{.Outcome}} ({{.Error}})", data)
	}
	return lang.L("Checked {{.When}}: {{.Outcome}}", data)
}

// showCheck shows a source's last check under its snapshot; a changed page offers a new
// snapshot through the row's Snapshot button.
func (r *snapshotRow) showCheck(c storage.SourceCheck, ok bool) {
	r.take.SetText(lang.L("Snapshot"))
	r.take.Importance = widget.LowImportance
	r.checked.Importance = widget.MediumImportance
	if !ok {
		r.checked.Hide()
		r.take.Refresh()
		return
	}
	r.checked.SetText(checkText(c))
	switch c.Outcome() {
	case annotate.CheckChanged:
		r.checked.Importance = widget.DangerImportance
		r.take.SetText(lang.L("New snapshot"))
		r.take.Importance = widget.HighImportance
	case annotate.CheckGone, annotate.CheckFailed:
		r.checked.Importance = widget.WarningImportance
	}
	r.checked.Show()
	r.checked.Refresh()
	r.take.Refresh()
}
