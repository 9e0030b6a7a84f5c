package main

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider/fake"
)

const syncKey = "key_torture0123456789abcdef"

// syncNow is the fixed "now" of the sync trials: a day after the last call.
func syncNow(calls int) time.Time {
	return fake.RetellEpoch.Add(time.Duration(calls)*8*time.Second + 24*time.Hour)
}

// killDuringSync kills a child in the middle of a large Retell sync, each
// time a few pages after it started (and a random part of a page later), on
// the same data directory: after every kill the database must be sound,
// hold every call the child had reported stored, and hold none twice. A last
// sync, not killed, must then bring it to exactly the provider's calls.
func killDuringSync(h *harness) (int, []string) {
	calls := max(10_000, h.trials*2_500) // about two pages a trial
	retell := fake.NewRetell(syncKey, fake.RetellCalls(calls, 42))
	for i := range retell.Calls { // 8 s apart: all inside the first sync's 90 days
		c := &retell.Calls[i]
		start := fake.RetellEpoch.UnixMilli() + int64(i)*8_000
		c.EndTimestamp, c.StartTimestamp = start+c.EndTimestamp-c.StartTimestamp, start
	}
	srv := httptest.NewServer(retell)
	defer srv.Close()
	dir := filepath.Join(h.work, "sync")
	now := syncNow(calls)
	secrets := &keychaintest.Memory{}
	open := func(rec *recorder) (*backend.Backend, error) {
		if rec == nil {
			rec = newRecorder()
		}
		return backend.New(backend.Config{DataDir: dir, Actor: "torture", Now: clockAt(now), Secrets: secrets,
			Events: rec, ProviderBaseURLs: map[string]string{"retell": srv.URL}})
	}
	b, err := open(nil)
	if err != nil {
		return 0, []string{"set-up: " + err.Error()}
	}
	sub, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: "Torture Sync Clinic"})
	if err == nil {
		_, err = b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": syncKey}})
	}
	b.Close()
	if err != nil {
		return 0, []string{"set-up: " + err.Error()}
	}
	settings := map[string]string{"TORTURE_DIR": dir, "TORTURE_URL": srv.URL,
		"TORTURE_SUB": strconv.FormatInt(sub.ID, 10), "TORTURE_NOW": now.Format(time.RFC3339Nano)}

	var failures []string
	killed := 0
	for trial := 1; trial <= h.trials; trial++ {
		p, err := spawn("sync", settings)
		if err != nil {
			return trial, append(failures, err.Error())
		}
		pages := 1 + h.rng.IntN(3)
		seen := 0
		p.waitFor(time.Minute, func(l string) bool {
			if strings.HasPrefix(l, "page ") {
				seen++
			}
			return seen == pages || l == "done"
		})
		wasKilled, err := p.kill(time.Duration(h.rng.IntN(40_000)) * time.Microsecond)
		if wasKilled {
			killed++
		} else if err != nil {
			failures = append(failures, fmt.Sprintf("trial %d: the child failed: %v: %s", trial, err, p.stderr.String()))
		}
		committed := lastStored(p.reported())
		b, err := open(nil)
		if err != nil {
			failures = append(failures, fmt.Sprintf("trial %d: reopen after the kill: %v", trial, err))
			continue
		}
		d := b.Store.SQL()
		problems := soundness(d)
		if n := count(d, "SELECT count(*) FROM calls"); n < committed {
			problems = append(problems, fmt.Sprintf("%d calls stored, but the child had reported %d stored", n, committed))
		}
		if n := duplicateCalls(d); n != 0 {
			problems = append(problems, fmt.Sprintf("%d calls stored twice", n))
		}
		b.Close()
		for _, pr := range problems {
			failures = append(failures, fmt.Sprintf("trial %d: %s", trial, pr))
		}
		h.logf("sync trial %d: killed %v after %d pages, %d calls reported stored", trial, wasKilled, pages, committed)
	}
	if killed < h.trials*9/10 {
		failures = append(failures, fmt.Sprintf("only %d of %d children were killed mid-sync: the sync is too small", killed, h.trials))
	}
	// The last sync, in this process and not killed, finishes the job.
	rec := newRecorder()
	if b, err = open(rec); err == nil {
		defer b.Close()
		err = b.Sync.SyncNow(sub.ID)
	}
	if err == nil {
		var p backend.SyncProgress
		if p, err = rec.waitDone(5 * time.Minute); err == nil && p.Error != nil {
			err = errors.New(p.Error.Message)
		}
	}
	if err != nil {
		return h.trials, append(failures, "the sync after the kills: "+err.Error())
	}
	if n := count(b.Store.SQL(), "SELECT count(*) FROM calls"); n != int64(calls) {
		failures = append(failures, fmt.Sprintf("after the last sync %d calls, want the provider's %d", n, calls))
	}
	return h.trials, failures
}

// lastStored is the calls count of the last "page N stored C" line.
func lastStored(lines []string) int64 {
	var n int64
	for _, l := range lines {
		var page int
		var stored int64
		if _, err := fmt.Sscanf(l, "page %d stored %d", &page, &stored); err == nil {
			n = stored
		}
	}
	return n
}

// childSync syncs the sub-account to the end, as the app would, reporting
// after every stored page how many calls the database holds.
func childSync() error {
	dir, url := os.Getenv("TORTURE_DIR"), os.Getenv("TORTURE_URL")
	id, _ := strconv.ParseInt(os.Getenv("TORTURE_SUB"), 10, 64)
	now, _ := time.Parse(time.RFC3339Nano, os.Getenv("TORTURE_NOW"))
	secrets := &keychaintest.Memory{}
	secrets.Set(keychain.SubAccountItem(id), `{"apiKey":"`+syncKey+`"}`)
	rec := newRecorder()
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "torture-child", Now: clockAt(now), Secrets: secrets,
		Events: rec, ProviderBaseURLs: map[string]string{"retell": url}})
	if err != nil {
		return err
	}
	defer b.Close()
	rec.progress = func(p backend.SyncProgress) {
		report("page %d stored %d", p.Pages, count(b.Store.SQL(), "SELECT count(*) FROM calls"))
	}
	if err := b.Sync.SyncNow(id); err != nil {
		return err
	}
	report("ready")
	p, err := rec.waitDone(10 * time.Minute)
	if err != nil {
		return err
	}
	if p.Error != nil {
		return errors.New(p.Error.Message)
	}
	report("done")
	return nil
}
