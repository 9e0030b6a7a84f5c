import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it("writes a large total in the currency's own format, per locale", () => {
    expect(formatMoney(1234567, 'USD', 2)).toBe('$12,345.67');
    expect(formatMoney(123456, 'EUR', 2)).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 2, { locale: 'de-DE' })).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 2, { locale: 'nl-NL' })).toBe('€\u00a01.234,56');
    expect(formatMoney(-4900, 'USD', 2)).toBe('-$49.00');
  });

  it("shows the currency's decimals as Go counts them", () => {
    expect(formatMoney(4900, 'JPY', 0)).toBe('¥4,900');
    expect(formatMoney(1500, 'KWD', 3)).toBe('KWD\u00a01.500');
    // Intl would drop the forint's decimals; Go's minor units keep two.
    expect(formatMoney(123456, 'HUF', 2)).toBe('HUF\u00a01,234.56');
    expect(formatMoney(0, 'USD', 2)).toBe('$0.00');
  });

  it('keeps every digit of an exact amount in micros, and at most maxDigits', () => {
    expect(formatMoney(12345, 'USD', 2, { scale: 6 })).toBe('$0.012345');
    expect(formatMoney(100000, 'USD', 2, { scale: 6 })).toBe('$0.10');
    expect(formatMoney(35000, 'USD', 2, { scale: 6, maxDigits: 4 })).toBe('$0.035');
    expect(formatMoney(9_007_199_254_740_991, 'USD', 2)).toBe('$90,071,992,547,409.91');
  });

  it('writes a code Intl does not know after the number', () => {
    expect(formatMoney(1234, 'ZZZ1', 2)).toBe('12.34 ZZZ1');
  });
});
