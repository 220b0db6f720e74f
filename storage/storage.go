// Package storage keeps a Factdesk project in one SQLite file: the schema and its embedded
// migrations, the single writer, queries, full-text search, and the checks that refuse files
// that are not ours. Every change is written with its history entry in one transaction.
package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	sqlite3 "github.com/mattn/go-sqlite3"

	"factdesk/corpus"
)

// ApplicationID marks a SQLite file as a Factdesk database (PRAGMA application_id): "FDSK".
const ApplicationID = 0x4644534b

// driverName is go-sqlite3 with a connect hook that hardens every connection.
const driverName = "sqlite3_factdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: hardenConn})
}

// hardenConn runs on every new connection: schema code is not trusted, cell sizes are
// checked, and limits keep a hostile file from exhausting memory.
func hardenConn(c *sqlite3.SQLiteConn) error {
	c.SetLimit(sqlite3.SQLITE_LIMIT_ATTACHED, 2)
	c.SetLimit(sqlite3.SQLITE_LIMIT_LENGTH, 256<<20)
	c.SetLimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 10)
	c.SetLimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 500)
	// fd_fold(text): lower case without accents, for filters that match as people type.
	if err := c.RegisterFunc("fd_fold", corpus.Fold, true); err != nil {
		return err
	}
	_, err := c.Exec("PRAGMA trusted_schema=OFF; PRAGMA cell_size_check=ON;", nil)
	return err
}

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing database for looking only: nothing is created or migrated.
	ReadOnly bool
	// BusyTimeout is how long a writer waits for another process's lock (default 10 s).
	BusyTimeout time.Duration
	// MaxPages, when positive, caps the database at that many pages (PRAGMA max_page_count;
	// the page size is 4 KiB): a change that would grow it further fails with KindDiskFull and
	// is rolled back, as on a full disk. Used to test that case, or as a size quota.
	MaxPages int
	// AppVersion is the version of Factdesk opening the file (set by the command at build
	// time); the first change made through this DB records it in the file, so that an older
	// version refusing the file can name the version it needs. "" records nothing.
	AppVersion string
}

// DB is an open Factdesk database: one writer connection and a pool of readers.
type DB struct {
	path     string
	readOnly bool
	write    *sql.DB // one connection, BEGIN IMMEDIATE
	read     *sql.DB // query-only pool

	mu       sync.Mutex
	reviewer string // id of the reviewer every change is recorded for
	lastAt   time.Time

	appVersion      string      // Options.AppVersion
	versionRecorded atomic.Bool // appVersion is in the file's meta table

	now func() time.Time // the clock, replaceable in tests

	release sync.Once // takes the path out of openPaths on the first Close
}

// Open opens the database at path, creating it (schema v1) when it does not exist, and
// migrating an older schema. A file that is not a Factdesk database, or one made by a newer
// version, is refused with a typed error and left byte-identical. While other processes hold
// the file (several creating or migrating it at once), Open tries again for up to the busy
// timeout: every attempt checks before it writes, so a failed one leaves nothing behind.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if opts.BusyTimeout == 0 {
		opts.BusyTimeout = 10 * time.Second
	}
	deadline := time.Now().Add(opts.BusyTimeout)
	for {
		db, err := openOnce(ctx, path, opts)
		if !IsKind(err, KindBusy) || time.Now().After(deadline) {
			return db, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// openOnce is one attempt of Open.
func openOnce(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, &Error{Kind: KindUsage, Msg: "no database path given"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, statErr := os.Stat(abs)
	exists := statErr == nil && st.Size() > 0
	if statErr == nil && st.IsDir() {
		return nil, &Error{Kind: KindNotOurs, Path: abs, Msg: abs + " is a folder, not a Factdesk database: give a file name such as project.db"}
	}
	if errors.Is(statErr, os.ErrNotExist) {
		// A journal without its database is the rest of a project whose main file was moved
		// or lost: SQLite would replay it into a new file. Leave both for the person to sort out.
		// (SQLite creates a database before its journal: when the journal is there, look again
		// at the database, which another process may have just created.)
		for _, side := range []string{"-wal", "-journal"} {
			if st, err := os.Stat(abs + side); err == nil && st.Size() > 0 && !fileExists(abs) {
				return nil, &Error{Kind: KindCorrupt, Path: abs, Msg: fmt.Sprintf("%s does not exist, but its journal %s%s does: the database was moved or copied without it. "+
					"Put %s back beside it, or move %s%s away to start a new project there; nothing was changed", abs, abs, side, filepath.Base(abs), filepath.Base(abs), side)}
			}
		}
	}
	if exists {
		// Before SQLite writes a byte: the length the header declares, a -wal left beside the
		// file (replayed and checked on a private copy), then the header, schema and
		// quick_check through a read-only connection.
		if err := checkWorkingLength(abs); err != nil {
			return nil, err
		}
		walChecked, err := checkLeftWAL(ctx, abs)
		if err != nil {
			return nil, err
		}
		if err := checkFile(ctx, abs, !walChecked); err != nil {
			return nil, err
		}
	} else if opts.ReadOnly {
		return nil, &Error{Kind: KindNotFound, Path: abs, Msg: abs + " does not exist: check the path"}
	} else if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", abs, err)
	}

	db := &DB{path: abs, readOnly: opts.ReadOnly, appVersion: opts.AppVersion, now: time.Now}
	busy := opts.BusyTimeout.Milliseconds()
	if opts.ReadOnly {
		// As CheckFile: immutable when no -wal is beside the file, so that looking writes no
		// lock and leaves no -wal or -shm behind (a read-only connection cannot remove them).
		roDSN := readOnlyDSN(abs) + fmt.Sprintf("&_busy_timeout=%d&_foreign_keys=on", busy)
		db.read, err = sql.Open(driverName, roDSN)
		if err != nil {
			return nil, err
		}
		db.write = db.read
		if err := db.read.PingContext(ctx); err != nil {
			db.read.Close()
			return nil, classify(err, abs)
		}
		holdPath(abs)
		return db, nil
	}
	writeDSN := dsn(abs, "_journal_mode=WAL", "_synchronous=NORMAL",
		fmt.Sprintf("_busy_timeout=%d", busy), "_foreign_keys=on", "_txlock=immediate")
	if opts.MaxPages > 0 {
		// max_page_count is a per-connection setting: set it on the writer's connection.
		db.write = sql.OpenDB(connector{dsn: writeDSN, drv: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := hardenConn(c); err != nil {
				return err
			}
			_, err := c.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", opts.MaxPages), nil)
			return err
		}}})
	} else if db.write, err = sql.Open(driverName, writeDSN); err != nil {
		return nil, err
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	if err := db.migrate(ctx); err != nil {
		db.write.Close()
		return nil, err
	}
	db.read, err = sql.Open(driverName, dsn(abs, "_journal_mode=WAL", "_query_only=1",
		fmt.Sprintf("_busy_timeout=%d", busy), "_foreign_keys=on"))
	if err != nil {
		db.write.Close()
		return nil, err
	}
	db.read.SetMaxOpenConns(4)
	holdPath(abs)
	return db, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// connector opens connections with a driver of its own (a connect hook with per-database
// settings) without registering it globally.
type connector struct {
	dsn string
	drv *sqlite3.SQLiteDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

// dsn is the SQLite URI of the file at path with params. On Windows the path is written with
// forward slashes after a slash ("file:///C:/Users/..."): a drive letter or a backslash in a
// URI's path is refused by the driver.
func dsn(path string, params ...string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p}
	q := ""
	for i, p := range params {
		if i > 0 {
			q += "&"
		}
		q += p
	}
	return u.String() + "?" + q
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened for looking only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Close checkpoints and closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		if !db.readOnly {
			_, _ = db.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		errs = append(errs, db.write.Close())
		db.release.Do(func() { releasePath(db.path) })
	}
	return errors.Join(errs...)
}

// newID returns a new UUID v7: time-ordered, so inserts stay local in the B-tree.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

const timeLayout = "2006-01-02T15:04:05.000000Z"

// stamp returns the time of a change: UTC, and strictly after the previous one of this
// process, so the history of one replica is totally ordered.
func (db *DB) stamp() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	t := db.now().UTC().Truncate(time.Microsecond)
	if !t.After(db.lastAt) {
		t = db.lastAt.Add(time.Microsecond)
	}
	db.lastAt = t
	return t.Format(timeLayout)
}

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// writeTx runs fn in one IMMEDIATE transaction on the writer: all of it commits, or none.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.readOnly {
		return db.errReadOnly()
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return classify(err, db.path)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return classify(err, db.path)
	}
	if err := db.recordWrittenBy(ctx, tx); err != nil {
		return classify(err, db.path)
	}
	if err := tx.Commit(); err != nil {
		return classify(err, db.path)
	}
	db.versionRecorded.Store(db.appVersion != "")
	return nil
}
