package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"factdesk/annotate"
	"factdesk/annotate/report"
)

// Full paths of imported files name the user and their folders (for a fact-checker, perhaps
// a source). New imports keep only the file name unless asked (ingest.Options.KeepPath), but
// a database made before, or by an import that kept paths, holds full paths. They are taken
// out when the record leaves the machine, whatever their age: share copies (SaveCopy) and
// exports (ReportModel) carry only the file name of every origin, unless the person opts in
// (CopyOptions.KeepPaths, ReportOptions.KeepPaths). The database itself keeps what it holds:
// nothing saved is changed, and opting in later still has the paths to give.

// ShareableOrigin is what of an article's origin may leave the machine: the file name of a
// local path (either separator, so a path from Windows is cut too), a web address or a name
// such as "stdin" as it is.
func ShareableOrigin(origin string) string {
	if origin == "" || strings.Contains(origin, "://") {
		return origin
	}
	if i := strings.LastIndexAny(origin, `/\`); i >= 0 {
		if name := origin[i+1:]; name != "" {
			return name
		}
		return ShareableOrigin(strings.TrimRight(origin, `/\`))
	}
	if len(origin) > 2 && origin[1] == ':' { // C:name
		return origin[2:]
	}
	return origin
}

// CopyOptions are the choices of SaveCopyWith.
type CopyOptions struct {
	// KeepPaths keeps the full paths of imported files in the copy (the person opted in).
	KeepPaths bool
	// Progress, when not nil, is called from another goroutine with the fraction done.
	Progress func(float64)
}

// SaveCopyWith is SaveCopy with options: by default the copy carries only the file name of
// every article's origin, in the articles and in their history.
func (db *DB) SaveCopyWith(ctx context.Context, out string, opt CopyOptions) error {
	if _, err := db.CheckCopyTarget(ctx, out); err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	var fix func(context.Context, *sql.DB) error
	if !opt.KeepPaths {
		fix = stripCopyPaths
	}
	return vacuumIntoWith(ctx, db.path, abs, opt.Progress, fix)
}

// historyPathEntries selects the history entries that may hold a path: the creation of an
// article, a change of its origin, and the record of a JSON import (its file).
const historyPathEntries = `FROM history WHERE (tbl = 'articles' AND field IN ('create', 'origin', 'merge:origin', 'import:origin'))
	OR (tbl = 'imports' AND field = 'create')`

// stripCopyPaths replaces every origin of the copy at conn by its file name: in the articles
// and in the history (which is append-only in a working database; the copy is a new file
// that nobody has read yet, and its entries keep their ids).
func stripCopyPaths(ctx context.Context, conn *sql.DB) error {
	c, err := conn.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	// The values replaced must not stay behind in the file's free space.
	if _, err := c.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	type change struct{ id, value string }
	var arts []change
	rows, err := tx.QueryContext(ctx, `SELECT id, origin FROM articles WHERE origin <> ''`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, origin string
		if err := rows.Scan(&id, &origin); err != nil {
			rows.Close()
			return err
		}
		if s := ShareableOrigin(origin); s != origin {
			arts = append(arts, change{id, s})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	type entryChange struct {
		id       string
		old, new sql.NullString
	}
	var entries []entryChange
	hrows, err := tx.QueryContext(ctx, `SELECT id, tbl, field, old, new `+historyPathEntries)
	if err != nil {
		return err
	}
	for hrows.Next() {
		var e entryChange
		var tbl, field string
		if err := hrows.Scan(&e.id, &tbl, &field, &e.old, &e.new); err != nil {
			hrows.Close()
			return err
		}
		h := annotate.HistoryEntry{Table: tbl, Field: field, Old: e.old.String, New: e.new.String}
		if stripEntryPaths(&h) {
			e.old.String, e.new.String = h.Old, h.New
			entries = append(entries, e)
		}
	}
	hrows.Close()
	if err := hrows.Err(); err != nil {
		return err
	}
	if len(arts) == 0 && len(entries) == 0 {
		return nil
	}
	for _, a := range arts {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET origin = ? WHERE id = ?`, a.value, a.id); err != nil {
			return err
		}
	}
	if len(entries) > 0 {
		var trig string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'history_no_update'`).Scan(&trig); err != nil {
			return fmt.Errorf("the copy's history guard: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER history_no_update`); err != nil {
			return err
		}
		for _, e := range entries {
			if _, err := tx.ExecContext(ctx, `UPDATE history SET old = ?, new = ? WHERE id = ?`, nullable(nullPtr(e.old)), nullable(nullPtr(e.new)), e.id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, trig); err != nil { // the same guard, word for word
			return err
		}
	}
	return tx.Commit()
}

func nullPtr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// stripEntryPaths replaces the paths a history entry may hold by their file names, and
// reports whether it changed anything.
func stripEntryPaths(h *annotate.HistoryEntry) bool {
	switch {
	case h.Table == "articles" && h.Field == "create":
		return stripJSONKey(&h.New, "origin")
	case h.Table == "imports" && h.Field == "create":
		return stripJSONKey(&h.New, "file")
	case h.Table == "articles" && strings.HasSuffix(h.Field, "origin") && (h.Field == "origin" || strings.HasSuffix(h.Field, ":origin")):
		o, n := ShareableOrigin(h.Old), ShareableOrigin(h.New)
		changed := o != h.Old || n != h.New
		h.Old, h.New = o, n
		return changed
	}
	return false
}

// stripJSONKey replaces the path at key of a JSON object by its file name, keeping the other
// keys as they are.
func stripJSONKey(js *string, key string) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(*js), &obj) != nil {
		return false
	}
	raw, ok := obj[key]
	if !ok {
		return false
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	s := ShareableOrigin(v)
	if s == v {
		return false
	}
	b, err := json.Marshal(s)
	if err != nil {
		return false
	}
	obj[key] = b
	out, err := json.Marshal(obj)
	if err != nil {
		return false
	}
	*js = string(out)
	return true
}

// ReportOptions are the choices of ReportModelWith.
type ReportOptions struct {
	// KeepPaths keeps the full paths of imported files in the export (the person opted in).
	KeepPaths bool
}

// ReportModelWith is ReportModel with options: by default the model carries only the file
// name of every article's origin, in the articles and in their history.
func (db *DB) ReportModelWith(ctx context.Context, articleIDs []string, verdicts []annotate.Verdict, opt ReportOptions) (report.Model, error) {
	m, err := db.reportModel(ctx, articleIDs, verdicts)
	if err != nil || opt.KeepPaths {
		return m, err
	}
	for i := range m.Articles {
		m.Articles[i].Origin = ShareableOrigin(m.Articles[i].Origin)
	}
	for i := range m.Deleted.Articles {
		m.Deleted.Articles[i].Row.Origin = ShareableOrigin(m.Deleted.Articles[i].Row.Origin)
	}
	for i := range m.History {
		stripEntryPaths(&m.History[i])
	}
	return m, nil
}
