package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"factdesk/app"
)

// The build's version, commit and date. The Makefile sets them with -ldflags -X from
// FyneApp.toml's Version (the one source of the version number), git and the clock; a plain
// `go build` leaves these defaults.
var (
	version   = "dev"
	commit    = "unknown"
	buildDate = "unknown"
)

// buildInfo is the build's version, commit and date as the app shows them.
func buildInfo() app.BuildInfo {
	return app.BuildInfo{Version: version, Commit: commit, Date: buildDate}
}

func init() {
	register(&command{
		name:    "version",
		summary: "print the version, commit and build date (also: factdesk --version)",
		noDB:    true,
		run: func(c *cli, _ []string) error {
			if c.json {
				return c.printJSON(map[string]string{"version": version, "commit": commit, "built": buildDate,
					"go": runtime.Version(), "platform": runtime.GOOS + "/" + runtime.GOARCH})
			}
			printVersion(c.out)
			return nil
		},
	})
}

// printVersion writes the version, commit and build date, one per line.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "factdesk %s\ncommit %s\nbuilt %s\n%s %s/%s\n", version, commit, buildDate, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// asksVersion reports whether the command line asks for --version (or -version), alone or
// among global flags; after a subcommand the flags are the command's own.
func asksVersion(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--version" || a == "-version":
			return true
		case !strings.HasPrefix(a, "-") || a == "--":
			return false
		case !strings.Contains(a, "=") && (strings.TrimLeft(a, "-") == "db" || strings.TrimLeft(a, "-") == "reviewer"):
			i++ // the flag's value
		}
	}
	return false
}
