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

/** "1–100 of 100,000" for a page starting at offset holding count rows; "0 of 0" when empty. */
export function rangeText(offset: number, count: number, total: number): string {
  if (count <= 0) return `0 of ${formatCount(total)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + count)} of ${formatCount(total)}`;
}

/** Wraps a name in typographic quotes: “Acme”. */
export function quoted(name: string): string {
  return `\u201C${name}\u201D`;
}
