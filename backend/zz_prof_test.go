//go:build bench

package backend_test

import (
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

func TestProfImport(t *testing.T) {
	fresh, _ := backend.New(backend.Config{DataDir: t.TempDir(), Actor: "bench", Secrets: &keychaintest.Memory{}})
	defer fresh.Close()
	path := importBenchFile(t, t.TempDir(), "Imported Customer", 10000)
	s := time.Now()
	importAll(t, fresh, path)
	t.Logf("took %s", time.Since(s))
}
