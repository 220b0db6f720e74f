package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// SchemaVersion is the newest schema this version of Factdesk knows (PRAGMA user_version).
var SchemaVersion = func() int64 {
	ms, err := migrations()
	if err != nil {
		panic(err)
	}
	return ms[len(ms)-1].version
}()

type migration struct {
	version int64
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.ParseInt(strings.SplitN(base, "_", 2)[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", n)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != int64(i+1) {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3...: %s", m.name)
		}
	}
	return ms, nil
}

// migrate brings the schema up to SchemaVersion, one transaction per migration.
func (db *DB) migrate(ctx context.Context) error {
	return migrateConn(ctx, db.write, db.path)
}

// migrateConn applies the missing migrations to the database behind conn.
func migrateConn(ctx context.Context, conn *sql.DB, path string) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var version int64
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err, path)
	}
	if version > SchemaVersion {
		return newerFile(ctx, conn, path, version, "")
	}
	for _, m := range ms {
		if m.version <= version {
			continue
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return classify(err, path)
		}
		// Another process may have migrated the file since we looked: read the version again
		// under the write lock (the writer's transactions are IMMEDIATE).
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			tx.Rollback()
			return classify(err, path)
		}
		if m.version <= version {
			tx.Rollback()
			continue
		}
		stmts := m.sql + fmt.Sprintf("\nPRAGMA user_version = %d;\nPRAGMA application_id = %d;", m.version, ApplicationID)
		if _, err := tx.ExecContext(ctx, stmts); err != nil {
			tx.Rollback()
			return fmt.Errorf("schema migration %s failed: %w", m.name, classify(err, path))
		}
		if err := tx.Commit(); err != nil {
			return classify(err, path)
		}
	}
	return nil
}
