package twilioish

import (
	"net/mail"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// parse reads body with ToCall and a direction map of "in" and "out".
func parse(body string) (Page, error) {
	dir := func(d string) provider.Direction {
		switch d {
		case "in":
			return provider.DirectionIn
		case "out":
			return provider.DirectionOut
		}
		return provider.DirectionUnknown
	}
	return ParsePage([]byte(body), nil, func(j Call) (provider.Call, bool, error) { return ToCall(j, dir) })
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"RFC 2822 +0000", "Tue, 31 Aug 2010 20:36:28 +0000", time.Date(2010, 8, 31, 20, 36, 28, 0, time.UTC)},
		{"RFC 2822 GMT", "Tue, 31 Aug 2010 20:36:28 GMT", time.Date(2010, 8, 31, 20, 36, 28, 0, time.UTC)},
		{"RFC 2822 offset", "Mon, 02 Jan 2006 15:04:05 -0700", time.Date(2006, 1, 2, 22, 4, 5, 0, time.UTC)},
		{"RFC 3339", "2024-05-06T07:08:09+02:00", time.Date(2024, 5, 6, 5, 8, 9, 0, time.UTC)},
		{"RFC 3339 with fraction", "2023-06-15T09:50:00.123+05:30", time.Date(2023, 6, 15, 4, 20, 0, 123e6, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("ParseTime(%q) = %v, %v; want %v UTC", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParsePage(t *testing.T) {
	start := time.Date(2010, 8, 31, 20, 36, 28, 0, time.UTC)
	body := `{"calls":[
		{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","end_time":"Tue, 31 Aug 2010 20:36:44 +0000",
		 "duration":"16","price":"-0.01750","price_unit":"USD","direction":"out","status":"completed","from":"+1","to":"+2"},
		{"sid":"CA2","start_time":null,"direction":"out","status":"queued"},
		{"sid":"CA3","start_time":"2010-08-31T20:36:28Z","direction":"in"}]}`
	p, err := parse(body)
	if err != nil {
		t.Fatal(err)
	}
	if p.Served != 3 {
		t.Errorf("Served = %d, want 3 (the queued call counts)", p.Served)
	}
	providertest.SameCalls(t, p.Calls, []provider.Call{
		{ProviderCallID: "CA1", Direction: provider.DirectionOut, RawStatus: "completed", From: "+1", To: "+2",
			StartedAt: start, EndedAt: start.Add(16 * time.Second), DurationSec: 16, CostMicros: 17500, Currency: "USD"},
		{ProviderCallID: "CA3", Direction: provider.DirectionIn, StartedAt: start},
	})
}

// TestParsePageTolerant reads the shapes a Twilio-style API may send;
// prices keep every decimal (provider.Micros), whatever the currency.
func TestParsePageTolerant(t *testing.T) {
	start := time.Date(2010, 8, 31, 20, 36, 28, 0, time.UTC)
	tests := []struct {
		name, body string
		want       provider.Call
	}{
		{"minimal", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start}},
		{"numbers for strings", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","duration":42,"price":-1.005,"price_unit":"usd"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, DurationSec: 42, CostMicros: 1005000, Currency: "USD"}},
		{"price without unit", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"-0.5"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start}},
		{"zero price", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"0.00000","price_unit":"USD"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, Currency: "USD"}},
		{"yen", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"1.5","price_unit":" jpy "}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, CostMicros: 1500000, Currency: "JPY"}},
		// Twilio's prices have up to five decimals: no rounding to cents.
		{"five decimals", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"-0.00425","price_unit":"USD"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, CostMicros: 4250, Currency: "USD"}},
		// The prices of twilio-oai's readFullPage1 example, in USD and in JPY.
		{"spec USD", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"-0.200","price_unit":"USD"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, CostMicros: 200000, Currency: "USD"}},
		{"spec JPY", `{"calls":[{"sid":"CA1","start_time":"Tue, 31 Aug 2010 20:36:28 +0000","price":"-0.100","price_unit":"JPY"}]}`,
			provider.Call{ProviderCallID: "CA1", Direction: provider.DirectionUnknown, StartedAt: start, CostMicros: 100000, Currency: "JPY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parse(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			providertest.SameCalls(t, p.Calls, []provider.Call{tt.want})
		})
	}
}

func TestParsePageMalformed(t *testing.T) {
	call := func(fields string) string { return `{"calls":[{` + fields + `}]}` }
	tests := []struct{ name, body string }{
		{"not JSON", `{"calls": [`},
		{"empty body", ``},
		{"array", `[]`},
		{"no calls", `{"next_page_uri": null}`},
		{"calls null", `{"calls": null}`},
		{"calls not array", `{"calls": {}}`},
		{"call not object", `{"calls": [1]}`},
		{"call a string", `{"calls": ["x"]}`},
		{"no sid", call(`"start_time": "Tue, 31 Aug 2010 20:36:28 +0000"`)},
		{"bad start", call(`"sid": "CA1", "start_time": "yesterday"`)},
		{"bad start date", call(`"sid": "v3:1", "start_time": "15/06/2023"`)},
		{"bad end", call(`"sid": "CA1", "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "end_time": "later"`)},
		{"bad duration", call(`"sid": "CA1", "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "duration": "1.5"`)},
		{"duration with unit", call(`"sid": "v3:1", "start_time": "2023-06-15T09:50:00Z", "duration": "1m"`)},
		{"negative duration", call(`"sid": "CA1", "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "duration": "-1"`)},
		{"bad price", call(`"sid": "CA1", "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "price": "free", "price_unit": "USD"`)},
		{"decimal comma", call(`"sid": "v3:1", "start_time": "2023-06-15T09:50:00Z", "price": "-0,5", "price_unit": "EUR"`)},
		{"bad unit", call(`"sid": "CA1", "start_time": "Tue, 31 Aug 2010 20:36:28 +0000", "price": "-1", "price_unit": "US$"`)},
		{"sid object", call(`"sid": {}`)},
		{"status bool", call(`"sid": "CA1", "status": true`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse(tt.body); provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("parse(%s) error = %v, want KindMalformed", tt.body, err)
			}
		})
	}
}

// FuzzParseTime checks that no text reads both as RFC 2822 and as RFC
// 3339, so ParseTime's order (Twilio's adapter tried RFC 2822 first,
// Telnyx's RFC 3339) changes nothing.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"Tue, 31 Aug 2010 20:36:28 +0000", "31 Aug 2010 20:36 GMT", "2024-05-06T07:08:09+02:00", "2023-06-15T09:50:00.123Z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err1 := mail.ParseDate(s)
		_, err2 := time.Parse(time.RFC3339Nano, s)
		if err1 == nil && err2 == nil {
			t.Fatalf("%q reads as both RFC 2822 and RFC 3339", s)
		}
		if got, err := ParseTime(s); err == nil && got.Location() != time.UTC {
			t.Fatalf("ParseTime(%q) = %v, not UTC", s, got)
		}
	})
}
