// Package twilio is the Twilio Programmable Voice adapter: HTTP Basic
// auth with the Account SID and auth token, or with an API key (its SID and
// secret) of that account, the key check on the Account resource, the
// Calls list and the account's phone numbers (REST API 2010-04-01).
package twilio

import (
	"context"
	"encoding/base64"
	"net/http"
	"regexp"

	"switchboard/backend/provider"
)

// Credential field keys.
const (
	FieldAccountSID   = "accountSid"
	FieldAuthToken    = "authToken"
	FieldAPIKeySID    = "apiKeySid"
	FieldAPIKeySecret = "apiKeySecret"
)

const defaultBaseURL = "https://api.twilio.com"

var (
	sidPattern    = regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`)
	keySIDPattern = regexp.MustCompile(`^SK[0-9a-fA-F]{32}$`)
)

// keyHelp is Info.KeyHelp: where the right credentials are found.
const keyHelp = "Copy the Account SID and Auth Token from Account Info on the Twilio Console's home page (console.twilio.com), " +
	"or create an API key under API keys & tokens."

type adapter struct {
	api provider.API
}

// New returns the Twilio adapter. opts.BaseURL (scheme and host, no path)
// replaces https://api.twilio.com in tests.
func New(opts provider.Options) provider.Adapter {
	return &adapter{api: provider.NewAPI(opts, defaultBaseURL)}
}

// reads is Info.Reads: what a connection reads, and what Twilio does not
// make available.
const reads = "Reads the account's Calls list with the legs a call places (<Dial>): every leg's price counts as cost, " +
	"and a conversation's minutes count once, from its parent call. " +
	"Twilio's price covers connectivity only (not add-ons such as answering machine detection or text-to-speech) and may appear some time after a call ends."

// Info: Twilio has no API that reads a concurrent-call limit (outbound
// calls are throttled by calls per second, set in the Console), so the
// admin enters the limit.
func (a *adapter) Info() provider.Info {
	return provider.Info{
		ID:                 "twilio",
		Name:               "Twilio",
		PortalURL:          "https://console.twilio.com",
		PortalHosts:        []string{"console.twilio.com"},
		ConcurrencyFromAPI: false,
		Reads:              reads,
		KeyHelp:            keyHelp,
	}
}

func (a *adapter) Fields() []provider.Field {
	return []provider.Field{
		{
			Key:         FieldAccountSID,
			Label:       "Account SID",
			Placeholder: "AC…",
			Help:        "The Account SID of the customer's Twilio account or subaccount, from Account Info in the Twilio Console.",
		},
		{
			Key:    FieldAuthToken,
			Label:  "Auth token",
			Secret: true,
			Help:   "The account's auth token (32 hexadecimal characters), from Account Info in the Twilio Console. Leave it empty when you use an API key.",
		},
		{
			Key:         FieldAPIKeySID,
			Label:       "API key SID",
			Placeholder: "SK… (optional)",
			Help:        "Instead of the auth token: an API key of this account (Console, API keys & tokens). Its SID starts with SK.",
		},
		{
			Key:    FieldAPIKeySecret,
			Label:  "API key secret",
			Secret: true,
			Help:   "The secret Twilio showed once when the API key was created. Needed with an API key SID.",
		},
	}
}

func (a *adapter) Validate(c provider.Credentials) error {
	fe := provider.FieldErrors{}
	if !sidPattern.MatchString(c[FieldAccountSID]) {
		fe[FieldAccountSID] = "Account SID must be AC followed by 32 hexadecimal characters."
	}
	if usesAPIKey(c) {
		if !keySIDPattern.MatchString(c[FieldAPIKeySID]) {
			fe[FieldAPIKeySID] = "API key SID must be SK followed by 32 hexadecimal characters."
		}
		if sec := c[FieldAPIKeySecret]; sec == "" {
			fe[FieldAPIKeySecret] = "API key secret is required with an API key SID."
		} else if !longSecret(sec) {
			fe[FieldAPIKeySecret] = "API key secret must be at least 32 characters, without spaces."
		}
		return fe.Err()
	}
	switch tok := c[FieldAuthToken]; {
	case tok == "":
		fe[FieldAuthToken] = "Auth token is required (or an API key SID and secret)."
	case !longSecret(tok):
		fe[FieldAuthToken] = "Auth token must be at least 32 characters, without spaces."
	}
	return fe.Err()
}

// usesAPIKey reports whether the credentials authenticate with an API key:
// an API key SID is given. A saved auth token is then not sent.
func usesAPIKey(c provider.Credentials) bool { return c[FieldAPIKeySID] != "" }

func longSecret(s string) bool { return len(s) >= 32 && len(s) <= 256 && provider.Printable(s) }

// header is HTTP Basic with the Account SID as user and the auth token as
// password, or with the API key SID and its secret; the Account SID stays
// in every URL.
func header(c provider.Credentials) http.Header {
	pair := c[FieldAccountSID] + ":" + c[FieldAuthToken]
	if usesAPIKey(c) {
		pair = c[FieldAPIKeySID] + ":" + c[FieldAPIKeySecret]
	}
	return http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(pair))}}
}

// CheckKey reads the Account resource. Credentials that fail Validate are
// provider.InvalidCredentials (the SID would go into the URL). A 401 is KindUnauthorized with
// Twilio's message; an account whose status is not "active" (suspended,
// closed) is KindUnauthorized too, with Reason "Twilio account is …".
func (a *adapter) CheckKey(ctx context.Context, c provider.Credentials) error {
	if err := a.Validate(c); err != nil {
		return provider.InvalidCredentials(err)
	}
	var acct struct {
		Status string `json:"status"`
	}
	req := provider.Request{
		Method: http.MethodGet,
		URL:    a.api.Base + "/2010-04-01/Accounts/" + c[FieldAccountSID] + ".json",
		Header: header(c),
	}
	if err := a.api.Client.JSON(ctx, req, &acct); err != nil {
		return err
	}
	switch acct.Status {
	case "active":
		return nil
	case "":
		return provider.Malformed("account resource has no status")
	case "suspended", "closed":
		return &provider.Error{Kind: provider.KindUnauthorized, Reason: "Twilio account is " + acct.Status}
	default:
		return &provider.Error{Kind: provider.KindUnauthorized, Reason: "Twilio account is not active"}
	}
}

// Concurrency returns provider.ErrNotSupported: Twilio exposes no
// concurrent-call limit (only calls per second, in the Console).
func (a *adapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return provider.Concurrency{}, provider.ErrNotSupported
}
