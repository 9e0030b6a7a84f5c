package telnyx

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// The official examples, typed in as facts: the OpenAPI's CallResource
// and CallResourceIndex examples (team-telnyx/openapi openapi/spec3.yml),
// and the voice detail record Telnyx documents (the webrtc detail record
// of developers.telnyx.com/docs/voice/webrtc/troubleshooting/detail-records,
// with its meta), served as a call-control record: the OpenAPI types no
// call-control or sip-trunking record. The second record page is the
// OpenAPI's PaginationMeta example with no data.
const (
	specCallResource = `{
        "account_sid": "61bf923e-5e4d-4595-a110-56190ea18a1b",
        "answered_by": "human",
        "caller_name": "+13122010094",
        "date_created": "Thu, 15 Jun 2023 09:56:45 +0000",
        "date_updated": "Thu, 15 Jun 2023 09:56:56 +0000",
        "direction": "inbound",
        "duration": "11",
        "end_time": "Thu, 15 Jun 2023 09:56:56 +0000",
        "from": "+13123456789",
        "from_formatted": "(312) 345-6789",
        "sid": "v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA",
        "start_time": "Thu, 15 Jun 2023 09:56:45 +0000",
        "status": "completed",
        "to": "+13987654321",
        "to_formatted": "(398) 765-4321",
        "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls/v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA.json"
    }`
	specIndexFirst = `{"calls": [` + specCallResource + `],
        "end": 0,
        "first_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=1",
        "next_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=1&PageSize=1&PageToken=MTY4AjgyNDkwNzIxMQ",
        "page": 0, "page_size": 1, "start": 0,
        "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=1"}`
	specIndex = `{"calls": [],
        "end": 0,
        "first_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=1",
        "next_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=1&PageSize=1&PageToken=MTY4AjgyNDkwNzIxMQ",
        "page": 0, "page_size": 1, "start": 0,
        "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=1"}`
	specRecords = `{
    "data": [
        {
            "fs_channel_id": "f6856af8-3fde-48fa-b3ab-027ca90245b6",
            "finished_at": "2024-12-11T17:43:24Z",
            "telnyx_call_control_id": "",
            "call_sec": 50,
            "connection_name": "js-sdk-p2",
            "caller_name": "",
            "rate": "0.002",
            "auth_username": "myagent01",
            "dest_number": "+18008648331",
            "cld": "+18008648331",
            "currency": "USD",
            "id": "4b679aae-b7e7-11ef-9fe0-02420aef3920",
            "payment_method": "rate-deck",
            "direction": "outbound",
            "cli": "+15127376291",
            "cost": "0.002",
            "billing_group_name": "",
            "telnyx_leg_id": "4b679aae-b7e7-11ef-9fe0-02420aef3920",
            "session_id": "63149763-3850-4f9a-b9cf-7babe1be98f8",
            "billed_sec": 60,
            "record_type": "webrtc_detail_record",
            "tags": "",
            "call_id": "064d6317-4837-41e2-8795-cfc304ced4d1",
            "billing_group_id": 60,
            "country_code": 1,
            "telnyx_session_id": "4b679edc-b7e7-11ef-adfb-02420aef3920",
            "connection_id": "2519141575053804765",
            "started_at": "2024-12-11T17:42:30Z",
            "source_country_code": 1,
            "caller_number": "+1512-737-6291"
        }
    ],
    "meta": {"total_pages": 1, "total_results": 1, "page_number": 1, "page_size": 20}
}`
	specRecordsEmpty = `{"data": [], "meta": {"page_number": 2, "page_size": 25, "total_pages": 3, "total_results": 55}}`
)

// TestSpecExamples lists the official examples through both sources and
// checks every normalised field.
func TestSpecExamples(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		body := ""
		switch {
		case r.Header.Get("Authorization") != "Bearer "+testKey:
		case r.URL.Path == "/v2/texml/Accounts/"+testSID+"/Calls" && q.Get("PageToken") == "":
			body = specIndexFirst
		case r.URL.Path == "/v2/texml/Accounts/"+testSID+"/Calls" && q.Get("PageToken") == "MTY4AjgyNDkwNzIxMQ" && q.Get("Page") == "1":
			body = specIndex
		case r.URL.Path == "/v2/detail_records" && q.Get("filter[record_type]") == "call-control" && q.Get("page[number]") == "1":
			body = specRecords
		case r.URL.Path == "/v2/detail_records" && q.Get("filter[record_type]") == "sip-trunking":
			body = specRecordsEmpty
		}
		if body == "" {
			http.Error(w, `{"errors":[{"code":"10005","title":"Resource not found"}]}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	a := New(provider.Options{BaseURL: srv.URL})
	w := provider.Window{Since: time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	got, pages := providertest.ListAll(t, a, goodCreds, w)
	want := []provider.Call{
		{
			// No price in the example: call cost is not enabled, so there
			// is no cost (Currency ""), not a cost of 0.
			ProviderCallID: "v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA", Direction: provider.DirectionIn,
			Status: provider.StatusCompleted, RawStatus: "completed", From: "+13123456789", To: "+13987654321",
			StartedAt: time.Date(2023, 6, 15, 9, 56, 45, 0, time.UTC), EndedAt: time.Date(2023, 6, 15, 9, 56, 56, 0, time.UTC),
			DurationSec: 11,
		},
		{
			// telnyx_call_control_id is "": the record's id is the call's;
			// cli is the caller, cld the called; call_sec 50 > 0 with no
			// status is completed; cost "0.002" USD is 2,000 micros.
			ProviderCallID: "4b679aae-b7e7-11ef-9fe0-02420aef3920", Direction: provider.DirectionOut,
			Status: provider.StatusCompleted, From: "+15127376291", To: "+18008648331",
			StartedAt: time.Date(2024, 12, 11, 17, 42, 30, 0, time.UTC), EndedAt: time.Date(2024, 12, 11, 17, 43, 24, 0, time.UTC),
			DurationSec: 50, CostMicros: 2000, Currency: "USD",
		},
	}
	providertest.SameCalls(t, got, want)
	if pages != 4 {
		t.Errorf("%d pages, want 4: two of TeXML calls (the second the empty index example), one of each record type", pages)
	}
}

// TestSpecCallResourceProperties parses a call made of the OpenAPI's
// per-property examples of CallResource, which include a price.
func TestSpecCallResourceProperties(t *testing.T) {
	body := `{"calls": [{
        "account_sid": "61bf923e-5e4d-4595-a110-56190ea18a1b", "answered_by": "human", "caller_name": "CALLER",
        "date_created": "Thu, 15 Jun 2023 09:56:45 +0000", "date_updated": "Thu, 15 Jun 2023 09:56:45 +0000",
        "direction": "inbound", "duration": "12", "end_time": "Thu, 15 Jun 2023 09:56:45 +0000",
        "from": "+13123456789", "from_formatted": "(312) 345-6789", "price": "0.10", "price_unit": "USD",
        "sid": "v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA", "start_time": "Thu, 15 Jun 2023 09:56:45 +0000",
        "status": "completed", "to": "+13987654321", "to_formatted": "(398) 765-4321",
        "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls/v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA.json"}]}`
	p, err := parseTeXMLPage([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 6, 15, 9, 56, 45, 0, time.UTC)
	providertest.SameCalls(t, p.calls, []provider.Call{{
		ProviderCallID: "v3:KBnLO0ZK3DhKM5s7bE9VluaSmKsOchKht_fUYvxcp8ysbmzCCtpkmA", Direction: provider.DirectionIn,
		Status: provider.StatusCompleted, RawStatus: "completed", From: "+13123456789", To: "+13987654321",
		StartedAt: at, EndedAt: at, DurationSec: 12, CostMicros: 100000, Currency: "USD",
	}})
	if p.next != nil {
		t.Errorf("next = %+v", p.next)
	}
}
