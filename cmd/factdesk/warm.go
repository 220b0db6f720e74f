package main

import (
	"database/sql"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	_ "github.com/mattn/go-sqlite3"
)

func main() {
	_ = sql.Drivers()
	a := fyneapp.NewWithID("org.factdesk.app")
	w := a.NewWindow("x")
	w.SetContent(container.NewVBox(widget.NewLabel("x")))
	_ = dialog.NewInformation
	_ = test.NewTempApp
}
