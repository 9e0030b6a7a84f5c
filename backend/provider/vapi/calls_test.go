package vapi

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

// listAll follows Next to the end, failing on a loop.
func listAll(t *testing.T, a provider.Adapter, w provider.Window) []provider.Call {
	t.Helper()
	var all []provider.Call
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
		page, err := a.ListCalls(context.Background(), creds, w, cursor)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		all = append(all, page.Calls...)
		if page.Next == "" {
			return all
		}
		cursor = page.Next
	}
}

func checkExactlyOnce(t *testing.T, got []provider.Call, want []fake.VapiCall) {
	t.Helper()
	seen := map[string]int{}
	for _, c := range got {
		seen[c.ProviderCallID]++
	}
	for _, c := range want {
		if seen[c.ID] != 1 {
			t.Errorf("call %s seen %d times", c.ID, seen[c.ID])
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d calls, want %d", len(got), len(want))
	}
}

func TestListCallsPagination(t *testing.T) {
	calls := fake.VapiCalls(3000, 7) // ascending createdAt, with ties
	// Start and end the window on a tie-free instant so the expected slice is exact.
	lo, hi := 200, 2700
	for calls[lo].CreatedAt.Equal(calls[lo-1].CreatedAt) {
		lo++
	}
	for calls[hi].CreatedAt.Equal(calls[hi-1].CreatedAt) {
		hi++
	}
	w := provider.Window{Since: calls[lo].CreatedAt, Until: calls[hi].CreatedAt}
	f := fake.NewVapi(testKey, calls)
	a, _, _ := harness(t, f)
	got := listAll(t, a, w)
	checkExactlyOnce(t, got, calls[lo:hi])
	reqs := f.Requests()
	if len(reqs) < 3 {
		t.Fatalf("%d requests, want at least 3 pages", len(reqs))
	}
	q := reqs[0].Query
	if reqs[0].Path != "/call" || q.Get("limit") != "1000" ||
		q.Get("createdAtGe") != w.Since.UTC().Format(time.RFC3339Nano) ||
		q.Get("createdAtLt") != w.Until.UTC().Format(time.RFC3339Nano) {
		t.Errorf("first query = %v", q)
	}
	for _, r := range reqs[1:] {
		if r.Query.Get("createdAtLe") == "" || r.Query.Get("createdAtGe") == "" {
			t.Errorf("later query = %v", r.Query)
		}
	}
	for _, r := range reqs {
		if r.Authorization != "Bearer "+testKey {
			t.Errorf("Authorization = %q", r.Authorization)
		}
	}
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
			a, _, _ := harness(t, f)
			w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Millisecond)}
			checkExactlyOnce(t, listAll(t, a, w), calls)
			reqs := f.Requests()
			if len(reqs) != tt.wantPages {
				t.Errorf("%d requests, want %d", len(reqs), tt.wantPages)
			}
			if last := reqs[len(reqs)-1].Query; last.Get(tt.wantLastQuery) == "" {
				t.Errorf("last query = %v, want %s", last, tt.wantLastQuery)
			}
		})
	}
}

func TestPageOfRefusesOldestFirst(t *testing.T) {
	base := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	items := []item{
		{call: provider.Call{ProviderCallID: "a"}, created: base},
		{call: provider.Call{ProviderCallID: "b"}, created: base.Add(time.Minute)},
	}
	if _, err := pageOf(items, 2, provider.Window{}); provider.KindOf(err) != provider.KindMalformed {
		t.Fatalf("err = %v", err)
	}
	if page, err := pageOf(items, 3, provider.Window{}); err != nil || len(page.Calls) != 2 || page.Next != "" {
		t.Fatalf("short page = %+v, %v", page, err)
	}
}

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	cost := func(v float64) *float64 { return &v }
	calls := []fake.VapiCall{
		{ID: "in", Type: "inboundPhoneCall", Status: "ended", CreatedAt: at, StartedAt: at.Add(2 * time.Second),
			EndedAt: at.Add(2*time.Second + 90500*time.Millisecond), Cost: cost(0.285), Customer: "+14155550101", PhoneNumberID: "pn1"},
		{ID: "out", Type: "outboundPhoneCall", Status: "ended", CreatedAt: at.Add(time.Minute), StartedAt: at.Add(time.Minute + time.Second),
			EndedAt: at.Add(time.Minute + 11*time.Second), Cost: cost(1.005), Customer: "+12125550199", PhoneNumberID: "pn1"},
		{ID: "web", Type: "webCall", Status: "in-progress", CreatedAt: at.Add(2 * time.Minute), StartedAt: at.Add(2*time.Minute + time.Second)},
		{ID: "ws", Type: "vapi.websocketCall", Status: "ended", CreatedAt: at.Add(3 * time.Minute), Cost: cost(0)},
		{ID: "queued", Type: "outboundPhoneCall", Status: "queued", CreatedAt: at.Add(4 * time.Minute), Customer: "+12125550100"},
	}
	a, _, _ := harness(t, fake.NewVapi(testKey, calls))
	page, err := a.ListCalls(context.Background(), creds, provider.Window{Since: at, Until: at.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]provider.Call{
		"in": {ProviderCallID: "in", Direction: provider.DirectionIn, Status: "ended", From: "+14155550101",
			StartedAt: at.Add(2 * time.Second), EndedAt: at.Add(92500 * time.Millisecond), DurationSec: 91, CostMinor: 29, Currency: "USD"},
		"out": {ProviderCallID: "out", Direction: provider.DirectionOut, Status: "ended", To: "+12125550199",
			StartedAt: at.Add(61 * time.Second), EndedAt: at.Add(71 * time.Second), DurationSec: 10, CostMinor: 101, Currency: "USD"},
		"web": {ProviderCallID: "web", Direction: provider.DirectionWeb, Status: "in-progress", StartedAt: at.Add(121 * time.Second)},
		"ws":  {ProviderCallID: "ws", Direction: provider.DirectionWeb, Status: "ended", StartedAt: at.Add(3 * time.Minute), Currency: "USD"},
		"queued": {ProviderCallID: "queued", Direction: provider.DirectionOut, Status: "queued", To: "+12125550100",
			StartedAt: at.Add(4 * time.Minute)},
	}
	if page.Next != "" || len(page.Calls) != len(want) {
		t.Fatalf("page = %+v", page)
	}
	for _, got := range page.Calls {
		t.Run(got.ProviderCallID, func(t *testing.T) {
			if w := want[got.ProviderCallID]; got != w {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			if got.StartedAt.Location() != time.UTC || got.EndedAt.Location() != time.UTC {
				t.Error("times not UTC")
			}
		})
	}
}

func TestUSDCents(t *testing.T) {
	tests := []struct {
		usd  float64
		want int64
		ok   bool
	}{
		{0, 0, true},
		{0.285, 29, true}, // 0.28499999… in binary; the decimal says half
		{-0.285, -29, true},
		{1.005, 101, true},
		{0.125, 13, true},
		{0.1249, 12, true},
		{0.004, 0, true},
		{0.005, 1, true},
		{12.34, 1234, true},
		{2.675, 268, true},
		{1e-300, 0, true},
		{123456789.999, 12345679000, true},
		{1e13, 0, false},
		{-1e20, 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.usd), func(t *testing.T) {
			got, ok := usdCents(tt.usd)
			if got != tt.want || ok != tt.ok {
				t.Errorf("usdCents(%v) = %d, %v; want %d, %v", tt.usd, got, ok, tt.want, tt.ok)
			}
		})
	}
}
