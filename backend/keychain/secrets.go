package keychain

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// Secrets stores secrets by account name under Service. Implementations:
// OS (the real keychain) and, in tests, a map.
type Secrets interface {
	// Get returns the secret, or ErrNotFound.
	Get(account string) (string, error)
	Set(account, secret string) error
	// Delete removes the secret; a missing one is not an error.
	Delete(account string) error
}

// ErrNotFound means no secret is stored under that account.
var ErrNotFound = errors.New("no secret stored")

// OS is the operating system's keychain. Its errors are classified (see
// Classify) so that callers can say how to fix them.
type OS struct{}

// Get reads a secret from the keychain.
func (OS) Get(account string) (string, error) {
	s, err := keyring.Get(Service, account)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNotFound
	}
	return s, Classify(err)
}

// Set writes a secret to the keychain.
func (OS) Set(account, secret string) error {
	if err := keyring.Set(Service, account, secret); err != nil {
		if errors.Is(err, keyring.ErrSetDataTooBig) {
			return fmt.Errorf("the secret is too large for this keychain: %w", err)
		}
		return Classify(err)
	}
	return nil
}

// Delete removes a secret from the keychain; a missing one is fine.
func (OS) Delete(account string) error {
	if err := keyring.Delete(Service, account); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return Classify(err)
	}
	return nil
}

// SubAccountItem is the keychain account name of a sub-account's provider
// credentials: one item per sub-account.
func SubAccountItem(id int64) string { return fmt.Sprintf("sub-account-%d", id) }

// installKeyItem holds the per-install key used to fingerprint provider
// accounts without storing anything that reveals a secret.
const installKeyItem = "install-key"

// InstallKey returns the per-install HMAC key, creating it on first use.
func InstallKey(s Secrets) ([]byte, error) {
	v, err := s.Get(installKeyItem)
	if err == nil {
		if key, err := base64.StdEncoding.DecodeString(v); err == nil && len(key) == 32 {
			return key, nil
		}
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := s.Set(installKeyItem, base64.StdEncoding.EncodeToString(key)); err != nil {
		return nil, err
	}
	return key, nil
}
