package backend_test

import (
	"strings"
	"testing"

	"switchboard/backend"
)

func TestCustomPlansBelongToOneSubAccount(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	cat := mustPlan(t, b, "Catalog")
	mustOffer(t, b, acme.ID, cat.ID)
	v, err := b.Pricing.CreateCustom(acme.ID, planIn("Special", 2900, "USD", backend.IntervalMonth))
	if err != nil {
		t.Fatal(err)
	}
	if offeredNames(v) != "Special, Catalog" || !v.Offered[0].Custom || v.Offered[0].Version != 1 || v.Offered[1].Custom {
		t.Fatalf("offered %+v", v.Offered)
	}
	special := v.Offered[0].PlanID
	// Not in the catalog, not available to anyone, not reachable from another sub-account.
	if list, _ := b.Plans.List(backend.PlanQuery{IncludeArchived: true}); len(list) != 1 {
		t.Errorf("catalog %+v", list)
	}
	if bv := mustView(t, b, bee.ID); len(bv.Available) != 1 || bv.Available[0].Name != "Catalog" {
		t.Errorf("bee's available %+v", bv.Available)
	}
	for name, err := range map[string]error{
		"offer to another":      second(b.Pricing.Offer(bee.ID, special)),
		"edit from another":     second(b.Pricing.UpdateCustom(bee.ID, special, planIn("Mine", 1, "USD", backend.IntervalMonth))),
		"delete from another":   second(b.Pricing.DeleteCustom(bee.ID, special)),
		"edit in the catalog":   second(b.Plans.Update(special, planIn("Special", 1, "USD", backend.IntervalMonth))),
		"archive in catalog":    second(b.Plans.Archive(special)),
		"delete in the catalog": b.Plans.Delete(special, 1),
		"catalog as custom":     second(b.Pricing.UpdateCustom(acme.ID, cat.ID, planIn("Catalog", 1, "USD", backend.IntervalMonth))),
	} {
		if backend.ErrorCode(err) != backend.CodeNotFound {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := b.Pricing.Withdraw(acme.ID, special); backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("withdraw a custom plan: %v", err)
	}
	// Names are unique among one sub-account's custom plans only.
	_, err = b.Pricing.CreateCustom(acme.ID, planIn("SPECIAL", 100, "USD", backend.IntervalMonth))
	fieldErr(t, err, backend.CodeConflict, "name")
	if _, err := b.Pricing.CreateCustom(bee.ID, planIn("Special", 100, "USD", backend.IntervalMonth)); err != nil {
		t.Errorf("another sub-account's custom plan of the same name: %v", err)
	}
	_, err = b.Pricing.CreateCustom(acme.ID, planIn("X", 100, "USD", backend.IntervalMonth))
	fieldErr(t, err, backend.CodeInvalid, "name")

	// An edit applies at once: a new version, and the offer on it.
	in := planIn("Special deal", 3900, "USD", backend.IntervalMonth)
	v, err = b.Pricing.UpdateCustom(acme.ID, special, in)
	if err != nil {
		t.Fatal(err)
	}
	o := offerOf(t, v, special)
	if o.Name != "Special deal" || o.Version != 2 || o.LatestVersion != 2 || o.OldTerms || o.Price != "$39.00" {
		t.Errorf("edited %+v", o)
	}
	in.Currency = "EUR"
	_, err = b.Pricing.UpdateCustom(acme.ID, special, in)
	fieldErr(t, err, backend.CodeInvalid, "currency")
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: acme.ID, Search: "custom plan"})
	if page.Total != 2 || page.Items[0].Action != "pricing.custom_update" || page.Items[0].SubjectName != "Special deal" ||
		!strings.Contains(page.Items[0].Summary, "price $29.00 → $39.00") {
		t.Errorf("audit %+v", page.Items)
	}

	v, err = b.Pricing.DeleteCustom(acme.ID, special)
	if err != nil || offeredNames(v) != "Catalog" {
		t.Fatalf("delete: %s %v", offeredNames(v), err)
	}
	if _, err := b.Pricing.DeleteCustom(acme.ID, special); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("delete twice: %v", err)
	}
	var versions int
	b.Store.SQL().QueryRow("SELECT count(*) FROM plan_versions WHERE plan_id = ?", special).Scan(&versions)
	if versions != 0 {
		t.Errorf("%d versions of the deleted plan remain", versions)
	}
}

// A lone custom plan may change currency.
func TestACustomPlanAloneMayChangeCurrency(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	v, err := b.Pricing.CreateCustom(sub.ID, planIn("Mine", 4900, "USD", backend.IntervalMonth))
	if err != nil {
		t.Fatal(err)
	}
	v, err = b.Pricing.UpdateCustom(sub.ID, v.Offered[0].PlanID, planIn("Mine", 4900, "JPY", backend.IntervalMonth))
	if err != nil || v.Currency != "JPY" || v.Offered[0].Price != "¥4,900" {
		t.Errorf("%+v %v", v, err)
	}
}

func second[T any](_ T, err error) error { return err }
