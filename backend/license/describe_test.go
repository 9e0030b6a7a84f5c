package license

import (
	"testing"
	"time"
)

// TestDescribeSaysEachEntryInWords: every kind has a line for the License tab.
func TestDescribeSaysEachEntryInWords(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	until := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		e    Entry
		want string
	}{
		{Entry{Kind: KindGrantValidity, ValidUntil: &until}, "Validity extended to 1 Mar 2026 01:00"},
		{Entry{Kind: KindGrantFree, Minutes: 50}, "50 more free minutes per cycle"},
		{Entry{Kind: KindGrantAddOn, Minutes: 500}, "500 add-on minutes added"},
		{Entry{Kind: KindCycleAllowance, Minutes: 400, Cycle: 2}, "400 free minutes for cycle 3"},
		{Entry{Kind: KindExpiry, Minutes: -312, At: time.Date(2025, 10, 31, 23, 0, 0, 0, time.UTC)}, "312 free minutes expire 31 Oct 23:59"},
		{Entry{Kind: KindUsage, Minutes: -3, Ref: "c1"}, "Call c1 used 3 minutes"},
		{Entry{Kind: KindAdjustment, Minutes: -9, Ref: "c2", Cycle: 0}, "Call c2 adjusted: 9 more minutes charged to cycle 1"},
		{Entry{Kind: KindUsage, Minutes: -37, Calls: 12}, "12 calls used 37 minutes"},
		{Entry{Kind: KindAdjustment, Minutes: -4, Calls: 1, Cycle: 1}, "1 call adjusted: 4 more minutes charged to cycle 2"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if got := c.e.Describe(berlin); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
