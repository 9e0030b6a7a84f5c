package provider

import (
	"math"
	"strconv"
	"strings"
)

// maxIntDigits bounds the integer part of an amount so that the result fits
// an int64 whatever the currency's exponent.
const maxIntDigits = 15

// MinorUnits converts a decimal price such as "-0.01750" into a count of
// minor units of currency (see minorDigits), rounded half away from zero.
// The sign is dropped: Twilio-style APIs report charges as negative prices
// and Call.CostMinor is a cost. The arithmetic is exact (digits, never
// floats). Anything but an optional sign, digits and at most one decimal
// point, or more than 15 integer digits, is KindMalformed.
func MinorUnits(amount, currency string) (int64, error) {
	s := strings.TrimSpace(amount)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, Malformed("price %.40q is not a decimal number", amount)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxIntDigits {
		return 0, Malformed("price %.40q is too large", amount)
	}
	digits := minorDigits(currency)
	if len(frac) < digits {
		frac += strings.Repeat("0", digits-len(frac))
	}
	var n int64
	for _, d := range whole + frac[:digits] {
		n = n*10 + int64(d-'0')
	}
	// Half away from zero on the magnitude: round up when the first dropped
	// digit is 5 or more.
	if rest := frac[digits:]; rest != "" && rest[0] >= '5' {
		n++
	}
	return n, nil
}

// CentsFromFloat converts an amount in a two-digit currency (USD) sent as
// a JSON number to cents, rounding half away from zero on the amount's
// shortest decimal form: 0.285 (0.28499999… in binary) gives 29 cents, as
// the decimal the provider sent says, and -0.285 gives -29. ok is false
// for NaN, infinities and amounts beyond ±10^13.
func CentsFromFloat(amount float64) (cents int64, ok bool) {
	if math.IsNaN(amount) || math.IsInf(amount, 0) || math.Abs(amount) >= 1e13 {
		return 0, false
	}
	n, err := MinorUnits(strconv.FormatFloat(math.Abs(amount), 'f', -1, 64), "USD")
	if err != nil {
		return 0, false
	}
	if amount < 0 {
		n = -n
	}
	return n, true
}

// ValidCurrency reports whether code looks like an ISO 4217 code: three
// upper-case letters.
func ValidCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	return true
}

// minorDigits is the number of minor-unit digits of an ISO 4217 currency:
// 0 for JPY, 2 for USD, EUR, GBP, CAD and AUD. Any other code also gets 2,
// the exponent of most currencies; a provider billing in a 0- or 3-digit
// currency not listed here would be off by a power of ten, so add it here.
func minorDigits(currency string) int {
	switch currency {
	case "JPY":
		return 0
	default: // USD, EUR, GBP, CAD, AUD and unknown codes
		return 2
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
