package provider

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryIndexWithinTheBound(t *testing.T) {
	var inFlight, most, sum atomic.Int64
	// No call leaves until three are in: the bound is reached, and held.
	all := make(chan struct{})
	var once sync.Once
	started, err := Each(context.Background(), 20, 3, func(ctx context.Context, i int) error {
		n := inFlight.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		if n == 3 {
			once.Do(func() { close(all) })
		}
		<-all
		sum.Add(int64(i))
		inFlight.Add(-1)
		return nil
	})
	if err != nil || started != 20 || sum.Load() != 190 {
		t.Fatalf("started %d, sum %d, err %v; want 20, 190, nil", started, sum.Load(), err)
	}
	if most.Load() != 3 {
		t.Errorf("%d calls in flight at most, want 3", most.Load())
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	started, err := Each(context.Background(), 100, 1, func(ctx context.Context, i int) error {
		if i == 4 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || started > 6 {
		t.Fatalf("started %d, err %v; want boom after about 5", started, err)
	}
}

func TestEachOfACancelledContextIsUnreachable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Each(ctx, 5, 2, func(context.Context, int) error { return nil })
	if KindOf(err) != KindUnreachable || !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want unreachable wrapping context.Canceled", err)
	}
}
