package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"switchboard/backend"
)

var (
	firstNames = []string{"Dana", "Sam", "Priya", "Jürgen", "María", "Chen", "Aisha", "Tomás", "Yuki", "Olu",
		"Grace", "Mateo", "Sofia", "Noah", "Léa", "Ravi", "Hannah", "Kofi", "Ingrid", "Omar"}
	lastNames = []string{"Owner", "Nguyen", "Patel", "Müller", "García", "Li", "Khan", "O'Neil", "Sato", "Adeyemi",
		"Kim", "Rossi", "Novak", "Smith", "Dubois", "Iyer", "Berg", "Mensah", "Larsen", "Haddad"}
	demoZones = []string{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
		"America/Phoenix", "America/Sao_Paulo", "Europe/London", "Europe/Zurich", "Europe/Berlin",
		"Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC"}
)

// addUsers gives the i-th shaped sub-account one to six users: an Admin
// first, then Users and now and then a second Admin, in varied zones; every
// fifth sub-account has had an email replaced.
func addUsers(b *backend.Backend, rng *rand.Rand, id int64, i int) error {
	sub, err := b.SubAccounts.Get(id)
	if err != nil {
		return err
	}
	domain := emailDomain(sub.Name)
	home := demoZones[rng.IntN(len(demoZones))]
	for k := range 1 + rng.IntN(6) {
		first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
		role, zone := backend.RoleUser, home
		if k == 0 || rng.IntN(4) == 0 {
			role = backend.RoleAdmin
		}
		if rng.IntN(3) == 0 {
			zone = demoZones[rng.IntN(len(demoZones))]
		}
		local := strings.ToLower(strings.NewReplacer("ü", "ue", "í", "i", "á", "a", "é", "e", "'", "").Replace(first + "." + last))
		_, err := b.Users.Create(backend.UserInput{SubAccountID: id, Name: first + " " + last,
			Email: fmt.Sprintf("%s%d@%s", local, k, domain), Role: role, TimeZone: zone})
		if err != nil {
			return fmt.Errorf("user of %d: %w", id, err)
		}
	}
	if i%5 == 0 {
		page, err := b.Users.List(backend.UserQuery{SubAccountID: id, Sort: string(backend.UserSortCreated), Limit: 1})
		if err != nil || len(page.Items) == 0 {
			return err
		}
		if _, err := b.Users.ReplaceEmail(page.Items[0].ID, "owner@new-"+domain); err != nil {
			return fmt.Errorf("replace an email of %d: %w", id, err)
		}
	}
	return nil
}

// emailDomain makes "acme-dental.example" of "Acme Dental #2".
func emailDomain(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-") + ".example"
}
