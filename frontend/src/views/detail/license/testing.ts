import { vi } from 'vitest';
import type {
  CycleStatement,
  ExportResult,
  LedgerLine,
  LedgerPage,
  LedgerQuery,
  LicenseAddition,
  LicenseGrantRow,
  LicenseHistoryPage,
  LicenseHistoryQuery,
  LicenseView,
} from '../../../api';
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

/** For tests: one ledger line (a usage entry by default); a higher id is newer. */
export function ledgerLine(id: number, over: Partial<LedgerLine> = {}): LedgerLine {
  return {
    id,
    at: `2026-01-${String(10 + (id % 18)).padStart(2, '0')}T09:00:00Z`,
    kind: 'usage',
    cycle: 1,
    minutes: -id,
    fromFree: id,
    fromExpired: 0,
    fromAddOn: 0,
    overage: 0,
    freeBalance: 500 - id,
    addOnBalance: 1000,
    balance: 1500 - id,
    calls: 1,
    text: `entry ${id}`,
    remarks: '',
    ...over,
  };
}

/** For tests: one cycle's statement (the open cycle 1 by default). */
export function statement(cycle: number, over: Partial<CycleStatement> = {}): CycleStatement {
  return {
    cycle,
    from: '2026-01-10T23:00:00Z',
    until: '2026-02-10T23:00:00Z',
    closed: false,
    openingFree: 0,
    openingAddOn: 0,
    grantedFree: 0,
    grantedAddOn: 0,
    used: 0,
    usedLate: 0,
    expired: 0,
    overage: 0,
    closingFree: 0,
    closingAddOn: 0,
    ...over,
  };
}

export interface FakeLicenseOptions {
  /** The ledger, newest first. */
  lines?: LedgerLine[];
  /** The statements, newest first. */
  statements?: CycleStatement[];
  /** The admin's zone (the license's, Europe/Berlin, by default). */
  localTimeZone?: string;
}

const invalid = (fields: Record<string, string>) => Promise.reject({ code: 'invalid', message: 'Check the fields.', fields });

/**
 * For tests: LicenseService over a list of grants, with the rules the screens show: validity
 * only later, amounts not negative, at least one thing added; history sorted and paged; the
 * ledger paged newest first; an addition also writes ledger lines and opens cycle 1.
 */
export function fakeLicense(initial: LicenseGrantRow[] = [], options: FakeLicenseOptions = {}) {
  const grants = [...initial];
  const lines = [...(options.lines ?? [])];
  const statements = [...(options.statements ?? [])];
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
    const v = view();
    const entry = (kind: LedgerLine['kind'], minutes: number, text: string) =>
      lines.unshift(
        ledgerLine((lines[0]?.id ?? 0) + 1, { kind, minutes, text, remarks: a.remarks, freeBalance: v.freeLeft, addOnBalance: v.addOnLeft, balance: v.freeLeft + v.addOnLeft, fromFree: 0, calls: 0 }),
      );
    if (until) entry('grant_validity', 0, 'Valid until extended');
    if (a.freeMinutes > 0) entry('grant_free', a.freeMinutes, `${a.freeMinutes} free minutes per cycle added`);
    if (a.addOnMinutes > 0) entry('grant_addon', a.addOnMinutes, `${a.addOnMinutes} add-on minutes added`);
    const open = statement(1, { grantedFree: v.freeLeft, grantedAddOn: v.addOnLeft, closingFree: v.freeLeft, closingAddOn: v.addOnLeft });
    if (statements.length === 0) statements.push(open);
    else if (statements[0] && !statements[0].closed) statements[0] = { ...statements[0], ...open, cycle: statements[0].cycle };
    return Promise.resolve(v);
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
  const ledger = vi.fn(
    (q: LedgerQuery): Promise<LedgerPage> =>
      Promise.resolve({ lines: lines.slice(q.offset, q.offset + (q.limit || 50)), total: lines.length, offset: q.offset, limit: q.limit, timeZone: 'Europe/Berlin' }),
  );
  const listStatements = vi.fn((_id: number): Promise<CycleStatement[]> => Promise.resolve([...statements]));
  const exportStatement = vi.fn(
    (_id: number, cycle: number): Promise<ExportResult> => Promise.resolve({ path: `/home/dana/cycle-${cycle}.csv`, rows: 3, cancelled: false }),
  );
  const zone = options.localTimeZone ?? 'Europe/Berlin';
  const deps: LicenseDeps = { get, add, history, ledger, statements: listStatements, exportStatement, localTimeZone: () => zone };
  return { grants, lines, statements, deps, get, add, history, ledger, listStatements, exportStatement };
}
