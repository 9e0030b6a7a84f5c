package bland

import (
	"context"
	"encoding/json"

	"switchboard/backend/provider"
)

// ListAgents lists the account's inbound numbers with GET /v1/inbound
// ({inbound_numbers[]}, one answer: the reference documents no paging), as
// Kind "number": Bland configures an inbound agent per number (its prompt
// and pathway_id), and a call names no agent, so a call is routed by its
// number. ID and Number are phone_number, Name is phone_number too (a
// number has no name), Prompt is prompt ("" for a number driven by a
// pathway). Web agents (GET /v1/agents) answer web calls, not the phone
// calls Switchboard lists, and are not read. A number without
// phone_number, or an answer without inbound_numbers, is KindMalformed.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	raw, err := a.api.Get(ctx, c, "/v1/inbound")
	if err != nil {
		return nil, err
	}
	var wire struct {
		Numbers *[]struct {
			PhoneNumber string `json:"phone_number"`
			Prompt      string `json:"prompt"`
		} `json:"inbound_numbers"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, provider.Malformed("list inbound numbers: %v", err)
	}
	if wire.Numbers == nil {
		return nil, provider.Malformed("list inbound numbers: no inbound_numbers")
	}
	agents := make([]provider.Agent, 0, len(*wire.Numbers))
	for _, n := range *wire.Numbers {
		if n.PhoneNumber == "" {
			return nil, provider.Malformed("list inbound numbers: a number without phone_number")
		}
		agents = append(agents, provider.Agent{
			ID: n.PhoneNumber, Kind: provider.AgentKindNumber, Name: n.PhoneNumber, Number: n.PhoneNumber, Prompt: n.Prompt,
		})
	}
	return agents, nil
}
