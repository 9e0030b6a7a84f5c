package elevenlabs

import (
	"slices"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// FuzzParse feeds a list page and a detail to the parsers: whatever
// parses is a call every adapter may return, with a normalised status, an
// end not before its start, a cost that is never negative and a currency
// only with a cost in money.
func FuzzParse(f *testing.F) {
	f.Add([]byte(specListExample), []byte(specDetailExample))
	f.Add([]byte(`{"conversations":[],"has_more":false}`), []byte(specWebhookData))
	for _, s := range [][2]string{
		{`{"conversations":[{"conversation_id":"a","start_time_unix_secs":0,"call_duration_secs":-5,"status":"done"}],"has_more":false}`,
			`{"metadata":{"cost_fiat":-0.5}}`},
		{`{"conversations":[{"conversation_id":"a","start_time_unix_secs":253402300799,"call_duration_secs":9e18,"status":"failed","direction":"outbound"}],"has_more":true,"next_cursor":"x"}`,
			`{"metadata":{"cost_fiat":1e300,"phone_call":{"direction":"inbound","agent_number":"+1","external_number":"+2"}}}`},
		{`{"conversations":[{"conversation_id":"a","start_time_unix_secs":1700000000,"direction":7}],"has_more":false}`,
			`{"metadata":null}`},
		{`{"conversations":null,"has_more":true}`, `[]`},
		{`{"conversations":[{"conversation_id":"a","start_time_unix_secs":1700000000,"conversation_initiation_source":"widget"}],"has_more":false}`,
			`{"metadata":{"phone_call":null,"cost_fiat":0.1234567}}`},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, page, detail []byte) {
		convs, _, err := parsePage(page)
		if err != nil {
			return
		}
		for i := range convs {
			providertest.CheckCall(t, convs[i].call)
			d, err := parseDetail(convs[i].call.ProviderCallID, detail)
			if err != nil {
				continue
			}
			if err := applyDetail(&convs[i], d); err != nil {
				continue
			}
			c := convs[i].call
			providertest.CheckCall(t, c)
			if c.CostMicros < 0 || c.Currency != "" && c.Currency != "USD" || c.CostMicros != 0 && c.Currency == "" {
				t.Fatalf("cost %d %q", c.CostMicros, c.Currency)
			}
			if c.EndedAt.Before(c.StartedAt) && !c.EndedAt.IsZero() {
				t.Fatalf("ends %v before it starts %v", c.EndedAt, c.StartedAt)
			}
			if !slices.Contains(provider.Statuses, c.Status) {
				t.Fatalf("status %q", c.Status)
			}
		}
	})
}
