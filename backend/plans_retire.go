package backend

import (
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// Archive takes a catalog plan off the list of plans that may be newly
// offered; the sub-accounts that offer it keep it. Archiving an archived
// plan changes nothing. Errors: not_found.
func (s *PlanService) Archive(planID int64) (Plan, error) { return s.setArchived(planID, true) }

// Unarchive lets an archived plan be offered again. Errors: not_found.
func (s *PlanService) Unarchive(planID int64) (Plan, error) { return s.setArchived(planID, false) }

func (s *PlanService) setArchived(planID int64, archived bool) (Plan, error) {
	var out Plan
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		p, err := getPlan(s.ctx, tx.Queries, planID, nil)
		if err != nil {
			return err
		}
		if (p.ArchivedAt != nil) != archived {
			now := s.audit.now().UnixMilli()
			var at *int64
			e := Entry{Action: ActionPlanUnarchive, Subject: planSubject(p),
				Summary: fmt.Sprintf("Restored plan “%s”: it can be offered again", p.Name)}
			if archived {
				at = &now
				e.Action, e.Summary = ActionPlanArchive, fmt.Sprintf("Archived plan “%s”: it can no longer be newly offered", p.Name)
			}
			if err := tx.SetPlanArchived(s.ctx, gen.SetPlanArchivedParams{ArchivedAt: at, UpdatedAt: now, ID: planID}); err != nil {
				return Internal("archive the plan", err)
			}
			if err := s.audit.record(s.ctx, tx, e); err != nil {
				return Internal("archive the plan", err)
			}
		}
		out, err = catalogPlan(s.ctx, tx.Queries, planID)
		return err
	})
	return out, err
}

// Delete removes a catalog plan and all its versions. A plan that N > 0
// sub-accounts offer is deleted only when confirmRemoveFrom is N: it is
// then withdrawn from those N in the same transaction (each withdrawal
// audited for its sub-account). Errors: not_found; conflict on
// "confirmRemoveFrom" naming N and the first sub-accounts (nothing is
// deleted).
func (s *PlanService) Delete(planID int64, confirmRemoveFrom int) error {
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		p, err := getPlan(s.ctx, tx.Queries, planID, nil)
		if err != nil {
			return err
		}
		rows, err := tx.ListPlanOfferers(s.ctx, planID)
		if err != nil {
			return Internal("delete the plan", err)
		}
		n := len(rows)
		if n > 0 && confirmRemoveFrom != n {
			names := make([]string, n)
			for i, r := range rows {
				names[i] = r.Name
			}
			whom := fmt.Sprintf("all %d", n)
			if n == 1 {
				whom = "that sub-account"
			}
			msg := fmt.Sprintf("“%s” is offered by %s (%s): confirm removing it from %s to delete it.",
				p.Name, plural(int64(n), "sub-account", "sub-accounts"), nameList(names), whom)
			return &Error{Code: CodeConflict, Message: msg, Fields: map[string]string{"confirmRemoveFrom": msg}}
		}
		if _, err := tx.DeleteOffersOfPlan(s.ctx, planID); err != nil {
			return Internal("delete the plan", err)
		}
		for _, r := range rows {
			if err := compactOrder(s.ctx, tx, r.SubAccountID); err != nil {
				return err
			}
			if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPricingWithdraw, SubAccount: &SubAccountRef{ID: r.SubAccountID, Name: r.Name},
				Subject: planSubject(p), Summary: fmt.Sprintf("Withdrew “%s”: the plan was deleted from the catalog", p.Name)}); err != nil {
				return Internal("delete the plan", err)
			}
		}
		if _, err := tx.DeletePlan(s.ctx, planID); err != nil {
			return Internal("delete the plan", err)
		}
		summary := fmt.Sprintf("Deleted plan “%s”", p.Name)
		if n > 0 {
			summary += fmt.Sprintf(", withdrawn from %s", plural(int64(n), "sub-account", "sub-accounts"))
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPlanDelete, Subject: planSubject(p), Summary: summary}); err != nil {
			return Internal("delete the plan", err)
		}
		return nil
	})
}
