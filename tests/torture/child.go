package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// childEnv names the child's mode; the child reads its other settings from
// the TORTURE_* variables its parent sets.
const childEnv = "TORTURE_CHILD"

// child runs one mode of the child process and returns its exit code. It
// reports on standard output, one line at a time, what it has committed:
// the parent checks after the kill that all of it is still there.
func child(mode string) int {
	var err error
	switch mode {
	case "sync":
		err = childSync()
	case "changes":
		err = childChanges()
	case "migrate":
		err = childMigrate()
	default:
		err = fmt.Errorf("unknown child mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// report writes one line to the parent. os.Stdout is unbuffered: the line is
// in the pipe before the child goes on.
func report(format string, args ...any) { fmt.Printf(format+"\n", args...) }

// proc is a running child.
type proc struct {
	cmd    *exec.Cmd
	exited chan error
	stderr *lockedBuffer
	mu     sync.Mutex
	lines  []string
	// line receives every line as it arrives (dropped when nobody waits).
	line chan string
}

// spawn starts this binary as a child in mode with the given settings.
func spawn(mode string, settings map[string]string) (*proc, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	for k, v := range settings {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &proc{cmd: cmd, exited: make(chan error, 1), stderr: &lockedBuffer{}, line: make(chan string, 1024)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		s := bufio.NewScanner(out)
		for s.Scan() {
			p.mu.Lock()
			p.lines = append(p.lines, s.Text())
			p.mu.Unlock()
			select {
			case p.line <- s.Text():
			default:
			}
		}
	}()
	go func() {
		<-read // every line is in before Wait closes the pipe
		p.exited <- cmd.Wait()
	}()
	return p, nil
}

// waitFor waits until the child reports a line for which match is true, and
// returns it; "" when the child exits first or within does not pass.
func (p *proc) waitFor(within time.Duration, match func(string) bool) string {
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	for {
		select {
		case l := <-p.line:
			if match(l) {
				return l
			}
		case err := <-p.exited:
			p.exited <- err
			return ""
		case <-deadline.C:
			return ""
		}
	}
}

// kill sends SIGKILL after d unless the child exits first. It returns
// whether the child was killed and, if it exited by itself, its error.
func (p *proc) kill(d time.Duration) (killed bool, err error) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-p.exited:
		return false, err
	case <-t.C:
		p.cmd.Process.Signal(syscall.SIGKILL)
		<-p.exited
		return true, nil
	}
}

// wait waits for the child to exit by itself (killing it after within).
func (p *proc) wait(within time.Duration) error {
	killed, err := p.kill(within)
	if killed {
		return fmt.Errorf("the child did not end within %s", within)
	}
	return err
}

// reported is every line the child wrote, in order.
func (p *proc) reported() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}

// lockedBuffer collects a child's standard error.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
