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
  type CallStatusFilter,
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

/** The user's time zone (the webview's), an IANA name such as "Europe/Berlin". */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The store's query: the call query plus the base's search (unused: calls are filtered by menus). */
export type CallListQuery = CallQuery & { search: string; sort: CallSortKey };

export interface CallsDeps {
  list: (q: CallQuery) => Promise<CallPage>;
  export: (q: CallQuery) => Promise<ExportResult>;
  onExportProgress: (fn: (p: ExportProgress) => void) => () => void;
  onSyncDone: (fn: (p: SyncProgress) => void) => () => void;
  /** The zone the picked days are days in; the user's by default. */
  timeZone: () => string;
}

const EMPTY_TOTALS: CallTotals = { count: 0, minutes: 0, costs: [] };
/** How many answers' totals are remembered until their rows are shown. */
const TOTALS_KEPT = 8;

/**
 * One sub-account's calls: direction, status and date filters, sort and page in; one page of rows
 * and the totals of every matching call out. The status is normalised by Go, the same words for
 * every provider.
 */
export class CallsStore extends SortedPagedQuery<CallSortKey, CallListQuery, Call> {
  readonly subAccountId: number;
  direction = $state<CallDirection>('');
  status = $state<CallStatusFilter>('');
  /** Picked days, "YYYY-MM-DD" or "" (open); both included, Go reads them in the user's zone. */
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
  #timeZone: CallsDeps['timeZone'];
  #onSyncDone: CallsDeps['onSyncDone'];

  constructor(subAccountId: number, deps: Partial<CallsDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(CALLS_PAGE_SIZE, { sort: 'startedAt', desc: true }, debounceMs);
    this.subAccountId = subAccountId;
    this.#list = deps.list ?? listCalls;
    this.#export = deps.export ?? exportCalls;
    this.#onExportProgress = deps.onExportProgress ?? onExportProgress;
    this.#timeZone = deps.timeZone ?? localTimeZone;
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

  get filtered(): boolean {
    return this.direction !== '' || this.status !== '' || this.fromDate !== '' || this.toDate !== '';
  }

  /** Whether the rows shown were filtered (tells "none yet" from "none match"). */
  get shownFiltered(): boolean {
    const q = this.shownQuery;
    return q !== null && (q.direction !== '' || q.status !== '' || q.fromDate !== '' || q.toDate !== '');
  }

  /** Loads, and reloads whenever a sync of this sub-account finishes; returns the unsubscribe. */
  follow(): () => void {
    void this.load();
    return this.#onSyncDone((p) => {
      if (p.subAccountId === this.subAccountId && p.error == null) void this.load();
    });
  }

  /** Go's message for a filter field (fromDate, toDate, timeZone, direction, status) of the last failed load. */
  fieldError(name: string): string | undefined {
    return this.error?.field(name);
  }

  query(): CallListQuery {
    return {
      subAccountId: this.subAccountId,
      direction: this.direction,
      status: this.status,
      fromDate: this.fromDate,
      toDate: this.toDate,
      timeZone: this.#timeZone(),
      sort: this.sort,
      desc: this.desc,
      offset: this.offset,
      limit: CALLS_PAGE_SIZE,
      search: '',
    };
  }

  setDirection(value: CallDirection): Promise<void> {
    return this.refilter(() => (this.direction = value));
  }

  setStatus(value: CallStatusFilter): Promise<void> {
    return this.refilter(() => (this.status = value));
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
      this.status = '';
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
