package cli_test

import (
	"context"
	"strings"
	"testing"

	"switchboard/db"
)

// listNames returns "name status provider" lines of a database, in id order.
func listNames(t *testing.T, path string) string {
	t.Helper()
	s, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.SQL().QueryContext(context.Background(), "SELECT name, status, provider FROM sub_accounts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var n, st, p string
		if err := rows.Scan(&n, &st, &p); err != nil {
			t.Fatal(err)
		}
		b.WriteString(n + " " + st + " " + p + "\n")
	}
	return b.String()
}
