/**
 * Time display helpers. Times arrive as RFC 3339 UTC strings; "" means never.
 * Every function takes "now" explicitly so that tests never depend on the real clock.
 */

/** The UI's words are English, so relative phrases are too ("3 hours ago"). */
export const UI_LOCALE = 'en';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.4375 * DAY;
const YEAR = 365.25 * DAY;

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();
function rtf(locale: string): Intl.RelativeTimeFormat {
  let f = rtfCache.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    rtfCache.set(locale, f);
  }
  return f;
}

/** Parses an RFC 3339 string; null for "" or anything unparsable. */
export function parseTime(iso: string): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * "3 hours ago", "yesterday", "in 5 minutes", "now"; "never" for "".
 * An unparsable value is returned as it is.
 */
export function formatRelative(iso: string, now: Date | number, locale = UI_LOCALE): string {
  if (!iso) return 'never';
  const d = parseTime(iso);
  if (!d) return iso;
  const diff = d.getTime() - (typeof now === 'number' ? now : now.getTime());
  const abs = Math.abs(diff);
  const f = rtf(locale);
  if (abs < 45 * SECOND) return f.format(0, 'second');
  if (abs < 45 * MINUTE) return f.format(signedRound(diff, MINUTE), 'minute');
  if (abs < 22 * HOUR) return f.format(signedRound(diff, HOUR), 'hour');
  if (abs < 26 * DAY) return f.format(signedRound(diff, DAY), 'day');
  if (abs < 320 * DAY) return f.format(signedRound(diff, MONTH), 'month');
  return f.format(signedRound(diff, YEAR), 'year');
}

/** Rounds |diff| / unit to at least 1 and keeps the sign. */
function signedRound(diff: number, unit: number): number {
  const n = Math.max(1, Math.round(Math.abs(diff) / unit));
  return diff < 0 ? -n : n;
}

export interface ExactOptions {
  /** Defaults to the user's locale. */
  locale?: string | undefined;
  /** Defaults to the user's time zone. */
  timeZone?: string | undefined;
}

// Making an Intl.DateTimeFormat costs far more than formatting with one (a list page formats
// two hundred times): each locale and zone gets one, made on first use.
const exactCache = new Map<string, Intl.DateTimeFormat>();
function exactFormat(opts: ExactOptions): Intl.DateTimeFormat {
  const key = `${opts.locale ?? ''}|${opts.timeZone ?? ''}`;
  let f = exactCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: opts.timeZone });
    exactCache.set(key, f);
  }
  return f;
}

/** The exact moment in the user's zone, e.g. "Nov 28, 2025, 4:39:12 AM"; "" for "" or invalid. */
export function formatExact(iso: string, opts: ExactOptions = {}): string {
  const d = parseTime(iso);
  if (!d) return '';
  return exactFormat(opts).format(d);
}

/**
 * A calendar day Go sent as "YYYY-MM-DD" (a UTC day), in the user's format, e.g. "Nov 28, 2025";
 * the value as it is when it is not such a day.
 */
export function formatDay(day: string, opts: ExactOptions = {}): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime())) return day;
  // The day is a UTC date: shown in UTC so that it never moves to the day before or after.
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
