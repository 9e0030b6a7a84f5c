package twilio

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// flexString is a JSON scalar read as text: a string, or a number kept
// exactly as written (so "price": -0.0175 loses no digits). null and a
// missing key give "". Objects, arrays and booleans are errors.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*f = flexString(b)
	default:
		return errors.New("expected a string or a number")
	}
	return nil
}

// callsJSON is a page of GET /2010-04-01/Accounts/{Sid}/Calls.json. Other
// keys (first_page_uri, page, page_size, uri, …) are ignored.
type callsJSON struct {
	Calls       *[]callJSON `json:"calls"`
	NextPageURI flexString  `json:"next_page_uri"`
}

// callJSON is the part of Twilio's Call resource Switchboard reads.
type callJSON struct {
	Sid           flexString `json:"sid"`
	ParentCallSid flexString `json:"parent_call_sid"`
	StartTime     flexString `json:"start_time"`
	EndTime       flexString `json:"end_time"`
	Duration      flexString `json:"duration"`
	Price         flexString `json:"price"`
	PriceUnit     flexString `json:"price_unit"`
	Direction     flexString `json:"direction"`
	Status        flexString `json:"status"`
	From          flexString `json:"from"`
	To            flexString `json:"to"`
}

// callsPage is a parsed page.
type callsPage struct {
	Calls  []provider.Call
	Next   string // next_page_uri verbatim; "" when null or absent
	Served int    // calls in the answer, counting the ones skipped
}

// parseCalls decodes one page of the Calls list. It skips child legs
// (a parent_call_sid: Twilio lists a <Dial>ed leg as its own call with
// direction outbound-dial, so counting it would count the call twice) and
// calls that have not started (queued: start_time null). A call without a
// sid, or with a time, duration or price that does not parse, makes the
// whole page KindMalformed.
func parseCalls(body []byte) (callsPage, error) {
	var raw callsJSON
	if err := json.Unmarshal(body, &raw); err != nil {
		return callsPage{}, provider.Malformed("calls page: %v", err)
	}
	if raw.Calls == nil {
		return callsPage{}, provider.Malformed("calls page has no calls array")
	}
	p := callsPage{Next: string(raw.NextPageURI), Served: len(*raw.Calls)}
	for _, j := range *raw.Calls {
		c, keep, err := toCall(j)
		if err != nil {
			return callsPage{}, err
		}
		if keep {
			p.Calls = append(p.Calls, c)
		}
	}
	return p, nil
}

func toCall(j callJSON) (provider.Call, bool, error) {
	if j.ParentCallSid != "" {
		return provider.Call{}, false, nil
	}
	sid := string(j.Sid)
	if sid == "" {
		return provider.Call{}, false, provider.Malformed("call without a sid")
	}
	if j.StartTime == "" {
		return provider.Call{}, false, nil
	}
	c := provider.Call{
		ProviderCallID: sid,
		Direction:      direction(string(j.Direction)),
		Status:         string(j.Status),
		From:           string(j.From),
		To:             string(j.To),
	}
	var err error
	if c.StartedAt, err = parseTime(string(j.StartTime)); err != nil {
		return c, false, provider.Malformed("call %.64q: start_time %.64q does not parse", sid, string(j.StartTime))
	}
	if j.EndTime != "" {
		if c.EndedAt, err = parseTime(string(j.EndTime)); err != nil {
			return c, false, provider.Malformed("call %.64q: end_time %.64q does not parse", sid, string(j.EndTime))
		}
	}
	if j.Duration != "" {
		c.DurationSec, err = strconv.ParseInt(string(j.Duration), 10, 64)
		if err != nil || c.DurationSec < 0 {
			return c, false, provider.Malformed("call %.64q: duration %.40q is not whole seconds", sid, string(j.Duration))
		}
	}
	// A price without a unit cannot be booked in any currency: it is
	// treated as no cost (Twilio always sends price_unit, "USD").
	unit := strings.ToUpper(strings.TrimSpace(string(j.PriceUnit)))
	if j.Price != "" && unit != "" {
		if !validCurrency(unit) {
			return c, false, provider.Malformed("call %.64q: price_unit %.40q is not a currency code", sid, unit)
		}
		if c.CostMinor, err = minorUnits(string(j.Price), unit); err != nil {
			return c, false, err
		}
		c.Currency = unit
	}
	return c, true, nil
}

// direction maps Twilio's direction. Elastic SIP trunking "originating"
// calls come from the PSTN into the customer's trunk (inbound);
// "terminating" ones go out to the PSTN.
func direction(d string) provider.Direction {
	switch d {
	case "inbound", "trunking-originating":
		return provider.DirectionIn
	case "outbound-api", "outbound-dial", "trunking-terminating":
		return provider.DirectionOut
	default:
		return provider.DirectionUnknown
	}
}

// parseTime reads Twilio's RFC 2822 times ("Tue, 31 Aug 2010 20:36:28
// +0000", or with "GMT"), falling back to RFC 3339, and returns UTC.
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
