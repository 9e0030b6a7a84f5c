package twilio

import (
	"slices"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// docPage is a page in the documented shape, with one parent call, its
// child leg, a queued call (skipped: it has not started) and an in-progress
// one. How a call's fields are
// read is tested in package twilioish.
const docPage = `{
  "calls": [
    {"sid": "CA11111111111111111111111111111111", "parent_call_sid": null,
     "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "end_time": "Tue, 31 Aug 2010 20:36:44 +0000",
     "duration": "16", "price": "-0.01750", "price_unit": "USD", "direction": "outbound-api",
     "status": "completed", "from": "+15017122661", "to": "+15558675310", "annotation": null,
     "subresource_uris": {"notifications": "/x.json"}},
    {"sid": "CA22222222222222222222222222222222", "parent_call_sid": "CA11111111111111111111111111111111",
     "start_time": "Tue, 31 Aug 2010 20:36:30 +0000", "end_time": "Tue, 31 Aug 2010 20:36:44 +0000",
     "duration": "14", "price": "-0.01300", "price_unit": "USD", "direction": "outbound-dial",
     "status": "completed", "from": "+15017122661", "to": "+15558675311"},
    {"sid": "CA33333333333333333333333333333333", "start_time": null, "end_time": null,
     "duration": null, "price": null, "price_unit": "USD", "direction": "outbound-api", "status": "queued"},
    {"sid": "CA44444444444444444444444444444444", "start_time": "Wed, 01 Sep 2010 01:00:00 GMT",
     "end_time": null, "duration": null, "price": null, "price_unit": "USD",
     "direction": "inbound", "status": "in-progress", "from": "+15550000000", "to": "+15017122661"}
  ],
  "first_page_uri": "/2010-04-01/Accounts/AC/Calls.json?PageSize=50&Page=0",
  "next_page_uri": "/2010-04-01/Accounts/AC/Calls.json?PageSize=50&Page=1&PageToken=PACA44444444444444444444444444444444",
  "page": 0, "page_size": 50, "previous_page_uri": null, "start": 0, "end": 3, "uri": "/x"
}`

func TestParseCalls(t *testing.T) {
	p, err := parseCalls([]byte(docPage))
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{
			ProviderCallID: "CA11111111111111111111111111111111", Direction: provider.DirectionOut,
			Status: provider.StatusCompleted, RawStatus: "completed", From: "+15017122661", To: "+15558675310",
			StartedAt:   time.Date(2010, 8, 31, 20, 36, 28, 0, time.UTC),
			EndedAt:     time.Date(2010, 8, 31, 20, 36, 44, 0, time.UTC),
			DurationSec: 16, CostMicros: 17500, Currency: "USD",
		},
		{
			ProviderCallID: "CA22222222222222222222222222222222", ParentCallID: "CA11111111111111111111111111111111",
			Direction: provider.DirectionOut, Status: provider.StatusCompleted, RawStatus: "completed",
			From: "+15017122661", To: "+15558675311",
			StartedAt:   time.Date(2010, 8, 31, 20, 36, 30, 0, time.UTC),
			EndedAt:     time.Date(2010, 8, 31, 20, 36, 44, 0, time.UTC),
			DurationSec: 14, CostMicros: 13000, Currency: "USD",
		},
		{
			ProviderCallID: "CA44444444444444444444444444444444", Direction: provider.DirectionIn,
			Status: provider.StatusInProgress, RawStatus: "in-progress", From: "+15550000000", To: "+15017122661",
			StartedAt: time.Date(2010, 9, 1, 1, 0, 0, 0, time.UTC),
		},
	}
	providertest.SameCalls(t, p.Calls, want)
	if p.Served != 4 {
		t.Errorf("Served = %d, want 4", p.Served)
	}
	if p.Next != "/2010-04-01/Accounts/AC/Calls.json?PageSize=50&Page=1&PageToken=PACA44444444444444444444444444444444" {
		t.Errorf("Next = %q", p.Next)
	}
}

// TestParseCallsOwnParent: a call that names itself as its parent would
// make a loop of legs; the page is malformed.
func TestParseCallsOwnParent(t *testing.T) {
	body := `{"calls":[{"sid":"CA1","parent_call_sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000"}]}`
	if _, err := parseCalls([]byte(body)); provider.KindOf(err) != provider.KindMalformed {
		t.Fatalf("err = %v, want KindMalformed", err)
	}
}

func TestDirection(t *testing.T) {
	tests := map[string]provider.Direction{
		"inbound":              provider.DirectionIn,
		"outbound-api":         provider.DirectionOut,
		"outbound-dial":        provider.DirectionOut,
		"trunking-originating": provider.DirectionIn,
		"trunking-terminating": provider.DirectionOut,
		"":                     provider.DirectionUnknown,
		"sideways":             provider.DirectionUnknown,
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
	f.Add([]byte(`{"calls":[]}`))
	f.Add([]byte(`{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","duration":"5","price":"-0.0175","price_unit":"USD"}],"next_page_uri":null}`))
	f.Add([]byte(`{"calls":[{"sid":"CA1","start_time":"2024-01-01T00:00:00Z","end_time":"Mon, 02 Jan 2006 15:04:05 -0700","price":1e3,"price_unit":"JPY"}]}`))
	f.Add([]byte(`{"calls":[{"sid":"","start_time":null}]}`))
	f.Add([]byte(`{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","parent_call_sid":"CA0"}]}`))
	f.Add([]byte(`{"calls": [{"sid": "CA`))
	f.Add([]byte(`null`))
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
			if c.CostMicros < 0 || c.ParentCallID == c.ProviderCallID || !slices.Contains(provider.Statuses, c.Status) {
				t.Fatalf("bad call: %+v", c)
			}
		}
	})
}
