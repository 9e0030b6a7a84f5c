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

// Status is a call's outcome, normalised across providers: every adapter
// maps each status value its provider documents to one of these, and keeps
// the provider's own value as Call.RawStatus.
type Status string

// The statuses.
const (
	StatusCompleted  Status = "completed"
	StatusNoAnswer   Status = "no_answer"
	StatusBusy       Status = "busy"
	StatusFailed     Status = "failed"
	StatusCanceled   Status = "canceled"
	StatusInProgress Status = "in_progress"
	StatusUnknown    Status = "unknown"
)

// Statuses lists every Status, in display order.
var Statuses = []Status{StatusCompleted, StatusNoAnswer, StatusBusy, StatusFailed, StatusCanceled, StatusInProgress, StatusUnknown}

// MicrosPerUnit is how many CostMicros make one major unit of a currency.
const MicrosPerUnit = 1_000_000

// Call is one call as every provider's adapter returns it. Times are UTC;
// EndedAt is zero while a call is in progress or when the provider does not
// say. CostMicros is the cost in millionths of one major unit of Currency
// (ISO 4217), so a price with up to six decimals keeps its full precision:
// money is rounded to minor units once, for a total, never per call.
// Currency is "" when the provider reports no cost.
type Call struct {
	ProviderCallID string
	// ParentCallID is the call this one is a leg of (a Twilio <Dial> leg),
	// "" for a call of its own.
	ParentCallID string
	// AgentID is the provider's id of the agent (assistant, model) that
	// handled the call, "" when the provider names none.
	AgentID     string
	Direction   Direction
	Status      Status
	RawStatus   string // the provider's own status value
	From        string
	To          string
	StartedAt   time.Time
	EndedAt     time.Time
	DurationSec int64
	CostMicros  int64
	Currency    string
}

// OurNumber is the number on the agency's side of the call: the number
// called for an inbound call, the caller for an outbound one, "" otherwise.
func (c Call) OurNumber() string {
	switch c.Direction {
	case DirectionIn:
		return c.To
	case DirectionOut:
		return c.From
	}
	return ""
}

// AgentKind says what an Agent is.
type AgentKind string

// The agent kinds.
const (
	AgentKindAgent  AgentKind = "agent"  // a voice agent, assistant or model
	AgentKindNumber AgentKind = "number" // a phone number, where agents do not apply
)

// Agent is one agent or phone number of a provider account: what a
// sub-account on a shared account is assigned, and what its calls are routed
// by. Prompt is the agent's system prompt (the customer's business data: it
// is stored and shown, never logged); "" when the provider has none.
type Agent struct {
	ID     string // the provider's id; for a number, its provider id or the number itself
	Kind   AgentKind
	Name   string
	Number string // for a number: E.164 or SIP URI, matched against Call.OurNumber
	Prompt string
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
	// KeyHelp says, in a sentence for a refused key, where in the
	// provider's dashboard the right credentials are found.
	KeyHelp string
	// Reads says, in a sentence for the status section, which of the
	// provider's sources of calls a connection reads, and what the provider
	// does not make available (e.g. "Reads TeXML calls and call detail
	// records. Cost is available only when call cost is enabled.").
	Reads string
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
// Requests counts the HTTP requests the page took (the list and any detail
// or look-up requests), for the sync's progress.
type Page struct {
	Calls    []Call
	Next     string
	Requests int
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
	// ListAgents lists the account's agents (with their prompts) or, where
	// agents do not apply, its phone numbers, walking every page.
	ListAgents(ctx context.Context, c Credentials) ([]Agent, error)
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
