package license

import (
	"sort"
	"time"
)

// Kind names a ledger entry.
type Kind string

// The ledger entry kinds.
const (
	KindGrantValidity  Kind = "grant_validity"  // a grant extended the validity (Minutes 0)
	KindGrantFree      Kind = "grant_free"      // a grant raised the free minutes per cycle (+)
	KindGrantAddOn     Kind = "grant_addon"     // a grant added add-on minutes (+)
	KindCycleAllowance Kind = "cycle_allowance" // a cycle opened with its free allowance (+)
	KindUsage          Kind = "usage"           // a call learned while its cycle was open (−)
	KindExpiry         Kind = "expiry"          // free minutes left when a cycle closed (−)
	KindAdjustment     Kind = "adjustment"      // a call learned after its cycle closed, or minutes a call gained later (−)
)

// Kinds lists every entry kind, for the boundary.
var Kinds = []Kind{KindGrantValidity, KindGrantFree, KindGrantAddOn, KindCycleAllowance, KindUsage, KindExpiry, KindAdjustment}

// Call is one synced call as the ledger needs it. The same ID may appear more
// than once (each sync that saw it); SeenAt is when a sync stored it.
// Inbound and outbound calls both count.
type Call struct {
	ID          string    `json:"id"`
	StartedAt   time.Time `json:"startedAt"`
	DurationSec int64     `json:"durationSec"`
	SeenAt      time.Time `json:"seenAt"`
}

// Minutes rounds a duration up to whole minutes: 0 s → 0, 1-60 s → 1, 61 s → 2.
func Minutes(durationSec int64) int64 {
	if durationSec <= 0 {
		return 0
	}
	return (durationSec + 59) / 60
}

// Balance is what is left in each bucket: this cycle's free minutes and the
// add-on minutes, which carry over. Neither is ever negative.
type Balance struct {
	Free  int64 `json:"free"`
	AddOn int64 `json:"addOn"`
}

// Entry is one line of the append-only ledger. Minutes is the signed change
// (grants and allowances add, usage, expiry and adjustments take); a usage or
// adjustment says where its minutes came from. Cycle is the cycle the entry
// belongs to: for usage and adjustments, the cycle the call started in.
// Balance is the balance after the entry.
type Entry struct {
	At          time.Time  `json:"at"`
	Kind        Kind       `json:"kind"`
	Cycle       int        `json:"cycle"`
	Minutes     int64      `json:"minutes"`
	FromFree    int64      `json:"fromFree"`
	FromExpired int64      `json:"fromExpired"`
	FromAddOn   int64      `json:"fromAddOn"`
	Overage     int64      `json:"overage"`
	Balance     Balance    `json:"balance"`
	ValidUntil  *time.Time `json:"validUntil"`
	Calls       int64      `json:"calls"`
	Ref         string     `json:"ref"`
	Remarks     string     `json:"remarks"`
}

// event ranks: at one instant grants apply, then calls are charged (cycles
// close and open before both: Book.Advance).
const (
	rankGrant = iota
	rankCharge
)

type event struct {
	at      time.Time
	rank    int
	cycle   int
	grant   int // index into grants (rankGrant)
	callID  string
	started time.Time
	minutes int64 // minutes to charge (rankCharge)
	first   bool  // the call's first charge
}

func (a event) less(b event) bool {
	if !a.at.Equal(b.at) {
		return a.at.Before(b.at)
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.grant != b.grant {
		return a.grant < b.grant
	}
	if !a.started.Equal(b.started) {
		return a.started.Before(b.started)
	}
	return a.callID < b.callID
}

// learnedAt is when the ledger learns of a call: when a sync saw it, never
// before it started (a missing or skewed SeenAt counts as on time).
func learnedAt(c Call) time.Time {
	if c.SeenAt.Before(c.StartedAt) {
		return c.StartedAt
	}
	return c.SeenAt
}

// chargeEvents turns the call observations known by now into charges. Calls
// are keyed by ID: the first observation (earliest learned) charges its
// minutes; a later one charges only the minutes it adds beyond the most
// charged so far, so a call seen again never charges twice. IDs whose call
// started before the license are returned in ignored.
func chargeEvents(start, now time.Time, calls []Call) (events []event, ignored []string) {
	byID := map[string][]Call{}
	for _, c := range calls {
		if learnedAt(c).After(now) {
			continue // not known yet at now
		}
		byID[c.ID] = append(byID[c.ID], c)
	}
	for id, obs := range byID {
		sort.Slice(obs, func(i, j int) bool {
			a, b := obs[i], obs[j]
			if la, lb := learnedAt(a), learnedAt(b); !la.Equal(lb) {
				return la.Before(lb)
			}
			if !a.StartedAt.Equal(b.StartedAt) {
				return a.StartedAt.Before(b.StartedAt)
			}
			return a.DurationSec < b.DurationSec
		})
		started := obs[0].StartedAt
		if started.Before(start) {
			ignored = append(ignored, id)
			continue
		}
		cycle, _, _ := CycleAt(start, started)
		var charged int64
		for _, o := range obs {
			m := Minutes(o.DurationSec)
			if m <= charged {
				continue
			}
			events = append(events, event{at: learnedAt(o), rank: rankCharge, cycle: cycle, grant: -1,
				callID: id, started: started, minutes: m - charged, first: charged == 0})
			charged = m
		}
	}
	sort.Strings(ignored)
	return events, ignored
}
