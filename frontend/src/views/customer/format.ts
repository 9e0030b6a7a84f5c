import { UI_LOCALE } from '../../lib/time';

const dayFormat = new Intl.DateTimeFormat(UI_LOCALE, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** Go's calendar day "2026-01-05" (already in the customer's zone) as "Mon, Jan 5, 2026"; other text as it is. */
export function dayLabel(day: string): string {
  const ms = dayMs(day);
  return ms === null ? day : dayFormat.format(ms);
}

/** Midnight UTC of a "YYYY-MM-DD" day, for placing days on a chart; null when it is not one. */
export function dayMs(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** "Recording"/"Transcript" cell: where the customer finds it (Switchboard keeps no copies). */
export const PORTAL_TEXT = 'In your calling platform';
