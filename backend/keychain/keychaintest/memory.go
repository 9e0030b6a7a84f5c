// Package keychaintest has in-memory keychains for tests that do not care
// about the real OS keychain (tests that do care use it for real).
package keychaintest

import (
	"maps"
	"sync"

	"switchboard/backend/keychain"
)

// Memory is a keychain in a map. Fail, when set, is returned by every call.
type Memory struct {
	mu    sync.Mutex
	items map[string]string
	Fail  error
}

// SetFail sets Fail while other goroutines may be calling (nil: works again).
func (m *Memory) SetFail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Fail = err
}

// Get returns the secret or keychain.ErrNotFound.
func (m *Memory) Get(account string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return "", m.Fail
	}
	v, ok := m.items[account]
	if !ok {
		return "", keychain.ErrNotFound
	}
	return v, nil
}

// Set stores a secret.
func (m *Memory) Set(account, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	if m.items == nil {
		m.items = map[string]string{}
	}
	m.items[account] = secret
	return nil
}

// Delete removes a secret; a missing one is fine.
func (m *Memory) Delete(account string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	delete(m.items, account)
	return nil
}

// Items returns a copy of everything stored.
func (m *Memory) Items() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.items)
}
