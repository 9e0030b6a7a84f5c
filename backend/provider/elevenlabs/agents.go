package elevenlabs

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"switchboard/backend/provider"
)

// maxAgentPages bounds the walk of the agents: a million agents at 100 a
// page; a list that goes on is a cursor loop.
const maxAgentPages = 10_000

// agentsPage is GetAgentsPageResponseModel: agents and has_more are
// required, next_cursor may be null.
type agentsPage struct {
	Agents *[]struct {
		AgentID string `json:"agent_id"`
		Name    string `json:"name"`
	} `json:"agents"`
	NextCursor *string `json:"next_cursor"`
	HasMore    bool    `json:"has_more"`
}

// agentDetail is the part of GetAgentResponseModel the adapter reads: the
// name and conversation_config.agent.prompt.prompt, every level of which
// is optional (and may be null).
type agentDetail struct {
	Name               string `json:"name"`
	ConversationConfig *struct {
		Agent *struct {
			Prompt *struct {
				Prompt *string `json:"prompt"`
			} `json:"prompt"`
		} `json:"agent"`
	} `json:"conversation_config"`
}

// prompt is d's system prompt, "" when it has none.
func (d agentDetail) prompt() string {
	cc := d.ConversationConfig
	if cc == nil || cc.Agent == nil || cc.Agent.Prompt == nil || cc.Agent.Prompt.Prompt == nil {
		return ""
	}
	return *cc.Agent.Prompt.Prompt
}

// ListAgents lists the workspace's agents, as Kind "agent": it walks GET
// /v1/convai/agents (page_size 100, by next_cursor while has_more) for
// their ids and names, then reads each agent (GET /v1/convai/agents/{id},
// detailWorkers at a time) for its system prompt. An agent deleted since
// it was listed (404) keeps its listed name and no prompt. Credentials
// that fail Validate are KindUnauthorized without a request; a page
// without the agents array, an agent without an id, or has_more with a
// missing or repeated cursor is KindMalformed.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	h, err := header(c)
	if err != nil {
		return nil, err
	}
	agents := []provider.Agent{}
	seen := map[string]bool{}
	for cursor, pages := "", 0; ; pages++ {
		if pages == maxAgentPages {
			return nil, provider.Malformed("agents: the list does not end")
		}
		q := url.Values{"page_size": {strconv.Itoa(pageSize)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v1/convai/agents?" + q.Encode(), Header: h})
		if err != nil {
			return nil, err
		}
		var p agentsPage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, provider.Malformed("agents: %v", err)
		}
		if p.Agents == nil {
			return nil, provider.Malformed("agents: no agents array")
		}
		for _, ag := range *p.Agents {
			if ag.AgentID == "" {
				return nil, provider.Malformed("agents: an agent without agent_id")
			}
			agents = append(agents, provider.Agent{ID: ag.AgentID, Kind: provider.AgentKindAgent, Name: ag.Name})
		}
		if !p.HasMore {
			break
		}
		if p.NextCursor == nil || *p.NextCursor == "" || seen[*p.NextCursor] {
			return nil, provider.Malformed("agents: has_more without a new next_cursor")
		}
		cursor = *p.NextCursor
		seen[cursor] = true
	}
	_, err = provider.Each(ctx, len(agents), detailWorkers, func(ctx context.Context, i int) error {
		return a.readAgent(ctx, h, &agents[i])
	})
	if err != nil {
		return nil, err
	}
	return agents, nil
}

// readAgent fills ag's prompt (and its current name) from GET
// /v1/convai/agents/{id}; a 404 leaves ag as listed.
func (a *adapter) readAgent(ctx context.Context, h http.Header, ag *provider.Agent) error {
	body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v1/convai/agents/" + url.PathEscape(ag.ID), Header: h})
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Status == http.StatusNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	var d agentDetail
	if err := json.Unmarshal(body, &d); err != nil {
		return provider.Malformed("agent %s: %v", ag.ID, err)
	}
	if d.Name != "" {
		ag.Name = d.Name
	}
	ag.Prompt = d.prompt()
	return nil
}
