package backend

import (
	"errors"
	"fmt"
	"slices"

	"switchboard/db"
	"switchboard/db/gen"
)

// checkPlanSet is the first look at the plans a bulk offer offers: at least
// one, each once, in the catalog, not archived, all in one currency (each
// batch checks them again as it offers them). Errors: invalid on "planIds";
// not_found; conflict (archived).
func (s *PricingService) checkPlanSet(planIDs []int64) error {
	if len(planIDs) == 0 {
		return FieldError("planIds", "Choose at least one plan to offer.")
	}
	currency := ""
	for i, id := range planIDs {
		if slices.Contains(planIDs[:i], id) {
			return FieldError("planIds", "Each plan can be offered once.")
		}
		p, err := getPlan(s.ctx, s.store.Queries, id, nil)
		if err != nil {
			return err
		}
		if p.ArchivedAt != nil {
			return Errorf(CodeConflict, "“%s” is archived: it cannot be newly offered.", p.Name)
		}
		_, terms, err := latestVersion(s.ctx, s.store.Queries, id)
		if err != nil {
			return err
		}
		if currency != "" && terms.Currency != currency {
			return FieldError("planIds", fmt.Sprintf("The plans offered together share one currency: %s and %s differ.", currency, terms.Currency))
		}
		currency = terms.Currency
	}
	return nil
}

// offerChunk offers the plans to each target inside the caller's
// transaction with Offer's rules, so that the first of planIDs is shown
// first; a plan already offered is left as it is, and a target whose
// plans are in another currency is skipped. Each offer is audited on its
// sub-account.
func (s *PricingService) offerChunk(tx *db.Tx, planIDs []int64, targets []gen.SubAccount, n *batchCounts) error {
	var entries []Entry
	for _, t := range targets {
		offeredAny, skipped := false, false
		for _, planID := range slices.Backward(planIDs) {
			offers, err := loadOffers(s.ctx, tx.Queries, t.ID)
			if err != nil {
				return err
			}
			if findOffer(offers, planID) != nil {
				continue
			}
			e, err := s.offerIn(tx, t.ID, planID, offers)
			var coded *Error
			if errors.As(err, &coded) && coded.Fields["currency"] != "" {
				skipped = true
				break
			}
			if err != nil {
				return err
			}
			e.SubAccount = refOf(t)
			entries = append(entries, *e)
			offeredAny = true
		}
		switch {
		case skipped:
			n.skipped++
		case offeredAny:
			n.changed++
		default:
			n.unchanged++
		}
	}
	if err := s.audit.recordMany(s.ctx, tx, entries); err != nil {
		return Internal("offer the plans", err)
	}
	return nil
}
