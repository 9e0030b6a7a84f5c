package backend

import (
	"encoding/json"
	"fmt"
	"strings"

	"switchboard/db/gen"
)

// Plan limits.
const (
	PlanNameMin = 2
	PlanNameMax = 60
	// MaxBullets is how many feature bullets a plan may list.
	MaxBullets = 12
	// BulletMax is the longest bullet, in characters.
	BulletMax = 120
	// MaxIncludedMinutes bounds a plan's included minutes.
	MaxIncludedMinutes = 10_000_000
)

// PlanInput is what the plan form sends: the name, the price in minor units
// of the currency, the billing interval, the minutes included each
// interval, the overage rate in micros of the currency per minute, and the
// feature bullets in display order.
type PlanInput struct {
	Name            string       `json:"name"`
	PriceMinor      int64        `json:"priceMinor"`
	Currency        string       `json:"currency"`
	Interval        PlanInterval "json:\"interval\" ts_type:\"`${PlanInterval}`\""
	IncludedMinutes int64        `json:"includedMinutes"`
	OverageMicros   int64        `json:"overageMicros"`
	Bullets         []string     `json:"bullets"`
}

// Plan is a catalog plan at its newest version. OfferedBy counts the
// sub-accounts that offer it, OfferedOldTerms those of them that keep an
// older version. Price, Overage, Included and MonthlyEquivalent are the
// terms as shown ("$49.00", "$0.035 / min", "1,000 minutes included",
// "$41.58 / month" for a yearly plan, "" for a monthly one).
type Plan struct {
	ID              int64        `json:"id"`
	Name            string       `json:"name"`
	Version         int64        `json:"version"`
	PriceMinor      int64        `json:"priceMinor"`
	Currency        string       `json:"currency"`
	Interval        PlanInterval "json:\"interval\" ts_type:\"`${PlanInterval}`\""
	IncludedMinutes int64        `json:"includedMinutes"`
	OverageMicros   int64        `json:"overageMicros"`
	Bullets         []string     `json:"bullets"`
	Archived        bool         `json:"archived"`
	OfferedBy       int          `json:"offeredBy"`
	OfferedOldTerms int          `json:"offeredOldTerms"`
	// Exponent is the currency's minor-unit digits: PriceMinor counts
	// 10^-Exponent of the currency.
	Exponent          int    `json:"exponent"`
	Price             string `json:"price"`
	Overage           string `json:"overage"`
	Included          string `json:"included"`
	MonthlyEquivalent string `json:"monthlyEquivalent"`
	// MonthlyMinor is the monthly equivalent of a yearly price, rounded
	// once (minor units); 0 for a monthly plan.
	MonthlyMinor int64 `json:"monthlyMinor"`
}

// planTerms are the terms a version fixes. Bullets are its wording.
type planTerms struct {
	PriceMinor      int64
	Currency        string
	Interval        PlanInterval
	IncludedMinutes int64
	OverageMicros   int64
	Bullets         []string
}

// planDraft is a validated PlanInput.
type planDraft struct {
	name, key string
	terms     planTerms
}

var (
	planNameRule = textRule{Field: "name", Label: "Name", Min: PlanNameMin, Max: PlanNameMax}
	bulletRule   = textRule{Field: "bullets", Label: "Each feature", Min: 1, Max: BulletMax}
)

// validatePlan checks every field of in, returning all the broken rules as
// field errors: name (free-text rules, 2-60 characters), priceMinor (0 to
// MaxPriceMinor), currency (a known one), interval (month or year),
// includedMinutes (0 to MaxIncludedMinutes), overageMicros (0 to
// MaxOverageMicros, at most four decimals) and bullets (at most 12, each
// 1-120 characters of free text).
func validatePlan(in PlanInput) (planDraft, error) {
	v := Validation{}
	name, err := cleanText(planNameRule, in.Name)
	if err != nil {
		v.Add("name", err.Message)
	}
	currency := strings.ToUpper(strings.TrimSpace(in.Currency))
	if currency == "" {
		v.Add("currency", "Choose a currency.")
	} else if _, ok := LookupCurrency(currency); !ok {
		v.Add("currency", msgUnknownCurrency(in.Currency))
	}
	if in.PriceMinor < 0 || in.PriceMinor > MaxPriceMinor {
		v.Add("priceMinor", msgMaxPrice(currency))
	}
	if in.Interval != IntervalMonth && in.Interval != IntervalYear {
		v.Add("interval", "Interval must be month or year.")
	}
	if in.IncludedMinutes < 0 || in.IncludedMinutes > MaxIncludedMinutes {
		v.Add("includedMinutes", fmt.Sprintf("Included minutes must be between 0 and %s.", thousands(MaxIncludedMinutes)))
	}
	if in.OverageMicros < 0 || in.OverageMicros > MaxOverageMicros || in.OverageMicros%(microsPerUnit/10_000) != 0 {
		v.Add("overageMicros", msgRate(currency))
	}
	bullets := make([]string, 0, len(in.Bullets))
	if len(in.Bullets) > MaxBullets {
		v.Add("bullets", fmt.Sprintf("A plan lists at most %d features.", MaxBullets))
	}
	for i, raw := range in.Bullets {
		b, err := cleanText(bulletRule, raw)
		if err != nil {
			v.Add("bullets", fmt.Sprintf("Feature %d: %s", i+1, err.Message))
			continue
		}
		bullets = append(bullets, b)
	}
	if err := v.Err(); err != nil {
		return planDraft{}, err
	}
	return planDraft{name: name, key: foldKey(name), terms: planTerms{
		PriceMinor: in.PriceMinor, Currency: currency, Interval: in.Interval,
		IncludedMinutes: in.IncludedMinutes, OverageMicros: in.OverageMicros, Bullets: bullets,
	}}, nil
}

// sameTerms reports whether two versions bill the same (bullets aside).
func sameTerms(a, b planTerms) bool {
	return a.PriceMinor == b.PriceMinor && a.Currency == b.Currency && a.Interval == b.Interval &&
		a.IncludedMinutes == b.IncludedMinutes && a.OverageMicros == b.OverageMicros
}

func sameBullets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// termsOf reads a stored version's terms.
func termsOf(v gen.PlanVersion) (planTerms, error) {
	bullets, err := parseBullets(v.Bullets)
	return planTerms{PriceMinor: v.PriceMinor, Currency: v.Currency, Interval: PlanInterval(v.Interval),
		IncludedMinutes: v.IncludedMinutes, OverageMicros: v.OverageMicros, Bullets: bullets}, err
}

func parseBullets(raw string) ([]string, error) {
	out := []string{}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("plan bullets: %w", err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

func bulletsJSON(b []string) string {
	if b == nil {
		b = []string{}
	}
	out, _ := json.Marshal(b) // a []string always marshals
	return string(out)
}

// The terms as shown.

func formatIncluded(minutes int64) string {
	switch minutes {
	case 0:
		return "No minutes included"
	case 1:
		return "1 minute included"
	}
	return thousands(int(minutes)) + " minutes included"
}

// monthlyOf is the monthly equivalent of a yearly plan's price in minor
// units, 0 for a monthly plan.
func monthlyOf(t planTerms) int64 {
	if t.Interval != IntervalYear {
		return 0
	}
	return monthlyMinor(t.PriceMinor)
}

func formatMonthlyEquivalent(t planTerms) string {
	if t.Interval != IntervalYear {
		return ""
	}
	return FormatMoney(monthlyMinor(t.PriceMinor), t.Currency) + " / month"
}

func intervalLabel(i PlanInterval) string {
	if i == IntervalYear {
		return "per year"
	}
	return "per month"
}

// describeTerms says the terms in words, for audit summaries:
// "$49.00 per month, 1,000 minutes included, then $0.035 / min".
func describeTerms(t planTerms) string {
	return fmt.Sprintf("%s %s, %s, then %s", FormatMoney(t.PriceMinor, t.Currency), intervalLabel(t.Interval),
		strings.ToLower(formatIncluded(t.IncludedMinutes)), FormatRate(t.OverageMicros, t.Currency))
}

// describeChange lists what changed from a to b, for audit summaries.
func describeChange(a, b planTerms) []string {
	var out []string
	if a.PriceMinor != b.PriceMinor || a.Currency != b.Currency {
		out = append(out, fmt.Sprintf("price %s → %s", FormatMoney(a.PriceMinor, a.Currency), FormatMoney(b.PriceMinor, b.Currency)))
	}
	if a.Interval != b.Interval {
		out = append(out, fmt.Sprintf("billed %s → %s", intervalLabel(a.Interval), intervalLabel(b.Interval)))
	}
	if a.IncludedMinutes != b.IncludedMinutes {
		out = append(out, fmt.Sprintf("included minutes %s → %s", thousands(int(a.IncludedMinutes)), thousands(int(b.IncludedMinutes))))
	}
	if a.OverageMicros != b.OverageMicros || a.Currency != b.Currency {
		out = append(out, fmt.Sprintf("overage %s → %s", FormatRate(a.OverageMicros, a.Currency), FormatRate(b.OverageMicros, b.Currency)))
	}
	if !sameBullets(a.Bullets, b.Bullets) {
		out = append(out, "features reworded")
	}
	return out
}

func toPlan(r gen.ListCatalogPlansRow) (Plan, error) {
	t, err := termsOf(gen.PlanVersion{PriceMinor: r.PriceMinor, Currency: r.Currency, Interval: r.Interval,
		IncludedMinutes: r.IncludedMinutes, OverageMicros: r.OverageMicros, Bullets: r.Bullets})
	if err != nil {
		return Plan{}, err
	}
	return Plan{
		ID: r.ID, Name: r.Name, Version: r.Version, PriceMinor: t.PriceMinor, Currency: t.Currency, Exponent: currencyOrFallback(t.Currency).Exponent,
		Interval: t.Interval, IncludedMinutes: t.IncludedMinutes, OverageMicros: t.OverageMicros,
		Bullets: t.Bullets, Archived: r.ArchivedAt != nil, OfferedBy: int(r.OfferedBy),
		OfferedOldTerms: int(r.OfferedOldTerms), Price: FormatMoney(t.PriceMinor, t.Currency),
		Overage: FormatRate(t.OverageMicros, t.Currency), Included: formatIncluded(t.IncludedMinutes),
		MonthlyEquivalent: formatMonthlyEquivalent(t), MonthlyMinor: monthlyOf(t),
	}, nil
}
