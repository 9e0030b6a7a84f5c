package backend

import (
	"strings"
	"testing"
)

func TestCSVSafeLooksPastLeadingBlanks(t *testing.T) {
	for in, want := range map[string]string{
		"=cmd": "'=cmd", " =cmd": "' =cmd", "\n=cmd": "'\n=cmd", " \t @x": "' \t @x", "\tx": "'\tx",
		"+1 555": "'+1 555", "plain": "plain", " plain": " plain", "": "", "a=b": "a=b",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCSVSafe: a guarded cell never reads as a formula, whatever blanks
// lead it, and a cell that needs no guard is left as it is.
func FuzzCSVSafe(f *testing.F) {
	for _, s := range []string{"=1+1", " =1", "\r\n@SUM(A1)", "-2", "+14155550100", "ok", "", "'=x", "\t", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := csvSafe(v)
		if first := strings.TrimLeft(got, " \t\r\n"); first != "" && strings.ContainsRune("=+-@", rune(first[0])) {
			t.Fatalf("csvSafe(%q) = %q still reads as a formula", v, got)
		}
		if got != v && got != "'"+v {
			t.Fatalf("csvSafe(%q) = %q: only a leading quote may be added", v, got)
		}
	})
}
