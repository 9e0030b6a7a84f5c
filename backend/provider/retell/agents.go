package retell

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"switchboard/backend/provider"
)

// lookupWorkers bounds the detail requests ListAgents has in flight at once.
const lookupWorkers = 4

// agentPageLimit is the most agents POST /v2/list-agents returns per page
// (its limit: default 50, at most 1000).
const agentPageLimit = 1000

// maxAgentPages ends a listing whose cursor never runs out.
const maxAgentPages = 10_000

// voiceOnly is the filter_criteria of POST /v2/list-agents that keeps
// voice agents (chat agents make no calls), as Retell's reference shows.
var voiceOnly = map[string]any{
	"filter_criteria": map[string]any{
		"channel": map[string]any{"type": "string", "op": "eq", "value": "voice"},
	},
}

// agentItem is one item of the agent list (AgentListResponse.Item).
type agentItem struct {
	AgentID   string `json:"agent_id"`
	AgentName string `json:"agent_name"`
	Channel   string `json:"channel"`
}

// agentDetail is the part of GET /get-agent/{id} (AgentResponse) that
// ListAgents reads: the response engine. Only a "retell-llm" engine has a
// prompt Retell keeps (custom-llm prompts live on the customer's server; a
// conversation flow has node prompts, not one system prompt).
type agentDetail struct {
	AgentName      *string `json:"agent_name"`
	ResponseEngine struct {
		Type    string   `json:"type"`
		LLMID   string   `json:"llm_id"`
		Version *float64 `json:"version"`
	} `json:"response_engine"`
}

// llmKey is one Retell LLM at one version ("" for the latest).
type llmKey struct{ id, version string }

// ListAgents lists the account's voice agents. POST /v2/list-agents (query
// limit and pagination_key; body filter_criteria.channel = voice; pages
// follow pagination_key while has_more) gives each agent's id and name.
// The list carries no response engine, so GET /get-agent/{agent_id} reads
// each agent's, and GET /get-retell-llm/{llm_id} (with the engine's version,
// when it names one) reads the general_prompt of each distinct Retell LLM
// once; at most lookupWorkers of these requests are in flight. An agent
// with another engine, or whose agent or LLM is gone by the time it is read
// (404), has no prompt. Any other failure fails the listing.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return nil, err
	}
	items, err := a.listAgents(ctx, h)
	if err != nil {
		return nil, err
	}
	details := make([]*agentDetail, len(items))
	_, err = provider.Each(ctx, len(items), lookupWorkers, func(ctx context.Context, i int) error {
		var d agentDetail
		ok, err := a.getJSON(ctx, h, "/get-agent/"+url.PathEscape(items[i].AgentID), &d)
		if ok {
			details[i] = &d
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	prompts, err := a.readPrompts(ctx, h, details)
	if err != nil {
		return nil, err
	}
	agents := make([]provider.Agent, len(items))
	for i, it := range items {
		ag := provider.Agent{ID: it.AgentID, Kind: provider.AgentKindAgent, Name: it.AgentName}
		if d := details[i]; d != nil {
			if ag.Name == "" && d.AgentName != nil {
				ag.Name = *d.AgentName
			}
			if k, ok := d.llm(); ok {
				ag.Prompt = prompts[k]
			}
		}
		agents[i] = ag
	}
	return agents, nil
}

// listAgents walks POST /v2/list-agents to its end and returns the voice
// agents, each once, in the order listed.
func (a *adapter) listAgents(ctx context.Context, h http.Header) ([]agentItem, error) {
	var out []agentItem
	seen := map[string]bool{}
	keys := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages == maxAgentPages {
			return nil, provider.Malformed("list-agents: pagination does not end")
		}
		q := url.Values{"limit": {strconv.Itoa(agentPageLimit)}}
		if cursor != "" {
			q.Set("pagination_key", cursor)
		}
		var page struct {
			HasMore       bool        `json:"has_more"`
			Items         []agentItem `json:"items"`
			PaginationKey string      `json:"pagination_key"`
		}
		req := provider.Request{Method: http.MethodPost, URL: a.api.Base + "/v2/list-agents?" + q.Encode(), Header: h, Body: voiceOnly}
		if err := a.api.Client.JSON(ctx, req, &page); err != nil {
			return nil, err
		}
		for _, it := range page.Items {
			if it.AgentID == "" {
				return nil, provider.Malformed("list-agents: an agent without agent_id")
			}
			if it.Channel != "" && it.Channel != "voice" || seen[it.AgentID] {
				continue
			}
			seen[it.AgentID] = true
			out = append(out, it)
		}
		if !page.HasMore {
			return out, nil
		}
		if page.PaginationKey == "" || keys[page.PaginationKey] {
			return nil, provider.Malformed("list-agents: has_more without a new pagination_key")
		}
		keys[page.PaginationKey] = true
		cursor = page.PaginationKey
	}
}

// llm is the Retell LLM d's agent answers with, if its engine is one.
func (d *agentDetail) llm() (llmKey, bool) {
	e := d.ResponseEngine
	if e.Type != "retell-llm" || e.LLMID == "" {
		return llmKey{}, false
	}
	k := llmKey{id: e.LLMID}
	if e.Version != nil {
		k.version = strconv.FormatFloat(*e.Version, 'f', -1, 64)
	}
	return k, true
}

// readPrompts reads the general_prompt of each distinct Retell LLM that
// details name, once each.
func (a *adapter) readPrompts(ctx context.Context, h http.Header, details []*agentDetail) (map[llmKey]string, error) {
	var keys []llmKey
	prompts := map[llmKey]string{}
	for _, d := range details {
		if d == nil {
			continue
		}
		if k, ok := d.llm(); ok {
			if _, dup := prompts[k]; !dup {
				prompts[k] = ""
				keys = append(keys, k)
			}
		}
	}
	var mu sync.Mutex
	_, err := provider.Each(ctx, len(keys), lookupWorkers, func(ctx context.Context, i int) error {
		k := keys[i]
		path := "/get-retell-llm/" + url.PathEscape(k.id)
		if k.version != "" {
			path += "?" + url.Values{"version": {k.version}}.Encode()
		}
		var llm struct {
			GeneralPrompt *string `json:"general_prompt"`
		}
		ok, err := a.getJSON(ctx, h, path, &llm)
		if ok && llm.GeneralPrompt != nil {
			mu.Lock()
			prompts[k] = *llm.GeneralPrompt
			mu.Unlock()
		}
		return err
	})
	return prompts, err
}

// getJSON reads GET Base+path into out. ok is false, with no error, when
// Retell answers 404.
func (a *adapter) getJSON(ctx context.Context, h http.Header, path string, out any) (ok bool, err error) {
	err = a.api.Client.JSON(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + path, Header: h}, out)
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Status == http.StatusNotFound {
		return false, nil
	}
	return err == nil, err
}
