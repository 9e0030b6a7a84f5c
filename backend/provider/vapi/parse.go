package vapi

import (
	"cmp"
	"encoding/json"
	"time"

	"switchboard/backend/provider"
)

// wireCall is the part of Vapi's Call that Switchboard reads; other fields
// are ignored.
type wireCall struct {
	ID            string   `json:"id"`
	Type          string   `json:"type"`
	Status        string   `json:"status"`
	EndedReason   string   `json:"endedReason"`
	AssistantID   string   `json:"assistantId"`
	CreatedAt     string   `json:"createdAt"`
	StartedAt     string   `json:"startedAt"`
	EndedAt       string   `json:"endedAt"`
	Cost          *float64 `json:"cost"`
	PhoneNumberID string   `json:"phoneNumberId"`
	Customer      *struct {
		Number string `json:"number"`
		SIPURI string `json:"sipUri"`
	} `json:"customer"`
	// PhoneNumber is a transient number, used instead of phoneNumberId: the
	// spec types it ImportTwilioPhoneNumberDTO (digits in twilioPhoneNumber);
	// a number field, as the other PhoneNumber kinds have, is read too.
	PhoneNumber *struct {
		TwilioPhoneNumber string `json:"twilioPhoneNumber"`
		Number            string `json:"number"`
	} `json:"phoneNumber"`
}

// item is a mapped call with the createdAt that paging needs, and the id
// of our phone number when the call has one (its digits fill our side).
type item struct {
	call     provider.Call
	created  time.Time
	numberID string
}

// parseCalls decodes GET /call's answer, a JSON array of calls. A call
// without an id or with a missing or unparseable createdAt, or any present
// but unparseable time, makes the whole answer KindMalformed.
func parseCalls(body []byte) ([]item, error) {
	var wire []wireCall
	if err := json.Unmarshal(body, &wire); err != nil {
		return nil, provider.Malformed("list calls: %v", err)
	}
	items := make([]item, 0, len(wire))
	for i := range wire {
		it, err := wire[i].item()
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// parseTime reads an ISO 8601 time as UTC; "" is the zero time.
func parseTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t.UTC(), err == nil
}

// item maps one call. Direction comes from type. Vapi gives the other
// party's number (customer.number, or customer.sipUri for a SIP caller):
// From on inbound calls, To otherwise; ours is behind phoneNumberId, which
// ListCalls resolves into the other side, or is the transient
// phoneNumber.twilioPhoneNumber. AgentID is assistantId ("" for a transient assistant,
// a squad or a workflow). Status is normalStatus of status and
// endedReason; RawStatus is status. DurationSec is endedAt − startedAt
// rounded to the nearest second (0 when either is missing); cost is USD,
// kept to the micro-dollar (provider.MicrosFromFloat).
func (w *wireCall) item() (item, error) {
	if w.ID == "" {
		return item{}, provider.Malformed("list calls: a call without id")
	}
	created, ok := parseTime(w.CreatedAt)
	if !ok || created.IsZero() {
		return item{}, provider.Malformed("list calls: call %s: missing or invalid createdAt", w.ID)
	}
	started, ok1 := parseTime(w.StartedAt)
	ended, ok2 := parseTime(w.EndedAt)
	if !ok1 || !ok2 {
		return item{}, provider.Malformed("list calls: call %s: invalid startedAt or endedAt", w.ID)
	}
	c := provider.Call{
		ProviderCallID: w.ID,
		AgentID:        w.AssistantID,
		Direction:      provider.DirectionUnknown,
		Status:         normalStatus(w.Status, w.EndedReason),
		RawStatus:      w.Status,
		StartedAt:      started,
		EndedAt:        ended,
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = created
	}
	c.DurationSec = provider.SecondsBetween(started, ended)
	var other string
	if w.Customer != nil {
		other = w.Customer.Number
		if other == "" {
			other = w.Customer.SIPURI
		}
	}
	switch w.Type {
	case "inboundPhoneCall":
		c.Direction, c.From = provider.DirectionIn, other
	case "outboundPhoneCall":
		c.Direction, c.To = provider.DirectionOut, other
	case "webCall", "vapi.websocketCall":
		c.Direction, c.To = provider.DirectionWeb, other
	default:
		c.To = other
	}
	if w.Cost != nil {
		micros, ok := provider.MicrosFromFloat(*w.Cost, 0)
		if !ok || micros < 0 {
			return item{}, provider.Malformed("list calls: call %s: cost out of range", w.ID)
		}
		c.CostMicros, c.Currency = micros, "USD"
	}
	it := item{call: c, created: created}
	if w.Type == "inboundPhoneCall" || w.Type == "outboundPhoneCall" {
		it.numberID = w.PhoneNumberID
		if it.numberID == "" && w.PhoneNumber != nil {
			setOurs(&it.call, cmp.Or(w.PhoneNumber.TwilioPhoneNumber, w.PhoneNumber.Number))
		}
	}
	return it, nil
}
