package main

import (
	"context"
	"log"
	"sync/atomic"
	"time"

	"switchboard/backend"
	"switchboard/backend/datadir"
	"switchboard/backend/keychain"
)

// App is the window's lifecycle: it owns the backend and its data-directory
// lock, and hands the bound services to Wails. It has no business methods.
type App struct {
	backend *backend.Backend
	lock    *datadir.Lock
	ctx     atomic.Pointer[context.Context]
}

// NewApp locks the resolved data directory (refusing a second instance on
// it: the backstop when the single-instance hand-off could not reach the
// window), then opens and migrates the database.
func NewApp(dir string) (*App, error) {
	lock, err := datadir.Acquire(dir)
	if err != nil {
		return nil, err
	}
	a := &App{lock: lock}
	ports := windowPorts{ctx: a.context}
	b, err := backend.New(backend.Config{
		DataDir: dir, Secrets: keychain.OS{}, Events: ports, Browser: ports, Dialogs: testDialogs(ports), Folders: testFolders(fileManager{}), Picker: testPicker(ports),
		SyncTick: syncTick, DeferBackground: true, SyncPagePause: backend.DefaultSyncPagePause, ProviderBaseURLs: testProviderURLs(),
	})
	if err != nil {
		lock.Release()
		return nil, err
	}
	a.backend = b
	if b.MigrationBackup != "" {
		log.Printf("database upgraded; the previous version was saved to %s", b.MigrationBackup)
	}
	return a, nil
}

// syncTick is how often the auto-sync scheduler looks for due sub-accounts.
const syncTick = 30 * time.Second

// backgroundFallback starts the scheduler when the window has not reported
// its first screen by then.
const backgroundFallback = 20 * time.Second

// context is the Wails context, nil until start-up.
func (a *App) context() context.Context {
	if p := a.ctx.Load(); p != nil {
		return *p
	}
	return nil
}

// Bindings lists the services the frontend may call.
func (a *App) Bindings() []any {
	return []any{
		a.backend.SubAccounts, a.backend.Audit, a.backend.Providers,
		a.backend.Sync, a.backend.Calls, a.backend.Concurrency, a.backend.Agents, a.backend.Events,
		a.backend.Permissions, a.backend.Plans, a.backend.Pricing,
		a.backend.Users,
		a.backend.Licenses, a.backend.Access, a.backend.Health, a.backend.About, a.backend.Bulk, a.backend.Imports,
	}
}

func (a *App) startup(ctx context.Context) {
	a.ctx.Store(&ctx)
	// The scheduler waits for the first screen to be live; should the window
	// never report it (the list failed to load), it starts a little later anyway.
	onFirstScreen(ctx, func() { a.backend.StartBackground() })
	time.AfterFunc(backgroundFallback, a.backend.StartBackground)
}

func (a *App) shutdown(context.Context) {
	if err := a.backend.Close(); err != nil {
		log.Printf("close database: %v", err)
	}
	if err := a.lock.Release(); err != nil {
		log.Printf("release data directory: %v", err)
	}
}

// formatError is the Wails ErrorFormatter: every rejected call reaches the
// frontend as {code, message, fields}.
func (a *App) formatError(err error) any { return backend.Format(err, log.Printf) }
