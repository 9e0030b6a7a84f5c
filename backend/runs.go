package backend

import (
	"context"
	"sync"
)

// runs is the registry of background work per sub-account (today: its
// call-log sync). Both the sync service, which starts runs, and the areas
// that must wait for one to end (changing the provider, disabling,
// deleting) hold the same registry.
type runs struct {
	mu      sync.Mutex
	base    context.Context
	running map[int64]*run
	// held sub-accounts may start no run until every hold is released.
	held map[int64]int
	wg   sync.WaitGroup
}

type run struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func newRuns(base context.Context) *runs {
	return &runs{base: base, running: map[int64]*run{}, held: map[int64]int{}}
}

// begin registers a run of sub-account id and returns its context (cancelled
// by stop or when the backend closes) and end, which the run must call when
// it returns. ok is false when a run of id is going already, id is held, or
// the backend is closing.
func (r *runs) begin(id int64) (ctx context.Context, end func(), ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running[id] != nil || r.held[id] > 0 || r.base.Err() != nil {
		return nil, nil, false
	}
	ctx, cancel := context.WithCancel(r.base)
	rn := &run{cancel: cancel, done: make(chan struct{})}
	r.running[id] = rn
	r.wg.Add(1)
	return ctx, func() {
		r.mu.Lock()
		delete(r.running, id)
		r.mu.Unlock()
		cancel()
		close(rn.done)
		r.wg.Done()
	}, true
}

// isHeld reports whether id is held: it is being disabled or deleted.
func (r *runs) isHeld(id int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.held[id] > 0
}

// isRunning reports whether a run of id is going.
func (r *runs) isRunning(id int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.running[id] != nil
}

// ids are the sub-accounts whose runs are going.
func (r *runs) ids() []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]int64, 0, len(r.running))
	for id := range r.running {
		out = append(out, id)
	}
	return out
}

// count is how many runs are going.
func (r *runs) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.running)
}

// stop holds id (no new run starts), cancels its run if one is going and
// waits for it to return. release lifts the hold; call it once.
func (r *runs) stop(id int64) (release func()) {
	r.mu.Lock()
	r.held[id]++
	rn := r.running[id]
	r.mu.Unlock()
	if rn != nil {
		rn.cancel()
		<-rn.done
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.held[id]--; r.held[id] <= 0 {
				delete(r.held, id)
			}
		})
	}
}

// wait blocks until every run has returned (the base context must be
// cancelled first for a prompt return).
func (r *runs) wait() { r.wg.Wait() }
