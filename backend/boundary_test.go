package backend

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend/keychain/keychaintest"
)

// constantsOf lists the names of the constants of type typeName declared
// in this package's non-test files.
func constantsOf(t *testing.T, typeName string) []string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range pkgs["backend"].Files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == typeName {
					for _, n := range vs.Names {
						out = append(out, n.Name)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestEnumListsNameEveryConstant(t *testing.T) {
	var codes, events []string
	for _, c := range ErrorCodes {
		codes = append(codes, "Code"+c.TSName)
	}
	for _, e := range EventNames {
		events = append(events, "Event"+e.TSName)
	}
	slices.Sort(codes)
	slices.Sort(events)
	if want := constantsOf(t, "Code"); !slices.Equal(codes, want) {
		t.Errorf("ErrorCodes names %v; the Code constants are %v", codes, want)
	}
	if want := constantsOf(t, "EventName"); !slices.Equal(events, want) {
		t.Errorf("EventNames names %v; the EventName constants are %v", events, want)
	}
	for _, enum := range Enums() {
		v := reflect.ValueOf(enum)
		seen := map[string]bool{}
		for i := range v.Len() {
			val := v.Index(i).Field(0).String()
			if val == "" || seen[val] {
				t.Errorf("%T: empty or repeated value %q", enum, val)
			}
			seen[val] = true
		}
	}
}

// nullable reports whether a field may be null at the boundary: its ts_type
// says so, and the TypeScript side handles it.
func nullable(f reflect.StructField) bool { return strings.Contains(f.Tag.Get("ts_type"), "null") }

// findNulls walks v and reports every path that would marshal to null
// without its field declaring it.
func findNulls(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			findNulls(v.Elem(), path, out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" || strings.Contains(f.Tag.Get("json"), "omitempty") {
				continue
			}
			fv := v.Field(i)
			switch fv.Kind() {
			case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
				if fv.IsNil() && !nullable(f) {
					*out = append(*out, path+"."+name)
					continue
				}
			}
			findNulls(fv, path+"."+name, out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			findNulls(v.Index(i), path+"[]", out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			findNulls(v.MapIndex(k), path+"{}", out)
		}
	}
}

// boundTypes collects the struct types reachable from the bound methods'
// parameters and results.
func boundTypes(services ...any) map[reflect.Type]bool {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || !strings.HasPrefix(t.PkgPath(), "switchboard/") {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				walk(t.Field(i).Type)
			}
		}
	}
	errType := reflect.TypeFor[error]()
	for _, s := range services {
		st := reflect.TypeOf(s)
		for i := range st.NumMethod() {
			m := st.Method(i).Type
			for j := 1; j < m.NumIn(); j++ {
				walk(m.In(j))
			}
			for j := range m.NumOut() {
				if m.Out(j) != errType {
					walk(m.Out(j))
				}
			}
		}
	}
	return seen
}

// TestEveryDTOMarshalsEmptyCollectionsAsArrays reads every kind of answer the
// window gets on a database with one bare sub-account (no provider, no calls,
// nothing found), marshals it, and finds no null but the declared ones.
func TestEveryDTOMarshalsEmptyCollectionsAsArrays(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	b, err := New(Config{DataDir: t.TempDir(), Actor: "dana", Now: now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	sub, err := b.SubAccounts.Create(CreateSubAccountInput{Name: "Acme Dental"})
	if err != nil {
		t.Fatal(err)
	}
	must := func(v any, err error) any {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	samples := []any{
		must(b.SubAccounts.List(ListQuery{Search: "nothing matches this"})),
		must(b.SubAccounts.Get(sub.ID)),
		b.SubAccounts.Providers(),
		CreateSubAccountInput{},
		ListQuery{},
		must(b.Audit.List(AuditQuery{Search: "nothing matches this"})),
		must(b.Audit.List(AuditQuery{SubAccountID: sub.ID})),
		must(b.Audit.Facets()),
		AuditQuery{},
		b.Providers.Catalog(),
		must(b.Providers.Get(sub.ID)),
		SaveCredentialsInput{Fields: map[string]string{}},
		must(b.Sync.Settings()),
		must(b.Calls.List(CallQuery{SubAccountID: sub.ID})),
		CallQuery{},
		ExportResult{Cancelled: true},
		must(b.Concurrency.Get(sub.ID)),
		ConcurrencyInput{},
		b.Concurrency.Preview(ConcurrencyInput{}),
		b.Events.Payloads(),
		b.Health.Keychain(),
		b.Health.CheckKeychain(),
	}
	// Permissions, plans and pricing, with a published change, a plan and an offer.
	must(b.Permissions.SetVisible(sub.ID, "reports", false))
	samples = append(samples,
		b.Permissions.Tree(),
		must(b.Permissions.Get(sub.ID)),
		must(b.Permissions.Publish(sub.ID)),
		must(b.Permissions.History(sub.ID)),
		ApplyInput{IDs: []int64{}},
		ApplyResult{},
		must(b.Permissions.Defaults()),
		DriftQuery{},
		must(b.Permissions.Drift(DriftQuery{})),
		PlanQuery{},
		PlanInput{Bullets: []string{}},
		b.Plans.Currencies(),
	)
	plan := must(b.Plans.Create(PlanInput{Name: "Basic", PriceMinor: 4900, Currency: "USD", Interval: IntervalMonth, Bullets: []string{}})).(Plan)
	samples = append(samples,
		must(b.Pricing.Offer(sub.ID, plan.ID)),
		must(b.Plans.List(PlanQuery{})),
		must(b.Plans.Impact(plan.ID)),
	)
	// Users: an empty list, a user, the zones.
	samples = append(samples,
		must(b.Users.List(UserQuery{SubAccountID: sub.ID})),
		must(b.Users.Create(UserInput{SubAccountID: sub.ID, Name: "Dana", Email: "dana@acme.example", Role: RoleAdmin, TimeZone: "Europe/Zurich"})),
		must(b.Users.List(UserQuery{SubAccountID: sub.ID})),
		UserQuery{}, UserInput{}, UserUpdate{},
		b.Users.TimeZones("nothing matches this"),
		b.Users.TimeZones("zurich"),
	)
	// License: unlicensed, then after an addition, and its history.
	samples = append(samples,
		must(b.Licenses.Get(sub.ID)),
		must(b.Licenses.History(LicenseHistoryQuery{SubAccountID: sub.ID})),
		must(b.Licenses.AddToLicense(sub.ID, LicenseAddition{ValidUntil: "2026-12-31", FreeMinutes: 500, Remarks: "Annual plan"})),
		must(b.Licenses.History(LicenseHistoryQuery{SubAccountID: sub.ID})),
		LicenseHistoryQuery{}, LicenseAddition{},
		must(b.Licenses.Ledger(LedgerQuery{SubAccountID: sub.ID})), LedgerQuery{},
		must(b.Licenses.Statements(sub.ID)),
		must(b.Licenses.Ledger(LedgerQuery{SubAccountID: 1})),
	)
	// Access Account: the session, the customer's view and its pages.
	customer := must(b.SubAccounts.Create(CreateSubAccountInput{Name: "Boundary Access"})).(SubAccount)
	must(b.Users.Create(UserInput{SubAccountID: customer.ID, Name: "Ann Admin", Email: "ann@boundary.example", Role: RoleAdmin, TimeZone: "UTC"}))
	session := must(b.Access.Open(AccessInput{SubAccountID: customer.ID})).(AccessSessionView)
	samples = append(samples, session, AccessInput{},
		must(b.Access.View(session.ID)),
		must(b.Access.Report(session.ID)),
		must(b.Access.Calls(session.ID, CallQuery{})),
		must(b.Access.Session(session.ID)),
	)
	if err := b.Access.Close(); err != nil {
		t.Fatal(err)
	}
	samples = append(samples, b.About.Info())
	// Bulk actions: the inputs as the window sends them, a run, its progress.
	none := Selection{IDs: []int64{}}
	samples = append(samples, none, BulkInput{Selection: none, PlanIDs: []int64{}}, BulkProgress{},
		must(b.Bulk.Run(BulkInput{Action: BulkEnable, Selection: Selection{All: true}})),
		must(b.Bulk.Count(Selection{All: true})),
	)
	// Import: a file, its preview with a failing row, the import, a cancelled dialog.
	csvPath := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(csvPath, []byte("name,provider,API key\nImported One,Vapi,x\nAcme Dental,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := must(b.Imports.Inspect(csvPath)).(ImportFile)
	req := ImportRequest{Path: csvPath, Mapping: []string{"name", "provider", ""}}
	samples = append(samples, file, ImportRequest{Mapping: []string{}}, ImportFile{Columns: []ImportColumn{}, Targets: []ImportTarget{}},
		must(b.Imports.Preview(req)), must(b.Imports.Import(req)), ImportProgress{})
	covered := map[reflect.Type]bool{}
	for _, s := range samples {
		var nulls []string
		v := reflect.ValueOf(s)
		findNulls(v, v.Type().String(), &nulls)
		if len(nulls) > 0 {
			t.Errorf("%T marshals null at %v", s, nulls)
		}
		if _, err := json.Marshal(s); err != nil {
			t.Errorf("%T: %v", s, err)
		}
		var mark func(t reflect.Type)
		mark = func(ty reflect.Type) {
			for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
				ty = ty.Elem()
			}
			if ty.Kind() != reflect.Struct || covered[ty] {
				return
			}
			covered[ty] = true
			for i := range ty.NumField() {
				mark(ty.Field(i).Type)
			}
		}
		mark(v.Type())
	}
	for ty := range boundTypes(b.SubAccounts, b.Audit, b.Providers, b.Sync, b.Calls, b.Concurrency, b.Events, b.Permissions, b.Plans, b.Pricing, b.Users, b.Licenses, b.Access, b.About, b.Bulk, b.Imports) {
		if !covered[ty] {
			t.Errorf("%s crosses the boundary but no sample of it is checked here: add one", ty)
		}
	}
}
