package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"switchboard/backend"
)

// shaped is how many of the demo's first sub-accounts get plans offered and
// permission sets published (the rest keep the defaults): enough to fill the
// screens, few enough that a 100,000-account demo pays nothing for it.
const shaped = 40

// demoPlans is the agency catalog the demo creates.
var demoPlans = []backend.PlanInput{
	{Name: "Starter", PriceMinor: 4900, Currency: "USD", Interval: "month", IncludedMinutes: 500, OverageMicros: 90_000,
		Bullets: []string{"1 voice agent", "500 minutes a month", "Email support"}},
	{Name: "Growth", PriceMinor: 14900, Currency: "USD", Interval: "month", IncludedMinutes: 2000, OverageMicros: 70_000,
		Bullets: []string{"5 voice agents", "Call recordings", "Priority support"}},
	{Name: "Growth yearly", PriceMinor: 149000, Currency: "USD", Interval: "year", IncludedMinutes: 24000, OverageMicros: 70_000,
		Bullets: []string{"Two months free", "5 voice agents", "Call recordings"}},
	{Name: "Scale", PriceMinor: 39900, Currency: "USD", Interval: "month", IncludedMinutes: 6000, OverageMicros: 50_000,
		Bullets: []string{"Unlimited agents", "Outbound campaigns", "Dedicated manager"}},
	{Name: "Europa Basis", PriceMinor: 3900, Currency: "EUR", Interval: "month", IncludedMinutes: 400, OverageMicros: 85_000,
		Bullets: []string{"1 voice agent", "EU data residency"}},
}

// demoHides are the permission nodes the demo hides, a few at a time.
var demoHides = []string{"reports", "contacts.import", "contacts.delete", "agents.system_prompts", "outbound", "billing.invoices", "settings.api_keys"}

// shape creates the plan catalog, offers plans to the first sub-accounts in
// various orders (one price edited after, so some keep old terms), and
// publishes permission sets with a few versions, some with a draft left,
// and gives them users.
func shape(ctx context.Context, b *backend.Backend, rng *rand.Rand, now time.Time, clock *Clock) error {
	if have, err := b.Plans.List(backend.PlanQuery{IncludeArchived: true}); err != nil || len(have) > 0 {
		return err // a second demo on the same data adds sub-accounts only
	}
	var plans []backend.Plan
	for _, in := range demoPlans {
		p, err := b.Plans.Create(in)
		if err != nil {
			return fmt.Errorf("plan %s: %w", in.Name, err)
		}
		plans = append(plans, p)
	}
	ids, err := firstSubAccounts(ctx, b, shaped)
	if err != nil {
		return err
	}
	usd := plans[:4]
	for i, id := range ids {
		if err := offer(b, rng, id, i, usd, plans[4]); err != nil {
			return err
		}
		if err := publish(b, rng, id, i); err != nil {
			return err
		}
		if err := addUsers(b, rng, id, i); err != nil {
			return err
		}
		if err := addLicense(b, rng, id, i, now, clock); err != nil {
			return err
		}
		if err := addAccess(b, rng, id, i, now, clock); err != nil {
			return err
		}
	}
	// A price rise on Starter after it was offered: those offers keep $49.
	raised := demoPlans[0]
	raised.PriceMinor = 5900
	if _, err := b.Plans.Update(plans[0].ID, raised); err != nil {
		return fmt.Errorf("raise Starter: %w", err)
	}
	return nil
}

// offer gives sub-account id (the i-th shaped) some plans in a random order.
func offer(b *backend.Backend, rng *rand.Rand, id int64, i int, usd []backend.Plan, eur backend.Plan) error {
	var err error
	switch {
	case i%7 == 6: // an EU customer
		_, err = b.Pricing.Offer(id, eur.ID)
	case i%5 == 4: // pricing hidden for now
		if _, err = b.Pricing.Offer(id, usd[0].ID); err == nil {
			_, err = b.Pricing.SetShowPricing(id, false)
		}
	default:
		order := rng.Perm(len(usd))[:2+rng.IntN(len(usd)-1)]
		for _, k := range order {
			if _, err = b.Pricing.Offer(id, usd[k].ID); err != nil {
				break
			}
		}
		if err == nil {
			_, err = b.Pricing.SetPopular(id, usd[order[rng.IntN(len(order))]].ID, true)
		}
	}
	if err != nil {
		return fmt.Errorf("offer plans to %d: %w", id, err)
	}
	return nil
}

// publish publishes one to three permission versions, and leaves a draft on
// every fourth sub-account.
func publish(b *backend.Backend, rng *rand.Rand, id int64, i int) error {
	for v := 0; v < 1+i%3; v++ {
		key := demoHides[rng.IntN(len(demoHides))]
		if _, err := b.Permissions.SetVisible(id, key, false); err != nil {
			return fmt.Errorf("hide %s on %d: %w", key, id, err)
		}
		if _, err := b.Permissions.Publish(id); err != nil {
			return fmt.Errorf("publish %d: %w", id, err)
		}
	}
	if i%4 == 3 {
		if _, err := b.Permissions.SetVisible(id, "dashboard", false); err != nil {
			return err
		}
	}
	return nil
}

// firstSubAccounts are the ids of the n oldest sub-accounts.
func firstSubAccounts(ctx context.Context, b *backend.Backend, n int) ([]int64, error) {
	rows, err := b.Store.SQL().QueryContext(ctx, "SELECT id FROM sub_accounts ORDER BY id LIMIT ?", n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
