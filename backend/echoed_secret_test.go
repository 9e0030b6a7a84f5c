package backend_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

// TestAnEchoedSecretIsStoredNowhere wraps the Twilio fake so that, once
// told to, it refuses every request with a 401 whose body repeats the auth
// token, the Authorization header (base64 of sid:token) and the token's
// hex and URL encodings, as a careless server might. After Save
// Credentials, a sync and a backup, none of them is in any file of the data
// directory, in the Connection JSON, in the sync-done event or in the log.
func TestAnEchoedSecretIsStoredNowhere(t *testing.T) {
	const (
		sid   = "AC00112233445566778899aabbccddeeff"
		token = "ECHOtoken0f7e1d2c3b4a5968778695a4"
	)
	pair := base64.StdEncoding.EncodeToString([]byte(sid + ":" + token))
	leaks := map[string]string{
		"the token":                    token,
		"a piece of the token":         token[4:16],
		"the Basic pair":               pair,
		"the token's part of the pair": pair[48 : len(pair)-2],
		"the token in hex":             hex.EncodeToString([]byte(token)),
		"the token URL-encoded":        url.QueryEscape(token + "/"),
	}

	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)

	var echo atomic.Bool
	twilio := fake.NewTwilio(sid, token, fake.TwilioCalls(30, 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !echo.Load() {
			twilio.ServeHTTP(w, r)
			return
		}
		_, pass, _ := r.BasicAuth()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]any{
			"code": 20003, "status": 401,
			"message":   "Authenticate " + pass + " " + r.Header.Get("Authorization") + " " + hex.EncodeToString([]byte(pass)),
			"more_info": "https://www.twilio.com/docs/errors/20003?t=" + url.QueryEscape(pass+"/"),
		})
	}))
	defer srv.Close()

	dir := t.TempDir()
	c := &clock{t: fake.TwilioEpoch.Add(30 * 24 * time.Hour)}
	rec := &recorder{done: make(chan backend.SyncProgress, 4)}
	client := provider.NewClient()
	client.Sleep = func(context.Context, time.Duration) error { return nil }
	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "dana", Now: c.now, Secrets: &keychaintest.Memory{}, Events: rec,
		ProviderBaseURLs: map[string]string{"twilio": srv.URL}, ProviderClient: client,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	sub := mustCreate(t, b, "Echo Clinic")
	save := func() backend.Connection {
		t.Helper()
		conn, err := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{
			Provider: "twilio", Fields: map[string]string{"accountSid": sid, "authToken": token}, SaveAnyway: true,
		})
		if err != nil {
			t.Fatalf("save: %v", err)
		}
		return conn
	}
	var texts []string // what crossed to the window, as JSON
	asJSON := func(v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}

	if conn := save(); conn.State != backend.StateConnected {
		t.Fatalf("first save: %+v", conn)
	}
	echo.Store(true)
	if err := b.Sync.SyncNow(sub.ID); err != nil {
		t.Fatal(err)
	}
	done := rec.waitDone(t)
	if done.Error == nil {
		t.Fatalf("the sync did not fail: %+v", done)
	}
	asJSON(done)
	_, refused := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{
		Provider: "twilio", Fields: map[string]string{"accountSid": sid, "authToken": token},
	})
	if backend.ErrorCode(refused) != backend.CodeRefused {
		t.Fatalf("second save: %v, want refused", refused)
	}
	asJSON(backend.Format(refused, nil))
	conn := save()
	if conn.State != backend.StateInvalid || !strings.Contains(conn.StateReason, "HTTP 401") {
		t.Errorf("saved anyway: state %q, reason %q; want invalid with Twilio's refusal in words", conn.State, conn.StateReason)
	}
	asJSON(conn)
	view, err := b.Providers.Get(sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	asJSON(view)
	if err := b.Store.Backup(t.Context(), filepath.Join(dir, "echo-backup.db")); err != nil {
		t.Fatal(err)
	}
	b.Close()

	files := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files++
		for what, s := range leaks {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s is in %s", what, path)
			}
		}
		return nil
	})
	if files < 2 {
		t.Errorf("only %d files checked", files)
	}
	texts = append(texts, logged.String())
	for i, text := range texts {
		for what, s := range leaks {
			if strings.Contains(text, s) {
				t.Errorf("%s is in text %d: %s", what, i, text)
			}
		}
	}
	if !strings.Contains(logged.String(), "unauthorized") {
		t.Errorf("the log does not show the sync's failure: %q", logged.String())
	}
}
