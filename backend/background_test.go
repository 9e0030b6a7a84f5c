package backend_test

import (
	"testing"
	"time"

	"switchboard/backend"
)

// With DeferBackground, a due auto-sync waits for StartBackground (the
// window calls it once its first screen is painted), then runs.
func TestDeferredSchedulerWaitsForStartBackground(t *testing.T) {
	env := newProviderEnvTick(t, 5, 10*time.Millisecond, func(c *backend.Config) { c.DeferBackground = true })
	if _, err := env.save(t, retellKey); err != nil {
		t.Fatalf("save credentials: %v", err)
	}
	// Twenty ticks of a scheduler that would have started the due sync at once.
	select {
	case p := <-env.rec.done:
		t.Fatalf("a sync ran before StartBackground: %+v", p)
	case <-time.After(200 * time.Millisecond):
	}
	env.b.StartBackground()
	env.b.StartBackground() // a second call changes nothing
	if p := env.rec.waitDone(t); p.Error != nil {
		t.Fatalf("the scheduled sync failed: %v", p.Error.Message)
	}
}

// After Close, StartBackground starts nothing (and does not panic).
func TestStartBackgroundAfterCloseDoesNothing(t *testing.T) {
	env := newProviderEnvTick(t, 5, 10*time.Millisecond, func(c *backend.Config) { c.DeferBackground = true })
	if err := env.b.Close(); err != nil {
		t.Fatal(err)
	}
	env.b.StartBackground()
}
