package main

import (
	"net/http"
	"strings"
	"time"

	"switchboard/backend/provider/fake"
)

// matrixNow is the fixed "now" of the fault matrix and the canary sweep;
// every fake's calls start five days before it.
var matrixNow = time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)

// matrixCalls is how many calls each fake holds: more than two list pages
// of every adapter, so that a fault can strike in the middle of a listing.
const matrixCalls = 1_200

func init() {
	epoch := matrixNow.Add(-5 * 24 * time.Hour)
	fake.VapiEpoch, fake.BlandEpoch, fake.TwilioEpoch, fake.TelnyxEpoch = epoch, epoch, epoch, epoch
	fake.SynthflowEpoch, fake.ElevenLabsEpoch = epoch, epoch
	// RetellEpoch stays: the sync trials use it with their own clock.
}

// setup is one provider for the matrix and the sweep.
type setup struct {
	id string
	// secret is the credential field that is a secret; fields are all of
	// them, as the admin types them.
	secret string
	fields map[string]string
	// serve builds the provider's fake, holding matrixCalls calls, that
	// accepts fields.
	serve func(fields map[string]string) http.Handler
	// isList says whether a request reads a page of the call list.
	isList func(r *http.Request) bool
}

func pathIs(method, path string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == method && r.URL.Path == path }
}

// setups returns the seven providers with credentials built from tag (so
// that the canary sweep can plant recognisable secrets).
func setups(tag string) []setup {
	return []setup{
		{id: "retell", secret: "apiKey", fields: map[string]string{"apiKey": "key_" + tag + "0123456789abcdef"},
			serve: func(f map[string]string) http.Handler {
				calls := fake.RetellCalls(matrixCalls, 1)
				start := matrixNow.Add(-5 * 24 * time.Hour).UnixMilli()
				for i := range calls {
					c := &calls[i]
					at := start + int64(i)*300_000
					c.EndTimestamp, c.StartTimestamp = at+c.EndTimestamp-c.StartTimestamp, at
				}
				return fake.NewRetell(f["apiKey"], calls)
			},
			isList: pathIs(http.MethodPost, "/v3/list-calls")},
		{id: "vapi", secret: "apiKey", fields: map[string]string{"apiKey": "vapi-" + tag + "-0123456789abcdef"},
			serve: func(f map[string]string) http.Handler {
				return fake.NewVapi(f["apiKey"], fake.VapiCalls(matrixCalls, 2))
			},
			isList: pathIs(http.MethodGet, "/call")},
		{id: "bland", secret: "apiKey", fields: map[string]string{"apiKey": "sk-" + tag + "-0123456789abcdef01"},
			serve: func(f map[string]string) http.Handler {
				return fake.NewBland(f["apiKey"], fake.BlandCalls(matrixCalls, 3))
			},
			isList: pathIs(http.MethodGet, "/v1/calls")},
		{id: "twilio", secret: "authToken",
			fields: map[string]string{"accountSid": "AC0123456789abcdef0123456789abcdef", "authToken": hexTag(tag)},
			serve: func(f map[string]string) http.Handler {
				return fake.NewTwilio(f["accountSid"], f["authToken"], fake.TwilioCalls(matrixCalls, 4))
			},
			isList: func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/Calls.json") }},
		{id: "telnyx", secret: "apiKey", fields: map[string]string{"apiKey": "KEY" + tag + "0123456789abcdef0123", "accountSid": "torture-account"},
			serve: func(f map[string]string) http.Handler {
				return fake.NewTelnyx(f["apiKey"], f["accountSid"], fake.TelnyxCalls(matrixCalls, 5))
			},
			isList: func(r *http.Request) bool {
				return r.URL.Path == "/v2/detail_records" || strings.HasPrefix(r.URL.Path, "/v2/texml/") && strings.HasSuffix(r.URL.Path, "/Calls")
			}},
		{id: "synthflow", secret: "apiKey", fields: map[string]string{"apiKey": "sf-" + tag + "-0123456789abcdef01", "region": "global"},
			serve: func(f map[string]string) http.Handler {
				return fake.NewSynthflow(f["apiKey"], fake.SynthflowAgents(), fake.SynthflowCalls(matrixCalls, 7))
			},
			isList: pathIs(http.MethodGet, "/v2/calls")},
		{id: "elevenlabs", secret: "apiKey", fields: map[string]string{"apiKey": "sk_" + tag + "0123456789abcdef0123456789abcdef"},
			serve: func(f map[string]string) http.Handler {
				return fake.NewElevenLabs(f["apiKey"], fake.ElevenLabsAgents(3), fake.ElevenLabsConversations(matrixCalls, 6))
			},
			isList: pathIs(http.MethodGet, "/v1/convai/conversations")},
	}
}

// hexTag is a 32-hex-digit Twilio auth token that starts with tag's
// letters that are hex digits.
func hexTag(tag string) string {
	out := ""
	for _, c := range strings.ToLower(tag) {
		if strings.ContainsRune("0123456789abcdef", c) {
			out += string(c)
		}
	}
	return (out + "c0ffee0123456789abcdef0123456789abcdef")[:32]
}
