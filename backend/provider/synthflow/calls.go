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

// maxRestarts bounds how often one run begins its walk again (see
// ListCalls); past it, a page goes on from the agents it read.
const maxRestarts = 3

// ListCalls walks the workspace's calls agent by agent. Synthflow lists
// calls only per agent (GET /v2/calls: model_id is required), paged by
// limit and offset, so each page:
//
//  1. reads 20 agents (GET /v2/assistants/?limit=20&offset=…) from the one
//     before the cursor's agent on, and finds the cursor's agent among them
//     by id: the cursor holds only that agent's index and id and where its
//     calls stopped, and an agent deleted before it (which moves it down by
//     one) does not make the walk skip any;
//  2. reads the agent's calls from there (GET /v2/calls with model_id,
//     limit 100, offset, and from_date/to_date in epoch ms), then the next
//     agents' in turn, until the page holds 100 calls or has made 20
//     call-list requests. Next is where it stopped, or after the last agent
//     read when more follow, or "" at the end.
//
// When the cursor's agent is not among the agents read (deleted, or moved
// further), the agent list changed under the walk: the page lists nothing
// and its Next begins the walk again from the first agent, so that no agent
// is skipped (calls read twice are deduplicated by the sync); after three
// such restarts in one run, a page goes on from the first agent it read.
//
// Whether from_date/to_date include their ends, and whether to_date bounds
// the start or the end of a call ("End timestamp … of the call"), is
// UNCONFIRMED: to_date is sent as Until (none for an open window) and calls
// are kept only when Since <= start < Until. The order of the lists is not
// documented; offsets over a call list that grows while it is walked may
// list a call twice, never miss one that was there, if new calls come first.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cur string) (provider.Page, error) {
	api, h, err := a.keyAPI(c)
	if err != nil {
		return provider.Page{}, err
	}
	at, err := decodeCursor(cur)
	if err != nil {
		return provider.Page{}, err
	}
	base := at.Agent
	if at.ID != "" && base > 0 {
		base-- // one agent back: where the cursor's agent is if one before it went
	}
	agents, total, err := a.readAgents(ctx, api, h, base, agentsPerPage)
	if err != nil {
		return provider.Page{}, err
	}
	page := provider.Page{Requests: 1}
	j, offset, ok := resume(agents, at)
	if !ok && at.Restarts < maxRestarts {
		page.Next = cursor{Restarts: at.Restarts + 1}.encode()
		return page, nil
	}
	for ; j < len(agents); j, offset = j+1, 0 {
		id := agents[j].ID
		for more := true; more; {
			if len(page.Calls) >= callsPerRequest || page.Requests > maxCallRequests {
				page.Next = cursor{Agent: base + int64(j), ID: id, Offset: offset, Restarts: at.Restarts}.encode()
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
			offset += int64(min(got.n, callsPerRequest)) // an answer with more than asked lists some twice
			more = got.n > 0 && (got.total == nil || offset < *got.total)
		}
	}
	end := base + int64(len(agents))
	if len(agents) > 0 && (total == nil && len(agents) >= agentsPerPage || total != nil && end < *total) {
		last := len(agents) - 1
		page.Next = cursor{Agent: base + int64(last), ID: agents[last].ID, Done: true, Restarts: at.Restarts}.encode()
	}
	return page, nil
}

// resume is where in agents the cursor goes on: at its agent, found by id,
// from its offset, or after it when it is done; at the first agent when the
// cursor names none. ok is false when the cursor's agent is not among them:
// the walk then starts at the first agent.
func resume(agents []provider.Agent, at cursor) (j int, offset int64, ok bool) {
	if at.ID == "" {
		return 0, 0, true
	}
	for j, ag := range agents {
		if ag.ID == at.ID {
			if at.Done {
				return j + 1, 0, true
			}
			return j, at.Offset, true
		}
	}
	return 0, 0, false
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
