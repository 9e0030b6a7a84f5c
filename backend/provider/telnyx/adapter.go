// Package telnyx is the Telnyx adapter: Bearer API-key auth, the key check
// on GET /v2/balance, calls from two sources in one listing (the TeXML
// calls, GET /v2/texml/Accounts/{account_sid}/Calls, and the call detail
// records of Call Control and SIP trunking, GET /v2/detail_records), and
// the phone numbers as agents.
package telnyx

import (
	"context"
	"net/http"
	"regexp"

	"switchboard/backend/provider"
)

// Credential field keys.
const (
	FieldAPIKey     = "apiKey"
	FieldAccountSID = "accountSid"
)

const defaultBaseURL = "https://api.telnyx.com"

// accountSIDPattern admits what a TeXML account SID may look like (the
// docs' example is a UUID; the format is UNCONFIRMED) and nothing that
// could change the URL path it goes into.
var accountSIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`)

// KeyHelp is Info.KeyHelp: where the right credentials are found.
const KeyHelp = "Copy an API v2 key from API Keys in the Telnyx Mission Control portal (portal.telnyx.com)."

type adapter struct {
	api provider.API
}

// New returns the Telnyx adapter. opts.BaseURL replaces
// https://api.telnyx.com in tests.
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewAPI(opts, defaultBaseURL)}
}

// Reads is Info.Reads: which sources of calls a connection reads.
const Reads = "Reads TeXML calls (when a TeXML account SID is set) and the call detail records " +
	"of Call Control and SIP trunking. TeXML calls have a cost only when call cost is enabled on the Telnyx account."

// Info describes Telnyx. Its global outbound concurrent-call limit cannot
// be read through the API (UNCONFIRMED: none found; only the per outbound
// voice profile concurrent_call_limit, a setting), so the admin enters it.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:                 "telnyx",
		Name:               "Telnyx",
		PortalURL:          "https://portal.telnyx.com",
		PortalHosts:        []string{"portal.telnyx.com"},
		ConcurrencyFromAPI: false,
		Reads:              Reads,
		KeyHelp:            KeyHelp,
	}
}

// Fields are the secret API key and the optional TeXML account SID.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{
		{
			Key:         FieldAPIKey,
			Label:       "API key",
			Secret:      true,
			Placeholder: "KEY…",
			Help:        "A Telnyx API v2 key, from API Keys in the Mission Control portal.",
		},
		{
			Key:   FieldAccountSID,
			Label: "TeXML account SID",
			Help: "Optional: Telnyx lists TeXML calls per account " +
				"(/v2/texml/Accounts/{account SID}/Calls), so set the account SID " +
				"that the customer's TeXML applications use to sync them. Call Control and " +
				"SIP trunking calls are synced without it.",
		},
	}
}

// Validate checks the API key's length and characters and, when set, the
// TeXML account SID's characters, and returns FieldErrors naming each bad
// field.
func (a *adapter) Validate(c provider.Credentials) error {
	fe := provider.FieldErrors{}
	if msg := keyProblem(c[FieldAPIKey]); msg != "" {
		fe[FieldAPIKey] = msg
	}
	if s := c[FieldAccountSID]; s != "" && !accountSIDPattern.MatchString(s) {
		fe[FieldAccountSID] = "TeXML account SID may contain only letters, digits, '.', '_', ':' and '-' (at most 128)."
	}
	return fe.Err()
}

// validateKey checks the API key alone, for requests that need no account.
func validateKey(c provider.Credentials) error {
	if msg := keyProblem(c[FieldAPIKey]); msg != "" {
		return provider.FieldErrors{FieldAPIKey: msg}
	}
	return nil
}

func keyProblem(k string) string {
	switch {
	case k == "":
		return "API key is required."
	case len(k) < 16 || len(k) > 256 || !provider.Printable(k):
		return "API key must be 16 to 256 characters, without spaces."
	}
	return ""
}

func header(c provider.Credentials) http.Header {
	return http.Header{"Authorization": {"Bearer " + c[FieldAPIKey]}}
}

// CheckKey reads GET /v2/balance, which Telnyx documents as the read-only
// authentication check. Credentials that fail Validate are
// provider.InvalidCredentials. A 401 is KindUnauthorized with Telnyx's message.
// It does not check the TeXML account SID: a wrong one shows on the first
// call sync (as KindRejected, Telnyx's 404).
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	if err := a.Validate(c); err != nil {
		return provider.InvalidCredentials(err)
	}
	var out struct {
		Data *struct{} `json:"data"`
	}
	req := provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v2/balance", Header: header(c)}
	if err := a.api.Client.JSON(ctx, req, &out); err != nil {
		return err
	}
	if out.Data == nil {
		return provider.Malformed("balance response has no data")
	}
	return nil
}

// Concurrency returns provider.ErrNotSupported: the account's global limit
// is not readable through Telnyx's API.
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
