import { UI_LOCALE } from './time';

const nf = new Intl.NumberFormat(UI_LOCALE);

/** 100000 → "100,000". */
export function formatCount(n: number): string {
  return nf.format(n);
}

/** "1,234 sub-accounts", "1 sub-account". */
export function pluralCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** A total, "1,000+" when Go stopped counting at it (capped). */
export function totalText(total: number, capped = false): string {
  return capped ? `${formatCount(total)}+` : formatCount(total);
}

/** "1,234 entries", "1 entry"; "1,000+ entries" when Go stopped counting at n (capped). */
export function pluralTotal(n: number, capped: boolean, singular: string, plural = `${singular}s`): string {
  return capped ? `${totalText(n, true)} ${plural}` : pluralCount(n, singular, plural);
}

/**
 * "1–100 of 100,000" for a page starting at offset holding count rows; "0 of 0" when empty;
 * "of 1,000+" when Go stopped counting at the total.
 */
export function rangeText(offset: number, count: number, total: number, capped = false): string {
  if (count <= 0) return `0 of ${totalText(total, capped)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + count)} of ${totalText(total, capped)}`;
}

/** Wraps a name in typographic quotes: “Acme”. */
export function quoted(name: string): string {
  return `\u201C${name}\u201D`;
}
