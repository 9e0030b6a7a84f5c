package backend

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of the plan catalog.
var (
	ActionPlanCreate       = defineAction("plan.create", "Created plan")
	ActionPlanUpdate       = defineAction("plan.update", "Edited plan")
	ActionPlanArchive      = defineAction("plan.archive", "Archived plan")
	ActionPlanUnarchive    = defineAction("plan.unarchive", "Restored plan")
	ActionPlanDelete       = defineAction("plan.delete", "Deleted plan")
	ActionPlanMoveToLatest = defineAction("plan.move_to_latest", "Moved to the latest plan version")
)

// PlanQuery selects the catalog list: archived plans are left out unless
// IncludeArchived.
type PlanQuery struct {
	IncludeArchived bool `json:"includeArchived"`
}

// OfferingSubAccount is a sub-account that offers a plan, and the version
// it offers.
type OfferingSubAccount struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Version int64  `json:"version"`
}

// PlanImpact is who an edit of a plan concerns: the sub-accounts that offer
// it (by name), how many, how many of those already keep an older version,
// and Message, the sentence the edit dialog shows.
type PlanImpact struct {
	PlanID    int64                `json:"planId"`
	OfferedBy []OfferingSubAccount `json:"offeredBy"`
	Count     int                  `json:"count"`
	OldTerms  int                  `json:"oldTerms"`
	Message   string               `json:"message"`
}

// PlanService is the agency's plan catalog (the "Plans" page): plans any
// sub-account may offer. A change of a plan's terms makes a new version;
// the sub-accounts that offer the plan keep the version they offer until
// MoveToLatest moves them. Every change is audited in its transaction.
type PlanService struct {
	ctx   context.Context
	store *db.Store
	audit auditor
}

// NewPlanService returns the catalog service; audit records every change and
// gives the clock.
func NewPlanService(ctx context.Context, store *db.Store, audit auditor) *PlanService {
	return &PlanService{ctx: ctx, store: store, audit: audit}
}

// Currencies lists the currencies a plan may be priced in, with their
// symbols and decimals, for the currency picker.
func (s *PlanService) Currencies() []Currency { return Currencies() }

// ParsePrice reads a price typed in the currency's major unit ("49.00") as
// minor units, for priceMinor. Errors: invalid (see ParseMoney).
func (s *PlanService) ParsePrice(text, currency string) (int64, error) {
	return ParseMoney(text, currency)
}

// ParseRate reads an overage rate typed in the currency's major unit per
// minute ("0.035") as micros, for overageMicros. Errors: invalid (see
// ParseRate).
func (s *PlanService) ParseRate(text, currency string) (int64, error) {
	return ParseRate(text, currency)
}

// List returns the catalog plans at their newest version, by name.
func (s *PlanService) List(q PlanQuery) ([]Plan, error) {
	return catalogPlans(s.ctx, s.store.Queries, gen.ListCatalogPlansParams{IncludeArchived: boolInt(q.IncludeArchived), PlanID: 0})
}

func catalogPlans(ctx context.Context, q db.Queries, p gen.ListCatalogPlansParams) ([]Plan, error) {
	rows, err := q.ListCatalogPlans(ctx, p)
	if err != nil {
		return nil, Internal("load the plans", err)
	}
	out := make([]Plan, 0, len(rows))
	for _, r := range rows {
		plan, err := toPlan(r)
		if err != nil {
			return nil, Internal("load the plans", err)
		}
		out = append(out, plan)
	}
	return out, nil
}

// catalogPlan reads one catalog plan as List shows it.
func catalogPlan(ctx context.Context, q db.Queries, id int64) (Plan, error) {
	plans, err := catalogPlans(ctx, q, gen.ListCatalogPlansParams{IncludeArchived: 1, PlanID: id})
	if err != nil {
		return Plan{}, err
	}
	if len(plans) == 0 {
		return Plan{}, Errorf(CodeNotFound, "That plan no longer exists.")
	}
	return plans[0], nil
}

// Create adds a plan to the catalog at version 1. Errors: invalid (field
// errors, see PlanInput's rules); conflict on "name" (a catalog plan has
// that name, whatever its case).
func (s *PlanService) Create(in PlanInput) (Plan, error) {
	d, err := validatePlan(in)
	if err != nil {
		return Plan{}, err
	}
	var out Plan
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		p, _, err := createPlan(s.ctx, tx, d, nil, s.audit.now().UnixMilli())
		if err != nil {
			return err
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPlanCreate, Subject: planSubject(p),
			Summary: fmt.Sprintf("Created plan “%s”: %s", p.Name, describeTerms(d.terms))}); err != nil {
			return Internal("create the plan", err)
		}
		out, err = catalogPlan(s.ctx, tx.Queries, p.ID)
		return err
	})
	return out, err
}

// Impact says which sub-accounts an edit of the plan concerns. Errors:
// not_found.
func (s *PlanService) Impact(planID int64) (PlanImpact, error) {
	var out PlanImpact
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		if _, err := getPlan(s.ctx, tx.Queries, planID, nil); err != nil {
			return err
		}
		latest, _, err := latestVersion(s.ctx, tx.Queries, planID)
		if err != nil {
			return err
		}
		rows, err := tx.ListPlanOfferers(s.ctx, planID)
		if err != nil {
			return Internal("load the plan", err)
		}
		out = PlanImpact{PlanID: planID, OfferedBy: make([]OfferingSubAccount, 0, len(rows)), Count: len(rows)}
		for _, r := range rows {
			out.OfferedBy = append(out.OfferedBy, OfferingSubAccount{ID: r.SubAccountID, Name: r.Name, Version: r.Version})
			if r.PlanVersionID != latest.ID {
				out.OldTerms++
			}
		}
		switch out.Count {
		case 0:
			out.Message = "No sub-account offers it."
		case 1:
			out.Message = "1 sub-account offers it; it keeps the old terms until moved."
		default:
			out.Message = fmt.Sprintf("%s sub-accounts offer it; they keep the old terms until moved.", thousands(out.Count))
		}
		return nil
	})
	return out, err
}

// Update edits a catalog plan. The name and the bullets change for
// everyone: a new name in place (still unique), new bullets as a new
// version to which the offers of the newest version move at once. A change
// of price, currency, interval, minutes or overage makes a new version that
// nobody offers yet: the sub-accounts offering the plan keep their version
// until MoveToLatest. An edit that changes nothing is not audited. Errors:
// not_found; invalid (field errors); conflict on "name".
func (s *PlanService) Update(planID int64, in PlanInput) (Plan, error) {
	d, err := validatePlan(in)
	if err != nil {
		return Plan{}, err
	}
	var out Plan
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		p, err := getPlan(s.ctx, tx.Queries, planID, nil)
		if err != nil {
			return err
		}
		changes, _, err := revisePlan(s.ctx, tx, p, d, s.audit.now().UnixMilli())
		if err != nil {
			return err
		}
		if out, err = catalogPlan(s.ctx, tx.Queries, planID); err != nil || len(changes) == 0 {
			return err
		}
		summary := fmt.Sprintf("Edited plan “%s”: %s", p.Name, strings.Join(changes, "; "))
		if out.OfferedOldTerms > 0 {
			verb := "keep"
			if out.OfferedOldTerms == 1 {
				verb = "keeps"
			}
			summary += fmt.Sprintf("; %s %s older terms until moved", plural(int64(out.OfferedOldTerms), "sub-account", "sub-accounts"), verb)
		}
		p.Name = out.Name
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPlanUpdate, Subject: planSubject(p), Summary: summary}); err != nil {
			return Internal("save the plan", err)
		}
		return nil
	})
	return out, err
}

// MoveToLatest points the offers of the plan by the given sub-accounts
// (every sub-account offering it when the list is empty) at its newest
// version, and returns how many offers moved (those already there do not
// count). Each move is audited for its sub-account. Nothing moves when one
// of them fails. Errors: not_found; invalid on "subAccountIds" (a
// sub-account that does not offer the plan); conflict on "subAccountIds"
// (the newest version is in another currency than the other plans some of
// them offer, named).
func (s *PlanService) MoveToLatest(planID int64, subAccountIDs []int64) (int, error) {
	moved := 0
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		p, err := getPlan(s.ctx, tx.Queries, planID, nil)
		if err != nil {
			return err
		}
		latest, terms, err := latestVersion(s.ctx, tx.Queries, planID)
		if err != nil {
			return err
		}
		rows, err := tx.ListPlanOfferers(s.ctx, planID)
		if err != nil {
			return Internal("move the plan's offers", err)
		}
		targets, err := moveTargets(rows, subAccountIDs, p.Name, latest.ID)
		if err != nil {
			return err
		}
		var clash []string
		for _, r := range targets {
			if cur, err := offeredCurrency(s.ctx, tx.Queries, r.SubAccountID, planID); err != nil {
				return err
			} else if cur != "" && cur != terms.Currency {
				clash = append(clash, r.Name)
			}
		}
		if len(clash) > 0 {
			msg := fmt.Sprintf("The newest version of “%s” is in %s, but %s offer other plans in another currency: the plans offered to one sub-account share one currency.",
				p.Name, terms.Currency, nameList(clash))
			return &Error{Code: CodeConflict, Message: msg, Fields: map[string]string{"subAccountIds": msg}}
		}
		for _, r := range targets {
			if err := tx.SetOfferVersion(s.ctx, gen.SetOfferVersionParams{PlanVersionID: latest.ID, SubAccountID: r.SubAccountID, PlanID: planID}); err != nil {
				return Internal("move the plan's offers", err)
			}
			if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPlanMoveToLatest, SubAccount: &SubAccountRef{ID: r.SubAccountID, Name: r.Name},
				Subject: planSubject(p), Summary: fmt.Sprintf("Moved “%s” from version %d to version %d: %s", p.Name, r.Version, latest.Version, describeTerms(terms)),
			}); err != nil {
				return Internal("move the plan's offers", err)
			}
		}
		moved = len(targets)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}

// moveTargets picks the offers MoveToLatest moves: those of ids (all when
// empty) not yet at the newest version. Errors: invalid on "subAccountIds".
func moveTargets(rows []gen.ListPlanOfferersRow, ids []int64, planName string, latestID int64) ([]gen.ListPlanOfferersRow, error) {
	for _, id := range ids {
		if !slices.ContainsFunc(rows, func(r gen.ListPlanOfferersRow) bool { return r.SubAccountID == id }) {
			return nil, FieldError("subAccountIds", fmt.Sprintf("One of the chosen sub-accounts does not offer “%s”.", planName))
		}
	}
	var out []gen.ListPlanOfferersRow
	for _, r := range rows {
		if (len(ids) == 0 || slices.Contains(ids, r.SubAccountID)) && r.PlanVersionID != latestID {
			out = append(out, r)
		}
	}
	return out, nil
}
