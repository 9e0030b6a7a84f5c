// Package cli is Switchboard's command line: subcommands that run before the
// window and need no display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"switchboard/backend"
	"switchboard/backend/about"
	"switchboard/backend/datadir"
	"switchboard/backend/keychain"
)

type command struct {
	name, args, help string
	run              func(args []string, out, errOut io.Writer) int
}

func commands() []command {
	return []command{
		{"version", "", "print the version", runVersion},
		{"doctor", "[--data-dir D]", "check the data directory, database, keychain and webview", runDoctor},
		{"demo", "--count N [--seed S] [--calls-per-account C] [--data-dir D]", "fill the database with deterministic demo data", runDemo},
		{"import", "FILE [--dry-run] [--data-dir D]", "import sub-accounts from a CSV file (--dry-run: check only; exit 1 on an invalid row)", runImport},
		{"backup", "FILE [--data-dir D]", "write a consistent copy of the database to FILE (never overwrites)", runBackup},
		{"export", "FILE [--search S] [--status S] [--provider P] [--sort K] [--desc] [--data-dir D]",
			"write the sub-account list (searched, filtered, sorted) to FILE as CSV (never overwrites)", runExport},
		{"help", "", "show this help", func(_ []string, out, _ io.Writer) int { Usage(out); return 0 }},
	}
}

// Run executes a subcommand when args name one. handled is false when the
// window should open instead.
func Run(args []string, out, errOut io.Writer) (handled bool, code int) {
	if len(args) == 0 {
		return false, 0
	}
	for _, c := range commands() {
		if args[0] == c.name {
			return true, c.run(args[1:], out, errOut)
		}
	}
	return false, 0
}

// Usage prints the command-line help.
func Usage(out io.Writer) {
	fmt.Fprintln(out, "Usage: switchboard [--data-dir D]        open the app")
	for _, c := range commands() {
		fmt.Fprintf(out, "       switchboard %-8s %-38s %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintf(out, "\nThe data directory defaults to <user config dir>/Switchboard; $%s overrides it.\n", datadir.EnvVar)
}

func runVersion(_ []string, out, _ io.Writer) int {
	fmt.Fprintln(out, "switchboard", about.Version)
	return 0
}

// flags parses a subcommand's flags (interspersed with positional arguments)
// and resolves --data-dir.
func flags(name string, args []string, errOut io.Writer, define func(*flag.FlagSet)) (dir string, rest []string, ok bool) {
	fs := flag.NewFlagSet("switchboard "+name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	dirFlag := fs.String("data-dir", "", "data directory")
	if define != nil {
		define(fs)
	}
	for {
		if err := fs.Parse(args); err != nil {
			return "", nil, false
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	dir, err := datadir.Resolve(*dirFlag)
	if err != nil {
		fmt.Fprintln(errOut, "switchboard:", err)
		return "", nil, false
	}
	return dir, rest, true
}

// openLocked locks the data directory and opens the backend on it, with the
// clock now (nil: the system's).
func openLocked(dir string, errOut io.Writer, now func() time.Time) (*backend.Backend, func(), bool) {
	lock, err := datadir.Acquire(dir)
	if err != nil {
		fmt.Fprintln(errOut, "switchboard:", err)
		return nil, nil, false
	}
	b, err := backend.New(backend.Config{DataDir: dir, Secrets: keychain.OS{}, Now: now})
	if err != nil {
		lock.Release()
		fmt.Fprintln(errOut, "switchboard:", err)
		return nil, nil, false
	}
	return b, func() { b.Close(); lock.Release() }, true
}

func userMessage(err error) string {
	var e *backend.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
