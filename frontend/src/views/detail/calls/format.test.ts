import { describe, expect, it } from 'vitest';
import { costsText, directionLabel, formatDuration, moneyText, totalsText } from './format';

describe('calls formatting', () => {
  it('writes durations as m:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3600)).toBe('60:00');
  });

  it("renders money from Go's decimal strings with the currency, never recomputed", () => {
    expect(moneyText('12.34', 'USD')).toBe('12.34 USD');
    expect(moneyText('500', 'JPY')).toBe('500 JPY');
    expect(moneyText('', '')).toBe('');
    // The string is shown as Go wrote it, even where float arithmetic would differ.
    expect(costsText([{ currency: 'USD', amountMinor: 30, amount: '0.30' }])).toBe('0.30 USD');
    expect(
      costsText([
        { currency: 'EUR', amountMinor: 300, amount: '3.00' },
        { currency: 'USD', amountMinor: 1234, amount: '12.34' },
      ]),
    ).toBe('3.00 EUR + 12.34 USD');
  });

  it('writes the totals line', () => {
    expect(totalsText({ count: 1234, minutes: 5678, costs: [{ currency: 'USD', amountMinor: 1234, amount: '12.34' }] })).toBe(
      '1,234 calls · 5,678 minutes · 12.34 USD',
    );
    expect(totalsText({ count: 1, minutes: 1, costs: [] })).toBe('1 call · 1 minute');
  });

  it('names directions', () => {
    expect(directionLabel('in')).toBe('Inbound');
    expect(directionLabel('out')).toBe('Outbound');
    expect(directionLabel('web')).toBe('Web');
    expect(directionLabel('unknown')).toBe('Unknown');
    expect(directionLabel('sip')).toBe('sip');
  });
});
