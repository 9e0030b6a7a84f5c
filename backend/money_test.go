package backend

import "testing"

func TestFormatMoney(t *testing.T) {
	cases := []struct {
		minor    int64
		currency string
		want     string
	}{
		{4900, "USD", "$49.00"},
		{0, "USD", "$0.00"},
		{5, "USD", "$0.05"},
		{123456789, "USD", "$1,234,567.89"},
		{MaxPriceMinor, "USD", "$1,000,000.00"},
		{-4900, "USD", "-$49.00"},
		{4900, "EUR", "€49.00"},
		{4900, "GBP", "£49.00"},
		{4900, "CHF", "CHF 49.00"},
		{4900, "CAD", "CA$49.00"},
		{4900, "JPY", "¥4,900"},
		{999, "JPY", "¥999"},
		{1234567, "KRW", "₩1,234,567"},
		{1500, "KWD", "KWD 1.500"},
		{1234567, "BHD", "BHD 1,234.567"},
		{5, "TND", "TND 0.005"},
		{4900, "XYZ", "XYZ 49.00"}, // unknown: two decimals, written by its code
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := FormatMoney(tc.minor, tc.currency); got != tc.want {
				t.Errorf("FormatMoney(%d, %s) = %q, want %q", tc.minor, tc.currency, got, tc.want)
			}
		})
	}
}

func TestFormatRate(t *testing.T) {
	cases := []struct {
		micros   int64
		currency string
		want     string
	}{
		{35000, "USD", "$0.035 / min"},  // sub-cent, exact
		{50000, "USD", "$0.05 / min"},   // trimmed to the currency's 2 decimals, no further
		{1000000, "USD", "$1.00 / min"}, // whole units keep the currency's decimals
		{1200, "USD", "$0.0012 / min"},  // four decimals
		{1234, "USD", "$0.0012 / min"},  // finer than four: rounded
		{1250, "USD", "$0.0013 / min"},  // half up
		{0, "USD", "$0.00 / min"},
		{12_345_000_000, "USD", "$12,345.00 / min"},
		{500000, "JPY", "¥0.5 / min"},
		{3000000, "JPY", "¥3 / min"},
		{35000, "KWD", "KWD 0.035 / min"},
		{100000, "KWD", "KWD 0.100 / min"},
		{1500, "BHD", "BHD 0.0015 / min"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := FormatRate(tc.micros, tc.currency); got != tc.want {
				t.Errorf("FormatRate(%d, %s) = %q, want %q", tc.micros, tc.currency, got, tc.want)
			}
		})
	}
}

// TestMonthlyEquivalentRoundsOnce: the yearly price over 12, rounded half up
// once, in minor units.
func TestMonthlyEquivalentRoundsOnce(t *testing.T) {
	cases := []struct{ year, month int64 }{
		{58800, 4900}, // exact
		{49900, 4158}, // 4158.33
		{11994, 1000}, // 999.5: half up
		{11993, 999},  // 999.42
		{18, 2},       // 1.5
		{17, 1},       // 1.42
		{6, 1},        // 0.5
		{5, 0},
		{0, 0},
		{MaxPriceMinor, 8333333}, // 8333333.33
	}
	for _, tc := range cases {
		if got := monthlyMinor(tc.year); got != tc.month {
			t.Errorf("monthlyMinor(%d) = %d, want %d", tc.year, got, tc.month)
		}
	}
	yen := formatMonthlyEquivalent(planTerms{PriceMinor: 10000, Currency: "JPY", Interval: IntervalYear})
	if yen != "¥833 / month" {
		t.Errorf("yearly ¥10,000 a month = %q", yen)
	}
	if m := formatMonthlyEquivalent(planTerms{PriceMinor: 4900, Currency: "USD", Interval: IntervalMonth}); m != "" {
		t.Errorf("a monthly plan has a monthly equivalent %q", m)
	}
}

func TestKnownCurrencies(t *testing.T) {
	want := map[string]int{"USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "JPY": 0, "KRW": 0,
		"INR": 2, "BRL": 2, "MXN": 2, "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "ZAR": 2, "SGD": 2,
		"HKD": 2, "AED": 2, "SAR": 2, "KWD": 3, "BHD": 3, "TND": 3}
	for code, exp := range want {
		c, ok := LookupCurrency(code)
		if !ok || c.Exponent != exp || c.Symbol == "" || c.Name == "" {
			t.Errorf("%s: %+v %v, want exponent %d", code, c, ok, exp)
		}
	}
	seen := map[string]bool{}
	for _, c := range Currencies() {
		if seen[c.Code] || len(c.Code) != 3 {
			t.Errorf("currency %q repeated or not three letters", c.Code)
		}
		seen[c.Code] = true
	}
	if _, ok := LookupCurrency("usd"); ok {
		t.Error("codes are upper case")
	}
}

func TestParseMoneyAndRate(t *testing.T) {
	prices := []struct {
		text, currency string
		want           int64
		field          string // "" accepted
	}{
		{"49", "USD", 4900, ""},
		{"49.5", "USD", 4950, ""},
		{" 1,234.56 ", "USD", 123456, ""},
		{"1000000", "USD", MaxPriceMinor, ""},
		{"4900", "JPY", 4900, ""},
		{"1.5", "KWD", 1500, ""},
		{"49.001", "USD", 0, "priceMinor"},
		{"49.5", "JPY", 0, "priceMinor"},
		{"49.", "USD", 0, "priceMinor"},
		{"-1", "USD", 0, "priceMinor"},
		{"1,23", "USD", 0, "priceMinor"},
		{"abc", "USD", 0, "priceMinor"},
		{"", "USD", 0, "priceMinor"},
		{"1000000.01", "USD", 0, "priceMinor"},
		{"99999999999999999999", "USD", 0, "priceMinor"},
		{"49", "XYZ", 0, "currency"},
	}
	for _, tc := range prices {
		got, err := ParseMoney(tc.text, tc.currency)
		checkParse(t, "ParseMoney", tc.text, got, err, tc.want, tc.field)
	}
	rates := []struct {
		text, currency string
		want           int64
		field          string
	}{
		{"0.035", "USD", 35000, ""},
		{"0.0012", "USD", 1200, ""},
		{"2", "JPY", 2000000, ""},
		{"0.00001", "USD", 0, "overageMicros"},
		{"100001", "USD", 0, "overageMicros"},
		{"x", "USD", 0, "overageMicros"},
		{"1", "ABC", 0, "currency"},
	}
	for _, tc := range rates {
		got, err := ParseRate(tc.text, tc.currency)
		checkParse(t, "ParseRate", tc.text, got, err, tc.want, tc.field)
	}
}

func checkParse(t *testing.T, fn, text string, got int64, err error, want int64, field string) {
	t.Helper()
	if field == "" {
		if err != nil || got != want {
			t.Errorf("%s(%q) = %d, %v; want %d", fn, text, got, err, want)
		}
		return
	}
	e, ok := err.(*Error)
	if !ok || e.Code != CodeInvalid || e.Fields[field] == "" {
		t.Errorf("%s(%q) = %d, %v; want invalid on %q", fn, text, got, err, field)
	}
}
