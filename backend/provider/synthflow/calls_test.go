package synthflow

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// callRequests are the fake's call-list requests.
func callRequests(f *fake.SynthflowServer) []fake.Request {
	var out []fake.Request
	for _, r := range f.Requests() {
		if r.Path == "/v2/calls" {
			out = append(out, r)
		}
	}
	return out
}

func callIDs(calls []fake.SynthflowCall) []string {
	ids := make([]string, len(calls))
	for i, c := range calls {
		ids[i] = c.CallID
	}
	return ids
}

// TestListCallsTimeFilter: the window goes out as from_date/to_date in
// epoch ms (to_date left out for an open window, from_date for no lower
// bound), with model_id, limit 100 and the offset; a call starting exactly
// at Until, which the fake's inclusive to_date returns, is dropped, and one
// at Since is kept.
func TestListCallsTimeFilter(t *testing.T) {
	agents := fake.SynthflowAgents()[:1]
	at := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	mk := func(id string, start time.Time) fake.SynthflowCall {
		return fake.SynthflowCall{CallID: id, ModelID: agents[0].ModelID, StartTime: start, TypeOfCall: "inbound", CallStatus: "completed"}
	}
	calls := []fake.SynthflowCall{
		mk("before", at.Add(-time.Millisecond)), mk("since", at), mk("inside", at.Add(time.Minute)),
		mk("until", at.Add(time.Hour)), mk("after", at.Add(2*time.Hour)),
	}
	tests := []struct {
		name     string
		w        provider.Window
		want     []string
		from, to string
	}{
		{"closed", provider.Window{Since: at, Until: at.Add(time.Hour)}, []string{"inside", "since"},
			strconv.FormatInt(at.UnixMilli(), 10), strconv.FormatInt(at.Add(time.Hour).UnixMilli(), 10)},
		{"open", provider.Window{Since: at}, []string{"after", "until", "inside", "since"}, strconv.FormatInt(at.UnixMilli(), 10), ""},
		{"unbounded", provider.Window{}, []string{"after", "until", "inside", "since", "before"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fake.NewSynthflow(testKey, agents, calls)
			h := providertest.Serve(t, f, New)
			page, err := h.Adapter.ListCalls(context.Background(), creds, tt.w, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range page.Calls {
				got = append(got, c.ProviderCallID)
			}
			if !slices.Equal(got, tt.want) || page.Next != "" {
				t.Errorf("calls %v next %q, want %v", got, page.Next, tt.want)
			}
			reqs := callRequests(f)
			if len(reqs) != 1 {
				t.Fatalf("%d call requests", len(reqs))
			}
			q := reqs[0].Query
			if q.Get("model_id") != agents[0].ModelID || q.Get("limit") != "100" || q.Get("offset") != "0" ||
				q.Get("from_date") != tt.from || q.Get("to_date") != tt.to || q.Has("from_date") != (tt.from != "") || q.Has("to_date") != (tt.to != "") {
				t.Errorf("query = %v", q)
			}
		})
	}
}

// TestListCallsPaging walks 45 agents, a third of them without calls, with
// the fake capping limit below what is asked (the documented maximum is
// unknown) and with or without total_records: every call comes once, each
// page starts with one agent-list request, the offsets move by the calls
// received, and Page.Requests adds up to the requests made.
func TestListCallsPaging(t *testing.T) {
	agents := manyAgents(45)
	var busy []fake.SynthflowAgent
	for i, a := range agents {
		if i%3 != 1 {
			busy = append(busy, a)
		}
	}
	calls := fake.SynthflowCallsFor(busy, 2000, 9)
	for _, omitTotals := range []bool{false, true} {
		for _, maxLimit := range []int{0, 30} {
			t.Run(fmt.Sprintf("omitTotals=%v maxLimit=%d", omitTotals, maxLimit), func(t *testing.T) {
				f := fake.NewSynthflow(testKey, agents, calls)
				f.OmitTotals, f.MaxLimit = omitTotals, maxLimit
				h := providertest.Serve(t, f, New)
				step := callsPerRequest // calls an answer holds
				if maxLimit > 0 {
					step = maxLimit
				}
				var got []provider.Call
				counted, pages, cur := 0, 0, ""
				for {
					page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{}, cur)
					if err != nil {
						t.Fatal(err)
					}
					pages++
					counted += page.Requests
					got = append(got, page.Calls...)
					// A page stops once it holds 100 calls: at most 99 and one more answer.
					if len(page.Calls) >= callsPerRequest+step || page.Requests > 1+maxCallRequests {
						t.Errorf("page %d: %d calls, %d requests", pages, len(page.Calls), page.Requests)
					}
					if cur = page.Next; cur == "" || pages > 200 {
						break
					}
				}
				providertest.ExactlyOnce(t, got, callIDs(calls))
				reqs := f.Requests()
				if counted != len(reqs) || len(reqs)-len(callRequests(f)) != pages {
					t.Errorf("%d pages counted %d requests; the fake saw %d, %d of them call lists", pages, counted, len(reqs), len(callRequests(f)))
				}
				perAgent := map[string]int{}
				for _, c := range calls {
					perAgent[c.ModelID]++
				}
				for _, r := range callRequests(f) {
					// Without totals, an agent's last request asks past its end.
					n := perAgent[r.Query.Get("model_id")]
					if off, _ := strconv.Atoi(r.Query.Get("offset")); off%step != 0 && !(omitTotals && off == n) || off > n {
						t.Errorf("offset %d: not a multiple of the %d calls an answer holds (agent of %d calls)", off, step, n)
					}
				}
				for _, c := range got {
					if c.AgentID == "" || c.Status == "" {
						t.Fatalf("call %+v", c)
					}
				}
			})
		}
	}
}

// walkUntil lists pages from the first until the cursor names the agent
// with id, and returns the calls so far and that cursor.
func walkUntil(t *testing.T, a provider.Adapter, id string) ([]provider.Call, string) {
	t.Helper()
	var got []provider.Call
	cur := ""
	for range 100 {
		page, err := a.ListCalls(context.Background(), creds, provider.Window{}, cur)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Calls...)
		cur = page.Next
		if c, err := decodeCursor(cur); err != nil || cur == "" || c.ID == id && !c.Done {
			return got, cur
		}
	}
	t.Fatal("never reached the agent")
	return nil, ""
}

// TestListCallsAgentListChanges: agents deleted between two pages make the
// walk skip no call of the agents that remain.
func TestListCallsAgentListChanges(t *testing.T) {
	agents := manyAgents(25)
	calls := fake.SynthflowCallsFor(agents, 3000, 5)
	byAgent := func(ids ...string) []string {
		var out []string
		for _, c := range calls {
			if slices.Contains(ids, c.ModelID) {
				out = append(out, c.CallID)
			}
		}
		return out
	}
	remaining := func(drop ...string) []fake.SynthflowAgent {
		return slices.DeleteFunc(slices.Clone(agents), func(a fake.SynthflowAgent) bool { return slices.Contains(drop, a.ModelID) })
	}
	tests := []struct {
		name         string
		drop         []string
		wantRestarts int
	}{
		{"one agent before the cursor's", []string{"agent-003"}, 0},
		{"the cursor's own agent", []string{"agent-021"}, 1},
		{"two agents before the cursor's", []string{"agent-002", "agent-004"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fake.NewSynthflow(testKey, agents, calls)
			h := providertest.Serve(t, f, New)
			got, cur := walkUntil(t, h.Adapter, "agent-021")
			f.Agents = remaining(tt.drop...)
			restarts := 0
			for cur != "" {
				page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{}, cur)
				if err != nil {
					t.Fatal(err)
				}
				if c, _ := decodeCursor(page.Next); c.Restarts > restarts {
					restarts = c.Restarts
				}
				got = append(got, page.Calls...)
				cur = page.Next
			}
			if restarts != tt.wantRestarts {
				t.Errorf("%d restarts, want %d", restarts, tt.wantRestarts)
			}
			seen := map[string]bool{}
			for _, c := range got {
				seen[c.ProviderCallID] = true
			}
			for _, id := range byAgent(agentIDs(remaining(tt.drop...))...) {
				if !seen[id] {
					t.Fatalf("call %s of a remaining agent was skipped", id)
				}
			}
		})
	}
}

func TestDecodeCursor(t *testing.T) {
	for _, c := range []cursor{{}, {Agent: 3, ID: "agent-003", Offset: 200}, {Agent: 7, ID: "x", Done: true, Restarts: 2}, {Restarts: 1}} {
		if got, err := decodeCursor(c.encode()); err != nil || got != c {
			t.Errorf("round trip of %+v = %+v, %v", c, got, err)
		}
	}
	enc := func(s string) string { return cursorPrefix + b64(s) }
	for _, s := range []string{
		"page-2", "sf1.", "sf1.!!", enc(`[]`), enc(`{"a":-1,"m":"x"}`), enc(`{"a":1}`), enc(`{"o":5}`),
		enc(`{"m":"x","o":-1}`), enc(`{"d":true}`), enc(`{"m":"x","d":true,"o":3}`), enc(`{"r":9}`),
		enc(`{"m":"has space"}`), enc(`{"m":"x","z":1}`), enc(`{"m":"x"} {}`),
	} {
		if _, err := decodeCursor(s); provider.KindOf(err) != provider.KindRejected {
			t.Errorf("decodeCursor(%q) = %v, want rejected", s, err)
		}
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
