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

// Error is a storage error with a message a person can act on.
type Error struct {
	Kind Kind
	Path string
	Msg  string
	Err  error // the driver's error, for logs
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying driver error.
func (e *Error) Unwrap() error { return e.Err }

// IsKind reports whether err is a storage error of kind k.
func IsKind(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// errReadOnly refuses a change to a database opened for looking only.
func (db *DB) errReadOnly() error {
	return &Error{Kind: KindReadOnly, Path: db.path, Msg: "this database is open read-only: open it as your working database, or merge it into yours, to change it"}
}

// ErrNotFound is returned (wrapped in *Error) when a row does not exist or was deleted.
var ErrNotFound = errors.New("not found")

func notFound(what, id string) error {
	list := map[string]string{"article": "factdesk articles", "claim": "factdesk claims", "link": "factdesk links CLAIM",
		"source": "factdesk links CLAIM", "conflict": "factdesk conflicts"}[what]
	hint := ""
	if list != "" {
		hint = ": list them with `" + list + "`"
	}
	return &Error{Kind: KindNotFound, Msg: fmt.Sprintf("no %s with id %q%s", what, id, hint), Err: ErrNotFound}
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
			return &Error{Kind: KindDiskFull, Path: path, Err: err,
				Msg: diskFullMsg(path)}
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return &Error{Kind: KindBusy, Path: path, Err: err,
				Msg: "another program is holding the database " + path + " and did not let go in time: close other Factdesk windows or commands using it, then try again"}
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return &Error{Kind: KindCorrupt, Path: path, Err: err,
				Msg: path + " is damaged or not a database: open a backup or a shared copy instead"}
		case sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return &Error{Kind: KindReadOnly, Path: path, Err: err,
				Msg: "cannot write to " + path + ": the file or its folder is read-only; choose a writable location"}
		case sqlite3.ErrCantOpen:
			return &Error{Kind: KindNotFound, Path: path, Err: err,
				Msg: "cannot open " + path + ": check that the folder exists and you may write to it"}
		case sqlite3.ErrIoErr:
			if noRoomAt(path) { // the error may not carry ENOSPC (a -shm that could not grow): look
				return &Error{Kind: KindDiskFull, Path: path, Err: err, Msg: diskFullMsg(path)}
			}
			if strings.Contains(err.Error(), "disk") || sq.ExtendedCode == sqlite3.ErrIoErrWrite {
				return &Error{Kind: KindDiskFull, Path: path, Err: err,
					Msg: "writing to the disk failed, so the last change was not saved (nothing already saved is lost): check free space and the drive, then try again"}
			}
		case sqlite3.ErrConstraint:
			return &Error{Kind: KindConflict, Path: path, Err: err, Msg: "the change was refused by the database's rules: " + sq.Error()}
		}
	}
	return err
}

var sqliteMagic = []byte("SQLite format 3\x00")

// CheckFile checks that path is a Factdesk database this version can open, without
// changing a byte of it: the SQLite header, the application id, the schema version.
func CheckFile(ctx context.Context, path string) error { return checkFile(ctx, path, false) }

// checkFile is CheckFile, with PRAGMA quick_check too when quick is set (a database about to
// be opened for work: damage found now is refused before anything is written on top of it).
func checkFile(ctx context.Context, path string, quick bool) error {
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
		return &Error{Kind: KindNotOurs, Path: path,
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
		return &Error{Kind: KindNotOurs, Path: path,
			Msg: fmt.Sprintf("%s is an SQLite database made by another application%s, not a Factdesk project: it was left untouched; choose a Factdesk .db file", path, appIDNote(appID))}
	}
	if version > SchemaVersion {
		return &Error{Kind: KindNewerSchema, Path: path,
			Msg: fmt.Sprintf("%s was made by %s (schema %d; this version reads up to %d): update Factdesk to open it; the file was left untouched", path, newerMadeBy(ctx, conn), version, SchemaVersion)}
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
		return &Error{Kind: KindCorrupt, Path: path,
			Msg: fmt.Sprintf("%s is damaged or was altered by another program (%s): open a backup or ask for a new copy; the file was left untouched", path, diff)}
	}
	if quick {
		err := quickCheck(ctx, tx, path)
		if err != nil && heldElsewhere(path) {
			// Another process is writing the file: without its journal's locks (an immutable
			// look) a page it is writing reads as damage. Busy, not damaged: Open looks again.
			return &Error{Kind: KindBusy, Path: path, Err: err,
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
		return &Error{Kind: KindDiskFull, Path: path, Err: err,
			Msg: "the disk is full, so " + path + " cannot be read (SQLite needs room for its -shm index): free some space, then try again; nothing was changed"}
	}
	return &Error{Kind: KindCorrupt, Path: path, Err: err,
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
