import * as svc from '../../wailsjs/go/backend/UserService';
import { backend } from '../../wailsjs/go/models';
import { call } from './errors';
import type { TimeZone, User, UserInput, UserPage, UserQuery, UserUpdate } from './types';

/** A user's role in the sub-account, as Go's enum ("admin", "user"). */
export const Role = backend.Role;
export type Role = backend.Role;

/** One page of a sub-account's users, searched by name or email and sorted by a column. */
export function listUsers(q: UserQuery): Promise<UserPage> {
  return call(() => svc.List({ ...q }));
}

/** "Add user"; AppError invalid or conflict on fields.name, email, role or timeZone. */
export function createUser(input: UserInput): Promise<User> {
  return call(() => svc.Create({ ...input }));
}

/** "Update User": name, role and time zone (an email never changes). */
export function updateUser(id: number, input: UserUpdate): Promise<User> {
  return call(() => svc.Update(id, { ...input }));
}

/** Removes a user; refused (naming the rule) for the last Admin while others remain. */
export function removeUser(id: number): Promise<void> {
  return call(() => svc.Remove(id));
}

/** Moves a user to a new email: a new user with the same name, role and zone, the old one removed, in one step. */
export function replaceUserEmail(id: number, newEmail: string): Promise<User> {
  return call(() => svc.ReplaceEmail(id, newEmail));
}

/** The IANA time zones matching a query (case and accents ignored), each with its offset and local time now. */
export function listTimeZones(query: string): Promise<TimeZone[]> {
  return call(() => svc.TimeZones(query));
}
