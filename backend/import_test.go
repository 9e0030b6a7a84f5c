package backend_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// importEvents records the import's progress.
type importEvents struct {
	mu       sync.Mutex
	progress []backend.ImportProgress
}

func (e *importEvents) Emit(name backend.EventName, data any) {
	if name == backend.EventImport {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.progress = append(e.progress, data.(backend.ImportProgress))
	}
}

func newImportBackend(t testing.TB) (*backend.Backend, *importEvents, string) {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}
	ev, dir := &importEvents{}, t.TempDir()
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "dana", Now: c.now, Secrets: &keychaintest.Memory{}, Events: ev})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, ev, dir
}

func writeFile(t testing.TB, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// suggested is the request Go proposes for the file.
func suggested(t testing.TB, b *backend.Backend, path string) backend.ImportRequest {
	t.Helper()
	f, err := b.Imports.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	req := backend.ImportRequest{Path: path, Mapping: make([]string, len(f.Columns))}
	for i, c := range f.Columns {
		req.Mapping[i] = c.Target
	}
	return req
}

func auditLines(t testing.TB, dir string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "switchboard.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT action || ' ' || sub_account_name || ': ' || summary FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

const importSample = "name,status,provider,Account SID,user name,user email,user time zone,valid until,free minutes\n" +
	"Acme Dental,active,Twilio,AC0123456789abcdef0123456789abcdef,Dana Owner,dana@ACME.example,Europe/Zurich,2027-12-31,300\n" +
	"Beta Roofing,Inactive,retell,,Sam,sam@beta,Mars/Olympus,,\n" + // bad email, unknown zone
	"acme dental,,,,,,,,\n" + // duplicate in the file
	"Taken Already,,,,,,,,\n" + // duplicate in the database
	"Gamma Plumbing,inactive,Vapi,,,,,,\n" +
	"Delta,active,Twilio,AC12,,,,,\n" + // the provider's own rule
	"\"=HYPERLINK(\"\"http://x\"\")\",,,,,,,,\n" // a formula-like cell

func TestImportPreviewNamesEveryFailingRowAndWritesNothing(t *testing.T) {
	b, _, dir := newImportBackend(t)
	mustCreate(t, b, "Taken already")
	before := len(auditLines(t, dir))
	path := writeFile(t, "clients.csv", []byte(importSample))
	p, err := b.Imports.Preview(suggested(t, b, path))
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows != 7 || p.Valid != 2 || p.Invalid != 5 || p.NeedCredentials != 2 || p.Users != 1 || p.Licenses != 1 {
		t.Fatalf("preview = %+v", p)
	}
	want := map[int][]string{
		3: {"The domain of an email needs a dot", "“Mars/Olympus” is not a time zone"},
		4: {"already on row 2 of this file"},
		5: {"A sub-account named “Taken Already” already exists."},
		7: {"Account SID must be AC followed by 32 hexadecimal characters."},
		8: {"starts like a spreadsheet formula"},
	}
	for _, f := range p.Failures {
		var all []string
		for _, pr := range f.Problems {
			all = append(all, pr.Column+": "+pr.Message)
		}
		for _, w := range want[f.Row] {
			if !strings.Contains(strings.Join(all, "|"), w) {
				t.Errorf("row %d (%s): %v, want %q", f.Row, f.Name, all, w)
			}
		}
		delete(want, f.Row)
	}
	if len(want) > 0 {
		t.Errorf("rows not named: %v", want)
	}
	if got := count(t, b); got != 1 {
		t.Fatalf("a preview created sub-accounts: %d", got)
	}
	if after := len(auditLines(t, dir)); after != before {
		t.Fatalf("a preview wrote %d audit rows", after-before)
	}
}

func TestImportWritesTheValidRowsWithAnAuditEntryPerRowAndARerunCreatesNothing(t *testing.T) {
	b, ev, dir := newImportBackend(t)
	mustCreate(t, b, "Taken already")
	path := writeFile(t, "clients.csv", []byte(importSample))
	req := suggested(t, b, path)
	p, err := b.Imports.Preview(req)
	if err != nil {
		t.Fatal(err)
	}
	req.Fingerprint = p.Fingerprint
	res, err := b.Imports.Import(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.NotImported != 5 || res.NeedCredentials != 2 {
		t.Fatalf("result = %+v", res)
	}
	page, err := b.SubAccounts.List(backend.ListQuery{Search: "acme"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("search acme = %+v, %v (the search index must hold imported names)", page, err)
	}
	acme := page.Items[0]
	conn, err := b.Providers.Get(acme.ID)
	if err != nil || conn.Provider != "twilio" || conn.State != backend.StateNotVerified || conn.Fields["accountSid"] != "AC0123456789abcdef0123456789abcdef" || conn.SecretHint != "" {
		t.Fatalf("connection = %+v, %v", conn, err)
	}
	users, err := b.Users.List(backend.UserQuery{SubAccountID: acme.ID})
	if err != nil || len(users.Items) != 1 || users.Items[0].Email != "dana@acme.example" || users.Items[0].Role != backend.RoleAdmin {
		t.Fatalf("users = %+v, %v", users, err)
	}
	lic, err := b.Licenses.Get(acme.ID)
	if err != nil || !lic.Licensed || lic.FreeLeft != 300 || lic.TimeZone != "Europe/Zurich" {
		t.Fatalf("license = %+v, %v", lic, err)
	}
	gamma, err := b.SubAccounts.List(backend.ListQuery{Search: "Gamma"})
	if err != nil || len(gamma.Items) != 1 || gamma.Items[0].Status != backend.StatusInactive || gamma.Items[0].Provider != "vapi" {
		t.Fatalf("gamma = %+v, %v", gamma, err)
	}
	audit := strings.Join(auditLines(t, dir), "\n")
	for _, w := range []string{
		"sub_account.create Acme Dental: Created sub-account “Acme Dental”; Twilio settings without credentials (Not verified); " +
			"first user Admin “Dana Owner” <dana@acme.example>, time zone Europe/Zurich; imported from clients.csv, row 2",
		"sub_account.create Gamma Plumbing: Created sub-account “Gamma Plumbing”, Inactive; Vapi settings without credentials (Not verified); imported from clients.csv, row 6",
		"license.add Acme Dental: Added to license: validity until 31 Dec 2027 23:59 (Europe/Zurich), 300 free minutes per cycle (imported from clients.csv, row 2)",
		"import.csv : Imported clients.csv: 2 sub-accounts created, 5 rows not imported, 2 still need provider credentials",
	} {
		if !strings.Contains(audit, w) {
			t.Errorf("audit log lacks %q:\n%s", w, audit)
		}
	}
	if len(ev.progress) != 2 || ev.progress[1] != (backend.ImportProgress{Done: 2, Total: 2}) {
		t.Errorf("progress = %v", ev.progress)
	}
	again, err := b.Imports.Import(suggested(t, b, path))
	if err != nil || again.Created != 0 || again.NotImported != 7 {
		t.Fatalf("re-run = %+v, %v", again, err)
	}
	if got := count(t, b); got != 3 {
		t.Fatalf("%d sub-accounts after the re-run, want 3", got)
	}
}

func TestImportWritesInBatchesWithOneEntryPerRow(t *testing.T) {
	b, ev, dir := newImportBackend(t)
	var buf strings.Builder
	buf.WriteString("name,user email,user name,time zone\n")
	for i := range 2500 {
		fmt.Fprintf(&buf, "Customer %05d,owner@c%d.example,Owner %d,UTC\n", i, i, i)
	}
	res, err := b.Imports.Import(suggested(t, b, writeFile(t, "big.csv", []byte(buf.String()))))
	if err != nil || res.Created != 2500 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	want := []backend.ImportProgress{{0, 2500}, {1000, 2500}, {2000, 2500}, {2500, 2500}}
	if fmt.Sprint(ev.progress) != fmt.Sprint(want) {
		t.Errorf("progress = %v, want %v (one per batch)", ev.progress, want)
	}
	audit := auditLines(t, dir)
	if len(audit) != 2501 {
		t.Fatalf("%d audit entries, want one per row and one for the import", len(audit))
	}
	want1 := "sub_account.create Customer 02499: Created sub-account “Customer 02499”; first user Admin “Owner 2499” <owner@c2499.example>, time zone UTC; imported from big.csv, row 2501"
	if audit[2499] != want1 {
		t.Errorf("the last row's entry is %q, want %q", audit[2499], want1)
	}
	if users, err := b.Users.List(backend.UserQuery{SubAccountID: 2500}); err != nil || len(users.Items) != 1 || users.Items[0].Name != "Owner 2499" {
		t.Errorf("users of the last = %+v, %v", users, err)
	}
	perms, err := b.Permissions.Get(int64(res.Created)) // the last one made: its permission set from the defaults
	if err != nil || perms.Version != 1 {
		t.Fatalf("permissions of an imported sub-account = %+v, %v", perms, err)
	}
}

func TestImportReadsWhatSpreadsheetsWrite(t *testing.T) {
	b, _, _ := newImportBackend(t)
	body := "\uFEFFName;Status;Notes\r\n\"Acme; Dental\";Active;\"two\r\nlines\"\r\nBeta;inactive;x\r\n;;\r\n"
	res, err := b.Imports.Import(suggested(t, b, writeFile(t, "excel.csv", []byte(body))))
	if err != nil || res.Created != 2 || res.NotImported != 0 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	page, _ := b.SubAccounts.List(backend.ListQuery{})
	if len(page.Items) != 2 || page.Items[0].Name != "Acme; Dental" {
		t.Fatalf("names = %+v", page.Items)
	}
}

func TestImportRefusesBadFilesWholeAndWritesNothing(t *testing.T) {
	many := func(n int) []byte {
		var buf bytes.Buffer
		buf.WriteString("name\n")
		for i := range n {
			fmt.Fprintf(&buf, "c%d\n", i)
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, "The file is empty"},
		{"header only", []byte("name,status\r\n"), "a header but no rows"},
		{"missing header", []byte("Acme Dental,active\nBeta,inactive\n"), "The first row must be a header naming the columns"},
		{"invalid UTF-8", []byte("name\nAcme\nCaf\xe9 Latin-1\n"), "Row 3 is not UTF-8 text"},
		{"UTF-16", []byte("\xff\xfen\x00a\x00"), "UTF-16"},
		{"10 MB in one cell", append([]byte("name,notes\nAcme,\""), append(bytes.Repeat([]byte("x"), 10<<20), '"', '\n')...), "Row 2 has a cell of 10485760 bytes"},
		{"a quote that never ends", []byte("name\nAcme\n\"Beta\n"), "not valid CSV at line 3"},
		{"1,000,000 rows", many(1_000_000), "more than 100000 rows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, _, dir := newImportBackend(t)
			path := writeFile(t, "bad.csv", c.body)
			req := backend.ImportRequest{Path: path, Mapping: []string{"name"}}
			if f, err := b.Imports.Inspect(path); err == nil {
				req = suggested(t, b, path)
				_ = f
			}
			_, perr := b.Imports.Preview(req)
			_, ierr := b.Imports.Import(req)
			for _, err := range []error{perr, ierr} {
				if msg := fieldErr(t, err, backend.CodeInvalid, "file"); !strings.Contains(msg, c.want) {
					t.Fatalf("error %q, want %q", msg, c.want)
				}
			}
			if n := count(t, b); n != 0 {
				t.Fatalf("%d sub-accounts written from a bad file", n)
			}
			if a := auditLines(t, dir); len(a) != 0 {
				t.Fatalf("audit rows written from a bad file: %v", a)
			}
		})
	}
}

func TestImportNeverReadsSecretColumns(t *testing.T) {
	b, _, dir := newImportBackend(t)
	const secret = "key_5e3a9c1b7d2f4e6a8b0c"
	path := writeFile(t, "keys.csv", []byte("name,provider,API key\nAcme,Retell AI,"+secret+"\n"))
	f, err := b.Imports.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	if c := f.Columns[2]; !c.Secret || c.Target != "" || !strings.Contains(c.Note, "never read from a file") {
		t.Fatalf("secret column = %+v", c)
	}
	_, err = b.Imports.Preview(backend.ImportRequest{Path: path, Mapping: []string{"name", "provider", "user.name"}})
	if msg := fieldErr(t, err, backend.CodeInvalid, "mapping"); !strings.Contains(msg, "Column “API key” holds secrets") {
		t.Fatalf("mapping a secret column: %q", msg)
	}
	p, err := b.Imports.Preview(suggested(t, b, path))
	if err != nil || p.Valid != 1 || p.NeedCredentials != 1 || len(p.Ignored) != 1 || !p.Ignored[0].Secret {
		t.Fatalf("preview = %+v, %v", p, err)
	}
	if _, err := b.Imports.Import(suggested(t, b, path)); err != nil {
		t.Fatal(err)
	}
	b.Close()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if bytes.Contains(data, []byte(secret)) {
			t.Fatalf("the secret is in %s", e.Name())
		}
	}
}

func TestImportRefusesAFileChangedSinceItsPreview(t *testing.T) {
	b, _, _ := newImportBackend(t)
	path := writeFile(t, "c.csv", []byte("name\nAcme\n"))
	req := suggested(t, b, path)
	p, err := b.Imports.Preview(req)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("name\nAcme\nBeta\n"), 0o600)
	req.Fingerprint = p.Fingerprint
	if _, err := b.Imports.Import(req); err == nil || !strings.Contains(err.Error(), "changed since its preview") {
		t.Fatalf("import of a changed file: %v", err)
	}
	if count(t, b) != 0 {
		t.Fatal("a changed file was imported")
	}
}
