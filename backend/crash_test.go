package backend_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider/fake"
)

// The crash test runs a sync in a child process (this test binary, started
// again with crashChildEnv set) and kills it at random points.
const crashChildEnv = "SWITCHBOARD_CRASH_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		os.Exit(crashChild())
	}
	os.Exit(m.Run())
}

// crashChild syncs one sub-account to the end, as the app would, then exits.
func crashChild() int {
	dir, url := os.Getenv("CRASH_DATA_DIR"), os.Getenv("CRASH_RETELL_URL")
	id, _ := strconv.ParseInt(os.Getenv("CRASH_SUB_ID"), 10, 64)
	now, _ := time.Parse(time.RFC3339, os.Getenv("CRASH_NOW"))
	secrets := &keychaintest.Memory{}
	secrets.Set(keychain.SubAccountItem(id), `{"apiKey":"`+retellKey+`"}`)
	done := make(chan backend.SyncProgress, 1)
	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "crash-child", Now: func() time.Time { return now }, Secrets: secrets,
		Events: &recorder{done: done}, ProviderBaseURLs: map[string]string{"retell": url},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := b.Sync.SyncNow(id); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	p := <-done
	b.Close()
	if p.Error != nil {
		fmt.Fprintln(os.Stderr, p.Error)
		return 1
	}
	return 0
}

func TestSyncSurvivesBeingKilledAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("starts dozens of processes")
	}
	// 100,000 calls 50 s apart (58 days, all inside the first sync's
	// window): 100 pages, each answered after 80 ms. A whole sync takes far
	// longer than all the children together are given, so every kill lands
	// inside a run, at a different page each time.
	const calls = 100_000
	env := newProviderEnv(t, calls)
	for i := range env.retell.Calls {
		c := &env.retell.Calls[i]
		start := fake.RetellEpoch.UnixMilli() + int64(i)*50_000
		c.EndTimestamp, c.StartTimestamp = start+c.EndTimestamp-c.StartTimestamp, start
	}
	env.clock.advance(30 * 24 * time.Hour)
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatal(err)
	}
	env.retell.SlowNext(-1, 80*time.Millisecond)
	dir := filepath.Dir(env.b.Store.Path())
	srvURL := env.retellURL
	env.b.Close() // the children own the data directory now

	rng := rand.New(rand.NewPCG(42, 7))
	killed, completed := 0, 0
	for run := 0; run < 24; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=1", "CRASH_DATA_DIR="+dir, "CRASH_RETELL_URL="+srvURL,
			"CRASH_SUB_ID="+strconv.FormatInt(env.sub.ID, 10), "CRASH_NOW="+env.clock.now().Format(time.RFC3339))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("run %d: child failed: %v", run, err)
			}
			completed++
		case <-time.After(time.Duration(rng.IntN(250)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			killed++
		}
	}
	t.Logf("%d runs killed, %d ran to the end", killed, completed)
	if killed < 20 {
		t.Fatalf("only %d of 24 runs were killed; the test needs at least 20", killed)
	}
	env.retell.SlowNext(0, 0)

	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "dana", Now: env.clock.now, Secrets: env.secrets,
		Events: env.rec, ProviderBaseURLs: map[string]string{"retell": srvURL},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if problems, err := b.Store.IntegrityCheck(t.Context()); err != nil || len(problems) > 0 {
		t.Fatalf("integrity after the kills: %v %v", problems, err)
	}
	env.b = b
	before := env.callCount(t) // fails on any duplicate
	if err := b.Sync.SyncNow(env.sub.ID); err != nil {
		t.Fatal(err)
	}
	if p := env.rec.waitDoneWithin(t, 5*time.Minute); p.Error != nil { // 100 pages: slow under -race
		t.Fatalf("final sync: %+v", p)
	}
	if after := env.callCount(t); after != calls {
		t.Fatalf("after the final sync %d calls (had %d after the kills), want %d", after, before, calls)
	}
}
