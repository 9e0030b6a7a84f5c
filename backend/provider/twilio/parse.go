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
// next_page_uri (first_page_uri, page, page_size, uri, …) are ignored. It
// skips child legs (a parent_call_sid: Twilio lists a <Dial>ed leg as its
// own call with direction outbound-dial, so counting it would count the
// call twice) and calls that have not started (see twilioish.ToCall). A
// call without a sid, or with a time, duration or price that does not
// parse, makes the whole page KindMalformed.
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

func toCall(j callJSON) (provider.Call, bool, error) {
	if j.ParentCallSid != "" {
		return provider.Call{}, false, nil
	}
	return twilioish.ToCall(j.Call, direction)
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
