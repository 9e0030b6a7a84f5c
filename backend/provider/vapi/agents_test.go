package vapi

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func text(s string) *string { return &s }

// agentsFake holds n filler assistants, every three created at the same
// instant (with n = 2501, ties cross the first page's edge whether the
// list is newest or oldest first), a few particular assistants and phone
// numbers of each kind.
func agentsFake(n int) *fake.VapiServer {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f := fake.NewVapi(testKey, nil)
	f.Assistants = nil
	for i := 0; i < n; i++ {
		at := base.Add(time.Duration(i/3) * time.Minute)
		f.Assistants = append(f.Assistants, fake.VapiAssistant{ID: fmt.Sprintf("asst-%05d", i), Name: fmt.Sprintf("Filler %d", i),
			CreatedAt: at, Model: &fake.VapiModel{Provider: "openai", Model: "gpt-4o",
				Messages: []fake.VapiMessage{{Role: "system", Content: text(fmt.Sprintf("prompt %d", i))}}}})
	}
	late := base.Add(time.Duration(n+10) * time.Minute)
	f.Assistants = append(f.Assistants,
		fake.VapiAssistant{ID: "asst-two-system", Name: "Two parts", CreatedAt: late, Model: &fake.VapiModel{Provider: "anthropic", Model: "claude-3-5-sonnet",
			Messages: []fake.VapiMessage{
				{Role: "system", Content: text("You are the front desk of Acme Dental.")},
				{Role: "user", Content: text("Hi")},
				{Role: "system", Content: text("Never give medical advice.")},
				{Role: "system", Content: nil},
			}}},
		fake.VapiAssistant{ID: "asst-no-system", Name: "No system", CreatedAt: late.Add(time.Minute), Model: &fake.VapiModel{Provider: "openai", Model: "gpt-4o",
			Messages: []fake.VapiMessage{{Role: "assistant", Content: text("Hello!")}}}},
		fake.VapiAssistant{ID: "asst-no-model", CreatedAt: late.Add(2 * time.Minute)},
	)
	f.Numbers = []fake.VapiPhoneNumber{
		{ID: "aaaaaaaa-0000-4000-8000-000000000001", Provider: "twilio", Number: "+14155550100", Name: "Main line", CreatedAt: base},
		{ID: "aaaaaaaa-0000-4000-8000-000000000002", Provider: "vapi", SIPURI: "sip:frontdesk@sip.vapi.ai", CreatedAt: base},
		{ID: "aaaaaaaa-0000-4000-8000-000000000003", Provider: "vapi", Number: "+14155550111", CreatedAt: base.Add(time.Minute)},
		{ID: "aaaaaaaa-0000-4000-8000-000000000004", Provider: "byo-phone-number", CreatedAt: base.Add(2 * time.Minute)},
		{ID: "aaaaaaaa-0000-4000-8000-000000000005", Provider: "telnyx", Number: "+442071838750", Name: "London", CreatedAt: base.Add(3 * time.Minute)},
	}
	return f
}

// TestListAgents: every assistant once (across pages, ties at the edges,
// newest or oldest first), with its name and system prompt, then every
// phone number as Kind "number"; the numbers fill the look-up cache.
func TestListAgents(t *testing.T) {
	const filler = 2501
	for _, oldestFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("oldestFirst=%v", oldestFirst), func(t *testing.T) {
			f := agentsFake(filler)
			f.OldestFirst = oldestFirst
			h := providertest.Serve(t, f, New)
			got, err := h.Adapter.ListAgents(context.Background(), creds)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]provider.Agent{}
			for _, a := range got {
				if _, dup := byID[a.ID]; dup {
					t.Errorf("%s listed twice", a.ID)
				}
				byID[a.ID] = a
			}
			if len(got) != filler+3+5 || len(byID) != len(got) {
				t.Fatalf("%d agents (%d distinct), want %d", len(got), len(byID), filler+3+5)
			}
			want := map[string]provider.Agent{
				"asst-00042":      {ID: "asst-00042", Kind: provider.AgentKindAgent, Name: "Filler 42", Prompt: "prompt 42"},
				"asst-02500":      {ID: "asst-02500", Kind: provider.AgentKindAgent, Name: "Filler 2500", Prompt: "prompt 2500"},
				"asst-two-system": {ID: "asst-two-system", Kind: provider.AgentKindAgent, Name: "Two parts", Prompt: "You are the front desk of Acme Dental.\n\nNever give medical advice."},
				"asst-no-system":  {ID: "asst-no-system", Kind: provider.AgentKindAgent, Name: "No system"},
				"asst-no-model":   {ID: "asst-no-model", Kind: provider.AgentKindAgent},
				"aaaaaaaa-0000-4000-8000-000000000001": {ID: "aaaaaaaa-0000-4000-8000-000000000001", Kind: provider.AgentKindNumber,
					Name: "Main line", Number: "+14155550100"},
				"aaaaaaaa-0000-4000-8000-000000000002": {ID: "aaaaaaaa-0000-4000-8000-000000000002", Kind: provider.AgentKindNumber,
					Number: "sip:frontdesk@sip.vapi.ai"},
				"aaaaaaaa-0000-4000-8000-000000000003": {ID: "aaaaaaaa-0000-4000-8000-000000000003", Kind: provider.AgentKindNumber,
					Number: "+14155550111"},
				"aaaaaaaa-0000-4000-8000-000000000004": {ID: "aaaaaaaa-0000-4000-8000-000000000004", Kind: provider.AgentKindNumber},
				"aaaaaaaa-0000-4000-8000-000000000005": {ID: "aaaaaaaa-0000-4000-8000-000000000005", Kind: provider.AgentKindNumber,
					Name: "London", Number: "+442071838750"},
			}
			for id, w := range want {
				if byID[id] != w {
					t.Errorf("%s = %+v\nwant %+v", id, byID[id], w)
				}
			}
			pages := map[string]int{}
			for _, r := range f.Requests() {
				pages[r.Path]++
				if r.Query.Get("limit") != "1000" {
					t.Errorf("%s without limit=1000: %v", r.Path, r.Query)
				}
			}
			if pages["/assistant"] < 3 || pages["/phone-number"] != 1 || len(pages) != 2 {
				t.Errorf("requests by path %v", pages)
			}
			// The first page ends inside a tie (its three assistants share
			// an instant): the second page asks for that instant again.
			second := f.Requests()[1].Query
			if second.Get("createdAtLe") == "" && second.Get("createdAtGe") == "" {
				t.Errorf("second page query %v, want an inclusive bound", second)
			}

			// The listed numbers are cached: a call on one needs no look-up.
			f.Calls = []fake.VapiCall{{ID: "c1", Type: "inboundPhoneCall", Status: "ended", CreatedAt: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
				Customer: "+15550001", PhoneNumberID: "aaaaaaaa-0000-4000-8000-000000000005"}}
			f.ResetRequests()
			page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: f.Calls[0].CreatedAt, Until: f.Calls[0].CreatedAt.Add(time.Hour)}, "")
			if err != nil || len(page.Calls) != 1 || page.Calls[0].To != "+442071838750" || len(f.Requests()) != 1 || page.Requests != 1 {
				t.Errorf("after ListAgents, ListCalls = %+v, %v with %d requests", page, err, len(f.Requests()))
			}
		})
	}
}

func TestListAgentsFailures(t *testing.T) {
	t.Run("wrong key is unauthorized", func(t *testing.T) {
		h := providertest.Serve(t, agentsFake(3), New)
		_, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": "0000000000000000000000"})
		if provider.KindOf(err) != provider.KindUnauthorized {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("5xx throughout is unavailable", func(t *testing.T) {
		f := agentsFake(3)
		f.FailNext(100, http.StatusServiceUnavailable)
		h := providertest.Serve(t, f, New)
		if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindUnavailable {
			t.Fatalf("err = %v", err)
		}
	})
	for name, body := range map[string]string{
		"an assistant without createdAt": `[{"id":"a","orgId":"o","updatedAt":"2025-01-01T00:00:00.000Z"}]`,
		"an assistant without id":        `[{"orgId":"o","createdAt":"2025-01-01T00:00:00.000Z"}]`,
		"an object, not a list":          `{"results":[]}`,
	} {
		t.Run(name+" is malformed", func(t *testing.T) {
			h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(body))
			}), New)
			if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("err = %v", err)
			}
		})
	}
	t.Run("an empty org has no agents", func(t *testing.T) {
		f := fake.NewVapi(testKey, nil)
		f.Assistants, f.Numbers = nil, nil
		h := providertest.Serve(t, f, New)
		got, err := h.Adapter.ListAgents(context.Background(), creds)
		if err != nil || len(got) != 0 || len(f.Requests()) != 2 {
			t.Fatalf("agents %v, err %v, %d requests", got, err, len(f.Requests()))
		}
	})
}
