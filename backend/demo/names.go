package demo

import (
	"fmt"
	"math/rand/v2"
)

var (
	prefixes = []string{
		"Acme", "Bluebird", "Brightside", "Cedar", "Clearwater", "Summit", "Harbor", "Northwind",
		"Oakridge", "Pioneer", "Redwood", "Silverline", "Sunrise", "Keystone", "Lakeside", "Maple",
		"Meridian", "Evergreen", "Granite", "Horizon", "Ironwood", "Juniper", "Lighthouse", "Magnolia",
		"Metro", "Prairie", "Riverbend", "Sterling", "Timberline", "Westfield", "Willow", "Crescent",
		"Beacon", "Cobalt", "Coastal", "Copper", "Falcon", "Golden Gate", "Highland", "Liberty",
	}
	trades = []string{
		"Dental", "Plumbing", "Roofing", "Realty", "Auto Repair", "Insurance", "Law Group",
		"Veterinary", "Chiropractic", "HVAC", "Solar", "Fitness", "Med Spa", "Mortgage",
		"Landscaping", "Pest Control", "Home Care", "Orthodontics", "Property Management",
		"Electric", "Cleaning Co.", "Pediatrics", "Physical Therapy", "Dermatology", "Storage",
		"Movers", "Pool Service", "Garage Doors", "Tutoring", "Catering",
	}
	places = []string{
		"", "", "", "of Austin", "of Denver", "of Tampa", "of Phoenix", "of Boise", "of Raleigh",
		"of Omaha", "of Tulsa", "of Reno", "of Fresno", "of Dayton", "of Mesa", "of Plano",
		"of Madison", "of Spokane", "of Tacoma", "of Eugene",
	}
)

// namer yields unique business names in a deterministic order.
type namer struct {
	rng  *rand.Rand
	seen map[string]int
}

func newNamer(rng *rand.Rand) *namer { return &namer{rng: rng, seen: map[string]int{}} }

func (n *namer) next() string {
	base := prefixes[n.rng.IntN(len(prefixes))] + " " + trades[n.rng.IntN(len(trades))]
	if p := places[n.rng.IntN(len(places))]; p != "" {
		base += " " + p
	}
	n.seen[base]++
	if k := n.seen[base]; k > 1 {
		return fmt.Sprintf("%s #%d", base, k)
	}
	return base
}
