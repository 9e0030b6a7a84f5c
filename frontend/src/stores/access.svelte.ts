import {
  addCustomerUser,
  closeAccess,
  enableAccessChanges,
  exportCustomerReport,
  getCustomerReport,
  getCustomerView,
  listCustomerCalls,
  listTimeZones,
  listUsers,
  onSyncDone,
  openAccess,
  Role,
  toAppError,
  updateCustomerUser,
  type AccessInput,
  type AccessSessionView,
  type AppError,
  type CallPage,
  type CallQuery,
  type CustomerMenu,
  type CustomerView,
  type ExportResult,
  type SyncProgress,
  type TimeZone,
  type UsageReport,
  type User,
  type UserInput,
  type UserPage,
  type UserQuery,
  type UserUpdate,
} from '../api';
import { pluralCount, quoted } from '../lib/format';
import { action, unlessFields } from './action';
import { localTimeZone, type CallsDeps } from './calls.svelte';

/** The users the "Sign in as" select lists at most (Go's page limit). */
export const ACCESS_USERS_LIMIT = 500;

/** Every AccessService call the screens make, and the reads around them; tests replace them. */
export interface AccessDeps {
  open: (input: AccessInput) => Promise<AccessSessionView>;
  view: (sessionId: number) => Promise<CustomerView>;
  calls: (sessionId: number, q: CallQuery) => Promise<CallPage>;
  report: (sessionId: number) => Promise<UsageReport>;
  exportReport: (sessionId: number) => Promise<ExportResult>;
  enableChanges: (sessionId: number, reason: string) => Promise<AccessSessionView>;
  addUser: (sessionId: number, input: UserInput) => Promise<User>;
  updateUser: (sessionId: number, userId: number, input: UserUpdate) => Promise<User>;
  close: () => Promise<void>;
  /** UserService.List: the users the dialog offers to sign in as. */
  users: (q: UserQuery) => Promise<UserPage>;
  timeZones: (query: string) => Promise<TimeZone[]>;
  onSyncDone: (fn: (p: SyncProgress) => void) => () => void;
}

const defaultDeps: AccessDeps = {
  open: openAccess,
  view: getCustomerView,
  calls: listCustomerCalls,
  report: getCustomerReport,
  exportReport: exportCustomerReport,
  enableChanges: enableAccessChanges,
  addUser: addCustomerUser,
  updateUser: updateCustomerUser,
  close: closeAccess,
  users: listUsers,
  timeZones: listTimeZones,
  onSyncDone,
};

function withDefaults(deps: Partial<AccessDeps>): AccessDeps {
  return { ...defaultDeps, ...deps };
}

/** Field errors of the dialogs, by Go's field name. */
export type AccessField = 'userId' | 'reason';

/** Go's refusal split for a form: messages under the fields it names, anything else above the buttons. */
function splitFieldErrors(err: AppError, known: readonly string[]): { errors: Record<string, string>; formError: string | null } {
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(err.fields)) {
    if (known.includes(name)) errors[name] = message;
    else other.push(message);
  }
  if (!err.hasFields) other.push(err.message);
  return { errors, formError: other.length > 0 ? other.join(' ') : null };
}

/**
 * The "Access Account" dialog: the sub-account's users to sign in as (its first Admin chosen
 * first, as Go would choose it), an optional reason, and "Open account".
 */
export class AccessDialogStore {
  readonly subAccountId: number;
  users = $state.raw<User[]>([]);
  /** How many users the sub-account has (more than the list when over ACCESS_USERS_LIMIT). */
  total = $state(0);
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<AppError | null>(null);
  /** The user picked in "Sign in as"; 0 until the list has arrived. */
  userId = $state(0);
  reason = $state('');
  errors = $state<Partial<Record<AccessField, string>>>({});
  formError = $state<string | null>(null);
  pending = $state(false);
  #deps: AccessDeps;

  constructor(subAccountId: number, deps: Partial<AccessDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = withDefaults(deps);
  }

  /** True once the list arrived empty: there is nobody to sign in as. */
  get noUsers(): boolean {
    return this.loaded && this.users.length === 0;
  }

  /** Reads the users, oldest first, and picks the first Admin (else the first user). */
  async load(): Promise<void> {
    await action(
      async () => {
        const page = await this.#deps.users({
          subAccountId: this.subAccountId,
          search: '',
          sort: 'created',
          desc: false,
          offset: 0,
          limit: ACCESS_USERS_LIMIT,
        });
        this.users = page.items;
        this.total = page.total;
        this.loaded = true;
        this.loadError = null;
        const first = page.items.find((u) => u.role === Role.Admin) ?? page.items[0];
        if (!page.items.some((u) => u.id === this.userId)) this.userId = first?.id ?? 0;
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.loadError = e), toast: false },
    );
  }

  /** "Open account": resolves the session Go opened, or null (the errors are set for the form). */
  async open(): Promise<AccessSessionView | null> {
    if (this.pending) return null;
    let session: AccessSessionView | null = null;
    this.errors = {};
    this.formError = null;
    const err = await action(
      async () => {
        session = await this.#deps.open({ subAccountId: this.subAccountId, userId: this.userId, reason: this.reason });
      },
      { busy: (on) => (this.pending = on), toast: false },
    );
    if (err) {
      const split = splitFieldErrors(err, ['userId', 'reason']);
      this.errors = split.errors;
      this.formError = split.formError;
    }
    return session;
  }
}

/** The customer's Reports page: Go's usage by day, and its CSV export. */
export class ReportStore {
  report = $state.raw<UsageReport | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  exporting = $state(false);
  readonly #sessionId: number;
  readonly #deps: AccessDeps;

  constructor(sessionId: number, deps: AccessDeps) {
    this.#sessionId = sessionId;
    this.#deps = deps;
  }

  async load(): Promise<void> {
    await action(
      async () => {
        this.report = await this.#deps.report(this.#sessionId);
        this.error = null;
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.error = e), toast: false },
    );
  }

  /** "Export CSV": toasts where it went (nothing when the save dialog was closed). */
  async exportCsv(): Promise<ExportResult | null> {
    if (this.exporting) return null;
    let result: ExportResult | null = null;
    await action(
      async () => {
        const r = await this.#deps.exportReport(this.#sessionId);
        result = r;
        if (!r.cancelled) return `Exported ${pluralCount(r.rows, 'day')} to ${r.path}`;
      },
      { busy: (on) => (this.exporting = on), toast: 'Could not export the report' },
    );
    return result;
  }
}

/**
 * One Access Account session: the customer's application as Go builds it from what is published
 * (the navigation and each page's data), the page shown, "Enable changes", the Users page's
 * changes, and "Back to List View". What the customer has and may do is Go's answer, never
 * decided here.
 */
export class CustomerViewStore {
  session: AccessSessionView;
  view = $state.raw<CustomerView | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** The key of the menu shown; "" = the first the customer has. */
  page = $state('');
  closing = $state(false);
  readonly report: ReportStore;
  #deps: AccessDeps;

  constructor(session: AccessSessionView, deps: Partial<AccessDeps> = {}) {
    this.session = $state.raw(session);
    this.#deps = withDefaults(deps);
    this.report = new ReportStore(session.id, this.#deps);
  }

  get sessionId(): number {
    return this.session.id;
  }

  /** Go's navigation of the customer (empty until the view arrives). */
  get nav(): CustomerMenu[] {
    return this.view?.nav ?? [];
  }

  /** The menu shown: the one picked while the customer still has it, else their first. */
  get current(): CustomerMenu | null {
    const nav = this.nav;
    return nav.find((m) => m.key === this.page) ?? nav[0] ?? null;
  }

  /** Go's word on the session: read-only until changes are enabled. */
  get readOnly(): boolean {
    return this.session.readOnly;
  }

  /** The zone the customer's days are read in: the user's, else the webview's. */
  get timeZone(): string {
    return this.session.userTimeZone || localTimeZone();
  }

  /** Reads the customer's view again (the navigation, every page's data, the session). */
  async load(): Promise<void> {
    await action(
      async () => {
        const v = await this.#deps.view(this.session.id);
        this.view = v;
        this.session = v.session;
        this.error = null;
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.error = e), toast: false },
    );
  }

  select(key: string): void {
    this.page = key;
  }

  /** The Call Logs page's calls through this session (Go fills in the sub-account). */
  callsDeps(): Partial<CallsDeps> {
    return {
      list: (q) => this.#deps.calls(this.session.id, q),
      onSyncDone: this.#deps.onSyncDone,
      timeZone: () => this.timeZone,
    };
  }

  /** "Enable changes": resolves null once Go enabled them, else its error (a field error is the form's). */
  async enableChanges(reason: string): Promise<AppError | null> {
    return action(
      async () => {
        const s = await this.#deps.enableChanges(this.session.id, reason);
        this.session = s;
        if (this.view) this.view = { ...this.view, session: s };
        return `Changes enabled in ${s.subAccountName}'s account`;
      },
      { toast: unlessFields },
    );
  }

  /** "Add user" on the customer's Users page; resolves null when Go added them (the view is read again). */
  async addUser(input: Omit<UserInput, 'subAccountId'>): Promise<AppError | null> {
    const err = await action(
      async () => {
        const u = await this.#deps.addUser(this.session.id, { ...input, subAccountId: this.session.subAccountId });
        return `Added ${quoted(u.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not add the user' },
    );
    if (!err) await this.load();
    return err;
  }

  /** "Update User" on the customer's Users page; resolves null when Go saved it (the view is read again). */
  async updateUser(user: User, input: UserUpdate): Promise<AppError | null> {
    const err = await action(
      async () => {
        const u = await this.#deps.updateUser(this.session.id, user.id, input);
        return `Updated ${quoted(u.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not update the user' },
    );
    if (!err) await this.load();
    return err;
  }

  /** The zones matching what was typed in the time zone picker, or the error. */
  async timeZones(query: string): Promise<TimeZone[] | AppError> {
    try {
      return await this.#deps.timeZones(query);
    } catch (e) {
      return toAppError(e);
    }
  }

  /** "Back to List View": ends the session in Go (a failure is toasted; the view is left anyway). */
  async close(): Promise<void> {
    if (this.closing) return;
    await action(() => this.#deps.close(), { busy: (on) => (this.closing = on), toast: 'Could not end the session' });
  }
}
