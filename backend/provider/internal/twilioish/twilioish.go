// Package twilioish reads Twilio's Calls list: a "calls" array of call
// resources with RFC 2822 times, durations and prices as strings, and a
// price_unit. (Telnyx's TeXML API copies the shape, but its adapter reads
// it with its own code, following Telnyx's description.)
package twilioish

import (
	"encoding/json"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// FlexString is provider.FlexString, kept under this name for the Twilio
// adapter's call resource.
type FlexString = provider.FlexString

// Call is the part of a Twilio-style call resource both adapters read;
// other keys are ignored.
type Call struct {
	Sid       FlexString `json:"sid"`
	StartTime FlexString `json:"start_time"`
	EndTime   FlexString `json:"end_time"`
	Duration  FlexString `json:"duration"`
	Price     FlexString `json:"price"`
	PriceUnit FlexString `json:"price_unit"`
	Direction FlexString `json:"direction"`
	Status    FlexString `json:"status"`
	From      FlexString `json:"from"`
	To        FlexString `json:"to"`
}

// Page is one parsed page of a Calls list.
type Page struct {
	Calls  []provider.Call // the calls kept, in the answer's order
	Served int             // calls in the answer, counting the ones skipped
}

// ParsePage decodes body, one page of a Calls list: its "calls" array into
// values of C, each mapped by toCall (which may skip it), and, when rest is
// not nil, the page's other keys into rest. A body that does not decode or
// has no calls array is KindMalformed, as is any error of toCall.
func ParsePage[C any](body []byte, rest any, toCall func(C) (provider.Call, bool, error)) (Page, error) {
	var raw struct {
		Calls *[]C `json:"calls"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return Page{}, provider.Malformed("calls page: %v", err)
	}
	if raw.Calls == nil {
		return Page{}, provider.Malformed("calls page has no calls array")
	}
	if rest != nil {
		if err := json.Unmarshal(body, rest); err != nil {
			return Page{}, provider.Malformed("calls page: %v", err)
		}
	}
	p := Page{Served: len(*raw.Calls)}
	for _, j := range *raw.Calls {
		c, keep, err := toCall(j)
		if err != nil {
			return Page{}, err
		}
		if keep {
			p.Calls = append(p.Calls, c)
		}
	}
	return p, nil
}

// ToCall maps j, reading its direction with direction. A call that has not
// started (start_time null: queued) is skipped (keep is false). A call
// without a sid, or with a time, duration or price that does not parse, is
// KindMalformed. A price without a unit cannot be booked in any currency,
// so it is no cost (Twilio always sends price_unit, "USD"). The price is
// read at full precision (provider.Micros: "-0.01750" is 17500 micros).
// RawStatus is the status as sent; Status is left "" for the adapter to
// map (see Status), and ParentCallID and AgentID to the adapter as well.
func ToCall(j Call, direction func(string) provider.Direction) (c provider.Call, keep bool, err error) {
	sid := string(j.Sid)
	if sid == "" {
		return provider.Call{}, false, provider.Malformed("call without a sid")
	}
	if j.StartTime == "" {
		return provider.Call{}, false, nil
	}
	c = provider.Call{
		ProviderCallID: sid,
		Direction:      direction(string(j.Direction)),
		RawStatus:      string(j.Status),
		From:           string(j.From),
		To:             string(j.To),
	}
	if c.StartedAt, err = ParseTime(string(j.StartTime)); err != nil {
		return c, false, provider.Malformed("call %.64q: start_time %.64q does not parse", sid, string(j.StartTime))
	}
	if j.EndTime != "" {
		if c.EndedAt, err = ParseTime(string(j.EndTime)); err != nil {
			return c, false, provider.Malformed("call %.64q: end_time %.64q does not parse", sid, string(j.EndTime))
		}
	}
	if j.Duration != "" {
		c.DurationSec, err = strconv.ParseInt(string(j.Duration), 10, 64)
		if err != nil || c.DurationSec < 0 {
			return c, false, provider.Malformed("call %.64q: duration %.40q is not whole seconds", sid, string(j.Duration))
		}
	}
	unit := strings.ToUpper(strings.TrimSpace(string(j.PriceUnit)))
	if j.Price != "" && unit != "" {
		if !provider.ValidCurrency(unit) {
			return c, false, provider.Malformed("call %.64q: price_unit %.40q is not a currency code", sid, unit)
		}
		if c.CostMicros, err = provider.Micros(string(j.Price)); err != nil {
			return c, false, err
		}
		c.Currency = unit
	}
	return c, true, nil
}

// ParseTime reads an RFC 2822 time ("Tue, 31 Aug 2010 20:36:28 +0000", or
// with "GMT"), as Twilio sends, or an RFC 3339 one, and returns UTC. No
// text is both, so the order they are tried in does not matter.
func ParseTime(s string) (time.Time, error) {
	if t, err := mail.ParseDate(s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
