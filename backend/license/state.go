package license

import "time"

// The list's warning states of a license's "Minutes left".
const (
	StateNone     = ""         // no license
	StateOK       = "ok"       // valid, a tenth or more of the cycle's minutes left
	StateLow      = "low"      // valid, under a tenth of the cycle's minutes left (or none)
	StateExpired  = "expired"  // the validity has passed
	StateExpiring = "expiring" // valid for at most ExpiringSoonWithin, minutes not low
)

// Validity says whether a license valid until validUntil has expired at now,
// or expires soon (within ExpiringSoonWithin).
func Validity(validUntil, now time.Time) (expired, soon bool) {
	expired = !now.Before(validUntil)
	return expired, !expired && validUntil.Sub(now) <= ExpiringSoonWithin
}

// State is a license's warning state at now: expired first, then low (under
// a tenth of what the open cycle made available, or nothing left), then
// expiring soon.
func State(left, capacity int64, validUntil, now time.Time) string {
	expired, soon := Validity(validUntil, now)
	switch {
	case expired:
		return StateExpired
	case left <= 0 || left*10 < capacity:
		return StateLow
	case soon:
		return StateExpiring
	}
	return StateOK
}

// BookOf is the book a statement ends with: the state to carry on from, with
// the statement's ledger as the entries still to store.
func BookOf(st Statement) *Book {
	b := &Book{Start: st.Terms.Start, Allowance: st.Now.FreePerCycle, Overage: st.Now.OverageTotal,
		Open: st.Now.Cycle, Bal: Balance{Free: st.Now.FreeLeft, AddOn: st.Now.AddOnLeft},
		Cycles: map[int]*Cycle{}, Entries: append([]Entry(nil), st.Ledger...)}
	for i := range st.Cycles {
		c := st.Cycles[i]
		b.Cycles[c.Index] = &c
	}
	return b
}
