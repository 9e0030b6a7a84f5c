package license

import (
	"testing"
	"time"
)

// TestMinutesRoundUp: each call is rounded up to the whole minute.
func TestMinutesRoundUp(t *testing.T) {
	cases := []struct {
		sec  int64
		want int64
	}{{0, 0}, {-5, 0}, {1, 1}, {59, 1}, {60, 1}, {61, 2}, {119, 2}, {120, 2}, {121, 3}, {3600, 60}}
	for _, c := range cases {
		if got := Minutes(c.sec); got != c.want {
			t.Errorf("Minutes(%d) = %d, want %d", c.sec, got, c.want)
		}
	}
}

// TestRoundingInTheLedger: 1 s, 60 s and 61 s calls charge 1, 1 and 2
// minutes; a 0 s call charges nothing and writes no entry.
func TestRoundingInTheLedger(t *testing.T) {
	grants := []Grant{{At: jan1, AddOn: 100}}
	seen := at(1, 10, 12, 0)
	calls := []Call{
		{ID: "a", StartedAt: at(1, 10, 10, 0), DurationSec: 1, SeenAt: seen},
		{ID: "b", StartedAt: at(1, 10, 10, 1), DurationSec: 60, SeenAt: seen},
		{ID: "c", StartedAt: at(1, 10, 10, 2), DurationSec: 61, SeenAt: seen},
		{ID: "d", StartedAt: at(1, 10, 10, 3), DurationSec: 0, SeenAt: seen},
	}
	st := Replay(terms(), grants, calls, at(1, 20, 0, 0))
	checkStatement(t, st)
	want := map[string]int64{"a": -1, "b": -1, "c": -2}
	usage := entriesOf(st, KindUsage)
	if len(usage) != len(want) {
		t.Fatalf("got %d usage entries, want %d", len(usage), len(want))
	}
	for _, e := range usage {
		if e.Minutes != want[e.Ref] {
			t.Errorf("call %s charged %d, want %d", e.Ref, e.Minutes, want[e.Ref])
		}
	}
	if st.Now.UsedThisCycle != 4 || st.Now.AddOnLeft != 96 {
		t.Fatalf("used %d left %d, want 4 and 96", st.Now.UsedThisCycle, st.Now.AddOnLeft)
	}
}

// TestFreeMinutesBeforeAddOn: a cycle's free minutes go first, then add-on
// minutes; beyond both is overage, never a negative balance.
func TestFreeMinutesBeforeAddOn(t *testing.T) {
	cases := []struct {
		name                         string
		free, addOn                  int64
		calls                        []int64
		freeLeft, addOnLeft, overage int64
	}{
		{"within free", 100, 50, []int64{30}, 70, 50, 0},
		{"free exactly used", 100, 50, []int64{60, 40}, 0, 50, 0},
		{"spills into add-on", 100, 50, []int64{30, 80}, 0, 40, 0},
		{"one call split across both", 10, 50, []int64{25}, 0, 35, 0},
		{"beyond both is overage", 100, 50, []int64{30, 80, 50}, 0, 0, 10},
		{"no free minutes: add-on only", 0, 50, []int64{20}, 0, 30, 0},
		{"nothing granted: all overage", 0, 0, []int64{7}, 0, 0, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			grants := []Grant{{At: jan1, FreePerCycle: c.free, AddOn: c.addOn}}
			var calls []Call
			for i, m := range c.calls {
				calls = append(calls, call(string(rune('a'+i)), at(1, 5+i, 9, 0), m))
			}
			st := Replay(terms(), grants, calls, at(1, 28, 0, 0))
			checkStatement(t, st)
			if st.Now.FreeLeft != c.freeLeft || st.Now.AddOnLeft != c.addOnLeft || st.Now.OverageTotal != c.overage {
				t.Fatalf("free %d add-on %d overage %d, want %d %d %d",
					st.Now.FreeLeft, st.Now.AddOnLeft, st.Now.OverageTotal, c.freeLeft, c.addOnLeft, c.overage)
			}
			if got := st.Cycles[0].Overage; got != c.overage {
				t.Fatalf("cycle overage %d, want %d", got, c.overage)
			}
		})
	}
}

// TestFreeMinutesExpireAtCycleEnd: what is left of the free minutes expires
// when the cycle closes, in an entry dated at the cycle's end; the next cycle
// opens with the full allowance again.
func TestFreeMinutesExpireAtCycleEnd(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 400}}
	calls := []Call{call("a", at(1, 10, 9, 0), 88)}
	st := Replay(terms(), grants, calls, at(2, 10, 0, 0))
	checkStatement(t, st)
	exp := entriesOf(st, KindExpiry)
	if len(exp) != 1 || exp[0].Minutes != -312 || !exp[0].At.Equal(at(2, 1, 0, 0)) || exp[0].Cycle != 0 {
		t.Fatalf("expiry entries %+v, want one of -312 at 1 Feb for cycle 0", exp)
	}
	if got := exp[0].Describe(time.UTC); got != "312 free minutes expire 31 Jan 23:59" {
		t.Fatalf("described as %q", got)
	}
	c0, c1 := st.Cycles[0], st.Cycles[1]
	if c0.Expired != 312 || !c0.Closed || c1.Opening.Free != 400 || st.Now.FreeLeft != 400 {
		t.Fatalf("cycle 0 %+v, cycle 1 %+v", c0, c1)
	}
	allowances := entriesOf(st, KindCycleAllowance)
	// Cycle 0 gets its minutes from the grant made at the start, not an allowance.
	if len(allowances) != 1 || !allowances[0].At.Equal(at(2, 1, 0, 0)) || st.Cycles[0].Grants.Free != 400 {
		t.Fatalf("allowance entries %+v", allowances)
	}
	// The expiry comes before the next cycle's allowance at the same instant.
	for i, e := range st.Ledger {
		if e.Kind == KindExpiry && st.Ledger[i+1].Kind != KindCycleAllowance {
			t.Fatalf("expiry followed by %s", st.Ledger[i+1].Kind)
		}
	}
}

// TestExpiryInCustomersZone: the expiry is dated at the cycle end in the
// customer's time zone.
func TestExpiryInCustomersZone(t *testing.T) {
	ny := zone(t, "America/New_York")
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, ny)
	st := Replay(Terms{Start: start, ValidUntil: start.AddDate(1, 0, 0)}, []Grant{{At: start, FreePerCycle: 312}}, nil,
		time.Date(2025, 11, 2, 0, 0, 0, 0, ny))
	exp := entriesOf(st, KindExpiry)
	if len(exp) != 1 || exp[0].Describe(ny) != "312 free minutes expire 31 Oct 23:59" {
		t.Fatalf("expiry %+v", exp)
	}
	if !exp[0].At.Equal(time.Date(2025, 11, 1, 4, 0, 0, 0, time.UTC)) {
		t.Fatalf("expiry at %v, want 1 Nov 04:00 UTC (midnight EDT)", exp[0].At.UTC())
	}
}

// TestAddOnMinutesCarryOver: add-on minutes never expire; each cycle opens
// with what the one before closed with.
func TestAddOnMinutesCarryOver(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 10, AddOn: 100}}
	calls := []Call{
		call("a", at(1, 10, 9, 0), 40), // 10 free + 30 add-on
		call("b", at(3, 10, 9, 0), 30), // 10 free + 20 add-on
	}
	st := Replay(terms(), grants, calls, at(4, 15, 0, 0))
	checkStatement(t, st)
	// Cycle 0 opens empty: the grant at the start is one of its grants.
	if st.Cycles[0].Grants.AddOn != 100 {
		t.Fatalf("cycle 0 grants %+v", st.Cycles[0].Grants)
	}
	wantOpen := []int64{0, 70, 70, 50}
	for i, w := range wantOpen {
		if got := st.Cycles[i].Opening.AddOn; got != w {
			t.Errorf("cycle %d opens with %d add-on, want %d", i, got, w)
		}
	}
	if len(entriesOf(st, KindExpiry)) != 1 { // only cycle 1 (no calls) lets 10 free minutes expire
		t.Fatalf("expiries %+v", entriesOf(st, KindExpiry))
	}
	if st.Now.AddOnLeft != 50 || st.Now.FreeLeft != 10 {
		t.Fatalf("now %+v", st.Now)
	}
}

// TestGrantAppliesFromItsCycle: free minutes per cycle granted mid-cycle add
// to that cycle at once and to every later cycle's allowance.
func TestGrantAppliesFromItsCycle(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 100}, {At: at(2, 15, 0, 0), FreePerCycle: 50, Remarks: "goodwill"}}
	st := Replay(terms(), grants, nil, at(3, 5, 0, 0))
	checkStatement(t, st)
	if c := st.Cycles[1]; c.Opening.Free != 100 || c.Grants.Free != 50 || c.Expired != 150 {
		t.Fatalf("cycle 1 %+v", c)
	}
	if st.Cycles[0].Expired != 100 || st.Cycles[2].Opening.Free != 150 || st.Now.FreePerCycle != 150 {
		t.Fatalf("cycles %+v now %+v", st.Cycles, st.Now)
	}
	g := entriesOf(st, KindGrantFree)
	if len(g) != 2 || g[1].Remarks != "goodwill" || g[1].Cycle != 1 {
		t.Fatalf("grant entries %+v", g)
	}
}

// TestCallSpanningBoundaryCountsInStartCycle: a call is charged wholly to the
// cycle it started in, whether learned before or after that cycle closed.
func TestCallSpanningBoundaryCountsInStartCycle(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 100}}
	started := at(1, 31, 23, 50) // 20 minutes: ends 1 Feb 00:10
	cases := []struct {
		name string
		seen time.Time
		kind Kind
	}{
		{"learned at its end, after the boundary", at(2, 1, 0, 11), KindAdjustment},
		{"learned before the boundary", at(1, 31, 23, 59), KindUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := []Call{{ID: "x", StartedAt: started, DurationSec: 20 * 60, SeenAt: c.seen}}
			st := Replay(terms(), grants, calls, at(2, 10, 0, 0))
			checkStatement(t, st)
			e := entriesOf(st, c.kind)
			if len(e) != 1 || e[0].Cycle != 0 || e[0].Minutes != -20 {
				t.Fatalf("%s entries %+v", c.kind, e)
			}
			c0 := st.Cycles[0]
			if c0.Usage.Minutes+c0.Late.Minutes != 20 || c0.Usage.FromFree+c0.Late.FromExpired != 20 {
				t.Fatalf("cycle 0 %+v", c0)
			}
			if st.Now.UsedThisCycle != 0 || st.Now.FreeLeft != 100 {
				t.Fatalf("cycle 1 was charged: %+v", st.Now)
			}
		})
	}
}
