import { listAudit, type AppError, type AuditEntry, type AuditPage, type AuditQuery } from '../api';
import { action } from './action';
import { PagedQuery, SEARCH_DEBOUNCE_MS } from './paged.svelte';

export const AUDIT_PAGE_SIZE = 100;
export const ACTIVITY_PAGE_SIZE = 50;

type AuditListFn = (q: AuditQuery) => Promise<AuditPage>;

/** The audit log screen: search and pages of 100, newest first. */
export class AuditLogStore extends PagedQuery<AuditQuery, AuditEntry> {
  #list: AuditListFn;

  constructor(list: AuditListFn = listAudit, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(AUDIT_PAGE_SIZE, debounceMs);
    this.#list = list;
  }

  get shownFiltered(): boolean {
    return (this.shownQuery?.search ?? '') !== '';
  }

  query(): AuditQuery {
    return { subAccountId: 0, search: this.search.trim(), offset: this.offset, limit: AUDIT_PAGE_SIZE };
  }

  protected fetch(q: AuditQuery): Promise<AuditPage> {
    return this.#list(q);
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
    await action(
      async () => {
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
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.error = e), toast: false },
    );
  }
}

export const auditLog = new AuditLogStore();
