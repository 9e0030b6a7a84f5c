package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"switchboard/backend"
)

// demoRemarks are the internal remarks of the demo's license additions.
var demoRemarks = []string{
	"Annual renewal, invoice INV-2041",
	"Goodwill minutes after the October outage",
	"Upgrade to the Growth bundle",
	"Trial extended by sales",
	"Top-up requested by the customer's admin",
}

// addLicense gives the i-th shaped sub-account a license with one to three
// additions: a validity a year or so ahead, then free and add-on minutes.
// Every seventh has none, so the empty state shows too.
func addLicense(b *backend.Backend, rng *rand.Rand, id int64, i int, now time.Time) error {
	if i%7 == 5 {
		return nil
	}
	until := now.AddDate(0, 3+rng.IntN(10), 0)
	additions := []backend.LicenseAddition{{
		ValidUntil: until.Format(time.DateOnly), FreeMinutes: int64(500 * (1 + rng.IntN(4))),
		Remarks: demoRemarks[rng.IntN(len(demoRemarks))],
	}}
	for k := 0; k < i%3; k++ {
		add := backend.LicenseAddition{AddOnMinutes: int64(250 * (1 + rng.IntN(8))), Remarks: demoRemarks[rng.IntN(len(demoRemarks))]}
		if k == 1 {
			until = until.AddDate(1, 0, 0)
			add.ValidUntil = until.Format(time.DateOnly)
		}
		additions = append(additions, add)
	}
	for _, a := range additions {
		if _, err := b.Licenses.AddToLicense(id, a); err != nil {
			return fmt.Errorf("license of %d: %w", id, err)
		}
	}
	return nil
}
