package backend_test

import (
	"strings"
	"testing"

	"switchboard/backend"
)

// TestEditingAnOfferedPlanKeepsTheOldTermsWhereOffered: a change of terms
// makes version 2; the sub-accounts offering version 1 keep it until
// MoveToLatest moves them, some or all.
func TestEditingAnOfferedPlanKeepsTheOldTermsWhereOffered(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee, cedar := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar"), mustCreate(t, b, "Cedar Law")
	pro := mustPlan(t, b, "Pro")
	for _, s := range []backend.SubAccount{acme, bee, cedar} {
		mustOffer(t, b, s.ID, pro.ID)
	}
	if imp, err := b.Plans.Impact(pro.ID); err != nil || imp.Count != 3 || imp.OldTerms != 0 ||
		imp.OfferedBy[0].Name != "Acme Dental" || imp.Message != "3 sub-accounts offer it; they keep the old terms until moved." {
		t.Fatalf("impact %+v %v", imp, err)
	}
	in := planIn("Pro", 5900, "USD", backend.IntervalMonth)
	got, err := b.Plans.Update(pro.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.PriceMinor != 5900 || got.OfferedBy != 3 || got.OfferedOldTerms != 3 {
		t.Fatalf("updated %+v", got)
	}
	o := offerOf(t, mustView(t, b, acme.ID), pro.ID)
	if o.Version != 1 || o.LatestVersion != 2 || !o.OldTerms || o.Price != "$49.00" {
		t.Errorf("offer after the edit %+v", o)
	}
	page, _ := b.Audit.List(backend.AuditQuery{Search: "Edited plan"})
	if page.Total != 1 || page.Items[0].Summary != "Edited plan “Pro”: price $49.00 → $59.00; now version 2; 3 sub-accounts keep older terms until moved" {
		t.Errorf("audit %+v", page.Items)
	}

	n, err := b.Plans.MoveToLatest(pro.ID, []int64{bee.ID})
	if err != nil || n != 1 {
		t.Fatalf("move one: %d %v", n, err)
	}
	if o := offerOf(t, mustView(t, b, bee.ID), pro.ID); o.Version != 2 || o.OldTerms || o.Price != "$59.00" {
		t.Errorf("moved offer %+v", o)
	}
	if o := offerOf(t, mustView(t, b, acme.ID), pro.ID); o.Version != 1 {
		t.Errorf("an offer not asked for moved: %+v", o)
	}
	if imp, _ := b.Plans.Impact(pro.ID); imp.OldTerms != 2 {
		t.Errorf("impact after one move %+v", imp)
	}
	// An id that does not offer the plan: refused, nothing moved.
	other := mustCreate(t, b, "Dune Cafe")
	_, err = b.Plans.MoveToLatest(pro.ID, []int64{acme.ID, other.ID})
	fieldErr(t, err, backend.CodeInvalid, "subAccountIds")
	if o := offerOf(t, mustView(t, b, acme.ID), pro.ID); o.Version != 1 {
		t.Errorf("a refused move moved %+v", o)
	}
	// Empty list: everyone left on old terms.
	if n, err = b.Plans.MoveToLatest(pro.ID, nil); err != nil || n != 2 {
		t.Fatalf("move all: %d %v", n, err)
	}
	if n, err = b.Plans.MoveToLatest(pro.ID, nil); err != nil || n != 0 {
		t.Errorf("move again: %d %v", n, err)
	}
	if p := planNamed(t, b, "Pro"); p.OfferedOldTerms != 0 {
		t.Errorf("old terms left %+v", p)
	}
	if got := actions(t, b, backend.AuditQuery{SubAccountID: acme.ID}); got[0] != "plan.move_to_latest" {
		t.Errorf("acme's audit %v", got)
	}
}

func TestEditingAPlanNobodyOffersMakesAVersionButLeavesNobodyBehind(t *testing.T) {
	b, _ := newBackend(t)
	p := mustPlan(t, b, "Solo")
	in := planIn("Solo", 4900, "USD", backend.IntervalYear)
	got, err := b.Plans.Update(p.ID, in)
	if err != nil || got.Version != 2 || got.OfferedOldTerms != 0 || got.OfferedBy != 0 || got.MonthlyEquivalent != "$4.08 / month" {
		t.Fatalf("%+v %v", got, err)
	}
	if imp, _ := b.Plans.Impact(p.ID); imp.Count != 0 || imp.Message != "No sub-account offers it." || imp.OfferedBy == nil {
		t.Errorf("impact %+v", imp)
	}
}

// TestNameAndBulletsChangeInPlace: a new name keeps the version; new bullets
// make a version that the offers of the newest version follow at once, so
// nobody is left on old terms by a change of wording.
func TestNameAndBulletsChangeInPlace(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	p := mustPlan(t, b, "Pro")
	mustOffer(t, b, acme.ID, p.ID)
	in := planIn("Professional", 4900, "USD", backend.IntervalMonth)
	got, err := b.Plans.Update(p.ID, in)
	if err != nil || got.Name != "Professional" || got.Version != 1 {
		t.Fatalf("rename: %+v %v", got, err)
	}
	if o := offerOf(t, mustView(t, b, acme.ID), p.ID); o.Name != "Professional" {
		t.Errorf("offer after rename %+v", o)
	}
	mustPlan(t, b, "Basic")
	in.Name = "basic"
	_, err = b.Plans.Update(p.ID, in)
	fieldErr(t, err, backend.CodeConflict, "name")

	// Terms change (acme stays on 1), bee then offers version 2.
	in = planIn("Professional", 6900, "USD", backend.IntervalMonth)
	if _, err := b.Plans.Update(p.ID, in); err != nil {
		t.Fatal(err)
	}
	mustOffer(t, b, bee.ID, p.ID)
	in.Bullets = []string{"Unlimited agents", "Phone support"}
	got, err = b.Plans.Update(p.ID, in)
	if err != nil || got.Version != 3 || got.Bullets[1] != "Phone support" {
		t.Fatalf("bullets: %+v %v", got, err)
	}
	if o := offerOf(t, mustView(t, b, bee.ID), p.ID); o.Version != 3 || o.OldTerms || o.Bullets[1] != "Phone support" {
		t.Errorf("bee's offer did not follow the wording: %+v", o)
	}
	if o := offerOf(t, mustView(t, b, acme.ID), p.ID); o.Version != 1 || o.Bullets[1] != "Email support" {
		t.Errorf("acme's old terms changed: %+v", o)
	}
	// Nothing changed: no version, no audit entry.
	before := len(actions(t, b, backend.AuditQuery{Limit: 500}))
	if got, err = b.Plans.Update(p.ID, in); err != nil || got.Version != 3 {
		t.Fatalf("no-op: %+v %v", got, err)
	}
	if after := len(actions(t, b, backend.AuditQuery{Limit: 500})); after != before {
		t.Errorf("a no-op edit was audited")
	}
	// Refused input changes nothing.
	in.PriceMinor = -5
	_, err = b.Plans.Update(p.ID, in)
	fieldErr(t, err, backend.CodeInvalid, "priceMinor")
	if _, err := b.Plans.Update(999, planIn("Ghost", 1, "USD", backend.IntervalMonth)); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("update missing: %v", err)
	}
}

func TestArchivedPlansAreNotNewlyOffered(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	p := mustPlan(t, b, "Legacy")
	mustOffer(t, b, acme.ID, p.ID)
	got, err := b.Plans.Archive(p.ID)
	if err != nil || !got.Archived {
		t.Fatalf("archive %+v %v", got, err)
	}
	if list, _ := b.Plans.List(backend.PlanQuery{}); len(list) != 0 {
		t.Errorf("the default list shows an archived plan: %+v", list)
	}
	if list, _ := b.Plans.List(backend.PlanQuery{IncludeArchived: true}); len(list) != 1 || !list[0].Archived {
		t.Errorf("the full list: %+v", list)
	}
	// The existing offer stays, marked; the plan is not available to others.
	if o := offerOf(t, mustView(t, b, acme.ID), p.ID); !o.Archived {
		t.Errorf("offer %+v", o)
	}
	v := mustView(t, b, bee.ID)
	if len(v.Available) != 0 {
		t.Errorf("available: %+v", v.Available)
	}
	_, err = b.Pricing.Offer(bee.ID, p.ID)
	if backend.ErrorCode(err) != backend.CodeConflict || !strings.Contains(err.Error(), "archived") {
		t.Errorf("offer archived: %v", err)
	}
	if _, err := b.Plans.Archive(p.ID); err != nil { // again: no change, no entry
		t.Fatal(err)
	}
	if got := actions(t, b, backend.AuditQuery{Search: "Archived plan"}); len(got) != 1 {
		t.Errorf("archive audited %d times", len(got))
	}
	if got, err = b.Plans.Unarchive(p.ID); err != nil || got.Archived {
		t.Fatalf("unarchive %+v %v", got, err)
	}
	mustOffer(t, b, bee.ID, p.ID)
	if _, err := b.Plans.Archive(12345); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("archive missing: %v", err)
	}
}

func TestDeletingAnOfferedPlanNeedsConfirmation(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	pro, basic := mustPlan(t, b, "Pro"), mustPlan(t, b, "Basic")
	for _, s := range []backend.SubAccount{acme, bee} {
		mustOffer(t, b, s.ID, basic.ID)
		mustOffer(t, b, s.ID, pro.ID) // Pro first, Basic second
	}
	for _, confirm := range []int{0, 1, 3} {
		err := b.Plans.Delete(pro.ID, confirm)
		msg := fieldErr(t, err, backend.CodeConflict, "confirmRemoveFrom")
		if msg != "“Pro” is offered by 2 sub-accounts (Acme Dental, Bee Solar): confirm removing it from all 2 to delete it." {
			t.Errorf("confirm %d: %q", confirm, msg)
		}
	}
	if v := mustView(t, b, acme.ID); offeredNames(v) != "Pro, Basic" {
		t.Fatalf("a refused delete changed the offers: %s", offeredNames(v))
	}
	if err := b.Plans.Delete(pro.ID, 2); err != nil {
		t.Fatal(err)
	}
	v := mustView(t, b, acme.ID)
	if offeredNames(v) != "Basic" {
		t.Errorf("after delete: %s", offeredNames(v))
	}
	if _, err := b.Pricing.Move(acme.ID, basic.ID, 1); err != nil { // positions were compacted
		t.Fatal(err)
	}
	if got := actions(t, b, backend.AuditQuery{SubAccountID: bee.ID}); got[0] != "pricing.withdraw" {
		t.Errorf("bee's audit %v", got)
	}
	if got := actions(t, b, backend.AuditQuery{Search: "Deleted plan"}); len(got) != 1 || got[0] != "plan.delete" {
		t.Errorf("delete audit %v", got)
	}
	// A plan nobody offers goes at once.
	solo := mustPlan(t, b, "Solo")
	if err := b.Plans.Delete(solo.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.Plans.Delete(solo.ID, 0); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("delete twice: %v", err)
	}
	if list, _ := b.Plans.List(backend.PlanQuery{IncludeArchived: true}); len(list) != 1 || list[0].Name != "Basic" {
		t.Errorf("left %+v", list)
	}
}
