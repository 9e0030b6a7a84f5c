package backend_test

import (
	"fmt"
	"strings"
	"testing"

	"switchboard/backend"
)

// TestPricingSchemaRefusesBadRows: the database itself keeps the pricing
// invariants, whatever code runs (raw SQL here).
func TestPricingSchemaRefusesBadRows(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	usd := mustPlan(t, b, "Dollars")
	eur := mustPlanIn(t, b, planIn("Euros", 4900, "EUR", backend.IntervalMonth))
	spare := mustPlan(t, b, "Spare")
	mustOffer(t, b, acme.ID, usd.ID)
	if _, err := b.Pricing.SetPopular(acme.ID, usd.ID, true); err != nil {
		t.Fatal(err)
	}
	v, err := b.Pricing.CreateCustom(acme.ID, planIn("Custom", 100, "USD", backend.IntervalMonth))
	if err != nil {
		t.Fatal(err)
	}
	custom := v.Offered[0].PlanID
	sql := b.Store.SQL()
	var usdVersion, eurVersion int64
	sql.QueryRow("SELECT id FROM plan_versions WHERE plan_id = ?", usd.ID).Scan(&usdVersion)
	sql.QueryRow("SELECT id FROM plan_versions WHERE plan_id = ?", eur.ID).Scan(&eurVersion)
	version := func(price, currency, interval, minutes, overage, bullets string) string {
		return fmt.Sprintf(`INSERT INTO plan_versions (plan_id, version, price_minor, currency, interval, included_minutes, overage_micros, bullets, created_at)
			VALUES (%d, 9, %s, %s, %s, %s, %s, %s, 1)`, spare.ID, price, currency, interval, minutes, overage, bullets)
	}
	offer := func(sub, plan, ver int64, popular int) string {
		return fmt.Sprintf("INSERT INTO offered_plans (sub_account_id, plan_id, plan_version_id, position, popular) VALUES (%d, %d, %d, 5, %d)", sub, plan, ver, popular)
	}
	cases := []struct{ name, stmt, want string }{
		{"version price changed", fmt.Sprintf("UPDATE plan_versions SET price_minor = 1 WHERE plan_id = %d", usd.ID), "plan versions are immutable"},
		{"version bullets changed", "UPDATE plan_versions SET bullets = '[]'", "plan versions are immutable"},
		{"version deleted", fmt.Sprintf("DELETE FROM plan_versions WHERE plan_id = %d", spare.ID), "plan versions are immutable"},
		{"version replaced", fmt.Sprintf(`INSERT OR REPLACE INTO plan_versions (id, plan_id, version, price_minor, currency, interval, included_minutes, overage_micros, created_at)
			VALUES (%d, %d, 1, 0, 'USD', 'month', 0, 0, 1)`, usdVersion, usd.ID), "plan versions are immutable"},
		{"negative price", version("-1", "'USD'", "'month'", "0", "0", "'[]'"), "CHECK constraint failed: price_minor >= 0"},
		{"negative minutes", version("0", "'USD'", "'month'", "-1", "0", "'[]'"), "CHECK constraint failed: included_minutes >= 0"},
		{"negative overage", version("0", "'USD'", "'month'", "0", "-1", "'[]'"), "CHECK constraint failed: overage_micros >= 0"},
		{"lower-case currency", version("0", "'usd'", "'month'", "0", "0", "'[]'"), "CHECK constraint failed: length(currency) = 3 AND currency = upper(currency)"},
		{"two-letter currency", version("0", "'US'", "'month'", "0", "0", "'[]'"), "CHECK constraint failed: length(currency) = 3"},
		{"weekly", version("0", "'USD'", "'week'", "0", "0", "'[]'"), "CHECK constraint failed: interval IN ('month', 'year')"},
		{"bullets not an array", version("0", "'USD'", "'month'", "0", "0", `'{"a":1}'`), "CHECK constraint failed: json_valid(bullets)"},
		{"version 0", strings.Replace(version("0", "'USD'", "'month'", "0", "0", "'[]'"), ", 9, ", ", 0, ", 1), "CHECK constraint failed: version >= 1"},
		{"short plan name", "INSERT INTO plans (name, name_key, created_at, updated_at) VALUES ('X', 'x', 1, 1)", "CHECK constraint failed: length(name) BETWEEN 2 AND 60"},
		{"duplicate catalog name", "INSERT INTO plans (name, name_key, created_at, updated_at) VALUES ('DOLLARS', 'dollars', 1, 1)", "UNIQUE constraint failed: plans.name_key"},
		{"custom plan into the catalog", fmt.Sprintf("UPDATE plans SET sub_account_id = NULL WHERE id = %d", custom), "a plan cannot move between the catalog and a sub-account"},
		{"popular 2", offer(bee.ID, usd.ID, usdVersion, 2), "CHECK constraint failed: popular IN (0, 1)"},
		{"second popular", fmt.Sprintf("UPDATE offered_plans SET popular = 1 WHERE plan_id = %d", custom), "UNIQUE constraint failed: offered_plans.sub_account_id"},
		{"version of another plan", offer(bee.ID, usd.ID, eurVersion, 0), "FOREIGN KEY constraint failed"},
		{"custom plan to another sub-account", offer(bee.ID, custom, customVersion(t, b, custom), 0), "a custom plan is offered only to its own sub-account"},
		{"mixed currencies", offer(acme.ID, eur.ID, eurVersion, 0), "the plans offered to one sub-account share one currency"},
		{"offered plan deleted", fmt.Sprintf("DELETE FROM plans WHERE id = %d", usd.ID), "FOREIGN KEY constraint failed"},
		{"show pricing 2", fmt.Sprintf("INSERT INTO pricing_settings (sub_account_id, show_pricing) VALUES (%d, 2)", bee.ID), "CHECK constraint failed: show_pricing IN (0, 1)"},
		{"negative position", fmt.Sprintf("UPDATE offered_plans SET position = -1 WHERE plan_id = %d", usd.ID), "CHECK constraint failed: position >= 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sql.Exec(tc.stmt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("archived plan offered", func(t *testing.T) {
		if _, err := sql.Exec("UPDATE plans SET archived_at = 1 WHERE id = ?", spare.ID); err != nil {
			t.Fatal(err)
		}
		var ver int64
		sql.QueryRow("SELECT id FROM plan_versions WHERE plan_id = ?", spare.ID).Scan(&ver)
		_, err := sql.Exec(offer(bee.ID, spare.ID, ver, 0))
		if err == nil || !strings.Contains(err.Error(), "an archived plan cannot be newly offered") {
			t.Errorf("err = %v", err)
		}
	})
	// Nothing of the above changed the view.
	if got := offeredNames(mustView(t, b, acme.ID)); got != "Custom, Dollars" {
		t.Errorf("offers now %s", got)
	}
}

func customVersion(t *testing.T, b *backend.Backend, planID int64) int64 {
	t.Helper()
	var id int64
	if err := b.Store.SQL().QueryRow("SELECT id FROM plan_versions WHERE plan_id = ?", planID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDeletingASubAccountRemovesItsPricing: its offers, custom plans (with
// their versions, whose immutability gives way to the cascade) and settings
// go; catalog plans and other sub-accounts' offers stay.
func TestDeletingASubAccountRemovesItsPricing(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	p := mustPlan(t, b, "Shared")
	for _, s := range []backend.SubAccount{acme, bee} {
		mustOffer(t, b, s.ID, p.ID)
		if _, err := b.Pricing.CreateCustom(s.ID, planIn("Own plan", 100, "USD", backend.IntervalMonth)); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Pricing.SetShowPricing(s.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.SubAccounts.Delete(acme.ID, "Acme Dental"); err != nil {
		t.Fatal(err)
	}
	counts := map[string]string{
		"acme offers":          fmt.Sprintf("SELECT count(*) FROM offered_plans WHERE sub_account_id = %d", acme.ID),
		"acme custom plans":    fmt.Sprintf("SELECT count(*) FROM plans WHERE sub_account_id = %d", acme.ID),
		"acme settings":        fmt.Sprintf("SELECT count(*) FROM pricing_settings WHERE sub_account_id = %d", acme.ID),
		"orphan versions":      "SELECT count(*) FROM plan_versions WHERE plan_id NOT IN (SELECT id FROM plans)",
		"bee offers":           fmt.Sprintf("SELECT count(*) - 2 FROM offered_plans WHERE sub_account_id = %d", bee.ID),
		"catalog plan missing": fmt.Sprintf("SELECT 1 - count(*) FROM plans WHERE id = %d", p.ID),
	}
	for name, q := range counts {
		var n int
		if err := b.Store.SQL().QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d %v", name, n, err)
		}
	}
	if got := planNamed(t, b, "Shared"); got.OfferedBy != 1 {
		t.Errorf("catalog plan %+v", got)
	}
	if v := mustView(t, b, bee.ID); v.ShowPricing || offeredNames(v) != "Own plan, Shared" {
		t.Errorf("bee %+v", v)
	}
	if _, err := b.Pricing.Get(acme.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("deleted sub-account's pricing: %v", err)
	}
}
