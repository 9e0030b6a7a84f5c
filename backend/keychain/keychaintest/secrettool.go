package keychaintest

import (
	"os/exec"
	"strings"
	"testing"

	"switchboard/backend/keychain"
)

// SecretToolItems counts the Switchboard items in the real keychain, asking
// the Secret Service through its own command-line client (secret-tool).
func SecretToolItems(t testing.TB) int {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "service", keychain.Service).CombinedOutput()
	if err != nil && len(out) > 0 && !strings.Contains(string(out), "No matching") {
		t.Fatalf("secret-tool: %v %s", err, out)
	}
	return strings.Count(string(out), "attribute.service = "+keychain.Service)
}
