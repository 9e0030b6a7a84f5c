package fake

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The agents endpoints of the ElevenLabs fake.

func (s *ElevenLabsServer) listAgents(w http.ResponseWriter, q url.Values) {
	if !elevenLabsCheckParams(w, q, elevenLabsAgentParams) {
		return
	}
	limit, ok := elevenLabsPageSize(w, q)
	if !ok {
		return
	}
	archived, filterArchived := false, q.Has("archived")
	if filterArchived {
		b, err := strconv.ParseBool(q.Get("archived"))
		if err != nil {
			elevenLabsValidationError(w, "archived", "Input should be a valid boolean", q.Get("archived"))
			return
		}
		archived = b
	}
	from := 0
	if q.Has("cursor") {
		_, id, ok := parseElevenLabsCursor(q.Get("cursor"))
		i, found := s.agentIdx[id]
		if !ok || !found {
			writeJSON(w, http.StatusBadRequest, elevenLabsDetail("invalid_cursor", "Invalid cursor"))
			return
		}
		from = i + 1
	}
	page := []map[string]any{}
	more, lastID := false, ""
	for _, a := range s.Agents[from:] {
		if filterArchived && a.Archived != archived ||
			q.Has("search") && !strings.Contains(strings.ToLower(a.Name), strings.ToLower(q.Get("search"))) {
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, a.summary())
		lastID = a.AgentID
	}
	resp := map[string]any{"agents": page, "has_more": more, "next_cursor": nil}
	if more {
		resp["next_cursor"] = elevenLabsCursor(0, lastID)
	}
	writeJSON(w, http.StatusOK, resp)
}

var elevenLabsAccess = map[string]any{
	"is_creator": true, "creator_name": "Fake Owner", "creator_email": "owner@example.com", "role": "admin",
}

// summary is a as AgentSummaryResponseModel.
func (a ElevenLabsAgent) summary() map[string]any {
	return map[string]any{
		"agent_id": a.AgentID, "name": a.Name, "tags": append([]string{}, a.Tags...),
		"created_at_unix_secs": a.CreatedAtUnixSecs, "access_info": elevenLabsAccess,
		"last_call_time_unix_secs": nil, "archived": a.Archived,
	}
}

func (s *ElevenLabsServer) agent(w http.ResponseWriter, q url.Values, id string) {
	if !elevenLabsCheckParams(w, q, elevenLabsAgentDetailParams) {
		return
	}
	i, ok := s.agentIdx[id]
	if !ok || s.Agents[i].Gone {
		writeJSON(w, http.StatusNotFound, elevenLabsDetail("agent_not_found", "Agent not found"))
		return
	}
	a := s.Agents[i]
	agent := map[string]any{"first_message": "Hello, how can I help you today?", "language": "en"}
	if a.Prompt != nil {
		agent["prompt"] = map[string]any{"prompt": *a.Prompt, "llm": "gemini-2.0-flash-001", "temperature": 0}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"agent_id": a.AgentID, "name": a.Name,
		"conversation_config": map[string]any{"agent": agent},
		"metadata":            map[string]any{"created_at_unix_secs": a.CreatedAtUnixSecs, "updated_at_unix_secs": a.CreatedAtUnixSecs},
		"phone_numbers":       []any{},
		"tags":                append([]string{}, a.Tags...),
		"access_info":         elevenLabsAccess,
	})
}
