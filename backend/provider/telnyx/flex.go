package telnyx

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/mail"
	"time"
)

// flexText is a JSON scalar read as text: a string, or a number kept
// exactly as written (so a price loses no digits). null and a missing key
// give "". Objects, arrays and booleans are errors. Telnyx's types for
// TeXML durations and prices are strings in the OpenAPI; this also takes
// numbers, in case.
type flexText string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexText(s)
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*f = flexText(b)
	default:
		return errors.New("expected a string or a number")
	}
	return nil
}

// parseTime reads an RFC 2822 time ("Thu, 15 Jun 2023 09:56:45 +0000", as
// the TeXML OpenAPI's examples) or an RFC 3339 one (Telnyx's other APIs)
// and returns UTC. No text is both.
func parseTime(s string) (time.Time, error) {
	if t, err := mail.ParseDate(s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
