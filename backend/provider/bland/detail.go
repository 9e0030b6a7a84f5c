package bland

import (
	"encoding/json"
	"time"

	"switchboard/backend/provider"
)

// detailCall is the part of GET /v1/calls/{call_id} that Switchboard reads.
// The reference documents inbound ("Will be false for outbound calls"),
// started_at ("The time the call was connected"), price (the example is
// 0.068; USD per a third-party spec), status and corrected_duration (an
// example "71", seconds as a string) here and not on the list. end_at is
// "the time that the call will automatically be ended at" (the
// max_duration cut-off), not when it ended, and is not read. No field
// names the agent of a call (a third-party spec's pathway_id is not in the
// reference), so AgentID stays "".
type detailCall struct {
	CallLength        number `json:"call_length"` // minutes
	CorrectedDuration number `json:"corrected_duration"`
	From              string `json:"from"`
	To                string `json:"to"`
	Completed         *bool  `json:"completed"`
	Inbound           *bool  `json:"inbound"`
	StartedAt         string `json:"started_at"`
	QueueStatus       string `json:"queue_status"`
	Status            string `json:"status"`
	AnsweredBy        string `json:"answered_by"`
	Price             number `json:"price"`
}

// parseDetail decodes a call's details; a body that does not decode, or a
// time, duration or price that does not parse, is KindMalformed.
func parseDetail(id string, body []byte) (detailCall, error) {
	var d detailCall
	if err := json.Unmarshal(body, &d); err != nil {
		return detailCall{}, provider.Malformed("call %s details: %v", id, err)
	}
	return d, nil
}

// apply completes it with its details: direction from inbound, the start
// from started_at (else created_at stays), the duration from
// corrected_duration (else call_length), the cost from price in USD, the
// status from status, queue_status and completed (see callStatus). Bland
// reports no end time: for a call that is over and lasted, the end is its
// start (started_at) plus its duration; otherwise there is none.
func (it *item) apply(d detailCall) error {
	c := &it.call
	if d.Inbound != nil {
		c.Direction = provider.DirectionOut
		if *d.Inbound {
			c.Direction = provider.DirectionIn
		}
	}
	if d.From != "" {
		c.From = d.From
	}
	if d.To != "" {
		c.To = d.To
	}
	started, ok := parseTime(d.StartedAt)
	if !ok {
		return provider.Malformed("call %s: invalid started_at", c.ProviderCallID)
	}
	if !started.IsZero() {
		c.StartedAt = started
	}
	switch {
	case d.CorrectedDuration.valid:
		if d.CorrectedDuration.v < 0 || d.CorrectedDuration.v > maxMinutes*60 {
			return provider.Malformed("call %s: corrected_duration out of range", c.ProviderCallID)
		}
		c.DurationSec = int64(d.CorrectedDuration.v + 0.5)
	case d.CallLength.valid:
		dur, err := seconds(d.CallLength, c.ProviderCallID)
		if err != nil {
			return err
		}
		c.DurationSec = dur
	}
	if d.Price.valid {
		micros, ok := provider.MicrosFromFloat(d.Price.v, 0)
		if !ok || micros < 0 {
			return provider.Malformed("call %s: price out of range", c.ProviderCallID)
		}
		c.CostMicros, c.Currency = micros, "USD"
	}
	completed := it.listed.Completed
	if d.Completed != nil {
		completed = *d.Completed
	}
	queue := d.QueueStatus
	if queue == "" {
		queue = it.listed.QueueStatus
	}
	answeredBy := d.AnsweredBy
	if answeredBy == "" {
		answeredBy = it.listed.AnsweredBy
	}
	c.Status, c.RawStatus = callStatus(d.Status, queue, completed, answeredBy)
	c.EndedAt = time.Time{}
	if !started.IsZero() && c.DurationSec > 0 && c.Status != provider.StatusInProgress && c.Status != provider.StatusUnknown {
		c.EndedAt = started.Add(time.Duration(c.DurationSec) * time.Second)
	}
	return nil
}
