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
// and a call's cost is a cost. The arithmetic is exact (digits, never
// floats). Anything but an optional sign, digits and at most one decimal
// point, or more than 15 integer digits, is KindMalformed.
func MinorUnits(amount, currency string) (int64, error) {
	return scaled(amount, minorDigits(currency))
}

// Micros converts a decimal price such as "-0.01750" into millionths of its
// major unit (17500), exactly, rounding half away from zero only beyond the
// sixth decimal; the sign is dropped as by MinorUnits.
func Micros(amount string) (int64, error) {
	return scaled(amount, 6)
}

// MicrosFromFloat converts an amount sent as a JSON number, in units of
// 10^-exp of the major unit (exp 0 for dollars, 2 for cents), to signed
// millionths of the major unit. It reads the number's shortest decimal form,
// so 0.285 is 285000 micros, as the provider wrote it, not 284999.99…. ok is
// false for NaN, infinities and magnitudes of 10^13 or more.
func MicrosFromFloat(amount float64, exp int) (micros int64, ok bool) {
	if math.IsNaN(amount) || math.IsInf(amount, 0) || math.Abs(amount) >= 1e13 || exp < 0 || exp > 6 {
		return 0, false
	}
	n, err := scaled(strconv.FormatFloat(math.Abs(amount), 'f', -1, 64), 6-exp)
	if err != nil {
		return 0, false
	}
	if amount < 0 {
		n = -n
	}
	return n, true
}

// MinorFromMicros rounds a total in micros to minor units of currency, half
// away from zero: the one rounding money goes through.
func MinorFromMicros(micros int64, currency string) int64 {
	div := int64(math.Pow10(6 - minorDigits(currency)))
	q, r := micros/div, micros%div
	if r < 0 {
		r = -r
	}
	if 2*r >= div {
		if micros < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// MicrosFromMinor is the inverse of MinorFromMicros for whole minor units.
func MicrosFromMinor(minor int64, currency string) int64 {
	return minor * int64(math.Pow10(6-minorDigits(currency)))
}

// scaled reads a decimal as a count of 10^-digits, exactly, rounding half
// away from zero on the magnitude and dropping the sign.
func scaled(amount string, digits int) (int64, error) {
	s := strings.TrimSpace(amount)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, Malformed("price %.40q is not a decimal number", amount)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxIntDigits-max(digits-2, 0) {
		return 0, Malformed("price %.40q is too large", amount)
	}
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
