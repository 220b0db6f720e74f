package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"factdesk/corpus"
	"factdesk/storage"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is one subcommand. Files of this package register theirs in init.
type command struct {
	name    string // "claim add"
	args    string // positional arguments, for usage
	summary string
	flags   func(fs *flag.FlagSet) // the command's own flags (optional)
	run     func(c *cli, args []string) error
	noDB    bool // runs without opening the database
	looks   bool // only reads: the reviewer is not recorded in the database
	minArgs int
	maxArgs int // -1: any number
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// cli is what a running command gets: its streams, flags and the database.
type cli struct {
	ctx      context.Context
	in       io.Reader
	out      io.Writer
	errOut   io.Writer
	fs       *flag.FlagSet
	dbPath   string
	reviewer string
	json     bool
	readOnly bool
	db       *storage.DB
	// created is set when this command created the database file (and createdDir the first
	// folder it had to make for it): a command that fails removes them again.
	created    bool
	createdDir string
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitError carries a chosen exit status (e.g. import with some files failed).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

type globalFlags struct {
	dbPath, reviewer string
	json, readOnly   bool
}

func addGlobalFlags(fs *flag.FlagSet, g *globalFlags) {
	fs.StringVar(&g.dbPath, "db", g.dbPath, "the project database `PATH` (default: factdesk.db in the app's storage folder)")
	fs.StringVar(&g.reviewer, "reviewer", g.reviewer, "who makes the changes (default: the app's preference, else your OS user `NAME`)")
	fs.BoolVar(&g.json, "json", g.json, "print lists as JSON")
	fs.BoolVar(&g.readOnly, "read-only", g.readOnly, "open the database for looking only: nothing in the file changes (e.g. another reviewer's file)")
}

// isGUI reports whether args ask for the desktop app: no subcommand, only global flags.
func isGUI(args []string) bool {
	if asksVersion(args) {
		return false
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			return false
		}
		if a == "-h" || a == "-help" || a == "--help" {
			return false
		}
		if (a == "--db" || a == "-db" || a == "--reviewer" || a == "-reviewer") && i+1 < len(args) {
			i++
		}
	}
	return true
}

func parseGlobal(args []string, errOut io.Writer) (globalFlags, error) {
	var g globalFlags
	fs := flag.NewFlagSet("factdesk", flag.ContinueOnError)
	fs.SetOutput(errOut)
	addGlobalFlags(fs, &g)
	err := fs.Parse(args)
	return g, err
}

// run runs one command line and returns the exit status.
func run(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	if asksVersion(args) {
		printVersion(out)
		return exitOK
	}
	var g globalFlags
	// Global flags may come before the subcommand.
	pre := flag.NewFlagSet("factdesk", flag.ContinueOnError)
	pre.SetOutput(io.Discard)
	addGlobalFlags(pre, &g)
	if err := pre.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(out)
			return exitOK
		}
		fmt.Fprintf(errOut, "factdesk: %v\n", err)
		return exitUsage
	}
	rest := pre.Args()
	if len(rest) == 0 || rest[0] == "help" {
		if len(rest) > 1 {
			if cmd := lookup(rest[1:]); cmd != nil {
				printCommandUsage(out, cmd)
				return exitOK
			}
		}
		printUsage(out)
		return exitOK
	}
	cmd := lookup(rest)
	if cmd == nil {
		if subs := subcommands(rest[0]); len(subs) > 0 {
			fmt.Fprintf(errOut, "factdesk %s needs one of: %s (run `factdesk help` for the list)\n", rest[0], strings.Join(subs, ", "))
		} else {
			fmt.Fprintf(errOut, "factdesk: unknown command %q: run `factdesk help` for the list\n", rest[0])
		}
		return exitUsage
	}
	rest = rest[len(strings.Fields(cmd.name)):]
	fs := flag.NewFlagSet("factdesk "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addGlobalFlags(fs, &g)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printCommandUsage(out, cmd)
		return exitOK
	}
	if err == nil && (len(pos) < cmd.minArgs || (cmd.maxArgs >= 0 && len(pos) > cmd.maxArgs)) {
		err = usagef("wrong number of arguments")
	}
	if err != nil {
		fmt.Fprintf(errOut, "factdesk %s: %v\n", cmd.name, err)
		printCommandUsage(errOut, cmd)
		return exitUsage
	}
	if !g.json && cmd.name != "export" {
		// Titles, texts, notes and names come from files: their control characters must not
		// reach the terminal as commands. (JSON escapes them itself; export writes documents.)
		out, errOut = escapingWriter{out}, escapingWriter{errOut}
	}
	c := &cli{ctx: ctx, in: in, out: out, errOut: errOut, fs: fs, dbPath: g.dbPath, reviewer: g.reviewer, json: g.json, readOnly: g.readOnly}
	defer func() {
		if c.db != nil {
			c.db.Close()
		}
	}()
	if !cmd.noDB {
		if err := c.openDB(!cmd.looks); err != nil {
			c.discardNewProject()
			printErr(errOut, err)
			return exitFailure
		}
	}
	if err := cmd.run(c, pos); err != nil {
		c.discardNewProject()
		var ee exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		var ue usageError
		if errors.As(err, &ue) || storage.IsKind(err, storage.KindUsage) {
			fmt.Fprintf(errOut, "factdesk %s: %s\n", cmd.name, explain(err))
			return exitUsage
		}
		printErr(errOut, err)
		return exitFailure
	}
	return exitOK
}

// printErr prints err with what to do about it (explain).
func printErr(w io.Writer, err error) {
	fmt.Fprintf(w, "factdesk: %s\n", explain(err))
}

// subcommands lists the second words of the commands that start with word ("claim" -> add, rm, set).
func subcommands(word string) []string {
	var subs []string
	for name := range commands {
		if first, second, ok := strings.Cut(name, " "); ok && first == word {
			subs = append(subs, second)
		}
	}
	sort.Strings(subs)
	return subs
}

// lookup finds the longest command name that prefixes args ("claim add" before "claim").
func lookup(args []string) *command {
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c
		}
	}
	return commands[args[0]]
}

// parseInterspersed parses flags wherever they stand among the positional arguments, as
// people type them ("import a.txt --db x.db"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // Parse reports it
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err.Error()}
	}
	return pos, nil
}

// openDB opens the project database and, for commands that change it, sets the reviewer every
// change is recorded for. Commands that only look leave the file as it is.
func (c *cli) openDB(writes bool) error {
	if c.dbPath == "" {
		c.dbPath = defaultDBPath()
	}
	if !writes {
		// Looking at a database that does not exist would create it (and its folder) at a
		// mistyped path: say so instead.
		if _, err := os.Stat(c.dbPath); errors.Is(err, os.ErrNotExist) {
			return &storage.Error{Kind: storage.KindNotFound, Path: c.dbPath,
				Msg: "there is no database at " + c.dbPath + ": check --db, or create it by importing articles (`factdesk import FILE... --db " + c.dbPath + "`)"}
		}
	}
	if _, err := os.Lstat(c.dbPath); errors.Is(err, os.ErrNotExist) && !c.readOnly {
		c.created = true
		for dir := filepath.Dir(c.dbPath); ; dir = filepath.Dir(dir) {
			if _, err := os.Lstat(filepath.Dir(dir)); err == nil || filepath.Dir(dir) == dir {
				if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
					c.createdDir = dir
				}
				break
			}
		}
	}
	db, err := storage.Open(c.ctx, c.dbPath, storage.Options{ReadOnly: c.readOnly, AppVersion: version})
	if err != nil {
		return err
	}
	c.db = db
	c.warnLocation()
	if !writes || c.readOnly {
		return nil
	}
	if c.reviewer == "" {
		c.reviewer = defaultReviewer()
	}
	_, err = db.SetReviewer(c.ctx, c.reviewer)
	return err
}

// discardNewProject removes the database a failed command created, when nothing was saved in
// it (a partly failed import that saved articles keeps them): a command that fails leaves no
// empty project behind.
func (c *cli) discardNewProject() {
	if !c.created {
		return
	}
	if c.db != nil {
		if arts, err := c.db.Articles(c.ctx); err != nil || len(arts) > 0 {
			return
		}
		c.db.Close()
		c.db = nil
	}
	for _, side := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(c.dbPath + side)
	}
	if c.createdDir != "" {
		// Only the folders made for the file, and only if they are empty.
		for dir := filepath.Dir(c.dbPath); len(dir) >= len(c.createdDir); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
}

// escapingWriter shows the control characters written through it as escapes (\x1b), keeping
// tabs and line breaks.
type escapingWriter struct{ w io.Writer }

func (e escapingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, corpus.EscapeControls(string(p), true)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// storageRoot is the app's storage folder, as Fyne computes it for AppID.
func storageRoot() string {
	var base string
	switch runtime.GOOS {
	case "darwin":
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, "Library", "Preferences", "fyne")
	case "windows":
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, "AppData", "Roaming", "fyne")
	default:
		cfg, err := os.UserConfigDir()
		if err != nil {
			cfg = filepath.Join(os.TempDir(), "factdesk")
		}
		base = filepath.Join(cfg, "fyne")
	}
	return filepath.Join(base, AppID)
}

func defaultDBPath() string { return filepath.Join(storageRoot(), "factdesk.db") }

// defaultReviewer is the reviewer's name from the app's preferences, else the OS user.
func defaultReviewer() string {
	if b, err := os.ReadFile(filepath.Join(storageRoot(), "preferences.json")); err == nil {
		var prefs map[string]any
		if json.Unmarshal(b, &prefs) == nil {
			if name, ok := prefs[prefReviewer].(string); ok && strings.TrimSpace(name) != "" {
				return name
			}
		}
	}
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return strings.SplitN(u.Name, ",", 2)[0]
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return "reviewer"
}

// mapList converts every item of a list for JSON output; an empty list stays [] rather than null.
func mapList[T, J any](items []T, conv func(T) J) []J {
	out := make([]J, 0, len(items))
	for _, it := range items {
		out = append(out, conv(it))
	}
	return out
}

// printJSON writes v as indented JSON.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, `Factdesk: annotate news articles side by side, rate claims, link sources, share and merge.

Usage:
  factdesk [--db PATH] [--reviewer NAME]          open the desktop app
  factdesk COMMAND [ARGS] [--db PATH] [--reviewer NAME] [--json]
  factdesk --version                              print the version, commit and build date

Commands:`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-46s %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintln(w, "\nRun `factdesk help COMMAND` for a command's flags. Exit status: 0 ok, 1 failure, 2 usage error.")
}

func printCommandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: factdesk %s [flags]\n  %s\n\nFlags:\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	var g globalFlags
	addGlobalFlags(fs, &g)
	if c.flags != nil {
		c.flags(fs)
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
}
