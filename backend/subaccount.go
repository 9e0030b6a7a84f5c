package backend

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/cases"

	"switchboard/db/gen"
)

// Sub-account statuses.
const (
	StatusActive   = "active"
	StatusInactive = "inactive"
)

// Name length limits, in characters, after trimming.
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
	LastCallAt   string `json:"lastCallAt"`
	CreatedAt    string `json:"createdAt"`
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

// ListPage is one page of the sub-account list.
type ListPage struct {
	Items  []SubAccount `json:"items"`
	Total  int64        `json:"total"`
	Offset int          `json:"offset"`
	Limit  int          `json:"limit"`
}

// normalizeName trims a proposed name and checks the naming rules, returning
// the trimmed name and its case-folded key.
func normalizeName(raw string) (name, key string, err error) {
	name = strings.TrimSpace(raw)
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return "", "", FieldError("name", "Name is required.")
	case n < NameMin || n > NameMax:
		return "", "", FieldError("name", "Name must be 2 to 80 characters long.")
	case strings.ContainsFunc(name, isControl):
		return "", "", FieldError("name", "Name cannot contain line breaks or control characters.")
	}
	return name, nameKey(name), nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// nameKey folds case so that "Acme" and "ACME" collide.
func nameKey(name string) string { return cases.Fold().String(name) }

func toSubAccount(r gen.SubAccount) SubAccount {
	return SubAccount{
		ID:           r.ID,
		Name:         r.Name,
		Status:       r.Status,
		Provider:     r.Provider,
		ProviderName: providerName(r.Provider),
		LastLoginAt:  formatMillis(r.LastLoginAt),
		LastCallAt:   formatMillis(r.LastCallAt),
		CreatedAt:    formatMillis(&r.CreatedAt),
	}
}

func formatMillis(ms *int64) string {
	if ms == nil {
		return ""
	}
	return time.UnixMilli(*ms).UTC().Format(time.RFC3339Nano)
}
