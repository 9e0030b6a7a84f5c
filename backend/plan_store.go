package backend

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// The plan writes that the catalog (PlanService) and the per sub-account
// custom plans (PricingService) share. Each runs in the caller's
// transaction.

// getPlan reads a plan. owner nil asks for a catalog plan, else for a custom
// plan of that sub-account: any other plan is not_found, so one
// sub-account's custom plan is never reached through another's.
func getPlan(ctx context.Context, q db.Queries, id int64, owner *int64) (gen.Plan, error) {
	p, err := q.GetPlan(ctx, id)
	if errors.Is(err, db.ErrNoRows) || err == nil && !sameOwner(p.SubAccountID, owner) {
		return gen.Plan{}, Errorf(CodeNotFound, "That plan no longer exists.")
	}
	if err != nil {
		return gen.Plan{}, Internal("load the plan", err)
	}
	return p, nil
}

func sameOwner(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// checkPlanName refuses a name whose key another plan of the same scope
// (the catalog, or the sub-account's custom plans) has. Errors: conflict on
// field "name".
func checkPlanName(ctx context.Context, tx *db.Tx, key string, owner *int64, self int64) error {
	var p gen.Plan
	var err error
	if owner == nil {
		p, err = tx.GetCatalogPlanByNameKey(ctx, key)
	} else {
		p, err = tx.GetCustomPlanByNameKey(ctx, gen.GetCustomPlanByNameKeyParams{SubAccountID: owner, NameKey: key})
	}
	if errors.Is(err, db.ErrNoRows) || err == nil && p.ID == self {
		return nil
	}
	if err != nil {
		return Internal("check the plan name", err)
	}
	msg := fmt.Sprintf("A plan named “%s” already exists.", p.Name)
	return &Error{Code: CodeConflict, Message: msg, Fields: map[string]string{"name": msg}}
}

// createPlan stores a new plan of owner's scope and its version 1.
func createPlan(ctx context.Context, tx *db.Tx, d planDraft, owner *int64, now int64) (gen.Plan, gen.PlanVersion, error) {
	if err := checkPlanName(ctx, tx, d.key, owner, 0); err != nil {
		return gen.Plan{}, gen.PlanVersion{}, err
	}
	p, err := tx.CreatePlan(ctx, gen.CreatePlanParams{Name: d.name, NameKey: d.key, SubAccountID: owner, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return gen.Plan{}, gen.PlanVersion{}, Internal("create the plan", err)
	}
	v, err := addVersion(ctx, tx, p.ID, 1, d.terms, now)
	return p, v, err
}

// addVersion stores version n of a plan.
func addVersion(ctx context.Context, tx *db.Tx, planID, n int64, t planTerms, now int64) (gen.PlanVersion, error) {
	v, err := tx.CreatePlanVersion(ctx, gen.CreatePlanVersionParams{
		PlanID: planID, Version: n, PriceMinor: t.PriceMinor, Currency: t.Currency, Interval: string(t.Interval),
		IncludedMinutes: t.IncludedMinutes, OverageMicros: t.OverageMicros, Bullets: bulletsJSON(t.Bullets), CreatedAt: now,
	})
	if err != nil {
		return gen.PlanVersion{}, Internal("save the plan", err)
	}
	return v, nil
}

// latestVersion reads a plan's newest version and its terms.
func latestVersion(ctx context.Context, q db.Queries, planID int64) (gen.PlanVersion, planTerms, error) {
	v, err := q.GetLatestPlanVersion(ctx, planID)
	if err != nil {
		return gen.PlanVersion{}, planTerms{}, Internal("load the plan", err)
	}
	t, err := termsOf(v)
	if err != nil {
		return gen.PlanVersion{}, planTerms{}, Internal("load the plan", err)
	}
	return v, t, nil
}

// revisePlan applies a validated edit to a plan: the name changes in place;
// a change of terms or wording adds a version. When only the wording
// changed, the offers of the newest version follow it to the new one (their
// terms are the same); a change of terms leaves every offer where it is.
// It returns what changed, in words (nil: nothing), and the newest version.
func revisePlan(ctx context.Context, tx *db.Tx, p gen.Plan, d planDraft, now int64) ([]string, gen.PlanVersion, error) {
	latest, old, err := latestVersion(ctx, tx.Queries, p.ID)
	if err != nil {
		return nil, latest, err
	}
	var changes []string
	if d.name != p.Name {
		if err := checkPlanName(ctx, tx, d.key, p.SubAccountID, p.ID); err != nil {
			return nil, latest, err
		}
		if err := tx.RenamePlan(ctx, gen.RenamePlanParams{Name: d.name, NameKey: d.key, UpdatedAt: now, ID: p.ID}); err != nil {
			return nil, latest, Internal("rename the plan", err)
		}
		changes = append(changes, fmt.Sprintf("renamed “%s” to “%s”", p.Name, d.name))
	}
	diff := describeChange(old, d.terms)
	if len(diff) == 0 {
		return changes, latest, nil
	}
	next, err := addVersion(ctx, tx, p.ID, latest.Version+1, d.terms, now)
	if err != nil {
		return nil, latest, err
	}
	if sameTerms(old, d.terms) {
		if err := tx.MoveOffersBetweenVersions(ctx, gen.MoveOffersBetweenVersionsParams{
			ToVersionID: next.ID, PlanID: p.ID, FromVersionID: latest.ID}); err != nil {
			return nil, latest, Internal("save the plan", err)
		}
	}
	changes = append(changes, diff...)
	changes = append(changes, fmt.Sprintf("now version %d", next.Version))
	return changes, next, nil
}

// writeOrder gives the offers of a sub-account the positions 0, 1, ... in
// the order of planIDs.
func writeOrder(ctx context.Context, tx *db.Tx, subAccountID int64, planIDs []int64) error {
	for i, id := range planIDs {
		if err := tx.SetOfferPosition(ctx, gen.SetOfferPositionParams{Position: int64(i), SubAccountID: subAccountID, PlanID: id}); err != nil {
			return Internal("order the plans", err)
		}
	}
	return nil
}

// compactOrder renumbers a sub-account's offers 0, 1, ... in their order,
// after one was removed.
func compactOrder(ctx context.Context, tx *db.Tx, subAccountID int64) error {
	rows, err := tx.ListOfferedPlans(ctx, subAccountID)
	if err != nil {
		return Internal("order the plans", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.PlanID
	}
	return writeOrder(ctx, tx, subAccountID, ids)
}

// planSubject is a plan as audit entries name it.
func planSubject(p gen.Plan) Subject {
	return Subject{Kind: "plan", ID: fmt.Sprint(p.ID), Name: p.Name}
}

// nameList writes up to three names and how many more: "A, B, C and 2 more".
func nameList(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
