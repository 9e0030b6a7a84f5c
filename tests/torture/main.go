// Command torture runs Switchboard's torture harness: kill -9 trials during
// a large sync, during bursts of sub-account changes and during a migration
// of a populated older database; the provider fault matrix on every adapter;
// and the canary-secret sweep through the real keychain. It prints one line
// per figure, "torture: NAME TRIALS FAILURES", and exits 1 when any line has
// failures. make torture runs 100 kill trials of each kind; make test runs a
// few (-trials 3), so that a regression fails CI.
//
// The kill trials start this binary again as a child (TORTURE_CHILD set) and
// kill it with SIGKILL at random points.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"strings"
	"time"
)

// scenario is one line of the report.
type scenario struct {
	name string
	run  func(h *harness) (trials int, failures []string)
}

var scenarios = []scenario{
	{"kill_during_sync", killDuringSync},
	{"kill_during_changes", killDuringChanges},
	{"kill_during_migration", killDuringMigration},
	{"provider_faults", providerFaults},
	{"canary_secret_sweep", canarySweep},
}

// harness is what every scenario shares.
type harness struct {
	trials int
	rng    *rand.Rand
	// work is a scratch directory, removed at the end.
	work    string
	verbose bool
}

func (h *harness) logf(format string, args ...any) {
	if h.verbose {
		fmt.Fprintf(os.Stderr, "  "+format+"\n", args...)
	}
}

func main() {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode))
	}
	trials := flag.Int("trials", 100, "kill -9 trials of each kind")
	only := flag.String("only", "", "run only the scenarios whose names contain this")
	seed := flag.Uint64("seed", 0, "random seed (0: from the clock; the seed used is printed)")
	verbose := flag.Bool("v", false, "print each trial's details")
	flag.Parse()
	if !*verbose { // the app logs every provider failure it meets: the faults are on purpose
		log.SetOutput(io.Discard)
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	work, err := os.MkdirTemp("", "switchboard-torture-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer os.RemoveAll(work)
	h := &harness{trials: *trials, rng: rand.New(rand.NewPCG(*seed, 1)), work: work, verbose: *verbose}
	fmt.Printf("torture: seed %d, %d kill trials of each kind\n", *seed, *trials)
	failed := 0
	for _, s := range scenarios {
		if *only != "" && !strings.Contains(s.name, *only) {
			continue
		}
		start := time.Now()
		n, failures := s.run(h)
		fmt.Printf("torture: %s %d %d\n", s.name, n, len(failures))
		for _, f := range failures {
			fmt.Printf("  FAIL %s: %s\n", s.name, f)
		}
		fmt.Fprintf(os.Stderr, "  (%s took %s)\n", s.name, time.Since(start).Round(time.Second))
		failed += len(failures)
	}
	if failed > 0 {
		fmt.Printf("torture: %d failures\n", failed)
		os.Exit(1)
	}
	fmt.Println("torture: no failures")
}
