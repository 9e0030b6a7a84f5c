import { describe, expect, it } from 'vitest';
import { formatDay, formatExact, formatRelative, parseTime } from './time';

const NOW = Date.parse('2025-11-28T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatRelative', () => {
  it.each([
    [ago(0), 'now'],
    [ago(30 * S), 'now'],
    [ago(50 * S), '1 minute ago'],
    [ago(2 * M), '2 minutes ago'],
    [ago(44 * M), '44 minutes ago'],
    [ago(50 * M), '1 hour ago'],
    [ago(3 * H), '3 hours ago'],
    [ago(23 * H), 'yesterday'],
    [ago(3 * D), '3 days ago'],
    [ago(40 * D), 'last month'],
    [ago(90 * D), '3 months ago'],
    [ago(400 * D), 'last year'],
    [ago(800 * D), '2 years ago'],
    [ago(-5 * M), 'in 5 minutes'],
  ])('%s → %s', (iso, want) => {
    expect(formatRelative(iso, NOW)).toBe(want);
  });

  it('says never for an empty time', () => {
    expect(formatRelative('', NOW)).toBe('never');
  });

  it('accepts now as a Date', () => {
    expect(formatRelative(ago(3 * H), new Date(NOW))).toBe('3 hours ago');
  });

  it('returns an unparsable value unchanged', () => {
    expect(formatRelative('soon', NOW)).toBe('soon');
  });
});

describe('formatExact', () => {
  const iso = '2025-11-28T04:39:12Z';

  it('formats in the given zone', () => {
    expect(formatExact(iso, { locale: 'en-US', timeZone: 'UTC' })).toMatch(/^Nov 28, 2025, 4:39:12\sAM$/);
    expect(formatExact(iso, { locale: 'en-US', timeZone: 'Asia/Tokyo' })).toMatch(/^Nov 28, 2025, 1:39:12\sPM$/);
    expect(formatExact(iso, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('28 Nov 2025, 05:39:12');
  });

  it('is empty for never or garbage', () => {
    expect(formatExact('')).toBe('');
    expect(formatExact('not a time')).toBe('');
  });
});

describe('parseTime', () => {
  it('parses RFC 3339 and rejects the rest', () => {
    expect(parseTime('2025-11-28T04:39:12Z')?.getTime()).toBe(Date.UTC(2025, 10, 28, 4, 39, 12));
    expect(parseTime('')).toBeNull();
    expect(parseTime('nope')).toBeNull();
  });
});

describe('formatDay', () => {
  it("writes Go's UTC day in the user's format, never moved to the day before or after", () => {
    expect(formatDay('2026-01-03', { locale: 'en-US' })).toBe('Jan 3, 2026');
    expect(formatDay('2026-01-03', { locale: 'de-DE' })).toBe('03.01.2026');
    expect(formatDay('2026-12-31', { locale: 'en-GB' })).toBe('31 Dec 2026');
    expect(formatDay('not a day')).toBe('not a day');
  });
});
