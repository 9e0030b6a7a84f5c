package backend

import (
	"context"
	"fmt"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of a sub-account's pricing.
var (
	ActionPricingVisibility = defineAction("pricing.visibility", "Pricing visibility")
	ActionPricingOffer      = defineAction("pricing.offer", "Offered plan")
	ActionPricingWithdraw   = defineAction("pricing.withdraw", "Withdrew plan")
	ActionPricingReorder    = defineAction("pricing.reorder", "Reordered plans")
	ActionPricingPopular    = defineAction("pricing.popular", "Popular plan")
	ActionPricingCustomNew  = defineAction("pricing.custom_create", "Created custom plan")
	ActionPricingCustomEdit = defineAction("pricing.custom_update", "Edited custom plan")
	ActionPricingCustomDel  = defineAction("pricing.custom_delete", "Deleted custom plan")
)

// PricingService serves a sub-account's Pricing tab: whether pricing shows
// in the customer's application, which plans it offers, in which order and
// at which version, which one is marked popular, and its custom plans.
// Rules: the last plan offered is shown first; the plans offered to one
// sub-account share one currency; an archived plan is not newly offered;
// at most one offered plan is popular. Every change is audited in its
// transaction and returns the new view; a change that changes nothing is
// not audited; refused input changes nothing.
type PricingService struct {
	ctx   context.Context
	store *db.Store
	audit auditor
}

// NewPricingService returns the service; audit records every change and
// gives the clock.
func NewPricingService(ctx context.Context, store *db.Store, audit auditor) *PricingService {
	return &PricingService{ctx: ctx, store: store, audit: audit}
}

// Get returns the sub-account's Pricing tab. Errors: not_found.
func (s *PricingService) Get(subAccountID int64) (PricingView, error) {
	var view PricingView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		var err error
		view, err = pricingView(s.ctx, tx.Queries, subAccountID)
		return err
	})
	return view, err
}

// change runs one change of a sub-account's pricing in a transaction: fn
// reads the sub-account's offers there, writes, and returns the audit entry
// (nil when nothing changed); then the view is read in the same
// transaction.
func (s *PricingService) change(subAccountID int64, fn func(tx *db.Tx, offers []OfferedPlan) (*Entry, error)) (PricingView, error) {
	var view PricingView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		offers, err := loadOffers(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		e, err := fn(tx, offers)
		if err != nil {
			return err
		}
		if e != nil {
			e.SubAccount = refOf(sub)
			if err := s.audit.record(s.ctx, tx, *e); err != nil {
				return Internal("save the pricing", err)
			}
		}
		view, err = pricingView(s.ctx, tx.Queries, subAccountID)
		return err
	})
	return view, err
}

// SetShowPricing shows or hides pricing in the customer's application.
// Errors: not_found.
func (s *PricingService) SetShowPricing(subAccountID int64, show bool) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, _ []OfferedPlan) (*Entry, error) {
		cur, err := showPricing(s.ctx, tx.Queries, subAccountID)
		if err != nil || cur == show {
			return nil, err
		}
		if err := tx.UpsertPricingSettings(s.ctx, gen.UpsertPricingSettingsParams{SubAccountID: subAccountID, ShowPricing: boolInt(show)}); err != nil {
			return nil, Internal("save the pricing", err)
		}
		e := &Entry{Action: ActionPricingVisibility, Summary: "Pricing shown in the customer's application"}
		if !show {
			e.Summary = "Pricing hidden in the customer's application"
		}
		return e, nil
	})
}

// Offer offers a catalog plan, at its newest version, to the sub-account:
// it is shown first, before every plan offered earlier (offer B, then C,
// then A: the order is A, C, B). Errors: not_found (sub-account or plan);
// conflict (the plan is archived, or already offered); invalid on
// "currency" (the sub-account's other plans are in another currency).
func (s *PricingService) Offer(subAccountID, planID int64) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		return s.offerIn(tx, subAccountID, planID, offers)
	})
}

// offerIn is Offer inside the caller's transaction, given the sub-account's
// offers read there; it returns the audit entry without the sub-account.
func (s *PricingService) offerIn(tx *db.Tx, subAccountID, planID int64, offers []OfferedPlan) (*Entry, error) {
	if o := findOffer(offers, planID); o != nil {
		return nil, Errorf(CodeConflict, "“%s” is already offered to this sub-account.", o.Name)
	}
	p, err := getPlan(s.ctx, tx.Queries, planID, nil)
	if err != nil {
		return nil, err
	}
	if p.ArchivedAt != nil {
		return nil, Errorf(CodeConflict, "“%s” is archived: it cannot be newly offered.", p.Name)
	}
	latest, terms, err := latestVersion(s.ctx, tx.Queries, planID)
	if err != nil {
		return nil, err
	}
	if err := checkCurrency(offers, planID, terms.Currency); err != nil {
		return nil, err
	}
	if err := offerFirst(s.ctx, tx, subAccountID, planID, latest.ID, offers); err != nil {
		return nil, err
	}
	return &Entry{Action: ActionPricingOffer, Subject: planSubject(p),
		Summary: fmt.Sprintf("Offered “%s” (version %d: %s), shown first", p.Name, latest.Version, describeTerms(terms))}, nil
}

// offerFirst stores an offer of the plan's version before every other.
func offerFirst(ctx context.Context, tx *db.Tx, subAccountID, planID, versionID int64, offers []OfferedPlan) error {
	if err := tx.CreateOffer(ctx, gen.CreateOfferParams{SubAccountID: subAccountID, PlanID: planID,
		PlanVersionID: versionID, Position: int64(len(offers))}); err != nil {
		return Internal("offer the plan", err)
	}
	order := []int64{planID}
	for _, o := range offers {
		order = append(order, o.PlanID)
	}
	return writeOrder(ctx, tx, subAccountID, order)
}

// checkCurrency refuses a plan in currency when the sub-account offers other
// plans (besides planID) in another. Errors: invalid on "currency".
func checkCurrency(offers []OfferedPlan, planID int64, currency string) error {
	for _, o := range offers {
		if o.PlanID != planID && o.Currency != currency {
			return FieldError("currency", fmt.Sprintf(
				"The plans offered to one sub-account share one currency: this one is in %s, the others in %s.", currency, o.Currency))
		}
	}
	return nil
}

func findOffer(offers []OfferedPlan, planID int64) *OfferedPlan {
	for i := range offers {
		if offers[i].PlanID == planID {
			return &offers[i]
		}
	}
	return nil
}

// offered finds an offer or says it is not there. Errors: not_found.
func offered(offers []OfferedPlan, planID int64) (*OfferedPlan, error) {
	if o := findOffer(offers, planID); o != nil {
		return o, nil
	}
	return nil, Errorf(CodeNotFound, "That plan is not offered to this sub-account.")
}

// Withdraw stops offering a catalog plan to the sub-account. Errors:
// not_found (sub-account, or the plan is not offered); conflict (a custom
// plan: DeleteCustom removes it).
func (s *PricingService) Withdraw(subAccountID, planID int64) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		o, err := offered(offers, planID)
		if err != nil {
			return nil, err
		}
		if o.Custom {
			return nil, Errorf(CodeConflict, "“%s” exists only for this sub-account: delete it instead.", o.Name)
		}
		if _, err := tx.DeleteOffer(s.ctx, gen.DeleteOfferParams{SubAccountID: subAccountID, PlanID: planID}); err != nil {
			return nil, Internal("withdraw the plan", err)
		}
		if err := compactOrder(s.ctx, tx, subAccountID); err != nil {
			return nil, err
		}
		return &Entry{Action: ActionPricingWithdraw, Subject: Subject{Kind: "plan", ID: fmt.Sprint(planID), Name: o.Name},
			Summary: fmt.Sprintf("Withdrew “%s”", o.Name)}, nil
	})
}

// Reorder sets the display order: planIDs lists every offered plan once,
// first shown first. Errors: not_found; invalid on "planIds" (not exactly
// the offered plans).
func (s *PricingService) Reorder(subAccountID int64, planIDs []int64) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		seen := map[int64]bool{}
		for _, id := range planIDs {
			if seen[id] || findOffer(offers, id) == nil {
				break
			}
			seen[id] = true
		}
		if len(seen) != len(planIDs) || len(planIDs) != len(offers) {
			return nil, FieldError("planIds", "List every offered plan exactly once, in the new order.")
		}
		return s.reorder(tx, subAccountID, offers, planIDs, "Reordered the plans")
	})
}

// Move moves an offered plan one place: by -1 up (shown earlier), +1 down.
// Moving the first plan up or the last down changes nothing (a keyboard
// move at the edge is a no-op, not an error). Errors: not_found; invalid
// on "by" (not -1 or +1).
func (s *PricingService) Move(subAccountID, planID int64, by int) (PricingView, error) {
	if by != -1 && by != 1 {
		return PricingView{}, FieldError("by", "Move a plan one place at a time: -1 up, +1 down.")
	}
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		o, err := offered(offers, planID)
		if err != nil {
			return nil, err
		}
		order := make([]int64, len(offers))
		i := 0
		for k, x := range offers {
			order[k] = x.PlanID
			if x.PlanID == planID {
				i = k
			}
		}
		j := i + by
		if j < 0 || j >= len(order) {
			return nil, nil
		}
		order[i], order[j] = order[j], order[i]
		dir := "down"
		if by < 0 {
			dir = "up"
		}
		return s.reorder(tx, subAccountID, offers, order, fmt.Sprintf("Moved “%s” %s", o.Name, dir))
	})
}

// reorder writes a new order and says it; the same order changes nothing.
func (s *PricingService) reorder(tx *db.Tx, subAccountID int64, offers []OfferedPlan, order []int64, what string) (*Entry, error) {
	names := make([]string, len(order))
	same := true
	for i, id := range order {
		names[i] = findOffer(offers, id).Name
		same = same && offers[i].PlanID == id
	}
	if same {
		return nil, nil
	}
	if err := writeOrder(s.ctx, tx, subAccountID, order); err != nil {
		return nil, err
	}
	return &Entry{Action: ActionPricingReorder, Summary: what + ": " + strings.Join(names, ", ")}, nil
}

// SetPopular marks an offered plan popular, or removes the mark. At most
// one plan of a sub-account is popular: marking one removes the mark from
// the one that had it. Errors: not_found.
func (s *PricingService) SetPopular(subAccountID, planID int64, popular bool) (PricingView, error) {
	return s.change(subAccountID, func(tx *db.Tx, offers []OfferedPlan) (*Entry, error) {
		o, err := offered(offers, planID)
		if err != nil || o.Popular == popular {
			return nil, err
		}
		summary := fmt.Sprintf("Removed the popular mark from “%s”", o.Name)
		if popular {
			summary = fmt.Sprintf("Marked “%s” popular", o.Name)
			for _, x := range offers {
				if x.Popular {
					summary += fmt.Sprintf(" instead of “%s”", x.Name)
				}
			}
			if err := tx.ClearPopularOffers(s.ctx, subAccountID); err != nil {
				return nil, Internal("mark the plan popular", err)
			}
		}
		if err := tx.SetOfferPopular(s.ctx, gen.SetOfferPopularParams{Popular: boolInt(popular), SubAccountID: subAccountID, PlanID: planID}); err != nil {
			return nil, Internal("mark the plan popular", err)
		}
		return &Entry{Action: ActionPricingPopular, Subject: Subject{Kind: "plan", ID: fmt.Sprint(planID), Name: o.Name}, Summary: summary}, nil
	})
}
