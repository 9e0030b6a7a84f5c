// Command sortenums puts the enums of a Wails-generated models.ts in name
// order within each namespace. The generator writes them in Go map order,
// which changes from run to run; make gen runs this so that the committed
// file is stable and check-gen can compare it.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sortenums models.ts")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := sortEnums(string(raw))
	if err := os.WriteFile(os.Args[1], []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// sortEnums reorders each namespace's "\texport enum" blocks by name, in the
// place of the first one; everything else stays where it is.
func sortEnums(src string) string {
	lines := strings.Split(src, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !strings.HasPrefix(lines[i], "export namespace ") {
			out = append(out, lines[i])
			i++
			continue
		}
		end := i + 1
		for end < len(lines) && lines[end] != "}" {
			end++
		}
		out = append(out, sortNamespace(lines[i:end])...)
		i = end
	}
	return strings.Join(out, "\n")
}

func sortNamespace(ns []string) []string {
	type block struct {
		name  string
		lines []string
	}
	var enums []block
	var rest []string
	first := -1
	for i := 0; i < len(ns); i++ {
		if !strings.HasPrefix(ns[i], "\texport enum ") {
			rest = append(rest, ns[i])
			continue
		}
		if first < 0 {
			first = len(rest)
		}
		j := i
		for j < len(ns) && ns[j] != "\t}" {
			j++
		}
		enums = append(enums, block{name: ns[i], lines: ns[i : j+1]})
		i = j
	}
	if first < 0 {
		return ns
	}
	sort.Slice(enums, func(a, b int) bool { return enums[a].name < enums[b].name })
	out := append([]string{}, rest[:first]...)
	for _, e := range enums {
		out = append(out, e.lines...)
	}
	return append(out, rest[first:]...)
}
