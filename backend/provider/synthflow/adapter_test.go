package synthflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const testKey = "sf-test-0123456789abcdef0123"

var creds = provider.Credentials{"apiKey": testKey, "region": "eu"}

func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New: New,
		Fake: func(n int) providertest.Fake {
			return fake.NewSynthflow(testKey, fake.SynthflowAgents(), fake.SynthflowCalls(n, 1))
		},
		Window: provider.Window{Since: fake.SynthflowEpoch, Until: fake.SynthflowEpoch.Add(24 * time.Hour)},
		Info: provider.Info{
			ID: "synthflow", Name: "Synthflow",
			PortalURL: "https://app.synthflow.ai", PortalHosts: []string{"app.synthflow.ai"},
			KeyHelp: KeyHelp,
			Reads: "Reads the calls of every agent of the workspace (the agent list, then each agent's call list). " +
				"Cost is not available from Synthflow's API.",
		},
		Fields: []provider.Field{
			{Key: "apiKey", Label: "API key", Secret: true},
			{Key: "region", Label: "Region"},
		},
		Creds:         creds,
		Auth:          "Bearer " + testKey,
		CheckKey:      "GET /v2/assistants/?limit=1",
		WrongCreds:    provider.Credentials{"apiKey": "sf-another-0123456789abcdef"},
		WrongReason:   "Invalid API key.",
		BadCreds:      provider.Credentials{"apiKey": "short", "region": "asia"},
		BadFields:     []string{"apiKey", "region"},
		BadCursor:     "page-2",
		BadCursorKind: provider.KindRejected,
		// Every page starts with one read of the agent list (see ListCalls),
		// so that is the request the suite counts and faults.
		ListPath: "/v2/assistants/",
		Paging:   paging,
		CheckListing: func(t *testing.T, _ provider.Window, got []provider.Call, reqs []fake.Request) {
			var last int64 = -1
			for i, r := range reqs {
				off := r.Query.Get("offset")
				var n int64
				if _, err := fmt.Sscan(off, &n); err != nil || r.Query.Get("limit") != "20" || n < last || i == 0 && n != 0 {
					t.Errorf("agent-list request %d: %v", i, r.Query)
				}
				last = n
			}
			if last < 40 {
				t.Errorf("the walk read agents up to offset %d, want the third page of agents", last)
			}
			ids := agentIDs(manyAgents(45))
			for _, c := range got {
				if !slices.Contains(ids, c.AgentID) {
					t.Fatalf("call %s: AgentID %q", c.ProviderCallID, c.AgentID)
				}
			}
		},
	})
}

// manyAgents returns n agents, alternately inbound and outbound, each with
// a number and a prompt.
func manyAgents(n int) []fake.SynthflowAgent {
	agents := make([]fake.SynthflowAgent, n)
	for i := range agents {
		typ := "inbound"
		if i%2 == 1 {
			typ = "outbound"
		}
		agents[i] = fake.SynthflowAgent{ModelID: fmt.Sprintf("agent-%03d", i), Name: fmt.Sprintf("Agent %d", i),
			Type: typ, PhoneNumber: fmt.Sprintf("+1415555%04d", i), Prompt: fmt.Sprintf("Prompt %d", i)}
	}
	return agents
}

func agentIDs(agents []fake.SynthflowAgent) []string {
	ids := make([]string, len(agents))
	for i, a := range agents {
		ids[i] = a.ModelID
	}
	return ids
}

// paging is the listing RunConformance walks: 3,000 calls over 45 agents
// (three pages of agents), of which the window holds calls[200:2700].
func paging() (providertest.Fake, provider.Window, []string) {
	agents := manyAgents(45)
	calls := fake.SynthflowCallsFor(agents, 3000, 42)
	w := provider.Window{Since: calls[200].StartTime, Until: calls[2700].StartTime}
	var want []string
	for _, c := range calls[200:2700] {
		want = append(want, c.CallID)
	}
	return fake.NewSynthflow(testKey, agents, calls), w, want
}

func TestValidate(t *testing.T) {
	a := New(provider.Options{})
	for _, tt := range []struct {
		region string
		bad    bool
		host   string
	}{
		{"", false, "https://api.synthflow.ai"},
		{"global", false, "https://api.synthflow.ai"},
		{" US ", false, "https://api.us.synthflow.ai"},
		{"eu", false, "https://api.eu.synthflow.ai"},
		{"asia", true, ""},
		{"api.eu.synthflow.ai", true, ""},
	} {
		t.Run(tt.region, func(t *testing.T) {
			c := provider.Credentials{"apiKey": testKey, "region": tt.region}
			if tt.bad {
				providertest.CheckFieldErrors(t, a.Validate(c), "region")
				return
			}
			providertest.CheckFieldErrors(t, a.Validate(c))
			api, h, err := a.(*adapter).keyAPI(c)
			if err != nil || api.Base != tt.host || h.Get("Authorization") != "Bearer "+testKey {
				t.Fatalf("base %q, header %v, err %v; want %s", api.Base, h, err, tt.host)
			}
		})
	}
}

func TestBadRegionMakesNoRequest(t *testing.T) {
	f := fake.NewSynthflow(testKey, fake.SynthflowAgents(), nil)
	h := providertest.Serve(t, f, New)
	_, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": testKey, "region": "mars"})
	var fe provider.FieldErrors
	if provider.KindOf(err) != provider.KindUnauthorized || !errors.As(err, &fe) || fe["region"] == "" || len(f.Requests()) != 0 {
		t.Fatalf("err = %v with %d requests", err, len(f.Requests()))
	}
}

func TestConcurrencyNotSupported(t *testing.T) {
	if _, err := New(provider.Options{}).Concurrency(context.Background(), creds); !errors.Is(err, provider.ErrNotSupported) {
		t.Fatalf("err = %v", err)
	}
}
