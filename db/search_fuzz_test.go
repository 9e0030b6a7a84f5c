package db_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"switchboard/db"
	"switchboard/db/gen"
)

// searchRows are the texts the search fuzz targets look in: names that
// quote, escape, wildcard or spell FTS5 syntax, and text beyond ASCII.
var searchRows = []string{
	"Bravo Dental", "alpha Roofing", "Delta_Solar", `Quote "Co" Ltd`, "100% Pure", `Back\slash Inc`,
	"Café Noir", "ÅNGSTRÖM ab", "日本語の会社", "Emoji 🎉 Party", "x'; DROP TABLE y", "AND OR NOT NEAR",
	"col:umn*^ (x)", "Replacement \uFFFD char", "Straße", "ΣΊΣΥΦΟΣ",
}

// searchSeeds are the search texts every run tries: the NUL of defect 5,
// other control characters, invalid UTF-8, FTS5 and LIKE syntax.
var searchSeeds = []string{
	"a\x00b", "\x00", "\x00\x00\x00", "den\x00", "Den", "de", "al", "_S", "%", `\`, `"`, `"Co"`, `""`,
	"\"den", "AND", "NEAR(a b)", "col:*", "ta_S", "0% P", `k\s`, "café", "CAFÉ NOIR", "é", "日本", "🎉",
	"\uFFFD", "e\u0301", "Cafe\u0301", "\u0301", "\xff", "\xff\xfe\xfd", "\xc3", "a\x01b", "\t\n\r", "\u200b", "' OR 1=1 --", "*", "ß",
}

// openSearchDB opens a migrated database in a temporary directory.
func openSearchDB(tb testing.TB) *db.Store {
	tb.Helper()
	s, err := db.OpenMigrated(context.Background(), filepath.Join(tb.TempDir(), db.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// insertNamed adds a sub-account named name.
func insertNamed(tb testing.TB, s *db.Store, name string) gen.SubAccount {
	tb.Helper()
	ctx := context.Background()
	var row gen.SubAccount
	err := s.InTx(ctx, func(tx *db.Tx) error {
		var err error
		row, err = tx.CreateSubAccount(ctx, gen.CreateSubAccountParams{
			Name: name, NameKey: strings.ToLower(name), CreatedAt: 1, UpdatedAt: 1})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return row
}

// containsFold reports whether s contains sub, rune by rune under Unicode
// simple case folding: the widest reading of "case-insensitive substring".
func containsFold(s, sub string) bool {
	hay, needle := []rune(s), []rune(sub)
	for i := 0; i+len(needle) <= len(hay); i++ {
		match := true
		for j, r := range needle {
			if !equalFoldRune(hay[i+j], r) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// isASCIIPrintable reports whether s is printable ASCII, where both the
// trigram index and LIKE fold case exactly as containsFold does.
func isASCIIPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// matches is the plain Go filter a search is checked against: text
// contains the search in NFC (the form of stored text), case-insensitively.
func matches(text, search string) bool { return containsFold(text, norm.NFC.String(search)) }

// checkSearch compares what a search found with what the Go filter of the
// same rows finds: a search that is not valid UTF-8 or holds a NUL finds
// nothing; any other finds a subset of the filter, and exactly the filter
// for printable ASCII.
func checkSearch(t *testing.T, search string, got, want []int64) {
	t.Helper()
	if !utf8.ValidString(search) || strings.ContainsRune(search, 0) {
		want = nil
	}
	for _, id := range got {
		if !slices.Contains(want, id) {
			t.Fatalf("search %q found row %d that does not contain it (found %v, want within %v)", search, id, got, want)
		}
	}
	if isASCIIPrintable(search) && len(got) != len(want) {
		t.Fatalf("search %q found %v, want %v", search, got, want)
	}
}

// FuzzSubAccountSearch runs the sub-account list's search, through the
// index and through the short-search scan, on a real migrated database.
func FuzzSubAccountSearch(f *testing.F) {
	for _, s := range searchSeeds {
		f.Add(s)
	}
	ctx := context.Background()
	s := openSearchDB(f)
	ids := map[int64]string{}
	for _, n := range searchRows {
		ids[insertNamed(f, s, n).ID] = n
	}
	f.Fuzz(func(t *testing.T, search string) {
		rows, total, err := s.ListSubAccounts(ctx, db.ListSubAccountsParams{Search: search, Sort: db.SortName, Limit: 100})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		got := make([]int64, len(rows))
		for i, r := range rows {
			got[i] = r.ID
		}
		if total != int64(len(rows)) {
			t.Fatalf("search %q: total %d for %d rows", search, total, len(rows))
		}
		var want []int64
		for id, name := range ids {
			if matches(name, search) {
				want = append(want, id)
			}
		}
		checkSearch(t, search, got, want)
	})
}

// FuzzAuditSearch runs the audit log's search, over the whole log (through
// the index or the short-search scan) and within one sub-account, on a real
// migrated database.
func FuzzAuditSearch(f *testing.F) {
	for _, s := range searchSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	ctx := context.Background()
	s := openSearchDB(f)
	sub := insertNamed(f, s, "Scoped One")
	type entry struct {
		scoped bool
		texts  []string
	}
	var entries []entry
	err := s.InTx(ctx, func(tx *db.Tx) error {
		for i, text := range searchRows {
			p := gen.CreateAuditEntryParams{At: int64(i), Actor: "ops", Action: "sub_account.create",
				SubjectName: text, Summary: "Changed “" + text + "”"}
			if i%2 == 0 {
				p.SubAccountID, p.SubAccountName = &sub.ID, sub.Name
			}
			if i%3 == 0 {
				p.AsUser, p.AccessSessionID = "user "+text, &p.At
			}
			if err := tx.CreateAuditEntry(ctx, p); err != nil {
				return err
			}
			entries = append(entries, entry{p.SubAccountID != nil,
				[]string{p.Actor, p.AsUser, p.Action, p.SubAccountName, p.SubjectName, p.Summary}})
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, search string, scoped bool) {
		p := db.AuditPageParams{Search: search, Limit: 100}
		if scoped {
			p.SubAccountID = &sub.ID
		}
		items, total, _, err := s.ListAuditPage(ctx, p)
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if total != int64(len(items)) {
			t.Fatalf("search %q: total %d for %d entries", search, total, len(items))
		}
		got := make([]int64, len(items))
		for i, a := range items {
			got[i] = a.ID
		}
		var want []int64
		for i, e := range entries {
			if (!scoped || e.scoped) && slices.ContainsFunc(e.texts, func(s string) bool { return matches(s, search) }) {
				want = append(want, int64(i+1))
			}
		}
		checkSearch(t, search, got, want)
	})
}
