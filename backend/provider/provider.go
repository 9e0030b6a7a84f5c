// Package provider is the one small interface every voice provider's adapter
// implements (Retell AI, Vapi, Bland, Twilio, Telnyx), the normalised call
// they all return, and the HTTP client they share. Adapters live in
// sub-packages, one per provider; they know their provider's API and nothing
// of Switchboard's database or UI.
package provider

import (
	"context"
	"math"
	"time"
)

// Direction of a call, normalised across providers.
type Direction string

// The directions.
const (
	DirectionIn      Direction = "in"
	DirectionOut     Direction = "out"
	DirectionWeb     Direction = "web"
	DirectionUnknown Direction = "unknown"
)

// Call is one call as every provider's adapter returns it. Times are UTC;
// EndedAt is zero while a call is in progress or when the provider does not
// say. Cost is in minor units of Currency (ISO 4217); Currency is "" when the
// provider reports no cost.
type Call struct {
	ProviderCallID string
	Direction      Direction
	Status         string
	From           string
	To             string
	StartedAt      time.Time
	EndedAt        time.Time
	DurationSec    int64
	CostMinor      int64
	Currency       string
}

// Field is one credential field of a provider's form.
type Field struct {
	Key         string // e.g. "apiKey", "accountSid"
	Label       string // e.g. "API key"
	Secret      bool   // stored only in the OS keychain, never shown again
	Placeholder string
	Help        string
}

// Credentials are a provider's field values by Field.Key.
type Credentials map[string]string

// Info describes a provider.
type Info struct {
	ID   string // matches the sub_accounts.provider CHECK constraint
	Name string // display name
	// PortalURL is the provider's dashboard, opened by the Login button.
	PortalURL string
	// PortalHosts is the allow-list of hosts a portal link may point to.
	PortalHosts []string
	// ConcurrencyFromAPI says whether Concurrency reads the limit from the
	// provider; otherwise the admin enters it.
	ConcurrencyFromAPI bool
}

// Window bounds a call listing by start time: Since inclusive, Until
// exclusive; a zero Until means "up to now".
type Window struct {
	Since time.Time
	Until time.Time
}

// Contains reports whether t is within w: Since <= t < Until, or no upper
// bound when Until is zero.
func (w Window) Contains(t time.Time) bool {
	return !t.Before(w.Since) && (w.Until.IsZero() || t.Before(w.Until))
}

// Page is one page of calls. Next is the cursor of the following page, ""
// when this was the last one. A cursor is opaque outside its adapter.
type Page struct {
	Calls []Call
	Next  string
}

// Concurrency is what a provider reports about concurrent calls.
type Concurrency struct {
	Limit           int // total concurrent calls allowed
	InboundReserved int // slots the provider reserves for inbound calls
	Current         int // calls in progress now
}

// Adapter is one voice provider's API. Every method that talks to the
// provider returns a *Error (see errors.go) on failure.
type Adapter interface {
	Info() Info
	// Fields lists the credential fields, in form order.
	Fields() []Field
	// Validate checks the credentials' formats without any network call and
	// returns FieldErrors naming each bad field.
	Validate(c Credentials) error
	// CheckKey makes the provider's cheapest authenticated call.
	CheckKey(ctx context.Context, c Credentials) error
	// ListCalls returns one page of calls that started within w; cursor is
	// "" for the first page, then the previous Page.Next.
	ListCalls(ctx context.Context, c Credentials, w Window, cursor string) (Page, error)
	// Concurrency reads the concurrency limit from the provider. Adapters
	// whose API does not expose it return ErrNotSupported.
	Concurrency(ctx context.Context, c Credentials) (Concurrency, error)
}

// Options configure an adapter. Zero values give the production settings;
// BaseURL is overridden only by tests, which point it at a local fake.
type Options struct {
	BaseURL string
	Client  *Client
}

// SecondsBetween is a call's duration from its start and end, rounded to the
// nearest second; 0 when either is unknown or the end is not after the start.
func SecondsBetween(start, end time.Time) int64 {
	if start.IsZero() || end.IsZero() || !end.After(start) {
		return 0
	}
	return int64(math.Round(end.Sub(start).Seconds()))
}
