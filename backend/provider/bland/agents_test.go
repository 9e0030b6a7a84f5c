package bland

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func TestListAgents(t *testing.T) {
	f := fake.NewBland(testKey, nil)
	f.Numbers = []fake.BlandNumber{
		{PhoneNumber: "+18005551234", Prompt: "Recite a poem."},
		{PhoneNumber: "+18005559876", PathwayID: "a0f0d4ed-f5f5-4f16-b3f9-22166594d7a7"},
	}
	h := providertest.Serve(t, f, New)
	got, err := h.Adapter.ListAgents(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Agent{
		{ID: "+18005551234", Kind: provider.AgentKindNumber, Name: "+18005551234", Number: "+18005551234", Prompt: "Recite a poem."},
		{ID: "+18005559876", Kind: provider.AgentKindNumber, Name: "+18005559876", Number: "+18005559876"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agents = %+v\nwant %+v", got, want)
	}
	reqs := f.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1/inbound" || reqs[0].Authorization != testKey || len(reqs[0].Query) != 0 {
		t.Errorf("requests = %+v", reqs)
	}
}

// TestListAgentsSpecExample serves the reference's own example of GET
// /v1/inbound.
func TestListAgentsSpecExample(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"inbound_numbers": [
			{"created_at": "2023-11-27T17:21:38.33359+00:00", "phone_number": "+18005551234",
			 "prompt": "When you receive a call, recite a random poem from 'Sunset Boulevard' and then ask, 'How may I assist you in your poetic journey today?'",
			 "webhook": "https://api.example.com/poetry-line", "voice_id": 2, "dynamic_data": [], "interruption_threshold": null,
			 "first_sentence": null, "reduce_latency": true, "transfer_phone_number": null, "voice_settings": null, "record": false, "max_duration": 30},
			{"created_at": "2023-11-25T21:42:22.325993+00:00", "phone_number": "+18005559876",
			 "prompt": "Answer with 'You've reached the Secret Society of Enigmatic Enthusiasts. Please state the password or leave a message after the beep.'",
			 "webhook": "https://mysteryclub.example.com/inbound-call-hook", "voice_id": 1, "dynamic_data": null, "interruption_threshold": null,
			 "first_sentence": null, "reduce_latency": true, "transfer_phone_number": null, "voice_settings": null, "record": false, "max_duration": 30}
		]}`))
	}))
	defer srv.Close()
	got, err := New(provider.Options{BaseURL: srv.URL}).ListAgents(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Agent{
		{ID: "+18005551234", Kind: provider.AgentKindNumber, Name: "+18005551234", Number: "+18005551234",
			Prompt: "When you receive a call, recite a random poem from 'Sunset Boulevard' and then ask, 'How may I assist you in your poetic journey today?'"},
		{ID: "+18005559876", Kind: provider.AgentKindNumber, Name: "+18005559876", Number: "+18005559876",
			Prompt: "Answer with 'You've reached the Secret Society of Enigmatic Enthusiasts. Please state the password or leave a message after the beep.'"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agents = %+v\nwant %+v", got, want)
	}
}

func TestListAgentsErrors(t *testing.T) {
	for name, body := range map[string]string{
		"no inbound_numbers":    `{}`,
		"number without number": `{"inbound_numbers":[{"prompt":"x"}]}`,
		"not JSON":              `<html>`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }))
			defer srv.Close()
			_, err := New(provider.Options{BaseURL: srv.URL}).ListAgents(context.Background(), creds)
			if provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("err = %v, want KindMalformed", err)
			}
		})
	}
	h := providertest.Serve(t, fake.NewBland(testKey, nil), New)
	if _, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": "sk-someoneelse0123456789"}); provider.KindOf(err) != provider.KindUnauthorized {
		t.Fatalf("wrong key: err = %v", err)
	}
}
