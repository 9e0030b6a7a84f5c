package backend

import (
	"context"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// auditRow is a row of CreateAuditEntries: the columns that differ from
// entry to entry.
type auditRow struct {
	Action         string `json:"action"`
	SubAccountID   *int64 `json:"sub_account_id"`
	SubAccountName string `json:"sub_account_name"`
	SubjectKind    string `json:"subject_kind"`
	SubjectID      string `json:"subject_id"`
	SubjectName    string `json:"subject_name"`
	Summary        string `json:"summary"`
}

// recordMany appends entries to the audit log in tx, in order, as record
// does each one (the actor read once, at the moment of recording), but in
// one statement: the log's search index is then written once for them all
// rather than once per entry, which is what makes a batch of 10,000 fast.
func (a auditor) recordMany(ctx context.Context, tx *db.Tx, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	actor := a.identity.Current()
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		if e.Action.Code == "" {
			return fmt.Errorf("audit entry without an action")
		}
		if actor.As != nil && actor.As.ReadOnly && !accessActions[e.Action.Code] {
			return errReadOnly // as record: a read-only Access Account session changes nothing
		}
		r := auditRow{Action: e.Action.Code, Summary: e.Summary, SubjectKind: e.Subject.Kind, SubjectID: e.Subject.ID, SubjectName: e.Subject.Name}
		if e.SubAccount != nil {
			r.SubAccountID, r.SubAccountName = &e.SubAccount.ID, e.SubAccount.Name
		}
		rows[i] = r
	}
	p := gen.CreateAuditEntriesParams{At: a.now().UnixMilli(), Actor: actor.OSUser, Entries: jsonText(rows)}
	if actor.As != nil {
		p.AsUser, p.AccessSessionID = actor.As.UserEmail, &actor.As.ID
	}
	if err := tx.CreateAuditEntries(ctx, p); err != nil {
		return fmt.Errorf("record %d audit entries: %w", len(entries), err)
	}
	return nil
}
