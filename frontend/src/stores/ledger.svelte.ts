import type { AppError, CycleStatement, ExportResult, LedgerLine, LedgerPage, LedgerQuery } from '../api';
import { LatestOnly } from '../lib/latest';
import { action } from './action';
import { PagedQuery, type Page } from './paged.svelte';

export const LEDGER_PAGE_SIZE = 25;

/** A ledger page as the pager holds it: its lines as items, and the zone Go wrote them for. */
type ShownLedgerPage = Page<LedgerLine> & { timeZone: string };

/** A sub-account's minute ledger, newest entry first, a page at a time. Every figure is Go's. */
export class LedgerStore extends PagedQuery<LedgerQuery, LedgerLine> {
  readonly subAccountId: number;
  #fetch: (q: LedgerQuery) => Promise<LedgerPage>;

  constructor(subAccountId: number, fetch: (q: LedgerQuery) => Promise<LedgerPage>) {
    super(LEDGER_PAGE_SIZE);
    this.subAccountId = subAccountId;
    this.#fetch = fetch;
  }

  protected async fetch(q: LedgerQuery): Promise<ShownLedgerPage> {
    const page = await this.#fetch(q);
    return { items: page.lines, total: page.total, timeZone: page.timeZone };
  }

  /** The zone of the page shown ("" until one arrives). */
  get timeZone(): string {
    const p = this.shownPage;
    return p !== null && 'timeZone' in p && typeof p.timeZone === 'string' ? p.timeZone : '';
  }

  query(): LedgerQuery {
    return { subAccountId: this.subAccountId, offset: this.offset, limit: LEDGER_PAGE_SIZE };
  }
}

/**
 * A sub-account's cycle statements, newest first, and the CSV export of one of them. The export
 * toasts its result (nothing when the person cancels the save dialog).
 */
export class StatementsStore {
  readonly subAccountId: number;
  items = $state.raw<CycleStatement[]>([]);
  loading = $state(false);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  /** The cycles being exported. */
  exporting = $state.raw<readonly number[]>([]);

  #fetch: (subAccountId: number) => Promise<CycleStatement[]>;
  #export: (subAccountId: number, cycle: number) => Promise<ExportResult>;
  #latest = new LatestOnly();

  constructor(
    subAccountId: number,
    fetch: (subAccountId: number) => Promise<CycleStatement[]>,
    exportCsv: (subAccountId: number, cycle: number) => Promise<ExportResult>,
  ) {
    this.subAccountId = subAccountId;
    this.#fetch = fetch;
    this.#export = exportCsv;
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const items = await this.#fetch(this.subAccountId);
        if (!current()) return;
        this.items = items;
        this.error = null;
        this.loaded = true;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.error = e), toast: false },
    );
  }

  isExporting(cycle: number): boolean {
    return this.exporting.includes(cycle);
  }

  /** Writes one cycle's statement to a CSV file the person picks; null when already under way or failed. */
  async exportCsv(cycle: number): Promise<ExportResult | null> {
    if (this.isExporting(cycle)) return null;
    let result: ExportResult | null = null;
    await action(
      async () => {
        const r = await this.#export(this.subAccountId, cycle);
        result = r;
        if (!r.cancelled) return `Exported the statement for cycle ${cycle} to ${r.path}`;
      },
      {
        busy: (on) => (this.exporting = on ? [...this.exporting, cycle] : this.exporting.filter((c) => c !== cycle)),
        toast: 'Could not export the statement',
      },
    );
    return result;
  }
}
