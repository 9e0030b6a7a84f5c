package backend

import (
	"context"
	"errors"
	"slices"

	"switchboard/db"
	"switchboard/db/gen"
)

// Preview messages.
const (
	MsgPricingHidden = "Pricing is hidden in the customer's application."
	MsgNoPlans       = "No plans offered."
)

// OfferedPlan is a plan a sub-account offers, at the version it offers.
// LatestVersion is the plan's newest version; OldTerms says the
// sub-account keeps an older one. Custom: the plan exists only for this
// sub-account. Archived: the catalog plan was archived after it was
// offered (the offer stays). Price, Overage, Included and
// MonthlyEquivalent are as in Plan.
type OfferedPlan struct {
	PlanID          int64        `json:"planId"`
	Name            string       `json:"name"`
	Version         int64        `json:"version"`
	LatestVersion   int64        `json:"latestVersion"`
	Custom          bool         `json:"custom"`
	Archived        bool         `json:"archived"`
	Popular         bool         `json:"popular"`
	PriceMinor      int64        `json:"priceMinor"`
	Currency        string       `json:"currency"`
	Interval        PlanInterval "json:\"interval\" ts_type:\"`${PlanInterval}`\""
	IncludedMinutes int64        `json:"includedMinutes"`
	OverageMicros   int64        `json:"overageMicros"`
	Bullets         []string     `json:"bullets"`
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
	OldTerms     bool  `json:"oldTerms"`
}

// PreviewCard is one plan as the customer's pricing page shows it, every
// value ready to print: Price "$49.00", IntervalLabel "per month",
// MonthlyEquivalent "$41.58 / month" (yearly plans only), IncludedMinutes
// "1,000 minutes included", Overage "$0.035 / min".
type PreviewCard struct {
	Name  string `json:"name"`
	Price string `json:"price"`
	// PriceMinor, Currency, Exponent, MonthlyMinor and OverageMicros are
	// the same amounts as Go's integers, for the page to format (see Plan).
	PriceMinor        int64        `json:"priceMinor"`
	Currency          string       `json:"currency"`
	Exponent          int          `json:"exponent"`
	MonthlyMinor      int64        `json:"monthlyMinor"`
	OverageMicros     int64        `json:"overageMicros"`
	Interval          PlanInterval "json:\"interval\" ts_type:\"`${PlanInterval}`\""
	IntervalLabel     string       `json:"intervalLabel"`
	MonthlyEquivalent string       `json:"monthlyEquivalent"`
	IncludedMinutes   string       `json:"includedMinutes"`
	Overage           string       `json:"overage"`
	Bullets           []string     `json:"bullets"`
	Popular           bool         `json:"popular"`
}

// PricingPreview is the customer's pricing page as it stands. Visible is
// false when pricing is hidden or no plan is offered; Message then says
// which (MsgPricingHidden, MsgNoPlans), and Cards and Intervals are empty.
// Otherwise Cards are the offered plans in display order and Intervals the
// distinct intervals among them, month first.
type PricingPreview struct {
	Visible   bool           `json:"visible"`
	Message   string         `json:"message"`
	Intervals []PlanInterval "json:\"intervals\" ts_type:\"Array<`${PlanInterval}`>\""
	Cards     []PreviewCard  `json:"cards"`
}

// PricingView is a sub-account's Pricing tab: whether pricing shows in the
// customer's application, the offered plans in display order (the first is
// shown first), the catalog plans that may still be offered (not archived,
// not offered), the offered plans' shared currency ("" when none), and the
// preview.
type PricingView struct {
	SubAccountID int64          `json:"subAccountId"`
	ShowPricing  bool           `json:"showPricing"`
	Offered      []OfferedPlan  `json:"offered"`
	Available    []Plan         `json:"available"`
	Currency     string         `json:"currency"`
	Preview      PricingPreview `json:"preview"`
}

// pricingView reads what Get returns, in q. Errors: not_found.
func pricingView(ctx context.Context, q db.Queries, subAccountID int64) (PricingView, error) {
	if _, err := getSubAccount(ctx, q, subAccountID); err != nil {
		return PricingView{}, err
	}
	show, err := showPricing(ctx, q, subAccountID)
	if err != nil {
		return PricingView{}, err
	}
	offered, err := loadOffers(ctx, q, subAccountID)
	if err != nil {
		return PricingView{}, err
	}
	catalog, err := catalogPlans(ctx, q, gen.ListCatalogPlansParams{IncludeArchived: 0, PlanID: 0})
	if err != nil {
		return PricingView{}, err
	}
	view := PricingView{SubAccountID: subAccountID, ShowPricing: show, Offered: offered, Available: []Plan{}}
	for _, p := range catalog {
		if !slices.ContainsFunc(offered, func(o OfferedPlan) bool { return o.PlanID == p.ID }) {
			view.Available = append(view.Available, p)
		}
	}
	if len(offered) > 0 {
		view.Currency = offered[0].Currency
	}
	view.Preview = preview(show, offered)
	return view, nil
}

func showPricing(ctx context.Context, q db.Queries, subAccountID int64) (bool, error) {
	row, err := q.GetPricingSettings(ctx, subAccountID)
	if errors.Is(err, db.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, Internal("load the pricing settings", err)
	}
	return row.ShowPricing == 1, nil
}

// loadOffers reads the sub-account's offers in display order.
func loadOffers(ctx context.Context, q db.Queries, subAccountID int64) ([]OfferedPlan, error) {
	rows, err := q.ListOfferedPlans(ctx, subAccountID)
	if err != nil {
		return nil, Internal("load the offered plans", err)
	}
	out := make([]OfferedPlan, 0, len(rows))
	for _, r := range rows {
		bullets, err := parseBullets(r.Bullets)
		if err != nil {
			return nil, Internal("load the offered plans", err)
		}
		t := planTerms{PriceMinor: r.PriceMinor, Currency: r.Currency, Interval: PlanInterval(r.Interval),
			IncludedMinutes: r.IncludedMinutes, OverageMicros: r.OverageMicros, Bullets: bullets}
		out = append(out, OfferedPlan{
			PlanID: r.PlanID, Name: r.Name, Version: r.Version, LatestVersion: r.LatestVersion,
			Custom: r.OwnerID != nil, Archived: r.ArchivedAt != nil, Popular: r.Popular == 1,
			PriceMinor: t.PriceMinor, Currency: t.Currency, Exponent: currencyOrFallback(t.Currency).Exponent, Interval: t.Interval, IncludedMinutes: t.IncludedMinutes,
			OverageMicros: t.OverageMicros, Bullets: t.Bullets, Price: FormatMoney(t.PriceMinor, t.Currency),
			Overage: FormatRate(t.OverageMicros, t.Currency), Included: formatIncluded(t.IncludedMinutes),
			MonthlyEquivalent: formatMonthlyEquivalent(t), MonthlyMinor: monthlyOf(t), OldTerms: r.Version != r.LatestVersion,
		})
	}
	return out, nil
}

// offeredCurrency is the currency of the plans the sub-account offers
// besides plan except, "" when it offers no other.
func offeredCurrency(ctx context.Context, q db.Queries, subAccountID, except int64) (string, error) {
	offers, err := loadOffers(ctx, q, subAccountID)
	if err != nil {
		return "", err
	}
	for _, o := range offers {
		if o.PlanID != except {
			return o.Currency, nil
		}
	}
	return "", nil
}

func preview(show bool, offered []OfferedPlan) PricingPreview {
	p := PricingPreview{Intervals: []PlanInterval{}, Cards: []PreviewCard{}}
	switch {
	case !show:
		p.Message = MsgPricingHidden
		return p
	case len(offered) == 0:
		p.Message = MsgNoPlans
		return p
	}
	p.Visible = true
	for _, o := range offered {
		p.Cards = append(p.Cards, PreviewCard{
			Name: o.Name, Price: o.Price, PriceMinor: o.PriceMinor, Currency: o.Currency, Exponent: o.Exponent,
			MonthlyMinor: o.MonthlyMinor, OverageMicros: o.OverageMicros, Interval: o.Interval, IntervalLabel: intervalLabel(o.Interval),
			MonthlyEquivalent: o.MonthlyEquivalent, IncludedMinutes: o.Included, Overage: o.Overage,
			Bullets: o.Bullets, Popular: o.Popular,
		})
	}
	for _, i := range []PlanInterval{IntervalMonth, IntervalYear} {
		if slices.ContainsFunc(offered, func(o OfferedPlan) bool { return o.Interval == i }) {
			p.Intervals = append(p.Intervals, i)
		}
	}
	return p
}
