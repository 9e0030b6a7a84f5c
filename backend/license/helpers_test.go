package license

import (
	"testing"
	"time"
)

// jan1 is the start of most scenarios: cycles begin on the 1st at 00:00 UTC.
var jan1 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2025, month, day, hour, minute, 0, 0, time.UTC)
}

func terms() Terms { return Terms{Start: jan1, ValidUntil: jan1.AddDate(1, 0, 0)} }

// call is a call of the given minutes learned a minute after it ended.
func call(id string, started time.Time, minutes int64) Call {
	return Call{ID: id, StartedAt: started, DurationSec: minutes * 60, SeenAt: started.Add(time.Duration(minutes+1) * time.Minute)}
}

func entriesOf(st Statement, k Kind) []Entry {
	var out []Entry
	for _, e := range st.Ledger {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// checkStatement asserts the rules every statement keeps: the ledger is in
// learned order with non-negative balances, each charge adds up, and each
// cycle reconciles (see Cycle).
func checkStatement(t *testing.T, st Statement) {
	t.Helper()
	for i, e := range st.Ledger {
		if i > 0 && e.At.Before(st.Ledger[i-1].At) {
			t.Fatalf("entry %d (%s) dated before the one above it", i, e.Kind)
		}
		if e.Balance.Free < 0 || e.Balance.AddOn < 0 {
			t.Fatalf("entry %d has a negative balance %+v", i, e.Balance)
		}
		if e.Kind == KindUsage || e.Kind == KindAdjustment {
			if -e.Minutes != e.FromFree+e.FromExpired+e.FromAddOn+e.Overage || e.Minutes >= 0 {
				t.Fatalf("entry %d does not add up: %+v", i, e)
			}
		}
	}
	for _, c := range st.Cycles {
		if got := c.Opening.Free + c.Grants.Free - c.Usage.FromFree - c.Expired; got != c.Closing.Free {
			t.Fatalf("cycle %d free: %d ≠ closing %d (%+v)", c.Index, got, c.Closing.Free, c)
		}
		if c.Closed && c.Closing.Free != 0 {
			t.Fatalf("closed cycle %d keeps %d free minutes", c.Index, c.Closing.Free)
		}
		if got := c.Opening.AddOn + c.Grants.AddOn - c.Usage.FromAddOn - c.LateForEarlier.FromAddOn; got != c.Closing.AddOn {
			t.Fatalf("cycle %d add-on: %d ≠ closing %d (%+v)", c.Index, got, c.Closing.AddOn, c)
		}
		if c.Late.FromExpired > c.Expired || c.Overage != c.Usage.Overage+c.Late.Overage {
			t.Fatalf("cycle %d late or overage off: %+v", c.Index, c)
		}
		if c.Index > 0 && st.Cycles[c.Index-1].Closing.AddOn != c.Opening.AddOn {
			t.Fatalf("cycle %d opens with %d add-on, cycle before closed with %d", c.Index, c.Opening.AddOn, st.Cycles[c.Index-1].Closing.AddOn)
		}
	}
	if n := len(st.Cycles); n > 0 {
		last := st.Cycles[n-1]
		if last.Closing != (Balance{Free: st.Now.FreeLeft, AddOn: st.Now.AddOnLeft}) {
			t.Fatalf("current cycle closing %+v ≠ now figures %+v", last.Closing, st.Now)
		}
	}
}
