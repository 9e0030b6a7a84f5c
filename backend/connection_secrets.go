package backend

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"switchboard/backend/keychain"
	"switchboard/backend/provider"
)

// readSecret reads and parses a sub-account's keychain item.
func readSecret(s keychain.Secrets, id int64) (provider.Credentials, error) {
	raw, err := s.Get(keychain.SubAccountItem(id))
	if err != nil {
		return nil, err
	}
	return parseSecret(raw)
}

// parseSecret reads a keychain item's JSON payload.
func parseSecret(raw string) (provider.Credentials, error) {
	c := provider.Credentials{}
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return nil, fmt.Errorf("the keychain item is damaged: %w", err)
	}
	return c, nil
}

// secretHint shows the last four characters of the first secret field.
func secretHint(a provider.Adapter, c provider.Credentials) string {
	for _, f := range a.Fields() {
		if v := []rune(c[f.Key]); f.Secret && len(v) > 0 {
			if len(v) < 12 {
				return "••••"
			}
			return "••••" + string(v[len(v)-4:])
		}
	}
	return ""
}

// accountKey fingerprints the provider account with the per-install key:
// sub-accounts on the same account get the same key (a pool), and the key
// reveals nothing about the secret. Twilio and Telnyx accounts are named by
// their account SID; the others by their API key.
func accountKey(installKey []byte, a provider.Adapter, c provider.Credentials) string {
	identity := c["accountSid"]
	if identity == "" {
		var keys []string
		for _, f := range a.Fields() {
			if f.Secret {
				keys = append(keys, c[f.Key])
			}
		}
		sort.Strings(keys)
		identity = fmt.Sprint(keys)
	}
	return hmacHex(installKey, a.Info().ID+"\x00"+identity)
}

func stateLabel(state string) string {
	switch state {
	case StateConnected:
		return "Connected"
	case StateInvalid:
		return "Invalid credentials"
	}
	return "Not verified"
}

// providerReason is the provider's own explanation, or fallback. The
// client already removed the request's secrets from it; anything
// key-shaped an adapter put there from a successful answer is removed here
// too, since the reason is stored and shown.
func providerReason(err error, fallback string) string {
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Reason != "" {
		return provider.Redact(pe.Reason)
	}
	return fallback
}

// keychainReadError explains, with its fix, an unusable keychain that kept
// saved credentials from being read.
func keychainReadError(err error) *Error {
	e := keychainError(err)
	e.Message = "The saved credentials could not be read" + strings.TrimPrefix(e.Message, "Credentials were not saved")
	return e
}

// keychainError explains an unusable keychain with its fix; nothing was
// written anywhere else instead.
func keychainError(err error) *Error {
	var p *keychain.Problem
	if errors.As(err, &p) {
		return &Error{Code: CodeKeychain, Message: fmt.Sprintf("Credentials were not saved: %s. To fix it: %s.", p.Error(), p.Fix), cause: err}
	}
	return &Error{Code: CodeKeychain, Message: "Credentials were not saved: the keychain failed. Run \"switchboard doctor\" for details.", cause: err}
}
