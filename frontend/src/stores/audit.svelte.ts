import {
  auditFacets,
  exportAudit,
  listAudit,
  onExportProgress,
  type AuditEntry,
  type AuditFacets,
  type AuditPage,
  type AuditQuery,
  type ExportProgress,
  type ExportResult,
} from '../api';
import { pluralCount } from '../lib/format';
import { action } from './action';
import { KeysetPagedQuery } from './keyset.svelte';
import { SEARCH_DEBOUNCE_MS } from './paged.svelte';

export const AUDIT_PAGE_SIZE = 100;
export const ACTIVITY_PAGE_SIZE = 50;

/** The "as" user filter that selects the entries made outside any Access Account session. */
export const OUTSIDE_SESSIONS = '-';

type AuditListFn = (q: AuditQuery) => Promise<AuditPage>;

/** What the audit stores call; the api's functions by default. */
export interface AuditDeps {
  list: AuditListFn;
  facets: () => Promise<AuditFacets>;
  export: (q: AuditQuery) => Promise<ExportResult>;
  onExportProgress: (fn: (p: ExportProgress) => void) => () => void;
}

/**
 * The instant a picked day ("YYYY-MM-DD") starts in the user's zone, `days` later, as RFC 3339
 * (UTC); "" for no day. A day that DST shortens or lengthens still starts at its own midnight.
 */
export function localDayStart(day: string, days = 0): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return '';
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString();
}

/** The query fields the filters set. */
export type AuditFilterQuery = Pick<AuditQuery, 'actor' | 'asUser' | 'action' | 'accessSessionId' | 'from' | 'to'>;

/**
 * The audit log's filters as the person picks them; "" (0 for the session) is Any. The days are
 * the user's: the range runs from the start of fromDate to the start of the day after toDate.
 */
export class AuditFilters {
  actor = $state('');
  /** An email, OUTSIDE_SESSIONS, or "". */
  asUser = $state('');
  /** An action code. */
  action = $state('');
  fromDate = $state('');
  toDate = $state('');
  /** One Access Account session's entries (a row's "Session N"); 0 = any. */
  sessionId = $state(0);

  get active(): boolean {
    return (
      this.actor !== '' ||
      this.asUser !== '' ||
      this.action !== '' ||
      this.fromDate !== '' ||
      this.toDate !== '' ||
      this.sessionId !== 0
    );
  }

  clear(): void {
    this.actor = '';
    this.asUser = '';
    this.action = '';
    this.fromDate = '';
    this.toDate = '';
    this.sessionId = 0;
  }

  query(): AuditFilterQuery {
    return {
      actor: this.actor,
      asUser: this.asUser,
      action: this.action,
      accessSessionId: this.sessionId,
      from: localDayStart(this.fromDate),
      to: localDayStart(this.toDate, 1),
    };
  }
}

const NO_FACETS: AuditFacets = { actors: [], asUsers: [], actions: [] };

/** The values the filter controls offer, read from Go when a filter bar shows. */
export class AuditFacetsStore {
  facets = $state.raw<AuditFacets>(NO_FACETS);
  #fetch: AuditDeps['facets'];

  constructor(fetch: AuditDeps['facets'] = auditFacets) {
    this.#fetch = fetch;
  }

  /** Reads them again (new entries bring new actors and actions); a failure keeps the old ones. */
  async load(): Promise<void> {
    await action(
      async () => {
        this.facets = await this.#fetch();
      },
      { toast: false },
    );
  }
}

/** One CSV export at a time, with the progress Go reports while it writes. */
export class AuditExport {
  exporting = $state(false);
  /** Rows written by the running export; null until its first event. */
  progress = $state.raw<ExportProgress | null>(null);
  #export: AuditDeps['export'];
  #onProgress: AuditDeps['onExportProgress'];

  constructor(exp: AuditDeps['export'], onProgress: AuditDeps['onExportProgress']) {
    this.#export = exp;
    this.#onProgress = onProgress;
  }

  /** Exports what q selects; toasts the file and its rows (nothing on cancel) or the failure. */
  async run(q: AuditQuery): Promise<ExportResult | null> {
    if (this.exporting) return null;
    this.progress = null;
    const off = this.#onProgress((p) => {
      if (this.exporting) this.progress = p;
    });
    let result: ExportResult | null = null;
    await action(
      async () => {
        const r = await this.#export(q);
        result = r;
        if (!r.cancelled) return `Exported ${pluralCount(r.rows, 'entry', 'entries')} to ${r.path}`;
      },
      { busy: (on) => (this.exporting = on), toast: 'Could not export the audit log' },
    );
    off();
    this.progress = null;
    return result;
  }
}

/** Which entries a store reads: one sub-account's (0 = all), and how many a page. */
export interface AuditScope {
  subAccountId?: number;
  pageSize?: number;
}

/**
 * The audit log (or one sub-account's activity): filters, search and pages newest first, paged by
 * keyset, with the filters' values and the CSV export of what they select.
 */
export class AuditLogStore extends KeysetPagedQuery<AuditQuery, AuditEntry> {
  readonly subAccountId: number;
  readonly filters = new AuditFilters();
  readonly facets: AuditFacetsStore;
  readonly exporter: AuditExport;
  #list: AuditListFn;

  /** deps: the api's functions by default (a function alone is the list). */
  constructor(
    deps: AuditListFn | Partial<AuditDeps> = {},
    debounceMs = SEARCH_DEBOUNCE_MS,
    scope: AuditScope = {},
  ) {
    super(scope.pageSize ?? AUDIT_PAGE_SIZE, debounceMs);
    const d = typeof deps === 'function' ? { list: deps } : deps;
    this.#list = d.list ?? listAudit;
    this.facets = new AuditFacetsStore(d.facets ?? auditFacets);
    this.exporter = new AuditExport(d.export ?? exportAudit, d.onExportProgress ?? onExportProgress);
    this.subAccountId = scope.subAccountId ?? 0;
  }

  /** Whether the rows shown were searched or filtered (tells "none yet" from "none match"). */
  get shownFiltered(): boolean {
    const q = this.shownQuery;
    if (q === null) return false;
    const { search, actor, asUser, action, from, to } = q;
    return [search, actor, asUser, action, from, to].some((v) => v !== '') || q.accessSessionId !== 0;
  }

  query(): AuditQuery {
    return {
      subAccountId: this.subAccountId,
      search: this.search.trim(),
      ...this.filters.query(),
      ...this.keyset(),
      limit: this.pageSize,
    };
  }

  protected fetch(q: AuditQuery): Promise<AuditPage> {
    return this.#list(q);
  }

  /** Go's message for a field (actor, asUser, action, from, to, accessSessionId) of the last failed load. */
  fieldError(name: string): string | undefined {
    return this.error?.field(name);
  }

  /** Changes the filters, then shows the newest page of what they select. */
  setFilter(change: (f: AuditFilters) => void): Promise<void> {
    return this.refilter(() => change(this.filters));
  }

  /** Shows the entries of one Access Account session. */
  showSession(id: number): Promise<void> {
    return this.setFilter((f) => (f.sessionId = id));
  }

  clearFilters(): Promise<void> {
    return this.setFilter((f) => f.clear());
  }

  /** Enter in the search: searches now, without waiting for the typing to settle. */
  applySearch(): Promise<void> {
    this.firstPage();
    return this.load();
  }

  /** Exports every entry the current filters and search select, newest first. */
  exportCsv(): Promise<ExportResult | null> {
    return this.exporter.run({ ...this.query(), before: 0, after: 0, oldest: false });
  }
}

/** One sub-account's activity: its audit entries, 50 a page, with the same filters. */
export function activityLog(
  subAccountId: number,
  deps: AuditListFn | Partial<AuditDeps> = {},
  debounceMs = SEARCH_DEBOUNCE_MS,
): AuditLogStore {
  return new AuditLogStore(deps, debounceMs, { subAccountId, pageSize: ACTIVITY_PAGE_SIZE });
}

export const auditLog = new AuditLogStore();
