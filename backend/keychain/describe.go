package keychain

import (
	"fmt"
	"os"
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
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return fmt.Sprintf("process %d", pid)
	}
	return strings.TrimSpace(string(comm))
}
