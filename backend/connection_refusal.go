package backend

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"switchboard/backend/provider"
)

// refusedKey is what a provider's refusal of credentials (KindUnauthorized)
// means, in words: from the HTTP status the provider documents for it, not
// from the words of its error body, followed by where the right key is
// found. It is the connection's reason when the credentials are saved anyway.
func refusedKey(a provider.Adapter, c provider.Credentials, err error) string {
	info := a.Info()
	what := "these credentials"
	if filled := filledLabels(a, c); len(filled) == 1 {
		what = "this " + filled[0]
	}
	status := 0
	var pe *provider.Error
	if errors.As(err, &pe) {
		status = pe.Status
	}
	var said string
	switch status {
	case http.StatusUnauthorized:
		said = fmt.Sprintf("%s did not accept %s (HTTP 401): it does not know them, or they were revoked or mistyped.", info.Name, what)
	case http.StatusForbidden:
		said = fmt.Sprintf("%s recognised %s but does not let them read this account (HTTP 403): they may lack a permission, or the account may be suspended.", info.Name, what)
	default:
		said = fmt.Sprintf("%s refused %s.", info.Name, what)
	}
	if info.KeyHelp == "" {
		return said
	}
	return said + " " + info.KeyHelp
}

// filledLabels are the labels of the credential fields that have a value.
func filledLabels(a provider.Adapter, c provider.Credentials) []string {
	var out []string
	for _, f := range a.Fields() {
		if strings.TrimSpace(c[f.Key]) != "" {
			out = append(out, f.Label)
		}
	}
	return out
}

// errKeyRefused is SaveCredentials' answer when the provider refuses the
// credentials online and the admin did not ask to save them anyway: nothing
// was kept. Its field is the first secret the admin filled, so that the form
// ties the message to it.
func errKeyRefused(a provider.Adapter, c provider.Credentials, err error) *Error {
	msg := refusedKey(a, c, err) + " Nothing was saved; choose \"Save anyway\" to keep credentials that will be activated later."
	e := &Error{Code: CodeRefused, Message: msg, Fields: map[string]string{}}
	for _, f := range a.Fields() {
		if f.Secret && c[f.Key] != "" {
			e.Fields[f.Key] = msg
			break
		}
	}
	return e
}
