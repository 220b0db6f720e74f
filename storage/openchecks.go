package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The checks Open makes on an existing working database before it writes a byte to it: the
// file must be as long as its header says (a copy cut short is refused, not "repaired" by new
// writes), a -wal journal left beside it by a crash (or copied there from another database)
// is replayed into a private copy and checked there first, and PRAGMA quick_check must pass.

// openPaths counts the databases this process has open, by absolute path: a -wal beside one of
// them is its own live journal, not a stray one to check.
var (
	openMu    sync.Mutex
	openPaths = map[string]int{}
)

func holdPath(abs string) {
	openMu.Lock()
	openPaths[abs]++
	openMu.Unlock()
}

func releasePath(abs string) {
	openMu.Lock()
	if openPaths[abs]--; openPaths[abs] <= 0 {
		delete(openPaths, abs)
	}
	openMu.Unlock()
}

func heldHere(abs string) bool {
	openMu.Lock()
	defer openMu.Unlock()
	return openPaths[abs] > 0
}

// databaseHeader is what the first 100 bytes of an SQLite file say about its length.
type databaseHeader struct {
	pageSize int64
	pages    int64 // 0 when the header's count is not valid
	walMode  bool  // the file format version bytes say WAL (2), not rollback journal (1)
}

// readHeader reads the SQLite header of path without SQLite. ok is false when the file is too
// short or does not start with the SQLite magic (CheckFile words that case).
func readHeader(path string) (h databaseHeader, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return h, false, err
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:16], sqliteMagic) {
		return h, false, nil
	}
	h.pageSize = int64(binary.BigEndian.Uint16(head[16:18]))
	h.walMode = head[18] == 2 || head[19] == 2
	if h.pageSize == 1 {
		h.pageSize = 65536
	}
	// The page count in the header is valid when the change counter matches version-valid-for.
	if bytes.Equal(head[24:28], head[92:96]) {
		h.pages = int64(binary.BigEndian.Uint32(head[28:32]))
	}
	return h, true, nil
}

// checkWorkingLength refuses a working database shorter than the pages its header declares:
// a copy or a sync cut short. Writing to it would build on missing pages.
func checkWorkingLength(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return &Error{Kind: KindNotFound, Path: path, Err: err, Msg: "cannot read " + path + ": " + err.Error()}
	}
	h, ok, err := readHeader(path)
	if err != nil {
		return &Error{Kind: KindNotFound, Path: path, Err: err, Msg: "cannot read " + path + ": " + err.Error()}
	}
	if !ok {
		return nil // not an SQLite file: CheckFile says so
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		// The journal may hold the missing pages (a checkpoint that wrote page 1 and then
		// found the disk full): checkLeftWAL checks the two together.
		return nil
	}
	if h.pageSize < 512 || h.pageSize&(h.pageSize-1) != 0 {
		return &Error{Kind: KindCorrupt, Code: CodeWorkingFileDamaged, Path: path, Facts: Facts{Detail: "its header is not valid"},
			Msg: path + " is damaged (its header is not valid); it was not opened, so nothing in it changed"}
	}
	if h.pages > 0 && st.Size() < h.pages*h.pageSize {
		detail := fmt.Sprintf("it has %d bytes where its header announces %d, so it was cut short (by a copy, a sync or a disk that did not finish)", st.Size(), h.pages*h.pageSize)
		return &Error{Kind: KindCorrupt, Code: CodeWorkingFileDamaged, Path: path, Facts: Facts{Detail: detail},
			Msg: fmt.Sprintf("%s is damaged: %s; it was not opened, so nothing in it changed", path, detail)}
	}
	return nil
}

// quickCheck runs PRAGMA quick_check on conn and refuses the file when it finds damage.
func quickCheck(ctx context.Context, conn interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, path string) error {
	problems, err := queryStrings(ctx, conn, "PRAGMA quick_check(3)")
	if err != nil {
		return &Error{Kind: KindCorrupt, Code: CodeWorkingFileDamaged, Path: path, Err: err, Facts: Facts{Detail: err.Error()},
			Msg: fmt.Sprintf("%s is damaged (%v); it was not opened, so nothing in it changed", path, err)}
	}
	if len(problems) != 1 || problems[0] != "ok" {
		detail := strings.Join(problems, "; ")
		return &Error{Kind: KindCorrupt, Code: CodeWorkingFileDamaged, Path: path, Facts: Facts{Detail: detail},
			Msg: fmt.Sprintf("%s is damaged (%s); it was not opened, so nothing in it changed", path, detail)}
	}
	return nil
}

// checkLeftWAL checks a -wal journal found beside the working database at path when no process
// holds the database: the journal of a program that crashed (its last transactions, to keep),
// or one copied there from another database, which SQLite cannot tell from its own and would
// replay over this project. It is replayed into a private copy and checked there: the copy must
// pass quick_check and foreign_key_check, carry Factdesk's application id and keep this
// project's id. The working file and its journal are only read. checked is true when the
// journal was checked (quick_check included) and found to fit.
func checkLeftWAL(ctx context.Context, path string) (checked bool, err error) {
	wal := path + "-wal"
	st, err := os.Stat(wal)
	if err != nil || st.Size() == 0 || heldHere(path) || heldElsewhere(path) {
		return false, nil
	}
	dir, err := os.MkdirTemp("", "factdesk-wal-check-")
	if err != nil {
		return false, fmt.Errorf("cannot make a private folder to check %s: %w", wal, err)
	}
	defer os.RemoveAll(dir)
	cp := filepath.Join(dir, "check.db")
	if err := copyFile(path, cp); err != nil {
		return false, copyForCheckErr(err, path)
	}
	before, err := projectIDOf(ctx, dsn(cp, "mode=ro", "immutable=1"))
	if err != nil {
		return false, nil // the main file alone is checked by CheckFile and quick_check
	}
	if err := copyFile(wal, cp+"-wal"); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil // another process closed the database meanwhile: its journal is gone, nothing is left to replay
		}
		return false, copyForCheckErr(err, path)
	}
	problem := replayAndCheck(ctx, cp, before)
	if problem == "" {
		return true, nil
	}
	if heldElsewhere(path) {
		return false, nil // another process opened it meanwhile: its journal is live, not stray
	}
	return false, &Error{Kind: KindCorrupt, Code: CodeStrayJournal, Path: path, Facts: Facts{Journal: wal, Detail: problem},
		Msg: fmt.Sprintf("%s has a -wal journal beside it that does not fit it (%s): it may come from another database or a damaged copy. Nothing was changed. "+
			"Move %s away (keep it until you are sure), then open the project again; if changes of the last session are missing, restore a backup or a copy you saved to share",
			path, problem, wal)}
}

func copyForCheckErr(err error, path string) error {
	if isNoSpace(err) {
		return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err,
			Msg: "the disk is full: " + path + " has a -wal journal to check on a temporary copy before it is opened, and there is no room for the copy; free some space, then try again (nothing was changed)"}
	}
	return &Error{Kind: KindOther, Path: path, Err: err, Msg: "cannot copy " + path + " and its -wal journal to check them before opening: " + err.Error()}
}

// replayAndCheck opens the private copy (replaying its -wal) and names what is wrong with it,
// "" when nothing is.
func replayAndCheck(ctx context.Context, cp, projectBefore string) string {
	conn, err := sql.Open(driverName, dsn(cp, "_foreign_keys=on"))
	if err != nil {
		return err.Error()
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	var appID int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return "the two cannot be read together: " + err.Error()
	}
	if appID != ApplicationID {
		return fmt.Sprintf("with it the file would be another application's database, application id %#x", appID)
	}
	problems, err := queryStrings(ctx, conn, "PRAGMA quick_check(3)")
	if err != nil {
		return "the two cannot be read together: " + err.Error()
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return "with it the database would be damaged: " + strings.Join(problems, "; ")
	}
	if projectBefore != "" {
		after, err := projectIDOf(ctx, dsn(cp, "_foreign_keys=on"))
		switch {
		case err != nil:
			return "with it the project's identity cannot be read: " + err.Error()
		case after != projectBefore:
			return "it would replace this project's identity with another project's"
		}
	}
	n := 0
	rows, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return "the two cannot be read together: " + err.Error()
	}
	var first string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int64
		if rows.Scan(&table, &rowid, &parent, &fk) == nil && n == 0 {
			first = fmt.Sprintf("a row of %s would point at a missing row of %s", table, parent)
		}
		n++
	}
	rows.Close()
	if n > 0 {
		return fmt.Sprintf("with it %d rows would point at rows that do not exist: %s", n, first)
	}
	return ""
}

// projectIDOf reads the project id of the database behind dsn ("" for a file made before
// projects had one).
func projectIDOf(ctx context.Context, dsn string) (string, error) {
	conn, err := sql.Open(driverName, dsn)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'project'`).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	var id string
	err = conn.QueryRowContext(ctx, `SELECT id FROM project LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// ProjectID is the id that names this project: it stays the same in the copies saved to share,
// and differs between projects.
func (db *DB) ProjectID(ctx context.Context) (string, error) {
	ids, err := db.queryStrings(ctx, `SELECT id FROM project LIMIT 1`)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}
