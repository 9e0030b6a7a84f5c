package fake

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// The agent reads of the Retell fake: agents and their Retell LLMs.

// RetellAgent is one agent of the account. Its list item is an
// AgentListResponse.Item (agent_id, agent_name, channel, tags,
// user_modified_timestamp); GET /get-agent/{agent_id} answers it as an
// AgentResponse (agent_id, last_modification_timestamp, response_engine,
// version, voice_id; agent_name null when empty). Chat agents are listed
// but, like Retell's, not read by /get-agent.
type RetellAgent struct {
	AgentID      string
	AgentName    string
	Channel      string // voice | chat
	Engine       RetellEngine
	Version      int
	VoiceID      string
	UserModified int64 // epoch ms
}

// RetellEngine is an agent's response_engine: "retell-llm" (LLMID and
// optionally LLMVersion), "custom-llm" (WebsocketURL) or
// "conversation-flow" (FlowID).
type RetellEngine struct {
	Type         string
	LLMID        string
	LLMVersion   *int
	WebsocketURL string
	FlowID       string
}

// RetellLLM is one version of a Retell LLM Response Engine (LlmResponse:
// llm_id, last_modification_timestamp, version, general_prompt nullable).
// GET /get-retell-llm/{llm_id} answers the highest version unless the
// version parameter asks for another.
type RetellLLM struct {
	LLMID         string
	Version       int
	GeneralPrompt *string
}

// retellAgentsBody is the body of POST /v2/list-agents (AgentListParams'
// body part).
type retellAgentsBody struct {
	FilterCriteria *struct {
		Channel *struct {
			Type  *string `json:"type"`
			Op    string  `json:"op"`
			Value string  `json:"value"`
		} `json:"channel"`
		Query *string `json:"query"`
	} `json:"filter_criteria"`
}

// listAgents serves POST /v2/list-agents: limit (default 50, at most
// 1000), sort_order by user_modified_timestamp (default descending),
// pagination_key (opaque) after the last agent of the previous page;
// filter_criteria.channel with op eq or ne (the fake implements no other
// op) and filter_criteria.query (a case-insensitive substring of the name,
// or a substring of the id).
func (s *RetellServer) listAgents(w http.ResponseWriter, r *http.Request, body []byte) {
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			retellBadRequest(w, "limit must be an integer between 1 and 1000")
			return
		}
		limit = n
	}
	sortOrder := cmp.Or(q.Get("sort_order"), "descending")
	if sortOrder != "ascending" && sortOrder != "descending" {
		retellBadRequest(w, "sort_order must be ascending or descending")
		return
	}
	var req retellAgentsBody
	if err := retellStrict(body, &req); err != nil {
		retellBadRequest(w, "Invalid request body: "+err.Error())
		return
	}
	keep := func(RetellAgent) bool { return true }
	if fc := req.FilterCriteria; fc != nil {
		if ch := fc.Channel; ch != nil {
			if ch.Type != nil && *ch.Type != "string" || ch.Value != "voice" && ch.Value != "chat" {
				retellBadRequest(w, "invalid filter_criteria.channel")
				return
			}
			if ch.Op != "eq" && ch.Op != "ne" {
				retellBadRequest(w, "fake: filter_criteria.channel op "+ch.Op+" is documented, but this fake does not emulate it")
				return
			}
			keep = func(a RetellAgent) bool { return (a.Channel == ch.Value) == (ch.Op == "eq") }
		}
		if fc.Query != nil {
			text, prev := *fc.Query, keep
			keep = func(a RetellAgent) bool {
				return prev(a) && (strings.Contains(strings.ToLower(a.AgentName), strings.ToLower(text)) || strings.Contains(a.AgentID, text))
			}
		}
	}
	agents := slices.DeleteFunc(slices.Clone(s.Agents), func(a RetellAgent) bool { return !keep(a) })
	slices.SortStableFunc(agents, func(a, b RetellAgent) int {
		c := cmp.Or(cmp.Compare(a.UserModified, b.UserModified), strings.Compare(a.AgentID, b.AgentID))
		if sortOrder == "descending" {
			return -c
		}
		return c
	})
	start := 0
	if key := q.Get("pagination_key"); key != "" {
		raw, err := base64.RawURLEncoding.DecodeString(key)
		i := slices.IndexFunc(agents, func(a RetellAgent) bool { return a.AgentID == string(raw) })
		if err != nil || i < 0 {
			retellBadRequest(w, "invalid pagination_key")
			return
		}
		start = i + 1
	}
	end := min(start+limit, len(agents))
	items := make([]map[string]any, 0, end-start)
	for _, a := range agents[start:end] {
		items = append(items, map[string]any{
			"agent_id": a.AgentID, "agent_name": a.AgentName, "channel": a.Channel,
			"tags": map[string]any{}, "user_modified_timestamp": a.UserModified,
		})
	}
	resp := map[string]any{"has_more": end < len(agents)}
	if len(items) > 0 { // items is optional in AgentListResponse
		resp["items"] = items
	}
	if end < len(agents) {
		resp["pagination_key"] = base64.RawURLEncoding.EncodeToString([]byte(agents[end-1].AgentID))
	}
	writeJSON(w, http.StatusOK, resp)
}

// getAgent serves GET /get-agent/{agent_id} as an AgentResponse; the
// version parameter must be the agent's (the fake keeps one version).
func (s *RetellServer) getAgent(w http.ResponseWriter, id string, q url.Values) {
	i := slices.IndexFunc(s.Agents, func(a RetellAgent) bool { return a.AgentID == id && a.Channel != "chat" })
	if i < 0 || q.Has("version") && q.Get("version") != strconv.Itoa(s.Agents[i].Version) {
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "error", "message": "Agent not found"})
		return
	}
	a := s.Agents[i]
	engine := map[string]any{"type": a.Engine.Type}
	switch a.Engine.Type {
	case "retell-llm":
		engine["llm_id"] = a.Engine.LLMID
		if a.Engine.LLMVersion != nil {
			engine["version"] = *a.Engine.LLMVersion
		}
	case "custom-llm":
		engine["llm_websocket_url"] = a.Engine.WebsocketURL
	case "conversation-flow":
		engine["conversation_flow_id"] = a.Engine.FlowID
	}
	var name any
	if a.AgentName != "" {
		name = a.AgentName
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"agent_id": a.AgentID, "agent_name": name, "response_engine": engine, "version": a.Version,
		"voice_id": cmp.Or(a.VoiceID, "retell-Cimo"), "last_modification_timestamp": a.UserModified,
	})
}

// getLLM serves GET /get-retell-llm/{llm_id} as an LlmResponse: the asked
// version, or the highest one.
func (s *RetellServer) getLLM(w http.ResponseWriter, id string, q url.Values) {
	var found *RetellLLM
	for i := range s.LLMs {
		l := &s.LLMs[i]
		switch {
		case l.LLMID != id:
		case q.Has("version"):
			if q.Get("version") == strconv.Itoa(l.Version) {
				found = l
			}
		case found == nil || l.Version > found.Version:
			found = l
		}
	}
	if found == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "error", "message": "LLM not found"})
		return
	}
	var prompt any
	if found.GeneralPrompt != nil {
		prompt = *found.GeneralPrompt
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"llm_id": found.LLMID, "version": found.Version, "general_prompt": prompt,
		"last_modification_timestamp": RetellEpoch.UnixMilli(), "begin_message": nil,
	})
}
