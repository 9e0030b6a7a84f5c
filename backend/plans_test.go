package backend_test

import (
	"strconv"
	"strings"
	"testing"

	"switchboard/backend"
)

// planIn is a valid plan: $49.00 a month unless changed, 1,000 minutes,
// then $0.035 a minute.
func planIn(name string, price int64, currency string, interval backend.PlanInterval) backend.PlanInput {
	return backend.PlanInput{Name: name, PriceMinor: price, Currency: currency, Interval: interval,
		IncludedMinutes: 1000, OverageMicros: 35000, Bullets: []string{"Unlimited agents", "Email support"}}
}

func mustPlan(t *testing.T, b *backend.Backend, name string) backend.Plan {
	t.Helper()
	p, err := b.Plans.Create(planIn(name, 4900, "USD", backend.IntervalMonth))
	if err != nil {
		t.Fatalf("create plan %q: %v", name, err)
	}
	return p
}

func mustOffer(t *testing.T, b *backend.Backend, sub, plan int64) backend.PricingView {
	t.Helper()
	v, err := b.Pricing.Offer(sub, plan)
	if err != nil {
		t.Fatalf("offer plan %d to %d: %v", plan, sub, err)
	}
	return v
}

func mustView(t *testing.T, b *backend.Backend, sub int64) backend.PricingView {
	t.Helper()
	v, err := b.Pricing.Get(sub)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// offeredNames is the display order, "A, C, B".
func offeredNames(v backend.PricingView) string {
	var names []string
	for _, o := range v.Offered {
		names = append(names, o.Name)
	}
	return strings.Join(names, ", ")
}

func offerOf(t *testing.T, v backend.PricingView, planID int64) backend.OfferedPlan {
	t.Helper()
	for _, o := range v.Offered {
		if o.PlanID == planID {
			return o
		}
	}
	t.Fatalf("plan %d not offered: %s", planID, offeredNames(v))
	return backend.OfferedPlan{}
}

func planNamed(t *testing.T, b *backend.Backend, name string) backend.Plan {
	t.Helper()
	plans, err := b.Plans.List(backend.PlanQuery{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no plan %q", name)
	return backend.Plan{}
}

// actions lists the audit actions matching search, newest first.
func actions(t *testing.T, b *backend.Backend, q backend.AuditQuery) []string {
	t.Helper()
	page, err := b.Audit.List(q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range page.Items {
		out = append(out, e.Action)
	}
	return out
}

func TestPlanCreateValidatesEveryField(t *testing.T) {
	b, _ := newBackend(t)
	good := planIn("Starter", 4900, "USD", backend.IntervalMonth)
	tooMany := make([]string, 13)
	for i := range tooMany {
		tooMany[i] = "Feature"
	}
	cases := []struct {
		name, field, want string
		edit              func(*backend.PlanInput)
	}{
		{"empty name", "name", "Name is required.", func(in *backend.PlanInput) { in.Name = "  " }},
		{"short name", "name", "Name must be 2 to 60 characters long.", func(in *backend.PlanInput) { in.Name = "A" }},
		{"long name", "name", "", func(in *backend.PlanInput) { in.Name = strings.Repeat("x", 61) }},
		{"invisible name", "name", "", func(in *backend.PlanInput) { in.Name = "Pro\u200b" }},
		{"negative price", "priceMinor", "Price must be between $0.00 and $1,000,000.00.", func(in *backend.PlanInput) { in.PriceMinor = -1 }},
		{"price above the maximum", "priceMinor", "", func(in *backend.PlanInput) { in.PriceMinor = backend.MaxPriceMinor + 1 }},
		{"unknown currency", "currency", "Unknown currency “XYZ”: choose one of the listed currencies.", func(in *backend.PlanInput) { in.Currency = "XYZ" }},
		{"no currency", "currency", "", func(in *backend.PlanInput) { in.Currency = "" }},
		{"weekly", "interval", "Interval must be month or year.", func(in *backend.PlanInput) { in.Interval = "week" }},
		{"negative minutes", "includedMinutes", "", func(in *backend.PlanInput) { in.IncludedMinutes = -1 }},
		{"too many minutes", "includedMinutes", "", func(in *backend.PlanInput) { in.IncludedMinutes = backend.MaxIncludedMinutes + 1 }},
		{"negative overage", "overageMicros", "", func(in *backend.PlanInput) { in.OverageMicros = -1 }},
		{"overage finer than 4 decimals", "overageMicros", "", func(in *backend.PlanInput) { in.OverageMicros = 35001 }},
		{"overage above the maximum", "overageMicros", "", func(in *backend.PlanInput) { in.OverageMicros = backend.MaxOverageMicros + 100 }},
		{"13 bullets", "bullets", "A plan lists at most 12 features.", func(in *backend.PlanInput) { in.Bullets = tooMany }},
		{"empty bullet", "bullets", "Feature 2: Each feature is required.", func(in *backend.PlanInput) { in.Bullets = []string{"Fine", " "} }},
		{"long bullet", "bullets", "", func(in *backend.PlanInput) { in.Bullets = []string{strings.Repeat("é", 121)} }},
		{"bullet with a line break", "bullets", "", func(in *backend.PlanInput) { in.Bullets = []string{"Two\nlines"} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			in.Bullets = append([]string(nil), good.Bullets...)
			tc.edit(&in)
			_, err := b.Plans.Create(in)
			if got := fieldErr(t, err, backend.CodeInvalid, tc.field); tc.want != "" && got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	// Every broken rule is reported at once.
	_, err := b.Plans.Create(backend.PlanInput{Name: "", PriceMinor: -1, Currency: "x", Interval: "", IncludedMinutes: -1, OverageMicros: -1})
	for _, f := range []string{"name", "priceMinor", "currency", "interval", "includedMinutes", "overageMicros"} {
		fieldErr(t, err, backend.CodeInvalid, f)
	}
	if plans, _ := b.Plans.List(backend.PlanQuery{IncludeArchived: true}); len(plans) != 0 {
		t.Fatalf("refused input stored plans: %+v", plans)
	}
	// The limits themselves are accepted; text is cleaned; currency case is forgiven.
	edge := backend.PlanInput{Name: "  " + strings.Repeat("é", 60) + " ", PriceMinor: backend.MaxPriceMinor, Currency: "eur",
		Interval: backend.IntervalYear, IncludedMinutes: backend.MaxIncludedMinutes, OverageMicros: backend.MaxOverageMicros,
		Bullets: []string{" Café ", strings.Repeat("x", 120)}}
	p, err := b.Plans.Create(edge)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != strings.Repeat("é", 60) || p.Currency != "EUR" || p.Bullets[0] != "Café" || p.Version != 1 {
		t.Errorf("created %+v", p)
	}
	if p.Price != "€1,000,000.00" || p.MonthlyEquivalent != "€83,333.33 / month" || p.Overage != "€100,000.00 / min" {
		t.Errorf("formatted %q %q %q", p.Price, p.MonthlyEquivalent, p.Overage)
	}
	// Names are unique in the catalog regardless of case.
	mustPlan(t, b, "Starter")
	_, err = b.Plans.Create(planIn("STARTER", 100, "USD", backend.IntervalMonth))
	if got := fieldErr(t, err, backend.CodeConflict, "name"); got != "A plan named “Starter” already exists." {
		t.Errorf("duplicate: %q", got)
	}
}

func TestPlanCreateIsAuditedWithThePlanAsSubject(t *testing.T) {
	b, _ := newBackend(t)
	p := mustPlan(t, b, "Starter")
	page, err := b.Audit.List(backend.AuditQuery{Search: "Starter"})
	if err != nil || page.Total != 1 {
		t.Fatalf("%+v %v", page, err)
	}
	e := page.Items[0]
	if e.Action != "plan.create" || e.SubjectKind != "plan" || e.SubjectName != "Starter" || e.SubjectID != strconv.FormatInt(p.ID, 10) || e.SubAccountID != 0 {
		t.Errorf("entry %+v", e)
	}
	if e.Summary != "Created plan “Starter”: $49.00 per month, 1,000 minutes included, then $0.035 / min" {
		t.Errorf("summary %q", e.Summary)
	}
}

func TestPlanListShowsTheTermsFormatted(t *testing.T) {
	b, _ := newBackend(t)
	in := planIn("Yearly", 49900, "USD", backend.IntervalYear)
	in.IncludedMinutes = 12000
	if _, err := b.Plans.Create(in); err != nil {
		t.Fatal(err)
	}
	in = planIn("Yen", 4900, "JPY", backend.IntervalMonth)
	in.OverageMicros = 500000
	if _, err := b.Plans.Create(in); err != nil {
		t.Fatal(err)
	}
	plans, err := b.Plans.List(backend.PlanQuery{})
	if err != nil || len(plans) != 2 {
		t.Fatalf("%+v %v", plans, err)
	}
	y, jp := plans[0], plans[1]
	if y.Price != "$499.00" || y.MonthlyEquivalent != "$41.58 / month" || y.Included != "12,000 minutes included" || y.Overage != "$0.035 / min" {
		t.Errorf("yearly %+v", y)
	}
	if jp.Price != "¥4,900" || jp.MonthlyEquivalent != "" || jp.Overage != "¥0.5 / min" {
		t.Errorf("yen %+v", jp)
	}
}
