package keychain

import "errors"

// Diagnosis is what Switchboard says of an unusable keychain, the same
// words in `switchboard doctor` and in the app's banner: what is wrong, and
// how to fix it ("" when there is nothing more to say than Detail).
type Diagnosis struct {
	Detail string
	Fix    string
}

// Diagnose explains err, an error of Probe, ProbeRead or a Secrets method.
func Diagnose(err error) Diagnosis {
	d := Diagnosis{Detail: err.Error() + " (provider credentials cannot be saved or read until it works; the rest of the app keeps working)"}
	var p *Problem
	if errors.As(err, &p) {
		d.Fix = p.Fix
	}
	return d
}

// probeItem is the item ProbeRead asks for; it is never written.
const probeItem = "health-probe"

// ProbeRead asks s for an item that does not exist: the keychain answers
// when it says there is none (or returns one). It writes nothing and,
// having no item to unlock, prompts for nothing, so it may be repeated
// while the keychain fails. It returns nil or s's (classified) error.
func ProbeRead(s Secrets) error {
	_, err := s.Get(probeItem)
	if err == nil || errors.Is(err, ErrNotFound) {
		return nil
	}
	var p *Problem
	if !errors.As(err, &p) {
		err = &Problem{cause: err, Fix: fixHint()}
	}
	return err
}
