package bland

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// number is a JSON number that Bland may also send as a numeric string or
// null; valid is false when absent or null.
type number struct {
	v     float64
	valid bool
}

func (n *number) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*n = number{}
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s = strings.TrimSpace(s); s == "" {
			*n = number{}
			return nil
		}
		b = []byte(s)
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("not a number: %.40q", b)
	}
	*n = number{v: v, valid: true}
	return nil
}

// wireCall is the part of a Bland call that Switchboard reads; other fields
// are ignored.
type wireCall struct {
	CallID      string `json:"call_id"`
	CreatedAt   string `json:"created_at"`
	StartedAt   string `json:"started_at"`
	EndAt       string `json:"end_at"`
	CallLength  number `json:"call_length"` // minutes
	From        string `json:"from"`
	To          string `json:"to"`
	Inbound     *bool  `json:"inbound"`
	Price       number `json:"price"` // USD
	Status      string `json:"status"`
	QueueStatus string `json:"queue_status"`
	Completed   bool   `json:"completed"`
}

// item is a mapped call with the created_at the window applies to.
type item struct {
	call    provider.Call
	created time.Time
}

type callList struct {
	total, count int
	items        []item
}

// parseCalls decodes GET /v1/calls: {total_count, count, calls[]}. count
// defaults to len(calls). A call without an id or with a missing or
// unparseable created_at, or any present but unparseable time, makes the
// whole answer KindMalformed.
func parseCalls(body []byte) (callList, error) {
	var wire struct {
		TotalCount *int        `json:"total_count"`
		Count      *int        `json:"count"`
		Calls      *[]wireCall `json:"calls"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		return callList{}, provider.Malformed("list calls: %v", err)
	}
	if wire.Calls == nil {
		return callList{}, provider.Malformed("list calls: no calls")
	}
	list := callList{count: len(*wire.Calls), items: make([]item, 0, len(*wire.Calls))}
	if wire.Count != nil {
		list.count = *wire.Count
	}
	if wire.TotalCount != nil {
		list.total = *wire.TotalCount
	}
	for i := range *wire.Calls {
		it, err := (*wire.Calls)[i].item()
		if err != nil {
			return callList{}, err
		}
		list.items = append(list.items, it)
	}
	return list, nil
}

// timeLayouts are the forms Bland's timestamps may take: ISO 8601 with a
// zone, Postgres' "2006-01-02 15:04:05+00", or no zone (read as UTC).
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999-07",
	"2006-01-02 15:04:05.999999999-07",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

// parseTime reads a timestamp as UTC; "" is the zero time.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// maxMinutes bounds call_length to keep the seconds in range.
const maxMinutes = 1e9

// item maps one call. StartedAt is started_at when given, else created_at.
// call_length is minutes, rounded to whole seconds; when absent the
// duration is end_at − started_at. Direction is the inbound flag (unknown
// when absent). price is USD when the list item carries it (it is [3P]),
// else there is no cost. Status is status, else queue_status, else
// "completed" when the completed flag is set.
func (w *wireCall) item() (item, error) {
	if w.CallID == "" {
		return item{}, provider.Malformed("list calls: a call without call_id")
	}
	created, ok := parseTime(w.CreatedAt)
	if !ok || created.IsZero() {
		return item{}, provider.Malformed("list calls: call %s: missing or invalid created_at", w.CallID)
	}
	started, ok1 := parseTime(w.StartedAt)
	ended, ok2 := parseTime(w.EndAt)
	if !ok1 || !ok2 {
		return item{}, provider.Malformed("list calls: call %s: invalid started_at or end_at", w.CallID)
	}
	c := provider.Call{
		ProviderCallID: w.CallID,
		Direction:      provider.DirectionUnknown,
		RawStatus:      w.Status,
		From:           w.From,
		To:             w.To,
		StartedAt:      started,
		EndedAt:        ended,
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = created
	}
	switch {
	case w.CallLength.valid:
		if math.Abs(w.CallLength.v) > maxMinutes {
			return item{}, provider.Malformed("list calls: call %s: call_length out of range", w.CallID)
		}
		c.DurationSec = max(int64(math.Round(w.CallLength.v*60)), 0)
	default:
		c.DurationSec = provider.SecondsBetween(c.StartedAt, ended)
	}
	if w.Inbound != nil {
		c.Direction = provider.DirectionOut
		if *w.Inbound {
			c.Direction = provider.DirectionIn
		}
	}
	if w.Price.valid {
		micros, ok := provider.MicrosFromFloat(w.Price.v, 0)
		if !ok || micros < 0 {
			return item{}, provider.Malformed("list calls: call %s: price out of range", w.CallID)
		}
		c.CostMicros, c.Currency = micros, "USD"
	}
	if c.RawStatus == "" {
		c.RawStatus = w.QueueStatus
	}
	if c.RawStatus == "" && w.Completed {
		c.RawStatus = "completed"
	}
	return item{call: c, created: created}, nil
}
