package main

import (
	"context"
	"errors"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"switchboard/backend"
)

// windowPorts carries the backend's Events, Browser and Dialogs to the Wails
// runtime. The runtime needs the context Wails gives at start-up; before
// that, events are dropped and the rest reports that the window is not ready.
type windowPorts struct{ ctx func() context.Context }

var errNoWindow = errors.New("the window is not ready yet")

func (w windowPorts) Emit(name backend.EventName, data any) {
	if ctx := w.ctx(); ctx != nil {
		runtime.EventsEmit(ctx, string(name), data)
	}
}

func (w windowPorts) Open(url string) error {
	ctx := w.ctx()
	if ctx == nil {
		return errNoWindow
	}
	runtime.BrowserOpenURL(ctx, url)
	return nil
}

func (w windowPorts) SaveFile(title, defaultName string) (string, error) {
	ctx := w.ctx()
	if ctx == nil {
		return "", errNoWindow
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title: title, DefaultFilename: defaultName,
		Filters: []runtime.FileFilter{{DisplayName: "CSV files (*.csv)", Pattern: "*.csv"}},
	})
}

func (w windowPorts) OpenFile(title string) (string, error) {
	ctx := w.ctx()
	if ctx == nil {
		return "", errNoWindow
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: "CSV files (*.csv)", Pattern: "*.csv"}},
	})
}
