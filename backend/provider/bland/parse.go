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

// number is a JSON number that Bland may also send as a numeric string
// (corrected_duration is documented as a string of seconds) or null; valid
// is false when absent, null or "".
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

// listCall is a call as GET /v1/calls lists it. The reference documents
// call_id, created_at, call_length (minutes), to, from, completed,
// queue_status, error_message, answered_by and batch_id; direction, price,
// started_at and status are only in the call's details (see detail.go).
type listCall struct {
	CallID      string `json:"call_id"`
	CreatedAt   string `json:"created_at"`
	CallLength  number `json:"call_length"`
	From        string `json:"from"`
	To          string `json:"to"`
	Completed   bool   `json:"completed"`
	QueueStatus string `json:"queue_status"`
	AnsweredBy  string `json:"answered_by"`
}

// item is one listed call: what the list says, mapped, and the created_at
// the window applies to. details fills in the rest.
type item struct {
	call    provider.Call
	created time.Time
	listed  listCall
}

type callList struct {
	total    int  // total_count, when hasTotal
	hasTotal bool // whether the answer has a total_count
	served   int  // calls in the answer
	items    []item
}

// parseCalls decodes GET /v1/calls: {count, calls[]} per the reference's
// example, and total_count when Bland sends it (a third-party spec lists
// it). A call without an id or with a missing or unparseable created_at,
// or a call_length that is not a number, makes the whole answer
// KindMalformed.
func parseCalls(body []byte) (callList, error) {
	var wire struct {
		TotalCount *int        `json:"total_count"`
		Calls      *[]listCall `json:"calls"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		return callList{}, provider.Malformed("list calls: %v", err)
	}
	if wire.Calls == nil {
		return callList{}, provider.Malformed("list calls: no calls")
	}
	list := callList{served: len(*wire.Calls), items: make([]item, 0, len(*wire.Calls))}
	if wire.TotalCount != nil {
		list.total, list.hasTotal = *wire.TotalCount, true
	}
	for _, lc := range *wire.Calls {
		it, err := lc.item()
		if err != nil {
			return callList{}, err
		}
		list.items = append(list.items, it)
	}
	return list, nil
}

// timeLayouts are the forms Bland's timestamps take: ISO 8601 with a zone
// ("2023-12-21T23:25:14.801193+00:00" in the reference), Postgres'
// "2006-01-02 15:04:05+00", or no zone (read as UTC).
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

// maxMinutes bounds call_length (about two years) so that a duration
// always fits a time.Duration.
const maxMinutes = 1e6

// seconds converts a call_length in minutes to whole seconds.
func seconds(minutes number, id string) (int64, error) {
	if !minutes.valid {
		return 0, nil
	}
	if math.Abs(minutes.v) > maxMinutes {
		return 0, provider.Malformed("call %s: call_length out of range", id)
	}
	return max(int64(math.Round(minutes.v*60)), 0), nil
}

// item maps what the list says of a call: its start is created_at until
// the details say when it connected, its direction is unknown and it has
// no cost until then; its status is read from completed and queue_status
// (see callStatus).
func (lc listCall) item() (item, error) {
	if lc.CallID == "" {
		return item{}, provider.Malformed("list calls: a call without call_id")
	}
	created, ok := parseTime(lc.CreatedAt)
	if !ok || created.IsZero() {
		return item{}, provider.Malformed("list calls: call %s: missing or invalid created_at", lc.CallID)
	}
	dur, err := seconds(lc.CallLength, lc.CallID)
	if err != nil {
		return item{}, err
	}
	c := provider.Call{
		ProviderCallID: lc.CallID,
		Direction:      provider.DirectionUnknown,
		From:           lc.From,
		To:             lc.To,
		StartedAt:      created,
		DurationSec:    dur,
	}
	c.Status, c.RawStatus = callStatus("", lc.QueueStatus, lc.Completed, lc.AnsweredBy)
	return item{call: c, created: created, listed: lc}, nil
}
