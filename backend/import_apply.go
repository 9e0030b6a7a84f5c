package backend

import (
	"encoding/json"
	"fmt"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// importNoCredentials is the state reason of a connection set up by an
// import: the file carries no secret.
const importNoCredentials = "Imported without credentials: save them in Provider Credentials."

// importConnection and importUserRow are rows of the batched inserts.
type importConnection struct {
	SubAccountID int64  `json:"sub_account_id"`
	Provider     string `json:"provider"`
	Settings     string `json:"settings"`
}

type importUserRow struct {
	SubAccountID int64  `json:"sub_account_id"`
	Name         string `json:"name"`
	Email        string `json:"email"`
	EmailKey     string `json:"email_key"`
	Role         string `json:"role"`
	TimeZone     string `json:"time_zone"`
}

// write creates the rows' sub-accounts through the batched path with their
// provider connections (non-secret fields, Not verified, no automatic sync
// until credentials are saved) and first users, then their licenses, all in
// tx. Each row has one audit entry saying all it set up, with the file and
// the row; a license addition has its own, as "Add to license" writes it.
func (s *ImportService) write(tx *db.Tx, fileName string, rows []importRow) error {
	if len(rows) == 0 {
		return nil
	}
	batch := make([]NewSubAccount, len(rows))
	for i, r := range rows {
		batch[i] = NewSubAccount{Name: r.name, Status: r.status, Provider: r.provider, Details: importDetails(fileName, r)}
	}
	created, err := s.subTx.CreateMany(s.ctx, tx, batch)
	if err != nil {
		return err
	}
	now := s.audit.now().UnixMilli()
	var conns []importConnection
	var users []importUserRow
	var ids []int64
	for i, r := range rows {
		id := created[i].ID
		if r.provider != "" {
			settings, _ := json.Marshal(r.fields)
			conns = append(conns, importConnection{SubAccountID: id, Provider: r.provider, Settings: string(settings)})
			ids = append(ids, id)
		}
		if u := r.user; u != nil {
			users = append(users, importUserRow{SubAccountID: id, Name: u.fields.Name, Email: u.email, EmailKey: u.key,
				Role: string(u.fields.Role), TimeZone: u.fields.TimeZone})
		}
	}
	if len(conns) > 0 {
		if err := tx.CreateUnverifiedConnections(s.ctx, gen.CreateUnverifiedConnectionsParams{Reason: importNoCredentials, At: now, Rows: jsonText(conns)}); err != nil {
			return Internal("import the provider settings", err)
		}
		if err := tx.CreateSyncStates(s.ctx, jsonText(ids)); err != nil {
			return Internal("import the provider settings", err)
		}
	}
	if len(users) > 0 {
		if _, err := tx.CreateFirstUsers(s.ctx, gen.CreateFirstUsersParams{At: now, Rows: jsonText(users)}); err != nil {
			return Internal("import the users", err)
		}
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

// importDetails is what a row set up besides the sub-account, and where it
// came from, for its audit entry.
func importDetails(fileName string, r importRow) string {
	var parts []string
	if r.provider != "" {
		parts = append(parts, fmt.Sprintf("%s settings without credentials (%s)", providerName(r.provider), stateLabel(StateNotVerified)))
	}
	if u := r.user; u != nil {
		parts = append(parts, fmt.Sprintf("first user %s “%s” <%s>, time zone %s", roleLabel(string(u.fields.Role)), u.fields.Name, u.email, u.fields.TimeZone))
	}
	parts = append(parts, importNote(fileName, r.row))
	return strings.Join(parts, "; ")
}

// importNote names the file and row in an audit summary.
func importNote(fileName string, row int) string {
	return fmt.Sprintf("imported from %s, row %d", fileName, row)
}
