package backend

import (
	"encoding/json"
	"fmt"
	"strconv"

	"switchboard/db"
	"switchboard/db/gen"
)

// importNoCredentials is the state reason of a connection set up by an
// import: the file carries no secret.
const importNoCredentials = "Imported without credentials: save them in Provider Credentials."

// write creates the rows' sub-accounts through the batched path, then each
// one's provider connection (non-secret fields, Not verified), first user
// and license, with their audit entries naming the file and the row, all in
// tx.
func (s *ImportService) write(tx *db.Tx, fileName string, rows []importRow) error {
	if len(rows) == 0 {
		return nil
	}
	batch := make([]NewSubAccount, len(rows))
	for i, r := range rows {
		batch[i] = NewSubAccount{Name: r.name, Status: r.status, Note: importNote(fileName, r.row)}
	}
	created, err := s.subTx.CreateMany(s.ctx, tx, batch)
	if err != nil {
		return err
	}
	now := s.audit.now()
	var entries []Entry
	for i, r := range rows {
		sub, note := created[i], importNote(fileName, r.row)
		if r.provider != "" {
			e, err := s.connect(tx, sub, r, now.UnixMilli())
			if err != nil {
				return err
			}
			e.Summary += " (" + note + ")"
			entries = append(entries, e)
		}
		if r.user != nil {
			u, err := insertUser(s.ctx, tx, sub.ID, r.user.fields, r.user.email, r.user.key, now)
			if err != nil {
				return err
			}
			entries = append(entries, Entry{Action: ActionUserCreate, SubAccount: refOf(sub),
				Subject: Subject{Kind: "user", ID: strconv.FormatInt(u.ID, 10), Name: u.Name}, Summary: userAddedSummary(u) + " (" + note + ")"})
		}
	}
	if err := s.audit.recordMany(s.ctx, tx, entries); err != nil {
		return Internal("import the sub-accounts", err)
	}
	for i, r := range rows { // after the users: a license counts in its first Admin's zone
		if r.grant != nil {
			if err := s.licenses.add(tx, created[i], *r.grant, importNote(fileName, r.row)); err != nil {
				return err
			}
		}
	}
	return nil
}

// connect sets up the row's provider connection without credentials and
// returns its audit entry.
func (s *ImportService) connect(tx *db.Tx, sub gen.SubAccount, r importRow, now int64) (Entry, error) {
	settings, _ := json.Marshal(r.fields)
	if _, err := tx.UpsertProviderConnection(s.ctx, gen.UpsertProviderConnectionParams{
		SubAccountID: sub.ID, Provider: r.provider, Settings: string(settings), State: StateNotVerified,
		StateReason: importNoCredentials, CreatedAt: now, UpdatedAt: now,
	}); err != nil {
		return Entry{}, Internal("import the provider settings", err)
	}
	// No automatic sync until credentials are saved (Save Credentials turns it on).
	if err := s.providers.startSyncState(tx, sub.ID, r.provider, false, now); err != nil {
		return Entry{}, err
	}
	return Entry{Action: ActionProviderSave, SubAccount: refOf(sub),
		Summary: fmt.Sprintf("Set up %s without credentials: %s", providerName(r.provider), stateLabel(StateNotVerified))}, nil
}

// importNote names the file and row in an audit summary.
func importNote(fileName string, row int) string {
	return fmt.Sprintf("imported from %s, row %d", fileName, row)
}
