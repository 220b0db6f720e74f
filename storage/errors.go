package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Kind classifies storage errors so callers can react (and tests can check) without
// parsing messages.
type Kind int

// The kinds of storage error.
const (
	KindOther       Kind = iota
	KindUsage            // a bad argument
	KindNotFound         // no such row or file
	KindNotOurs          // the file is not a Factdesk database
	KindNewerSchema      // made by a newer version of Factdesk
	KindCorrupt          // the file is damaged
	KindDiskFull         // the disk (or the database's size limit) is full
	KindBusy             // another program holds the database
	KindReadOnly         // the database or the file is read-only
	KindConflict         // a constraint refused the change
)

// Code says precisely what went wrong, so that each front end can word the remedy with its
// own means: the GUI with its menus and in the interface language, the CLI with its flags and
// commands. Storage never names a menu, a flag or a command. The zero Code means nothing more
// precise than the Kind is known; docs/errors.md lists the codes and their facts.
type Code string

// The codes of storage (and domain) errors. Each comment names the Facts it sets.
const (
	CodeNone Code = ""
	// CodeNoReviewer: a change was asked for while nobody is named as its reviewer.
	CodeNoReviewer Code = "no-reviewer"
	// CodeReviewerNameEmpty: the reviewer's name given is empty.
	CodeReviewerNameEmpty Code = "reviewer-name-empty"
	// CodeNotFound: no Object with the ID (the id or the reference given) exists.
	CodeNotFound Code = "not-found"
	// CodeNoSnapshot: the source ID has no snapshot of its page yet (Object "source").
	CodeNoSnapshot Code = "no-snapshot"
	// CodeQuoteNotInArticle: settling a conflict, the quote of claim ID (Object "claim") is
	// still not in its article, so the claim cannot be shown again without a new quote.
	CodeQuoteNotInArticle Code = "quote-not-in-article"
	// CodeArticleRemoved: the Article of claim ID is removed, so the claim cannot come back
	// alone.
	CodeArticleRemoved Code = "article-removed"
	// CodeNewerFile: Path was made by a newer version of Factdesk: MadeBy (its version, "" when
	// the file does not say), Schema (the file's schema) and Supported (the newest this reads).
	CodeNewerFile Code = "newer-file"
	// CodeWorkingFileDamaged: the working database at Path is damaged (Detail says how); it was
	// not opened, so nothing in it changed.
	CodeWorkingFileDamaged Code = "working-file-damaged"
	// CodeDamaged: the file at Path is damaged or was altered (Detail says how, when known).
	CodeDamaged Code = "damaged"
	// CodeStrayJournal: the -wal Journal beside Path does not fit it (Detail says why).
	CodeStrayJournal Code = "stray-journal"
	// CodeWALNotDatabase: Path is a -wal journal, not a database.
	CodeWALNotDatabase Code = "wal-not-database"
	// CodeNotSQLite: Path is not an SQLite file (Detail: "empty" when it is empty).
	CodeNotSQLite Code = "not-sqlite"
	// CodeNotFactdesk: Path is another application's SQLite database.
	CodeNotFactdesk Code = "not-factdesk"
	// CodeInCloudFolder: Path is inside the folder of a sync Service (Dropbox, OneDrive...).
	CodeInCloudFolder Code = "in-cloud-folder"
	// CodeOnNetworkDrive: Path is on a network filesystem (Service names it: nfs, cifs...).
	CodeOnNetworkDrive Code = "on-network-drive"
	// CodeOpenReadOnly: the database at Path is open for looking only, so it cannot change.
	CodeOpenReadOnly Code = "open-read-only"
	// CodeBusy: another program holds the database at Path.
	CodeBusy Code = "busy"
	// CodeDiskFull: the disk is full (or writing to it failed); nothing saved is lost.
	CodeDiskFull Code = "disk-full"
)

// Facts are what a front end needs to word an error in its own terms; each Code says which
// of them it sets (the Path is Error.Path).
type Facts struct {
	Object    string // what was looked for: "article", "claim", "link", "source", "conflict"
	ID        string // its id, or the reference given
	Article   string // the id of the article concerned
	MadeBy    string // the version of Factdesk that made a newer file, "" when it does not say
	Schema    int64  // the schema version of the file
	Supported int64  // the newest schema version this version of Factdesk reads
	Service   string // the sync service or the network filesystem
	Journal   string // the path of a -wal journal
	Detail    string // what a check found, in English, for the message and the log
}

// Error is a storage error: its kind, its precise code and facts, and a plain English message
// that says what happened (never how to fix it with a menu or a flag: the front ends word
// that from the Code).
type Error struct {
	Kind  Kind
	Code  Code
	Facts Facts
	Path  string
	Msg   string
	Err   error // the driver's error, for logs
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying driver error.
func (e *Error) Unwrap() error { return e.Err }

// CodeOf returns the Code of the storage error in err's chain, CodeNone when there is none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeNone
}

// AsError returns the storage error in err's chain, nil when there is none.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// IsKind reports whether err is a storage error of kind k.
func IsKind(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// errReadOnly refuses a change to a database opened for looking only.
func (db *DB) errReadOnly() error {
	return &Error{Kind: KindReadOnly, Code: CodeOpenReadOnly, Path: db.path, Msg: "this database is open read-only: open it as your working database, or merge it into yours, to change it"}
}

// ErrNotFound is returned (wrapped in *Error) when a row does not exist or was deleted.
var ErrNotFound = errors.New("not found")

// notFound is the error of a what ("article", "claim", "link", "source", "conflict") that
// does not exist: the front ends say where to find the ids.
func notFound(what, id string) error {
	return &Error{Kind: KindNotFound, Code: CodeNotFound, Facts: Facts{Object: what, ID: id},
		Msg: fmt.Sprintf("no %s with id %q", what, id), Err: ErrNotFound}
}

// classify turns driver errors into typed errors with user-safe messages.
func classify(err error, path string) error {
	if err == nil {
		return nil
	}
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var sq sqlite3.Error
	if errors.As(err, &sq) {
		if sq.SystemErrno == syscall.ENOSPC || sq.SystemErrno == syscall.EFBIG {
			sq.Code = sqlite3.ErrFull // an I/O error (say, growing the -shm file) on a full disk
		}
		switch sq.Code {
		case sqlite3.ErrFull:
			return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err,
				Msg: diskFullMsg(path)}
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &Error{Kind: KindBusy, Code: CodeBusy, Path: path, Err: err,
				Msg: "another program is holding the database " + path + " and did not let go in time: close other Factdesk windows or commands using it, then try again"}
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return &Error{Kind: KindCorrupt, Code: CodeDamaged, Path: path, Err: err,
				Msg: path + " is damaged or not a database: open a backup or a shared copy instead"}
		case sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return &Error{Kind: KindReadOnly, Path: path, Err: err,
				Msg: "cannot write to " + path + ": the file or its folder is read-only; choose a writable location"}
		case sqlite3.ErrCantOpen:
			return &Error{Kind: KindNotFound, Path: path, Err: err,
				Msg: "cannot open " + path + ": check that the folder exists and you may write to it"}
		case sqlite3.ErrIoErr:
			if noRoomAt(path) { // the error may not carry ENOSPC (a -shm that could not grow): look
				return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err, Msg: diskFullMsg(path)}
			}
			if strings.Contains(err.Error(), "disk") || sq.ExtendedCode == sqlite3.ErrIoErrWrite {
				return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err,
					Msg: "writing to the disk failed, so the last change was not saved (nothing already saved is lost): check free space and the drive, then try again"}
			}
		case sqlite3.ErrConstraint:
			return &Error{Kind: KindConflict, Path: path, Err: err, Msg: "the change was refused by the database's rules: " + sq.Error()}
		}
	}
	return err
}

var sqliteMagic = []byte("SQLite format 3\x00")

// fileStamp is what tells that a file was written: its size and modification time.
type fileStamp struct {
	size int64
	mod  time.Time
}

// stampOf is path's stamp now (zero when it cannot be read).
func stampOf(path string) fileStamp {
	st, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{st.Size(), st.ModTime()}
}

// same reports whether two stamps say the file was not written in between.
func (s fileStamp) same(o fileStamp) bool { return s.size == o.size && s.mod.Equal(o.mod) }

// CheckFile checks that path is a Factdesk database this version can open, without
// changing a byte of it: the SQLite header, the application id, the schema version.
func CheckFile(ctx context.Context, path string) error { return checkFile(ctx, path, false) }

// checkFile is CheckFile, with PRAGMA quick_check too when quick is set (a database about to
// be opened for work: damage found now is refused before anything is written on top of it).
func checkFile(ctx context.Context, path string, quick bool) error {
	before := stampOf(path)
	f, err := os.Open(path)
	if err != nil {
		return &Error{Kind: KindNotFound, Path: path, Err: err, Msg: "cannot read " + path + ": " + err.Error()}
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return &Error{Kind: KindNotOurs, Path: path, Err: err, Msg: "cannot read " + path + ": " + err.Error()}
	}
	if n < 100 || !bytes.Equal(head[:16], sqliteMagic) {
		return &Error{Kind: KindNotOurs, Code: CodeNotSQLite, Path: path,
			Msg: path + " is not a Factdesk database (it is not an SQLite file): choose a .db file made by Factdesk, or a new file name to start a project"}
	}
	if err := checkWorkingLength(path); err != nil {
		return err
	}
	// A busy timeout like the writer's: another process may be checkpointing or recovering
	// the journal while this one looks, which is not a reason to refuse the file.
	conn, err := sql.Open(driverName, readOnlyDSN(path)+"&_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer conn.Close()
	// One read transaction: the version and the schema read from the same snapshot, while
	// another process may be creating or migrating the file.
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return corruptOrNotOurs(err, path)
	}
	defer tx.Rollback()
	var appID, version int64
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return corruptOrNotOurs(err, path)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return corruptOrNotOurs(err, path)
	}
	if appID != ApplicationID {
		var tables int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return corruptOrNotOurs(err, path)
		}
		if appID == 0 && tables == 0 && version == 0 {
			return nil // an empty SQLite file: becomes a new project
		}
		return &Error{Kind: KindNotOurs, Code: CodeNotFactdesk, Path: path,
			Msg: fmt.Sprintf("%s is an SQLite database made by another application%s, not a Factdesk project: it was left untouched; choose a Factdesk .db file", path, appIDNote(appID))}
	}
	if version > SchemaVersion {
		return newerFile(ctx, conn, path, version, "; the file was left untouched")
	}
	// The schema must be exactly what our migrations made: a damaged byte in the stored SQL,
	// or a table, view or trigger added by another program, is refused here rather than
	// failing later in a query with an error nobody can act on.
	want, err := freshSchema(ctx, version)
	if err != nil {
		return err
	}
	got, err := readSchema(ctx, tx)
	if err != nil {
		return corruptOrNotOurs(err, path)
	}
	if diff := schemaDiff(got, want); diff != "" {
		return &Error{Kind: KindCorrupt, Code: CodeDamaged, Facts: Facts{Detail: diff}, Path: path,
			Msg: fmt.Sprintf("%s is damaged or was altered by another program (%s): open a backup or ask for a new copy; the file was left untouched", path, diff)}
	}
	if quick {
		err := quickCheck(ctx, tx, path)
		if err != nil && (heldElsewhere(path) || !stampOf(path).same(before)) {
			// Another process is writing the file (or wrote it while this one looked, and has
			// closed it since): without its journal's locks (an immutable look) a page it is
			// writing reads as damage. Busy, not damaged: Open looks again.
			return &Error{Kind: KindBusy, Code: CodeBusy, Path: path, Err: err,
				Msg: "another program is writing the database " + path + " and did not let go in time: close other Factdesk windows or commands using it, then try again"}
		}
		return err
	}
	return nil
}

// readOnlyDSN opens a file without writing to it. With no -wal beside it the main file is the
// whole database, and immutable=1 guarantees no lock or -shm file is written.
func readOnlyDSN(path string) string {
	if _, err := os.Stat(path + "-wal"); err == nil {
		return dsn(path, "mode=ro", "_query_only=1")
	}
	return dsn(path, "mode=ro", "immutable=1", "_query_only=1")
}

func corruptOrNotOurs(err error, path string) error {
	var sq sqlite3.Error
	if isNoSpace(err) || (errors.As(err, &sq) && (sq.Code == sqlite3.ErrFull || sq.SystemErrno == syscall.ENOSPC)) {
		return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err,
			Msg: "the disk is full, so " + path + " cannot be read (SQLite needs room for its -shm index): free some space, then try again; nothing was changed"}
	}
	return &Error{Kind: KindCorrupt, Code: CodeDamaged, Facts: Facts{Detail: err.Error()}, Path: path, Err: err,
		Msg: path + " is damaged or not a database (" + err.Error() + "): open a backup or ask for a new copy; the file was left untouched"}
}

// schemaDiff names the first difference between a file's schema and the one Factdesk makes
// ("" when they are the same). ANALYZE's statistics table is data, not schema.
func schemaDiff(got, want map[string]schemaItem) string {
	names := make([]string, 0, len(got)+len(want))
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok && n != "sqlite_stat1" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		w, known := want[n]
		switch {
		case !ok:
			return fmt.Sprintf("the %s %s is missing", w.Type, w.Name)
		case !known:
			return fmt.Sprintf("it has a %s %s that Factdesk does not make", g.Type, g.Name)
		case g.Type != w.Type || g.SQL != w.SQL || !strings.EqualFold(g.Table, w.Table):
			return fmt.Sprintf("the %s %s is not defined as Factdesk defines it", w.Type, w.Name)
		}
	}
	return ""
}

func appIDNote(id int64) string {
	if id == 0 {
		return ""
	}
	return fmt.Sprintf(" (application id %#x)", id)
}
