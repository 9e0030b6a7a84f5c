package retell

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// paging is the listing RunConformance walks: 3,000 calls, of which the
// window holds calls[200:2700]. legacy makes the fake answer as /v2 did.
func paging(legacy bool) (providertest.Fake, provider.Window, []string) {
	calls := fake.RetellCalls(3000, 42)
	w := provider.Window{
		Since: time.UnixMilli(calls[200].StartTimestamp),
		Until: time.UnixMilli(calls[2700].StartTimestamp), // exclusive
	}
	var want []string
	for _, c := range calls[200:2700] {
		want = append(want, c.CallID)
	}
	f := fake.NewRetell(testKey, calls)
	f.LegacyArray = legacy
	return f, w, want
}

// checkListing checks that the calls come oldest first and that the first
// request asks for the window, oldest first, 1,000 at a time.
func checkListing(t *testing.T, w provider.Window, got []provider.Call, reqs []fake.Request) {
	for i := 1; i < len(got); i++ {
		if got[i].StartedAt.Before(got[i-1].StartedAt) {
			t.Fatalf("calls not oldest first at %d", i)
		}
	}
	var body struct {
		FilterCriteria struct {
			StartTimestamp struct {
				Op    string  `json:"op"`
				Type  string  `json:"type"`
				Value []int64 `json:"value"`
			} `json:"start_timestamp"`
		} `json:"filter_criteria"`
		Limit         int     `json:"limit"`
		SortOrder     string  `json:"sort_order"`
		PaginationKey *string `json:"pagination_key"`
	}
	if err := json.Unmarshal([]byte(reqs[0].Body), &body); err != nil {
		t.Fatal(err)
	}
	st := body.FilterCriteria.StartTimestamp
	if reqs[0].Method != "POST" || reqs[0].Path != "/v3/list-calls" || body.Limit != 1000 ||
		body.SortOrder != "ascending" || body.PaginationKey != nil || st.Op != "bt" || st.Type != "range" ||
		len(st.Value) != 2 || st.Value[0] != w.Since.UnixMilli() || st.Value[1] != w.Until.UnixMilli() {
		t.Errorf("first request %s %s %s", reqs[0].Method, reqs[0].Path, reqs[0].Body)
	}
}

// TestListCallsLegacyArray pages the bare array of /v2 by its last
// call_id (RunConformance pages the v3 object by pagination_key).
func TestListCallsLegacyArray(t *testing.T) {
	f, w, want := paging(true)
	h := providertest.Serve(t, f, New)
	got, pages := providertest.ListAll(t, h.Adapter, creds, w)
	providertest.ExactlyOnce(t, got, want)
	reqs := f.Requests()
	if pages < 3 || len(reqs) != pages {
		t.Fatalf("%d requests for %d pages", len(reqs), pages)
	}
	checkListing(t, w, got, reqs)
}

func TestListCallsMapping(t *testing.T) {
	start := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	ms := start.UnixMilli()
	calls := []fake.RetellCall{
		{CallID: "in", CallType: "phone_call", Direction: "inbound", CallStatus: "ended", DisconnectionReason: "user_hangup",
			FromNumber: "+14155550101", ToNumber: "+14155550000", AgentID: "agent_a", AgentVersion: 3,
			StartTimestamp: ms, EndTimestamp: ms + 61_500, DurationMs: 61_500, CallCost: &fake.RetellCallCost{CombinedCost: 123.5}},
		{CallID: "out", CallType: "phone_call", Direction: "outbound", CallStatus: "not_connected", DisconnectionReason: "dial_no_answer",
			FromNumber: "+14155550000", ToNumber: "+12125550199", AgentID: "agent_b", StartTimestamp: ms + 1000},
		{CallID: "web", CallType: "web_call", CallStatus: "ongoing", AgentID: "agent_a", StartTimestamp: ms + 2000,
			CallCost: &fake.RetellCallCost{CombinedCost: 0}},
		{CallID: "odd", CallType: "phone_call", Direction: "outbound", CallStatus: "error", DisconnectionReason: "error_asr",
			AgentID: "agent_b", StartTimestamp: ms + 3000, EndTimestamp: ms + 13_400, CallCost: &fake.RetellCallCost{CombinedCost: 0.0001}},
		{CallID: "registered", CallType: "phone_call", Direction: "outbound", CallStatus: "registered", AgentID: "agent_b"},
	}
	h := providertest.Serve(t, fake.NewRetell(testKey, calls), New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: start, Until: start.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{ProviderCallID: "in", AgentID: "agent_a", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "ended",
			From: "+14155550101", To: "+14155550000", StartedAt: start, EndedAt: start.Add(61500 * time.Millisecond), DurationSec: 62,
			CostMicros: 1_235_000, Currency: "USD"},
		{ProviderCallID: "out", AgentID: "agent_b", Direction: provider.DirectionOut, Status: provider.StatusNoAnswer, RawStatus: "not_connected",
			From: "+14155550000", To: "+12125550199", StartedAt: start.Add(time.Second)},
		{ProviderCallID: "web", AgentID: "agent_a", Direction: provider.DirectionWeb, Status: provider.StatusInProgress, RawStatus: "ongoing",
			StartedAt: start.Add(2 * time.Second), Currency: "USD"},
		// 0.0001 cents is one micro-dollar: kept, not rounded away.
		{ProviderCallID: "odd", AgentID: "agent_b", Direction: provider.DirectionOut, Status: provider.StatusFailed, RawStatus: "error",
			StartedAt: start.Add(3 * time.Second), EndedAt: start.Add(13400 * time.Millisecond), DurationSec: 10, CostMicros: 1, Currency: "USD"},
	}
	if page.Next != "" || page.Requests != 1 {
		t.Errorf("Next = %q, Requests = %d", page.Next, page.Requests)
	}
	providertest.SameCalls(t, page.Calls, want)
}

func TestParseCallList(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		limit    int
		wantN    int
		wantNext string
		wantErr  bool
	}{
		{"v3 last page", `{"items":[{"call_id":"a","start_timestamp":1700000000000}],"has_more":false}`, 1000, 1, "", false},
		{"v3 more", `{"items":[],"has_more":true,"pagination_key":"pk1","total":5}`, 1000, 0, "pk1", false},
		{"v3 more without key", `{"items":[],"has_more":true}`, 1000, 0, "", true},
		// The SDK's CallListResponse: every field optional.
		{"v3 without items", `{"has_more":false}`, 1000, 0, "", false},
		{"v3 without items, more to come", `{"has_more":true,"pagination_key":"pk2"}`, 1000, 0, "pk2", false},
		{"v3 empty object", `{}`, 1000, 0, "", false},
		// A registered call has no start_timestamp yet (V3PhoneCallResponse marks it optional).
		{"registered call skipped", `{"items":[{"call_id":"r","call_type":"phone_call","call_status":"registered","agent_id":"ag"},{"call_id":"a","start_timestamp":1700000000000}]}`, 1000, 1, "", false},
		{"null start skipped", `{"items":[{"call_id":"r","start_timestamp":null}]}`, 1000, 0, "", false},
		{"v2 full array", ` [{"call_id":"a","start_timestamp":1700000000000},{"call_id":"b","start_timestamp":1700000000001}]`, 2, 2, "b", false},
		{"v2 short array", `[{"call_id":"a","start_timestamp":1700000000000}]`, 2, 1, "", false},
		{"unknown fields ignored", `{"items":[{"call_id":"a","start_timestamp":1700000000000,"transcript":"hi","x":{"y":[1]}}]}`, 1000, 1, "", false},
		{"start as string", `{"items":[{"call_id":"a","start_timestamp":"1700000000000"}]}`, 1000, 0, "", true},
		{"negative start", `{"items":[{"call_id":"a","start_timestamp":-5}]}`, 1000, 0, "", true},
		{"missing id", `{"items":[{"start_timestamp":1700000000000}]}`, 1000, 0, "", true},
		{"start beyond year 9999", `{"items":[{"call_id":"a","start_timestamp":1e20}]}`, 1000, 0, "", true},
		{"not JSON", `<html>`, 1000, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, next, err := parseCallList([]byte(tt.body), tt.limit)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			if len(calls) != tt.wantN || next != tt.wantNext {
				t.Errorf("got %d calls next %q, want %d %q", len(calls), next, tt.wantN, tt.wantNext)
			}
		})
	}
}

func TestListCallsOpenWindow(t *testing.T) {
	f := fake.NewRetell(testKey, fake.RetellCalls(5, 1))
	a := providertest.Serve(t, f, New).Adapter.(*adapter)
	now := time.Date(2025, 3, 2, 12, 0, 0, 0, time.UTC)
	a.now = func() time.Time { return now }
	page, err := a.ListCalls(context.Background(), creds, provider.Window{Since: fake.RetellEpoch}, "")
	if err != nil || len(page.Calls) != 5 {
		t.Fatalf("page = %+v, err = %v", page, err)
	}
	var body struct {
		FilterCriteria struct {
			StartTimestamp struct {
				Value []int64 `json:"value"`
			} `json:"start_timestamp"`
		} `json:"filter_criteria"`
	}
	if err := json.Unmarshal([]byte(f.Requests()[0].Body), &body); err != nil {
		t.Fatal(err)
	}
	if v := body.FilterCriteria.StartTimestamp.Value; len(v) != 2 || v[1] != now.Add(24*time.Hour).UnixMilli() {
		t.Errorf("range = %v, want upper end a day after now", v)
	}
}
