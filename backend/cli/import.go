package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"switchboard/backend"
)

// runImport imports sub-accounts from a CSV file, its columns mapped by
// their header names as the window proposes; --dry-run only previews.
// Exit 1 on a problem with the file, and in a dry run on any invalid row.
func runImport(args []string, out, errOut io.Writer) int {
	var dry bool
	dir, rest, ok := flags("import", args, errOut, func(fs *flag.FlagSet) {
		fs.BoolVar(&dry, "dry-run", false, "check every row and report, import nothing")
	})
	if !ok {
		return 2
	}
	if len(rest) != 1 {
		fmt.Fprintln(errOut, "usage: switchboard import FILE [--dry-run] [--data-dir D]")
		return 2
	}
	b, done, ok := openLocked(dir, errOut, nil)
	if !ok {
		return 1
	}
	defer done()
	file, err := b.Imports.Inspect(rest[0])
	if err != nil {
		fmt.Fprintln(errOut, "switchboard import:", userMessage(err))
		return 1
	}
	req := backend.ImportRequest{Path: file.Path, Mapping: make([]string, len(file.Columns))}
	for i, c := range file.Columns {
		req.Mapping[i] = c.Target
		switch {
		case c.Secret:
			fmt.Fprintf(out, "column %q: not read. %s\n", c.Header, c.Note)
		case c.Target == "" && c.Header != "":
			fmt.Fprintf(out, "column %q: not read (no field of that name)\n", c.Header)
		}
	}
	p, err := b.Imports.Preview(req)
	if err != nil {
		fmt.Fprintln(errOut, "switchboard import:", userMessage(err))
		return 1
	}
	printFailures(errOut, p.Failures, p.Invalid)
	fmt.Fprintf(out, "%s: %d rows, %d valid, %d invalid; %d would still need provider credentials\n",
		p.FileName, p.Rows, p.Valid, p.Invalid, p.NeedCredentials)
	if dry {
		if p.Invalid > 0 {
			return 1
		}
		return 0
	}
	req.Fingerprint = p.Fingerprint
	res, err := b.Imports.Import(req)
	if err != nil {
		fmt.Fprintln(errOut, "switchboard import:", userMessage(err))
		return 1
	}
	if len(res.Failures) > len(p.Failures) || res.NotImported != p.Invalid {
		printFailures(errOut, res.Failures, res.NotImported)
	}
	fmt.Fprintf(out, "imported %d sub-accounts from %s; %d rows not imported; %d need provider credentials (save them in Provider Credentials)\n",
		res.Created, res.FileName, res.NotImported, res.NeedCredentials)
	return 0
}

func printFailures(w io.Writer, failures []backend.ImportFailure, total int) {
	for _, f := range failures {
		var msgs []string
		for _, p := range f.Problems {
			if p.Column != "" {
				msgs = append(msgs, p.Column+": "+p.Message)
			} else {
				msgs = append(msgs, p.Message)
			}
		}
		fmt.Fprintf(w, "row %d (%s): %s\n", f.Row, f.Name, strings.Join(msgs, "; "))
	}
	if total > len(failures) {
		fmt.Fprintf(w, "… and %d more invalid rows\n", total-len(failures))
	}
}
