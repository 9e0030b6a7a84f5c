import { listAudit, toAppError, type AppError, type AuditEntry, type AuditPage, type AuditQuery } from '../api';
import { debounce, LatestOnly } from '../lib/latest';

export const AUDIT_PAGE_SIZE = 100;
export const ACTIVITY_PAGE_SIZE = 50;

type AuditListFn = (q: AuditQuery) => Promise<AuditPage>;

/** The audit log screen: search and pages of 100, newest first. */
export class AuditLogStore {
  search = $state('');
  /** The page being asked for (the rows shown are those of shownQuery). */
  offset = $state(0);
  items = $state.raw<AuditEntry[]>([]);
  total = $state(0);
  loading = $state(false);
  loaded = $state(false);
  shownQuery = $state.raw<AuditQuery | null>(null);
  error = $state<AppError | null>(null);
  #list: AuditListFn;
  #latest = new LatestOnly();
  #debounced: ReturnType<typeof debounce>;

  constructor(list: AuditListFn = listAudit, debounceMs = 150) {
    this.#list = list;
    this.#debounced = debounce(() => void this.load(), debounceMs);
  }

  get shownOffset(): number {
    return this.shownQuery?.offset ?? 0;
  }

  get shownFiltered(): boolean {
    return (this.shownQuery?.search ?? '') !== '';
  }

  /** Changes whenever the rows shown answer a different query (not on a plain refresh). */
  get shownKey(): string {
    return JSON.stringify(this.shownQuery);
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + AUDIT_PAGE_SIZE < this.total;
  }

  async load(): Promise<void> {
    this.#debounced.cancel();
    const q: AuditQuery = {
      subAccountId: 0,
      search: this.search.trim(),
      offset: this.offset,
      limit: AUDIT_PAGE_SIZE,
    };
    const current = this.#latest.begin();
    this.loading = true;
    try {
      const page = await this.#list(q);
      if (!current()) return;
      this.items = page.items;
      this.total = page.total;
      if (this.shownKey !== JSON.stringify(q)) this.shownQuery = q;
      this.error = null;
      this.loaded = true;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  setSearch(value: string): void {
    this.search = value;
    this.offset = 0;
    this.#latest.invalidate();
    this.loading = true;
    this.#debounced();
  }

  nextPage(): Promise<void> {
    if (!this.hasNext) return Promise.resolve();
    this.offset += AUDIT_PAGE_SIZE;
    return this.load();
  }

  previousPage(): Promise<void> {
    if (!this.hasPrevious) return Promise.resolve();
    this.offset = Math.max(0, this.offset - AUDIT_PAGE_SIZE);
    return this.load();
  }
}

/** One sub-account's activity: its audit rows, newest first, with "Load more". */
export class ActivityStore {
  readonly subAccountId: number;
  items = $state.raw<AuditEntry[]>([]);
  total = $state(0);
  loading = $state(false);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #list: AuditListFn;

  constructor(subAccountId: number, list: AuditListFn = listAudit) {
    this.subAccountId = subAccountId;
    this.#list = list;
  }

  get hasMore(): boolean {
    return this.items.length < this.total;
  }

  /** Loads the first page (reset) or the next one. */
  async load(more = false): Promise<void> {
    this.loading = true;
    try {
      const offset = more ? this.items.length : 0;
      const page = await this.#list({
        subAccountId: this.subAccountId,
        search: '',
        offset,
        limit: ACTIVITY_PAGE_SIZE,
      });
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.total = page.total;
      this.error = null;
      this.loaded = true;
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.loading = false;
    }
  }
}

export const auditLog = new AuditLogStore();
