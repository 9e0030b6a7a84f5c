package backend

import (
	"context"

	"switchboard/backend/provider"
)

// Events sends notifications to the window (Wails runtime events in the app,
// a recorder in tests). Event names are the Event* constants.
type Events interface {
	Emit(name EventName, data any)
}

// Dialogs asks the person for a file through the operating system's native
// dialogs. An empty path with a nil error means they cancelled.
type Dialogs interface {
	SaveFile(title, defaultName string) (string, error)
}

// FilePicker asks the person for a file to open through the operating
// system's native dialog. An empty path with a nil error means they
// cancelled.
type FilePicker interface {
	OpenFile(title string) (string, error)
}

// Browser opens a URL in the system browser.
type Browser interface {
	Open(url string) error
}

// Connector gives services that talk to a sub-account's provider the adapter
// and the saved credentials (read from the keychain). Errors: not_found when
// the sub-account has no provider; a keychain error when it cannot be read.
type Connector interface {
	Connect(ctx context.Context, subAccountID int64) (provider.Adapter, provider.Credentials, error)
}

// NopEvents drops every event.
type NopEvents struct{}

// Emit does nothing.
func (NopEvents) Emit(EventName, any) {}
