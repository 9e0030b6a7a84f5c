package backend

import (
	"context"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// NewSubAccount is one sub-account of a batch (SubAccountTx.CreateMany).
// Status is StatusActive ("" means active) or StatusInactive. Provider is
// the provider the caller connects it to in the same transaction ("" for
// none). Details, when set, follow in the audit entry's summary (what else
// the row set up, an import's file and row).
type NewSubAccount struct {
	Name     string
	Status   string
	Provider string
	Details  string
}

// newSubAccountRow is a row of CreateSubAccounts.
type newSubAccountRow struct {
	Name     string `json:"name"`
	NameKey  string `json:"name_key"`
	Status   string `json:"status"`
	Provider string `json:"provider"`
}

// CreateMany is Create for many sub-accounts inside the caller's
// transaction: the same name rules (a name taken in the database or twice in
// the batch is a conflict), the same OnCreate work of every area, one
// "Created" audit entry each; but one statement inserts them all, the areas
// set them up together, and their audit rows go in one statement. The rows
// come back in the order given. Errors: invalid or conflict on field
// "name", naming the sub-account; nothing is written then.
func (s SubAccountTx) CreateMany(ctx context.Context, tx *db.Tx, in []NewSubAccount) ([]gen.SubAccount, error) {
	if len(in) == 0 {
		return []gen.SubAccount{}, nil
	}
	rows := make([]newSubAccountRow, len(in))
	keys := make([]string, len(in))
	seen := make(map[string]string, len(in))
	for i, n := range in {
		name, key, err := normalizeName(n.Name)
		if err != nil {
			return nil, err
		}
		status := n.Status
		if status == "" {
			status = StatusActive
		}
		if status != StatusActive && status != StatusInactive {
			return nil, FieldError("status", msgStatus)
		}
		if n.Provider != "" && !knownProvider(n.Provider) {
			return nil, FieldError("provider", fmt.Sprintf("Unknown voice provider %q.", n.Provider))
		}
		if first, dup := seen[key]; dup {
			return nil, nameTaken(first)
		}
		seen[key] = name
		rows[i], keys[i] = newSubAccountRow{Name: name, NameKey: key, Status: status, Provider: n.Provider}, key
	}
	taken, err := tx.ListTakenNameKeys(ctx, jsonText(keys))
	if err != nil {
		return nil, Internal("create the sub-accounts", err)
	}
	if len(taken) > 0 {
		return nil, nameTaken(seen[taken[0]])
	}
	created, err := tx.CreateSubAccounts(ctx, gen.CreateSubAccountsParams{At: s.audit.now().UnixMilli(), Rows: jsonText(rows)})
	if err != nil {
		return nil, Internal("create the sub-accounts", err)
	}
	if err := s.hooks.onCreateMany(ctx, tx, created); err != nil {
		return nil, asError(err, "create the sub-accounts")
	}
	entries := make([]Entry, len(created))
	for i, row := range created {
		summary := fmt.Sprintf("Created sub-account “%s”", row.Name)
		if row.Status == StatusInactive {
			summary += ", Inactive"
		}
		if in[i].Details != "" {
			summary += "; " + in[i].Details
		}
		entries[i] = Entry{Action: ActionSubAccountCreate, SubAccount: refOf(row), Summary: summary}
	}
	if err := s.audit.recordMany(ctx, tx, entries); err != nil {
		return nil, Internal("create the sub-accounts", err)
	}
	return created, nil
}

// nameTaken is the conflict of a name that exists already.
func nameTaken(name string) *Error {
	msg := fmt.Sprintf("A sub-account named “%s” already exists.", name)
	return &Error{Code: CodeConflict, Message: msg, Fields: map[string]string{"name": msg}}
}
