import { UI_LOCALE } from './time';

export interface MoneyOptions {
  /**
   * How many decimals `amount` counts: 10^-scale of the currency's major unit. Defaults to
   * `digits` (minor units); 6 for micros (a call's exact cost, a per-minute rate).
   */
  scale?: number;
  /** At most this many decimals are shown (a rate's 4); defaults to every significant one. */
  maxDigits?: number;
  /** Defaults to the app's locale. */
  locale?: string;
}

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${min}|${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

/** The integer `amount` of 10^-scale units as an exact decimal string: (123456, 2) → "1234.56". */
function decimal(amount: number, scale: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount))).padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Money as Go sends it (an integer amount and an ISO 4217 code, never a float) in the currency's
 * own format for the locale: thousands grouped, the currency's symbol, at least its `digits`
 * decimals (Go's minor-unit digits: 2 for cents, 0 for yen, 3 for dinars).
 * formatMoney(1234567, 'USD', 2) → "$12,345.67"; in 'de-DE', formatMoney(123456, 'EUR', 2) →
 * "1.234,56 €"; formatMoney(12345, 'USD', 2, { scale: 6 }) → "$0.012345". A code Intl does not
 * know is written after the number: "12.34 XYZ".
 */
export function formatMoney(amount: number, currency: string, digits: number, opts: MoneyOptions = {}): string {
  const { scale = digits, locale = UI_LOCALE } = opts;
  const text = decimal(amount, scale);
  const significant = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
  const max = Math.max(digits, Math.min(opts.maxDigits ?? scale, significant));
  try {
    // A string keeps every digit exact (Intl formats it as a decimal, not as a float).
    return formatter(locale, currency, digits, max).format(text as unknown as number);
  } catch {
    return `${text} ${currency}`.trim();
  }
}

/** A per-minute rate Go sends in micros of the currency: "$0.035 / min" (at most 4 decimals, as Go allows). */
export function formatRate(micros: number, currency: string, digits: number, locale?: string): string {
  return `${formatMoney(micros, currency, digits, { scale: 6, maxDigits: 4, ...(locale ? { locale } : {}) })} / min`;
}

/** The monthly equivalent of a yearly price Go sends in minor units: "$41.58 / month". */
export function formatMonthly(minor: number, currency: string, digits: number, locale?: string): string {
  return `${formatMoney(minor, currency, digits, locale ? { locale } : {})} / month`;
}
