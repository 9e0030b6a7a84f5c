package provider

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestMinorUnits(t *testing.T) {
	tests := []struct {
		name, amount, currency string
		want                   int64
		bad                    bool
	}{
		{"negative price rounds up", "-0.01750", "USD", 2, false},
		{"half rounds away from zero", "-1.005", "USD", 101, false},
		{"just under half rounds down", "-1.00499", "USD", 100, false},
		{"zero", "0", "USD", 0, false},
		{"negative zero", "-0.00000", "USD", 0, false},
		{"tiny rounds to zero", "-0.004", "USD", 0, false},
		{"whole", "12", "EUR", 1200, false},
		{"positive sign", "+3.1", "GBP", 310, false},
		{"no leading digit", ".5", "USD", 50, false},
		{"trailing point", "7.", "USD", 700, false},
		{"yen has no minor unit", "-12.5", "JPY", 13, false},
		{"yen whole", "1500", "JPY", 1500, false},
		{"unknown currency gets two digits", "1.234", "XYZ", 123, false},
		{"surrounding space", " -0.0175 ", "USD", 2, false},
		{"leading zeros", "-000000000000000000001.5", "USD", 150, false},
		{"largest", "999999999999999.995", "USD", 100000000000000000, false},
		{"empty", "", "USD", 0, true},
		{"sign only", "-", "USD", 0, true},
		{"point only", ".", "USD", 0, true},
		{"two points", "1.2.3", "USD", 0, true},
		{"exponent", "1e-3", "USD", 0, true},
		{"double sign", "--1", "USD", 0, true},
		{"letters", "abc", "USD", 0, true},
		{"inner space", "1 000", "USD", 0, true},
		{"comma", "1,50", "USD", 0, true},
		{"too large", "1234567890123456", "USD", 0, true},
		{"nan", "NaN", "USD", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MinorUnits(tt.amount, tt.currency)
			if tt.bad {
				if KindOf(err) != KindMalformed {
					t.Fatalf("MinorUnits(%q) = %d, %v; want KindMalformed", tt.amount, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("MinorUnits(%q, %s) = %d, %v; want %d", tt.amount, tt.currency, got, err, tt.want)
			}
		})
	}
}

func TestMicrosFromFloat(t *testing.T) {
	tests := []struct {
		amount float64
		exp    int
		want   int64
		ok     bool
	}{
		{0, 0, 0, true},
		{0.285, 0, 285000, true}, // 0.28499999… in binary; the decimal says 0.285
		{-0.285, 0, -285000, true},
		{0.0175, 0, 17500, true},
		{0.01234567, 0, 12346, true}, // the seventh decimal rounds, half away from zero
		{12.345, 2, 123450, true},    // cents: 12.345 cents is $0.12345
		{70, 2, 700000, true},
		{1e-300, 0, 0, true},
		{123456.999, 0, 123456999000, true},
		{1e13, 0, 0, false},
		{-1e20, 0, 0, false},
		{math.NaN(), 0, 0, false},
		{math.Inf(-1), 2, 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.amount, "e-", tt.exp), func(t *testing.T) {
			got, ok := MicrosFromFloat(tt.amount, tt.exp)
			if got != tt.want || ok != tt.ok {
				t.Errorf("MicrosFromFloat(%v, %d) = %d, %v; want %d, %v", tt.amount, tt.exp, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestMicrosRoundOnceForATotal(t *testing.T) {
	// Three Twilio-style prices of $0.00425 each: rounded per call they make
	// 3 cents, summed first and rounded once they make 1 cent (0.01275).
	var total int64
	for range 3 {
		m, err := Micros("-0.00425")
		if err != nil || m != 4250 {
			t.Fatalf("Micros = %d, %v", m, err)
		}
		total += m
	}
	if got := MinorFromMicros(total, "USD"); got != 1 {
		t.Fatalf("MinorFromMicros(%d, USD) = %d, want 1", total, got)
	}
	for _, tt := range []struct {
		micros int64
		cur    string
		want   int64
	}{{5000, "USD", 1}, {4999, "USD", 0}, {-5000, "USD", -1}, {500000, "JPY", 1}, {499999, "JPY", 0}, {1234567, "EUR", 123}} {
		if got := MinorFromMicros(tt.micros, tt.cur); got != tt.want {
			t.Errorf("MinorFromMicros(%d, %s) = %d, want %d", tt.micros, tt.cur, got, tt.want)
		}
	}
	if got := MicrosFromMinor(123, "USD"); got != 1230000 {
		t.Errorf("MicrosFromMinor(123, USD) = %d", got)
	}
}

// FuzzMinorUnits checks that the conversion never panics, never returns a
// negative cost, and agrees with exact rational arithmetic.
func FuzzMinorUnits(f *testing.F) {
	for _, s := range []string{"-0.01750", "-1.005", "0", "", "-", ".", "1e3", "999999999999999.995", "+.5", "12.", " 1 "} {
		f.Add(s, "USD")
	}
	f.Add("-12.5", "JPY")
	f.Fuzz(func(t *testing.T, amount, currency string) {
		got, err := MinorUnits(amount, currency)
		if err != nil {
			if KindOf(err) != KindMalformed {
				t.Fatalf("error of kind %q: %v", KindOf(err), err)
			}
			return
		}
		if got < 0 {
			t.Fatalf("MinorUnits(%q) = %d < 0", amount, got)
		}
		r, ok := new(big.Rat).SetString(trimForRat(amount))
		if !ok {
			return
		}
		r.Abs(r)
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(minorDigits(currency))), nil)))
		// Round half away from zero: floor(r + 1/2) for r >= 0.
		r.Add(r, big.NewRat(1, 2))
		want := new(big.Int).Quo(r.Num(), r.Denom())
		if want.Cmp(big.NewInt(got)) != 0 {
			t.Fatalf("MinorUnits(%q, %q) = %d; exact arithmetic gives %s", amount, currency, got, want)
		}
	})
}

// trimForRat turns an amount minorUnits accepted into a form big.Rat reads
// ("7." → "7.0", "-.5" → "-0.5").
func trimForRat(s string) string {
	s = strings.TrimSpace(s)
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	if strings.HasPrefix(s, ".") {
		s = "0" + s
	}
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return sign + s
}
