package backend

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"switchboard/backend/keychain"
	"switchboard/backend/provider"
	"switchboard/db"
)

// Config tells New where the data lives and who is acting.
type Config struct {
	// DataDir holds the database; the caller resolves and locks it.
	DataDir string
	// Actor is the OS user recorded in the audit log; CurrentOSUser() when empty.
	Actor string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Secrets is the keychain, required: keychain.OS{} in the app, an
	// in-memory one in tests that do not ask for the real one.
	Secrets keychain.Secrets
	// Events, Browser and Dialogs reach the window; they do nothing when nil
	// (the command line and tests without a window).
	Events  Events
	Browser Browser
	Dialogs Dialogs
	// Folders opens the data directory in the file manager (About).
	Folders Folders
	// Picker asks for a file to import; nil without a window.
	Picker FilePicker
	// ProviderBaseURLs points provider adapters at other addresses, by
	// provider ID. Only tests set it (local fakes of the providers' APIs).
	ProviderBaseURLs map[string]string
	// ProviderClient is the HTTP client of every adapter; a production
	// client when nil. Tests shorten its waits.
	ProviderClient *provider.Client
	// SyncTick is how often the auto-sync scheduler looks for due
	// sub-accounts; 0 leaves the scheduler off.
	SyncTick time.Duration
	// DeferBackground leaves the scheduler stopped until StartBackground:
	// the window starts it once its first screen is painted, so that the
	// first syncs (keychain reads, provider requests) do not compete with it.
	DeferBackground bool
	// SyncPagePause is a rest between the pages of a sync while the window
	// is in use (it read a list in the last two seconds), so that a long
	// sync leaves room for it; the app uses DefaultSyncPagePause.
	SyncPagePause time.Duration
}

// DefaultSyncPagePause is the app's rest between sync pages (a page is up to
// 1,000 calls) while the window is in use: it keeps list pages near their
// idle speed during a large sync; with nobody reading, the sync runs at full
// speed (see make bench).
const DefaultSyncPagePause = 3 * time.Millisecond

// Backend owns the database and every bound service.
type Backend struct {
	Store *db.Store
	// books keeps the licenses' minute ledgers (see StoreCalls).
	books *licenseBooks
	// Identity is who acts: the OS user, and the customer user during an
	// Access Account session. Every audit row reads it.
	Identity    *Identity
	SubAccounts *SubAccountService
	// SubAccountTx runs sub-account changes inside a caller's transaction.
	SubAccountTx SubAccountTx
	Audit        *AuditService
	Providers    *ProviderService
	Sync         *SyncService
	Calls        *CallService
	Concurrency  *ConcurrencyService
	Agents       *AgentService
	// Permissions are the customer application's menus and features.
	Permissions *PermissionService
	// Plans is the agency's plan catalog; Pricing each sub-account's offer.
	Plans   *PlanService
	Pricing *PricingService
	// Users are each sub-account's users.
	Users *UserService
	// Licenses are each sub-account's license: validity and minutes.
	Licenses *LicenseService
	// Bulk runs actions on many sub-accounts and exports the list.
	Bulk *BulkService
	// Access opens a sub-account's customer application (Access Account).
	Access *AccessService
	// Imports imports sub-accounts from CSV files.
	Imports *ImportService
	// Events describes the boundary's event names and payloads.
	Events *EventService
	// Health says whether the OS keychain answers.
	Health *HealthService
	health *keychainHealth
	// About is the version, data directory, licence and keychain.
	About  *AboutService
	cancel context.CancelFunc
	// background starts the scheduler once (see StartBackground); Close
	// stops it from starting afterwards.
	background struct {
		sync.Mutex
		start            func()
		started, closing bool
	}
	// MigrationBackup is the backup written before migrating, if any.
	MigrationBackup string
}

// New opens and migrates the database in cfg.DataDir and builds the services.
// Close releases everything.
func New(cfg Config) (*Backend, error) {
	if cfg.Secrets == nil {
		return nil, errors.New("backend.Config.Secrets is required: choose the keychain")
	}
	if cfg.Actor == "" {
		cfg.Actor = CurrentOSUser()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	store, err := db.Open(filepath.Join(cfg.DataDir, db.FileName))
	if err != nil {
		cancel()
		return nil, err
	}
	backup, err := store.Migrate(ctx)
	if err != nil {
		store.Close()
		cancel()
		return nil, err
	}
	cfg = withDefaults(cfg)
	identity := NewIdentity(cfg.Actor)
	audit := auditor{identity: identity, now: cfg.Now}
	running := newRuns(ctx)
	adapters := NewAdapters(cfg.ProviderBaseURLs, cfg.ProviderClient)
	providers := NewProviderService(ctx, store, adapters, cfg.Secrets, cfg.Browser, audit, running)
	books := &licenseBooks{now: cfg.Now}
	if err := books.openBooks(ctx, store); err != nil {
		store.Close()
		cancel()
		return nil, fmt.Errorf("open the license ledgers: %w", err)
	}
	health := newKeychainHealth(cfg.Secrets, cfg.Events)
	syncs := NewSyncService(ctx, store, running, connector{providers}, adapters, audit, health, cfg.Events, cfg.Now, cfg.SyncPagePause)
	syncs.run.books = books
	// Disabling or deleting a sub-account stops its sync first; deleting it
	// then removes its keychain item in the delete transaction.
	// New sub-accounts start from the default permissions.
	perms := NewPermissionService(ctx, store, audit, cfg.Events)
	hooks := lifecycle{syncs.subAccountHooks(), providers.subAccountHooks(), perms.subAccountHooks()}
	subTx := SubAccountTx{audit: audit, hooks: hooks}
	b := &Backend{
		Store:           store,
		Identity:        identity,
		SubAccounts:     NewSubAccountService(ctx, store, subTx),
		SubAccountTx:    subTx,
		Audit:           NewAuditService(ctx, store, AuditPorts{Dialogs: cfg.Dialogs, Events: cfg.Events}),
		Providers:       providers,
		Sync:            syncs,
		Calls:           NewCallService(ctx, store, cfg.Dialogs, cfg.Events),
		Concurrency:     NewConcurrencyService(ctx, store, adapters, connector{providers}, audit, cfg.Now),
		Agents:          NewAgentService(ctx, store, connector{providers}, audit, cfg.Now),
		Permissions:     perms,
		Plans:           NewPlanService(ctx, store, audit),
		Pricing:         NewPricingService(ctx, store, audit),
		Users:           NewUserService(ctx, store, audit),
		Licenses:        NewLicenseService(ctx, store, audit, books, cfg.Dialogs),
		Events:          &EventService{},
		Health:          &HealthService{health},
		About:           &AboutService{dataDir: cfg.DataDir, health: health, folders: cfg.Folders},
		health:          health,
		Access:          nil, // below: it reads the other areas
		cancel:          cancel,
		books:           books,
		MigrationBackup: backup,
	}
	// The window's list reads tell a long sync when to rest between pages.
	activity := &windowActivity{}
	b.SubAccounts.books = books
	if err := endLeftOpen(ctx, store, cfg.Now().UnixMilli()); err != nil {
		store.Close()
		cancel()
		return nil, fmt.Errorf("end the access sessions left open: %w", err)
	}
	b.Bulk = NewBulkService(ctx, store, subTx, perms, b.Pricing, cfg.Events, cfg.Dialogs)
	b.Imports = NewImportService(ctx, store, subTx, b.Licenses, adapters, cfg.Picker, cfg.Events, audit)
	b.Access = NewAccessService(ctx, store, audit, accessViews{licenses: b.Licenses, calls: b.Calls, users: b.Users, dialogs: cfg.Dialogs})
	b.SubAccounts.activity, b.Audit.activity, b.Calls.activity, syncs.run.activity = activity, activity, activity, activity
	b.background.start = func() {
		// Whether the keychain answers is asked in the background, once the
		// first screen is up: start-up does not wait for it.
		health.start()
		if cfg.SyncTick > 0 {
			syncs.startScheduler(cfg.SyncTick, cfg.Now)
		}
	}
	if !cfg.DeferBackground {
		b.StartBackground()
	}
	return b, nil
}

// StartBackground starts the work that runs behind the window (the auto-sync
// scheduler) unless it has started; New starts it unless
// Config.DeferBackground is set. After Close it does nothing.
func (b *Backend) StartBackground() {
	b.background.Lock()
	defer b.background.Unlock()
	if b.background.started || b.background.closing {
		return
	}
	b.background.started = true
	b.background.start()
}

func withDefaults(cfg Config) Config {
	if cfg.Events == nil {
		cfg.Events = NopEvents{}
	}
	if cfg.Browser == nil {
		cfg.Browser = noBrowser{}
	}
	if cfg.Dialogs == nil {
		cfg.Dialogs = noDialogs{}
	}
	if cfg.Folders == nil {
		cfg.Folders = noFolders{}
	}
	return cfg
}

type noBrowser struct{}

func (noBrowser) Open(string) error {
	return Errorf(CodeUnavailable, "There is no browser to open here.")
}

type noDialogs struct{}

func (noDialogs) SaveFile(string, string) (string, error) { return "", nil }

// Close stops work in progress (syncs stop between pages, so they resume
// cleanly) and closes the database.
func (b *Backend) Close() error {
	b.background.Lock()
	b.background.closing = true
	b.background.Unlock()
	b.cancel()
	b.Sync.wait()
	b.health.wg.Wait()
	return b.Store.Close()
}
