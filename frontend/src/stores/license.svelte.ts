import {
  addToLicense,
  exportStatement,
  getLicense,
  listLedger,
  listLicenseHistory,
  listStatements,
  type AppError,
  type CycleStatement,
  type ExportResult,
  type LedgerPage,
  type LedgerQuery,
  type LicenseAddition,
  type LicenseGrantRow,
  type LicenseHistoryPage,
  type LicenseHistoryQuery,
  type LicenseHistorySortKey,
  type LicenseView,
} from '../api';
import { formatCount } from '../lib/format';
import { LatestOnly } from '../lib/latest';
import { parseTime, UI_LOCALE } from '../lib/time';
import { action, unlessFields } from './action';
import { localTimeZone } from './calls.svelte';
import { LedgerStore, StatementsStore } from './ledger.svelte';
import { SortedPagedQuery } from './sorted.svelte';

export const LICENSE_HISTORY_PAGE_SIZE = 25;

export type LicenseHistoryListQuery = LicenseHistoryQuery & { sort: LicenseHistorySortKey };

export interface LicenseDeps {
  get: (subAccountId: number) => Promise<LicenseView>;
  add: (subAccountId: number, addition: LicenseAddition) => Promise<LicenseView>;
  history: (q: LicenseHistoryQuery) => Promise<LicenseHistoryPage>;
  ledger: (q: LedgerQuery) => Promise<LedgerPage>;
  statements: (subAccountId: number) => Promise<CycleStatement[]>;
  exportStatement: (subAccountId: number, cycle: number) => Promise<ExportResult>;
  /** The admin's own zone (the webview's), for the cycle in their time. */
  localTimeZone: () => string;
}

const defaultDeps: LicenseDeps = {
  get: getLicense,
  add: addToLicense,
  history: listLicenseHistory,
  ledger: listLedger,
  statements: listStatements,
  exportStatement,
  localTimeZone,
};

/** "Oct 31, 2026, 23:59" in zone; "" for "" (none). */
export function licenseTime(iso: string, zone: string): string {
  const d = parseTime(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(UI_LOCALE, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: zone || 'UTC',
  }).format(d);
}

/** "Oct 31, 2026" in zone; "" for "" (none). */
export function licenseDay(iso: string, zone: string): string {
  const d = parseTime(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(UI_LOCALE, { dateStyle: 'medium', timeZone: zone || 'UTC' }).format(d);
}

/** A cycle's span [from, until), its end shown as the minute before the next cycle: "Oct 10, 2026, 00:00 – Nov 9, 2026, 23:59". */
export function cycleRange(fromIso: string, untilIso: string, zone: string): string {
  const until = parseTime(untilIso);
  if (!fromIso || !until) return '';
  return `${licenseTime(fromIso, zone)} – ${licenseTime(new Date(until.getTime() - 60_000).toISOString(), zone)}`;
}

/** A cycle's days [from, until) in zone: "Oct 10, 2026 – Nov 9, 2026". */
export function cycleDays(fromIso: string, untilIso: string, zone: string): string {
  const until = parseTime(untilIso);
  if (!fromIso || !until) return '';
  return `${licenseDay(fromIso, zone)} – ${licenseDay(new Date(until.getTime() - 60_000).toISOString(), zone)}`;
}

/** A ledger amount with its sign: 500 → "+500", -37 → "−37", 0 → "0". */
export function signedMinutes(n: number): string {
  if (n > 0) return `+${formatCount(n)}`;
  if (n < 0) return `\u2212${formatCount(-n)}`;
  return formatCount(0);
}

/** 1200 → "1,200 min". */
export function minutes(n: number): string {
  return `${formatCount(n)} min`;
}

/** The validity's state, as Go decided it: "Expired", "Expires soon" or "Valid". */
export function validityState(v: Pick<LicenseView, 'expired' | 'expiringSoon'>): 'Expired' | 'Expires soon' | 'Valid' {
  if (v.expired) return 'Expired';
  if (v.expiringSoon) return 'Expires soon';
  return 'Valid';
}

/** A sub-account's license additions, newest first unless the person sorts by another column. */
export class LicenseHistoryStore extends SortedPagedQuery<LicenseHistorySortKey, LicenseHistoryListQuery, LicenseGrantRow> {
  readonly subAccountId: number;
  #fetch: LicenseDeps['history'];

  constructor(subAccountId: number, fetch: LicenseDeps['history']) {
    super(LICENSE_HISTORY_PAGE_SIZE, { sort: 'at', desc: true });
    this.subAccountId = subAccountId;
    this.#fetch = fetch;
  }

  protected fetch(q: LicenseHistoryListQuery): Promise<LicenseHistoryPage> {
    return this.#fetch(q);
  }

  query(): LicenseHistoryListQuery {
    return { subAccountId: this.subAccountId, sort: this.sort, desc: this.desc, offset: this.offset, limit: LICENSE_HISTORY_PAGE_SIZE };
  }
}

/**
 * One sub-account's License tab: Go's view of the license (every minute figure is Go's), its
 * history, its minute ledger and its cycle statements; "Add to license" sends an addition and shows the view Go returns. A license can only
 * grow: there is nothing here to reduce it.
 */
export class LicenseStore {
  readonly subAccountId: number;
  view = $state.raw<LicenseView | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  readonly history: LicenseHistoryStore;
  readonly ledger: LedgerStore;
  readonly statements: StatementsStore;
  /** The admin's own zone (the webview's). */
  readonly localTimeZone: string;

  #deps: LicenseDeps;
  #latest = new LatestOnly();

  constructor(subAccountId: number, deps: Partial<LicenseDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
    this.history = new LicenseHistoryStore(subAccountId, this.#deps.history);
    this.ledger = new LedgerStore(subAccountId, this.#deps.ledger);
    this.statements = new StatementsStore(subAccountId, this.#deps.statements, this.#deps.exportStatement);
    this.localTimeZone = this.#deps.localTimeZone();
  }

  /** Reads the license, and the current pages of its history and ledger, and its statements. */
  async load(): Promise<void> {
    await Promise.all([this.#loadView(), this.#loadLists()]);
  }

  #loadLists(): Promise<unknown> {
    return Promise.all([this.history.load(), this.ledger.load(), this.statements.load()]);
  }

  async #loadView(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const v = await this.#deps.get(this.subAccountId);
        if (!current()) return;
        this.view = v;
        this.loadError = null;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.loadError = e), toast: false },
    );
  }

  /**
   * "Add to license": resolves null when Go added it (history, ledger and statements read again),
   * else the error (field errors are not toasted).
   */
  async add(addition: LicenseAddition): Promise<AppError | null> {
    const err = await action(
      async () => {
        const v = await this.#deps.add(this.subAccountId, addition);
        this.#latest.invalidate();
        this.loading = false;
        this.view = v;
        this.loadError = null;
        return 'Added to the license';
      },
      { toast: (e) => unlessFields(e) && 'Could not add to the license' },
    );
    if (!err) await this.#loadLists();
    return err;
  }
}
