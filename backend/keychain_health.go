package backend

import (
	"log"
	"sync"

	"switchboard/backend/keychain"
)

// KeychainStatus is whether the OS keychain answers, for the app-wide
// banner. Problem and Fix are what `switchboard doctor` says of it.
type KeychainStatus struct {
	// Checked is false until the first probe has answered.
	Checked   bool   `json:"checked"`
	Available bool   `json:"available"`
	Problem   string `json:"problem"`
	Fix       string `json:"fix"`
}

// keychainHealth knows whether the keychain answers. It is probed once
// after start (off the start-up path), again on each scheduler pass while
// it fails, and when the admin asks; a keychain failure seen by a sync
// marks it down too. Automatic sync waits while it is down. Each change is
// logged once and sent to the window.
type keychainHealth struct {
	secrets keychain.Secrets
	events  Events
	// back runs when the keychain answers again (the scheduler resumes).
	back func()

	probing sync.Mutex // one probe at a time
	mu      sync.Mutex
	status  KeychainStatus
	wg      sync.WaitGroup
}

func newKeychainHealth(secrets keychain.Secrets, events Events) *keychainHealth {
	return &keychainHealth{secrets: secrets, events: events, back: func() {}}
}

// start probes in the background.
func (h *keychainHealth) start() {
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		h.probe()
	}()
}

// probe asks the keychain now and records the answer.
func (h *keychainHealth) probe() KeychainStatus {
	h.probing.Lock()
	defer h.probing.Unlock()
	return h.record(keychain.ProbeRead(h.secrets))
}

// answers reports whether the keychain answers, probing it first unless it
// answered last time.
func (h *keychainHealth) answers() bool {
	if st := h.get(); st.Checked && st.Available {
		return true
	}
	return h.probe().Available
}

// failed records a keychain failure seen elsewhere (a sync reading its credentials).
func (h *keychainHealth) failed(err error) { h.record(err) }

func (h *keychainHealth) get() KeychainStatus {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.status
}

// record sets the status from a probe's error (nil: it answers); a change
// is logged once and sent to the window.
func (h *keychainHealth) record(err error) KeychainStatus {
	next := KeychainStatus{Checked: true, Available: err == nil}
	if err != nil {
		d := keychain.Diagnose(err)
		next.Problem, next.Fix = d.Detail, d.Fix
	}
	h.mu.Lock()
	prev := h.status
	h.status = next
	h.mu.Unlock()
	if prev == next {
		return next
	}
	switch {
	case !next.Available:
		log.Printf("keychain: %v; automatic sync waits until it answers", err)
	case prev.Checked:
		log.Printf("keychain: answers again; automatic sync resumes")
	}
	h.events.Emit(EventKeychain, next)
	if next.Available && prev.Checked && !prev.Available {
		h.back()
	}
	return next
}

// errKeychainDown is why a sync cannot run while the keychain does not
// answer: its credentials cannot be read. Nothing is recorded as the
// sub-account's last error (the keychain is not the provider's fault).
func (h *keychainHealth) errDown() *Error {
	st := h.get()
	msg := "The keychain does not answer, so the saved credentials cannot be read: " + st.Problem + "."
	if st.Fix != "" {
		msg += " To fix it: " + st.Fix + "."
	}
	return &Error{Code: CodeKeychain, Message: msg}
}

// HealthService tells the window whether the OS keychain answers.
type HealthService struct{ h *keychainHealth }

// Keychain returns the keychain's status as last seen (Checked is false
// until the first probe after start has answered).
func (s *HealthService) Keychain() KeychainStatus { return s.h.get() }

// CheckKeychain asks the keychain again now ("Check again") and returns its
// status; a change also goes out as EventKeychain.
func (s *HealthService) CheckKeychain() KeychainStatus { return s.h.probe() }
