package backend

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTimeZoneNamesLoad: the embedded tz database knows every listed zone,
// the list is sorted and has no repeats, and the zones people look for are
// there.
func TestTimeZoneNamesLoad(t *testing.T) {
	for _, name := range tzNames {
		if _, err := time.LoadLocation(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !slices.IsSorted(tzNames) || len(slices.Compact(slices.Clone(tzNames))) != len(tzNames) {
		t.Error("tzNames is not sorted or repeats a name")
	}
	if len(zones()) != len(tzNames) {
		t.Errorf("%d zones loaded of %d", len(zones()), len(tzNames))
	}
	for _, want := range []string{"America/New_York", "America/Sao_Paulo", "Europe/Zurich", "Asia/Kolkata", "Europe/Kyiv", "UTC"} {
		if !slices.Contains(tzNames, want) {
			t.Errorf("%s is not listed", want)
		}
	}
}

func TestSearchZones(t *testing.T) {
	now := time.Date(2026, 1, 15, 14, 41, 0, 0, time.UTC)
	names := func(zs []TimeZone) []string {
		out := []string{}
		for _, z := range zs {
			out = append(out, z.Name)
		}
		return out
	}
	cases := []struct {
		query string
		first string // the first result
		all   func(string) bool
		max   int
	}{
		{"America", "America/Adak", func(n string) bool { return strings.HasPrefix(n, "America/") }, maxZoneResults},
		{"america/new", "America/New_York", func(n string) bool {
			return strings.HasPrefix(n, "America/New_York") || strings.HasPrefix(n, "America/North_Dakota/New")
		}, 5},
		{"new york", "America/New_York", func(n string) bool { return n == "America/New_York" }, 1},
		{"NEW_YORK", "America/New_York", func(n string) bool { return n == "America/New_York" }, 1},
		{"sao paulo", "America/Sao_Paulo", func(n string) bool { return n == "America/Sao_Paulo" }, 1},
		{"São Paulo", "America/Sao_Paulo", func(n string) bool { return n == "America/Sao_Paulo" }, 1},
		{"zurich", "Europe/Zurich", func(n string) bool { return n == "Europe/Zurich" }, 1},
		{"Zürich", "Europe/Zurich", func(n string) bool { return n == "Europe/Zurich" }, 1},
		{"  paulo   sao ", "America/Sao_Paulo", func(n string) bool { return n == "America/Sao_Paulo" }, 1},
		{"prince", "America/Lower_Princes", func(n string) bool { return strings.Contains(n, "Prince") }, 2},
		{"buenos", "America/Argentina/Buenos_Aires", func(n string) bool { return n == "America/Argentina/Buenos_Aires" }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got := names(searchZones(tc.query, now))
			if len(got) == 0 || got[0] != tc.first || len(got) > tc.max || !slices.IsSorted(got) {
				t.Fatalf("got %v, want %s first, sorted, at most %d", got, tc.first, tc.max)
			}
			for _, n := range got {
				if !tc.all(n) {
					t.Errorf("%s matched %q", n, tc.query)
				}
			}
		})
	}
	if got := searchZones("no such place", now); got == nil || len(got) != 0 {
		t.Errorf("no match: %v, want an empty list", got)
	}
	if got := searchZones("", now); len(got) != len(tzNames) {
		t.Errorf("empty query: %d zones, want all %d", len(got), len(tzNames))
	}
	if got := searchZones("a", now); len(got) != maxZoneResults {
		t.Errorf("a broad query: %d zones, want at most %d", len(got), maxZoneResults)
	}
}

// TestZoneOffsetsFollowDaylightSaving: New York is UTC−05:00 in January and
// UTC−04:00 in July; half-hour and quarter-hour zones and UTC read right.
func TestZoneOffsetsFollowDaylightSaving(t *testing.T) {
	jan := time.Date(2026, 1, 15, 14, 41, 0, 0, time.UTC)
	jul := time.Date(2026, 7, 15, 14, 41, 0, 0, time.UTC)
	cases := []struct {
		query     string
		now       time.Time
		name      string
		offset    string
		localTime string
	}{
		{"new york", jan, "America/New_York", "UTC−05:00", "09:41"},
		{"new york", jul, "America/New_York", "UTC−04:00", "10:41"},
		{"zurich", jan, "Europe/Zurich", "UTC+01:00", "15:41"},
		{"zurich", jul, "Europe/Zurich", "UTC+02:00", "16:41"},
		{"kolkata", jul, "Asia/Kolkata", "UTC+05:30", "20:11"},
		{"kathmandu", jan, "Asia/Kathmandu", "UTC+05:45", "20:26"},
		{"utc", jan, "UTC", "UTC+00:00", "14:41"},
	}
	for _, tc := range cases {
		got := searchZones(tc.query, tc.now)
		if len(got) == 0 || got[0].Name != tc.name || got[0].Offset != tc.offset || got[0].LocalTime != tc.localTime {
			t.Errorf("%s at %s: %+v, want %s %s %s", tc.query, tc.now.Format("Jan"), got, tc.name, tc.offset, tc.localTime)
		}
	}
	ny := searchZones("new york", jan)[0]
	if ny.Label != "New York" || ny.Region != "America" {
		t.Errorf("label and region %+v", ny)
	}
	if ba := searchZones("buenos aires", jan)[0]; ba.Label != "Buenos Aires" || ba.Region != "America" {
		t.Errorf("label and region %+v", ba)
	}
}

func TestCheckTimeZone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Europe/Zurich", "Europe/Zurich"},
		{" europe/zurich ", "Europe/Zurich"},
		{"Asia/Calcutta", "Asia/Calcutta"}, // an older alias the database knows
		{"UTC", "UTC"},
	} {
		if got, loc, err := checkTimeZone(tc.in); err != nil || got != tc.want || loc == nil {
			t.Errorf("%q: %q %v, want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus_Mons", "Europe/Zurich\x00", "../../etc/passwd", "EST+5"} {
		if _, _, err := checkTimeZone(bad); err == nil || err.Fields["timeZone"] == "" {
			t.Errorf("%q accepted: %v", bad, err)
		}
	}
}

// TestUserEnumListsNameEveryConstant: Roles and UserSorts list every Role
// and UserSort constant.
func TestUserEnumListsNameEveryConstant(t *testing.T) {
	var roles, sorts []string
	for _, r := range Roles {
		roles = append(roles, "Role"+r.TSName)
	}
	for _, s := range UserSorts {
		sorts = append(sorts, "UserSort"+s.TSName)
	}
	slices.Sort(roles)
	slices.Sort(sorts)
	if want := constantsOf(t, "Role"); !slices.Equal(roles, want) {
		t.Errorf("Roles names %v; the constants are %v", roles, want)
	}
	if want := constantsOf(t, "UserSort"); !slices.Equal(sorts, want) {
		t.Errorf("UserSorts names %v; the constants are %v", sorts, want)
	}
}
