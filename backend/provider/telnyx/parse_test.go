package telnyx

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// docPage is a page in the documented shape (API reference example, with
// calls filled in). How a call's fields are read is tested in package
// twilioish.
const docPage = `{
  "calls": [
    {"sid": "v3:abc", "account_sid": "61bf923e-5e4d-4595-a110-56190ea18a1b",
     "start_time": "Thu, 15 Jun 2023 09:56:45 +0000", "end_time": "Thu, 15 Jun 2023 09:57:45 +0000",
     "duration": "60", "price": "-0.01750", "price_unit": "USD", "direction": "outbound",
     "status": "completed", "from": "+13125550001", "to": "+13125550002", "answered_by": "human", "caller_name": null},
    {"sid": "v3:def", "start_time": "2023-06-15T09:50:00Z", "end_time": null, "duration": null,
     "price": null, "price_unit": "USD", "direction": "inbound", "status": "in-progress",
     "from": "+13125550003", "to": "+13125550001"},
    {"sid": "v3:ghi", "start_time": null, "direction": "outbound", "status": "queued"}
  ],
  "end": 2,
  "first_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=3",
  "next_page_uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=1&PageSize=3&PageToken=MTY4AjgyNDkwNzIxMQ",
  "page": 0, "page_size": 3, "start": 0,
  "uri": "/v2/texml/Accounts/61bf923e-5e4d-4595-a110-56190ea18a1b/Calls.json?Page=0&PageSize=3"
}`

func TestParseCalls(t *testing.T) {
	p, err := parseCalls([]byte(docPage))
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{
			ProviderCallID: "v3:abc", Direction: provider.DirectionOut, Status: "completed",
			From: "+13125550001", To: "+13125550002",
			StartedAt:   time.Date(2023, 6, 15, 9, 56, 45, 0, time.UTC),
			EndedAt:     time.Date(2023, 6, 15, 9, 57, 45, 0, time.UTC),
			DurationSec: 60, CostMicros: 20000, Currency: "USD",
		},
		{
			ProviderCallID: "v3:def", Direction: provider.DirectionIn, Status: "in-progress",
			From: "+13125550003", To: "+13125550001",
			StartedAt: time.Date(2023, 6, 15, 9, 50, 0, 0, time.UTC),
		},
	}
	if p.Served != 3 {
		t.Errorf("Served = %d, want 3", p.Served)
	}
	providertest.SameCalls(t, p.Calls, want)
	if p.Next != "Page=1&PageToken=MTY4AjgyNDkwNzIxMQ" {
		t.Errorf("Next = %q", p.Next)
	}
}

func TestParseCallsNext(t *testing.T) {
	tests := []struct {
		name, body, want string
		bad              bool
	}{
		{"next_page_uri", `{"calls":[],"next_page_uri":"/v2/x/Calls.json?Page=2&PageSize=5&PageToken=abc"}`, "Page=2&PageToken=abc", false},
		{"absolute next_page_uri", `{"calls":[],"next_page_uri":"https://api.telnyx.com/v2/x?PageToken=a%2Bb"}`, "PageToken=a%2Bb", false},
		{"null", `{"calls":[],"next_page_uri":null}`, "", false},
		{"empty", `{"calls":[],"next_page_uri":""}`, "", false},
		{"absent", `{"calls":[]}`, "", false},
		{"next_page_token", `{"calls":[],"page":3,"next_page_token":"tok"}`, "Page=4&PageToken=tok", false},
		{"page_token", `{"calls":[],"page_token":"tok"}`, "PageToken=tok", false},
		{"next_page_uri wins", `{"calls":[],"next_page_uri":null,"next_page_token":"tok"}`, "", false},
		{"no token in next_page_uri", `{"calls":[],"next_page_uri":"/v2/x?Page=2"}`, "", true},
		{"bad page number", `{"calls":[],"next_page_uri":"/v2/x?Page=two&PageToken=t"}`, "", true},
		{"next_page_uri object", `{"calls":[],"next_page_uri":{}}`, "", true},
		{"next_page_uri bad URL", `{"calls":[],"next_page_uri":"%zz"}`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseCalls([]byte(tt.body))
			if tt.bad {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Fatalf("err = %v, want KindMalformed", err)
				}
				return
			}
			if err != nil || p.Next != tt.want {
				t.Fatalf("Next = %q, %v; want %q", p.Next, err, tt.want)
			}
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

// FuzzParseCalls checks that the page parser never panics and that every
// call it returns has an id and UTC times.
func FuzzParseCalls(f *testing.F) {
	f.Add([]byte(docPage))
	f.Add([]byte(`{"calls":[],"next_page_uri":null}`))
	f.Add([]byte(`{"calls":[{"sid":"v3:1","start_time":"2023-06-15T09:50:00.123+05:30","duration":7,"price":-0.5,"price_unit":"eur"}],"next_page_token":"t","page":0}`))
	f.Add([]byte(`{"calls":[{"sid":"v3:1","start_time":"Thu, 15 Jun 2023 09:56:45 GMT","end_time":"","price":"1.5","price_unit":"JPY"}],"page_token":"x"}`))
	f.Add([]byte(`{"calls":[{"sid":""}],"next_page_uri":"?Page=1&PageToken=2"}`))
	f.Add([]byte(`{"calls": [{"sid": "CA`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseCalls(body)
		if err != nil {
			if provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("error of kind %q: %v", provider.KindOf(err), err)
			}
			return
		}
		for _, c := range p.Calls {
			providertest.CheckCall(t, c)
			if c.CostMicros < 0 {
				t.Fatalf("negative cost: %+v", c)
			}
		}
		if p.Next != "" {
			if _, err := parseCursor(p.Next); err != nil {
				t.Fatalf("cursor %q does not read back: %v", p.Next, err)
			}
		}
	})
}
