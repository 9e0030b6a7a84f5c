package backend

// The import's columns: what a column of the file may be mapped to, the
// header names recognised for each, and the columns that hold secrets,
// which are never read (the keychain is a secret's only home).

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Import targets: what a column can hold. Provider fields are
// ImportProviderField + the field's key ("provider.accountSid").
const (
	ImportName             = "name"
	ImportStatus           = "status"
	ImportProvider         = "provider"
	ImportProviderField    = "provider."
	ImportUserName         = "user.name"
	ImportUserEmail        = "user.email"
	ImportUserRole         = "user.role"
	ImportUserTimeZone     = "user.timeZone"
	ImportLicenseUntil     = "license.validUntil"
	ImportLicenseFree      = "license.freeMinutes"
	ImportLicenseAddOn     = "license.addOnMinutes"
	ImportLicenseRemarks   = "license.remarks"
	importTargetSecretNote = "Holds secrets, which are never read from a file: save them in Provider Credentials (the OS keychain is their only home)."
)

// ImportTarget is something a column of the file can be mapped to.
type ImportTarget struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Group is the part of the sub-account it belongs to: "Sub-account",
	// "Provider", "First user" or "License".
	Group string `json:"group"`
}

// ImportColumn is a column of the file's header with the target Go proposes
// ("" for none). Secret columns are never read; Note says why.
type ImportColumn struct {
	Index  int    `json:"index"`
	Header string `json:"header"`
	Target string `json:"target"`
	Secret bool   `json:"secret"`
	Note   string `json:"note"`
}

// importCatalog is the targets with the header names each is recognised by
// (folded: lower case without spaces, dashes, underscores or dots).
type importCatalog struct {
	targets []ImportTarget
	aliases map[string]string
	// secrets are the folded keys and labels of secret provider fields.
	secrets map[string]bool
	// fieldProviders names, per provider field key, the providers that have it.
	fieldProviders map[string][]string
}

// newImportCatalog lists the targets; provider fields come from the
// adapters' non-secret fields.
func newImportCatalog(adapters Adapters) importCatalog {
	c := importCatalog{aliases: map[string]string{}, secrets: map[string]bool{}, fieldProviders: map[string][]string{}}
	add := func(id, label, group string, aliases ...string) {
		c.targets = append(c.targets, ImportTarget{ID: id, Label: label, Group: group})
		for _, a := range append(aliases, id, label) {
			c.aliases[foldHeader(a)] = id
		}
	}
	add(ImportName, "Name", "Sub-account", "sub-account", "sub account name", "customer", "client", "company", "account name")
	add(ImportStatus, "Status", "Sub-account", "state")
	add(ImportProvider, "Voice provider", "Provider", "provider name", "platform")
	var keys []string
	labels := map[string][]string{}
	for _, a := range adapters.ordered() {
		for _, f := range a.Fields() {
			if f.Secret {
				c.secrets[foldHeader(f.Key)], c.secrets[foldHeader(f.Label)] = true, true
				continue
			}
			if _, ok := labels[f.Key]; !ok {
				keys = append(keys, f.Key)
			}
			labels[f.Key] = append(labels[f.Key], f.Label)
			c.fieldProviders[f.Key] = append(c.fieldProviders[f.Key], a.Info().Name)
		}
	}
	for _, k := range keys {
		add(ImportProviderField+k, strings.Join(slices.Compact(labels[k]), " / "), "Provider", k)
	}
	add(ImportUserName, "User name", "First user", "user", "contact", "contact name", "admin name")
	add(ImportUserEmail, "User email", "First user", "email", "e-mail", "contact email", "admin email")
	add(ImportUserRole, "User role", "First user", "role")
	add(ImportUserTimeZone, "User time zone", "First user", "time zone", "timezone", "zone", "tz")
	add(ImportLicenseUntil, "License valid until", "License", "valid until", "validity", "license until", "expires")
	add(ImportLicenseFree, "Free minutes per cycle", "License", "free minutes", "minutes")
	add(ImportLicenseAddOn, "Add-on minutes", "License", "add-on minutes", "addon minutes")
	add(ImportLicenseRemarks, "License remarks", "License", "remarks", "internal remarks")
	return c
}

// foldHeader is a header cell as it is matched: lower case, without spaces,
// dashes, underscores and dots.
func foldHeader(h string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' || r == '\uFEFF' {
			return -1
		}
		return unicode.ToLower(r)
	}, h)
}

// secretWords are parts of header names that say a column holds a secret.
var secretWords = []string{"secret", "token", "password", "apikey", "privatekey", "credential"}

// isSecret says whether a header names a secret: a secret field of a
// provider, or a word secrets go by, unless it names a target ("API key SID").
func (c importCatalog) isSecret(header string) bool {
	h := foldHeader(header)
	if _, ok := c.aliases[h]; ok {
		return false
	}
	return c.secrets[h] || slices.ContainsFunc(secretWords, func(w string) bool { return strings.Contains(h, w) })
}

// suggest proposes a target for each header cell: the first cell that names
// a target takes it; secret columns and unknown names get none.
func (c importCatalog) suggest(header []string) []ImportColumn {
	out := make([]ImportColumn, len(header))
	taken := map[string]bool{}
	for i, h := range header {
		col := ImportColumn{Index: i, Header: h}
		switch t, ok := c.aliases[foldHeader(h)]; {
		case c.isSecret(h):
			col.Secret, col.Note = true, importTargetSecretNote
		case ok && !taken[t]:
			col.Target, taken[t] = t, true
		case ok:
			col.Note = fmt.Sprintf("Another column is already read as %s.", c.label(t))
		case strings.TrimSpace(h) != "":
			col.Note = "Not read: map it to a field to import it."
		}
		out[i] = col
	}
	return out
}

func (c importCatalog) label(id string) string {
	for _, t := range c.targets {
		if t.ID == id {
			return t.Label
		}
	}
	return id
}

// checkMapping validates a mapping (one target per column, "" for none)
// against the header. Errors: invalid on "mapping" (wrong length, unknown
// target, a target twice, a secret column read, no name column) or "file"
// (a header that names no known column, so probably a missing header).
func (c importCatalog) checkMapping(header, mapping []string) error {
	if !slices.ContainsFunc(header, func(h string) bool { _, ok := c.aliases[foldHeader(h)]; return ok }) {
		return fileProblem("The first row must be a header naming the columns (such as name, status, provider, user email); none of its cells (%s) names one.", quoteCells(header, 3))
	}
	if len(mapping) != len(header) {
		return FieldError("mapping", fmt.Sprintf("The mapping has %d columns; the file has %d.", len(mapping), len(header)))
	}
	seen := map[string]int{}
	for i, t := range mapping {
		if t == "" {
			continue
		}
		if _, ok := seen[t]; ok {
			return FieldError("mapping", fmt.Sprintf("Columns %d and %d are both mapped to %s: map each field once.", seen[t]+1, i+1, c.label(t)))
		}
		if !slices.ContainsFunc(c.targets, func(x ImportTarget) bool { return x.ID == t }) {
			return FieldError("mapping", fmt.Sprintf("Column %d is mapped to %q, which is not a field of the import.", i+1, t))
		}
		if c.isSecret(header[i]) {
			return FieldError("mapping", fmt.Sprintf("Column “%s” %s", sanitizeText(header[i], ""), strings.ToLower(importTargetSecretNote[:1])+importTargetSecretNote[1:]))
		}
		seen[t] = i
	}
	if _, ok := seen[ImportName]; !ok {
		return FieldError("mapping", "Map a column to Name: every sub-account needs one.")
	}
	return nil
}

// quoteCells lists up to n cells in quotes.
func quoteCells(cells []string, n int) string {
	var q []string
	for _, c := range cells[:min(n, len(cells))] {
		q = append(q, "“"+sanitizeText(c, "")+"”")
	}
	if len(cells) > n {
		q = append(q, "…")
	}
	return strings.Join(q, ", ")
}
