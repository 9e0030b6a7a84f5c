package telnyx

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

// TestListAgents walks 260 phone numbers, two pages of at most 250.
func TestListAgents(t *testing.T) {
	f, h := serve(t, nil)
	for i := range 260 {
		n := fake.TelnyxNumber{ID: fmt.Sprintf("129338426107573%04d", i), PhoneNumber: fmt.Sprintf("+1970555%04d", i)}
		if i%2 == 0 {
			n.ConnectionName = "texml-app"
		}
		f.Numbers = append(f.Numbers, n)
	}
	got, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{FieldAPIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 260 {
		t.Fatalf("%d agents, want 260", len(got))
	}
	for i, a := range got {
		want := provider.Agent{ID: f.Numbers[i].ID, Kind: provider.AgentKindNumber, Name: f.Numbers[i].PhoneNumber, Number: f.Numbers[i].PhoneNumber}
		if i%2 == 0 {
			want.Name = "texml-app"
		}
		if a != want {
			t.Fatalf("agent %d = %+v, want %+v", i, a, want)
		}
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[1].Query.Get("page[number]") != "2" || reqs[1].Query.Get("page[size]") != "250" || reqs[0].Path != "/v2/phone_numbers" {
		t.Errorf("requests = %+v", reqs)
	}
}

// TestListAgentsSpecExample serves the OpenAPI's PhoneNumberDetailed
// example (shortened to the fields that matter) with its meta.
func TestListAgentsSpecExample(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"data": [{"activated_at": "2019-10-23T18:10:00.000Z", "billing_group_id": "86f58db9-0fe3-4adc-9d1f-46e66e6e9323",
			"connection_id": "1293384261075731499", "connection_name": "connection-name", "country_iso_alpha2": "US",
			"customer_reference": "customer-reference", "id": "1293384261075731499", "phone_number": "+19705555098",
			"phone_number_type": "local", "record_type": "phone_number", "status": "active", "tags": ["tag_1", "tag_2"]}],
			"meta": {"page_number": 1, "page_size": 25, "total_pages": 1, "total_results": 1}}`))
	}))
	defer srv.Close()
	got, err := New(provider.Options{BaseURL: srv.URL}).ListAgents(context.Background(), goodCreds)
	want := []provider.Agent{{ID: "1293384261075731499", Kind: provider.AgentKindNumber, Name: "connection-name", Number: "+19705555098"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("agents = %+v, %v; want %+v", got, err, want)
	}
}

func TestListAgentsErrors(t *testing.T) {
	for name, body := range map[string]string{
		"no data":               `{"meta":{}}`,
		"number without number": `{"data":[{"id":"1"}],"meta":{"total_pages":1}}`,
		"not JSON":              `<html>`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }))
			defer srv.Close()
			if _, err := New(provider.Options{BaseURL: srv.URL}).ListAgents(context.Background(), goodCreds); provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("err = %v, want KindMalformed", err)
			}
		})
	}
	f, h := serve(t, nil)
	if _, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{FieldAPIKey: "short"}); provider.KindOf(err) != provider.KindUnauthorized || len(f.Requests()) != 0 {
		t.Fatalf("bad key: err = %v with %d requests", err, len(f.Requests()))
	}
}
