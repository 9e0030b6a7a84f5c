import { describe, expect, it } from 'vitest';
import { formatCount, pluralCount, pluralTotal, quoted, rangeText } from './format';
import { ariaSort, toggleSort } from './sort';

describe('toggleSort', () => {
  it('starts a new column ascending', () => {
    expect(toggleSort({ sort: 'name', desc: false }, 'status')).toEqual({ sort: 'status', desc: false });
    expect(toggleSort({ sort: 'name', desc: true }, 'lastCall')).toEqual({ sort: 'lastCall', desc: false });
  });

  it('flips the direction of the current column', () => {
    expect(toggleSort({ sort: 'name', desc: false }, 'name')).toEqual({ sort: 'name', desc: true });
    expect(toggleSort({ sort: 'name', desc: true }, 'name')).toEqual({ sort: 'name', desc: false });
  });
});

describe('ariaSort', () => {
  it('marks only the sorted column', () => {
    expect(ariaSort({ sort: 'name', desc: false }, 'name')).toBe('ascending');
    expect(ariaSort({ sort: 'name', desc: true }, 'name')).toBe('descending');
    expect(ariaSort({ sort: 'name', desc: true }, 'status')).toBe('none');
  });
});

describe('format', () => {
  it('groups thousands', () => {
    expect(formatCount(100000)).toBe('100,000');
  });

  it('pluralises counts', () => {
    expect(pluralCount(1234, 'sub-account')).toBe('1,234 sub-accounts');
    expect(pluralCount(1, 'sub-account')).toBe('1 sub-account');
    expect(pluralCount(0, 'entry', 'entries')).toBe('0 entries');
    expect(pluralTotal(1, false, 'entry', 'entries')).toBe('1 entry');
    expect(pluralTotal(1000, true, 'entry', 'entries')).toBe('1,000+ entries');
  });

  it('describes the page range', () => {
    expect(rangeText(0, 100, 100000)).toBe('1–100 of 100,000');
    expect(rangeText(99900, 100, 100000)).toBe('99,901–100,000 of 100,000');
    expect(rangeText(100, 7, 107)).toBe('101–107 of 107');
    expect(rangeText(0, 0, 0)).toBe('0 of 0');
    expect(rangeText(1000, 100, 1000, true)).toBe('1,001–1,100 of 1,000+');
    expect(rangeText(0, 0, 1000, true)).toBe('0 of 1,000+');
  });

  it('quotes names typographically', () => {
    expect(quoted('Acme')).toBe('“Acme”');
  });
});
