package synthflow

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"switchboard/backend/provider"
)

const (
	// assistantsPath lists agents (the OpenAPI path is /assistants/).
	assistantsPath = "/v2/assistants/"
	// callsPath lists one agent's calls.
	callsPath = "/v2/calls"
	// agentsPerPage is the documented default of List agents' limit.
	agentsPerPage = 20
	// callsPerRequest is the limit asked of List calls (documented default
	// 20; a maximum is not documented, so 100 is UNCONFIRMED). The walk
	// moves the offset by the calls received, so a lower cap on Synthflow's
	// side only makes more requests.
	callsPerRequest = 100
	// maxCallRequests bounds the call-list requests of one page: enough to
	// pass over a whole page of agents without calls.
	maxCallRequests = agentsPerPage
)

// ListCalls walks the workspace's calls agent by agent. Synthflow lists
// calls only per agent (GET /v2/calls: model_id is required), paged by
// limit and offset, so each page:
//
//  1. reads up to 20 agents from the cursor's agent on (GET
//     /v2/assistants/?limit=20&offset=…), so the cursor holds only an index,
//     an offset and the agent's id, and always names an agent the workspace
//     has now;
//  2. reads that agent's calls from the cursor's offset (GET /v2/calls with
//     model_id, limit 100, offset, and from_date/to_date in epoch ms), then
//     the next agents' in turn, until the page holds 100 calls or has made
//     20 call-list requests; Next is then where it stopped, or the next 20
//     agents, or "" after the last.
//
// Whether from_date/to_date include their ends, and whether to_date bounds
// the start or the end of a call ("End timestamp … of the call"), is
// UNCONFIRMED: to_date is sent as Until (none for an open window) and calls
// are kept only when Since <= start < Until. The order of either list is not
// documented; offsets over a list that grows while it is walked may list a
// call twice (the sync deduplicates by id), and one agent added before the
// cursor's agent between two pages is missed until the next sync, which walks
// every agent again. When the cursor's agent is no longer where it was, the
// page looks for it among the agents read, else starts with the first of
// them.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cur string) (provider.Page, error) {
	api, h, err := a.keyAPI(c)
	if err != nil {
		return provider.Page{}, err
	}
	at, err := decodeCursor(cur)
	if err != nil {
		return provider.Page{}, err
	}
	agents, total, err := a.readAgents(ctx, api, h, at.Agent, agentsPerPage)
	page := provider.Page{Requests: 1}
	if err != nil {
		return provider.Page{}, err
	}
	j, offset := resume(agents, at)
	for ; j < len(agents); j, offset = j+1, 0 {
		id := agents[j].ID
		for more := true; more; {
			if len(page.Calls) >= callsPerRequest || page.Requests > maxCallRequests {
				page.Next = cursor{Agent: at.Agent + int64(j), Offset: offset, ID: id}.encode()
				return page, nil
			}
			got, err := a.readCalls(ctx, api, h, id, offset, w)
			page.Requests++
			if err != nil {
				return provider.Page{}, err
			}
			for _, call := range got.calls {
				if w.Contains(call.StartedAt) {
					if call.AgentID == "" {
						call.AgentID = id
					}
					page.Calls = append(page.Calls, call)
				}
			}
			offset += int64(got.n)
			more = got.n > 0 && (got.total == nil || offset < *got.total)
		}
	}
	next := at.Agent + int64(len(agents))
	if len(agents) > 0 && (total == nil && len(agents) >= agentsPerPage || total != nil && next < *total) {
		page.Next = cursor{Agent: next}.encode()
	}
	return page, nil
}

// resume is where in agents (read from at.Agent on) the cursor goes on: at
// its agent, found by id, from its offset; or, when the cursor names no
// agent or its agent is not among them, at the first one from its first call.
func resume(agents []provider.Agent, at cursor) (int, int64) {
	if at.ID != "" {
		for j, ag := range agents {
			if ag.ID == at.ID {
				return j, at.Offset
			}
		}
	}
	return 0, 0
}

// readAgents makes one GET /v2/assistants/ request.
func (a *adapter) readAgents(ctx context.Context, api provider.KeyAPI, h http.Header, offset int64, limit int) ([]provider.Agent, *int64, error) {
	q := url.Values{"limit": {strconv.Itoa(limit)}, "offset": {strconv.FormatInt(offset, 10)}}
	raw, err := api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: api.Base + assistantsPath + "?" + q.Encode(), Header: h})
	if err != nil {
		return nil, nil, err
	}
	return parseAssistants(raw)
}

// readCalls makes one GET /v2/calls request for one agent.
func (a *adapter) readCalls(ctx context.Context, api provider.KeyAPI, h http.Header, modelID string, offset int64, w provider.Window) (callsPage, error) {
	q := url.Values{
		"model_id": {modelID},
		"limit":    {strconv.Itoa(callsPerRequest)},
		"offset":   {strconv.FormatInt(offset, 10)},
	}
	if ms := w.Since.UnixMilli(); !w.Since.IsZero() && ms > 0 {
		q.Set("from_date", strconv.FormatInt(ms, 10))
	}
	if !w.Until.IsZero() {
		q.Set("to_date", strconv.FormatInt(w.Until.UnixMilli(), 10))
	}
	raw, err := api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: api.Base + callsPath + "?" + q.Encode(), Header: h})
	if err != nil {
		return callsPage{}, err
	}
	return parseCalls(raw)
}
