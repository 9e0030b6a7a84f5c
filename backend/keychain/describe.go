package keychain

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/godbus/dbus/v5"
)

// Describe names the keychain in use: the operating system's store, and on
// Linux the program that provides the Secret Service on the session bus
// (gnome-keyring-daemon, keepassxc…), or that none answers.
func Describe() string {
	switch runtime.GOOS {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	}
	if name := secretServiceOwner(); name != "" {
		return "Secret Service, provided by " + name
	}
	return "Secret Service (no provider answers on the session bus)"
}

// secretServiceOwner is the process that owns org.freedesktop.secrets on the
// session bus, or "". Without DBUS_SESSION_BUS_ADDRESS it does not try: the
// D-Bus library would start a bus of its own.
func secretServiceOwner() string {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return ""
	}
	conn, err := dbus.SessionBus() // shared with go-keyring; never closed
	if err != nil {
		return ""
	}
	var pid uint32
	if err := conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, "org.freedesktop.secrets").Store(&pid); err != nil {
		return ""
	}
	// The program's name from its command line (comm is cut at 15 characters).
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if argv0, _, _ := strings.Cut(string(cmdline), "\x00"); err == nil && argv0 != "" {
		return filepath.Base(argv0)
	}
	return fmt.Sprintf("process %d", pid)
}
