package provider

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redacted is what Redact puts where it removed something.
const Redacted = "[redacted]"

// minSecretLen is the shortest secret Redact looks for: a shorter one would
// match ordinary words, and no provider's secret is that short.
const minSecretLen = 8

// Redact returns text with every secret removed, each in the forms a server
// may echo it in (raw, JSON-escaped, base64 standard or URL-safe at any
// offset, so also inside a base64 Basic pair, hex, URL- and
// percent-encoded), and with anything shaped like a credential removed too
// (a Bearer or Basic token, the value after a key-like name, sk_/key_-style
// keys, Twilio API key SIDs, long hex or mixed-case runs, JWTs). Each
// removed run becomes Redacted. Twilio resource SIDs (AC…, CA…: two capitals
// and 32 hex digits) are names, not secrets, and stay. When removing one
// form joins the marker with its neighbours into a secret again, Redact
// tries again, and gives up on the whole text (returns Redacted) rather
// than return a secret. Secrets shorter than 8 bytes are not looked for.
func Redact(text string, secrets ...string) string {
	forms, mixed := secretForms(secrets), percentPatterns(secrets)
	out := text
	for range 4 {
		out = redactOnce(out, forms, mixed)
		if !containsAny(out, forms, mixed) {
			return out
		}
	}
	return Redacted
}

// redactOnce replaces each run of bytes covered by a form, a mixed
// percent-encoding or a key shape with one Redacted.
func redactOnce(text string, forms []string, mixed []*regexp.Regexp) string {
	hit := make([]bool, len(text))
	mark := func(from, to int) {
		for i := from; i < to; i++ {
			hit[i] = true
		}
	}
	for _, f := range forms {
		for at := 0; ; {
			i := strings.Index(text[at:], f)
			if i < 0 {
				break
			}
			mark(at+i, at+i+len(f))
			at += i + 1
		}
	}
	for _, re := range mixed {
		for _, m := range re.FindAllStringIndex(text, -1) {
			mark(m[0], m[1])
		}
	}
	for _, s := range keyShapes {
		for _, m := range s.re.FindAllStringSubmatchIndex(text, -1) {
			from, to := m[0], m[1]
			if len(m) > 2 && m[2] >= 0 { // the pattern names the part to remove
				from, to = m[2], m[3]
			}
			if s.keep == nil || !s.keep(text[from:to]) {
				mark(from, to)
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if !hit[i] {
			b.WriteByte(text[i])
			continue
		}
		b.WriteString(Redacted)
		for i+1 < len(text) && hit[i+1] {
			i++
		}
	}
	return b.String()
}

func containsAny(text string, forms []string, mixed []*regexp.Regexp) bool {
	for _, f := range forms {
		if strings.Contains(text, f) {
			return true
		}
	}
	for _, re := range mixed {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// percentPatterns match each secret with any of its characters
// percent-encoded (%XX for each of its UTF-8 bytes, either case) and the
// others as they are: a server may escape only some characters (an
// underscore, a tilde) in what it echoes. A secret that is not valid UTF-8
// has none (regexp matches characters); its other forms still apply.
func percentPatterns(secrets []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, s := range secrets {
		if len(s) < minSecretLen || !utf8.ValidString(s) {
			continue
		}
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, "(?:%s|(?i:%s))", regexp.QuoteMeta(string(r)), percentAll(string(r)))
		}
		out = append(out, regexp.MustCompile(b.String()))
	}
	return out
}

// secretForms lists every form of each secret Redact looks for, longest
// first, without duplicates.
func secretForms(secrets []string) []string {
	seen := map[string]bool{}
	var forms []string
	add := func(f string) {
		if len(f) >= 4 && !seen[f] {
			seen[f] = true
			forms = append(forms, f)
		}
	}
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		add(s)
		if j, err := json.Marshal(s); err == nil {
			js := string(j[1 : len(j)-1])
			add(js)
			add(strings.ReplaceAll(js, "/", `\/`))
		}
		add(hex.EncodeToString([]byte(s)))
		add(strings.ToUpper(hex.EncodeToString([]byte(s))))
		for _, p := range []string{url.QueryEscape(s), url.PathEscape(s), percentAll(s)} {
			add(p)
			add(lowerPercent(p))
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			add(enc.EncodeToString([]byte(s)))
			for k := range 3 {
				add(base64Core(enc, s, k))
			}
		}
	}
	return forms
}

// base64Core is the part of the base64 encoding of s that is the same
// wherever s stands in a longer text encoded with enc, when it starts k
// bytes (mod 3) into it: the characters made of s's bits only.
func base64Core(enc *base64.Encoding, s string, k int) string {
	e := enc.WithPadding(base64.NoPadding).EncodeToString(append(make([]byte, k), s...))
	from := (8*k + 5) / 6
	to := 8 * (k + len(s)) / 6
	if from >= to {
		return ""
	}
	return e[from:to]
}

// percentAll percent-encodes every byte of s.
func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{s[i]})))
	}
	return b.String()
}

// lowerPercent writes the hex digits of each %XX escape in lower case.
func lowerPercent(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerHex(b[i+1]), lowerHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lowerHex(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// keyShape is a pattern of credential-looking text; when the pattern has a
// group, only the group is removed. keep, when set, spares a match.
type keyShape struct {
	re   *regexp.Regexp
	keep func(match string) bool
}

var keyShapes = []keyShape{
	// A token after its scheme: "Bearer abc123…", "Basic QUMx…".
	{regexp.MustCompile(`(?i)\b(?:bearer|basic)\s+([A-Za-z0-9._~+/=-]{8,})`), notKeyLike},
	// The value after a key-like name: api_key=…, "token": "…", Authorization: ….
	{regexp.MustCompile(`(?i)(?:api[_-]?key|access[_-]?token|auth[_-]?token|secret|password|passwd|authorization)["']?\s*[:=]\s*["']?(?:(?:bearer|basic)\s+)?([^\s"'&,;<>]{6,})`), notKeyLike},
	// Prefixed keys: sk_live_…, sk-…, pk_…, key_…, tok_….
	{regexp.MustCompile(`(?i)\b(?:sk|pk|rk|key|tok|token|secret)[_-][A-Za-z0-9_-]{12,}`), notKeyLike},
	// Telnyx keys: KEY0123…_abc….
	{regexp.MustCompile(`\bKEY[0-9A-Za-z]{16,}_[A-Za-z0-9_-]{8,}`), nil},
	// Twilio API key SIDs.
	{regexp.MustCompile(`\bSK[0-9a-fA-F]{32}\b`), nil},
	// JSON Web Tokens.
	{regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}`), nil},
	// Long hex runs (Twilio auth tokens, hashes), but not resource SIDs.
	{regexp.MustCompile(`\b[0-9a-fA-F]{32,}\b`), isResourceSID},
	// Long runs of the key alphabet mixing capitals, small letters and digits.
	{regexp.MustCompile(`[A-Za-z0-9+_-]{32,}={0,2}`), func(m string) bool { return isResourceSID(m) || !mixedCase(m) }},
}

// notKeyLike spares words: a key has a digit and a letter.
func notKeyLike(m string) bool {
	return !strings.ContainsFunc(m, unicode.IsDigit) || !strings.ContainsFunc(m, unicode.IsLetter)
}

// resourceSID matches Twilio resource SIDs such as the Account SID
// (AC + 32 hex) and call SIDs (CA + 32 hex): names, shown in messages.
var resourceSID = regexp.MustCompile(`^[A-Z]{2}[0-9a-f]{32}$`)

func isResourceSID(m string) bool { return resourceSID.MatchString(m) && !strings.HasPrefix(m, "SK") }

func mixedCase(m string) bool {
	return strings.ContainsFunc(m, unicode.IsUpper) && strings.ContainsFunc(m, unicode.IsLower) && strings.ContainsFunc(m, unicode.IsDigit)
}

// RequestSecrets lists the secrets a request carries, for Redact: a Bearer
// token, both parts of a Basic pair (the user part unless it is an Account
// SID, which names the account) and the pair itself, a raw Authorization
// value, the xi-api-key and other API-key headers, and the values of
// key-like query parameters.
func RequestSecrets(req Request) []string {
	var out []string
	for name, vs := range req.Header {
		switch http.CanonicalHeaderKey(name) {
		case "Authorization", "Proxy-Authorization":
			for _, v := range vs {
				out = append(out, authSecrets(v)...)
			}
		case "Xi-Api-Key", "X-Api-Key", "Api-Key", "X-Auth-Token":
			for _, v := range vs {
				out = append(out, v, strings.TrimSpace(v))
			}
		}
	}
	if u, err := url.Parse(req.URL); err == nil {
		if p, ok := u.User.Password(); ok {
			out = append(out, p)
		}
		for k, vs := range u.Query() {
			if keyParam.MatchString(k) {
				out = append(out, vs...)
			}
		}
	}
	return out
}

var keyParam = regexp.MustCompile(`(?i)key|token|secret|password|auth`)

// authSecrets are the secrets in one Authorization header value.
func authSecrets(v string) []string {
	out := []string{v}
	scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		return append(out, strings.TrimSpace(v))
	}
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "basic":
		out = append(out, cred)
		if raw, err := base64.StdEncoding.DecodeString(cred); err == nil {
			user, pass, _ := strings.Cut(string(raw), ":")
			out = append(out, string(raw), pass)
			if !isResourceSID(user) {
				out = append(out, user)
			}
		}
	default:
		out = append(out, cred)
	}
	return out
}
