package twilio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// specNumbersPage is the readFull example of GET
// /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json in twilio-oai
// (spec/json/twilio_api_v2010.json), its values typed in as facts.
const specNumbersPage = `{
  "end": 0,
  "first_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers.json?FriendlyName=friendly_name&Beta=true&PhoneNumber=%2B19876543210&PageSize=50&Page=0",
  "incoming_phone_numbers": [
    {
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "address_requirements": "none",
      "address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "api_version": "2010-04-01", "beta": null,
      "capabilities": {"voice": true, "sms": false, "mms": true, "fax": false},
      "date_created": "Thu, 30 Jul 2015 23:19:04 +0000", "date_updated": "Thu, 30 Jul 2015 23:19:04 +0000",
      "emergency_status": "Active", "emergency_address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "emergency_address_status": "registered", "friendly_name": "(808) 925-5327",
      "identity_sid": "RIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "origin": "origin", "phone_number": "+18089255327",
      "sid": "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sms_application_sid": "", "sms_fallback_method": "POST",
      "sms_fallback_url": "", "sms_method": "POST", "sms_url": "", "status_callback": "",
      "status_callback_method": "POST", "trunk_sid": null,
      "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json",
      "voice_application_sid": "", "voice_caller_id_lookup": false, "voice_fallback_method": "POST",
      "voice_fallback_url": null, "voice_method": "POST", "voice_url": null,
      "bundle_sid": "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "voice_receive_mode": "voice", "status": "in-use", "type": "local"
    }
  ],
  "next_page_uri": null,
  "page": 0,
  "page_size": 50,
  "previous_page_uri": null,
  "start": 0,
  "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers.json?FriendlyName=friendly_name&Beta=true&PhoneNumber=%2B19876543210&PageSize=50&Page=0"
}`

// TestSpecExampleNumbersPage reads the spec's own example page of phone
// numbers: the number is an agent of kind number with its PN sid, its
// E.164 number and its friendly name.
func TestSpecExampleNumbersPage(t *testing.T) {
	h := serveSpec(t, "/2010-04-01/Accounts/"+specSID+"/IncomingPhoneNumbers.json", specNumbersPage)
	got, err := h.Adapter.ListAgents(context.Background(), specCreds)
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Agent{{ID: "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Kind: provider.AgentKindNumber, Name: "(808) 925-5327", Number: "+18089255327"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ListAgents = %+v, want %+v", got, want)
	}
}

// TestListAgentsWalksEveryPage lists 2,345 numbers, three pages of the
// fake, following next_page_uri, with the documented parameters only.
func TestListAgentsWalksEveryPage(t *testing.T) {
	f, h := serve(t, nil)
	f.Numbers = fake.TwilioNumbers(2345)
	got, err := h.Adapter.ListAgents(context.Background(), goodCreds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(f.Numbers) {
		t.Fatalf("%d agents, want %d", len(got), len(f.Numbers))
	}
	for i, n := range f.Numbers {
		want := provider.Agent{ID: n.Sid, Kind: provider.AgentKindNumber, Name: n.FriendlyName, Number: n.PhoneNumber}
		if got[i] != want {
			t.Fatalf("agent %d = %+v, want %+v", i, got[i], want)
		}
	}
	reqs := f.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != http.MethodGet || r.Path != "/2010-04-01/Accounts/"+testSID+"/IncomingPhoneNumbers.json" || r.Authorization != basicAuth {
			t.Errorf("request %d: %+v", i, r)
		}
		if r.Query.Get("PageSize") != "1000" || i == 0 && len(r.Query) != 1 || i > 0 && r.Query.Get("PageToken") == "" {
			t.Errorf("request %d: query %v", i, r.Query)
		}
	}
}

func TestListAgentsNone(t *testing.T) {
	f, h := serve(t, nil)
	f.Numbers = nil
	got, err := h.Adapter.ListAgents(context.Background(), goodCreds)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("ListAgents = %#v, %v; want an empty list", got, err)
	}
}

func TestListAgentsCredentials(t *testing.T) {
	f, h := serve(t, nil)
	if _, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{FieldAccountSID: "AC../x", FieldAuthToken: testToken}); provider.KindOf(err) != provider.KindUnauthorized || len(f.Requests()) != 0 {
		t.Errorf("bad SID: %v with %d requests", err, len(f.Requests()))
	}
	wrong := provider.Credentials{FieldAccountSID: testSID, FieldAuthToken: "00000000000000000000000000000000"}
	var pe *provider.Error
	if _, err := h.Adapter.ListAgents(context.Background(), wrong); provider.KindOf(err) != provider.KindUnauthorized || !errors.As(err, &pe) || pe.Reason != "Authenticate" {
		t.Errorf("wrong token: %v", err)
	}
}

// TestListAgentsMalformed: pages that do not read as phone numbers, or a
// next_page_uri that leaves the list or comes back, are KindMalformed and
// are not followed.
func TestListAgentsMalformed(t *testing.T) {
	path := "/2010-04-01/Accounts/" + testSID + "/IncomingPhoneNumbers.json"
	num := `{"sid": "PN1", "phone_number": "+15550000000", "friendly_name": "x"}`
	tests := []struct{ name, body string }{
		{"not JSON", `{"incoming_phone_numbers": [`},
		{"no array", `{"next_page_uri": null}`},
		{"array null", `{"incoming_phone_numbers": null}`},
		{"number without sid", `{"incoming_phone_numbers": [{"phone_number": "+15550000000"}]}`},
		{"other host", `{"incoming_phone_numbers": [` + num + `], "next_page_uri": "https://evil.example` + path + `?Page=1"}`},
		{"other list", `{"incoming_phone_numbers": [` + num + `], "next_page_uri": "/2010-04-01/Accounts/` + testSID + `/Calls.json?Page=1"}`},
		{"repeats", `{"incoming_phone_numbers": [` + num + `], "next_page_uri": "` + path + `?PageSize=1000"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n++
				_, _ = io.WriteString(w, tt.body)
			}), New)
			_, err := h.Adapter.ListAgents(context.Background(), goodCreds)
			if provider.KindOf(err) != provider.KindMalformed || n > 1 {
				t.Fatalf("err = %v after %d requests, want KindMalformed after one", err, n)
			}
		})
	}
}
