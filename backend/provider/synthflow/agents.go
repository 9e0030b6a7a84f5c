package synthflow

import (
	"context"

	"switchboard/backend/provider"
)

// maxAgentPages bounds the walk of ListAgents (20,000 agents).
const maxAgentPages = 1000

// ListAgents walks GET /v2/assistants/ by limit and offset (20 a page, the
// documented default) and returns each agent's model_id, name and prompt
// (the list items carry the whole Agent object, whose prompt is the agent's
// system prompt). The walk ends at total_records, or, where the answer
// gives none, at the first page that is short or brings no agent not seen
// yet (an offset the API ignored).
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	api, h, err := a.keyAPI(c)
	if err != nil {
		return nil, err
	}
	var all []provider.Agent
	seen := map[string]bool{}
	var offset int64
	for range maxAgentPages {
		agents, total, err := a.readAgents(ctx, api, h, offset, agentsPerPage)
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, ag := range agents {
			if !seen[ag.ID] {
				seen[ag.ID] = true
				all = append(all, ag)
				fresh++
			}
		}
		offset += int64(len(agents))
		if fresh == 0 || total != nil && offset >= *total || total == nil && len(agents) < agentsPerPage {
			return all, nil
		}
	}
	return nil, provider.Malformed("list agents: more than %d pages", maxAgentPages)
}
