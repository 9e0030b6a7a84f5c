package backend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"switchboard/backend/keychain"
	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// Connection states.
const (
	StateConnected   = "connected"
	StateInvalid     = "invalid"
	StateNotVerified = "not_verified"
)

// Audit actions of provider connections.
var (
	ActionProviderSave       = defineAction("provider.save", "Saved credentials")
	ActionProviderDisconnect = defineAction("provider.disconnect", "Removed provider")
)

// keyCheckTimeout bounds the key check made when credentials are saved.
const keyCheckTimeout = 20 * time.Second

// ProviderField is one credential field of a provider's form.
type ProviderField struct {
	Key         string `json:"key"`
	Label       string `json:"label"`
	Secret      bool   `json:"secret"`
	Placeholder string `json:"placeholder"`
	Help        string `json:"help"`
}

// ProviderInfo is a provider the admin can connect a sub-account to.
type ProviderInfo struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	PortalURL          string `json:"portalUrl"`
	ConcurrencyFromAPI bool   `json:"concurrencyFromApi"`
	// Reads says which of the provider's sources of calls are read and what
	// the provider does not make available.
	Reads  string          `json:"reads"`
	Fields []ProviderField `json:"fields"`
}

// Connection is a sub-account's provider connection as the window shows it.
// It never carries a secret: only SecretHint (e.g. "••••1a2b").
type Connection struct {
	SubAccountID int64             `json:"subAccountId"`
	Provider     string            `json:"provider"`
	ProviderName string            `json:"providerName"`
	Fields       map[string]string `json:"fields"`
	SecretHint   string            `json:"secretHint"`
	State        string            "json:\"state\" ts_type:\"'' | `${ConnectionState}`\""
	StateReason  string            `json:"stateReason"`
	CheckedAt    string            `json:"checkedAt"`
	AutoSync     bool              `json:"autoSync"`
	SyncPaused   bool              `json:"syncPaused"`
	Syncing      bool              `json:"syncing"`
	LastSyncAt   string            `json:"lastSyncAt"`
	LastError    string            `json:"lastError"`
	CallCount    int64             `json:"callCount"`
	// Accepted is true once the provider has accepted the credentials
	// (Connected, or a finished sync). A connection never accepted may be
	// replaced by another provider's credentials without "Change provider".
	Accepted bool `json:"accepted"`
	// Reads is the provider's ProviderInfo.Reads, "" without a provider.
	Reads string `json:"reads"`
	// Sync is the call-log sync as every screen shows it.
	Sync SyncStatus `json:"sync"`
}

// SaveCredentialsInput is what "Save Credentials" sends. A secret field left
// empty keeps the secret already saved for the same provider. SaveAnyway
// keeps credentials the provider refuses (a key activated later).
type SaveCredentialsInput struct {
	Provider   string            `json:"provider"`
	Fields     map[string]string `json:"fields"`
	SaveAnyway bool              `json:"saveAnyway"`
}

// ProviderService connects sub-accounts to their voice providers: it keeps
// secrets in the OS keychain and only non-secret metadata in SQLite.
type ProviderService struct {
	ctx      context.Context
	store    *db.Store
	adapters Adapters
	secrets  keychain.Secrets
	browser  Browser
	audit    auditor
	runs     *runs
}

// NewProviderService returns the service. runs is the registry of running
// syncs (a provider is not changed under one).
func NewProviderService(ctx context.Context, store *db.Store, adapters Adapters, secrets keychain.Secrets,
	browser Browser, audit auditor, runs *runs) *ProviderService {
	return &ProviderService{ctx: ctx, store: store, adapters: adapters, secrets: secrets, browser: browser, audit: audit, runs: runs}
}

// errNoProvider is the rule that a sub-account needs a voice provider first.
func errNoProvider() *Error { return Errorf(CodeInvalid, "Connect a voice provider first.") }

// Catalog lists the providers with their credential fields, in display order.
func (s *ProviderService) Catalog() []ProviderInfo {
	out := []ProviderInfo{}
	for _, a := range s.adapters.ordered() {
		info := a.Info()
		p := ProviderInfo{ID: info.ID, Name: info.Name, PortalURL: info.PortalURL, ConcurrencyFromAPI: info.ConcurrencyFromAPI,
			Reads: info.Reads, Fields: []ProviderField{}}
		for _, f := range a.Fields() {
			p.Fields = append(p.Fields, ProviderField(f))
		}
		out = append(out, p)
	}
	return out
}

// Get returns the sub-account's connection; Provider is "" when none is set
// up. Errors: not_found.
func (s *ProviderService) Get(subAccountID int64) (Connection, error) {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return Connection{}, err
	}
	conn, err := findConnection(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return Connection{}, err
	}
	return s.connectionView(s.store.Queries, sub, conn)
}

// findConnection reads the sub-account's connection; nil when it has none.
func findConnection(ctx context.Context, q db.Queries, id int64) (*gen.ProviderConnection, error) {
	conn, err := q.GetProviderConnection(ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, Internal("load the connection", err)
	}
	return &conn, nil
}

// connectionView builds the Connection of sub's conn (nil: none), reading
// the sync state and the call count through q.
func (s *ProviderService) connectionView(q db.Queries, sub gen.SubAccount, conn *gen.ProviderConnection) (Connection, error) {
	id := sub.ID
	view := Connection{SubAccountID: id, Fields: map[string]string{}}
	n, err := q.CountCallsBySubAccount(s.ctx, id)
	if err != nil {
		return Connection{}, Internal("load the connection", err)
	}
	view.CallCount = n
	facts, err := loadSyncFacts(s.ctx, q, s.adapters, sub, conn)
	if err != nil {
		return Connection{}, err
	}
	facts.syncing = s.runs.isRunning(id)
	view.Sync = deriveSync(facts)
	if conn == nil {
		return view, nil
	}
	view.Provider, view.ProviderName = conn.Provider, providerName(conn.Provider)
	if a, ok := s.adapters[conn.Provider]; ok {
		view.Reads = a.Info().Reads
	}
	view.SecretHint, view.State, view.StateReason = conn.SecretHint, conn.State, conn.StateReason
	view.Accepted = conn.Accepted == 1
	view.CheckedAt = formatMillis(conn.CheckedAt)
	if err := json.Unmarshal([]byte(conn.Settings), &view.Fields); err != nil {
		return Connection{}, Internal("load the connection", err)
	}
	st, err := q.GetSyncState(s.ctx, id)
	if err == nil {
		view.AutoSync, view.SyncPaused = st.AutoSync == 1, st.Paused == 1
		view.LastSyncAt, view.LastError = formatMillis(st.LastSyncAt), st.LastError
	} else if !errors.Is(err, db.ErrNoRows) {
		return Connection{}, Internal("load the sync state", err)
	}
	view.Syncing = s.runs.isRunning(id)
	return view, nil
}

// errOtherProvider refuses credentials of another provider than the one set
// up, once the provider has accepted that one.
func errOtherProvider(conn *gen.ProviderConnection) error {
	return Errorf(CodeConflict, "%s is set up for this sub-account. Change the provider first; that deletes its configuration.", providerName(conn.Provider))
}

// replaces reports whether saving providerID's credentials replaces conn:
// another provider's connection that its provider never accepted. Another
// provider's accepted connection is a conflict.
func replaces(conn *gen.ProviderConnection, providerID string) (bool, error) {
	if conn == nil || conn.Provider == providerID {
		return false, nil
	}
	if conn.Accepted == 1 {
		return false, errOtherProvider(conn)
	}
	return true, nil
}

// SaveCredentials stores the sub-account's credentials: secrets in the OS
// keychain, the rest in SQLite. Online, it checks the key with the provider:
// Connected; refused, nothing is kept (a refused error) unless in.SaveAnyway,
// which saves it as Invalid; unreachable, it saves and marks the connection
// Not verified (checked again at the next sync). Credentials of another
// provider replace a connection that was never accepted, in one audited
// change. Errors: invalid (field errors), refused (the provider refused the
// credentials; nothing was saved), conflict (another provider's accepted
// connection is set up: change the provider first, or a sync of the one
// replaced is running), keychain (unusable keychain: nothing is saved).
func (s *ProviderService) SaveCredentials(subAccountID int64, in SaveCredentialsInput) (Connection, error) {
	adapter, ok := s.adapters[in.Provider]
	if !ok {
		return Connection{}, FieldError("provider", "Choose a voice provider.")
	}
	// A first look, so that a refusal comes before the keychain and the
	// network are asked; the transaction below reads again and decides.
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return Connection{}, err
	}
	existing, err := findConnection(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return Connection{}, err
	}
	if _, err := replaces(existing, in.Provider); err != nil {
		return Connection{}, err
	}
	item := keychain.SubAccountItem(subAccountID)
	previous, hadPrevious, err := s.storedSecret(item)
	if err != nil {
		return Connection{}, keychainError(err)
	}
	saved := provider.Credentials{} // only the same provider's saved secrets are kept
	if existing != nil && existing.Provider == in.Provider && hadPrevious {
		if saved, err = parseSecret(previous); err != nil {
			return Connection{}, keychainError(err)
		}
	}
	creds, secret, public, err := s.mergeCredentials(adapter, saved, in.Fields)
	if err != nil {
		return Connection{}, err
	}
	state, reason, refusal := s.checkKey(adapter, creds)
	if refusal != nil && !in.SaveAnyway {
		return Connection{}, errKeyRefused(adapter, creds, refusal)
	}
	installKey, err := keychain.InstallKey(s.secrets)
	if err != nil {
		return Connection{}, keychainError(err)
	}
	accepted := int64(0)
	if state == StateConnected {
		accepted = 1
	}
	settings, _ := json.Marshal(public)
	var view Connection
	secretWritten := false
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		cur, err := findConnection(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		replacing, err := replaces(cur, in.Provider)
		if err != nil {
			return err
		}
		now := s.audit.now().UnixMilli()
		summary := fmt.Sprintf("Saved %s credentials: %s", adapter.Info().Name, stateLabel(state))
		if replacing {
			if s.runs.isRunning(subAccountID) {
				return Errorf(CodeConflict, "A sync of “%s” is running; save the new provider when it has finished.", sub.Name)
			}
			// The keychain item is overwritten below; the rest goes now.
			if err := deleteProviderConfig(s.ctx, tx, subAccountID, now); err != nil {
				return Internal("save the credentials", err)
			}
			summary = fmt.Sprintf("Replaced %s, never accepted by the provider (credentials, settings, sync state and concurrency settings), with %s credentials: %s",
				providerName(cur.Provider), adapter.Info().Name, stateLabel(state))
		}
		conn, err := tx.UpsertProviderConnection(s.ctx, gen.UpsertProviderConnectionParams{
			SubAccountID: subAccountID, Provider: in.Provider, Settings: string(settings),
			SecretHint: secretHint(adapter, creds), State: state, StateReason: reason, CheckedAt: &now,
			AccountKey: accountKey(installKey, adapter, creds), Accepted: accepted, CreatedAt: now, UpdatedAt: now,
		})
		if err != nil {
			return Internal("save the credentials", err)
		}
		// A connection without a saved secret (set up by an import) starts
		// syncing on its first credentials, as a new one does.
		if err := s.startSyncState(tx, subAccountID, in.Provider, cur == nil || replacing || cur.SecretHint == "", now); err != nil {
			return err
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionProviderSave, SubAccount: refOf(sub), Summary: summary}); err != nil {
			return Internal("save the credentials", err)
		}
		if view, err = s.connectionView(tx.Queries, sub, &conn); err != nil {
			return err
		}
		// The keychain goes last: a refusal rolls the rows back.
		if err := s.secrets.Set(item, secret); err != nil {
			return keychainError(err)
		}
		secretWritten = true
		return nil
	})
	if err != nil {
		if secretWritten { // the commit failed after the keychain took the new secret
			s.restoreSecret(item, previous, hadPrevious)
		}
		return Connection{}, asError(err, "save the credentials")
	}
	return view, nil
}

// startSyncState readies the sync of a saved connection: the sub-account
// shows its provider, a sync state exists, a new connection syncs
// automatically until turned off, and a paused sync may run again.
func (s *ProviderService) startSyncState(tx *db.Tx, id int64, providerID string, isNew bool, now int64) error {
	if err := tx.SetSubAccountProvider(s.ctx, gen.SetSubAccountProviderParams{Provider: providerID, UpdatedAt: now, ID: id}); err != nil {
		return Internal("save the credentials", err)
	}
	if err := tx.EnsureSyncState(s.ctx, id); err != nil {
		return Internal("save the credentials", err)
	}
	if isNew {
		if err := tx.SetAutoSync(s.ctx, gen.SetAutoSyncParams{AutoSync: 1, SubAccountID: id}); err != nil {
			return Internal("save the credentials", err)
		}
	}
	if err := tx.UnpauseSync(s.ctx, id); err != nil {
		return Internal("save the credentials", err)
	}
	return nil
}

// storedSecret reads the keychain item as it is before a save: its secrets
// fill the fields left empty, and it is restored when the save fails after
// writing the item. had is false when there is none.
func (s *ProviderService) storedSecret(item string) (raw string, had bool, err error) {
	raw, err = s.secrets.Get(item)
	if errors.Is(err, keychain.ErrNotFound) {
		return "", false, nil
	}
	return raw, err == nil, err
}

func (s *ProviderService) restoreSecret(item, previous string, had bool) {
	var err error
	if had {
		err = s.secrets.Set(item, previous)
	} else {
		err = s.secrets.Delete(item)
	}
	if err != nil {
		log.Printf("restore keychain item %s after a failed save: %v", item, keychain.Classify(err))
	}
}

// mergeCredentials validates the submitted fields, keeping saved secrets that
// were left empty, and splits them into the keychain payload and the
// non-secret settings.
func (s *ProviderService) mergeCredentials(a provider.Adapter, saved provider.Credentials, fields map[string]string) (provider.Credentials, string, map[string]string, error) {
	creds, secret, public := provider.Credentials{}, map[string]string{}, map[string]string{}
	for _, f := range a.Fields() {
		v := fields[f.Key]
		if f.Secret && v == "" {
			v = saved[f.Key]
		}
		creds[f.Key] = v
		if f.Secret {
			secret[f.Key] = v
		} else {
			public[f.Key] = v
		}
	}
	if err := a.Validate(creds); err != nil {
		var fe provider.FieldErrors
		if errors.As(err, &fe) {
			v := Validation{}
			for k, m := range fe {
				v.Add(k, m)
			}
			return nil, "", nil, v.Err()
		}
		return nil, "", nil, FieldError("provider", err.Error())
	}
	payload, _ := json.Marshal(secret)
	return creds, string(payload), public, nil
}

// checkKey asks the provider whether it accepts the credentials; refusal is
// the provider's refusal (KindUnauthorized), nil otherwise.
func (s *ProviderService) checkKey(a provider.Adapter, c provider.Credentials) (state, reason string, refusal error) {
	ctx, cancel := context.WithTimeout(s.ctx, keyCheckTimeout)
	defer cancel()
	err := a.CheckKey(ctx, c)
	switch provider.KindOf(err) {
	case "":
		if err != nil {
			return StateNotVerified, "The key could not be checked.", nil
		}
		return StateConnected, "", nil
	case provider.KindUnauthorized:
		return StateInvalid, refusedKey(a, c, err), err
	default:
		return StateNotVerified, "Could not reach " + a.Info().Name + " to check the key; it will be checked at the next sync.", nil
	}
}

// Disconnect deletes the sub-account's provider configuration: the keychain
// item, the provider settings, the sync state and the concurrency settings.
// Past calls stay, tagged with the provider they came from.
// Errors: not_found, conflict (a sync is running), keychain (nothing is
// deleted).
func (s *ProviderService) Disconnect(subAccountID int64) error {
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		conn, err := findConnection(s.ctx, tx.Queries, subAccountID)
		if err != nil || conn == nil {
			return err
		}
		if s.runs.isRunning(subAccountID) {
			return Errorf(CodeConflict, "A sync of “%s” is running; change the provider when it has finished.", sub.Name)
		}
		calls, err := tx.CountCallsBySubAccount(s.ctx, subAccountID)
		if err != nil {
			return Internal("change the provider", err)
		}
		if err := deleteProviderConfig(s.ctx, tx, subAccountID, s.audit.now().UnixMilli()); err != nil {
			return Internal("change the provider", err)
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionProviderDisconnect, SubAccount: refOf(sub), Summary: fmt.Sprintf(
			"Removed %s: credentials, settings, sync state and concurrency settings; %d past calls kept",
			providerName(conn.Provider), calls)}); err != nil {
			return Internal("change the provider", err)
		}
		// The keychain goes last: a refusal rolls the rows back.
		if err := s.secrets.Delete(keychain.SubAccountItem(subAccountID)); err != nil {
			return keychainError(err)
		}
		return nil
	})
}

func deleteProviderConfig(ctx context.Context, tx *db.Tx, id, now int64) error {
	if _, err := tx.DeleteProviderConnection(ctx, id); err != nil {
		return err
	}
	if err := tx.DeleteSyncState(ctx, id); err != nil {
		return err
	}
	if err := tx.DeleteConcurrencySettings(ctx, id); err != nil {
		return err
	}
	return tx.SetSubAccountProvider(ctx, gen.SetSubAccountProviderParams{Provider: "", UpdatedAt: now, ID: id})
}

// subAccountHooks removes a deleted sub-account's keychain item, in the
// delete transaction (its rows go with the sub-account by cascade).
func (s *ProviderService) subAccountHooks() SubAccountHooks {
	return SubAccountHooks{OnDelete: func(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error {
		conn, err := findConnection(ctx, tx.Queries, sub.ID)
		if err != nil || conn == nil {
			return err
		}
		if err := s.secrets.Delete(keychain.SubAccountItem(sub.ID)); err != nil {
			ke := keychainError(err)
			ke.Message = "The sub-account was not deleted: its credentials could not be removed from the keychain. " + ke.Message
			return ke
		}
		return nil
	}}
}

// OpenPortal opens the sub-account's provider portal in the system browser.
// Only https URLs on the adapter's allow-list are opened.
func (s *ProviderService) OpenPortal(subAccountID int64) error {
	conn, err := findConnection(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	if conn == nil {
		return errNoProvider()
	}
	a, ok := s.adapters[conn.Provider]
	if !ok || !provider.PortalAllowed(a.Info(), a.Info().PortalURL) {
		return Errorf(CodeForbidden, "This provider's portal address is not on the allowed list.")
	}
	if err := s.browser.Open(a.Info().PortalURL); err != nil {
		return Internal("open the browser", err)
	}
	return nil
}

// connector gives other services a sub-account's adapter and credentials,
// without binding that to the window.
type connector struct{ p *ProviderService }

// Connect implements Connector.
func (c connector) Connect(ctx context.Context, id int64) (provider.Adapter, provider.Credentials, error) {
	return c.p.connect(ctx, id)
}

// connect returns the adapter and saved credentials of a sub-account.
func (s *ProviderService) connect(ctx context.Context, subAccountID int64) (provider.Adapter, provider.Credentials, error) {
	conn, err := findConnection(ctx, s.store.Queries, subAccountID)
	if err != nil {
		return nil, nil, err
	}
	if conn == nil {
		return nil, nil, errNoProvider()
	}
	a, ok := s.adapters[conn.Provider]
	if !ok {
		return nil, nil, Errorf(CodeInvalid, "%s is not supported by this version.", providerName(conn.Provider))
	}
	creds := provider.Credentials{}
	if err := json.Unmarshal([]byte(conn.Settings), &creds); err != nil {
		return nil, nil, Internal("load the connection", err)
	}
	secret, err := readSecret(s.secrets, subAccountID)
	if errors.Is(err, keychain.ErrNotFound) {
		return nil, nil, Errorf(CodeInvalid, "The saved credentials are missing from the keychain; save them again.")
	}
	if err != nil {
		return nil, nil, keychainReadError(err)
	}
	for k, v := range secret {
		creds[k] = v
	}
	return a, creds, nil
}
