package main

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"switchboard/backend"
)

// instanceID names the single-instance lock of one data directory: a second
// window on the same directory brings the first one forward, while windows
// on two different directories run side by side. It is made of letters,
// digits and underscores, which every platform's lock accepts (a D-Bus name
// on Linux, a mutex on Windows, a lock file on macOS).
func instanceID(dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	sum := sha256.Sum256([]byte(filepath.Clean(dir)))
	return "switchboard_" + hex.EncodeToString(sum[:12])
}

// singleInstanceLock is Wails' lock for the data directory's instance ID.
func (a *App) singleInstanceLock(id string) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{UniqueId: id, OnSecondInstanceLaunch: a.secondInstance}
}

// secondInstance runs when another launch on this data directory handed
// over to this window: it brings the window forward and tells the frontend,
// which says so.
func (a *App) secondInstance(options.SecondInstanceData) {
	ctx := a.context()
	if ctx == nil {
		return
	}
	runtime.WindowUnminimise(ctx)
	runtime.WindowShow(ctx)
	runtime.EventsEmit(ctx, string(backend.EventAlreadyOpen))
}
