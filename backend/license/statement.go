package license

import (
	"sort"
	"time"
)

// Charge sums the minutes charged for calls and where they came from:
// Minutes = FromFree + FromExpired + FromAddOn + Overage.
type Charge struct {
	Minutes     int64 `json:"minutes"`
	FromFree    int64 `json:"fromFree"`
	FromExpired int64 `json:"fromExpired"`
	FromAddOn   int64 `json:"fromAddOn"`
	Overage     int64 `json:"overage"`
}

func (c *Charge) add(e Entry) {
	c.Minutes += -e.Minutes
	c.FromFree += e.FromFree
	c.FromExpired += e.FromExpired
	c.FromAddOn += e.FromAddOn
	c.Overage += e.Overage
}

// Cycle is one cycle's statement. Usage is what its calls were charged while
// it was open; Late is what its calls were charged after it closed (adjustment
// entries dated later, taking first from the free minutes this cycle let
// expire, then from the add-on balance of the day they were learned);
// LateForEarlier is what late calls of earlier cycles took while this cycle
// was open. Closing is fixed when the cycle closes, so these hold:
//
//	Opening.Free + Grants.Free − Usage.FromFree − Expired = Closing.Free (0 once closed)
//	Opening.AddOn + Grants.AddOn − Usage.FromAddOn − LateForEarlier.FromAddOn = Closing.AddOn
//	Late.FromExpired ≤ Expired; Overage = Usage.Overage + Late.Overage
type Cycle struct {
	Index          int       `json:"index"`
	From           time.Time `json:"from"`
	Until          time.Time `json:"until"`
	Closed         bool      `json:"closed"`
	Opening        Balance   `json:"opening"`
	Grants         Balance   `json:"grants"`
	Usage          Charge    `json:"usage"`
	Late           Charge    `json:"late"`
	LateForEarlier Charge    `json:"lateForEarlier"`
	Expired        int64     `json:"expired"`
	Overage        int64     `json:"overage"`
	Closing        Balance   `json:"closing"`
}

// Now holds the figures of the License tab at the statement's instant.
// Forecast is when the minutes run out at the last 30 days' rate (nil when
// there was no usage or they never run out within ten years).
type Now struct {
	At            time.Time  `json:"at"`
	Cycle         int        `json:"cycle"`
	CycleFrom     time.Time  `json:"cycleFrom"`
	CycleUntil    time.Time  `json:"cycleUntil"`
	FreePerCycle  int64      `json:"freePerCycle"`
	FreeLeft      int64      `json:"freeLeft"`
	AddOnLeft     int64      `json:"addOnLeft"`
	UsedThisCycle int64      `json:"usedThisCycle"`
	OverageTotal  int64      `json:"overageTotal"`
	ValidUntil    time.Time  `json:"validUntil"`
	Expired       bool       `json:"expired"`
	ExpiringSoon  bool       `json:"expiringSoon"`
	Forecast      *time.Time `json:"forecast"`
}

// Statement is everything derived from a license's terms, grants and calls at
// one instant: the ledger in the order it was learned, a statement per cycle
// and the current figures. Ignored lists calls that started before the license.
type Statement struct {
	Terms   Terms    `json:"terms"`
	Ledger  []Entry  `json:"ledger"`
	Cycles  []Cycle  `json:"cycles"`
	Ignored []string `json:"ignored"`
	Now     Now      `json:"now"`
}

// ExpiringSoonWithin is how close to its end a license counts as expiring soon.
const ExpiringSoonWithin = 7 * 24 * time.Hour

// Replay derives the whole ledger from the license terms, the grants and the
// calls known at now (a call whose SeenAt is after now is not known yet). It
// is deterministic: the same grants and the same calls, in any order and any
// number of times, give the same statement.
//
// The ledger is ordered by the instant each entry was learned, so a call that
// arrives after its cycle closed never edits that cycle's entries: it becomes
// an adjustment entry dated when it was learned (after everything already
// written), whose Cycle is the cycle it started in. Grants are assumed valid
// (ValidateGrant); negative amounts count as 0, and a grant made before the
// start applies at the start.
func Replay(license Terms, grants []Grant, calls []Call, now time.Time) Statement {
	st := Statement{Terms: CurrentTerms(license, grants, now), Ledger: []Entry{}, Cycles: []Cycle{}, Ignored: []string{}}
	start := license.Start
	st.Now = Now{At: now, Cycle: -1, ValidUntil: st.Terms.ValidUntil}
	st.Now.Expired = !now.Before(st.Terms.ValidUntil)
	st.Now.ExpiringSoon = !st.Now.Expired && st.Terms.ValidUntil.Sub(now) <= ExpiringSoonWithin
	if now.Before(start) {
		return st
	}
	cur, _, _ := CycleAt(start, now)
	var events []event
	for i := 0; i <= cur; i++ {
		from, until := CycleStart(start, i), CycleStart(start, i+1)
		st.Cycles = append(st.Cycles, Cycle{Index: i, From: from, Until: until})
		events = append(events, event{at: from, rank: rankOpen, cycle: i, grant: -1})
		if !until.After(now) {
			events = append(events, event{at: until, rank: rankClose, cycle: i, grant: -1})
		}
	}
	for i, g := range grants {
		at := g.At
		if at.Before(start) {
			at = start
		}
		if at.After(now) {
			continue
		}
		c, _, _ := CycleAt(start, at)
		events = append(events, event{at: at, rank: rankGrant, cycle: c, grant: i})
	}
	charges, ignored := chargeEvents(start, now, calls)
	st.Ignored = append(st.Ignored, ignored...)
	events = append(events, charges...)
	sort.Slice(events, func(i, j int) bool { return events[i].less(events[j]) })

	r := replayer{st: &st, expiredLeft: make([]int64, cur+1)}
	for _, ev := range events {
		r.apply(ev, grants)
	}
	c := st.Cycles[cur]
	st.Now.Cycle, st.Now.CycleFrom, st.Now.CycleUntil = cur, c.From, c.Until
	st.Now.FreePerCycle = r.allowance
	st.Now.FreeLeft, st.Now.AddOnLeft = r.bal.Free, r.bal.AddOn
	st.Now.UsedThisCycle = c.Usage.Minutes
	st.Now.OverageTotal = r.overage
	st.Now.Forecast = forecast(start, now, calls, r.bal, r.allowance)
	return st
}

// replayer is the running state while events are applied in order.
type replayer struct {
	st          *Statement
	allowance   int64 // free minutes per cycle
	bal         Balance
	open        int     // the open cycle
	expiredLeft []int64 // per closed cycle: expired free minutes late calls may still take
	overage     int64
}

func (r *replayer) emit(e Entry) {
	e.Balance = r.bal
	r.st.Ledger = append(r.st.Ledger, e)
}

func (r *replayer) apply(ev event, grants []Grant) {
	cy := &r.st.Cycles[ev.cycle]
	switch ev.rank {
	case rankOpen:
		r.open = ev.cycle
		r.bal.Free = r.allowance
		cy.Opening = r.bal
		if r.allowance > 0 {
			r.emit(Entry{At: ev.at, Kind: KindCycleAllowance, Cycle: ev.cycle, Minutes: r.allowance})
		}
	case rankClose:
		cy.Closed = true
		cy.Expired = r.bal.Free
		r.expiredLeft[ev.cycle] = r.bal.Free
		if r.bal.Free > 0 {
			left := r.bal.Free
			r.bal.Free = 0
			r.emit(Entry{At: ev.at, Kind: KindExpiry, Cycle: ev.cycle, Minutes: -left})
		}
		cy.Closing = r.bal
	case rankGrant:
		r.grant(ev, cy, grants[ev.grant])
	case rankCharge:
		r.charge(ev, cy)
	}
	if !cy.Closed {
		cy.Closing = r.bal
	}
}

func (r *replayer) grant(ev event, cy *Cycle, g Grant) {
	if g.ValidUntil != nil {
		v := *g.ValidUntil
		r.emit(Entry{At: ev.at, Kind: KindGrantValidity, Cycle: ev.cycle, ValidUntil: &v, Remarks: g.Remarks})
	}
	if g.FreePerCycle > 0 {
		r.allowance += g.FreePerCycle
		r.bal.Free += g.FreePerCycle
		cy.Grants.Free += g.FreePerCycle
		r.emit(Entry{At: ev.at, Kind: KindGrantFree, Cycle: ev.cycle, Minutes: g.FreePerCycle, Remarks: g.Remarks})
	}
	if g.AddOn > 0 {
		r.bal.AddOn += g.AddOn
		cy.Grants.AddOn += g.AddOn
		r.emit(Entry{At: ev.at, Kind: KindGrantAddOn, Cycle: ev.cycle, Minutes: g.AddOn, Remarks: g.Remarks})
	}
}

// charge takes a call's minutes: free minutes of its cycle first (while it is
// open; once closed, the free minutes it let expire), then add-on minutes,
// and records the rest as overage.
func (r *replayer) charge(ev event, cy *Cycle) {
	e := Entry{At: ev.at, Kind: KindAdjustment, Cycle: ev.cycle, Minutes: -ev.minutes, Ref: ev.callID}
	rest := ev.minutes
	late := ev.cycle < r.open || cy.Closed
	if late {
		e.FromExpired = min(rest, r.expiredLeft[ev.cycle])
		r.expiredLeft[ev.cycle] -= e.FromExpired
		rest -= e.FromExpired
	} else {
		if ev.first {
			e.Kind = KindUsage
		}
		e.FromFree = min(rest, r.bal.Free)
		r.bal.Free -= e.FromFree
		rest -= e.FromFree
	}
	e.FromAddOn = min(rest, r.bal.AddOn)
	r.bal.AddOn -= e.FromAddOn
	e.Overage = rest - e.FromAddOn
	r.overage += e.Overage
	r.emit(e)
	if late {
		cy.Late.add(e)
		r.st.Cycles[r.open].LateForEarlier.add(e)
		r.st.Cycles[r.open].Closing = r.bal
	} else {
		cy.Usage.add(e)
	}
	cy.Overage = cy.Usage.Overage + cy.Late.Overage
}
