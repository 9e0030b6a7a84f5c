import { listAudit, type AppError, type AuditEntry, type AuditPage, type AuditQuery } from '../api';
import { action } from './action';
import { KeysetPagedQuery } from './keyset.svelte';
import { SEARCH_DEBOUNCE_MS } from './paged.svelte';

export const AUDIT_PAGE_SIZE = 100;
export const ACTIVITY_PAGE_SIZE = 50;

type AuditListFn = (q: AuditQuery) => Promise<AuditPage>;

/** The audit log screen: search and pages of 100, newest first, paged by keyset. */
export class AuditLogStore extends KeysetPagedQuery<AuditQuery, AuditEntry> {
  #list: AuditListFn;

  constructor(list: AuditListFn = listAudit, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(AUDIT_PAGE_SIZE, debounceMs);
    this.#list = list;
  }

  get shownFiltered(): boolean {
    return (this.shownQuery?.search ?? '') !== '';
  }

  query(): AuditQuery {
    return { subAccountId: 0, search: this.search.trim(), ...this.keyset(), limit: AUDIT_PAGE_SIZE };
  }

  protected fetch(q: AuditQuery): Promise<AuditPage> {
    return this.#list(q);
  }
}

/** One sub-account's activity: its audit rows, newest first, with "Load more" (the older ones). */
export class ActivityStore {
  readonly subAccountId: number;
  items = $state.raw<AuditEntry[]>([]);
  total = $state(0);
  /** Older entries than those shown exist. */
  hasMore = $state(false);
  loading = $state(false);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #list: AuditListFn;

  constructor(subAccountId: number, list: AuditListFn = listAudit) {
    this.subAccountId = subAccountId;
    this.#list = list;
  }

  /** Loads the newest page (reset) or the entries older than the last one shown (more). */
  async load(more = false): Promise<void> {
    await action(
      async () => {
        const last = more ? this.items.at(-1) : undefined;
        const page = await this.#list({
          subAccountId: this.subAccountId,
          search: '',
          before: last?.id ?? 0,
          after: 0,
          oldest: false,
          limit: ACTIVITY_PAGE_SIZE,
        });
        this.items = last ? [...this.items, ...page.items] : page.items;
        this.total = page.total;
        this.hasMore = page.hasOlder;
        this.error = null;
        this.loaded = true;
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.error = e), toast: false },
    );
  }
}

export const auditLog = new AuditLogStore();
