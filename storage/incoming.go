package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"factdesk/corpus"
)

// Refusal names the reason an incoming file was refused.
type Refusal string

// The reasons an incoming file is refused. Each comes with a message that says what to do.
const (
	RefusedUnreadable Refusal = "unreadable"        // missing, a folder, or not readable
	RefusedNotSQLite  Refusal = "not-sqlite"        // not an SQLite database at all
	RefusedNotOurs    Refusal = "not-factdesk"      // another application's SQLite database
	RefusedNewer      Refusal = "newer-version"     // made by a newer version of Factdesk
	RefusedTruncated  Refusal = "truncated"         // shorter than its header says
	RefusedDamaged    Refusal = "damaged"           // quick_check failed or pages cannot be read
	RefusedBrokenRefs Refusal = "broken-references" // rows that point at rows that do not exist
	RefusedSchema     Refusal = "schema"            // triggers, views or tables Factdesk does not make
	RefusedContent    Refusal = "content"           // an article's text does not match its fingerprint
)

// IncomingError is the refusal of an incoming file: why, and a storage error with the kind
// (KindNotOurs, KindNewerSchema, KindCorrupt, KindNotFound) and a message a person can act on.
type IncomingError struct {
	Reason Refusal
	Err    *Error
}

func (e *IncomingError) Error() string { return e.Err.Msg }

// Unwrap returns the storage error, so IsKind works on refusals.
func (e *IncomingError) Unwrap() error { return e.Err }

// RefusalOf returns why err refused an incoming file, "" when it is not a refusal.
func RefusalOf(err error) Refusal {
	var ie *IncomingError
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return ""
}

func refuse(reason Refusal, kind Kind, path string, cause error, format string, a ...any) error {
	return &IncomingError{Reason: reason, Err: &Error{Kind: kind, Code: refusalCode[reason], Path: path, Err: cause, Msg: fmt.Sprintf(format, a...)}}
}

// refusalCode is the Code of each reason (an unreadable file has none more precise than its
// Kind).
var refusalCode = map[Refusal]Code{
	RefusedNotSQLite:  CodeNotSQLite,
	RefusedNotOurs:    CodeNotFactdesk,
	RefusedNewer:      CodeNewerFile,
	RefusedTruncated:  CodeDamaged,
	RefusedDamaged:    CodeDamaged,
	RefusedBrokenRefs: CodeDamaged,
	RefusedSchema:     CodeDamaged,
	RefusedContent:    CodeDamaged,
	RefusedForged:     CodeDamaged,
}

// Incoming is another reviewer's file, checked and copied to a private place: the original is
// only ever read (it stays byte-identical); everything else works on the private copy, which is
// migrated when the file was made by an older version. Close removes the copy.
type Incoming struct {
	// Source is the file as given.
	Source string
	// Version is the schema version the file was made with.
	Version int64
	// Migrated is true when the private copy was migrated from an older schema.
	Migrated bool

	dir  string
	copy string
}

// Path is the private, checked copy of the file: open it read-only (Open) or attach it.
func (in *Incoming) Path() string { return in.copy }

// Close removes the private copy. Close the databases opened on it first.
func (in *Incoming) Close() error {
	if in == nil || in.dir == "" {
		return nil
	}
	err := os.RemoveAll(in.dir)
	in.dir = ""
	return err
}

// Open opens the private copy read-only, to look at another reviewer's work with the same
// queries as the working database. Close the DB, then the Incoming.
func (in *Incoming) Open(ctx context.Context) (*DB, error) {
	return Open(ctx, in.copy, Options{ReadOnly: true})
}

// SaveAs writes the checked (and, for an older file, migrated) copy to dest, a new file that
// becomes a working database (open it with Open): to switch to another reviewer's file without
// working on the file they sent. dest must not exist yet.
func (in *Incoming) SaveAs(ctx context.Context, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(abs); err == nil {
		return &Error{Kind: KindUsage, Path: abs, Msg: abs + " already exists: choose a new file name for the working copy (nothing was overwritten)"}
	}
	return vacuumInto(ctx, in.copy, abs, nil)
}

// ReceiveFile checks an incoming database before anything in it is used, and returns a private
// copy of it. In order: it must be a regular file with the SQLite header, not truncated; it is
// copied to a private temporary folder (the original is never opened by SQLite and stays
// byte-identical); the copy is opened read-only and must carry Factdesk's application id and a
// schema version this version knows (newer: refused; older: migrated on the copy); PRAGMA
// quick_check must pass; its schema must be exactly the one Factdesk makes for that version
// (no extra trigger, view, index or table, no table replaced by a view or altered); PRAGMA
// foreign_key_check must find nothing; every article's text must match its SHA-256. Each
// refusal is an *IncomingError naming the reason.
func ReceiveFile(ctx context.Context, path string) (*Incoming, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "factdesk-incoming-")
	if err != nil {
		if IsDiskFull(err) {
			return nil, tempFull(os.TempDir(), abs, err)
		}
		return nil, fmt.Errorf("cannot make a private folder for the incoming file: %w", err)
	}
	in := &Incoming{Source: abs, dir: dir, copy: filepath.Join(dir, "incoming.db")}
	if err := in.receive(ctx); err != nil {
		in.Close()
		return nil, err
	}
	return in, nil
}

// checkHeader reads the first bytes of the file, without SQLite: a regular file, the SQLite
// header, a sane page size and a length that covers the pages the header declares.
func checkHeader(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return refuse(RefusedUnreadable, KindNotFound, path, err, "%s does not exist: check the name and the folder", path)
		}
		return refuse(RefusedUnreadable, KindNotFound, path, err, "cannot read %s: %v", path, err)
	}
	if !st.Mode().IsRegular() {
		return refuse(RefusedUnreadable, KindNotOurs, path, nil, "%s is not a file (it is a folder or a device): choose the .db file another reviewer sent", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return refuse(RefusedUnreadable, KindNotFound, path, err, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if len(head) >= 4 && (binary.BigEndian.Uint32(head) == 0x377f0682 || binary.BigEndian.Uint32(head) == 0x377f0683) {
		err := refuse(RefusedNotSQLite, KindNotOurs, path, nil, "%s is a -wal journal, not a database", path)
		err.(*IncomingError).Err.Code = CodeWALNotDatabase
		return err
	}
	if len(head) < 100 || !bytes.Equal(head[:16], sqliteMagic) {
		what := "it is not an SQLite file"
		if st.Size() == 0 {
			what = "it is empty"
		}
		return refuse(RefusedNotSQLite, KindNotOurs, path, nil,
			"%s is not a Factdesk database (%s): ask the reviewer for the copy Factdesk saves to share (a .db file)", path, what)
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return refuse(RefusedDamaged, KindCorrupt, path, nil, "%s is damaged (its header is not valid): ask the reviewer to save a new copy to share", path)
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	// The page count in the header is valid when the change counter matches version-valid-for.
	if bytes.Equal(head[24:28], head[92:96]) && pages > 0 && st.Size() < pages*pageSize {
		return refuse(RefusedTruncated, KindCorrupt, path, nil,
			"%s is incomplete: it has %d bytes where its header announces %d; the copy was cut short (a transfer or sync that did not finish): ask for the file again",
			path, st.Size(), pages*pageSize)
	}
	return nil
}

// receive copies the source to the private folder and checks the copy.
func (in *Incoming) receive(ctx context.Context) error {
	if err := copyFile(in.Source, in.copy); err != nil {
		if IsDiskFull(err) {
			return tempFull(in.dir, in.Source, err)
		}
		return refuse(RefusedUnreadable, KindNotFound, in.Source, err, "cannot copy %s: %v", in.Source, err)
	}
	if _, err := os.Stat(in.Source + "-wal"); err == nil {
		// A live database: its last changes are in the -wal. Take them on the private copy.
		if err := copyFile(in.Source+"-wal", in.copy+"-wal"); err != nil {
			if IsDiskFull(err) {
				return tempFull(in.dir, in.Source, err)
			}
			return refuse(RefusedUnreadable, KindNotFound, in.Source, err, "cannot copy %s-wal: %v", in.Source, err)
		}
		if err := settleWAL(ctx, in.copy); err != nil {
			return refuse(RefusedDamaged, KindCorrupt, in.Source, err,
				"%s and its -wal journal cannot be read together (%v): ask the reviewer for a copy saved to share", in.Source, err)
		}
	}
	version, err := in.check(ctx)
	if err != nil {
		return err
	}
	in.Version = version
	if version < SchemaVersion {
		conn, err := sql.Open(driverName, dsn(in.copy, "_journal_mode=DELETE", "_foreign_keys=on"))
		if err != nil {
			return err
		}
		conn.SetMaxOpenConns(1)
		err = migrateConn(ctx, conn, in.copy)
		conn.Close()
		if err != nil {
			return fmt.Errorf("cannot bring %s (made by an older version of Factdesk) up to date: %w", in.Source, err)
		}
		in.Migrated = true
		if _, err := in.check(ctx); err != nil {
			return err
		}
	}
	return nil
}

// settleWAL folds a -wal into the private copy and leaves it in rollback-journal mode.
func settleWAL(ctx context.Context, path string) error {
	conn, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	var mode string
	return conn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
}

// check runs every check on the private copy, opened read-only, and returns its schema version.
func (in *Incoming) check(ctx context.Context) (int64, error) {
	src := in.Source
	conn, err := sql.Open(driverName, dsn(in.copy, "mode=ro", "immutable=1", "_query_only=1"))
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	damaged := func(err error) error {
		var sq sqlite3.Error
		if errors.As(err, &sq) && sq.Code == sqlite3.ErrNotADB {
			return refuse(RefusedNotSQLite, KindNotOurs, src, err, "%s is not a Factdesk database (SQLite cannot read it: %v): ask for the copy Factdesk saves to share", src, err)
		}
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
	}
	var appID, version int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, damaged(err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, damaged(err)
	}
	if appID != ApplicationID {
		return 0, refuse(RefusedNotOurs, KindNotOurs, src, nil,
			"%s is another application's SQLite database (application id %#x), not a Factdesk file: ask the reviewer for the copy Factdesk saves to share", src, appID)
	}
	if version > SchemaVersion {
		return 0, &IncomingError{Reason: RefusedNewer, Err: newerFile(ctx, conn, src, version, "; nothing was changed")}
	}
	if version < 1 {
		return 0, refuse(RefusedDamaged, KindCorrupt, src, nil, "%s has no Factdesk schema (version %d): ask the reviewer to save a new copy to share", src, version)
	}
	if problems, err := pragmaList(ctx, conn, "PRAGMA quick_check(5)"); err != nil {
		return 0, damaged(err)
	} else if len(problems) != 1 || problems[0] != "ok" {
		return 0, refuse(RefusedDamaged, KindCorrupt, src, nil, "%s is damaged (%s): ask the reviewer to save a new copy to share", src, strings.Join(problems, "; "))
	}
	if err := checkSchema(ctx, conn, version, src); err != nil {
		return 0, err
	}
	if err := checkForeignKeys(ctx, conn, src); err != nil {
		return 0, err
	}
	if err := checkArticleHashes(ctx, conn, src); err != nil {
		return 0, err
	}
	return version, nil
}

func pragmaList(ctx context.Context, conn *sql.DB, q string) ([]string, error) {
	return queryStrings(ctx, conn, q)
}

// schemaItem is one row of sqlite_schema, without its root page.
type schemaItem struct {
	Type, Name, Table, SQL string
}

func readSchema(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]schemaItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaItem{}
	for rows.Next() {
		var it schemaItem
		if err := rows.Scan(&it.Type, &it.Name, &it.Table, &it.SQL); err != nil {
			return nil, err
		}
		out[strings.ToLower(it.Name)] = it
	}
	return out, rows.Err()
}

var (
	freshMu      sync.Mutex
	freshSchemas = map[int64]map[string]schemaItem{}
)

// freshSchema is the schema of a new database at version v: the allow-list of incoming files.
func freshSchema(ctx context.Context, v int64) (map[string]schemaItem, error) {
	freshMu.Lock()
	defer freshMu.Unlock()
	if s, ok := freshSchemas[v]; ok {
		return s, nil
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	conn, err := sql.Open(driverName, "file:factdesk-fresh-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1) // one in-memory database
	for _, m := range ms {
		if m.version > v {
			break
		}
		if _, err := conn.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	s, err := readSchema(ctx, conn)
	if err != nil {
		return nil, err
	}
	freshSchemas[v] = s
	return s, nil
}

// checkSchema compares the file's schema with the one Factdesk makes for its version.
func checkSchema(ctx context.Context, conn *sql.DB, version int64, src string) error {
	want, err := freshSchema(ctx, version)
	if err != nil {
		return err
	}
	got, err := readSchema(ctx, conn)
	if err != nil {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (its schema cannot be read: %v): ask the reviewer to save a new copy to share", src, err)
	}
	bad := func(format string, a ...any) error {
		return refuse(RefusedSchema, KindNotOurs, src, nil,
			"%s was refused: %s. Factdesk does not make such a file, so another program changed it, and it could run code or hide data when opened; ask the reviewer to save a new copy to share",
			src, fmt.Sprintf(format, a...))
	}
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		g := got[n]
		w, ok := want[n]
		switch {
		case !ok && n == "sqlite_stat1" && g.Type == "table":
			// Statistics written by ANALYZE or PRAGMA optimize: data only.
		case !ok:
			return bad("it has a %s named %q", g.Type, g.Name)
		case g.Type != w.Type:
			return bad("%q is a %s where Factdesk makes a %s", g.Name, g.Type, w.Type)
		case g.SQL != w.SQL || !strings.EqualFold(g.Table, w.Table):
			return bad("the %s %q is defined differently from Factdesk's", g.Type, g.Name)
		}
	}
	missing := make([]schemaItem, 0)
	for n, w := range want {
		if _, ok := got[n]; !ok {
			missing = append(missing, w)
		}
	}
	rank := map[string]int{"table": 0, "view": 1, "trigger": 2, "index": 3}
	sort.Slice(missing, func(i, j int) bool {
		if rank[missing[i].Type] != rank[missing[j].Type] {
			return rank[missing[i].Type] < rank[missing[j].Type]
		}
		return missing[i].Name < missing[j].Name
	})
	if len(missing) > 0 {
		return bad("the %s %q is missing", missing[0].Type, missing[0].Name)
	}
	// The full-text indexes keep their settings in a table: only the version row is Factdesk's.
	for _, t := range []string{"articles_fts_config", "claims_fts_config"} {
		var n, other int64
		if err := conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE k <> 'version') FROM `+t).Scan(&n, &other); err != nil {
			return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
		}
		if other > 0 {
			return bad("its search index settings (%s) were changed", t)
		}
	}
	return nil
}

func checkForeignKeys(ctx context.Context, conn *sql.DB, src string) error {
	rows, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
	}
	defer rows.Close()
	var first string
	n := 0
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		if n == 0 {
			first = fmt.Sprintf("a row of %s points at a missing row of %s", table, parent)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
	}
	if n > 0 {
		return refuse(RefusedBrokenRefs, KindCorrupt, src, nil,
			"%s is inconsistent: %d rows point at rows that do not exist (%s); it was not made by Factdesk as is: ask the reviewer to save a new copy to share", src, n, first)
	}
	return nil
}

// checkArticleHashes makes sure every article's text is the text its SHA-256 names: merges
// match articles by it.
func checkArticleHashes(ctx context.Context, conn *sql.DB, src string) error {
	rows, err := conn.QueryContext(ctx, `SELECT id, sha256, text FROM articles`)
	if err != nil {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, hash, text string
		if err := rows.Scan(&id, &hash, &text); err != nil {
			return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
		}
		if corpus.HashText(text) != hash {
			return refuse(RefusedContent, KindCorrupt, src, nil,
				"%s is inconsistent: the text of article %s does not match its fingerprint (SHA-256), so it was changed outside Factdesk: ask the reviewer to save a new copy to share", src, id)
		}
	}
	if err := rows.Err(); err != nil {
		return refuse(RefusedDamaged, KindCorrupt, src, err, "%s is damaged (%v): ask the reviewer to save a new copy to share", src, err)
	}
	return nil
}

// tempFull is the error of an incoming file that cannot be checked because the disk holding
// the temporary folder (where its private copy goes) is full.
func tempFull(dir, src string, err error) error {
	return &Error{Kind: KindDiskFull, Code: CodeDiskFull, Path: dir, Err: err,
		Msg: "the disk is full (the disk holding the temporary folder " + dir + "), so " + src + " cannot be copied there to be checked: free some space there (or set TMPDIR to a folder on a disk with room), then try again; nothing was changed"}
}

// copyFile copies src to a new file dst (private: 0600).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
