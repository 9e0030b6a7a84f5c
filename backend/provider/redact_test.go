package provider_test

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"switchboard/backend/provider"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "Tok3n/With+Odd=Chars~0123456789ab"
)

func TestRedact(t *testing.T) {
	pair := base64.StdEncoding.EncodeToString([]byte(testSID + ":" + testToken))
	cases := []struct {
		name    string
		text    string
		secrets []string
		want    string
	}{
		{"the raw secret", "bad key " + testToken + ".", []string{testToken}, "bad key [redacted]."},
		{"the Basic pair, given only its password", "Authenticate " + pair + " now", []string{testToken}, "Authenticate [redacted] now"},
		{"base64, URL alphabet", "k=" + base64.URLEncoding.EncodeToString([]byte(testToken)), []string{testToken}, "k=[redacted]"},
		{"hex, either case", hex.EncodeToString([]byte(testToken)) + " " + strings.ToUpper(hex.EncodeToString([]byte(testToken))), []string{testToken}, "[redacted] [redacted]"},
		{"URL-encoded", "?t=" + url.QueryEscape(testToken) + "&p=" + url.PathEscape(testToken), []string{testToken}, "?t=[redacted]&p=[redacted]"},
		{"percent-encoded in small letters", "t=Tok3n%2fWith%2bOdd%3dChars~0123456789ab", []string{testToken}, "t=[redacted]"},
		{"some characters percent-encoded, some not", "t=Tok3n%2FWith%2bOdd=Ch%61rs%7E0123456789ab!", []string{testToken}, "t=[redacted]!"},
		{"JSON-escaped", `{"m":"Tok3n\/With+Odd=Chars~0123456789ab"}`, []string{testToken}, `{"m":"[redacted]"}`},
		{"every occurrence, overlapping ones too", "aaaaaaaaaaa", []string{"aaaaaaaa"}, "[redacted]"},
		{"a secret the marker re-forms is removed too", "A-1234567890-Btail", []string{"1234567890-", "ted]Btail"}, "A-[redac[redacted]"},
		{"a short secret is not looked for", "the key abc is wrong", []string{"abc"}, "the key abc is wrong"},

		{"a Bearer token", "header Bearer abc123def456ghi", nil, "header Bearer [redacted]"},
		{"a Basic credential", "Authorization: Basic " + pair, nil, "Authorization: Basic [redacted]"},
		{"a raw Authorization value", `"authorization": "org_1234abcd5678"`, nil, `"authorization": "[redacted]"`},
		{"a key-like parameter", "GET /calls?api_key=abcd1234xyz&limit=5", nil, "GET /calls?api_key=[redacted]&limit=5"},
		{"sk_ keys", "key sk_9f8e7d6c5b4a39281706f5e4d3c2 is revoked", nil, "key [redacted] is revoked"},
		{"sk- keys", "key sk-live-4eC39HqLyjWDarjtT1zdp7dc", nil, "key [redacted]"},
		{"key_ keys", "key_0123456789abcdef0123 is not valid", nil, "[redacted] is not valid"},
		{"Telnyx keys", "KEY0179A6F2B3C4D5E6F7A8B9C0D1_abcdefGHIJ1234 refused", nil, "[redacted] refused"},
		{"a Twilio API key SID", "SK0123456789abcdef0123456789abcdef is unknown", nil, "[redacted] is unknown"},
		{"an auth token's shape", "token 0123456789abcdef0123456789abcdef", nil, "token [redacted]"},
		{"a JWT", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired", nil, "jwt [redacted] expired"},
		{"a long mixed-case run", "secret was Zx8Qw7Er6Ty5Ui4Op3As2Df1Gh0JkLmNb here", nil, "secret was [redacted] here"},

		{"an Account SID stays", "Account " + testSID + " is suspended", nil, "Account " + testSID + " is suspended"},
		{"a call SID stays", "Call CA0000000000000001a2b3c4d5e6f7a8b9 not found", nil, "Call CA0000000000000001a2b3c4d5e6f7a8b9 not found"},
		{"a UUID stays", "call 3f1c9a2e-7b4d-4e8a-9c1f-0d2e3b4a5c6d not found", nil, "call 3f1c9a2e-7b4d-4e8a-9c1f-0d2e3b4a5c6d not found"},
		{"words stay", "Invalid API key. Basic authentication required; token expired, secret: none", nil, "Invalid API key. Basic authentication required; token expired, secret: none"},
		{"a URL path stays", "decode GET https://api.twilio.com/2010-04-01/Accounts/" + testSID + "/Calls.json: EOF", nil, "decode GET https://api.twilio.com/2010-04-01/Accounts/" + testSID + "/Calls.json: EOF"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := provider.Redact(tc.text, tc.secrets...); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestRequestSecrets(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(testSID+":"+testToken))
	apiKeyPair := "Basic " + base64.StdEncoding.EncodeToString([]byte("SK0123456789abcdef0123456789abcdef:"+testToken))
	cases := []struct {
		name       string
		req        provider.Request
		want, not_ []string
	}{
		{"Bearer", provider.Request{Header: http.Header{"Authorization": {"Bearer key_abc"}}}, []string{"key_abc"}, nil},
		{"raw Authorization", provider.Request{Header: http.Header{"Authorization": {"sk-raw-key"}}}, []string{"sk-raw-key"}, nil},
		{"Basic with an Account SID", provider.Request{Header: http.Header{"Authorization": {basic}}}, []string{testToken, testSID + ":" + testToken}, []string{testSID}},
		{"Basic with an API key SID", provider.Request{Header: http.Header{"Authorization": {apiKeyPair}}}, []string{testToken, "SK0123456789abcdef0123456789abcdef"}, nil},
		{"xi-api-key", provider.Request{Header: http.Header{"Xi-Api-Key": {"sk_eleven"}}}, []string{"sk_eleven"}, nil},
		{"a key in the query", provider.Request{URL: "https://api.example.com/calls?api_key=q-secret&limit=5"}, []string{"q-secret"}, []string{"5"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := provider.RequestSecrets(tc.req)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("secrets %q lack %q", got, w)
				}
			}
			for _, n := range tc.not_ {
				if slices.Contains(got, n) {
					t.Errorf("secrets %q hold %q, which is not secret", got, n)
				}
			}
		})
	}
}

// encodings are the forms of secret the fuzz target checks for.
func encodings(secret string) []string {
	b := []byte(secret)
	return []string{
		secret,
		base64.StdEncoding.EncodeToString(b), base64.RawStdEncoding.EncodeToString(b),
		base64.URLEncoding.EncodeToString(b), base64.RawURLEncoding.EncodeToString(b),
		base64.StdEncoding.EncodeToString([]byte(testSID + ":" + secret)),
		base64.StdEncoding.EncodeToString([]byte("x" + secret + "y")),
		hex.EncodeToString(b), strings.ToUpper(hex.EncodeToString(b)),
		url.QueryEscape(secret), url.PathEscape(secret),
	}
}

// FuzzRedact: whatever the text around it, the output never contains the
// secret or its base64, hex or URL encodings (unless a form is part of the
// marker itself, which no output can avoid).
func FuzzRedact(f *testing.F) {
	f.Add("Invalid key ", testToken, " for this account")
	f.Add(`{"message":"`, "key_0123456789abcdef0123", `"}`)
	f.Add("", "aaaaaaaa", "aaaa")
	f.Add("[redac", "ted]tail-secret", "ted]")
	f.Add("\x00\xff", "é-ünïcødé-sécret", "%2F")
	f.Fuzz(func(t *testing.T, before, secret, after string) {
		if len(secret) < 8 {
			t.Skip("shorter secrets are not looked for")
		}
		forms := encodings(secret)
		for _, e := range forms {
			if e != "" && strings.Contains(provider.Redacted, e) {
				t.Skip("a form of the secret is part of the marker")
			}
		}
		text := before + strings.Join(forms, after) + after + before
		out := provider.Redact(text, secret)
		for _, e := range forms {
			if e != "" && strings.Contains(out, e) {
				t.Fatalf("Redact(%q, %q) = %q, which holds %q", text, secret, out, e)
			}
		}
	})
}

// TestErrorMessageHasNoKeyShapes: what an adapter quotes from a successful
// answer in a Malformed error never reaches the log as a key.
func TestErrorMessageHasNoKeyShapes(t *testing.T) {
	const key = "sk_live_0123456789abcdefABCDEF"
	err := provider.Malformed("call %.64q: price %.40q does not parse", "CA0000000000000001a2b3c4d5e6f7a8b9", key)
	if msg := err.Error(); strings.Contains(msg, key) || !strings.Contains(msg, "CA0000000000000001a2b3c4d5e6f7a8b9") {
		t.Errorf("Error() = %q: want the key redacted and the call SID kept", msg)
	}
}
