package vapi

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// paging is the listing RunConformance walks: 3,000 calls with ties, and a
// window that starts and ends on a tie-free instant so that the expected
// calls are exactly calls[lo:hi].
func paging() (providertest.Fake, provider.Window, []string) {
	calls := fake.VapiCalls(3000, 7) // ascending createdAt, with ties
	lo, hi := 200, 2700
	for calls[lo].CreatedAt.Equal(calls[lo-1].CreatedAt) {
		lo++
	}
	for calls[hi].CreatedAt.Equal(calls[hi-1].CreatedAt) {
		hi++
	}
	return fake.NewVapi(testKey, calls), provider.Window{Since: calls[lo].CreatedAt, Until: calls[hi].CreatedAt}, ids(calls[lo:hi])
}

func ids(calls []fake.VapiCall) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.ID
	}
	return out
}

// tiedCalls returns n calls one minute apart (ascending), with the calls at
// indices [from, to) all created at the same instant.
func tiedCalls(n, from, to int) []fake.VapiCall {
	base := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	calls := make([]fake.VapiCall, n)
	for i := range calls {
		at := base.Add(time.Duration(i) * time.Minute)
		if i >= from && i < to {
			at = base.Add(time.Duration(from) * time.Minute)
		}
		calls[i] = fake.VapiCall{ID: fmt.Sprintf("c%04d", i), Type: "webCall", Status: "ended", CreatedAt: at}
	}
	return calls
}

func TestListCallsTies(t *testing.T) {
	tests := []struct {
		name          string
		n, from, to   int
		wantPages     int
		wantLastQuery string
	}{
		// Newest-first positions 995–1004 share an instant: five fit on
		// page one, five spill over.
		{"ties across the page edge", 1500, 495, 505, 2, "createdAtLe"},
		// A full page of one instant cannot be split: it is listed whole
		// and the walk goes on strictly below it.
		{"a whole page of one instant", 1005, 3, 1003, 3, "createdAtLt"},
		{"ties at the very end", 1000, 0, 10, 2, "createdAtLe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := tiedCalls(tt.n, tt.from, tt.to)
			f := fake.NewVapi(testKey, calls)
			h := providertest.Serve(t, f, New)
			w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Millisecond)}
			got, _ := providertest.ListAll(t, h.Adapter, creds, w)
			providertest.ExactlyOnce(t, got, ids(calls))
			reqs := listRequests(f)
			if len(reqs) != tt.wantPages {
				t.Errorf("%d requests, want %d", len(reqs), tt.wantPages)
			}
			if last := reqs[len(reqs)-1].Query; last.Get(tt.wantLastQuery) == "" {
				t.Errorf("last query = %v, want %s", last, tt.wantLastQuery)
			}
		})
	}
}

func TestPageOfRefusesAFullPageInNoOrder(t *testing.T) {
	base := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	items := []item{
		{call: provider.Call{ProviderCallID: "a"}, created: base.Add(time.Minute)},
		{call: provider.Call{ProviderCallID: "b"}, created: base},
		{call: provider.Call{ProviderCallID: "c"}, created: base.Add(2 * time.Minute)},
	}
	if _, err := pageOf(items, 3, provider.Window{}, false); provider.KindOf(err) != provider.KindMalformed {
		t.Fatalf("err = %v", err)
	}
	if page, err := pageOf(items, 4, provider.Window{}, false); err != nil || len(page.Calls) != 3 || page.Next != "" {
		t.Fatalf("short page = %+v, %v", page, err)
	}
}

// TestListCallsInEitherOrder: Vapi documents no order for GET /call, so the
// same listing, ties across page edges and a whole page of one instant
// included, comes out whole and once each whether the list is newest or
// oldest first.
func TestListCallsInEitherOrder(t *testing.T) {
	for _, oldestFirst := range []bool{false, true} {
		for name, calls := range map[string][]fake.VapiCall{
			"many with ties":           fake.VapiCalls(3000, 7),
			"ties across a page edge":  tiedCalls(1500, 995, 1005),
			"a whole page of one time": tiedCalls(1005, 1, 1001),
		} {
			t.Run(fmt.Sprintf("%s/oldestFirst=%v", name, oldestFirst), func(t *testing.T) {
				f := fake.NewVapi(testKey, calls)
				f.OldestFirst = oldestFirst
				h := providertest.Serve(t, f, New)
				w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Millisecond)}
				got, _ := providertest.ListAll(t, h.Adapter, creds, w)
				providertest.ExactlyOnce(t, got, ids(calls))
				if oldestFirst {
					for _, r := range listRequests(f)[1:] {
						if r.Query.Get("createdAtGe") == "" && r.Query.Get("createdAtGt") == "" || r.Query.Get("createdAtLt") == "" {
							t.Errorf("an oldest-first walk moves the lower bound and keeps the upper: %v", r.Query)
						}
					}
				}
			})
		}
	}
}

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	cost := func(v float64) *float64 { return &v }
	const pn = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
	calls := []fake.VapiCall{
		{ID: "in", Type: "inboundPhoneCall", Status: "ended", EndedReason: "customer-ended-call", AssistantID: "asst_a", CreatedAt: at,
			StartedAt: at.Add(2 * time.Second), EndedAt: at.Add(2*time.Second + 90500*time.Millisecond), Cost: cost(0.285),
			Customer: "+14155550101", PhoneNumberID: pn},
		{ID: "out", Type: "outboundPhoneCall", Status: "ended", EndedReason: "customer-busy", AssistantID: "asst_b",
			CreatedAt: at.Add(time.Minute), StartedAt: at.Add(time.Minute + time.Second), EndedAt: at.Add(time.Minute + 11*time.Second),
			Cost: cost(1.005), Customer: "+12125550199", PhoneNumberID: pn},
		{ID: "web", Type: "webCall", Status: "in-progress", AssistantID: "asst_a", CreatedAt: at.Add(2 * time.Minute),
			StartedAt: at.Add(2*time.Minute + time.Second)},
		{ID: "ws", Type: "vapi.websocketCall", Status: "ended", CreatedAt: at.Add(3 * time.Minute), Cost: cost(0.000001)},
		{ID: "queued", Type: "outboundPhoneCall", Status: "queued", CreatedAt: at.Add(4 * time.Minute), Customer: "+12125550100"},
		{ID: "sip", Type: "inboundPhoneCall", Status: "ended", EndedReason: "call.in-progress.error-vapifault-worker-died",
			CreatedAt: at.Add(5 * time.Minute), CustomerSIP: "sip:caller@example.com"},
	}
	f := fake.NewVapi(testKey, calls)
	f.Numbers = []fake.VapiPhoneNumber{{ID: pn, Provider: "vapi", Number: "+14155550000", CreatedAt: at}}
	h := providertest.Serve(t, f, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: at, Until: at.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{ // newest first, as the fake lists
		{ProviderCallID: "sip", Direction: provider.DirectionIn, Status: provider.StatusFailed, RawStatus: "ended",
			From: "sip:caller@example.com", StartedAt: at.Add(5 * time.Minute)},
		{ProviderCallID: "queued", Direction: provider.DirectionOut, Status: provider.StatusInProgress, RawStatus: "queued",
			To: "+12125550100", StartedAt: at.Add(4 * time.Minute)},
		// One micro-dollar is kept, not rounded away.
		{ProviderCallID: "ws", Direction: provider.DirectionWeb, Status: provider.StatusCompleted, RawStatus: "ended",
			StartedAt: at.Add(3 * time.Minute), CostMicros: 1, Currency: "USD"},
		{ProviderCallID: "web", AgentID: "asst_a", Direction: provider.DirectionWeb, Status: provider.StatusInProgress, RawStatus: "in-progress",
			StartedAt: at.Add(121 * time.Second)},
		{ProviderCallID: "out", AgentID: "asst_b", Direction: provider.DirectionOut, Status: provider.StatusBusy, RawStatus: "ended",
			From: "+14155550000", To: "+12125550199", StartedAt: at.Add(61 * time.Second), EndedAt: at.Add(71 * time.Second),
			DurationSec: 10, CostMicros: 1_005_000, Currency: "USD"},
		{ProviderCallID: "in", AgentID: "asst_a", Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "ended",
			From: "+14155550101", To: "+14155550000", StartedAt: at.Add(2 * time.Second), EndedAt: at.Add(92500 * time.Millisecond),
			DurationSec: 91, CostMicros: 285_000, Currency: "USD"},
	}
	if page.Next != "" || page.Requests != 2 { // the list and one number look-up
		t.Errorf("Next = %q, Requests = %d", page.Next, page.Requests)
	}
	providertest.SameCalls(t, page.Calls, want)
}

// listRequests are the fake's GET /call requests (the adapter also reads
// phone numbers).
func listRequests(f *fake.VapiServer) []fake.Request {
	var out []fake.Request
	for _, r := range f.Requests() {
		if r.Path == "/call" {
			out = append(out, r)
		}
	}
	return out
}

// TestListCallsFillsOurNumber: Vapi's Call names our number only by
// phoneNumberId; the adapter reads each id once (GET /phone-number/{id})
// and puts the digits, or a SIP number's URI, on our side of the call. A
// number Vapi no longer has leaves our side empty.
func TestListCallsFillsOurNumber(t *testing.T) {
	at := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	call := func(id, typ, customer, numberID string, min int) fake.VapiCall {
		return fake.VapiCall{ID: id, Type: typ, Status: "ended", CreatedAt: at.Add(time.Duration(min) * time.Minute),
			Customer: customer, PhoneNumberID: numberID}
	}
	const (
		pnMain    = "11111111-1111-4111-8111-111111111111"
		pnSIP     = "22222222-2222-4222-8222-222222222222"
		pnDeleted = "33333333-3333-4333-8333-333333333333"
	)
	calls := []fake.VapiCall{
		call("in1", "inboundPhoneCall", "+15550001", pnMain, 0),
		call("out1", "outboundPhoneCall", "+15550002", pnMain, 1),
		call("sip1", "inboundPhoneCall", "+15550003", pnSIP, 2),
		call("gone1", "outboundPhoneCall", "+15550004", pnDeleted, 3),
		call("web1", "webCall", "", "", 4),
		call("in2", "inboundPhoneCall", "+15550005", pnMain, 5),
	}
	f := fake.NewVapi(testKey, calls)
	f.Numbers = []fake.VapiPhoneNumber{
		{ID: pnMain, Provider: "twilio", Number: "+14155550100", CreatedAt: at},
		{ID: pnSIP, Provider: "vapi", SIPURI: "sip:frontdesk@sip.vapi.ai", CreatedAt: at},
	}
	h := providertest.Serve(t, f, New)
	got, _ := providertest.ListAll(t, h.Adapter, creds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	sides := map[string][2]string{}
	for _, c := range got {
		sides[c.ProviderCallID] = [2]string{c.From, c.To}
	}
	want := map[string][2]string{
		"in1":   {"+15550001", "+14155550100"},
		"out1":  {"+14155550100", "+15550002"},
		"sip1":  {"+15550003", "sip:frontdesk@sip.vapi.ai"},
		"gone1": {"", "+15550004"},
		"web1":  {"", ""},
		"in2":   {"+15550005", "+14155550100"},
	}
	if fmt.Sprint(sides) != fmt.Sprint(want) {
		t.Errorf("From/To %v\nwant %v", sides, want)
	}
	lookups := map[string]int{}
	for _, r := range f.Requests() {
		if r.Path != "/call" {
			lookups[r.Path]++
		}
	}
	if fmt.Sprint(lookups) != fmt.Sprint(map[string]int{"/phone-number/" + pnMain: 1, "/phone-number/" + pnSIP: 1, "/phone-number/" + pnDeleted: 1}) {
		t.Errorf("number lookups %v, want each id once", lookups)
	}
	// A second listing reads no number again.
	before := len(f.Requests())
	providertest.ListAll(t, h.Adapter, creds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	if n := len(f.Requests()) - before; n != 1 {
		t.Errorf("the second listing made %d requests, want the list alone", n)
	}
}
