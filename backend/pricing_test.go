package backend_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"switchboard/backend"
)

// threePlans makes plans A, B and C and a sub-account offering none.
func threePlans(t *testing.T, b *backend.Backend) (sub backend.SubAccount, a, bp, c backend.Plan) {
	t.Helper()
	return mustCreate(t, b, "Acme Dental"), mustPlan(t, b, "Alpha"), mustPlan(t, b, "Bravo"), mustPlan(t, b, "Charlie")
}

func TestTheLastSelectedPlanAppearsFirst(t *testing.T) {
	cases := []struct {
		name string
		pick func(a, b, c int64) []int64
		want string
	}{
		{"B, C, A", func(a, b, c int64) []int64 { return []int64{b, c, a} }, "Alpha, Charlie, Bravo"},
		{"A, B, C", func(a, b, c int64) []int64 { return []int64{a, b, c} }, "Charlie, Bravo, Alpha"},
		{"C alone", func(a, b, c int64) []int64 { return []int64{c} }, "Charlie"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := newBackend(t)
			sub, a, bp, c := threePlans(t, b)
			var v backend.PricingView
			for _, id := range tc.pick(a.ID, bp.ID, c.ID) {
				v = mustOffer(t, b, sub.ID, id)
			}
			if got := offeredNames(v); got != tc.want {
				t.Errorf("order %s, want %s", got, tc.want)
			}
			if got := offeredNames(mustView(t, b, sub.ID)); got != tc.want {
				t.Errorf("stored order %s, want %s", got, tc.want)
			}
		})
	}
	b, _ := newBackend(t)
	sub, a, _, _ := threePlans(t, b)
	v := mustOffer(t, b, sub.ID, a.ID)
	if len(v.Available) != 2 || v.Available[0].Name != "Bravo" || v.Currency != "USD" {
		t.Errorf("available %+v, currency %q", v.Available, v.Currency)
	}
	_, err := b.Pricing.Offer(sub.ID, a.ID)
	if backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("offer twice: %v", err)
	}
	if _, err := b.Pricing.Offer(sub.ID, 999); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("offer a missing plan: %v", err)
	}
	if _, err := b.Pricing.Offer(999, a.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("offer to a missing sub-account: %v", err)
	}
	if got := actions(t, b, backend.AuditQuery{SubAccountID: sub.ID}); got[0] != "pricing.offer" {
		t.Errorf("audit %v", got)
	}
}

func TestReorderAndMove(t *testing.T) {
	b, _ := newBackend(t)
	sub, a, bp, c := threePlans(t, b)
	for _, id := range []int64{c.ID, bp.ID, a.ID} {
		mustOffer(t, b, sub.ID, id)
	} // Alpha, Bravo, Charlie
	v, err := b.Pricing.Reorder(sub.ID, []int64{c.ID, a.ID, bp.ID})
	if err != nil || offeredNames(v) != "Charlie, Alpha, Bravo" {
		t.Fatalf("reorder: %s %v", offeredNames(v), err)
	}
	for name, ids := range map[string][]int64{
		"missing one": {c.ID, a.ID},
		"repeated":    {c.ID, a.ID, a.ID},
		"unknown":     {c.ID, a.ID, 999},
		"extra":       {c.ID, a.ID, bp.ID, 999},
		"empty":       nil,
	} {
		_, err := b.Pricing.Reorder(sub.ID, ids)
		if msg := fieldErr(t, err, backend.CodeInvalid, "planIds"); msg == "" {
			t.Errorf("%s accepted", name)
		}
	}
	if got := offeredNames(mustView(t, b, sub.ID)); got != "Charlie, Alpha, Bravo" {
		t.Fatalf("a refused reorder changed the order: %s", got)
	}
	entries := len(actions(t, b, backend.AuditQuery{SubAccountID: sub.ID}))
	moves := []struct {
		name string
		plan int64
		by   int
		want string
	}{
		{"first up is a no-op", c.ID, -1, "Charlie, Alpha, Bravo"},
		{"last down is a no-op", bp.ID, 1, "Charlie, Alpha, Bravo"},
		{"middle up", a.ID, -1, "Alpha, Charlie, Bravo"},
		{"first down", a.ID, 1, "Charlie, Alpha, Bravo"},
		{"last up", bp.ID, -1, "Charlie, Bravo, Alpha"},
	}
	for _, m := range moves {
		v, err := b.Pricing.Move(sub.ID, m.plan, m.by)
		if err != nil || offeredNames(v) != m.want {
			t.Errorf("%s: %s %v, want %s", m.name, offeredNames(v), err, m.want)
		}
	}
	// The two no-ops wrote no entry; the three moves did.
	if got := len(actions(t, b, backend.AuditQuery{SubAccountID: sub.ID})); got != entries+3 {
		t.Errorf("%d entries after the moves, want %d", got, entries+3)
	}
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Limit: 1})
	if e := page.Items[0]; e.Action != "pricing.reorder" || e.Summary != "Moved “Bravo” up: Charlie, Bravo, Alpha" {
		t.Errorf("last entry %+v", e)
	}
	for _, by := range []int{0, 2, -2} {
		_, err := b.Pricing.Move(sub.ID, a.ID, by)
		fieldErr(t, err, backend.CodeInvalid, "by")
	}
	if _, err := b.Pricing.Move(sub.ID, 999, 1); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("move unknown: %v", err)
	}
	// Withdrawing closes the gap.
	v, err = b.Pricing.Withdraw(sub.ID, bp.ID)
	if err != nil || offeredNames(v) != "Charlie, Alpha" || len(v.Available) != 1 {
		t.Fatalf("withdraw: %s %v", offeredNames(v), err)
	}
	if v, _ = b.Pricing.Move(sub.ID, a.ID, -1); offeredNames(v) != "Alpha, Charlie" {
		t.Errorf("after withdraw: %s", offeredNames(v))
	}
	if _, err := b.Pricing.Withdraw(sub.ID, bp.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("withdraw twice: %v", err)
	}
}

func TestOnePopularPlanPerSubAccount(t *testing.T) {
	b, _ := newBackend(t)
	sub, a, bp, _ := threePlans(t, b)
	other := mustCreate(t, b, "Bee Solar")
	mustOffer(t, b, sub.ID, a.ID)
	mustOffer(t, b, sub.ID, bp.ID)
	mustOffer(t, b, other.ID, a.ID)
	if _, err := b.Pricing.SetPopular(other.ID, a.ID, true); err != nil {
		t.Fatal(err)
	}
	popular := func(v backend.PricingView) (names []string) {
		for _, o := range v.Offered {
			if o.Popular {
				names = append(names, o.Name)
			}
		}
		return names
	}
	steps := []struct {
		plan int64
		on   bool
		want []string
	}{
		{bp.ID, true, []string{"Bravo"}},
		{a.ID, true, []string{"Alpha"}}, // replaces Bravo
		{a.ID, true, []string{"Alpha"}}, // no change
		{a.ID, false, nil},
		{a.ID, false, nil},
	}
	for i, s := range steps {
		v, err := b.Pricing.SetPopular(sub.ID, s.plan, s.on)
		if err != nil || !slices.Equal(popular(v), s.want) {
			t.Errorf("step %d: %v %v, want %v", i, popular(v), err, s.want)
		}
	}
	if got := popular(mustView(t, b, other.ID)); !slices.Equal(got, []string{"Alpha"}) {
		t.Errorf("another sub-account's mark changed: %v", got)
	}
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Search: "popular"})
	if page.Total != 3 || page.Items[1].Summary != "Marked “Alpha” popular instead of “Bravo”" {
		t.Errorf("popular audit %+v", page.Items)
	}
	if _, err := b.Pricing.SetPopular(sub.ID, 999, true); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("popular unknown: %v", err)
	}
}

func TestOfferedPlansShareOneCurrency(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	usd := mustPlan(t, b, "Dollars")
	eur, err := b.Plans.Create(planIn("Euros", 4900, "EUR", backend.IntervalMonth))
	if err != nil {
		t.Fatal(err)
	}
	mustOffer(t, b, sub.ID, usd.ID)
	_, err = b.Pricing.Offer(sub.ID, eur.ID)
	want := "The plans offered to one sub-account share one currency: this one is in EUR, the others in USD."
	if got := fieldErr(t, err, backend.CodeInvalid, "currency"); got != want {
		t.Errorf("message %q", got)
	}
	_, err = b.Pricing.CreateCustom(sub.ID, planIn("Custom euros", 100, "EUR", backend.IntervalMonth))
	fieldErr(t, err, backend.CodeInvalid, "currency")
	// Alone, a plan may change currency; the sub-account then takes the new one.
	mustOffer(t, b, mustCreate(t, b, "Bee Solar").ID, eur.ID)
	if _, err := b.Pricing.Withdraw(sub.ID, usd.ID); err != nil {
		t.Fatal(err)
	}
	if v := mustOffer(t, b, sub.ID, eur.ID); v.Currency != "EUR" {
		t.Errorf("currency %q", v.Currency)
	}
	// A new version in another currency: moving to it is refused where the
	// sub-account offers other plans in the old one.
	mustOffer(t, b, sub.ID, mustPlanIn(t, b, planIn("More euros", 900, "EUR", backend.IntervalMonth)).ID)
	if _, err := b.Plans.Update(eur.ID, planIn("Euros", 4900, "GBP", backend.IntervalMonth)); err != nil {
		t.Fatal(err)
	}
	_, err = b.Plans.MoveToLatest(eur.ID, nil)
	if msg := fieldErr(t, err, backend.CodeConflict, "subAccountIds"); !strings.Contains(msg, "Acme Dental") || strings.Contains(msg, "Bee Solar") {
		t.Errorf("message %q", msg)
	}
	if n, err := b.Plans.MoveToLatest(eur.ID, []int64{planOfferer(t, b, eur.ID, "Bee Solar")}); err != nil || n != 1 {
		t.Errorf("bee alone: %d %v", n, err)
	}
}

func mustPlanIn(t *testing.T, b *backend.Backend, in backend.PlanInput) backend.Plan {
	t.Helper()
	p, err := b.Plans.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func planOfferer(t *testing.T, b *backend.Backend, planID int64, name string) int64 {
	t.Helper()
	imp, err := b.Plans.Impact(planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range imp.OfferedBy {
		if o.Name == name {
			return o.ID
		}
	}
	t.Fatalf("%s does not offer plan %d", name, planID)
	return 0
}

func TestPricingPreview(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	v := mustView(t, b, sub.ID)
	if !v.ShowPricing || v.Preview.Visible || v.Preview.Message != "No plans offered." || v.Currency != "" {
		t.Errorf("empty %+v", v)
	}
	yearly := planIn("Yearly", 49900, "USD", backend.IntervalYear)
	yearly.IncludedMinutes = 12000
	y := mustPlanIn(t, b, yearly)
	m := mustPlan(t, b, "Monthly")
	mustOffer(t, b, sub.ID, y.ID)
	mustOffer(t, b, sub.ID, m.ID)
	v, err := b.Pricing.SetPopular(sub.ID, y.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := backend.PricingPreview{Visible: true, Message: "", Intervals: []backend.PlanInterval{backend.IntervalMonth, backend.IntervalYear},
		Cards: []backend.PreviewCard{
			{Name: "Monthly", Price: "$49.00", PriceMinor: 4900, Currency: "USD", Exponent: 2, OverageMicros: 35000, Interval: backend.IntervalMonth, IntervalLabel: "per month", MonthlyEquivalent: "",
				IncludedMinutes: "1,000 minutes included", Overage: "$0.035 / min", Bullets: []string{"Unlimited agents", "Email support"}},
			{Name: "Yearly", Price: "$499.00", PriceMinor: 49900, Currency: "USD", Exponent: 2, MonthlyMinor: 4158, OverageMicros: 35000, Interval: backend.IntervalYear, IntervalLabel: "per year", MonthlyEquivalent: "$41.58 / month",
				IncludedMinutes: "12,000 minutes included", Overage: "$0.035 / min", Bullets: []string{"Unlimited agents", "Email support"}, Popular: true},
		}}
	if got, _ := json.Marshal(v.Preview); string(got) != mustJSON(t, want) {
		t.Errorf("preview\n got %s\nwant %s", got, mustJSON(t, want))
	}
	v, err = b.Pricing.SetShowPricing(sub.ID, false)
	if err != nil || v.ShowPricing || v.Preview.Visible || v.Preview.Message != "Pricing is hidden in the customer's application." ||
		len(v.Preview.Cards) != 0 || len(v.Preview.Intervals) != 0 || len(v.Offered) != 2 {
		t.Errorf("hidden %+v %v", v, err)
	}
	if _, err := b.Pricing.SetShowPricing(sub.ID, false); err != nil { // no change: no entry
		t.Fatal(err)
	}
	if v, _ = b.Pricing.SetShowPricing(sub.ID, true); !v.Preview.Visible {
		t.Errorf("shown again %+v", v.Preview)
	}
	if got := actions(t, b, backend.AuditQuery{SubAccountID: sub.ID, Search: "customer's application"}); len(got) != 2 {
		t.Errorf("visibility audited %v", got)
	}
	// Nothing in the view marshals to null.
	if out := mustJSON(t, mustView(t, b, mustCreate(t, b, "Bee Solar").ID)); strings.Contains(out, "null") {
		t.Errorf("empty view has a null: %s", out)
	}
	if out := mustJSON(t, v); strings.Contains(out, "null") {
		t.Errorf("view has a null: %s", out)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
