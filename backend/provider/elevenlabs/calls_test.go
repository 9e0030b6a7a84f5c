package elevenlabs

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// boundaryConvs are conversations two to a second around a window's edges:
// at 999, 1000, 1001, 1999, 2000 and 2001 seconds after base.
func boundaryConvs(base int64) []fake.ElevenLabsConversation {
	var convs []fake.ElevenLabsConversation
	for _, off := range []int64{999, 1000, 1001, 1999, 2000, 2001} {
		for k := range 2 {
			convs = append(convs, fake.ElevenLabsConversation{
				ConversationID: fmt.Sprintf("c%d_%d", off, k), AgentID: "agent_0000",
				StartTimeUnixSecs: base + off, Status: "done", CallSuccessful: "success",
			})
		}
	}
	return convs
}

// TestListCallsWindowEdges: Since is inclusive and Until exclusive, to the
// second and within it, whether ElevenLabs' call_start_after_unix and
// call_start_before_unix include their own second or not (UNCONFIRMED, so
// the fake is run all four ways).
func TestListCallsWindowEdges(t *testing.T) {
	base := fake.ElevenLabsEpoch.Unix()
	at := func(s int64, ns int) time.Time { return time.Unix(base+s, int64(ns)) }
	windows := []struct {
		name string
		w    provider.Window
		want []int64 // offsets listed
	}{
		{"whole seconds", provider.Window{Since: at(1000, 0), Until: at(2000, 0)}, []int64{1000, 1001, 1999}},
		{"within a second", provider.Window{Since: at(999, 500_000_000), Until: at(1999, 500_000_000)}, []int64{1000, 1001, 1999}},
		{"just after a second", provider.Window{Since: at(1000, 1), Until: at(2000, 1)}, []int64{1001, 1999, 2000}},
		{"open end", provider.Window{Since: at(2000, 0)}, []int64{2000, 2001}},
		{"no start", provider.Window{Until: at(1000, 0)}, []int64{999}},
	}
	for _, afterIncl := range []bool{false, true} {
		for _, beforeIncl := range []bool{false, true} {
			for _, tt := range windows {
				t.Run(fmt.Sprintf("%s/after inclusive %v/before inclusive %v", tt.name, afterIncl, beforeIncl), func(t *testing.T) {
					f := fake.NewElevenLabs(testKey, nil, boundaryConvs(base))
					f.AfterInclusive, f.BeforeInclusive = afterIncl, beforeIncl
					h := providertest.Serve(t, f, New)
					got, _ := providertest.ListAll(t, h.Adapter, creds, tt.w)
					var want []string
					for _, off := range tt.want {
						want = append(want, fmt.Sprintf("c%d_0", off), fmt.Sprintf("c%d_1", off))
					}
					providertest.ExactlyOnce(t, got, want)
				})
			}
		}
	}
}

func TestListCallsQuery(t *testing.T) {
	base := fake.ElevenLabsEpoch.Unix()
	tests := []struct {
		name          string
		w             provider.Window
		after, before string // "" for absent
	}{
		{"whole seconds", provider.Window{Since: time.Unix(base, 0), Until: time.Unix(base+60, 0)}, fmt.Sprint(base - 1), fmt.Sprint(base + 60)},
		{"fractions round up", provider.Window{Since: time.Unix(base, 1), Until: time.Unix(base+60, 1)}, fmt.Sprint(base), fmt.Sprint(base + 61)},
		{"open window", provider.Window{}, "", ""},
		{"from the epoch", provider.Window{Since: time.Unix(0, 0)}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fake.NewElevenLabs(testKey, nil, nil)
			h := providertest.Serve(t, f, New)
			if _, err := h.Adapter.ListCalls(context.Background(), creds, tt.w, ""); err != nil {
				t.Fatal(err)
			}
			q := f.Requests()[0].Query
			if q.Get("call_start_after_unix") != tt.after || q.Has("call_start_after_unix") != (tt.after != "") ||
				q.Get("call_start_before_unix") != tt.before || q.Has("call_start_before_unix") != (tt.before != "") {
				t.Errorf("query = %v, want after %q before %q", q, tt.after, tt.before)
			}
		})
	}
}

// TestListCallsMapping lists conversations of every kind through the fake:
// the list gives id, agent, start, duration, status and (usually) the
// direction; the details give the numbers, the direction the list left
// null, and the cost in USD.
func TestListCallsMapping(t *testing.T) {
	start := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	s := start.Unix()
	usd := func(v float64) *float64 { return &v }
	credits := func(v int64) *int64 { return &v }
	convs := []fake.ElevenLabsConversation{
		{ConversationID: "in", AgentID: "agent_a", StartTimeUnixSecs: s, CallDurationSecs: 62, Status: "done",
			Direction: "inbound", InitiationSource: "twilio", Cost: credits(620), CostFiat: usd(0.12345),
			PhoneCall: &fake.ElevenLabsPhoneCall{Type: "twilio", Direction: "inbound", PhoneNumberID: "phnum_1",
				AgentNumber: "+14155550100", ExternalNumber: "+14155550101", StreamSID: "MZ1", CallSID: "CA1"}},
		{ConversationID: "out", AgentID: "agent_b", StartTimeUnixSecs: s + 60, CallDurationSecs: 0, Status: "failed",
			Direction: "outbound", InitiationSource: "sip_trunk", Cost: credits(0),
			PhoneCall: &fake.ElevenLabsPhoneCall{Type: "sip_trunking", Direction: "outbound", PhoneNumberID: "phnum_2",
				AgentNumber: "+14155550200", ExternalNumber: "+12125550199", CallSID: "sip-1"}},
		{ConversationID: "web", AgentID: "agent_a", StartTimeUnixSecs: s + 120, CallDurationSecs: 30, Status: "in-progress",
			InitiationSource: "widget", CostFiat: usd(0)},
		{ConversationID: "nodir", AgentID: "agent_a", StartTimeUnixSecs: s + 180, CallDurationSecs: 10, Status: "processing",
			PhoneCall: &fake.ElevenLabsPhoneCall{Type: "exotel", Direction: "inbound", PhoneNumberID: "phnum_3",
				AgentNumber: "+919999999999", ExternalNumber: "+919888888888", StreamSID: "st", CallSID: "ex"}},
		{ConversationID: "gone", AgentID: "agent_c", StartTimeUnixSecs: s + 240, CallDurationSecs: 5, Status: "done",
			Direction: "outbound", Gone: true, CostFiat: usd(1)},
		{ConversationID: "api", AgentID: "agent_c", StartTimeUnixSecs: s + 300, CallDurationSecs: 5, Status: "done"},
	}
	f := fake.NewElevenLabs(testKey, nil, convs)
	h := providertest.Serve(t, f, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: start, Until: start.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	at := func(sec int64) time.Time { return start.Add(time.Duration(sec) * time.Second) }
	want := []provider.Call{ // newest first, as the fake lists
		{ProviderCallID: "api", AgentID: "agent_c", Direction: provider.DirectionUnknown, Status: provider.StatusCompleted, RawStatus: "done",
			StartedAt: at(300), EndedAt: at(305), DurationSec: 5},
		{ProviderCallID: "gone", AgentID: "agent_c", Direction: provider.DirectionOut, Status: provider.StatusCompleted, RawStatus: "done",
			StartedAt: at(240), EndedAt: at(245), DurationSec: 5},
		{ProviderCallID: "nodir", AgentID: "agent_a", Direction: provider.DirectionIn, Status: provider.StatusInProgress, RawStatus: "processing",
			From: "+919888888888", To: "+919999999999", StartedAt: at(180), DurationSec: 10},
		{ProviderCallID: "web", AgentID: "agent_a", Direction: provider.DirectionWeb, Status: provider.StatusInProgress, RawStatus: "in-progress",
			StartedAt: at(120), DurationSec: 30, Currency: "USD"},
		{ProviderCallID: "out", AgentID: "agent_b", Direction: provider.DirectionOut, Status: provider.StatusFailed, RawStatus: "failed",
			From: "+14155550200", To: "+12125550199", StartedAt: at(60), EndedAt: at(60)},
		{ProviderCallID: "in", AgentID: "agent_a", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "done",
			From: "+14155550101", To: "+14155550100", StartedAt: at(0), EndedAt: at(62), DurationSec: 62, CostMicros: 123450, Currency: "USD"},
	}
	providertest.SameCalls(t, page.Calls, want)
	if page.Next != "" || page.Requests != 7 || len(f.Requests()) != 7 {
		t.Errorf("Next %q, Requests %d, fake saw %d; want the last page, 1 list + 6 details", page.Next, page.Requests, len(f.Requests()))
	}
	if got := page.Calls[len(page.Calls)-1].OurNumber(); got != "+14155550100" {
		t.Errorf("OurNumber of the inbound call = %q", got)
	}
}

// TestListCallsDetailsOnlyForTheWindow: a conversation the list returns
// outside the window (the bounds are widened by a second) is dropped
// before its details are read.
func TestListCallsDetailsOnlyForTheWindow(t *testing.T) {
	base := fake.ElevenLabsEpoch.Unix()
	f := fake.NewElevenLabs(testKey, nil, boundaryConvs(base))
	f.AfterInclusive, f.BeforeInclusive = true, true // the widest answer
	h := providertest.Serve(t, f, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds,
		provider.Window{Since: time.Unix(base+1000, 0), Until: time.Unix(base+2000, 0)}, "")
	if err != nil {
		t.Fatal(err)
	}
	details := 0
	for _, r := range f.Requests() {
		if r.Path != "/v1/convai/conversations" {
			details++
		}
	}
	if len(page.Calls) != 6 || details != 6 || page.Requests != 7 {
		t.Errorf("%d calls, %d detail reads, Requests %d; want 6, 6, 7", len(page.Calls), details, page.Requests)
	}
}

// TestListCallsBoundedConcurrency: the detail reads never exceed
// detailWorkers at once (an upper bound, whatever the timing).
func TestListCallsBoundedConcurrency(t *testing.T) {
	f := fake.NewElevenLabs(testKey, nil, fake.ElevenLabsConversations(40, 3))
	f.Latency = 5 * time.Millisecond
	h := providertest.Serve(t, f, New)
	w := provider.Window{Since: fake.ElevenLabsEpoch, Until: fake.ElevenLabsEpoch.Add(24 * time.Hour)}
	page, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	if err != nil || len(page.Calls) != 40 {
		t.Fatalf("%d calls, %v", len(page.Calls), err)
	}
	if n := f.MaxInFlight(); n > detailWorkers {
		t.Errorf("%d requests at once, want at most %d", n, detailWorkers)
	}
}

// TestListCallsDetailFailureFailsThePage: a detail that cannot be read
// (after the client's retries) fails the page, so that the sync retries
// it, and the reads still pending are not started.
func TestListCallsDetailFailureFailsThePage(t *testing.T) {
	f := fake.NewElevenLabs(testKey, nil, fake.ElevenLabsConversations(40, 3))
	var details atomic.Int32
	h := providertest.Serve(t, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/convai/conversations" {
			details.Add(1)
			rw.WriteHeader(http.StatusBadGateway)
			return
		}
		f.ServeHTTP(rw, r)
	}), New)
	h.Client.MaxAttempts = 1
	w := provider.Window{Since: fake.ElevenLabsEpoch, Until: fake.ElevenLabsEpoch.Add(24 * time.Hour)}
	_, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	if provider.KindOf(err) != provider.KindUnavailable {
		t.Fatalf("err = %v, want unavailable", err)
	}
	if n := details.Load(); n == 0 || n > 2*detailWorkers {
		t.Errorf("%d detail reads, want the first few only", n)
	}
}

func TestParsePage(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantN    int
		wantNext string
		wantErr  bool
	}{
		{"last page", `{"conversations":[{"conversation_id":"a","agent_id":"x","start_time_unix_secs":1700000000,"call_duration_secs":3,"message_count":1,"status":"done","call_successful":"success"}],"has_more":false,"next_cursor":null}`, 1, "", false},
		{"more", `{"conversations":[],"has_more":true,"next_cursor":"c1"}`, 0, "c1", false},
		{"has_more decides, not next_cursor", `{"conversations":[],"has_more":false,"next_cursor":"c1"}`, 0, "", false},
		{"more without cursor", `{"conversations":[],"has_more":true,"next_cursor":null}`, 0, "", true},
		{"more with an empty cursor", `{"conversations":[],"has_more":true,"next_cursor":""}`, 0, "", true},
		{"no conversations array", `{"has_more":false}`, 0, "", true},
		{"null direction and source", `{"conversations":[{"conversation_id":"a","start_time_unix_secs":1,"status":"done","direction":null,"conversation_initiation_source":null}],"has_more":false}`, 1, "", false},
		{"missing id", `{"conversations":[{"start_time_unix_secs":1700000000,"status":"done"}],"has_more":false}`, 0, "", true},
		{"missing start", `{"conversations":[{"conversation_id":"a","status":"done"}],"has_more":false}`, 0, "", true},
		{"negative start", `{"conversations":[{"conversation_id":"a","start_time_unix_secs":-1}],"has_more":false}`, 0, "", true},
		{"start beyond year 9999", `{"conversations":[{"conversation_id":"a","start_time_unix_secs":253402300800}],"has_more":false}`, 0, "", true},
		{"fractional start", `{"conversations":[{"conversation_id":"a","start_time_unix_secs":1.5}],"has_more":false}`, 0, "", true},
		{"not JSON", `<html>`, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			convs, next, err := parsePage([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			if len(convs) != tt.wantN || next != tt.wantNext {
				t.Errorf("got %d conversations next %q, want %d %q", len(convs), next, tt.wantN, tt.wantNext)
			}
		})
	}
}

// TestFakeIsStrict: the fake refuses what ElevenLabs does not document (or
// the fake does not implement) with 400, a page_size beyond the documented
// 1–100 with FastAPI's 422, and a request without the key with 401.
func TestFakeIsStrict(t *testing.T) {
	f := fake.NewElevenLabs(testKey, fake.ElevenLabsAgents(1), fake.ElevenLabsConversations(3, 1))
	h := providertest.Serve(t, f, New)
	tests := []struct {
		path string
		key  string
		want int
	}{
		{"/v1/convai/conversations?page_size=100", testKey, http.StatusOK},
		{"/v1/convai/conversations?limit=100", testKey, http.StatusBadRequest},
		{"/v1/convai/conversations?call_successful=success", testKey, http.StatusBadRequest}, // documented, not implemented
		{"/v1/convai/conversations?page_size=101", testKey, http.StatusUnprocessableEntity},
		{"/v1/convai/conversations?call_start_after_unix=yesterday", testKey, http.StatusUnprocessableEntity},
		{"/v1/convai/conversations/conv_000000", testKey, http.StatusOK},
		{"/v1/convai/conversations/nope", testKey, http.StatusNotFound},
		{"/v1/convai/agents?page_size=0", testKey, http.StatusUnprocessableEntity},
		{"/v1/convai/agents/agent_0000?version_id=v1", testKey, http.StatusBadRequest},
		{"/v1/convai/agents", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, h.URL+tt.path, nil)
		if tt.key != "" {
			req.Header.Set("xi-api-key", tt.key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("GET %s: %d, want %d", tt.path, resp.StatusCode, tt.want)
		}
	}
}
