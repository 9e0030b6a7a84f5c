package retell

import (
	"bytes"
	"encoding/json"
	"math"
	"time"

	"switchboard/backend/provider"
)

// wireCall is the part of Retell's PhoneCallResponse that Switchboard
// reads; other fields are ignored.
type wireCall struct {
	CallID         string   `json:"call_id"`
	CallType       string   `json:"call_type"`
	Direction      string   `json:"direction"`
	CallStatus     string   `json:"call_status"`
	Reason         string   `json:"disconnection_reason"`
	AgentID        string   `json:"agent_id"`
	FromNumber     string   `json:"from_number"`
	ToNumber       string   `json:"to_number"`
	StartTimestamp *float64 `json:"start_timestamp"`
	EndTimestamp   *float64 `json:"end_timestamp"`
	DurationMs     *float64 `json:"duration_ms"`
	CallCost       *struct {
		CombinedCost *float64 `json:"combined_cost"`
	} `json:"call_cost"`
}

// parseCallList decodes a list-calls answer: the v3 object
// {items, has_more, pagination_key} or the v2 bare array, where the next
// cursor is the last call_id when the page is full (len == limit). The
// official SDK (retell-typescript-sdk, CallListResponse) marks items and
// every call's start_timestamp optional: a page without items has no
// calls, and a call without a start (a registered call, not yet dialled)
// is skipped: it has no place in a time window yet, and a later sync reads
// it once it has started. It returns every other call on the page,
// unfiltered; a call without an id, or with a start that is not a valid
// time, makes the whole page KindMalformed.
func parseCallList(body []byte, limit int) ([]provider.Call, string, error) {
	var items []wireCall
	var next string
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, "", provider.Malformed("list-calls: %v", err)
		}
		if len(items) == limit && limit > 0 {
			next = items[len(items)-1].CallID
		}
	} else {
		var page struct {
			Items         *[]wireCall `json:"items"`
			HasMore       bool        `json:"has_more"`
			PaginationKey string      `json:"pagination_key"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, "", provider.Malformed("list-calls: %v", err)
		}
		if page.Items != nil {
			items = *page.Items
		}
		if page.HasMore {
			if page.PaginationKey == "" {
				return nil, "", provider.Malformed("list-calls: has_more without pagination_key")
			}
			next = page.PaginationKey
		}
	}
	calls := make([]provider.Call, 0, len(items))
	for i := range items {
		if items[i].StartTimestamp == nil && items[i].CallID != "" {
			continue // registered, not started
		}
		call, err := items[i].call()
		if err != nil {
			return nil, "", err
		}
		calls = append(calls, call)
	}
	return calls, next, nil
}

// maxMs is 9999-12-31T23:59:59.999Z in epoch ms.
const maxMs = 253402300799999

// msTime converts epoch ms to UTC; ok is false for non-positive or
// out-of-range values.
func msTime(v *float64) (time.Time, bool) {
	if v == nil || !(*v > 0 && *v <= maxMs) {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(*v)).UTC(), true
}

// call maps one wire call. Units: times epoch ms, duration_ms, and
// combined_cost in cents (USD), kept to the micro-dollar (MicrosFromFloat
// with exponent 2). Status is normalStatus of call_status and
// disconnection_reason; RawStatus is call_status.
func (w *wireCall) call() (provider.Call, error) {
	if w.CallID == "" {
		return provider.Call{}, provider.Malformed("list-calls: a call without call_id")
	}
	start, ok := msTime(w.StartTimestamp)
	if !ok {
		return provider.Call{}, provider.Malformed("list-calls: call %s: missing or invalid start_timestamp", w.CallID)
	}
	c := provider.Call{
		ProviderCallID: w.CallID,
		AgentID:        w.AgentID,
		Direction:      provider.DirectionUnknown,
		Status:         normalStatus(w.CallStatus, w.Reason),
		RawStatus:      w.CallStatus,
		From:           w.FromNumber,
		To:             w.ToNumber,
		StartedAt:      start,
	}
	if end, ok := msTime(w.EndTimestamp); ok {
		c.EndedAt = end
	}
	switch {
	case w.CallType == "web_call":
		c.Direction = provider.DirectionWeb
	case w.Direction == "inbound":
		c.Direction = provider.DirectionIn
	case w.Direction == "outbound":
		c.Direction = provider.DirectionOut
	}
	switch {
	case w.DurationMs != nil && *w.DurationMs >= 0 && *w.DurationMs <= maxMs:
		c.DurationSec = int64(math.Round(*w.DurationMs / 1000))
	default:
		c.DurationSec = provider.SecondsBetween(c.StartedAt, c.EndedAt)
	}
	if w.CallCost != nil && w.CallCost.CombinedCost != nil {
		cents := *w.CallCost.CombinedCost
		if math.Abs(cents) > 1e15 {
			return provider.Call{}, provider.Malformed("list-calls: call %s: combined_cost out of range", w.CallID)
		}
		micros, ok := provider.MicrosFromFloat(cents, 2)
		if !ok || micros < 0 {
			return provider.Call{}, provider.Malformed("list-calls: call %s: combined_cost out of range", w.CallID)
		}
		c.CostMicros, c.Currency = micros, "USD"
	}
	return c, nil
}
