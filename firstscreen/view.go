package firstscreen

import (
	"time"

	"switchboard/backend"
)

type screenView struct {
	Count     string
	Providers []backend.Provider
	Columns   []column
	Rows      []row
	// Rest is how many rows of the page the screen leaves out: their height.
	Rest          int
	PageSizes     []pageSize
	Range         string
	HasPrevious   bool
	HasNext       bool
	Numbered      bool
	Page          int
	PageCount     int64
	PageCountText string
}

// screenRows is how many of the page's rows the screen draws: more than a
// maximised window shows (the page's 100 rows took the window a third longer
// to draw). The others are left as their height, so the scroll bar is the
// app's.
const screenRows = 40

type column struct {
	Label, Sort, Arrow string
	Shown              bool
}

type row struct {
	ID                          int64
	Name, ProviderName          string
	Active                      bool
	LastLoginAt, LastLogin, Via string
	LastCallAt, LastCall        string
	NoLicense                   bool
	Minutes, Badge              string
	Danger                      bool
}

type pageSize struct {
	Size   int
	Chosen bool
}

// columns are SubAccountTable's, in order; the list is sorted by the first.
var columns = []string{"Name", "Status", "Voice provider", "Last login", "Last call", "Minutes left"}

// licenseBadges are MinutesLeft's words for a license's state.
var licenseBadges = map[string]struct {
	text   string
	danger bool
}{
	"low":      {"Low", false},
	"expiring": {"Expiring soon", false},
	"expired":  {"Expired", true},
}

func view(page backend.ListPage, now time.Time) screenView {
	v := screenView{
		Count:       pluralTotal(page.Total, page.TotalCapped, "sub-account"),
		Providers:   backend.Providers,
		Range:       rangeText(page.Offset, len(page.Items), page.Total, page.TotalCapped),
		HasPrevious: page.Offset > 0,
		HasNext:     int64(page.Offset+page.Limit) < page.Total,
		Page:        page.Offset/page.Limit + 1,
		PageCount:   max(1, (page.Total+int64(page.Limit)-1)/int64(page.Limit)),
	}
	v.Numbered = v.PageCount > 1
	v.PageCountText = formatCount(v.PageCount)
	if page.TotalCapped {
		v.PageCountText += "+"
	}
	for i, label := range columns {
		c := column{Label: label, Sort: "none", Arrow: "▲"}
		if i == 0 {
			c.Sort, c.Shown = "ascending", true
		}
		v.Columns = append(v.Columns, c)
	}
	if len(backend.ListPageSizes) > 1 {
		for _, n := range backend.ListPageSizes {
			v.PageSizes = append(v.PageSizes, pageSize{Size: n, Chosen: n == page.Limit})
		}
	}
	drawn := page.Items[:min(len(page.Items), screenRows)]
	v.Rest = len(page.Items) - len(drawn)
	for _, s := range drawn {
		r := row{
			ID: s.ID, Name: s.Name, ProviderName: s.ProviderName, Active: s.Status == "active",
			LastLoginAt: s.LastLoginAt, LastLogin: relative(s.LastLoginAt, now),
			LastCallAt: s.LastCallAt, LastCall: relative(s.LastCallAt, now),
			NoLicense: s.MinutesLeft == nil,
		}
		if s.LastLoginAt != "" && s.LastLoginVia != "" {
			r.Via = " · " + s.LastLoginVia + " via Access Account"
		}
		if s.MinutesLeft != nil {
			r.Minutes = formatCount(*s.MinutesLeft)
			b := licenseBadges[s.LicenseState]
			r.Badge, r.Danger = b.text, b.danger
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}
