package license

import (
	"sort"
	"strings"
	"time"
)

// Terms are a license's base terms: when it started (in the customer's time
// zone, which every cycle boundary uses) and until when it is valid. Minutes
// come only from grants.
type Terms struct {
	Start      time.Time `json:"start"`
	ValidUntil time.Time `json:"validUntil"`
}

// Grant is one "Add to license": it may extend the validity, add free minutes
// per cycle (from the cycle containing At on) and add add-on minutes (which
// never expire). Amounts are never negative; a grant adds at least one thing.
type Grant struct {
	At           time.Time  `json:"at"`
	ValidUntil   *time.Time `json:"validUntil"`
	FreePerCycle int64      `json:"freeMinutes"`
	AddOn        int64      `json:"addOnMinutes"`
	Remarks      string     `json:"remarks"`
}

// ValidationError lists the broken rules of a grant by field ("validUntil",
// "freeMinutes", "addOnMinutes", "grant"). The service turns it into the
// backend's field errors.
type ValidationError struct {
	Fields map[string]string `json:"fields"`
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid grant: " + strings.Join(parts, "; ")
}

// DateLayout is how dates appear in messages, in the customer's time zone.
const DateLayout = "2 Jan 2006 15:04"

// ValidateGrant checks g against the license's current terms (ValidUntil
// being the validity after every earlier grant). It returns nil or a
// *ValidationError naming each broken rule. Remarks are free text: the
// service cleans them.
func ValidateGrant(current Terms, g Grant) error {
	fields := map[string]string{}
	if g.ValidUntil != nil && !g.ValidUntil.After(current.ValidUntil) {
		fields["validUntil"] = "The new validity must be later than the current one (" +
			current.ValidUntil.In(current.Start.Location()).Format(DateLayout) + ")."
	}
	if g.FreePerCycle < 0 {
		fields["freeMinutes"] = "Free minutes per cycle must be 0 or more."
	}
	if g.AddOn < 0 {
		fields["addOnMinutes"] = "Add-on minutes must be 0 or more."
	}
	if g.ValidUntil == nil && g.FreePerCycle == 0 && g.AddOn == 0 {
		fields["grant"] = "Add at least one thing: a later validity, free minutes per cycle or add-on minutes."
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}

// CurrentTerms returns the terms after every grant made by now: the validity
// is the latest of the base one and every grant's.
func CurrentTerms(base Terms, grants []Grant, now time.Time) Terms {
	t := base
	for _, g := range grants {
		if g.ValidUntil != nil && !g.At.After(now) && g.ValidUntil.After(t.ValidUntil) {
			t.ValidUntil = *g.ValidUntil
		}
	}
	return t
}
