import { vi } from 'vitest';
import type { LicenseAddition, LicenseGrantRow, LicenseHistoryPage, LicenseHistoryQuery, LicenseView } from '../../../api';
import type { LicenseDeps } from '../../../stores/license.svelte';

/** For tests: a license view with every field Go sends (an unlicensed sub-account by default). */
export function licenseView(over: Partial<LicenseView> = {}): LicenseView {
  return {
    subAccountId: 7,
    licensed: false,
    startedAt: '',
    validUntil: '',
    timeZone: 'UTC',
    expired: false,
    expiringSoon: false,
    freePerCycle: 0,
    freeLeft: 0,
    addOnLeft: 0,
    minutesLeft: 0,
    usedThisCycle: 0,
    overage: 0,
    freeExpiresAt: '',
    state: '',
    cycleFrom: '',
    cycleUntil: '',
    forecast: '',
    ...over,
  };
}

/** For tests: one history row. */
export function grantRow(id: number, over: Partial<LicenseGrantRow> = {}): LicenseGrantRow {
  return {
    id,
    at: `2026-01-${String(10 + id).padStart(2, '0')}T09:00:00Z`,
    validUntil: '',
    freeMinutes: 0,
    addOnMinutes: 0,
    resultingValidity: '2026-12-31T23:59:00Z',
    remarks: '',
    actor: 'dana',
    ...over,
  };
}

const invalid = (fields: Record<string, string>) => Promise.reject({ code: 'invalid', message: 'Check the fields.', fields });

/**
 * For tests: LicenseService over a list of grants, with the rules the screens show: validity
 * only later, amounts not negative, at least one thing added; history sorted and paged.
 */
export function fakeLicense(initial: LicenseGrantRow[] = []) {
  const grants = [...initial];
  const view = () => {
    const validUntil = grants.reduce((m, g) => (g.validUntil > m ? g.validUntil : m), '');
    const free = grants.reduce((s, g) => s + g.freeMinutes, 0);
    const addOn = grants.reduce((s, g) => s + g.addOnMinutes, 0);
    return licenseView({
      licensed: grants.length > 0,
      startedAt: grants[0]?.at ?? '',
      validUntil,
      timeZone: 'Europe/Berlin',
      freePerCycle: free,
      freeLeft: free,
      addOnLeft: addOn,
      cycleFrom: grants.length > 0 ? '2026-01-10T23:00:00Z' : '',
      cycleUntil: grants.length > 0 ? '2026-02-10T23:00:00Z' : '',
    });
  };
  const get = vi.fn((_id: number): Promise<LicenseView> => Promise.resolve(view()));
  const add = vi.fn((_id: number, a: LicenseAddition): Promise<LicenseView> => {
    const fields: Record<string, string> = {};
    const current = view().validUntil;
    const until = a.validUntil ? `${a.validUntil}T22:59:00Z` : '';
    if (until && current && until <= current) fields.validUntil = 'The new validity must be later than the current one.';
    if (a.freeMinutes < 0) fields.freeMinutes = 'Free minutes per cycle must be 0 or more.';
    if (a.addOnMinutes < 0) fields.addOnMinutes = 'Add-on minutes must be 0 or more.';
    if (!until && a.freeMinutes === 0 && a.addOnMinutes === 0) fields.grant = 'Add at least one thing.';
    if (Object.keys(fields).length > 0) return invalid(fields);
    const id = grants.length + 1;
    grants.push(grantRow(id, { validUntil: until, freeMinutes: a.freeMinutes, addOnMinutes: a.addOnMinutes, remarks: a.remarks, resultingValidity: until || current }));
    return Promise.resolve(view());
  });
  const history = vi.fn((q: LicenseHistoryQuery): Promise<LicenseHistoryPage> => {
    const key = q.sort || 'at';
    const sorted = [...grants].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (c || a.id - b.id) * (q.desc ? -1 : 1);
    });
    return Promise.resolve({ items: sorted.slice(q.offset, q.offset + (q.limit || 50)), total: sorted.length });
  });
  const deps: LicenseDeps = { get, add, history };
  return { grants, deps, get, add, history };
}
