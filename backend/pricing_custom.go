package backend

import (
	"fmt"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// Custom plans exist only for one sub-account: they are not in the catalog,
// are offered (first) from the moment they are made, and go when they are
// deleted or when their sub-account is. Their names are unique among the
// sub-account's custom plans. An edit applies to the sub-account at once:
// a change of terms or wording is a new version, and the offer moves to it.

// CreateCustom makes a plan for this sub-account only and offers it first.
// Errors: not_found; invalid (field errors as for PlanService.Create, and
// "currency" when the sub-account's other plans are in another currency);
// conflict on "name" (another custom plan of the sub-account has it).
func (s *PricingService) CreateCustom(subAccountID int64, in PlanInput) (PricingView, error) {
	d, err := validatePlan(in)
	if err != nil {
		return PricingView{}, err
	}
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		if err := checkCurrency(offers, 0, d.terms.Currency); err != nil {
			return nil, err
		}
		p, v, err := createPlan(s.ctx, tx, d, &subAccountID, s.audit.now().UnixMilli())
		if err != nil {
			return nil, err
		}
		if err := offerFirst(s.ctx, tx, subAccountID, p.ID, v.ID, offers); err != nil {
			return nil, err
		}
		return &Entry{Action: ActionPricingCustomNew, Subject: planSubject(p),
			Summary: fmt.Sprintf("Created custom plan “%s”: %s, shown first", p.Name, describeTerms(d.terms))}, nil
	})
}

// UpdateCustom edits one of the sub-account's custom plans. Errors:
// not_found (sub-account, or not its custom plan); invalid (field errors,
// "currency" as for CreateCustom); conflict on "name".
func (s *PricingService) UpdateCustom(subAccountID, planID int64, in PlanInput) (PricingView, error) {
	d, err := validatePlan(in)
	if err != nil {
		return PricingView{}, err
	}
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		p, err := getPlan(s.ctx, tx.Queries, planID, &subAccountID)
		if err != nil {
			return nil, err
		}
		if err := checkCurrency(offers, planID, d.terms.Currency); err != nil {
			return nil, err
		}
		changes, latest, err := revisePlan(s.ctx, tx, p, d, s.audit.now().UnixMilli())
		if err != nil || len(changes) == 0 {
			return nil, err
		}
		if err := tx.SetOfferVersion(s.ctx, gen.SetOfferVersionParams{PlanVersionID: latest.ID, SubAccountID: subAccountID, PlanID: planID}); err != nil {
			return nil, Internal("save the plan", err)
		}
		p.Name = d.name
		return &Entry{Action: ActionPricingCustomEdit, Subject: planSubject(p),
			Summary: fmt.Sprintf("Edited custom plan “%s”: %s", p.Name, strings.Join(changes, "; "))}, nil
	})
}

// DeleteCustom deletes one of the sub-account's custom plans, its versions
// and its offer. Errors: not_found (sub-account, or not its custom plan).
func (s *PricingService) DeleteCustom(subAccountID, planID int64) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, _ []OfferedPlan) (*Entry, error) {
		p, err := getPlan(s.ctx, tx.Queries, planID, &subAccountID)
		if err != nil {
			return nil, err
		}
		if _, err := tx.DeleteOffer(s.ctx, gen.DeleteOfferParams{SubAccountID: subAccountID, PlanID: planID}); err != nil {
			return nil, Internal("delete the plan", err)
		}
		if _, err := tx.DeletePlan(s.ctx, planID); err != nil {
			return nil, Internal("delete the plan", err)
		}
		if err := compactOrder(s.ctx, tx, subAccountID); err != nil {
			return nil, err
		}
		return &Entry{Action: ActionPricingCustomDel, Subject: planSubject(p),
			Summary: fmt.Sprintf("Deleted custom plan “%s”", p.Name)}, nil
	})
}
