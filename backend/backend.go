package backend

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"switchboard/db"
)

// Config tells New where the data lives and who is acting.
type Config struct {
	// DataDir holds the database; the caller resolves and locks it.
	DataDir string
	// Actor is recorded in the audit log; CurrentActor() when empty.
	Actor string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Backend owns the database and every bound service.
type Backend struct {
	Store       *db.Store
	SubAccounts *SubAccountService
	// SubAccountTx runs sub-account changes inside a caller's transaction.
	SubAccountTx SubAccountTx
	Audit        *AuditService
	cancel       context.CancelFunc
	// MigrationBackup is the backup written before migrating, if any.
	MigrationBackup string
}

// New opens and migrates the database in cfg.DataDir and builds the services.
// Close releases everything.
func New(cfg Config) (*Backend, error) {
	if cfg.Actor == "" {
		cfg.Actor = CurrentActor()
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
	subTx := SubAccountTx{audit: auditor{actor: cfg.Actor, now: cfg.Now}}
	return &Backend{
		Store:           store,
		SubAccounts:     NewSubAccountService(ctx, store, subTx),
		SubAccountTx:    subTx,
		Audit:           NewAuditService(ctx, store),
		cancel:          cancel,
		MigrationBackup: backup,
	}, nil
}

// Close stops work in progress and closes the database.
func (b *Backend) Close() error {
	b.cancel()
	return b.Store.Close()
}

// CurrentActor is the OS user name, recorded as the actor of every change.
func CurrentActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}
