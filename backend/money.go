package backend

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is integer minor units of an ISO 4217 currency (cents; yen and won
// have none, dinars have three decimals); overage rates are micros
// (millionths) of the major unit per minute, so that sub-cent rates such as
// $0.035 are exact. No float ever holds money.

// Money bounds.
const (
	// MaxPriceMinor is the highest plan price, in minor units.
	MaxPriceMinor = 100_000_000
	// MaxOverageMicros is the highest overage rate: 100,000 of the currency
	// a minute, in micros.
	MaxOverageMicros = 100_000 * microsPerUnit
	// RateDecimals is how many decimals of the major unit a rate may have.
	RateDecimals = 4
	// microsPerUnit is how many micros make one major unit.
	microsPerUnit = 1_000_000
)

// Currency is a currency the app knows: its ISO 4217 code, its English
// name, the symbol amounts show, and its minor-unit exponent (2 for cents,
// 0 for yen, 3 for dinars).
type Currency struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Symbol   string `json:"symbol"`
	Exponent int    `json:"exponent"`
}

// currencies are the known currencies, in the order the currency picker
// lists them. A symbol equal to the code is written before the amount with
// a space ("CHF 49.00"); any other symbol is written against it ("$49.00").
var currencies = []Currency{
	{"USD", "US dollar", "$", 2}, {"EUR", "Euro", "€", 2}, {"GBP", "British pound", "£", 2},
	{"CHF", "Swiss franc", "CHF", 2}, {"CAD", "Canadian dollar", "CA$", 2}, {"AUD", "Australian dollar", "A$", 2},
	{"NZD", "New Zealand dollar", "NZ$", 2}, {"JPY", "Japanese yen", "¥", 0}, {"KRW", "South Korean won", "₩", 0},
	{"INR", "Indian rupee", "₹", 2}, {"BRL", "Brazilian real", "R$", 2}, {"MXN", "Mexican peso", "MX$", 2},
	{"SEK", "Swedish krona", "SEK", 2}, {"NOK", "Norwegian krone", "NOK", 2}, {"DKK", "Danish krone", "DKK", 2},
	{"PLN", "Polish złoty", "PLN", 2}, {"CZK", "Czech koruna", "CZK", 2}, {"HUF", "Hungarian forint", "HUF", 2},
	{"ZAR", "South African rand", "ZAR", 2}, {"SGD", "Singapore dollar", "SGD", 2}, {"HKD", "Hong Kong dollar", "HK$", 2},
	{"AED", "UAE dirham", "AED", 2}, {"SAR", "Saudi riyal", "SAR", 2}, {"KWD", "Kuwaiti dinar", "KWD", 3},
	{"BHD", "Bahraini dinar", "BHD", 3}, {"TND", "Tunisian dinar", "TND", 3},
}

// Currencies lists the known currencies.
func Currencies() []Currency { return append([]Currency(nil), currencies...) }

// LookupCurrency returns the known currency of an ISO 4217 code (upper case).
func LookupCurrency(code string) (Currency, bool) {
	for _, c := range currencies {
		if c.Code == code {
			return c, true
		}
	}
	return Currency{}, false
}

// currencyOrFallback is the currency of code, or, for a code this build
// does not know, one with two decimals written by its code.
func currencyOrFallback(code string) Currency {
	if c, ok := LookupCurrency(code); ok {
		return c
	}
	return Currency{Code: code, Symbol: code, Exponent: 2}
}

func (c Currency) prefix() string {
	if c.Symbol == c.Code {
		return c.Code + " "
	}
	return c.Symbol
}

// FormatMoney writes an amount of minor units in English style: the
// symbol, thousands grouped by commas, and every decimal of the currency
// after a point: 4900 USD "$49.00", 4900 JPY "¥4,900", 1500 KWD
// "KWD 1.500", 4900 EUR "€49.00". A negative amount starts with "-".
func FormatMoney(minor int64, currency string) string {
	c := currencyOrFallback(currency)
	sign, digits := formatFixed(minor, c.Exponent, c.Exponent)
	return sign + c.prefix() + digits
}

// FormatRate writes a per-minute rate given in micros of the major unit:
// up to four decimals, trailing zeros trimmed down to the currency's own
// number of decimals: 35000 USD "$0.035 / min", 50000 USD "$0.05 / min",
// 500000 JPY "¥0.5 / min". A rate finer than four decimals is rounded half
// up (Create and Update refuse such rates, so stored ones never are).
func FormatRate(micros int64, currency string) string {
	c := currencyOrFallback(currency)
	const step = microsPerUnit / 10_000 // micros per 1/10,000 of the unit
	neg := micros < 0
	u := absUint(micros)
	u = (u + step/2) / step
	v := int64(u)
	if neg {
		v = -v
	}
	sign, digits := formatFixed(v, RateDecimals, c.Exponent)
	return sign + c.prefix() + digits + " / min"
}

// monthlyMinor is the monthly equivalent of a yearly price: minor / 12,
// rounded half up once (4158.5 → 4159), in minor units.
func monthlyMinor(yearMinor int64) int64 { return (yearMinor + 6) / 12 }

// formatFixed writes v, a count of 10^-scale units, with thousands grouped
// by commas and between minDecimals and scale decimals (trailing zeros
// beyond minDecimals trimmed). It returns the sign ("-" or "") apart.
func formatFixed(v int64, scale, minDecimals int) (sign, digits string) {
	if v < 0 {
		sign = "-"
	}
	u := absUint(v)
	pow := uint64(1)
	for range scale {
		pow *= 10
	}
	whole := strconv.FormatUint(u/pow, 10)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if scale == 0 {
		return sign, whole
	}
	frac := fmt.Sprintf("%0*d", scale, u%pow)
	for len(frac) > minDecimals && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if frac == "" {
		return sign, whole
	}
	return sign, whole + "." + frac
}

func absUint(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// parseDecimal reads a non-negative decimal number ("49", "49.5",
// "1,234.50") with at most decimals decimals, as a count of 10^-decimals
// units. Commas are allowed between thousands only.
func parseDecimal(text string, decimals int) (int64, bool) {
	text = strings.TrimSpace(text)
	whole, frac, hasPoint := strings.Cut(text, ".")
	if hasPoint && (frac == "" || len(frac) > decimals) || whole == "" {
		return 0, false
	}
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, false
			}
		}
		whole = strings.Join(groups, "")
	}
	digits := whole + frac + strings.Repeat("0", decimals-len(frac))
	if len(digits) > 18 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}

// ParseMoney reads a price typed in the currency's major unit ("49.00",
// "1,234.5", "4900" for yen) as minor units. Errors: invalid on field
// "priceMinor" (unknown currency on "currency"; not a number, too many
// decimals, above MaxPriceMinor).
func ParseMoney(text, currency string) (int64, error) {
	c, ok := LookupCurrency(currency)
	if !ok {
		return 0, FieldError("currency", msgUnknownCurrency(currency))
	}
	minor, ok := parseDecimal(text, c.Exponent)
	if !ok {
		return 0, FieldError("priceMinor", fmt.Sprintf("Enter the price as a number with at most %d decimals, such as %s.",
			c.Exponent, strings.TrimPrefix(FormatMoney(4900*pow10(c.Exponent)/100, c.Code), c.prefix())))
	}
	if minor > MaxPriceMinor {
		return 0, FieldError("priceMinor", msgMaxPrice(c.Code))
	}
	return minor, nil
}

// ParseRate reads a per-minute rate typed in the currency's major unit
// ("0.035") as micros. Errors: invalid on field "overageMicros" (unknown
// currency on "currency"; not a number, more than four decimals, above
// MaxOverageMicros).
func ParseRate(text, currency string) (int64, error) {
	if _, ok := LookupCurrency(currency); !ok {
		return 0, FieldError("currency", msgUnknownCurrency(currency))
	}
	n, ok := parseDecimal(text, RateDecimals)
	if !ok || n > MaxOverageMicros/100 {
		return 0, FieldError("overageMicros", msgRate(currency))
	}
	return n * 100, nil
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func msgUnknownCurrency(code string) string {
	return fmt.Sprintf("Unknown currency “%s”: choose one of the listed currencies.", code)
}

func msgMaxPrice(currency string) string {
	return fmt.Sprintf("Price must be between %s and %s.", FormatMoney(0, currency), FormatMoney(MaxPriceMinor, currency))
}

func msgRate(currency string) string {
	return fmt.Sprintf("Overage must be a rate per minute between %s and %s, with at most %d decimals.",
		strings.TrimSuffix(FormatRate(0, currency), " / min"), strings.TrimSuffix(FormatRate(MaxOverageMicros, currency), " / min"), RateDecimals)
}
