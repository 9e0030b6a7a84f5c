package backend

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The embedded tz database (time/tzdata) is imported in calls_dates.go:
// zones load the same on every OS, Windows included.

// TimeZone is one IANA zone as the time zone picker shows it: Name
// ("America/New_York"), Label, the place ("New York"), Region, its first
// part ("America"), Offset from UTC now ("UTC−05:00", following daylight
// saving) and LocalTime there now ("09:41").
type TimeZone struct {
	Name      string `json:"name"`
	Label     string `json:"label"`
	Region    string `json:"region"`
	Offset    string `json:"offset"`
	LocalTime string `json:"localTime"`
}

// maxZoneResults is how many zones a search returns at most.
const maxZoneResults = 50

// zone is a listed zone, loaded, with the words a search matches.
type zone struct {
	name, label, region string
	loc                 *time.Location
	words               []string
}

// zones loads every listed zone once, in name order.
var zones = sync.OnceValue(func() []zone {
	out := make([]zone, 0, len(tzNames))
	for _, name := range tzNames {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue // TestTimeZoneNamesLoad keeps the list and the database in step
		}
		region, place, _ := strings.Cut(name, "/")
		if place == "" {
			place = name
		}
		if i := strings.LastIndexByte(place, '/'); i >= 0 {
			place = place[i+1:]
		}
		out = append(out, zone{name: name, label: strings.ReplaceAll(place, "_", " "), region: region,
			loc: loc, words: searchWords(name)})
	}
	slices.SortFunc(out, func(a, b zone) int { return strings.Compare(a.name, b.name) })
	return out
})

// searchWords splits text into lower-case words without accents: '_' is a
// space, and '/' and '-' separate words too ("America/Port-au-Prince" is
// america, port, au, prince; "São Paulo" is sao, paulo).
func searchWords(text string) []string {
	folded := cases.Fold().String(norm.NFD.String(text))
	var b strings.Builder
	for _, r := range folded {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent
		}
		b.WriteRune(r)
	}
	return strings.FieldsFunc(norm.NFC.String(b.String()), func(r rune) bool {
		return r == '_' || r == '/' || r == '-' || r == ',' || unicode.IsSpace(r)
	})
}

// matches reports whether every word of the query starts one of the zone's
// words.
func (z zone) matches(query []string) bool {
	for _, q := range query {
		if !slices.ContainsFunc(z.words, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}

// searchZones returns the zones matching query at now, by name, at most
// maxZoneResults; every zone for an empty query. Matching ignores case and
// accents: "America" narrows to America/…, "new york" finds
// America/New_York, "sao paulo" America/Sao_Paulo, "zürich" Europe/Zurich.
func searchZones(query string, now time.Time) []TimeZone {
	words := searchWords(query)
	out := []TimeZone{}
	for _, z := range zones() {
		if len(words) > 0 && !z.matches(words) {
			continue
		}
		if len(words) > 0 && len(out) == maxZoneResults {
			break
		}
		at := now.In(z.loc)
		out = append(out, TimeZone{Name: z.name, Label: z.label, Region: z.region, Offset: utcOffset(at), LocalTime: at.Format("15:04")})
	}
	return out
}

// utcOffset writes t's offset from UTC as "UTC+05:30" or "UTC−05:00" (a
// true minus sign).
func utcOffset(t time.Time) string {
	_, secs := t.Zone()
	sign := "+"
	if secs < 0 {
		sign, secs = "−", -secs
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, secs/3600, secs%3600/60)
}

// zoneIndex finds a listed zone by its lower-case name.
var zoneIndex = sync.OnceValue(func() map[string]zone {
	out := map[string]zone{}
	for _, z := range zones() {
		out[strings.ToLower(z.name)] = z
	}
	return out
})

// zoneByName finds a listed zone, whatever the case of name.
func zoneByName(name string) (zone, bool) {
	z, ok := zoneIndex()[strings.ToLower(name)]
	return z, ok
}

// checkTimeZone returns the zone name as the tz database spells it and its
// location, or an invalid error on "timeZone". A listed zone is found
// whatever its case; another name the embedded database knows exactly
// (an older alias such as "Asia/Calcutta") is kept as it is. "Local" is
// refused: it means a different place on every computer.
func checkTimeZone(name string) (string, *time.Location, *Error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil, FieldError("timeZone", "Time zone is required.")
	}
	if z, ok := zoneByName(name); ok {
		return z.name, z.loc, nil
	}
	if name != "Local" && !strings.ContainsFunc(name, forbiddenRune) {
		if loc, err := time.LoadLocation(name); err == nil && loc.String() == name {
			return name, loc, nil
		}
	}
	return "", nil, FieldError("timeZone", fmt.Sprintf("“%s” is not a time zone: choose one from the list, such as Europe/Zurich.", sanitizeText(name, "")))
}

// zoneLocation is the location of a stored zone name, UTC should the
// database not know it (it was checked when stored).
func zoneLocation(name string) *time.Location {
	if z, ok := zoneByName(name); ok {
		return z.loc
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}
