package license

import (
	"math/rand"
	"reflect"
	"testing"
	"time"
)

// TestLateCallBecomesAdjustment: a call learned after its cycle closed is an
// adjustment dated when it was learned and charged to the cycle it started
// in; every entry written before stays exactly as it was.
func TestLateCallBecomesAdjustment(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 400, AddOn: 100}}
	onTime := []Call{call("a", at(1, 10, 9, 0), 88), call("b", at(3, 2, 9, 0), 10)}
	learned := at(3, 5, 12, 0) // a sync after days offline, in cycle 2
	cases := []struct {
		name                         string
		minutes                      int64
		fromExpired, fromAddOn, over int64
	}{
		{"within the expired free minutes", 200, 200, 0, 0},
		{"beyond them: add-on of the day it was learned", 350, 312, 38, 0},
		{"beyond both: overage", 500, 312, 100, 88},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			late := Call{ID: "late", StartedAt: at(1, 20, 9, 0), DurationSec: c.minutes * 60, SeenAt: learned}
			now := at(3, 10, 0, 0)
			before := Replay(terms(), grants, onTime, now)
			after := Replay(terms(), grants, append(onTime[:2:2], late), now)
			checkStatement(t, after)
			adj := entriesOf(after, KindAdjustment)
			if len(adj) != 1 {
				t.Fatalf("adjustments %+v", adj)
			}
			e := adj[0]
			if e.Ref != "late" || e.Cycle != 0 || !e.At.Equal(learned) || e.Minutes != -c.minutes ||
				e.FromExpired != c.fromExpired || e.FromAddOn != c.fromAddOn || e.Overage != c.over || e.FromFree != 0 {
				t.Fatalf("adjustment %+v", e)
			}
			// Entries learned before it are untouched, in the same order.
			var prefix []Entry
			for _, x := range before.Ledger {
				if x.At.Before(learned) {
					prefix = append(prefix, x)
				}
			}
			if !reflect.DeepEqual(after.Ledger[:len(prefix)], prefix) || after.Ledger[len(prefix)].Ref != "late" {
				t.Fatalf("earlier entries changed")
			}
			// Cycle 0's closing figures stand; the charge shows as late.
			b0, a0 := before.Cycles[0], after.Cycles[0]
			if a0.Expired != b0.Expired || a0.Closing != b0.Closing || a0.Usage != b0.Usage || a0.Late.Minutes != c.minutes {
				t.Fatalf("cycle 0 before %+v after %+v", b0, a0)
			}
			if got := after.Cycles[2].LateForEarlier.FromAddOn; got != c.fromAddOn {
				t.Fatalf("cycle 2 lent %d add-on, want %d", got, c.fromAddOn)
			}
			if after.Now.FreeLeft != before.Now.FreeLeft || after.Now.UsedThisCycle != before.Now.UsedThisCycle {
				t.Fatalf("the open cycle's free minutes were charged: %+v", after.Now)
			}
		})
	}
}

// TestTwoLateCallsShareTheExpiredMinutes: late calls of one cycle together
// never take more than the cycle let expire.
func TestTwoLateCallsShareTheExpiredMinutes(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 100, AddOn: 100}}
	calls := []Call{
		{ID: "l1", StartedAt: at(1, 3, 9, 0), DurationSec: 60 * 60, SeenAt: at(2, 3, 0, 0)},
		{ID: "l2", StartedAt: at(1, 4, 9, 0), DurationSec: 60 * 60, SeenAt: at(2, 4, 0, 0)},
	}
	st := Replay(terms(), grants, calls, at(2, 10, 0, 0))
	checkStatement(t, st)
	if c := st.Cycles[0].Late; c.FromExpired != 100 || c.FromAddOn != 20 {
		t.Fatalf("late %+v", c)
	}
}

// TestSameCallsGiveIdenticalStatement: calls are keyed by ID, so a page
// synced twice, or the calls in any order, give the same statement.
func TestSameCallsGiveIdenticalStatement(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 60, AddOn: 30}, {At: at(2, 10, 0, 0), AddOn: 50}}
	calls := []Call{
		call("a", at(1, 10, 9, 0), 40),
		call("b", at(1, 12, 9, 0), 40),
		call("c", at(2, 2, 9, 0), 5),
		{ID: "d", StartedAt: at(1, 30, 9, 0), DurationSec: 600, SeenAt: at(2, 20, 0, 0)},
		call("e", at(2, 25, 9, 0), 100),
	}
	now := at(3, 1, 12, 0)
	want := Replay(terms(), grants, calls, now)
	checkStatement(t, want)
	resync := func(cs []Call) []Call { // the same calls seen again by a later sync
		out := append([]Call(nil), cs...)
		for _, c := range cs {
			c.SeenAt = c.SeenAt.Add(72 * time.Hour)
			out = append(out, c)
		}
		return out
	}
	reversed := append([]Call(nil), calls...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	shuffled := resync(calls)
	rand.New(rand.NewSource(7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	cases := []struct {
		name  string
		calls []Call
	}{
		{"given twice", append(append([]Call(nil), calls...), calls...)},
		{"in reverse order", reversed},
		{"seen again by a later sync", resync(calls)},
		{"seen again, shuffled", shuffled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Replay(terms(), grants, c.calls, now); !reflect.DeepEqual(got, want) {
				t.Fatalf("statement differs:\n got %+v\nwant %+v", got.Ledger, want.Ledger)
			}
		})
	}
}

// TestCallSeenAgainWithOtherMinutes: a later, longer sighting charges only the
// extra minutes; a shorter one changes nothing.
func TestCallSeenAgainWithOtherMinutes(t *testing.T) {
	grants := []Grant{{At: jan1, AddOn: 100}}
	first := Call{ID: "a", StartedAt: at(1, 10, 9, 0), DurationSec: 5 * 60, SeenAt: at(1, 10, 10, 0)}
	longer, shorter := first, first
	longer.DurationSec, longer.SeenAt = 8*60, at(1, 11, 0, 0)
	shorter.DurationSec, shorter.SeenAt = 3*60, at(1, 11, 0, 0)
	now := at(1, 20, 0, 0)
	st := Replay(terms(), grants, []Call{longer, first}, now)
	checkStatement(t, st)
	adj := entriesOf(st, KindAdjustment)
	if len(adj) != 1 || adj[0].Minutes != -3 || st.Now.AddOnLeft != 92 || len(entriesOf(st, KindUsage)) != 1 {
		t.Fatalf("longer: ledger %+v", st.Ledger)
	}
	st = Replay(terms(), grants, []Call{first, shorter}, now)
	if st.Now.AddOnLeft != 95 || len(st.Ledger) != 2 {
		t.Fatalf("shorter: ledger %+v", st.Ledger)
	}
}

// TestOnlyWhatIsKnownByNow: calls seen after now, grants made after now and
// calls before the license start are not charged.
func TestOnlyWhatIsKnownByNow(t *testing.T) {
	grants := []Grant{{At: jan1, AddOn: 100}, {At: at(1, 25, 0, 0), AddOn: 1000}}
	calls := []Call{
		call("known", at(1, 10, 9, 0), 10),
		{ID: "future", StartedAt: at(1, 10, 9, 0), DurationSec: 600, SeenAt: at(1, 21, 0, 0)},
		call("before", jan1.Add(-time.Hour), 10),
	}
	st := Replay(terms(), grants, calls, at(1, 20, 0, 0))
	checkStatement(t, st)
	if st.Now.AddOnLeft != 90 || !reflect.DeepEqual(st.Ignored, []string{"before"}) {
		t.Fatalf("now %+v ignored %v", st.Now, st.Ignored)
	}
	early := Replay(terms(), grants, calls, jan1.Add(-time.Minute))
	if len(early.Cycles) != 0 || len(early.Ledger) != 0 || early.Now.Cycle != -1 {
		t.Fatalf("before the start: %+v", early)
	}
}

// TestRandomHistoriesKeepTheRules: random grants and calls (late, repeated,
// shuffled) always reconcile and never depend on order.
func TestRandomHistoriesKeepTheRules(t *testing.T) {
	ny := zone(t, "America/New_York")
	start := time.Date(2024, 1, 31, 9, 0, 0, 0, ny)
	base := Terms{Start: start, ValidUntil: start.AddDate(2, 0, 0)}
	now := start.AddDate(0, 14, 3)
	span := int64(now.Sub(start) / time.Second)
	for seed := int64(0); seed < 200; seed++ {
		rnd := rand.New(rand.NewSource(seed))
		var grants []Grant
		for i := 0; i < 1+rnd.Intn(4); i++ {
			grants = append(grants, Grant{At: start.Add(time.Duration(rnd.Int63n(span)) * time.Second),
				FreePerCycle: rnd.Int63n(300), AddOn: rnd.Int63n(500)})
		}
		var calls []Call
		for i := 0; i < rnd.Intn(60); i++ {
			s := start.Add(time.Duration(rnd.Int63n(span)-3600) * time.Second)
			delay := time.Duration(rnd.Int63n(3*24*3600)) * time.Second
			if rnd.Intn(5) == 0 {
				delay *= 20 // offline for weeks
			}
			c := Call{ID: string(rune('A' + i)), StartedAt: s, DurationSec: rnd.Int63n(7200), SeenAt: s.Add(delay)}
			calls = append(calls, c)
			if rnd.Intn(3) == 0 {
				c.SeenAt = c.SeenAt.Add(time.Hour)
				calls = append(calls, c)
			}
		}
		st := Replay(base, grants, calls, now)
		checkStatement(t, st)
		rnd.Shuffle(len(calls), func(i, j int) { calls[i], calls[j] = calls[j], calls[i] })
		if again := Replay(base, grants, calls, now); !reflect.DeepEqual(again, st) {
			t.Fatalf("seed %d: order changed the statement", seed)
		}
	}
}
