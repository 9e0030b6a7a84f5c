package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"switchboard/backend"
)

// runExport writes the sub-account list, as the list view would search,
// filter and sort it, to a new CSV file. It only reads, so it may run while
// the app has the data open.
func runExport(args []string, out, errOut io.Writer) int {
	var q backend.ListQuery
	dir, rest, ok := flags("export", args, errOut, func(fs *flag.FlagSet) {
		fs.StringVar(&q.Search, "search", "", "names that contain this text")
		fs.StringVar(&q.Status, "status", "", "active or inactive")
		fs.StringVar(&q.Provider, "provider", "", "a voice provider id (retell, vapi, ...) or none")
		fs.StringVar(&q.Sort, "sort", "", "the column to sort by (name, status, provider, lastLogin, lastCall, created, minutesLeft)")
		fs.BoolVar(&q.Desc, "desc", false, "sort descending")
	})
	if !ok {
		return 2
	}
	if len(rest) != 1 {
		fmt.Fprintln(errOut, "usage: switchboard export FILE [--search S] [--status S] [--provider P] [--sort K] [--desc] [--data-dir D]")
		return 2
	}
	target, err := filepath.Abs(rest[0])
	if err != nil {
		fmt.Fprintln(errOut, "switchboard export:", err)
		return 1
	}
	if _, err := os.Lstat(target); err == nil {
		fmt.Fprintf(errOut, "switchboard export: %s already exists; choose a new file name (exports never overwrite)\n", target)
		return 1
	}
	store, ok := openExisting(dir, errOut)
	if !ok {
		return 1
	}
	defer store.Close()
	rows, err := backend.ExportSubAccounts(context.Background(), store, target, backend.Selection{All: true, Query: q},
		func(backend.ExportProgress) {})
	if err != nil {
		fmt.Fprintln(errOut, "switchboard export:", userMessage(err))
		return 1
	}
	fmt.Fprintf(out, "%d sub-accounts written to %s\n", rows, target)
	return 0
}
