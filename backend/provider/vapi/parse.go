package vapi

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// wireCall is the part of Vapi's Call that Switchboard reads; other fields
// are ignored.
type wireCall struct {
	ID            string   `json:"id"`
	Type          string   `json:"type"`
	Status        string   `json:"status"`
	CreatedAt     string   `json:"createdAt"`
	StartedAt     string   `json:"startedAt"`
	EndedAt       string   `json:"endedAt"`
	Cost          *float64 `json:"cost"`
	PhoneNumberID string   `json:"phoneNumberId"`
	Customer      *struct {
		Number string `json:"number"`
	} `json:"customer"`
}

// item is a mapped call with the createdAt that paging needs.
type item struct {
	call    provider.Call
	created time.Time
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

// item maps one call. Direction comes from type. Vapi gives only the other
// party's number (customer.number; ours is behind phoneNumberId), so it is
// From on inbound calls and To otherwise, and our side is left empty.
// DurationSec is endedAt − startedAt rounded to the nearest second (0 when
// either is missing); cost is USD, see usdCents.
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
		Direction:      provider.DirectionUnknown,
		Status:         w.Status,
		StartedAt:      started,
		EndedAt:        ended,
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = created
	}
	if !started.IsZero() && ended.After(started) {
		c.DurationSec = int64(math.Round(ended.Sub(started).Seconds()))
	}
	var other string
	if w.Customer != nil {
		other = w.Customer.Number
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
		cents, ok := usdCents(*w.Cost)
		if !ok {
			return item{}, provider.Malformed("list calls: call %s: cost out of range", w.ID)
		}
		c.CostMinor, c.Currency = cents, "USD"
	}
	return item{call: c, created: created}, nil
}

// usdCents converts a USD amount to cents, rounding half away from zero on
// the amount's shortest decimal form, so 0.285 (stored in binary as
// 0.28499999…) gives 29 cents, as the decimal the provider sent says, and
// -0.285 gives -29. ok is false beyond ±10^13 dollars.
func usdCents(v float64) (int64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e13 {
		return 0, false
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac += "000"
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	cents := n*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	if frac[2] >= '5' {
		cents++
	}
	if v < 0 {
		cents = -cents
	}
	return cents, true
}
