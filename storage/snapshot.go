package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// SaveCopy writes a consistent copy of the whole database to out, to share with another
// reviewer: one self-contained file (rollback-journal mode, no -wal beside it) holding the
// last committed state, taken while the app may keep writing. The copy is written to a temporary
// file next to out with VACUUM INTO (which reads one snapshot of the database, so it never holds
// half a transaction), switched to journal_mode=DELETE, synced to disk and renamed over out, so
// a sync folder or a reader never sees a partial file.
//
// out may replace an earlier copy of this same project saved to share (ask the person first:
// CheckCopyTarget says whether out is one), but nothing else: not another project's database,
// nor a working database (in WAL mode, or with a -wal beside it), nor another kind of file.
// progress, when not nil, is called from another goroutine with the fraction done, ending with 1.
//
// The copy carries only the file name of every article's origin (SaveCopyWith keeps full
// paths when the person opted in).
func (db *DB) SaveCopy(ctx context.Context, out string, progress func(float64)) error {
	return db.SaveCopyWith(ctx, out, CopyOptions{Progress: progress})
}

// CheckCopyTarget says whether SaveCopy may write to out: replaces is true when out is an
// earlier copy of this project saved to share, which the copy would replace (a front end asks
// first); an error, with what to do, when out must not be written (the working database
// itself, another project's database, a working database, a folder, another kind of file, a
// folder that does not exist).
func (db *DB) CheckCopyTarget(ctx context.Context, out string) (replaces bool, err error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return false, err
	}
	// The database itself (under any name) or its journals: the check exports make too
	// (CheckWritableTarget), but a copy may replace an earlier copy, which is a database.
	if db.isOwnFile(abs) {
		return false, &Error{Kind: KindUsage, Path: abs, Msg: "the copy cannot replace the working database itself: choose another file name"}
	}
	if _, err := os.Stat(abs + "-wal"); err == nil {
		return false, &Error{Kind: KindUsage, Path: abs, Msg: abs + " is open as a live database (a -wal file is beside it): choose another file name, or close the program using it"}
	}
	if st, err := os.Stat(abs); err == nil {
		if st.IsDir() {
			return false, &Error{Kind: KindUsage, Path: abs, Msg: abs + " is a folder: give a file name for the copy, such as " + filepath.Join(abs, "factdesk-share.db")}
		}
		if st.Size() > 0 {
			if err := db.checkEarlierCopy(ctx, abs); err != nil {
				return false, err
			}
			replaces = true
		}
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return false, &Error{Kind: KindNotFound, Path: abs, Err: err, Msg: "the folder " + filepath.Dir(abs) + " does not exist: create it or choose another place for the copy"}
	}
	return replaces, nil
}

// checkEarlierCopy refuses to replace abs unless it is a copy of this project saved to share:
// a Factdesk file in rollback-journal mode (copies are; working databases are in WAL mode)
// whose project id is this project's.
func (db *DB) checkEarlierCopy(ctx context.Context, abs string) error {
	keep := " It was not overwritten: choose another file name for the copy."
	if err := CheckFile(ctx, abs); err != nil {
		return &Error{Kind: KindUsage, Path: abs, Err: err, Msg: abs + " exists and is not a Factdesk copy." + keep}
	}
	if h, ok, _ := readHeader(abs); !ok || h.walMode {
		return &Error{Kind: KindUsage, Path: abs, Msg: abs + " is a Factdesk working database, not a copy saved to share." + keep}
	}
	theirs, err := projectIDOf(ctx, readOnlyDSN(abs))
	if err != nil {
		return &Error{Kind: KindUsage, Path: abs, Err: err, Msg: abs + " cannot be read (" + err.Error() + ")." + keep}
	}
	mine, err := db.ProjectID(ctx)
	if err != nil {
		return err
	}
	if theirs == "" || theirs != mine {
		return &Error{Kind: KindUsage, Path: abs, Msg: abs + " is a copy of another Factdesk project (or one too old to say which), not of this one." + keep}
	}
	return nil
}

// vacuumInto writes a consistent copy of the database at src to dst: a temporary file next to
// dst, journal_mode=DELETE, fsync, rename, fsync of the folder.
func vacuumInto(ctx context.Context, src, dst string, progress func(float64)) error {
	return vacuumIntoWith(ctx, src, dst, progress, nil)
}

// vacuumIntoWith is vacuumInto that lets fix change the copy before it is synced and renamed.
func vacuumIntoWith(ctx context.Context, src, dst string, progress func(float64), fix func(context.Context, *sql.DB) error) (err error) {
	tmpFile, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return classifyFileErr(err, dst)
	}
	tmp := tmpFile.Name()
	tmpFile.Close() // VACUUM INTO accepts an empty file
	defer func() {
		if err != nil {
			for _, p := range []string{tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"} {
				os.Remove(p)
			}
		}
	}()

	// A connection of its own: VACUUM INTO reads one snapshot while the writer goes on.
	conn, err := sql.Open(driverName, dsn(src, "mode=ro", "_busy_timeout=10000"))
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	var total int64
	if progress != nil {
		var pages, free, size int64
		_ = conn.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
		_ = conn.QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free)
		_ = conn.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size)
		total = (pages - free) * size
		progress(0)
	}
	stop := watchSize(tmp, total, progress)
	_, err = conn.ExecContext(ctx, "VACUUM INTO ?", tmp)
	stop()
	if err != nil {
		if IsDiskFull(err) {
			return classifyFileErr(err, dst)
		}
		return classify(err, src)
	}
	conn.Close()

	// The copy keeps the source's journal mode in its header: make it a self-contained
	// rollback-journal file.
	out, err := sql.Open(driverName, dsn(tmp, "_journal_mode=DELETE", "_synchronous=FULL"))
	if err != nil {
		return err
	}
	var mode string
	err = out.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
	if err == nil && fix != nil {
		err = fix(ctx, out)
	}
	out.Close()
	if IsDiskFull(err) {
		return classifyFileErr(err, dst)
	}
	if err != nil {
		return classify(err, dst)
	}
	if mode != "delete" {
		return fmt.Errorf("the copy stayed in journal mode %q", mode)
	}
	if err := syncFile(tmp); err != nil {
		return classifyFileErr(err, dst)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return classifyFileErr(err, dst)
	}
	_ = syncDir(filepath.Dir(dst)) // not every filesystem can sync a folder
	if progress != nil {
		progress(1)
	}
	return nil
}

// watchSize reports the growth of path towards total bytes, every 100 ms, until stopped.
func watchSize(path string, total int64, progress func(float64)) (stop func()) {
	if progress == nil || total <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if st, err := os.Stat(path); err == nil {
					progress(min(0.95, float64(st.Size())/float64(total)))
				}
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// classifyFileErr turns an error of the file system into a storage error.
func classifyFileErr(err error, path string) error {
	switch {
	case errors.Is(err, os.ErrPermission):
		return &Error{Kind: KindReadOnly, Path: path, Err: err, Msg: "cannot write " + path + ": the folder is read-only; choose another place"}
	case errors.Is(err, os.ErrNotExist):
		return &Error{Kind: KindNotFound, Path: path, Err: err, Msg: "cannot write " + path + ": the folder does not exist"}
	case isNoSpace(err):
		return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: path, Err: err, Msg: "the disk is full (the disk holding " + path + "): the copy was not written (nothing in the database changed); free some space there, or save the copy on another disk, and try again"}
	}
	return &Error{Kind: KindOther, Path: path, Err: err, Msg: "cannot write " + path + ": " + err.Error()}
}

func isNoSpace(err error) bool { return IsDiskFull(err) }
