package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"switchboard/db"
	"switchboard/db/gen"
)

func names(rows []gen.SubAccount) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Name
	}
	return out
}

func TestListSubAccounts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for i, n := range []string{"Bravo Dental", "alpha Roofing", "Charlie Dental", "Delta_Solar"} {
		row := insert(t, s, n)
		ms := int64(100 - i)
		provider := []string{"retell", "vapi", "", "retell"}[i]
		if err := s.InTx(ctx, func(tx *db.Tx) error {
			if err := tx.SetSubAccountActivity(ctx, gen.SetSubAccountActivityParams{
				Provider: provider, LastCallAt: nil, UpdatedAt: 1, ID: row.ID,
			}); err != nil {
				return err
			}
			return tx.AddSignIn(ctx, gen.AddSignInParams{SubAccountID: row.ID, UserEmail: "owner@example.com", At: ms, Via: "customer"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SQL().Exec("UPDATE sub_accounts SET status = 'inactive' WHERE name = 'Charlie Dental'"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		p     db.ListSubAccountsParams
		want  []string
		total int64
	}{
		{"name ascending, case-insensitive", db.ListSubAccountsParams{Sort: db.SortName}, []string{"alpha Roofing", "Bravo Dental", "Charlie Dental", "Delta_Solar"}, 4},
		{"name descending", db.ListSubAccountsParams{Sort: db.SortName, Desc: true}, []string{"Delta_Solar", "Charlie Dental", "Bravo Dental", "alpha Roofing"}, 4},
		{"last login ascending", db.ListSubAccountsParams{Sort: db.SortLastLogin}, []string{"Delta_Solar", "Charlie Dental", "alpha Roofing", "Bravo Dental"}, 4},
		{"status then name", db.ListSubAccountsParams{Sort: db.SortStatus, Desc: true}, []string{"Charlie Dental", "Delta_Solar", "Bravo Dental", "alpha Roofing"}, 4},
		{"provider then name", db.ListSubAccountsParams{Sort: db.SortProvider}, []string{"Charlie Dental", "Bravo Dental", "Delta_Solar", "alpha Roofing"}, 4},
		{"trigram search", db.ListSubAccountsParams{Sort: db.SortName, Search: "denT"}, []string{"Bravo Dental", "Charlie Dental"}, 2},
		{"short search", db.ListSubAccountsParams{Sort: db.SortName, Search: "AL"}, []string{"alpha Roofing", "Bravo Dental", "Charlie Dental"}, 3},
		{"short search escapes LIKE wildcards", db.ListSubAccountsParams{Sort: db.SortName, Search: "_S"}, []string{"Delta_Solar"}, 1},
		{"search with quotes", db.ListSubAccountsParams{Sort: db.SortName, Search: `"den`}, []string{}, 0},
		{"status filter", db.ListSubAccountsParams{Sort: db.SortName, Status: "inactive"}, []string{"Charlie Dental"}, 1},
		{"provider filter", db.ListSubAccountsParams{Sort: db.SortName, Provider: "retell"}, []string{"Bravo Dental", "Delta_Solar"}, 2},
		{"no provider", db.ListSubAccountsParams{Sort: db.SortName, ProviderNone: true}, []string{"Charlie Dental"}, 1},
		{"combined filters", db.ListSubAccountsParams{Sort: db.SortName, Provider: "retell", Search: "dent"}, []string{"Bravo Dental"}, 1},
		{"second page", db.ListSubAccountsParams{Sort: db.SortName, Limit: 2, Offset: 2}, []string{"Charlie Dental", "Delta_Solar"}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.p.Limit == 0 {
				tc.p.Limit = 50
			}
			rows, total, err := s.ListSubAccounts(ctx, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(rows); !slices.Equal(got, tc.want) || total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)", got, total, tc.want, tc.total)
			}
		})
	}
	if _, _, err := s.ListSubAccounts(ctx, db.ListSubAccountsParams{Sort: "name; DROP TABLE x", Limit: 1}); err == nil {
		t.Error("an unknown sort key was accepted")
	}
}

func TestSearchIndexFollowsDeletes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	row := insert(t, s, "Gamma Dental")
	if err := s.InTx(ctx, func(tx *db.Tx) error { _, err := tx.DeleteSubAccount(ctx, row.ID); return err }); err != nil {
		t.Fatal(err)
	}
	insert(t, s, "Gamma Solar")
	rows, total, err := s.ListSubAccounts(ctx, db.ListSubAccountsParams{Sort: db.SortName, Search: "gamma", Limit: 10})
	if err != nil || total != 1 || len(rows) != 1 || rows[0].Name != "Gamma Solar" {
		t.Errorf("after delete: %v total %d err %v", names(rows), total, err)
	}
}

func TestDenseSearchMatchesSortedSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	tx, err := s.SQL().Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1500 {
		name := fmt.Sprintf("Clinic %04d", (i*7919)%1500)
		if i%3 == 0 {
			name = fmt.Sprintf("Roofing %04d", i)
		}
		if _, err := tx.Exec("INSERT INTO sub_accounts (name, name_key, last_call_at, created_at, updated_at) VALUES (?, lower(?), ?, 1, 1)", name, name, i%97); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []db.SortKey{db.SortName, db.SortLastCall} {
		p := db.ListSubAccountsParams{Search: "clinic", Sort: sort, Desc: true, Limit: 50, Offset: 20}
		got, total, err := s.ListSubAccounts(ctx, p) // 1000 matches: walks the sort index
		if err != nil {
			t.Fatal(err)
		}
		query, args, _ := db.ListSubAccountsSQL(p) // DenseSearch false: sorts the matches
		rows, err := s.SQL().Query(query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for rows.Next() {
			var a gen.SubAccount
			rows.Scan(&a.ID, &a.Name, &a.NameKey, &a.Status, &a.Provider, &a.LastLoginAt, &a.LastCallAt, &a.CreatedAt, &a.UpdatedAt, &a.MinutesLeft, &a.MinutesCapacity, &a.LicenseValidUntil, &a.LastLoginAdmin, &a.CustomerLoginAt)
			want = append(want, a.Name)
		}
		rows.Close()
		if total != 1000 || !slices.Equal(names(got), want) || len(want) != 50 {
			t.Errorf("sort %s: total %d, got %v, want %v", sort, total, names(got), want)
		}
	}
}

// Rows with no login or no call sort after every other row, ascending and
// descending, and the order is still read off the index. Minutes left keeps
// SQL's order ("no license" first ascending).
func TestNeverSortsLastEitherWay(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for i, n := range []string{"Never One", "Early", "Never Two", "Late"} {
		insert(t, s, n)
		var at any
		if i%2 == 1 {
			at = int64(1000 * i)
		}
		if _, err := s.SQL().Exec("UPDATE sub_accounts SET last_login_at = ?, last_call_at = ?, minutes_left = ? WHERE name = ?", at, at, at, n); err != nil {
			t.Fatal(err)
		}
	}
	for _, sort := range []db.SortKey{db.SortLastLogin, db.SortLastCall, db.SortMinutes} {
		for _, desc := range []bool{false, true} {
			want := []string{"Early", "Late", "Never One", "Never Two"}
			switch {
			case sort == db.SortMinutes && desc:
				want = []string{"Late", "Early", "Never Two", "Never One"}
			case sort == db.SortMinutes:
				want = []string{"Never One", "Never Two", "Early", "Late"}
			case desc:
				want = []string{"Late", "Early", "Never Two", "Never One"}
			}
			for _, status := range []string{"", "active"} {
				p := db.ListSubAccountsParams{Sort: sort, Desc: desc, Status: status, Limit: 10}
				rows, _, err := s.ListSubAccounts(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(rows); !slices.Equal(got, want) {
					t.Errorf("%s desc=%v status=%q: %v, want %v", sort, desc, status, got, want)
				}
				// The second page starts where the first ended.
				p.Limit, p.Offset = 2, 2
				if rows, _, _ = s.ListSubAccounts(ctx, p); !slices.Equal(names(rows), want[2:]) {
					t.Errorf("%s desc=%v status=%q second page: %v", sort, desc, status, names(rows))
				}
				query, args, _ := db.ListSubAccountsSQL(p)
				if plan := queryPlan(t, s, query, args); strings.Contains(plan, "TEMP B-TREE") {
					t.Errorf("%s desc=%v status=%q sorts the rows: %s", sort, desc, status, plan)
				}
			}
		}
	}
}

func queryPlan(t *testing.T, s *db.Store, query string, args []any) string {
	t.Helper()
	rows, err := s.SQL().Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

// A search with many matches tests ASCII names with LIKE and the others on
// the trigram index: the rows found are those the trigram index alone finds,
// whatever the case or the characters. Capped, the count of a search with
// many matches stops past the cap.
func TestDenseSearchFindsWhatTheIndexFinds(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	tx, err := s.SQL().Begin()
	if err != nil {
		t.Fatal(err)
	}
	odd := []string{"ÉKLINIK Été", "Ärzte KLINIK", "klİnik Ankara", "Straße Klinik", "Ｋlinik wide", "\u212Alinik (Kelvin sign)", "Klinik\u00a0Café"}
	for i := range 1700 {
		name := fmt.Sprintf("Klinik %04d", (i*7919)%1700)
		switch {
		case i < len(odd):
			name = odd[i]
		case i%3 == 0:
			name = fmt.Sprintf("Roofing %04d", i)
		case i%5 == 0:
			name = fmt.Sprintf("KLINIK %04d", i)
		}
		if _, err := tx.Exec("INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES (?, lower(?) || ?, 1, 1)", name, name, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, search := range []string{"klinik", "KLINIK", "inik 0", "klİnik", "é klinik"} {
		p := db.ListSubAccountsParams{Search: search, Sort: db.SortName, Limit: 2000}
		got, total, err := s.ListSubAccounts(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		rows, err := s.SQL().Query("SELECT name FROM sub_accounts WHERE id IN (SELECT rowid FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ?) ORDER BY name_key", `"`+search+`"`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			want = append(want, n)
		}
		rows.Close()
		if !slices.Equal(names(got), want) || total != int64(len(want)) {
			t.Errorf("%q: %d rows (total %d), the index finds %d; differ: %v", search, len(got), total, len(want), diff(names(got), want))
		}
		for _, cap := range []int{10, 5000} {
			p := db.ListSubAccountsParams{Search: search, Sort: db.SortName, Limit: 5, CountCap: cap}
			_, n, capped, err := s.ListSubAccountsPage(ctx, p)
			wantN, wantCapped := int64(len(want)), false
			if len(want) > cap && len(want) >= 1000 { // fewer matches are read, and counted, at once
				wantN, wantCapped = int64(cap), true
			}
			if err != nil || n != wantN || capped != wantCapped {
				t.Errorf("%q cap %d: total %d capped %v, want %d %v (%v)", search, cap, n, capped, wantN, wantCapped, err)
			}
		}
	}
}

func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, "+"+x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, "-"+x)
		}
	}
	return out
}
