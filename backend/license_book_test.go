package backend_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/license"
	"switchboard/db"
)

// TestStoredLedgerAgreesWithReplay: the ledger the backend keeps page by page
// (grants, sync pages, cycles rolling over when read) ends where replaying
// the whole history from scratch does, after every step of random
// histories: late calls into closed cycles, calls seen again longer or the
// same, legs, calls from before the license, grants mid-cycle, months with
// no reads, a zone with daylight saving. The list's Minutes left says the
// same as the License tab.
func TestStoredLedgerAgreesWithReplay(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			b, c := newBackend(t)
			sub := mustCreate(t, b, "Acme Dental")
			mustUser(t, b, userIn(sub.ID, "Sam", "sam@acme.example", backend.RoleAdmin, "America/New_York"))
			loc, _ := time.LoadLocation("America/New_York")
			firstGrant := backend.LicenseAddition{ValidUntil: "2028-01-31", FreeMinutes: int64(rng.IntN(300)), AddOnMinutes: int64(rng.IntN(200))}
			first := mustAdd(t, b, sub.ID, firstGrant)
			start := c.now()
			grants := []license.Grant{{At: start, ValidUntil: tp(mustTime(t, first.ValidUntil)), FreePerCycle: firstGrant.FreeMinutes, AddOn: firstGrant.AddOnMinutes}}
			var seen []license.Call
			starts := map[string]time.Time{} // a provider never moves a call's start
			n := 0
			for step := 0; step < 40; step++ {
				c.advance(time.Duration(1+rng.IntN(60*24*9)) * time.Minute) // up to 9 days, sometimes past a cycle
				switch k := rng.IntN(10); {
				case k == 0:
					g := backend.LicenseAddition{FreeMinutes: int64(rng.IntN(3) * 50), AddOnMinutes: int64(rng.IntN(3) * 40)}
					if g.FreeMinutes+g.AddOnMinutes == 0 {
						g.AddOnMinutes = 10
					}
					mustAdd(t, b, sub.ID, g)
					grants = append(grants, license.Grant{At: c.now(), FreePerCycle: g.FreeMinutes, AddOn: g.AddOnMinutes})
				case k <= 7:
					var rows []db.CallRow
					for range 1 + rng.IntN(6) {
						var id string
						var dur int64
						if n > 0 && rng.IntN(4) == 0 { // seen again: longer or not
							id = fmt.Sprintf("c%d", rng.IntN(n))
							dur = int64(rng.IntN(900))
						} else {
							id, dur = fmt.Sprintf("c%d", n), int64(rng.IntN(1200))
							n++
						}
						age := time.Duration(rng.Int64N(int64(40 * 24 * time.Hour))) // may be late, or before the license
						startedAt, ok := starts[id]
						if !ok {
							startedAt = c.now().Add(-age)
							starts[id] = startedAt
						}
						rows = append(rows, db.CallRow{ProviderCallID: id, Direction: "in", StartedAt: startedAt.UnixMilli(), DurationS: dur})
						if rng.IntN(8) == 0 { // a leg: its parent's minutes
							rows = append(rows, db.CallRow{ProviderCallID: id + "-leg", ParentCallID: id, Direction: "out", StartedAt: startedAt.UnixMilli(), DurationS: 600})
						}
					}
					addCalls(t, b, sub.ID, rows...)
					for _, r := range rows {
						if r.ParentCallID != "" {
							continue
						}
						seen = append(seen, license.Call{ID: "retell:" + r.ProviderCallID, StartedAt: time.UnixMilli(r.StartedAt), DurationSec: r.DurationS, SeenAt: c.now()})
					}
				}
				want := license.Replay(license.Terms{Start: start.In(loc), ValidUntil: start}, grants, seen, c.now())
				compareWithReplay(t, b, sub.ID, want)
			}
		})
	}
}

func compareWithReplay(t *testing.T, b *backend.Backend, subID int64, want license.Statement) {
	t.Helper()
	v := mustLicense(t, b, subID)
	w := want.Now
	if v.FreePerCycle != w.FreePerCycle || v.FreeLeft != w.FreeLeft || v.AddOnLeft != w.AddOnLeft ||
		v.UsedThisCycle != w.UsedThisCycle || v.Overage != w.OverageTotal || v.CycleFrom != w.CycleFrom.UTC().Format(time.RFC3339Nano) {
		t.Fatalf("at %s the tab says %+v, the replay %+v", w.At, v, w)
	}
	stmts, err := b.Licenses.Statements(subID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != len(want.Cycles) {
		t.Fatalf("%d statements, replay has %d cycles", len(stmts), len(want.Cycles))
	}
	for _, s := range stmts {
		c := want.Cycles[s.Cycle-1]
		if s.OpeningFree != c.Opening.Free || s.OpeningAddOn != c.Opening.AddOn || s.GrantedFree != c.Grants.Free ||
			s.GrantedAddOn != c.Grants.AddOn || s.Used != c.Usage.Minutes || s.UsedLate != c.Late.Minutes ||
			s.Expired != c.Expired || s.Overage != c.Overage || s.ClosingFree != c.Closing.Free || s.ClosingAddOn != c.Closing.AddOn {
			t.Fatalf("cycle %d: stored %+v, replay %+v", s.Cycle, s, c)
		}
	}
	page, err := b.Licenses.Ledger(backend.LedgerQuery{SubAccountID: subID, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if last := want.Ledger[len(want.Ledger)-1].Balance; page.Lines[0].FreeBalance != last.Free || page.Lines[0].AddOnBalance != last.AddOn {
		t.Fatalf("last ledger line %+v, replay's balance %+v", page.Lines[0], last)
	}
	list, err := b.SubAccounts.List(backend.ListQuery{Sort: "minutesLeft", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list.Items {
		if s.ID == subID && (s.MinutesLeft == nil || *s.MinutesLeft != w.FreeLeft+w.AddOnLeft) {
			t.Fatalf("the list says %v minutes left, the tab %d", s.MinutesLeft, w.FreeLeft+w.AddOnLeft)
		}
	}
}

func tp(t time.Time) *time.Time { return &t }

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
