// Command rowsnap records every row of a Switchboard database and later checks
// that each one is still there, for the package upgrade test (tests/upgrade.sh):
//
//	rowsnap save DB SNAPSHOT.json      every table's columns and rows
//	rowsnap check SNAPSHOT.json DB     each recorded row, in the recorded columns,
//	                                   is in DB (migrations may add columns and rows)
//
// It opens the database read-only and prints "rowsnap: N passed, M failed"
// (one check per table) on check.
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	_ "modernc.org/sqlite"
)

type table struct {
	Columns []string `json:"columns"`
	Rows    []string `json:"rows"` // each row's values as JSON, in Columns' order
}

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "save" && os.Args[1] != "check") {
		fmt.Fprintln(os.Stderr, "usage: rowsnap save DB SNAPSHOT.json | rowsnap check SNAPSHOT.json DB")
		os.Exit(2)
	}
	var err error
	if os.Args[1] == "save" {
		err = save(os.Args[2], os.Args[3])
	} else {
		err = check(os.Args[2], os.Args[3])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rowsnap:", err)
		os.Exit(1)
	}
}

func open(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?mode=ro")
}

func save(dbPath, out string) error {
	d, err := open(dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	names, err := tables(d)
	if err != nil {
		return err
	}
	snap := map[string]table{}
	for _, name := range names {
		cols, err := columns(d, name)
		if err != nil {
			return err
		}
		rows, err := rowsOf(d, name, cols)
		if err != nil {
			return err
		}
		snap[name] = table{Columns: cols, Rows: rows}
		fmt.Printf("rowsnap: %s: %d rows\n", name, len(rows))
	}
	b, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o600)
}

func check(snapPath, dbPath string) error {
	b, err := os.ReadFile(snapPath)
	if err != nil {
		return err
	}
	var snap map[string]table
	if err := json.Unmarshal(b, &snap); err != nil {
		return err
	}
	d, err := open(dbPath)
	if err != nil {
		return err
	}
	defer d.Close()
	passed, failed := 0, 0
	for name, old := range snap {
		rows, err := rowsOf(d, name, old.Columns)
		if err != nil {
			fmt.Printf("rowsnap: FAIL %s: %v\n", name, err)
			failed++
			continue
		}
		have := map[string]int{}
		for _, r := range rows {
			have[r]++
		}
		missing := 0
		for _, r := range old.Rows {
			if have[r] == 0 {
				missing++
				if missing <= 3 {
					fmt.Printf("rowsnap: %s: row gone or changed: %s\n", name, r)
				}
				continue
			}
			have[r]--
		}
		if missing > 0 {
			fmt.Printf("rowsnap: FAIL %s: %d of %d rows gone or changed\n", name, missing, len(old.Rows))
			failed++
			continue
		}
		fmt.Printf("rowsnap: ok %s: all %d rows kept (%d now)\n", name, len(old.Rows), len(rows))
		passed++
	}
	fmt.Printf("rowsnap: %d passed, %d failed\n", passed, failed)
	if failed > 0 || passed == 0 {
		return fmt.Errorf("%d table(s) lost rows", failed)
	}
	return nil
}

func tables(d *sql.DB) ([]string, error) {
	rs, err := d.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var names []string
	for rs.Next() {
		var n string
		if err := rs.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rs.Err()
}

func columns(d *sql.DB, name string) ([]string, error) {
	rs, err := d.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var cols []string
	for rs.Next() {
		var c string
		if err := rs.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rs.Err()
}

func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

func rowsOf(d *sql.DB, name string, cols []string) ([]string, error) {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quote(c)
	}
	rs, err := d.Query("SELECT " + strings.Join(q, ", ") + " FROM " + quote(name))
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		b, err := json.Marshal(vals)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, rs.Err()
}
