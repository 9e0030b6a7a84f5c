package twilio

import (
	"switchboard/backend/provider"
	"switchboard/backend/provider/internal/twilioish"
)

// callJSON is the part of Twilio's Call resource Switchboard reads.
type callJSON struct {
	twilioish.Call
	ParentCallSid twilioish.FlexString `json:"parent_call_sid"`
}

// callsPage is a parsed page of GET /2010-04-01/Accounts/{Sid}/Calls.json.
type callsPage struct {
	twilioish.Page
	Next string // next_page_uri verbatim; "" when null or absent
}

// parseCalls decodes one page of the Calls list. Other keys than calls and
// next_page_uri (first_page_uri, page, page_size, uri, …) are ignored.
// Child legs (a parent_call_sid: the call that created the leg, such as the
// call whose <Dial> placed it) are kept with ParentCallID set; calls that
// have not started are skipped (see twilioish.ToCall). A call without a
// sid, that names itself as its parent, or with a time, duration or price
// that does not parse, makes the whole page KindMalformed.
func parseCalls(body []byte) (callsPage, error) {
	var rest struct {
		NextPageURI twilioish.FlexString `json:"next_page_uri"`
	}
	p, err := twilioish.ParsePage(body, &rest, toCall)
	if err != nil {
		return callsPage{}, err
	}
	return callsPage{Page: p, Next: string(rest.NextPageURI)}, nil
}

// toCall maps one call resource: its duration, price (full precision, in
// price_unit) and status as Twilio reports them, whether or not it is a
// leg of another call.
func toCall(j callJSON) (provider.Call, bool, error) {
	c, keep, err := twilioish.ToCall(j.Call, direction)
	if err != nil || !keep {
		return c, keep, err
	}
	if j.ParentCallSid != "" && string(j.ParentCallSid) == c.ProviderCallID {
		return provider.Call{}, false, provider.Malformed("call %.64q is its own parent", c.ProviderCallID)
	}
	c.ParentCallID = string(j.ParentCallSid)
	c.Status = twilioish.Status(c.RawStatus)
	return c, true, nil
}

// direction maps Twilio's direction. Elastic SIP trunking "originating"
// calls come from the PSTN into the customer's trunk (inbound);
// "terminating" ones go out to the PSTN. A <Dial>ed leg (outbound-dial)
// goes out from the account.
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
