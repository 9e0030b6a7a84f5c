package retell

import (
	"context"
	"sync"
)

// lookupWorkers bounds the detail requests ListAgents has in flight at once.
const lookupWorkers = 4

// each runs f(ctx, i) for every i in [0, n) on at most workers goroutines.
// The first error cancels ctx for the rest, stops handing out work and is
// returned; without one, it returns the parent context's error, if any.
func each(parent context.Context, n, workers int, f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	work := make(chan int)
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := f(ctx, i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
						cancel()
					}
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if first != nil {
		return first
	}
	return parent.Err()
}
