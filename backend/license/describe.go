package license

import (
	"fmt"
	"time"
)

// Describe says an entry in words, its dates in loc (the customer's or the
// admin's zone). A cycle's end shows as the minute before the next cycle:
// "312 free minutes expire 31 Oct 23:59".
func (e Entry) Describe(loc *time.Location) string {
	at := e.At.In(loc)
	switch e.Kind {
	case KindGrantValidity:
		if e.ValidUntil != nil {
			return "Validity extended to " + e.ValidUntil.In(loc).Format(DateLayout)
		}
		return "Validity extended"
	case KindGrantFree:
		return fmt.Sprintf("%d more free minutes per cycle", e.Minutes)
	case KindGrantAddOn:
		return fmt.Sprintf("%d add-on minutes added", e.Minutes)
	case KindCycleAllowance:
		return fmt.Sprintf("%d free minutes for cycle %d", e.Minutes, e.Cycle+1)
	case KindExpiry:
		return fmt.Sprintf("%d free minutes expire %s", -e.Minutes, at.Add(-time.Minute).Format("2 Jan 15:04"))
	case KindUsage:
		return fmt.Sprintf("%s used %d minutes", e.who(), -e.Minutes)
	case KindAdjustment:
		return fmt.Sprintf("%s adjusted: %d more minutes charged to cycle %d", e.who(), -e.Minutes, e.Cycle+1)
	}
	return string(e.Kind)
}

// who names the calls of a charge: the call when there is one, else how many.
func (e Entry) who() string {
	if e.Ref != "" && e.Calls <= 1 {
		return "Call " + e.Ref
	}
	if e.Calls == 1 {
		return "1 call"
	}
	return fmt.Sprintf("%d calls", e.Calls)
}
