package synthflow

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// pagination is the answer's pagination object: every field optional.
type pagination struct {
	TotalRecords *int64 `json:"total_records"`
}

// total returns total_records, or nil when absent; a negative one is
// KindMalformed.
func (p *pagination) total(what string) (*int64, error) {
	if p == nil || p.TotalRecords == nil {
		return nil, nil
	}
	if *p.TotalRecords < 0 {
		return nil, provider.Malformed("%s: negative total_records", what)
	}
	return p.TotalRecords, nil
}

// wireCall is the part of a list-calls item (CallsGet…CallsItems) that
// Switchboard reads; other fields are ignored. start_time is documented as
// a string of epoch ms; a JSON number is accepted too.
type wireCall struct {
	CallID           string          `json:"call_id"`
	ModelID          string          `json:"model_id"`
	StartTime        json.RawMessage `json:"start_time"`
	Duration         *float64        `json:"duration"`
	TypeOfCall       string          `json:"type_of_call"`
	CallStatus       *string         `json:"call_status"`
	Status           *string         `json:"status"`
	LeadPhoneNumber  string          `json:"lead_phone_number"`
	AgentPhoneNumber string          `json:"agent_phone_number"`
	PhoneNumberFrom  string          `json:"phone_number_from"`
	PhoneNumberTo    string          `json:"phone_number_to"`
	TelephonyEnd     *string         `json:"telephony_end"`
}

// callsPage is one decoded GET /v2/calls answer: the calls that have a
// start, how many items the answer held (the offset moves by that), and
// total_records when given.
type callsPage struct {
	calls []provider.Call
	n     int
	total *int64
}

// parseCalls decodes {status, response: {pagination, calls[]}}. The
// reference marks status and response nullable: a null response is an
// empty page. A call without a start_time (not placed yet) is skipped, as
// it has no place in a time window; a call without call_id, or with a
// start_time that is not epoch ms, makes the page KindMalformed.
func parseCalls(body []byte) (callsPage, error) {
	var env struct {
		Response *struct {
			Pagination *pagination `json:"pagination"`
			Calls      []wireCall  `json:"calls"`
		} `json:"response"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return callsPage{}, provider.Malformed("list calls: %v", err)
	}
	if env.Response == nil {
		return callsPage{}, nil
	}
	total, err := env.Response.Pagination.total("list calls")
	if err != nil {
		return callsPage{}, err
	}
	page := callsPage{n: len(env.Response.Calls), total: total}
	for i := range env.Response.Calls {
		call, ok, err := env.Response.Calls[i].call()
		if err != nil {
			return callsPage{}, err
		}
		if ok {
			page.calls = append(page.calls, call)
		}
	}
	return page, nil
}

// maxMs is 9999-12-31T23:59:59.999Z in epoch ms.
const maxMs = 253402300799999

// maxDurationSec bounds a believable duration (ten years).
const maxDurationSec = 10 * 365 * 24 * 3600

// startOf reads start_time; ok is false when it is absent or null.
func startOf(raw json.RawMessage) (t time.Time, ok bool, valid bool) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return time.Time{}, false, true
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, false, false
		}
		if s = strings.TrimSpace(s); s == "" {
			return time.Time{}, false, true
		}
	}
	ms, err := strconv.ParseFloat(s, 64)
	if err != nil || !(ms > 0 && ms <= maxMs) {
		return time.Time{}, false, false
	}
	return time.UnixMilli(int64(ms)).UTC(), true, true
}

// endLayouts are the forms telephony_end is read in: ISO 8601 with a zone
// (documented), or without one (taken as UTC).
var endLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"}

func parseEnd(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	for _, layout := range endLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(*s)); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// call maps one item. ok is false for a call without a start (skipped).
//
//   - Direction from type_of_call (inbound | outbound, the only documented
//     values); anything else is unknown.
//   - From/To: our side is agent_phone_number, the other lead_phone_number:
//     the lead calls in (From) on an inbound call and is called (To) on an
//     outbound one. phone_number_from/phone_number_to fill a side left empty.
//   - Status: call_status, or status where call_status is absent; see
//     statusOf. RawStatus keeps the value as sent.
//   - DurationSec: duration (seconds); when it is absent or out of range,
//     the time between start and telephony_end.
//   - EndedAt: telephony_end (ISO 8601; another form is ignored) when it is
//     a time not before the start; otherwise, for a finished call with a duration, start +
//     duration (derived: Synthflow sends no other end).
//   - Cost: none is documented, so CostMicros 0 and Currency "".
func (w *wireCall) call() (provider.Call, bool, error) {
	if w.CallID == "" {
		return provider.Call{}, false, provider.Malformed("list calls: a call without call_id")
	}
	start, ok, valid := startOf(w.StartTime)
	if !valid {
		return provider.Call{}, false, provider.Malformed("list calls: call %s: invalid start_time", w.CallID)
	}
	if !ok {
		return provider.Call{}, false, nil
	}
	raw := ""
	switch {
	case w.CallStatus != nil:
		raw = *w.CallStatus
	case w.Status != nil:
		raw = *w.Status
	}
	c := provider.Call{
		ProviderCallID: w.CallID,
		AgentID:        w.ModelID,
		Direction:      provider.DirectionUnknown,
		Status:         statusOf(raw),
		RawStatus:      raw,
		StartedAt:      start,
	}
	switch w.TypeOfCall {
	case "inbound":
		c.Direction, c.From, c.To = provider.DirectionIn, w.LeadPhoneNumber, w.AgentPhoneNumber
	case "outbound":
		c.Direction, c.From, c.To = provider.DirectionOut, w.AgentPhoneNumber, w.LeadPhoneNumber
	}
	if c.From == "" {
		c.From = w.PhoneNumberFrom
	}
	if c.To == "" {
		c.To = w.PhoneNumberTo
	}
	if end := parseEnd(w.TelephonyEnd); !end.IsZero() && !end.Before(start) {
		c.EndedAt = end
	}
	hasDuration := w.Duration != nil && *w.Duration >= 0 && *w.Duration <= maxDurationSec
	if hasDuration {
		c.DurationSec = int64(math.Round(*w.Duration))
	} else {
		c.DurationSec = provider.SecondsBetween(c.StartedAt, c.EndedAt)
	}
	if c.EndedAt.IsZero() && hasDuration && c.DurationSec > 0 && finished(c.Status) {
		c.EndedAt = start.Add(time.Duration(c.DurationSec) * time.Second)
	}
	return c, true, nil
}

// wireAssistant is the part of a list-agents item that Switchboard reads:
// model_id, name, and the agent's prompt (Agent.prompt).
type wireAssistant struct {
	ModelID string `json:"model_id"`
	Name    string `json:"name"`
	Agent   *struct {
		Prompt string `json:"prompt"`
	} `json:"agent"`
}

// parseAssistants decodes GET /v2/assistants/: {status, response:
// {pagination, assistants}}. The OpenAPI description types assistants as
// one object on this endpoint but as an array on GET /v2/assistants/{id},
// whose example is an array too; both are read. A null response or
// assistants is an empty page; an agent without model_id is KindMalformed.
func parseAssistants(body []byte) ([]provider.Agent, *int64, error) {
	var env struct {
		Response *struct {
			Pagination *pagination     `json:"pagination"`
			Assistants json.RawMessage `json:"assistants"`
		} `json:"response"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, nil, provider.Malformed("list agents: %v", err)
	}
	if env.Response == nil {
		return nil, nil, nil
	}
	total, err := env.Response.Pagination.total("list agents")
	if err != nil {
		return nil, nil, err
	}
	var wire []wireAssistant
	switch raw := bytes.TrimSpace(env.Response.Assistants); {
	case len(raw) == 0 || string(raw) == "null":
	case raw[0] == '{':
		var one wireAssistant
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, nil, provider.Malformed("list agents: %v", err)
		}
		wire = []wireAssistant{one}
	default:
		if err := json.Unmarshal(raw, &wire); err != nil {
			return nil, nil, provider.Malformed("list agents: %v", err)
		}
	}
	agents := make([]provider.Agent, len(wire))
	for i, w := range wire {
		if w.ModelID == "" {
			return nil, nil, provider.Malformed("list agents: an agent without model_id")
		}
		agents[i] = provider.Agent{ID: w.ModelID, Kind: provider.AgentKindAgent, Name: w.Name}
		if w.Agent != nil {
			agents[i].Prompt = w.Agent.Prompt
		}
	}
	return agents, total, nil
}
