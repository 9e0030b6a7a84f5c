package backend

// One row of an import, checked with the rules of the forms: the name as
// "New sub-account" checks it, the provider fields as "Save Credentials"
// does (without the secrets, which a file never carries), the user as "Add
// user", the license as "Add to license".

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// ImportProblem is a broken rule of one cell: Column is the header cell
// ("" for the row as a whole).
type ImportProblem struct {
	Column  string `json:"column"`
	Message string `json:"message"`
}

// ImportFailure is a row that would not be imported, and why.
type ImportFailure struct {
	Row      int             `json:"row"`
	Name     string          `json:"name"`
	Problems []ImportProblem `json:"problems"`
}

// importRow is a checked row, ready to be written.
type importRow struct {
	row      int
	name     string
	key      string
	status   string
	provider string
	fields   map[string]string // the provider's non-secret fields
	user     *importUser
	grant    *LicenseAddition
}

type importUser struct {
	fields userFields
	email  string
	key    string
}

// rowChecker checks rows against a mapping.
type rowChecker struct {
	cat      importCatalog
	adapters Adapters
	header   []string
	mapping  []string
	col      map[string]int // target → column
	now      time.Time
	// names are the rows' name keys seen so far, with their row.
	names map[string]int
}

func newRowChecker(cat importCatalog, adapters Adapters, header, mapping []string, now time.Time) *rowChecker {
	c := &rowChecker{cat: cat, adapters: adapters, header: header, mapping: mapping, col: map[string]int{}, now: now, names: map[string]int{}}
	for i, t := range mapping {
		if t != "" {
			c.col[t] = i
		}
	}
	return c
}

// cell is the trimmed value of a target's column in rec ("" when unmapped
// or missing).
func (c *rowChecker) cell(rec []string, target string) string {
	i, ok := c.col[target]
	if !ok || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// check turns record rec of row into a row to import, or the reasons it
// fails. A name seen on an earlier row fails here; one taken in the
// database is found by the caller.
func (c *rowChecker) check(row int, rec []string) (importRow, *ImportFailure) {
	var problems []ImportProblem
	fail := func(target, msg string) {
		col := ""
		if i, ok := c.col[target]; ok {
			col = c.header[i]
		}
		problems = append(problems, ImportProblem{Column: col, Message: msg})
	}
	if len(rec) > len(c.header) && slices.ContainsFunc(rec[len(c.header):], func(s string) bool { return strings.TrimSpace(s) != "" }) {
		fail("", fmt.Sprintf("The row has %d cells; the header names %d.", len(rec), len(c.header)))
	}
	for i, t := range c.mapping {
		if t != "" && i < len(rec) && looksLikeFormula(rec[i]) {
			fail(t, fmt.Sprintf("“%s” starts like a spreadsheet formula (=, +, - or @): remove that sign to import it as text.", sanitizeText(clip(rec[i]), "")))
		}
	}
	out := importRow{row: row, status: StatusActive}
	rawName := c.cell(rec, ImportName)
	name, key, err := normalizeName(rawName)
	if err != nil {
		fail(ImportName, asError(err, "read the name").Message)
	} else if first, dup := c.names[key]; dup {
		fail(ImportName, fmt.Sprintf("The name “%s” is already on row %d of this file.", name, first))
	} else {
		c.names[key] = row
	}
	out.name, out.key = name, key
	switch st := strings.ToLower(c.cell(rec, ImportStatus)); st {
	case "", StatusActive:
	case StatusInactive:
		out.status = StatusInactive
	default:
		fail(ImportStatus, msgStatus)
	}
	c.checkProvider(rec, &out, fail)
	c.checkUser(rec, &out, fail)
	c.checkLicense(rec, &out, fail)
	if len(problems) > 0 {
		shown := name
		if shown == "" {
			shown = sanitizeText(clip(rawName), "")
		}
		return importRow{}, &ImportFailure{Row: row, Name: shown, Problems: problems}
	}
	return out, nil
}

// checkProvider reads the provider and its non-secret fields, checked by the
// adapter's own rules; the secret fields' rules wait for Provider Credentials.
func (c *rowChecker) checkProvider(rec []string, out *importRow, fail func(target, msg string)) {
	raw := c.cell(rec, ImportProvider)
	given := map[string]string{}
	for t := range c.col {
		if key, ok := strings.CutPrefix(t, ImportProviderField); ok {
			if v := c.cell(rec, t); v != "" {
				given[key] = v
			}
		}
	}
	if raw == "" {
		for _, key := range slices.Sorted(maps.Keys(given)) {
			fail(ImportProviderField+key, "A provider field needs a voice provider in the row.")
		}
		return
	}
	a := c.adapterNamed(raw)
	if a == nil {
		fail(ImportProvider, fmt.Sprintf("“%s” is not a voice provider: use one of %s.", sanitizeText(clip(raw), ""), providerNames()))
		return
	}
	out.provider, out.fields = a.Info().ID, map[string]string{}
	creds, public := provider.Credentials{}, map[string]bool{}
	for _, f := range a.Fields() {
		if !f.Secret {
			public[f.Key] = true
			creds[f.Key] = given[f.Key]
			out.fields[f.Key] = given[f.Key]
		}
	}
	for _, key := range slices.Sorted(maps.Keys(given)) {
		if !public[key] {
			fail(ImportProviderField+key, fmt.Sprintf("%s has no field %s.", a.Info().Name, c.cat.label(ImportProviderField+key)))
		}
	}
	var fe provider.FieldErrors
	if err := a.Validate(creds); errors.As(err, &fe) {
		for _, key := range slices.Sorted(maps.Keys(fe)) {
			if public[key] {
				fail(ImportProviderField+key, fe[key])
			}
		}
	}
}

func (c *rowChecker) adapterNamed(raw string) provider.Adapter {
	for _, a := range c.adapters.ordered() {
		if strings.EqualFold(raw, a.Info().ID) || strings.EqualFold(raw, a.Info().Name) {
			return a
		}
	}
	return nil
}

func providerNames() string {
	names := make([]string, len(Providers))
	for i, p := range Providers {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// checkUser reads the first user, checked as "Add user" checks one: the
// first user of a sub-account is an Admin (the role may be left empty).
func (c *rowChecker) checkUser(rec []string, out *importRow, fail func(target, msg string)) {
	name, email, role, zone := c.cell(rec, ImportUserName), c.cell(rec, ImportUserEmail), c.cell(rec, ImportUserRole), c.cell(rec, ImportUserTimeZone)
	if name == "" && email == "" && role == "" && zone == "" {
		return
	}
	r := Role(strings.ToLower(role))
	if role == "" {
		r = RoleAdmin
	}
	v := Validation{}
	d := validateUser(v, name, r, zone)
	mail, key, eerr := cleanEmail(email)
	if eerr != nil {
		v.Add("email", eerr.Message)
	}
	if _, bad := v["role"]; !bad && r != RoleAdmin {
		v.Add("role", msgFirstAdmin)
	}
	for _, f := range []struct{ field, target string }{{"name", ImportUserName}, {"email", ImportUserEmail}, {"role", ImportUserRole}, {"timeZone", ImportUserTimeZone}} {
		if msg, ok := v[f.field]; ok {
			fail(f.target, msg)
		}
	}
	out.user = &importUser{fields: d, email: mail, key: key}
}

// checkLicense reads the license's first addition, checked as "Add to
// license" checks one for a sub-account without a license: in the first
// user's zone, else UTC.
func (c *rowChecker) checkLicense(rec []string, out *importRow, fail func(target, msg string)) {
	until, free, addOn, remarks := c.cell(rec, ImportLicenseUntil), c.cell(rec, ImportLicenseFree), c.cell(rec, ImportLicenseAddOn), c.cell(rec, ImportLicenseRemarks)
	if until == "" && free == "" && addOn == "" && remarks == "" {
		return
	}
	in := LicenseAddition{ValidUntil: until, Remarks: remarks}
	v := Validation{}
	minutes := func(raw, field, label string) int64 {
		if raw == "" {
			return 0
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 0 {
			v.Add(field, label+" must be a whole number of minutes, 0 or more, such as 300.")
		}
		return n
	}
	in.FreeMinutes = minutes(free, "freeMinutes", "Free minutes")
	in.AddOnMinutes = minutes(addOn, "addOnMinutes", "Add-on minutes")
	zone := "UTC"
	if out.user != nil && out.user.fields.TimeZone != "" {
		zone = out.user.fields.TimeZone
	}
	checkAddition(v, in, licenseState{zone: zone, loc: zoneLocation(zone)}, c.now)
	targets := map[string]string{"validUntil": ImportLicenseUntil, "freeMinutes": ImportLicenseFree, "addOnMinutes": ImportLicenseAddOn,
		"remarks": ImportLicenseRemarks, "grant": ImportLicenseFree}
	for _, k := range slices.Sorted(maps.Keys(v)) {
		fail(targets[k], v[k])
	}
	out.grant = &in
}

// looksLikeFormula says whether a cell would run as a formula in a
// spreadsheet (see csvSafe): such cells are refused rather than imported.
func looksLikeFormula(cell string) bool { return csvSafe(cell) != cell }

// clip shortens a cell quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
