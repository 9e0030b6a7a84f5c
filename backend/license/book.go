package license

import (
	"fmt"
	"time"
)

// Book is a license's running state, the one piece of arithmetic both Replay
// and the backend's stored ledger use: the free allowance per cycle, the
// overage so far, the open cycle and the balance. Cycles holds the cycles
// the book knows: Replay keeps every one; the backend loads the open cycle
// and any closed cycle a late call needs, and stores what changed. Each step
// appends the ledger entries it makes to Entries.
type Book struct {
	Start     time.Time
	Allowance int64
	Overage   int64
	Open      int
	Bal       Balance
	Cycles    map[int]*Cycle
	Entries   []Entry
}

// NewBook opens a license's first cycle at start with no minutes.
func NewBook(start time.Time) *Book {
	b := &Book{Start: start, Cycles: map[int]*Cycle{}}
	b.open(0)
	return b
}

// Capacity is what the open cycle made available: its opening balance and
// what was granted during it. "Minutes left" warns below a tenth of it.
func (c *Cycle) Capacity() int64 {
	return c.Opening.Free + c.Opening.AddOn + c.Grants.Free + c.Grants.AddOn
}

// Left is the minutes left now: this cycle's free minutes and the add-on ones.
func (b Balance) Left() int64 { return b.Free + b.AddOn }

func (b *Book) emit(e Entry) {
	e.Balance = b.Bal
	b.Entries = append(b.Entries, e)
}

// open makes cycle i the open one, with this cycle's free allowance.
func (b *Book) open(i int) {
	b.Open = i
	b.Bal.Free = b.Allowance
	c := &Cycle{Index: i, From: CycleStart(b.Start, i), Until: CycleStart(b.Start, i+1), Opening: b.Bal, Closing: b.Bal}
	b.Cycles[i] = c
	if b.Allowance > 0 {
		b.emit(Entry{At: c.From, Kind: KindCycleAllowance, Cycle: i, Minutes: b.Allowance})
	}
}

// close ends the open cycle: the free minutes left expire (late calls of the
// cycle may still take them: ExpiredLeft).
func (b *Book) close() {
	c := b.Cycles[b.Open]
	c.Closed = true
	c.Expired, c.ExpiredLeft = b.Bal.Free, b.Bal.Free
	if b.Bal.Free > 0 {
		left := b.Bal.Free
		b.Bal.Free = 0
		b.emit(Entry{At: c.Until, Kind: KindExpiry, Cycle: c.Index, Minutes: -left})
	}
	c.Closing = b.Bal
}

// Advance closes every cycle that ended by t and opens the one containing
// t. Nothing happens before the open cycle ends.
func (b *Book) Advance(t time.Time) {
	for !b.Cycles[b.Open].Until.After(t) {
		b.close()
		b.open(b.Open + 1)
	}
}

// Grant applies an addition to the open cycle (Advance to g.At first).
// Negative amounts count as 0.
func (b *Book) Grant(at time.Time, g Grant) {
	c := b.Cycles[b.Open]
	if g.ValidUntil != nil {
		v := *g.ValidUntil
		b.emit(Entry{At: at, Kind: KindGrantValidity, Cycle: c.Index, ValidUntil: &v, Remarks: g.Remarks})
	}
	if g.FreePerCycle > 0 {
		b.Allowance += g.FreePerCycle
		b.Bal.Free += g.FreePerCycle
		c.Grants.Free += g.FreePerCycle
		b.emit(Entry{At: at, Kind: KindGrantFree, Cycle: c.Index, Minutes: g.FreePerCycle, Remarks: g.Remarks})
	}
	if g.AddOn > 0 {
		b.Bal.AddOn += g.AddOn
		c.Grants.AddOn += g.AddOn
		b.emit(Entry{At: at, Kind: KindGrantAddOn, Cycle: c.Index, Minutes: g.AddOn, Remarks: g.Remarks})
	}
	c.Closing = b.Bal
}

// Usage is minutes to charge, learned at At, for calls that started in
// cycle Cycle: Calls calls (Ref names the call when there is one). First
// says they are the calls' first charge; otherwise they are minutes the
// calls gained since they were charged.
type Usage struct {
	At      time.Time
	Cycle   int
	Minutes int64
	Calls   int64
	Ref     string
	First   bool
}

// Charge takes minutes (Advance to u.At first): free minutes of the open
// cycle first; for a cycle already closed, the free minutes it let expire;
// then add-on minutes; the rest is overage. A charge to the open cycle is a
// usage entry (an adjustment when the calls were charged before), to a
// closed cycle an adjustment dated now that edits nothing earlier. A cycle
// after the open one (a call started after it was learned, a skewed clock)
// is charged to the open one. The closed cycle must be in Cycles.
func (b *Book) Charge(u Usage) error {
	if u.Minutes <= 0 {
		return nil
	}
	if u.Cycle > b.Open {
		u.Cycle = b.Open
	}
	c, ok := b.Cycles[u.Cycle]
	if !ok {
		return fmt.Errorf("license: cycle %d is not loaded", u.Cycle)
	}
	e := Entry{At: u.At, Kind: KindAdjustment, Cycle: u.Cycle, Minutes: -u.Minutes, Calls: u.Calls, Ref: u.Ref}
	rest := u.Minutes
	late := u.Cycle < b.Open || c.Closed
	if late {
		e.FromExpired = min(rest, c.ExpiredLeft)
		c.ExpiredLeft -= e.FromExpired
	} else {
		if u.First {
			e.Kind = KindUsage
		}
		e.FromFree = min(rest, b.Bal.Free)
		b.Bal.Free -= e.FromFree
	}
	rest -= e.FromExpired + e.FromFree
	e.FromAddOn = min(rest, b.Bal.AddOn)
	b.Bal.AddOn -= e.FromAddOn
	e.Overage = rest - e.FromAddOn
	b.Overage += e.Overage
	b.emit(e)
	open := b.Cycles[b.Open]
	if late {
		c.Late.add(e)
		open.LateForEarlier.add(e)
	} else {
		c.Usage.add(e)
	}
	c.Overage = c.Usage.Overage + c.Late.Overage
	open.Closing = b.Bal
	return nil
}
