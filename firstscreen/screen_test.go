package firstscreen

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
)

// The phrases of frontend/src/lib/time.test.ts and format.ts, for the same inputs.
func TestWordsAreTheApps(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339Nano) }
	for iso, want := range map[string]string{
		"":                           "never",
		"not a time":                 "not a time",
		at(-10 * time.Second):        "now",
		at(-time.Minute):             "1 minute ago",
		at(-5 * time.Minute):         "5 minutes ago",
		at(5 * time.Minute):          "in 5 minutes",
		at(-3 * time.Hour):           "3 hours ago",
		at(-30 * time.Hour):          "yesterday",
		at(30 * time.Hour):           "tomorrow",
		at(-4 * 24 * time.Hour):      "4 days ago",
		at(-40 * 24 * time.Hour):     "last month",
		at(-90 * 24 * time.Hour):     "3 months ago",
		at(-400 * 24 * time.Hour):    "last year",
		at(3 * 365 * 24 * time.Hour): "in 3 years",
	} {
		if got := relative(iso, now); got != want {
			t.Errorf("relative(%q) = %q, want %q", iso, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1200: "-1,200"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := pluralTotal(1, false, "sub-account"); got != "1 sub-account" {
		t.Errorf("pluralTotal(1) = %q", got)
	}
	if got := pluralTotal(1000, true, "sub-account"); got != "1,000+ sub-accounts" {
		t.Errorf("pluralTotal(1000, capped) = %q", got)
	}
	if got := rangeText(100, 100, 250, false); got != "101–200 of 250" {
		t.Errorf("rangeText = %q", got)
	}
}

func TestRenderEscapesNamesAndDrawsTheFirstRows(t *testing.T) {
	minutes := int64(12)
	page := backend.ListPage{Total: 120, Offset: 0, Limit: 100}
	for i := range 100 {
		page.Items = append(page.Items, backend.SubAccount{ID: int64(i + 1), Name: "Acme", Status: "active"})
	}
	page.Items[0] = backend.SubAccount{ID: 1, Name: `<script>alert("x")</script>`, Status: "inactive",
		MinutesLeft: &minutes, LicenseState: "expired", LastLoginAt: "2026-11-19T12:00:00Z", LastLoginVia: "ana"}
	var b bytes.Buffer
	if err := Render(&b, page, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if strings.Contains(html, "<script>") {
		t.Fatal("a name went out unescaped")
	}
	for _, want := range []string{
		"&lt;script&gt;", "Inactive", `class="badge s-MinutesLeft danger">Expired`, " · ana via Access Account",
		"yesterday", "120 sub-accounts", "1–100 of 120", `max="2"`, `calc(var(--row-height) * 60)`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the screen lacks %q", want)
		}
	}
	if n := strings.Count(html, `<tr class="s-SubAccountTable"`); n != screenRows {
		t.Errorf("%d rows drawn, want %d", n, screenRows)
	}
}
