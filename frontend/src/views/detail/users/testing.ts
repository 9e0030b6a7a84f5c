import { vi } from 'vitest';
import { Role, type TimeZone, type User, type UserInput, type UserPage, type UserQuery, type UserUpdate } from '../../../api';
import type { UsersDeps } from '../../../stores/users.svelte';

/** For tests: a user with every field Go sends. */
export function user(id: number, over: Partial<User> = {}): User {
  return {
    id,
    subAccountId: 7,
    name: `User ${id}`,
    email: `user${id}@acme.example`,
    role: Role.User,
    timeZone: 'Europe/Zurich',
    utcOffset: 'UTC+01:00',
    localTime: 'Mon 10:41',
    createdAt: '2026-01-15T10:00:00Z',
    ...over,
  };
}

/** For tests: some zones as Go lists them (in January). */
export const ZONES: TimeZone[] = [
  { name: 'America/Chicago', label: 'Chicago', region: 'America', offset: 'UTC−06:00', localTime: '03:41' },
  { name: 'America/New_York', label: 'New York', region: 'America', offset: 'UTC−05:00', localTime: '04:41' },
  { name: 'America/Sao_Paulo', label: 'Sao Paulo', region: 'America', offset: 'UTC−03:00', localTime: '06:41' },
  { name: 'Europe/Berlin', label: 'Berlin', region: 'Europe', offset: 'UTC+01:00', localTime: '10:41' },
  { name: 'Europe/Zurich', label: 'Zurich', region: 'Europe', offset: 'UTC+01:00', localTime: '10:41' },
];

/** For tests: UserService.TimeZones over ZONES, matching as Go does ('_' as space, case ignored). */
export const searchZones = vi.fn((query: string): Promise<TimeZone[]> => {
  const q = query.trim().toLowerCase();
  return Promise.resolve(ZONES.filter((z) => z.name.replaceAll('_', ' ').toLowerCase().includes(q)));
});

const reject = (message: string, fields: Record<string, string> = {}) =>
  Promise.reject({ code: Object.keys(fields).length > 0 ? 'invalid' : 'conflict', message, fields });

/**
 * For tests: UserService over a list of users, with Go's rules that the screens show: unique
 * emails (case ignored), at least one Admin, search and sort and paging.
 */
export function fakeUsers(initial: User[] = []) {
  const users = [...initial];
  let nextId = users.reduce((m, u) => Math.max(m, u.id), 0) + 1;
  const zone = (name: string) => ZONES.find((z) => z.name === name);
  const admins = () => users.filter((u) => u.role === Role.Admin).length;
  const list = vi.fn((q: UserQuery): Promise<UserPage> => {
    const s = q.search.toLowerCase();
    const key = q.sort === 'created' ? 'createdAt' : q.sort || 'name';
    const matching = users
      .filter((u) => u.name.toLowerCase().includes(s) || u.email.toLowerCase().includes(s))
      .sort((a, b) => String(a[key]).localeCompare(String(b[key])) * (q.desc ? -1 : 1) || a.id - b.id);
    return Promise.resolve({ items: matching.slice(q.offset, q.offset + (q.limit || 100)), total: matching.length });
  });
  const create = vi.fn((input: UserInput): Promise<User> => {
    const email = input.email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return reject('Check the fields.', { email: 'Enter an email such as dana@example.com.' });
    if (users.some((u) => u.email.toLowerCase() === email.toLowerCase())) {
      return reject('Check the fields.', { email: 'Another user of this sub-account has this email.' });
    }
    if (users.length === 0 && input.role !== Role.Admin) return reject('Check the fields.', { role: 'The first user of a sub-account must be an Admin.' });
    const z = zone(input.timeZone);
    if (!z) return reject('Check the fields.', { timeZone: 'Pick a time zone from the list.' });
    const u = user(nextId++, { ...input, email, utcOffset: z.offset, localTime: `Mon ${z.localTime}` });
    users.push(u);
    return Promise.resolve(u);
  });
  const update = vi.fn((id: number, input: UserUpdate): Promise<User> => {
    const i = users.findIndex((u) => u.id === id);
    const old = users[i];
    if (!old) return reject('That user no longer exists.');
    if (old.role === Role.Admin && input.role !== Role.Admin && admins() === 1) {
      return reject('Check the fields.', { role: 'A sub-account with users keeps at least one Admin.' });
    }
    const u = { ...old, ...input };
    users[i] = u;
    return Promise.resolve(u);
  });
  const remove = vi.fn((id: number): Promise<void> => {
    const i = users.findIndex((u) => u.id === id);
    const old = users[i];
    if (old?.role === Role.Admin && admins() === 1 && users.length > 1) {
      return reject('A sub-account with users keeps at least one Admin: make another user an Admin first.');
    }
    users.splice(i, 1);
    return Promise.resolve();
  });
  const replaceEmail = vi.fn((id: number, newEmail: string): Promise<User> => {
    const old = users.find((u) => u.id === id);
    if (!old) return reject('That user no longer exists.');
    if (users.some((u) => u.email.toLowerCase() === newEmail.trim().toLowerCase())) {
      return reject('Check the fields.', { email: 'Another user of this sub-account has this email.' });
    }
    const u = { ...old, id: nextId++, email: newEmail.trim() };
    users.splice(users.indexOf(old), 1, u);
    return Promise.resolve(u);
  });
  const deps: UsersDeps = { list, create, update, remove, replaceEmail, timeZones: searchZones };
  return { users, deps, list, create, update, remove, replaceEmail };
}
