import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, Role, type UserPage, type UserQuery } from '../api';
import { fakeUsers, user } from '../views/detail/users/testing';
import { toasts } from './toasts.svelte';
import { roleName, splitErrors, USERS_PAGE_SIZE, UsersStore } from './users.svelte';

const empty = (): Promise<UserPage> => Promise.resolve({ items: [], total: 0 });

describe('UsersStore', () => {
  afterEach(() => {
    vi.useRealTimers();
    toasts.items = [];
  });

  it('asks for the first page by name, A to Z, with no search', async () => {
    const list = vi.fn((_q: UserQuery) => empty());
    const store = new UsersStore(7, { list });
    await store.load();
    expect(list).toHaveBeenCalledWith({ subAccountId: 7, search: '', sort: 'name', desc: false, offset: 0, limit: USERS_PAGE_SIZE });
    expect(store.loaded).toBe(true);
    expect(store.shownSearched).toBe(false);
  });

  it('sorts by a column, flipping on a second click, back on the first page', async () => {
    const list = vi.fn((_q: UserQuery) => Promise.resolve({ items: [user(1)], total: 120 }));
    const store = new UsersStore(7, { list });
    await store.load();
    await store.nextPage();
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ offset: USERS_PAGE_SIZE });
    await store.sortBy('timeZone');
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'timeZone', desc: false, offset: 0 });
    await store.sortBy('timeZone');
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'timeZone', desc: true });
    expect(store.shownSort).toEqual({ sort: 'timeZone', desc: true });
  });

  it('sends the search trimmed, after the typing stops', async () => {
    vi.useFakeTimers();
    const list = vi.fn((_q: UserQuery) => empty());
    const store = new UsersStore(7, { list }, 100);
    store.setSearch('  dana ');
    expect(list).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ search: 'dana', offset: 0 }));
    expect(store.shownSearched).toBe(true);
    await store.clearSearch();
    expect(list.mock.calls.at(-1)?.[0]).toMatchObject({ search: '' });
  });

  it('reads the page again every minute so that local times stay current', async () => {
    vi.useFakeTimers();
    const list = vi.fn((_q: UserQuery) => empty());
    const stop = new UsersStore(7, { list }).follow(60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(list).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(list).toHaveBeenCalledTimes(2);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('adds a user, toasts it and reads the list again', async () => {
    const fake = fakeUsers();
    const store = new UsersStore(7, fake.deps);
    await store.load();
    const err = await store.create({ subAccountId: 7, name: 'Dana Lee', email: 'dana@acme.example', role: Role.Admin, timeZone: 'America/New_York' });
    expect(err).toBeNull();
    expect(store.items.map((u) => u.name)).toEqual(['Dana Lee']);
    expect(toasts.items.map((t) => t.message)).toEqual(['Added “Dana Lee”']);
  });

  it("returns Go's field errors without toasting them", async () => {
    const fake = fakeUsers([user(1, { role: Role.Admin, email: 'dana@acme.example' })]);
    const store = new UsersStore(7, fake.deps);
    const err = await store.create({ subAccountId: 7, name: 'Dana', email: 'DANA@acme.example', role: Role.User, timeZone: 'Europe/Berlin' });
    expect(err?.field('email')).toBe('Another user of this sub-account has this email.');
    expect(toasts.items).toEqual([]);
  });

  it('updates without an email, and returns the last-Admin refusal', async () => {
    const fake = fakeUsers([user(1, { role: Role.Admin }), user(2)]);
    const store = new UsersStore(7, fake.deps);
    const first = fake.users[0];
    if (!first) throw new Error('no user');
    const err = await store.update(first, { name: 'Renamed', role: Role.User, timeZone: 'Europe/Berlin' });
    expect(fake.update).toHaveBeenCalledWith(1, { name: 'Renamed', role: Role.User, timeZone: 'Europe/Berlin' });
    expect(err?.field('role')).toMatch(/at least one Admin/);
  });

  it('removes a user, or returns the refusal for the dialog (no toast)', async () => {
    const admin = user(1, { role: Role.Admin });
    const fake = fakeUsers([admin, user(2)]);
    const store = new UsersStore(7, fake.deps);
    const refused = await store.remove(admin);
    expect(refused?.message).toMatch(/at least one Admin/);
    expect(toasts.items).toEqual([]);
    expect(await store.remove(user(2))).toBeNull();
    expect(store.items.map((u) => u.id)).toEqual([1]);
    expect(toasts.items.map((t) => t.message)).toEqual(['Removed “User 2”']);
  });

  it('replaces an email and toasts both addresses', async () => {
    const old = user(1, { role: Role.Admin, email: 'owner@old.example' });
    const fake = fakeUsers([old]);
    const store = new UsersStore(7, fake.deps);
    expect(await store.replaceEmail(old, 'owner@new.example')).toBeNull();
    expect(fake.replaceEmail).toHaveBeenCalledWith(1, 'owner@new.example');
    expect(store.items.map((u) => u.email)).toEqual(['owner@new.example']);
    expect(toasts.items.map((t) => t.message)).toEqual(['Replaced owner@old.example with owner@new.example']);
  });

  it('resolves the time zones, or the error', async () => {
    const zones = vi.fn().mockRejectedValueOnce({ code: 'internal', message: 'boom' });
    const store = new UsersStore(7, { timeZones: zones });
    const r = await store.timeZones('america');
    expect(r).toBeInstanceOf(AppError);
  });
});

describe('splitErrors', () => {
  it('puts messages under the fields the form has, the rest above the buttons', () => {
    const err = new AppError('invalid', 'Check the fields.', { email: 'Bad email.', subAccountId: 'Gone.' });
    expect(splitErrors(err, { email: 'email' } as const)).toEqual({ errors: { email: 'Bad email.' }, formError: 'Gone.' });
    expect(splitErrors(new AppError('conflict', 'Busy.'), {})).toEqual({ errors: {}, formError: 'Busy.' });
  });
});

describe('roleName', () => {
  it('names the roles', () => {
    expect(roleName(Role.Admin)).toBe('Admin');
    expect(roleName(Role.User)).toBe('User');
  });
});
