package backend

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
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
const (
	ActionProviderSave       = "provider.save"
	ActionProviderDisconnect = "provider.disconnect"
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
	ID                 string          `json:"id"`
	Name               string          `json:"name"`
	PortalURL          string          `json:"portalUrl"`
	ConcurrencyFromAPI bool            `json:"concurrencyFromApi"`
	Fields             []ProviderField `json:"fields"`
}

// Connection is a sub-account's provider connection as the window shows it.
// It never carries a secret: only SecretHint (e.g. "••••1a2b").
type Connection struct {
	SubAccountID int64             `json:"subAccountId"`
	Provider     string            `json:"provider"`
	ProviderName string            `json:"providerName"`
	Fields       map[string]string `json:"fields"`
	SecretHint   string            `json:"secretHint"`
	State        string            `json:"state"`
	StateReason  string            `json:"stateReason"`
	CheckedAt    string            `json:"checkedAt"`
	AutoSync     bool              `json:"autoSync"`
	SyncPaused   bool              `json:"syncPaused"`
	Syncing      bool              `json:"syncing"`
	LastSyncAt   string            `json:"lastSyncAt"`
	LastError    string            `json:"lastError"`
	CallCount    int64             `json:"callCount"`
}

// SaveCredentialsInput is what "Save Credentials" sends. A secret field left
// empty keeps the secret already saved for the same provider.
type SaveCredentialsInput struct {
	Provider string            `json:"provider"`
	Fields   map[string]string `json:"fields"`
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
	syncing  func(id int64) bool
}

// Catalog lists the providers with their credential fields, in display order.
func (s *ProviderService) Catalog() []ProviderInfo {
	var out []ProviderInfo
	for _, a := range s.adapters.ordered() {
		info := a.Info()
		p := ProviderInfo{ID: info.ID, Name: info.Name, PortalURL: info.PortalURL, ConcurrencyFromAPI: info.ConcurrencyFromAPI}
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
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return Connection{}, err
	}
	view := Connection{SubAccountID: subAccountID, Fields: map[string]string{}}
	n, err := s.store.CountCallsBySubAccount(s.ctx, subAccountID)
	if err != nil {
		return Connection{}, Internal("load the connection", err)
	}
	view.CallCount = n
	conn, err := s.store.GetProviderConnection(s.ctx, subAccountID)
	if errors.Is(err, sql.ErrNoRows) {
		return view, nil
	}
	if err != nil {
		return Connection{}, Internal("load the connection", err)
	}
	view.Provider, view.ProviderName = conn.Provider, providerName(conn.Provider)
	view.SecretHint, view.State, view.StateReason = conn.SecretHint, conn.State, conn.StateReason
	view.CheckedAt = formatMillis(conn.CheckedAt)
	if err := json.Unmarshal([]byte(conn.Settings), &view.Fields); err != nil {
		return Connection{}, Internal("load the connection", err)
	}
	st, err := s.store.GetSyncState(s.ctx, subAccountID)
	if err == nil {
		view.AutoSync, view.SyncPaused = st.AutoSync == 1, st.Paused == 1
		view.LastSyncAt, view.LastError = formatMillis(st.LastSyncAt), st.LastError
	} else if !errors.Is(err, sql.ErrNoRows) {
		return Connection{}, Internal("load the sync state", err)
	}
	view.Syncing = s.syncing != nil && s.syncing(subAccountID)
	return view, nil
}

// SaveCredentials stores the sub-account's credentials: secrets in the OS
// keychain, the rest in SQLite. Online, it checks the key with the provider:
// Connected, or Invalid with the provider's reason; unreachable, it saves and
// marks the connection Not verified (checked again at the next sync).
// Errors: invalid (field errors), conflict (another provider is set up:
// disconnect it first), keychain (unusable keychain: nothing is saved).
func (s *ProviderService) SaveCredentials(subAccountID int64, in SaveCredentialsInput) (Connection, error) {
	adapter, ok := s.adapters[in.Provider]
	if !ok {
		return Connection{}, FieldError("provider", "Choose a voice provider.")
	}
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return Connection{}, err
	}
	existing, err := s.store.GetProviderConnection(s.ctx, subAccountID)
	hasExisting := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Connection{}, Internal("save the credentials", err)
	}
	if hasExisting && existing.Provider != in.Provider {
		return Connection{}, Errorf(CodeConflict, "%s is set up for this sub-account. Change the provider first; that deletes its configuration.", providerName(existing.Provider))
	}
	creds, secret, public, err := s.mergeCredentials(adapter, subAccountID, hasExisting, in.Fields)
	if err != nil {
		return Connection{}, err
	}
	installKey, err := keychain.InstallKey(s.secrets)
	if err != nil {
		return Connection{}, keychainError(err)
	}
	if err := s.secrets.Set(keychain.SubAccountItem(subAccountID), secret); err != nil {
		return Connection{}, keychainError(err)
	}
	state, reason := s.checkKey(adapter, creds)
	settings, _ := json.Marshal(public)
	now := s.audit.now().UnixMilli()
	err = s.store.InTx(s.ctx, func(q *gen.Queries) error {
		if _, err := q.UpsertProviderConnection(s.ctx, gen.UpsertProviderConnectionParams{
			SubAccountID: subAccountID, Provider: in.Provider, Settings: string(settings),
			SecretHint: secretHint(adapter, creds), State: state, StateReason: reason, CheckedAt: &now,
			AccountKey: accountKey(installKey, adapter, creds), CreatedAt: now, UpdatedAt: now,
		}); err != nil {
			return err
		}
		if err := q.SetSubAccountProvider(s.ctx, gen.SetSubAccountProviderParams{Provider: in.Provider, UpdatedAt: now, ID: subAccountID}); err != nil {
			return err
		}
		if err := q.EnsureSyncState(s.ctx, subAccountID); err != nil {
			return err
		}
		if !hasExisting { // a new connection syncs automatically until turned off
			if err := q.SetAutoSync(s.ctx, gen.SetAutoSyncParams{AutoSync: 1, SubAccountID: subAccountID}); err != nil {
				return err
			}
		}
		if err := q.UnpauseSync(s.ctx, subAccountID); err != nil {
			return err
		}
		return s.audit.record(s.ctx, q, ActionProviderSave, sub,
			fmt.Sprintf("Saved %s credentials: %s", adapter.Info().Name, stateLabel(state)))
	})
	if err != nil {
		return Connection{}, Internal("save the credentials", err)
	}
	return s.Get(subAccountID)
}

// mergeCredentials validates the submitted fields, keeping saved secrets that
// were left empty, and splits them into the keychain payload and the
// non-secret settings.
func (s *ProviderService) mergeCredentials(a provider.Adapter, id int64, hasExisting bool, fields map[string]string) (provider.Credentials, string, map[string]string, error) {
	saved := provider.Credentials{}
	if hasExisting {
		var err error
		if saved, err = readSecret(s.secrets, id); err != nil && !errors.Is(err, keychain.ErrNotFound) {
			return nil, "", nil, keychainError(err)
		}
	}
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

// checkKey asks the provider whether it accepts the credentials.
func (s *ProviderService) checkKey(a provider.Adapter, c provider.Credentials) (state, reason string) {
	ctx, cancel := context.WithTimeout(s.ctx, keyCheckTimeout)
	defer cancel()
	err := a.CheckKey(ctx, c)
	switch provider.KindOf(err) {
	case "":
		if err != nil {
			return StateNotVerified, "The key could not be checked."
		}
		return StateConnected, ""
	case provider.KindUnauthorized:
		return StateInvalid, providerReason(err, "The provider refused these credentials.")
	default:
		return StateNotVerified, "Could not reach " + a.Info().Name + " to check the key; it will be checked at the next sync."
	}
}

// Disconnect deletes the sub-account's provider configuration: the keychain
// item, the provider settings, the sync state and the concurrency settings.
// Past calls stay, tagged with the provider they came from.
// Errors: not_found, conflict (a sync is running), keychain (nothing is
// deleted).
func (s *ProviderService) Disconnect(subAccountID int64) error {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return err
	}
	conn, err := s.store.GetProviderConnection(s.ctx, subAccountID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return Internal("change the provider", err)
	}
	if s.syncing != nil && s.syncing(subAccountID) {
		return Errorf(CodeConflict, "A sync of “%s” is running; change the provider when it has finished.", sub.Name)
	}
	if err := s.secrets.Delete(keychain.SubAccountItem(subAccountID)); err != nil {
		return keychainError(err)
	}
	calls, _ := s.store.CountCallsBySubAccount(s.ctx, subAccountID)
	err = s.store.InTx(s.ctx, func(q *gen.Queries) error {
		if err := deleteProviderConfig(s.ctx, q, subAccountID, s.audit.now().UnixMilli()); err != nil {
			return err
		}
		return s.audit.record(s.ctx, q, ActionProviderDisconnect, sub, fmt.Sprintf(
			"Removed %s: credentials, settings, sync state and concurrency settings; %d past calls kept",
			providerName(conn.Provider), calls))
	})
	if err != nil {
		return Internal("change the provider", err)
	}
	return nil
}

func deleteProviderConfig(ctx context.Context, q *gen.Queries, id, now int64) error {
	if _, err := q.DeleteProviderConnection(ctx, id); err != nil {
		return err
	}
	if err := q.DeleteSyncState(ctx, id); err != nil {
		return err
	}
	if err := q.DeleteConcurrencySettings(ctx, id); err != nil {
		return err
	}
	return q.SetSubAccountProvider(ctx, gen.SetSubAccountProviderParams{Provider: "", UpdatedAt: now, ID: id})
}

// OpenPortal opens the sub-account's provider portal in the system browser.
// Only https URLs on the adapter's allow-list are opened.
func (s *ProviderService) OpenPortal(subAccountID int64) error {
	conn, err := s.store.GetProviderConnection(s.ctx, subAccountID)
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(CodeInvalid, "Connect a voice provider first.")
	}
	if err != nil {
		return Internal("open the provider portal", err)
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
	conn, err := s.store.GetProviderConnection(ctx, subAccountID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, Errorf(CodeNotFound, "Connect a voice provider first.")
	}
	if err != nil {
		return nil, nil, Internal("load the connection", err)
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
		return nil, nil, keychainError(err)
	}
	for k, v := range secret {
		creds[k] = v
	}
	return a, creds, nil
}

func readSecret(s keychain.Secrets, id int64) (provider.Credentials, error) {
	raw, err := s.Get(keychain.SubAccountItem(id))
	if err != nil {
		return nil, err
	}
	c := provider.Credentials{}
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return nil, fmt.Errorf("the keychain item is damaged: %w", err)
	}
	return c, nil
}

// secretHint shows the last four characters of the first secret field.
func secretHint(a provider.Adapter, c provider.Credentials) string {
	for _, f := range a.Fields() {
		if v := []rune(c[f.Key]); f.Secret && len(v) > 0 {
			if len(v) < 12 {
				return "••••"
			}
			return "••••" + string(v[len(v)-4:])
		}
	}
	return ""
}

// accountKey fingerprints the provider account with the per-install key:
// sub-accounts on the same account get the same key (a pool), and the key
// reveals nothing about the secret. Twilio and Telnyx accounts are named by
// their account SID; the others by their API key.
func accountKey(installKey []byte, a provider.Adapter, c provider.Credentials) string {
	identity := c["accountSid"]
	if identity == "" {
		var keys []string
		for _, f := range a.Fields() {
			if f.Secret {
				keys = append(keys, c[f.Key])
			}
		}
		sort.Strings(keys)
		identity = fmt.Sprint(keys)
	}
	return hmacHex(installKey, a.Info().ID+"\x00"+identity)
}

func stateLabel(state string) string {
	switch state {
	case StateConnected:
		return "Connected"
	case StateInvalid:
		return "Invalid credentials"
	}
	return "Not verified"
}

// providerReason is the provider's own explanation, or fallback.
func providerReason(err error, fallback string) string {
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Reason != "" {
		return pe.Reason
	}
	return fallback
}

// keychainError explains an unusable keychain with its fix; nothing was
// written anywhere else instead.
func keychainError(err error) *Error {
	var p *keychain.Problem
	if errors.As(err, &p) {
		return &Error{Code: CodeKeychain, Message: fmt.Sprintf("Credentials were not saved: %s. To fix it: %s.", p.Error(), p.Fix), cause: err}
	}
	return &Error{Code: CodeKeychain, Message: "Credentials were not saved: the keychain failed. Run \"switchboard doctor\" for details.", cause: err}
}
