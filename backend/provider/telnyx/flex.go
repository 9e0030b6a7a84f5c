package telnyx

import (
	"net/mail"
	"time"

	"switchboard/backend/provider"
)

// flexText is provider.FlexString: Telnyx's TeXML durations and prices
// are strings in the OpenAPI; numbers are taken too, in case.
type flexText = provider.FlexString

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
