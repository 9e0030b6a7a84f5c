package twilio

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// The account of twilio-oai's examples (spec/json/twilio_api_v2010.json).
const specSID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

var specCreds = provider.Credentials{FieldAccountSID: specSID, FieldAuthToken: "0123456789abcdef0123456789abcdef"}

// specCallsPage is the readFullPage1 example of GET
// /2010-04-01/Accounts/{AccountSid}/Calls.json in twilio-oai
// (spec/json/twilio_api_v2010.json, the ListCall operation), its values
// typed in as facts; the subresource_uris are cut to one each. Both calls
// are legs: each has a parent_call_sid.
const specCallsPage = `{
  "calls": [
    {
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "answered_by": "machine_start",
      "api_version": "2010-04-01",
      "caller_name": "callerid1",
      "date_created": "Fri, 18 Oct 2019 17:00:00 +0000",
      "date_updated": "Fri, 18 Oct 2019 17:01:00 +0000",
      "direction": "outbound-api",
      "duration": "4",
      "end_time": "Fri, 18 Oct 2019 17:03:00 +0000",
      "forwarded_from": "calledvia1",
      "from": "+13051416799",
      "from_formatted": "(305) 141-6799",
      "group_sid": "GPdeadbeefdeadbeefdeadbeefdeadbeef",
      "parent_call_sid": "CAdeadbeefdeadbeefdeadbeefdeadbeef",
      "phone_number_sid": "PNdeadbeefdeadbeefdeadbeefdeadbeef",
      "price": "-0.200",
      "price_unit": "USD",
      "sid": "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "start_time": "Fri, 18 Oct 2019 17:02:00 +0000",
      "status": "completed",
      "subresource_uris": {
        "recordings": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Recordings.json"
      },
      "to": "+13051913581",
      "to_formatted": "(305) 191-3581",
      "trunk_sid": "TKdeadbeefdeadbeefdeadbeefdeadbeef",
      "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json",
      "queue_time": "1000"
    },
    {
      "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "answered_by": "human",
      "api_version": "2010-04-01",
      "caller_name": "callerid2",
      "date_created": "Fri, 18 Oct 2019 16:00:00 +0000",
      "date_updated": "Fri, 18 Oct 2019 16:01:00 +0000",
      "direction": "inbound",
      "duration": "3",
      "end_time": "Fri, 18 Oct 2019 16:03:00 +0000",
      "forwarded_from": "calledvia2",
      "from": "+13051416798",
      "from_formatted": "(305) 141-6798",
      "group_sid": "GPdeadbeefdeadbeefdeadbeefdeadbeee",
      "parent_call_sid": "CAdeadbeefdeadbeefdeadbeefdeadbeee",
      "phone_number_sid": "PNdeadbeefdeadbeefdeadbeefdeadbeee",
      "price": "-0.100",
      "price_unit": "JPY",
      "sid": "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0",
      "start_time": "Fri, 18 Oct 2019 16:02:00 +0000",
      "status": "completed",
      "subresource_uris": {
        "recordings": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0/Recordings.json"
      },
      "to": "+13051913580",
      "to_formatted": "(305) 191-3580",
      "trunk_sid": "TKdeadbeefdeadbeefdeadbeefdeadbeef",
      "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0.json",
      "queue_time": "1000"
    }
  ],
  "end": 1,
  "first_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json?Status=completed&To=%2B123456789&From=%2B987654321&StartTime=2008-01-02&ParentCallSid=CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&EndTime=2009-01-02&PageSize=2&Page=0",
  "next_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json?Status=completed&To=%2B123456789&From=%2B987654321&StartTime=2008-01-02&ParentCallSid=CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&EndTime=2009-01-02&PageSize=2&Page=1&PageToken=PACAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0",
  "page": 0,
  "page_size": 2,
  "previous_page_uri": null,
  "start": 0,
  "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json?Status=completed&To=%2B123456789&From=%2B987654321&StartTime=2008-01-02&ParentCallSid=CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&EndTime=2009-01-02&PageSize=2&Page=0"
}`

// serveSpec serves body as the answer to every GET of path, and 404
// otherwise.
func serveSpec(t *testing.T, path, body string) *providertest.Harness {
	return providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}), New)
}

// TestSpecExampleCallsPage lists the spec's own example page and checks
// every normalised field of both calls: their parent_call_sid as
// ParentCallID, the direction, the status, the numbers, the times in UTC,
// the duration as Twilio reports it (4 s, although end_time is a minute
// after start_time), the price at full precision in its price_unit, and
// next_page_uri as the cursor.
func TestSpecExampleCallsPage(t *testing.T) {
	h := serveSpec(t, "/2010-04-01/Accounts/"+specSID+"/Calls.json", specCallsPage)
	day := time.Date(2019, 10, 18, 0, 0, 0, 0, time.UTC)
	page, err := h.Adapter.ListCalls(context.Background(), specCreds, provider.Window{Since: day, Until: day.AddDate(0, 0, 1)}, "")
	if err != nil {
		t.Fatal(err)
	}
	providertest.SameCalls(t, page.Calls, []provider.Call{
		{
			ProviderCallID: "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ParentCallID: "CAdeadbeefdeadbeefdeadbeefdeadbeef",
			Direction: provider.DirectionOut, Status: provider.StatusCompleted, RawStatus: "completed",
			From: "+13051416799", To: "+13051913581",
			StartedAt: time.Date(2019, 10, 18, 17, 2, 0, 0, time.UTC), EndedAt: time.Date(2019, 10, 18, 17, 3, 0, 0, time.UTC),
			DurationSec: 4, CostMicros: 200_000, Currency: "USD",
		},
		{
			ProviderCallID: "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0", ParentCallID: "CAdeadbeefdeadbeefdeadbeefdeadbeee",
			Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "completed",
			From: "+13051416798", To: "+13051913580",
			StartedAt: time.Date(2019, 10, 18, 16, 2, 0, 0, time.UTC), EndedAt: time.Date(2019, 10, 18, 16, 3, 0, 0, time.UTC),
			DurationSec: 3, CostMicros: 100_000, Currency: "JPY",
		},
	})
	wantNext := "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json?Status=completed&To=%2B123456789&From=%2B987654321&StartTime=2008-01-02&ParentCallSid=CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&EndTime=2009-01-02&PageSize=2&Page=1&PageToken=PACAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0"
	if page.Next != wantNext || page.Requests != 1 {
		t.Errorf("Next = %q, Requests = %d; want the example's next_page_uri and 1", page.Next, page.Requests)
	}
	for _, c := range page.Calls {
		if c.AgentID != "" {
			t.Errorf("call %s: AgentID %q; Twilio names no agent", c.ProviderCallID, c.AgentID)
		}
	}
}
