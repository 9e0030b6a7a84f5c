package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"switchboard/db"
	"switchboard/db/gen"
)

func openTest(t *testing.T) *db.Store {
	t.Helper()
	s, err := db.OpenMigrated(context.Background(), filepath.Join(t.TempDir(), db.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func insert(t *testing.T, s *db.Store, name string) gen.SubAccount {
	t.Helper()
	ctx := context.Background()
	var row gen.SubAccount
	err := s.InTx(ctx, func(tx *db.Tx) error {
		var err error
		row, err = tx.CreateSubAccount(ctx, gen.CreateSubAccountParams{
			Name: name, NameKey: strings.ToLower(name), CreatedAt: 1, UpdatedAt: 1,
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return row
}

// The helpers below reach the database the way any code would, through its
// own *sql.DB with the app's DSN and goose, so that the schema and migration
// tests do not depend on the Store's API.

// openSQL opens the database at path with the app's DSN (foreign keys on).
func openSQL(t *testing.T, path string) *sql.DB {
	t.Helper()
	d, err := sql.Open("sqlite", db.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Ping(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// gooseProvider is goose over the embedded migrations.
func gooseProvider(t *testing.T, d *sql.DB) *goose.Provider {
	t.Helper()
	p, err := goose.NewProvider(goose.DialectSQLite3, d, db.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// migrationVersions lists the versions of the embedded migrations, in order.
func migrationVersions(t *testing.T) []int64 {
	t.Helper()
	var out []int64
	for _, src := range gooseProvider(t, openSQL(t, filepath.Join(t.TempDir(), "versions.db"))).ListSources() {
		out = append(out, src.Version)
	}
	if len(out) == 0 {
		t.Fatal("no embedded migrations")
	}
	return out
}

func schemaVersion(t *testing.T, d *sql.DB) int64 {
	t.Helper()
	v, err := gooseProvider(t, d).GetDBVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func execSQL(t *testing.T, d *sql.DB, stmts string, args ...any) {
	t.Helper()
	if _, err := d.Exec(stmts, args...); err != nil {
		t.Fatalf("%v\n%s", err, stmts)
	}
}

func count(t *testing.T, d *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := d.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// tableNames lists the tables of the main schema of the given kinds
// ("table", "shadow" for FTS storage), without SQLite's own.
func tableNames(t *testing.T, d *sql.DB, kinds ...string) []string {
	t.Helper()
	rows, err := d.Query("SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, kind string
		if err := rows.Scan(&name, &kind); err != nil {
			t.Fatal(err)
		}
		for _, k := range kinds {
			if kind == k {
				out = append(out, name)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tableRows is a table's rows, ordered by primary key, restricted to cols.
type tableRows struct {
	cols []string
	key  []string // the primary key's columns (rowid when none is declared)
	rows [][]any
}

// columns returns a table's columns and its primary key, in order.
func columns(t *testing.T, d *sql.DB, table string) (cols, key []string) {
	t.Helper()
	rows, err := d.Query("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	pk := map[int]string{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, name)
		if n > 0 {
			pk[n] = name
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= len(pk); i++ {
		key = append(key, pk[i])
	}
	if len(key) == 0 {
		key = []string{"rowid"}
	}
	return cols, key
}

// readTable reads cols (all columns when nil) of every row of table.
func readTable(t *testing.T, d *sql.DB, table string, cols []string) tableRows {
	t.Helper()
	all, key := columns(t, d, table)
	if len(all) == 0 {
		t.Fatalf("table %s does not exist", table)
	}
	if cols == nil {
		cols = all
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
		if strings.Contains(c, ") AS ") { // an expression, from migrationConversions
			quoted[i] = c
		}
	}
	order := make([]string, len(key))
	for i, c := range key {
		order[i] = quoteIdent(c)
	}
	query := "SELECT " + strings.Join(quoted, ", ") + " FROM " + quoteIdent(table) + " ORDER BY " + strings.Join(order, ", ")
	return tableRows{cols: cols, key: key, rows: readRowsOf(t, d, query)}
}

// dumpAll reads every row of every table, FTS storage included.
func dumpAll(t *testing.T, d *sql.DB) map[string]tableRows {
	t.Helper()
	out := map[string]tableRows{}
	for _, name := range tableNames(t, d, "table", "shadow") {
		out[name] = readTable(t, d, name, nil)
	}
	return out
}

// diffTables describes how got differs from want, table by table, matching
// rows by primary key; "" when they hold the same rows.
func diffTables(want, got map[string]tableRows) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(want)) {
		w := want[name]
		g, ok := got[name]
		if !ok {
			fmt.Fprintf(&b, "table %s is gone\n", name)
			continue
		}
		if reflect.DeepEqual(w.rows, g.rows) {
			continue
		}
		fmt.Fprintf(&b, "table %s: %d rows, want %d\n", name, len(g.rows), len(w.rows))
		wk, gk := w.byKey(), g.byKey()
		for _, k := range slices.Sorted(maps.Keys(wk)) {
			gr, ok := gk[k]
			switch {
			case !ok:
				fmt.Fprintf(&b, "  row %s is gone: %s\n", k, showRow(w.cols, wk[k]))
			case !reflect.DeepEqual(wk[k], gr):
				for i, c := range w.cols {
					if !reflect.DeepEqual(wk[k][i], gr[i]) {
						fmt.Fprintf(&b, "  row %s: %s = %s, want %s\n", k, c, showValue(gr[i]), showValue(wk[k][i]))
					}
				}
			}
		}
		for _, k := range slices.Sorted(maps.Keys(gk)) {
			if _, ok := wk[k]; !ok {
				fmt.Fprintf(&b, "  new row %s: %s\n", k, showRow(g.cols, gk[k]))
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			fmt.Fprintf(&b, "new table %s\n", name)
		}
	}
	return b.String()
}

// byKey indexes the rows by their primary key's values (by position when
// the key is not among the columns read).
func (r tableRows) byKey() map[string][]any {
	idx := make([]int, 0, len(r.key))
	for _, k := range r.key {
		if i := slices.Index(r.cols, k); i >= 0 {
			idx = append(idx, i)
		}
	}
	out := map[string][]any{}
	for n, row := range r.rows {
		parts := make([]string, 0, len(idx))
		for _, i := range idx {
			parts = append(parts, r.cols[i]+"="+showValue(row[i]))
		}
		k := strings.Join(parts, ",")
		if len(idx) < len(r.key) {
			k = fmt.Sprintf("#%03d", n)
		}
		out[k] = row
	}
	return out
}

func showValue(v any) string {
	if b, ok := v.([]byte); ok {
		return fmt.Sprintf("blob(%d bytes)", len(b))
	}
	return fmt.Sprintf("%#v", v)
}

func showRow(cols []string, r []any) string {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = cols[i] + "=" + showValue(v)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// checkSound fails t unless PRAGMA integrity_check says ok and PRAGMA
// foreign_key_check finds no orphan.
func checkSound(t *testing.T, d *sql.DB) {
	t.Helper()
	rows, err := d.Query("PRAGMA integrity_check")
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if len(problems) > 0 {
		t.Errorf("integrity_check: %v", problems)
	}
	rows, err = d.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			t.Fatal(err)
		}
		t.Errorf("foreign_key_check: %s row %v points to a missing %s", table, rowid.Int64, parent)
	}
}

func TestBackupNeverOverwrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), db.FileName)
	s, err := db.OpenMigrated(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	execSQL(t, openSQL(t, path), "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Acme Dental', 'acme dental', 1, 1)")
	target := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, target); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, target); !errors.Is(err, db.ErrBackupExists) {
		t.Errorf("second backup to the same file: %v, want ErrBackupExists", err)
	}
	if after, err := os.ReadFile(target); err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("the refused backup changed the existing file (%v)", err)
	}
	if n := count(t, openSQL(t, target), "SELECT count(*) FROM sub_accounts WHERE name = 'Acme Dental'"); n != 1 {
		t.Errorf("backup holds %d copies of the sub-account, want 1", n)
	}
}
