package provider

import (
	"context"
	"sync"
)

// Each calls fn(ctx, i) for every i in [0, n) on at most workers goroutines
// (an adapter's detail or look-up requests, a few in flight at once) and
// returns how many calls it started and the first error. The first error
// cancels the ctx the other calls see and stops handing out work. When
// parent is cancelled first, the error is KindUnreachable wrapping the
// parent's error, so a stopped sync still reads as stopped.
func Each(parent context.Context, n, workers int, fn func(ctx context.Context, i int) error) (started int, err error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	work := make(chan int)
	for range min(max(workers, 1), n) {
		wg.Go(func() {
			for i := range work {
				if err := fn(ctx, i); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case work <- i:
			started++
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if first != nil {
		return started, first
	}
	if parent.Err() != nil {
		return started, &Error{Kind: KindUnreachable, Err: parent.Err()}
	}
	return started, nil
}
