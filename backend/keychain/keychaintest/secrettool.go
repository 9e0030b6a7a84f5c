package keychaintest

import (
	"os/exec"
	"strings"
	"testing"

	"switchboard/backend/keychain"
)

// SecretToolAccounts lists the account names of the Switchboard items in the
// real keychain, asking the Secret Service through its own command-line
// client (secret-tool). Other tests may store items at the same time, so
// callers look for their own accounts.
func SecretToolAccounts(t testing.TB) []string {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "service", keychain.Service).CombinedOutput()
	if err != nil && len(out) > 0 && !strings.Contains(string(out), "No matching") {
		t.Fatalf("secret-tool: %v %s", err, out)
	}
	var accounts []string
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "attribute.username = "); ok {
			accounts = append(accounts, v)
		}
	}
	return accounts
}
