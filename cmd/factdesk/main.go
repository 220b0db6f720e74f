// Command factdesk is Factdesk: with no arguments it opens the desktop app; with a
// subcommand it does the same work headless (import, claims, links, search, export, share,
// merge) for scripts, tests and batch jobs.
package main

import (
	"context"
	"os"
	"os/signal"

	fyneapp "fyne.io/fyne/v2/app"

	"factdesk/app"
)

// AppID is Factdesk's application id: the same as in FyneApp.toml, and the folder of its
// preferences and default database.
const AppID = "org.factdesk.Factdesk"

func main() {
	args := os.Args[1:]
	if isGUI(args) {
		os.Exit(runGUI(args))
	}
	attachConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// runGUI opens the desktop app on the database given by --db, or the default one.
func runGUI(args []string) int {
	g, err := parseGlobal(args, os.Stderr)
	if err != nil {
		return exitUsage
	}
	a := fyneapp.NewWithID(AppID)
	if err := app.Run(a, app.Config{DBPath: g.dbPath, Reviewer: g.reviewer, Build: buildInfo()}); err != nil {
		printErr(os.Stderr, err)
		return exitFailure
	}
	return exitOK
}
