package backend

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzImportReader: whatever the bytes, the reader ends with records or one
// coded problem on "file"; every record it hands over is UTF-8 with cells
// within the limit, and a row number that only grows.
func FuzzImportReader(f *testing.F) {
	for _, s := range []string{
		"name\nAcme\n", "\uFEFFname;status\r\nA;active\r\n", "name,notes\n\"a\nb\",\"x\"\"y\"\n", "name\n\"open\n",
		"name\nCaf\xe9\n", "\xff\xfen\x00", "", "a\tb\n1\t2\n", "name\na\"b\n", ",,,\n,,,\n", "\"\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := openCSV(bytes.NewReader(data))
		if err != nil {
			if !hasField(err, "file") {
				t.Fatalf("openCSV error %v is not a problem with the file", err)
			}
			return
		}
		last := src.row
		for {
			rec, err := src.next()
			if err != nil {
				if !hasField(err, "file") {
					t.Fatalf("next error %v is not a problem with the file", err)
				}
				return
			}
			if rec == nil {
				return
			}
			if src.row <= last {
				t.Fatalf("row %d after %d", src.row, last)
			}
			last = src.row
			for _, c := range rec {
				if !utf8.ValidString(c) || len(c) > ImportMaxCell {
					t.Fatalf("row %d: cell %q passed", src.row, c)
				}
			}
		}
	})
}

// FuzzImportMapper: for any header, the proposed mapping takes each target
// once, never reads a secret column, and is either accepted or refused with
// a coded problem on "file" or "mapping"; checking rows under it never
// panics and fails a row only with messages.
func FuzzImportMapper(f *testing.F) {
	for _, s := range []string{
		"name,status,provider", "Name;API key;Account SID", "client|email|time zone|auth token",
		"name|name|NAME", "|||", "sub-account|valid until|free minutes|add-on minutes", "password|secret|name",
	} {
		f.Add(s, "Acme|active|Twilio|AC0123456789abcdef0123456789abcdef")
	}
	cat := newImportCatalog(NewAdapters(nil, nil))
	f.Fuzz(func(t *testing.T, header, row string) {
		cols := strings.Split(header, "|")
		sugg := cat.suggest(cols)
		mapping := make([]string, len(cols))
		seen := map[string]bool{}
		for i, c := range sugg {
			if c.Index != i {
				t.Fatalf("column %d has index %d", i, c.Index)
			}
			if c.Target != "" && (seen[c.Target] || c.Secret) {
				t.Fatalf("target %q proposed twice or for a secret column: %+v", c.Target, sugg)
			}
			seen[c.Target], mapping[i] = true, c.Target
		}
		err := cat.checkMapping(cols, mapping)
		if err != nil {
			if !hasField(err, "file") && !hasField(err, "mapping") {
				t.Fatalf("checkMapping error %v has no field", err)
			}
			return
		}
		check := newRowChecker(cat, NewAdapters(nil, nil), cols, mapping, fuzzNow)
		r, fail := check.check(2, strings.Split(row, "|"))
		if fail != nil {
			if len(fail.Problems) == 0 {
				t.Fatal("a failing row without a problem")
			}
			return
		}
		if _, _, err := normalizeName(r.name); err != nil {
			t.Fatalf("row passed with a bad name %q", r.name)
		}
	})
}

// fuzzNow is the moment the fuzzed rows are checked at.
var fuzzNow = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
