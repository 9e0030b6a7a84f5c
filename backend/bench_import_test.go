//go:build bench

package backend_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// importBenchRows is the size of the import benchmark's file.
const importBenchRows = 100_000

// importBenchFile writes a file of n rows as an agency moving in would have
// it: a name, a status, a provider (Twilio rows with their Account SID), and
// a first user with an email and a time zone.
func importBenchFile(tb testing.TB, dir, prefix string, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("name,status,provider,account sid,user name,user email,time zone\n")
	providers := []string{"Retell AI", "Vapi", "Twilio", "Bland", ""}
	for i := range n {
		status, p, sid := "active", providers[i%len(providers)], ""
		if i%6 == 0 {
			status = "inactive"
		}
		if p == "Twilio" {
			sid = fmt.Sprintf("AC%032x", i)
		}
		fmt.Fprintf(&b, "%s %06d,%s,%s,%s,Owner %d,owner%d@customer%d.example,Europe/Zurich\n", prefix, i, status, p, sid, i, i, i)
	}
	path := filepath.Join(dir, "import.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

func importAll(tb testing.TB, b *backend.Backend, path string) backend.ImportResult {
	tb.Helper()
	f, err := b.Imports.Inspect(path)
	if err != nil {
		tb.Fatal(err)
	}
	req := backend.ImportRequest{Path: path, Mapping: make([]string, len(f.Columns))}
	for i, c := range f.Columns {
		req.Mapping[i] = c.Target
	}
	res, err := b.Imports.Import(req)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestBenchImportFigures: 100,000 rows imported into a fresh database (read
// twice, every row checked, written in batches with an audit entry per
// sub-account, user and provider connection, and the search index), and
// the list's slowest page idle and during an import into the large database
// of make bench.
func TestBenchImportFigures(t *testing.T) {
	fresh, err := backend.New(backend.Config{DataDir: t.TempDir(), Actor: "bench", Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	path := importBenchFile(t, t.TempDir(), "Imported Customer", importBenchRows)
	start := time.Now()
	res := importAll(t, fresh, path)
	took := time.Since(start)
	fresh.Close()
	if res.Created != importBenchRows {
		t.Fatalf("created %d of %d", res.Created, importBenchRows)
	}
	fmt.Printf("bench: import_100k_s %.2f s (%.0f rows/s: sub-account, provider settings, first user, audit entries, search index)\n",
		took.Seconds(), float64(importBenchRows)/took.Seconds())

	big := benchBackend(t)
	q := backend.ListQuery{Sort: "provider", Status: backend.StatusActive, Limit: backend.DefaultPageSize}
	page := func() {
		if _, err := big.SubAccounts.List(q); err != nil {
			t.Fatal(err)
		}
	}
	idle := median(31, page)
	path = importBenchFile(t, t.TempDir(), fmt.Sprintf("Bench import %d", time.Now().UnixNano()), importBenchRows)
	done := make(chan struct{})
	go func() { importAll(t, big, path); close(done) }()
	samples := timedWhile(done, page)
	busy := medianOf(samples)
	fmt.Printf("bench: list_page_idle_median_ms %s ms\n", ms(idle))
	fmt.Printf("bench: list_page_during_import_median_ms %s ms (%d samples)\n", ms(busy), len(samples))
	fmt.Printf("bench: list_page_during_import_ratio %.2f x\n", float64(busy)/float64(idle))
}
