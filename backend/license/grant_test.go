package license

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func tp(t time.Time) *time.Time { return &t }

// TestValidateGrantNamesFieldAndRule: each broken rule names its field.
func TestValidateGrantNamesFieldAndRule(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	current := Terms{Start: start, ValidUntil: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name  string
		g     Grant
		field string // "" when valid
		says  string
	}{
		{"later validity is valid", Grant{ValidUntil: tp(current.ValidUntil.Add(time.Hour))}, "", ""},
		{"same validity is refused", Grant{ValidUntil: tp(current.ValidUntil)}, "validUntil", "later than the current one (1 Jan 2026 00:00)"},
		{"earlier validity is refused", Grant{ValidUntil: tp(current.ValidUntil.AddDate(0, -1, 0))}, "validUntil", "later than the current one"},
		{"free minutes alone are valid", Grant{FreePerCycle: 100}, "", ""},
		{"add-on minutes alone are valid", Grant{AddOn: 1}, "", ""},
		{"negative free minutes", Grant{FreePerCycle: -1, AddOn: 5}, "freeMinutes", "0 or more"},
		{"negative add-on minutes", Grant{AddOn: -10, FreePerCycle: 5}, "addOnMinutes", "0 or more"},
		{"nothing added", Grant{Remarks: "just a note"}, "grant", "at least one thing"},
		{"zero amounts add nothing", Grant{FreePerCycle: 0, AddOn: 0}, "grant", "at least one thing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateGrant(current, c.g)
			if c.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %v", err)
			}
			if msg := ve.Fields[c.field]; !strings.Contains(msg, c.says) {
				t.Fatalf("field %q says %q, want it to contain %q (all: %v)", c.field, msg, c.says, ve.Fields)
			}
		})
	}
}

// TestValidateGrantReportsEveryRule: several broken rules come back together.
func TestValidateGrantReportsEveryRule(t *testing.T) {
	current := Terms{Start: time.Unix(0, 0).UTC(), ValidUntil: time.Unix(1000, 0).UTC()}
	err := ValidateGrant(current, Grant{ValidUntil: tp(time.Unix(10, 0)), FreePerCycle: -1, AddOn: -1})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 3 {
		t.Fatalf("want 3 field errors, got %v", err)
	}
	if !strings.Contains(err.Error(), "addOnMinutes") || !strings.Contains(err.Error(), "validUntil") {
		t.Fatalf("message %q does not name the fields", err)
	}
}

// TestValidityMessageUsesCustomersZone: the current validity is shown in the
// license's zone.
func TestValidityMessageUsesCustomersZone(t *testing.T) {
	ny := zone(t, "America/New_York")
	current := Terms{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, ny), ValidUntil: time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC)}
	err := ValidateGrant(current, Grant{ValidUntil: tp(current.ValidUntil)})
	if !strings.Contains(err.Error(), "31 Dec 2025 22:00") {
		t.Fatalf("message %q is not in New York time", err)
	}
}

// TestCurrentTermsTakesLatestValidity: validity only moves forward, and only
// for grants made by now.
func TestCurrentTermsTakesLatestValidity(t *testing.T) {
	base := Terms{Start: time.Unix(0, 0).UTC(), ValidUntil: time.Unix(100, 0).UTC()}
	grants := []Grant{
		{At: time.Unix(1, 0), ValidUntil: tp(time.Unix(300, 0).UTC())},
		{At: time.Unix(2, 0), ValidUntil: tp(time.Unix(200, 0).UTC())}, // stale: never shortens
		{At: time.Unix(50, 0), ValidUntil: tp(time.Unix(900, 0).UTC())},
	}
	if got := CurrentTerms(base, grants, time.Unix(10, 0)).ValidUntil; !got.Equal(time.Unix(300, 0)) {
		t.Fatalf("validity %v, want 300", got.Unix())
	}
	if got := CurrentTerms(base, grants, time.Unix(60, 0)).ValidUntil; !got.Equal(time.Unix(900, 0)) {
		t.Fatalf("validity %v, want 900", got.Unix())
	}
}
