package keychain_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
)

// TestProbeAgainstRealSecretService runs against the Secret Service that
// tests/keychain-session.sh starts (make test-go).
func TestProbeAgainstRealSecretService(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no D-Bus session: run through tests/keychain-session.sh (make test-go)")
	}
	// The counter itself sees a real item.
	if err := keyring.Set(keychain.Service, "counter-check", "x"); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(keychaintest.SecretToolAccounts(t), "counter-check") {
		t.Fatalf("secret-tool does not see the item: %v", keychaintest.SecretToolAccounts(t))
	}
	if err := keyring.Delete(keychain.Service, "counter-check"); err != nil {
		t.Fatal(err)
	}
	if err := keychain.Probe(); err != nil {
		t.Fatalf("probe: %v", err)
	}
	for _, account := range keychaintest.SecretToolAccounts(t) {
		// Only this process's probes: other test processes probe at the same time.
		if strings.HasPrefix(account, fmt.Sprintf("doctor-probe-%d-", os.Getpid())) || account == "counter-check" {
			t.Errorf("item %q left behind", account)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := map[string]error{
		"dial unix /run/user/0/bus: connect: no such file or directory":                  keychain.ErrUnavailable,
		`exec: "dbus-launch": executable file not found in $PATH`:                        keychain.ErrUnavailable,
		"The name org.freedesktop.secrets was not provided by any .service files":        keychain.ErrUnavailable,
		"failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'": keychain.ErrLocked,
	}
	for msg, want := range cases {
		err := keychain.Classify(errors.New(msg))
		var p *keychain.Problem
		if !errors.Is(err, want) || !errors.As(err, &p) || p.Fix == "" {
			t.Errorf("%q: got %v, want %v with a fix", msg, err, want)
		}
	}
	if keychain.Classify(keyring.ErrNotFound) != keyring.ErrNotFound || keychain.Classify(nil) != nil {
		t.Error("not-found and nil must pass through")
	}
}
