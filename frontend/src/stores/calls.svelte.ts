import {
  exportCalls,
  listCalls,
  onExportProgress,
  onSyncDone,
  type Call,
  type CallDirection,
  type CallPage,
  type CallQuery,
  type CallSortKey,
  type CallTotals,
  type ExportProgress,
  type ExportResult,
  type SyncProgress,
} from '../api';
import { pluralCount } from '../lib/format';
import { action } from './action';
import { SEARCH_DEBOUNCE_MS } from './paged.svelte';
import { SortedPagedQuery } from './sorted.svelte';

export const CALLS_PAGE_SIZE = 100;

/** Builds a Date at midnight of a calendar day; months count from 0 like `new Date(y, m, d)`. */
export type DayStart = (year: number, monthIndex: number, day: number) => Date;

/** Midnight in the user's zone (the webview's). */
export const localMidnight: DayStart = (y, m, d) => new Date(y, m, d);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a picked day (an `<input type="date">` value, "YYYY-MM-DD") starts, plus addDays
 * days, as RFC 3339 in UTC; "" for "" or anything that is not a date. Going through the calendar
 * (not adding 24 h) keeps days that are 23 or 25 hours long right.
 */
export function dayStartInstant(date: string, addDays = 0, dayStart: DayStart = localMidnight): string {
  const m = DATE_RE.exec(date);
  if (!m) return '';
  const d = dayStart(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().replace('.000Z', 'Z');
}

/** The query's instants for a picked date range: from the start of fromDate to the start of the day after toDate. */
export function dateRange(fromDate: string, toDate: string, dayStart: DayStart = localMidnight): { from: string; to: string } {
  return { from: dayStartInstant(fromDate, 0, dayStart), to: dayStartInstant(toDate, 1, dayStart) };
}

/** The store's query: the call query plus the base's search, which is the exact status typed. */
export type CallListQuery = CallQuery & { search: string };

export interface CallsDeps {
  list: (q: CallQuery) => Promise<CallPage>;
  export: (q: CallQuery) => Promise<ExportResult>;
  onExportProgress: (fn: (p: ExportProgress) => void) => () => void;
  onSyncDone: (fn: (p: SyncProgress) => void) => () => void;
  /** Midnight of a picked day; the user's zone by default. */
  dayStart: DayStart;
}

const EMPTY_TOTALS: CallTotals = { count: 0, minutes: 0, costs: [] };
/** How many answers' totals are remembered until their rows are shown. */
const TOTALS_KEPT = 8;

/**
 * One sub-account's calls: direction, status and date filters, sort and page in; one page of rows
 * and the totals of every matching call out. The status box is the base's debounced search.
 */
export class CallsStore extends SortedPagedQuery<CallSortKey, CallListQuery, Call> {
  readonly subAccountId: number;
  direction = $state<CallDirection>('');
  /** Picked days, "YYYY-MM-DD" or "". */
  fromDate = $state('');
  toDate = $state('');

  exporting = $state(false);
  /** Rows written by the running export; null until its first event. */
  exportProgress = $state.raw<ExportProgress | null>(null);

  /** Totals by the query they answer: only those of the rows shown are ever read. */
  #totals = $state.raw<[string, CallTotals][]>([]);
  #list: CallsDeps['list'];
  #export: CallsDeps['export'];
  #onExportProgress: CallsDeps['onExportProgress'];
  #dayStart: DayStart;
  #onSyncDone: CallsDeps['onSyncDone'];

  constructor(subAccountId: number, deps: Partial<CallsDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(CALLS_PAGE_SIZE, { sort: 'startedAt', desc: true }, debounceMs);
    this.subAccountId = subAccountId;
    this.#list = deps.list ?? listCalls;
    this.#export = deps.export ?? exportCalls;
    this.#onExportProgress = deps.onExportProgress ?? onExportProgress;
    this.#dayStart = deps.dayStart ?? localMidnight;
    this.#onSyncDone = deps.onSyncDone ?? onSyncDone;
  }

  /** Fetches a page and remembers its totals until its rows are shown. */
  protected async fetch(q: CallListQuery): Promise<CallPage> {
    const page = await this.#list(toCallQuery(q));
    this.#remember(JSON.stringify(q), page.totals);
    return page;
  }

  #remember(key: string, totals: CallTotals): void {
    this.#totals = [[key, totals] as [string, CallTotals], ...this.#totals.filter(([k]) => k !== key)].slice(0, TOTALS_KEPT);
  }

  /** Totals of the rows shown (all matching calls, not only the page). */
  get totals(): CallTotals {
    const key = this.shownKey;
    return this.#totals.find(([k]) => k === key)?.[1] ?? EMPTY_TOTALS;
  }

  /** The exact status typed. */
  get status(): string {
    return this.search;
  }

  get filtered(): boolean {
    return this.direction !== '' || this.search.trim() !== '' || this.fromDate !== '' || this.toDate !== '';
  }

  /** Whether the rows shown were filtered (tells "none yet" from "none match"). */
  get shownFiltered(): boolean {
    const q = this.shownQuery;
    return q !== null && (q.direction !== '' || q.status !== '' || q.from !== '' || q.to !== '');
  }

  /** Loads, and reloads whenever a sync of this sub-account finishes; returns the unsubscribe. */
  follow(): () => void {
    void this.load();
    return this.#onSyncDone((p) => {
      if (p.subAccountId === this.subAccountId && !p.error) void this.load();
    });
  }

  /** Go's message for a filter field (from, to, direction) of the last failed load. */
  fieldError(name: string): string | undefined {
    return this.error?.field(name);
  }

  query(): CallListQuery {
    const status = this.search.trim();
    const { from, to } = dateRange(this.fromDate, this.toDate, this.#dayStart);
    return {
      subAccountId: this.subAccountId,
      direction: this.direction,
      status,
      from,
      to,
      sort: this.sort,
      desc: this.desc,
      offset: this.offset,
      limit: CALLS_PAGE_SIZE,
      search: status,
    };
  }

  setDirection(value: CallDirection): Promise<void> {
    return this.refilter(() => (this.direction = value));
  }

  setFromDate(value: string): Promise<void> {
    return this.refilter(() => (this.fromDate = value));
  }

  setToDate(value: string): Promise<void> {
    return this.refilter(() => (this.toDate = value));
  }

  clearFilters(): Promise<void> {
    return this.refilter(() => {
      this.direction = '';
      this.search = '';
      this.fromDate = '';
      this.toDate = '';
    });
  }

  /**
   * Exports every call matching the current filters, in the current order, to a CSV file the
   * person picks; follows the progress events meanwhile. Toasts the result (nothing on cancel).
   */
  async exportCsv(): Promise<ExportResult | null> {
    if (this.exporting) return null;
    this.exportProgress = null;
    const off = this.#onExportProgress((p) => {
      if (this.exporting) this.exportProgress = p;
    });
    let result: ExportResult | null = null;
    await action(
      async () => {
        const r = await this.#export(toCallQuery(this.query()));
        result = r;
        if (!r.cancelled) return `Exported ${pluralCount(r.rows, 'call')} to ${r.path}`;
      },
      { busy: (on) => (this.exporting = on), toast: 'Could not export the calls' },
    );
    off();
    this.exportProgress = null;
    return result;
  }
}

/** The query Go takes: the store's without the base's search. */
function toCallQuery(q: CallListQuery): CallQuery {
  const { search: _search, ...rest } = q;
  return rest;
}
