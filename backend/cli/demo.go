package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"switchboard/backend/demo"
)

func runDemo(args []string, out, errOut io.Writer) int {
	var count, calls int
	var seed uint64
	dir, rest, ok := flags("demo", args, errOut, func(fs *flag.FlagSet) {
		fs.IntVar(&count, "count", 0, "number of sub-accounts to create")
		fs.Uint64Var(&seed, "seed", 1, "seed; the same seed gives the same data")
		fs.IntVar(&calls, "calls-per-account", 200, "average synced calls per connected sub-account")
	})
	if !ok {
		return 2
	}
	if len(rest) > 0 || count < 1 || calls < 0 {
		fmt.Fprintln(errOut, "usage: switchboard demo --count N [--seed S] [--calls-per-account C] [--data-dir D] (N at least 1, C at least 0)")
		return 2
	}
	clock := &demo.Clock{}
	b, done, ok := openLocked(dir, errOut, clock.Now)
	if !ok {
		return 1
	}
	defer done()
	start := time.Now()
	err := demo.Fill(context.Background(), b, time.Now(), demo.Options{Count: count, Seed: seed, CallsPerAccount: calls, Clock: clock, Progress: func(n int) {
		if n%10000 == 0 || n == count {
			fmt.Fprintf(out, "created %d of %d sub-accounts\n", n, count)
		}
	}})
	if err != nil {
		fmt.Fprintln(errOut, "switchboard demo:", userMessage(err))
		return 1
	}
	fmt.Fprintf(out, "demo data ready in %s (%s)\n", dir, time.Since(start).Round(time.Millisecond))
	return 0
}
