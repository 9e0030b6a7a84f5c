package telnyx

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// docPage is a page in the documented shape with calls filled in: one with
// a price in RFC 2822, one in progress with nulls, one not yet started.
const docPage = `{
  "calls": [
    {"sid": "v3:abc", "account_sid": "61bf923e-5e4d-4595-a110-56190ea18a1b",
     "start_time": "Thu, 15 Jun 2023 09:56:45 +0000", "end_time": "Thu, 15 Jun 2023 09:57:45 +0000",
     "duration": "60", "price": "-0.01750", "price_unit": "USD", "direction": "outbound",
     "status": "completed", "from": "+13125550001", "to": "+13125550002", "answered_by": "human", "caller_name": null},
    {"sid": "v3:def", "start_time": "2023-06-15T09:50:00Z", "end_time": null, "duration": null,
     "price": null, "price_unit": "USD", "direction": "inbound", "status": "in-progress",
     "from": "+13125550003", "to": "+13125550001"},
    {"sid": "v3:ghi", "start_time": null, "direction": "outbound", "status": "ringing"}
  ],
  "end": 2,
  "first_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=3",
  "next_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=1&PageSize=3&PageToken=MTY4AjgyNDkwNzIxMQ",
  "page": 0, "page_size": 3, "start": 0,
  "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=3"
}`

func TestParseTeXMLPage(t *testing.T) {
	p, err := parseTeXMLPage([]byte(docPage))
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{
			ProviderCallID: "v3:abc", Direction: provider.DirectionOut, Status: provider.StatusCompleted, RawStatus: "completed",
			From: "+13125550001", To: "+13125550002",
			StartedAt:   time.Date(2023, 6, 15, 9, 56, 45, 0, time.UTC),
			EndedAt:     time.Date(2023, 6, 15, 9, 57, 45, 0, time.UTC),
			DurationSec: 60, CostMicros: 17500, Currency: "USD",
		},
		{
			ProviderCallID: "v3:def", Direction: provider.DirectionIn, Status: provider.StatusInProgress, RawStatus: "in-progress",
			From: "+13125550003", To: "+13125550001",
			StartedAt: time.Date(2023, 6, 15, 9, 50, 0, 0, time.UTC),
		},
	}
	if p.served != 3 {
		t.Errorf("served = %d, want 3", p.served)
	}
	providertest.SameCalls(t, p.calls, want)
	if p.next == nil || *p.next != (cursor{src: srcTeXML, page: "1", token: "MTY4AjgyNDkwNzIxMQ"}) {
		t.Errorf("next = %+v", p.next)
	}
}

func TestParseTeXMLNext(t *testing.T) {
	tests := []struct {
		name, body  string
		page, token string
		bad         bool
	}{
		{"next_page_uri", `{"calls":[],"next_page_uri":"/v2/x/Calls.json?Page=2&PageSize=5&PageToken=abc"}`, "2", "abc", false},
		{"absolute next_page_uri", `{"calls":[],"next_page_uri":"https://api.telnyx.com/v2/x?PageToken=a%2Bb"}`, "", "a+b", false},
		{"null", `{"calls":[],"next_page_uri":null}`, "", "", false},
		{"empty", `{"calls":[],"next_page_uri":""}`, "", "", false},
		{"absent", `{"calls":[]}`, "", "", false},
		{"next_page_token", `{"calls":[],"page":3,"next_page_token":"tok"}`, "4", "tok", false},
		{"page_token", `{"calls":[],"page_token":"tok"}`, "", "tok", false},
		{"next_page_uri wins", `{"calls":[],"next_page_uri":null,"next_page_token":"tok"}`, "", "", false},
		{"no token in next_page_uri", `{"calls":[],"next_page_uri":"/v2/x?Page=2"}`, "", "", true},
		{"bad page number", `{"calls":[],"next_page_uri":"/v2/x?Page=two&PageToken=t"}`, "", "", true},
		{"next_page_uri object", `{"calls":[],"next_page_uri":{}}`, "", "", true},
		{"next_page_uri bad URL", `{"calls":[],"next_page_uri":"%zz"}`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseTeXMLPage([]byte(tt.body))
			if tt.bad {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Fatalf("err = %v, want KindMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.token == "" && p.next != nil:
				t.Fatalf("next = %+v, want none", p.next)
			case tt.token != "" && (p.next == nil || p.next.page != tt.page || p.next.token != tt.token):
				t.Fatalf("next = %+v, want Page %q PageToken %q", p.next, tt.page, tt.token)
			}
		})
	}
}

func TestParseRecords(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr bool
		check   func(t *testing.T, p recordsPage)
	}{
		{"call_control_id as the id", `{"data":[{"id":"r","call_control_id":"v3:x","started_at":"2025-03-01T00:00:00Z","call_sec":3}],"meta":{"total_pages":2}}`, false,
			func(t *testing.T, p recordsPage) {
				if r := p.records[0]; r.call.ProviderCallID != "v3:x" || r.controlID != "v3:x" || p.totalPages != 2 || r.call.Status != provider.StatusCompleted {
					t.Errorf("page = %+v", p)
				}
			}},
		{"created_at when no started_at, numbers as numbers", `{"data":[{"id":"r","created_at":"2025-03-01T00:00:00Z","call_sec":"0","cost":0.5,"currency":"usd"}]}`, false,
			func(t *testing.T, p recordsPage) {
				c := p.records[0].call
				if !c.StartedAt.Equal(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) || c.CostMicros != 500000 || c.Currency != "USD" || p.totalPages != -1 || c.Status != provider.StatusUnknown {
					t.Errorf("page = %+v", p)
				}
			}},
		{"cost without currency is no cost", `{"data":[{"id":"r","started_at":"2025-03-01T00:00:00Z","cost":"0.5"}]}`, false,
			func(t *testing.T, p recordsPage) {
				if c := p.records[0].call; c.Currency != "" || c.CostMicros != 0 {
					t.Errorf("call = %+v", c)
				}
			}},
		{"no time is skipped", `{"data":[{"id":"r"}]}`, false,
			func(t *testing.T, p recordsPage) {
				if p.served != 1 || len(p.records) != 0 {
					t.Errorf("page = %+v", p)
				}
			}},
		{"status read as TeXML's", `{"data":[{"id":"r","started_at":"2025-03-01T00:00:00Z","status":"busy"}]}`, false,
			func(t *testing.T, p recordsPage) {
				if c := p.records[0].call; c.Status != provider.StatusBusy || c.RawStatus != "busy" {
					t.Errorf("call = %+v", c)
				}
			}},
		{"no data", `{"meta":{}}`, true, nil},
		{"no id", `{"data":[{"started_at":"2025-03-01T00:00:00Z"}]}`, true, nil},
		{"bad time", `{"data":[{"id":"r","started_at":"yesterday"}]}`, true, nil},
		{"bad call_sec", `{"data":[{"id":"r","started_at":"2025-03-01T00:00:00Z","call_sec":"-1"}]}`, true, nil},
		{"bad currency", `{"data":[{"id":"r","started_at":"2025-03-01T00:00:00Z","cost":"1","currency":"dollars"}]}`, true, nil},
		{"not JSON", `<html>`, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseRecords([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			tt.check(t, p)
		})
	}
}

func TestDirection(t *testing.T) {
	tests := map[string]provider.Direction{
		"inbound":      provider.DirectionIn,
		"outbound":     provider.DirectionOut,
		"outbound-api": provider.DirectionOut,
		"":             provider.DirectionUnknown,
		"inbound-ish":  provider.DirectionUnknown,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := direction(in); got != want {
				t.Fatalf("direction(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

// FuzzParseTeXMLPage checks that the page parser never panics and that
// every call it returns has an id and UTC times.
func FuzzParseTeXMLPage(f *testing.F) {
	f.Add([]byte(docPage))
	f.Add([]byte(`{"calls":[],"next_page_uri":null}`))
	f.Add([]byte(`{"calls":[{"sid":"v3:1","start_time":"2023-06-15T09:50:00.123+05:30","duration":7,"price":-0.5,"price_unit":"eur"}],"next_page_token":"t","page":0}`))
	f.Add([]byte(`{"calls":[{"sid":"v3:1","start_time":"Thu, 15 Jun 2023 09:56:45 GMT","end_time":"","price":"1.5","price_unit":"JPY"}],"page_token":"x"}`))
	f.Add([]byte(`{"calls":[{"sid":""}],"next_page_uri":"?Page=1&PageToken=2"}`))
	f.Add([]byte(`{"calls": [{"sid": "v3:`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseTeXMLPage(body)
		if err != nil {
			if provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("error of kind %q: %v", provider.KindOf(err), err)
			}
			return
		}
		for _, c := range p.calls {
			providertest.CheckCall(t, c)
			if c.CostMicros < 0 {
				t.Fatalf("negative cost: %+v", c)
			}
		}
		if p.next != nil {
			if _, err := parseCursor(p.next.String(), goodCreds); err != nil {
				t.Fatalf("cursor %q does not read back: %v", p.next.String(), err)
			}
		}
	})
}

// FuzzParseRecords checks the detail records parser likewise.
func FuzzParseRecords(f *testing.F) {
	f.Add([]byte(specRecords))
	f.Add([]byte(`{"data":[],"meta":{"total_pages":0}}`))
	f.Add([]byte(`{"data":[{"id":"r","started_at":"2025-03-01T00:00:00Z","finished_at":"2024-03-01T00:00:00Z","call_sec":1e3}]}`))
	f.Add([]byte(`{"data":[{"call_control_id":"v3:x","created_at":"2025-03-01T00:00:00+14:00","cost":"-9","currency":"JPY"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseRecords(body)
		if err != nil {
			if provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("error of kind %q: %v", provider.KindOf(err), err)
			}
			return
		}
		for _, r := range p.records {
			providertest.CheckCall(t, r.call)
			if r.call.CostMicros < 0 {
				t.Fatalf("negative cost: %+v", r.call)
			}
		}
	})
}
