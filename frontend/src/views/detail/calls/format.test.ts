import { describe, expect, it } from 'vitest';
import { callCost, costsText, directionLabel, formatDuration, totalsText } from './format';

describe('calls formatting', () => {
  it('writes durations as m:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3600)).toBe('60:00');
  });

  it("renders money from Go's integer amounts in each currency's format, never through a float", () => {
    expect(callCost({ costMicros: 12_340, currency: 'USD', exponent: 2 })).toBe('$0.01234');
    expect(callCost({ costMicros: 500_000_000, currency: 'JPY', exponent: 0 })).toBe('¥500');
    expect(callCost({ costMicros: 0, currency: '', exponent: 0 })).toBe('');
    expect(costsText([{ currency: 'USD', amountMinor: 30, amount: '0.30', exponent: 2 }])).toBe('$0.30');
    expect(
      costsText([
        { currency: 'EUR', amountMinor: 300, amount: '3.00', exponent: 2 },
        { currency: 'USD', amountMinor: 1_234_567, amount: '12345.67', exponent: 2 },
      ]),
    ).toBe('€3.00 + $12,345.67');
  });

  it('writes the totals line', () => {
    expect(totalsText({ count: 1234, minutes: 5678, costs: [{ currency: 'USD', amountMinor: 1234, amount: '12.34', exponent: 2 }] })).toBe(
      '1,234 calls · 5,678 minutes · $12.34',
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
