// Package keychain keeps Switchboard's secrets in the operating system's
// keychain (macOS Keychain, Windows Credential Manager, Secret Service on
// Linux) and explains, with a fix, why it is unusable when it is.
package keychain

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"

	"github.com/zalando/go-keyring"
)

// Service is the keychain service name under which every item is stored.
const Service = "Switchboard"

// Problem classes for an unusable keychain.
var (
	ErrUnavailable = errors.New("no keychain is available")
	ErrLocked      = errors.New("the keychain is locked")
)

// Problem is an unusable keychain: its class (ErrUnavailable, ErrLocked or
// nil for another failure), what went wrong, and how to fix it.
type Problem struct {
	Kind  error
	Fix   string
	cause error
}

func (p *Problem) Error() string {
	if p.Kind != nil {
		return p.Kind.Error()
	}
	return "the keychain failed: " + p.cause.Error()
}

// Unwrap lets errors.Is match ErrUnavailable and ErrLocked.
func (p *Problem) Unwrap() []error { return []error{p.Kind, p.cause} }

// Classify turns a go-keyring error into a *Problem that says how to fix it.
// nil and keyring.ErrNotFound pass through unchanged.
func Classify(err error) error {
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unlock"), strings.Contains(msg, "locked"):
		return &Problem{Kind: ErrLocked, cause: err,
			Fix: "unlock it (on Linux: open \"Passwords and Keys\" and unlock the Login keyring), then try again"}
	case strings.Contains(msg, "org.freedesktop.secrets"),
		strings.Contains(msg, "dbus"), strings.Contains(msg, "DBUS"),
		strings.Contains(msg, "no such file or directory"),
		strings.Contains(msg, "connection refused"):
		return &Problem{Kind: ErrUnavailable, cause: err, Fix: fixHint()}
	}
	return &Problem{cause: err, Fix: fixHint()}
}

func fixHint() string {
	switch runtime.GOOS {
	case "linux":
		return "install and start a Secret Service provider (for example: sudo apt install gnome-keyring, then log out and back in) inside a desktop session"
	case "darwin":
		return "make sure your login keychain exists (Keychain Access > First Aid)"
	default:
		return "make sure Windows Credential Manager is running"
	}
}

// Probe writes, reads back and deletes a throw-away item to prove that the
// keychain works. It returns nil or a classified error.
func Probe() error {
	// A unique item, so that concurrent probes never see each other's.
	user := fmt.Sprintf("doctor-probe-%d-%d", os.Getpid(), rand.Int64())
	const value = "switchboard-doctor-probe"
	if err := keyring.Set(Service, user, value); err != nil {
		return Classify(err)
	}
	got, err := keyring.Get(Service, user)
	if err != nil {
		return Classify(err)
	}
	if err := keyring.Delete(Service, user); err != nil {
		return Classify(err)
	}
	if got != value {
		return fmt.Errorf("the keychain returned a different value than was stored")
	}
	return nil
}
