package backend

import (
	"switchboard/backend/license"
	"time"

	"switchboard/db/gen"
)

// Sub-account statuses.
const (
	StatusActive   = "active"
	StatusInactive = "inactive"
)

// Name length limits, in characters, after normalising and trimming.
const (
	NameMin = 2
	NameMax = 80
)

// SubAccount is one customer of the agency as the frontend sees it. Times are
// RFC 3339 in UTC, or "" when the event has not happened.
type SubAccount struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Status       string "json:\"status\" ts_type:\"`${SubAccountStatus}`\""
	Provider     string `json:"provider"`
	ProviderName string `json:"providerName"`
	LastLoginAt  string `json:"lastLoginAt"`
	// LastLoginVia names the admin when the latest sign-in was theirs
	// through Access Account ("" when it was the customer's own);
	// CustomerLoginAt is the customer's own latest sign-in, kept apart.
	LastLoginVia    string `json:"lastLoginVia"`
	CustomerLoginAt string `json:"customerLoginAt"`
	LastCallAt      string `json:"lastCallAt"`
	CreatedAt       string `json:"createdAt"`
	// MinutesLeft is the license's free minutes of this cycle plus its
	// add-on minutes; null with no license. LicenseState is its warning.
	MinutesLeft  *int64 `json:"minutesLeft" ts_type:"number | null"`
	LicenseState string "json:\"licenseState\" ts_type:\"'' | `${LicenseState}`\""
}

// CreateSubAccountInput is what the "New sub-account" form sends.
type CreateSubAccountInput struct {
	Name string `json:"name"`
}

// ListQuery selects a page of the sub-account list. Empty strings mean no
// filter; Provider may be a provider ID or "none".
type ListQuery struct {
	Search   string `json:"search"`
	Status   string "json:\"status\" ts_type:\"'' | `${SubAccountStatus}`\""
	Provider string `json:"provider"`
	Sort     string "json:\"sort\" ts_type:\"'' | `${db.SortKey}`\""
	Desc     bool   `json:"desc"`
	Offset   int    `json:"offset"`
	Limit    int    `json:"limit"`
}

// ListPage is one page of the sub-account list. A search stops counting
// its matches listCountAhead rows past the page's start: TotalCapped then
// says more match than Total ("1,000+").
type ListPage struct {
	Items       []SubAccount `json:"items"`
	Total       int64        `json:"total"`
	TotalCapped bool         `json:"totalCapped"`
	Offset      int          `json:"offset"`
	Limit       int          `json:"limit"`
}

// nameRule is the rule of sub-account names.
var nameRule = textRule{Field: "name", Label: "Name", Min: NameMin, Max: NameMax}

// normalizeName checks a proposed name against the free-text rules (see
// cleanText), returning the name as stored (NFC, trimmed) and its key.
func normalizeName(raw string) (name, key string, err error) {
	name, e := cleanText(nameRule, raw)
	if e != nil {
		return "", "", e
	}
	return name, nameKey(name), nil
}

// nameKey is the form in which names are unique: normalised and case-folded
// (see foldKey), so that "Acme" and "ACME", and "Café" composed and
// decomposed, collide.
func nameKey(name string) string { return foldKey(name) }

func toSubAccount(r gen.SubAccount, now time.Time) SubAccount {
	out := SubAccount{
		ID:              r.ID,
		Name:            r.Name,
		Status:          r.Status,
		Provider:        r.Provider,
		ProviderName:    providerName(r.Provider),
		LastLoginAt:     formatMillis(r.LastLoginAt),
		LastLoginVia:    r.LastLoginAdmin,
		CustomerLoginAt: formatMillis(r.CustomerLoginAt),
		LastCallAt:      formatMillis(r.LastCallAt),
		CreatedAt:       formatMillis(&r.CreatedAt),
		MinutesLeft:     r.MinutesLeft,
	}
	if r.MinutesLeft != nil && r.MinutesCapacity != nil && r.LicenseValidUntil != nil {
		out.LicenseState = license.State(*r.MinutesLeft, *r.MinutesCapacity, time.UnixMilli(*r.LicenseValidUntil), now)
	}
	return out
}

func formatMillis(ms *int64) string {
	if ms == nil {
		return ""
	}
	return time.UnixMilli(*ms).UTC().Format(time.RFC3339Nano)
}
