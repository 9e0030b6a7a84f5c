package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"switchboard/backend"
	"switchboard/backend/keychain"
)

// canaryTag marks the sweep's secrets: each provider's is built from it.
const canaryTag = "CANARYca4a7"

// echoSteps are the faults of the sweep: each makes the provider repeat the
// secret, in every encoding, in an error answer.
var echoSteps = []struct {
	name  string
	fault fault
}{
	{"401 echo", fault401}, {"403 echo", fault403}, {"429 echo", fault429Always},
	{"5xx echo", fault5xxAlways}, {"HTML page echo", faultEchoHTML}, {"plain text echo", faultEchoText},
}

// canarySweep saves a canary secret for every provider into the real OS
// keychain (a Secret Service; make torture runs inside a private one), has
// the provider repeat it in every error answer it can give, on saving and on
// syncing, then exports the calls and backs up the database, and searches
// every file of the data directory, the log, every event and everything the
// services returned for the secret in every encoding. It must be found
// nowhere but in the keychain, and not there once the sub-account is deleted.
func canarySweep(h *harness) (int, []string) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return 0, []string{"no D-Bus session: run through tests/keychain-session.sh (make torture does)"}
	}
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	var failures []string
	trials := 0
	for _, s := range setups(canaryTag) {
		e, err := newMatrixEnv(h, s, keychain.OS{})
		if err != nil {
			failures = append(failures, s.id+": "+err.Error())
			continue
		}
		secret := s.fields[s.secret]
		basic := ""
		if s.id == "twilio" {
			basic = s.fields["accountSid"] + ":" + secret
		}
		e.proxy.echoes(secret, basic)
		item := keychain.SubAccountItem(e.sub.ID)
		if stored, err := (keychain.OS{}).Get(item); err != nil || !strings.Contains(stored, secret) {
			failures = append(failures, fmt.Sprintf("%s: the secret is not in the OS keychain (%v)", s.id, err))
		}
		for _, step := range echoSteps {
			trials++
			e.proxy.arm(step.fault)
			e.save() // the key check meets the fault too
			e.sync()
			e.proxy.arm(faultNone)
			e.resaveIfRefused()
		}
		// The calls' export, and a backup.
		res, err := e.b.Calls.ExportCSV(backend.CallQuery{SubAccountID: e.sub.ID})
		e.keep(res, err)
		if err := e.b.Store.Backup(context.Background(), filepath.Join(e.dir, "backup.db")); err != nil {
			failures = append(failures, s.id+": backup: "+err.Error())
		}
		audit, err := e.b.Audit.List(backend.AuditQuery{})
		e.keep(audit, err)
		e.keep(e.b.Providers.Get(e.sub.ID))
		err = e.b.SubAccounts.Delete(e.sub.ID, e.sub.Name)
		e.keep(nil, err)
		e.close()
		if _, err := (keychain.OS{}).Get(item); err == nil {
			failures = append(failures, s.id+": the keychain item is still there after the sub-account was deleted")
			keychain.OS{}.Delete(item)
		}
		places := map[string]string{"the log": logged.String(), "the events": strings.Join(e.rec.all(), "\n"),
			"what the services returned": strings.Join(e.returned, "\n")}
		filepath.WalkDir(e.dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(path)
				places[filepath.Base(path)] = string(b)
			}
			return nil
		})
		for where, text := range places {
			if form := leaked(text, secret, basic); form != "" {
				failures = append(failures, fmt.Sprintf("%s: the secret (%s) is in %s", s.id, form, where))
			}
		}
	}
	return trials, failures
}

// leaked names the form in which secret (or the Basic pair) appears in
// text, or returns "".
func leaked(text, secret, basic string) string {
	forms := map[string]string{
		"raw": secret, "base64": base64.StdEncoding.EncodeToString([]byte(secret)),
		"base64url":   base64.RawURLEncoding.EncodeToString([]byte(secret)),
		"URL-encoded": url.QueryEscape(secret), "percent-encoded": strings.ReplaceAll(secret, "_", "%5F"),
		"hex": hex.EncodeToString([]byte(secret)),
		"HEX": strings.ToUpper(hex.EncodeToString([]byte(secret))),
	}
	if basic != "" {
		forms["base64 of the Basic pair"] = base64.StdEncoding.EncodeToString([]byte(basic))
	}
	for name, form := range forms {
		if strings.Contains(text, form) || strings.Contains(strings.ToLower(text), strings.ToLower(form)) && name != "base64" && name != "base64url" {
			return name
		}
	}
	return ""
}
