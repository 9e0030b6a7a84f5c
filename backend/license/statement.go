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
//
// ExpiredLeft is what late calls may still take of Expired.
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
	ExpiredLeft    int64     `json:"expiredLeft"`
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
	st.Now.Expired, st.Now.ExpiringSoon = Validity(st.Terms.ValidUntil, now)
	if now.Before(start) {
		return st
	}
	var events []event
	for i, g := range grants {
		at := g.At
		if at.Before(start) {
			at = start
		}
		if at.After(now) {
			continue
		}
		events = append(events, event{at: at, rank: rankGrant, grant: i})
	}
	charges, ignored := chargeEvents(start, now, calls)
	st.Ignored = append(st.Ignored, ignored...)
	events = append(events, charges...)
	sort.Slice(events, func(i, j int) bool { return events[i].less(events[j]) })

	b := NewBook(start)
	for _, ev := range events {
		b.Advance(ev.at)
		if ev.rank == rankGrant {
			b.Grant(ev.at, grants[ev.grant])
			continue
		}
		_ = b.Charge(Usage{At: ev.at, Cycle: ev.cycle, Minutes: ev.minutes, Calls: 1, Ref: ev.callID, First: ev.first})
	}
	b.Advance(now)
	st.Ledger = append(st.Ledger, b.Entries...)
	for i := 0; i <= b.Open; i++ {
		st.Cycles = append(st.Cycles, *b.Cycles[i])
	}
	c := st.Cycles[b.Open]
	st.Now.Cycle, st.Now.CycleFrom, st.Now.CycleUntil = b.Open, c.From, c.Until
	st.Now.FreePerCycle = b.Allowance
	st.Now.FreeLeft, st.Now.AddOnLeft = b.Bal.Free, b.Bal.AddOn
	st.Now.UsedThisCycle = c.Usage.Minutes
	st.Now.OverageTotal = b.Overage
	st.Now.Forecast = Forecast(start, now, usedIn(calls, WindowStart(start, now), now), b.Bal, b.Allowance)
	return st
}
