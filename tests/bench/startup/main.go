// Command startup measures Switchboard's start-up against a bare Wails app
// (tests/bench/bare) under the current display (run it under Xvfb): it starts
// each binary in turn, alternating, and times each from process start to the
// "switchboard: painted" line it prints with SWITCHBOARD_REPORT_PAINT=1 (the
// app after the first page of its list is on screen, the bare app after its
// hello), and the app also to its "switchboard: ready" line (that list is
// live: hydrated, answering clicks). After a fixed settle it sums the
// resident memory of the process and
// everything it started (WebKitWebProcess, WebKitNetworkProcess…) from /proc,
// then stops them. It prints the medians:
//
//	bench: startup_to_list_ms M ms
//	bench: startup_to_interactive_ms M ms
//	bench: startup_bare_wails_ms M ms
//	bench: startup_ratio R x
//	bench: rss_over_bare_mb D MB
//
// Usage: startup -app BIN -bare BIN -data-dir DIR [-runs 5] [-settle 3s]
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	paintedLine = "switchboard: painted"
	readyLine   = "switchboard: ready"
)

func main() {
	app := flag.String("app", "", "the Switchboard production binary")
	bare := flag.String("bare", "", "the bare Wails app (tests/bench/bare)")
	dataDir := flag.String("data-dir", "", "the app's data directory (a copy of the bench database)")
	runs := flag.Int("runs", 5, "measured runs of each binary (after one warm-up run of each)")
	settle := flag.Duration("settle", 3*time.Second, "wait after the paint before reading memory")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up on a run that has not painted by then")
	flag.Parse()
	if *app == "" || *bare == "" || *dataDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fail(errors.New("no display: run under xvfb-run"))
	}
	subjects := []subject{
		{name: "app", cmd: []string{*app, "--data-dir", *dataDir}, ready: true},
		{name: "bare", cmd: []string{*bare}},
	}
	ms := map[string][]float64{}
	var readyMS []float64
	mb := map[string][]float64{}
	for i := 0; i <= *runs; i++ {
		for _, s := range subjects {
			r, err := s.run(*settle, *timeout)
			if err != nil {
				fail(fmt.Errorf("%s run %d: %w", s.name, i, err))
			}
			label := fmt.Sprintf("run %d", i)
			if i == 0 {
				label = "warm-up"
			} else {
				ms[s.name] = append(ms[s.name], float64(r.painted.Milliseconds()))
				if s.ready {
					readyMS = append(readyMS, float64(r.ready.Milliseconds()))
				}
				mb[s.name] = append(mb[s.name], r.rssMB)
			}
			live := ""
			if s.ready {
				live = fmt.Sprintf(", live after %5d ms", r.ready.Milliseconds())
			}
			fmt.Printf("startup: %-4s %-7s painted after %5d ms%s, %4.0f MB in %d processes (%s)\n",
				s.name, label, r.painted.Milliseconds(), live, r.rssMB, r.procs, r.byName)
		}
	}
	appMS, bareMS := median(ms["app"]), median(ms["bare"])
	fmt.Printf("bench: startup_to_list_ms %.0f ms\n", appMS)
	fmt.Printf("bench: startup_to_interactive_ms %.0f ms\n", median(readyMS))
	fmt.Printf("bench: startup_bare_wails_ms %.0f ms\n", bareMS)
	fmt.Printf("bench: startup_ratio %.2f x\n", appMS/bareMS)
	fmt.Printf("bench: startup_app_rss_mb %.0f MB\n", median(mb["app"]))
	fmt.Printf("bench: startup_bare_rss_mb %.0f MB\n", median(mb["bare"]))
	fmt.Printf("bench: rss_over_bare_mb %.0f MB\n", median(mb["app"])-median(mb["bare"]))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "startup:", err)
	os.Exit(1)
}

type subject struct {
	name string
	cmd  []string
	// ready: the subject also reports when its first screen is live.
	ready bool
}

type result struct {
	painted time.Duration
	ready   time.Duration
	rssMB   float64
	procs   int
	// byName is the resident memory (MB) of each process of the tree, by name.
	byName string
}

// run starts the subject in its own process group, waits for its paint
// line (and its ready line), lets it settle, reads the memory of its process tree and stops the
// group it started.
func (s subject) run(settle, timeout time.Duration) (result, error) {
	cmd := exec.Command(s.cmd[0], s.cmd[1:]...)
	cmd.Env = append(os.Environ(), "SWITCHBOARD_REPORT_PAINT=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return result{}, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	defer stop(cmd)
	painted := make(chan time.Duration, 1)
	ready := make(chan time.Duration, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			switch strings.TrimSpace(sc.Text()) {
			case paintedLine:
				painted <- time.Since(start)
			case readyLine:
				ready <- time.Since(start)
			}
		}
		close(painted)
		close(ready)
	}()
	var r result
	deadline := time.After(timeout)
	select {
	case d, ok := <-painted:
		if !ok {
			return result{}, errors.New("exited without reporting its paint")
		}
		r.painted = d
	case <-deadline:
		return result{}, fmt.Errorf("did not paint within %s", timeout)
	}
	if s.ready {
		select {
		case d, ok := <-ready:
			if !ok {
				return result{}, errors.New("exited without reporting its first screen live")
			}
			r.ready = d
		case <-deadline:
			return result{}, fmt.Errorf("first screen not live within %s", timeout)
		}
	}
	time.Sleep(settle) // a measurement: let the web process finish its first work
	kb, n, byName := treeRSS(cmd.Process.Pid)
	r.rssMB, r.procs, r.byName = float64(kb)/1024, n, byName
	return r, nil
}

// stop ends the process group the run started: SIGTERM, then SIGKILL after
// 5 s, and waits for the subject.
func stop(cmd *exec.Cmd) {
	pgid := cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-done
	}
	// Its WebKit helpers leave with it; wait until none of the group is left.
	for i := 0; i < 50 && syscall.Kill(-pgid, 0) == nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
}

// treeRSS sums VmRSS (kB) of pid and all its descendants, counts them, and
// lists each one's name and MB.
func treeRSS(root int) (kb int, procs int, byName string) {
	children := map[int][]int{}
	entries, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, e := range entries {
		b, err := os.ReadFile(e)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so split after the last ')'.
		s := string(b)
		end := strings.LastIndexByte(s, ')')
		if end < 0 {
			continue
		}
		fields := strings.Fields(s[end+1:])
		pid, _ := strconv.Atoi(strings.Fields(s)[0])
		if len(fields) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(fields[1])
		children[ppid] = append(children[ppid], pid)
	}
	var parts []string
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		procs++
		own := vmRSS(pid)
		kb += own
		name, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		parts = append(parts, fmt.Sprintf("%s %d", strings.TrimSpace(string(name)), own/1024))
		queue = append(queue, children[pid]...)
	}
	return kb, procs, strings.Join(parts, ", ")
}

func vmRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
