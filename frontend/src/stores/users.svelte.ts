import {
  createUser,
  listTimeZones,
  listUsers,
  removeUser,
  replaceUserEmail,
  Role,
  toAppError,
  updateUser,
  type AppError,
  type TimeZone,
  type User,
  type UserInput,
  type UserPage,
  type UserQuery,
  type UserSortKey,
  type UserUpdate,
} from '../api';
import { quoted } from '../lib/format';
import { action, unlessFields } from './action';
import { SEARCH_DEBOUNCE_MS } from './paged.svelte';
import { SortedPagedQuery } from './sorted.svelte';

export const USERS_PAGE_SIZE = 50;
/** How often the list is read again so that each user's local time stays current. */
export const USERS_REFRESH_MS = 60_000;

export type UserListQuery = UserQuery & { sort: UserSortKey };

export interface UsersDeps {
  list: (q: UserQuery) => Promise<UserPage>;
  create: (input: UserInput) => Promise<User>;
  update: (id: number, input: UserUpdate) => Promise<User>;
  remove: (id: number) => Promise<void>;
  replaceEmail: (id: number, newEmail: string) => Promise<User>;
  timeZones: (query: string) => Promise<TimeZone[]>;
}

const defaultDeps: UsersDeps = {
  list: listUsers,
  create: createUser,
  update: updateUser,
  remove: removeUser,
  replaceEmail: replaceUserEmail,
  timeZones: listTimeZones,
};

/** How a role reads in the table and the form. */
export function roleName(role: string): string {
  if (role === Role.Admin) return 'Admin';
  if (role === Role.User) return 'User';
  return role;
}

/** A user as the table and dialogs name them: "Dana Lee (dana@acme.example)". */
export function userLabel(u: Pick<User, 'name' | 'email'>): string {
  return `${u.name} (${u.email})`;
}

/**
 * One sub-account's users (the Users tab): a search over name and email, a sort by column and a
 * page in; one page of rows out. Every rule (email form and uniqueness, the last Admin, valid
 * zones) is Go's; its field errors go back to the form that sent the change.
 */
export class UsersStore extends SortedPagedQuery<UserSortKey, UserListQuery, User> {
  readonly subAccountId: number;
  #deps: UsersDeps;

  constructor(subAccountId: number, deps: Partial<UsersDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(USERS_PAGE_SIZE, { sort: 'name', desc: false }, debounceMs);
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
  }

  protected fetch(q: UserListQuery): Promise<UserPage> {
    return this.#deps.list(q);
  }

  query(): UserListQuery {
    return {
      subAccountId: this.subAccountId,
      search: this.search.trim(),
      sort: this.sort,
      desc: this.desc,
      offset: this.offset,
      limit: USERS_PAGE_SIZE,
    };
  }

  /** Whether the rows shown answer a search (tells "no users yet" from "none match"). */
  get shownSearched(): boolean {
    return (this.shownQuery?.search ?? '') !== '';
  }

  clearSearch(): Promise<void> {
    return this.refilter(() => (this.search = ''));
  }

  /** Loads, then reads the page again every refreshMs (local times move); returns the stop function. */
  follow(refreshMs = USERS_REFRESH_MS): () => void {
    void this.load();
    const t = setInterval(() => {
      if (!this.loading) void this.load();
    }, refreshMs);
    return () => clearInterval(t);
  }

  /** "Add user": resolves null when Go added them, else the error (field errors are not toasted). */
  async create(input: UserInput): Promise<AppError | null> {
    const err = await action(
      async () => {
        const u = await this.#deps.create(input);
        return `Added ${quoted(u.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not add the user' },
    );
    if (!err) await this.load();
    return err;
  }

  /** "Update User": resolves null when Go saved it, else the error (field errors are not toasted). */
  async update(user: User, input: UserUpdate): Promise<AppError | null> {
    const err = await action(
      async () => {
        const u = await this.#deps.update(user.id, input);
        return `Updated ${quoted(u.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not update the user' },
    );
    if (!err) await this.load();
    return err;
  }

  /** Removes a user; resolves null when Go removed them, else the error (shown by the dialog, not toasted). */
  async remove(user: User): Promise<AppError | null> {
    const err = await action(
      async () => {
        await this.#deps.remove(user.id);
        return `Removed ${quoted(user.name)}`;
      },
      { toast: false },
    );
    await this.load();
    return err;
  }

  /** "Replace email": resolves null when Go moved the user, else the error (shown by the dialog). */
  async replaceEmail(user: User, newEmail: string): Promise<AppError | null> {
    const err = await action(
      async () => {
        const u = await this.#deps.replaceEmail(user.id, newEmail);
        return `Replaced ${user.email} with ${u.email}`;
      },
      { toast: false },
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
}

/** What the user form sends: the tab makes a UserInput (add) or a UserUpdate (edit, no email) of it. */
export interface UserFormValues {
  name: string;
  email: string;
  role: Role;
  timeZone: string;
}

/** A refusal split for a form: messages under the fields it has, the rest above its buttons. */
export function splitErrors<F extends string>(err: AppError, fields: Record<string, F>): { errors: Partial<Record<F, string>>; formError: string | null } {
  const errors: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(err.fields)) {
    const f = fields[name];
    if (f) errors[f] = message;
    else other.push(message);
  }
  if (!err.hasFields) other.push(err.message);
  return { errors, formError: other.length > 0 ? other.join(' ') : null };
}
