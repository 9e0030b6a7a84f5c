import { afterEach, describe, expect, it, vi } from 'vitest';
import { Role } from '../api';
import { user } from '../views/detail/users/testing';
import { customerView, fakeAccess, MENUS, session } from '../views/customer/testing';
import { AccessDialogStore, CustomerViewStore } from './access.svelte';
import { toasts } from './toasts.svelte';

afterEach(() => {
  toasts.items = [];
});

describe('AccessDialogStore', () => {
  it('picks the first Admin, as Go would, not the first user', async () => {
    const fake = fakeAccess({ users: [user(1), user(2, { role: Role.Admin }), user(3, { role: Role.Admin })] });
    const d = new AccessDialogStore(7, fake.deps);
    await d.load();
    expect(d.userId).toBe(2);
    expect(d.noUsers).toBe(false);
  });

  it('picks the first user when there is no Admin, and keeps a choice made before a reload', async () => {
    const fake = fakeAccess({ users: [user(1), user(2)] });
    const d = new AccessDialogStore(7, fake.deps);
    await d.load();
    expect(d.userId).toBe(1);
    d.userId = 2;
    await d.load();
    expect(d.userId).toBe(2);
  });

  it('has nobody to sign in as when the list is empty', async () => {
    const d = new AccessDialogStore(7, fakeAccess().deps);
    expect(d.noUsers).toBe(false);
    await d.load();
    expect(d.noUsers).toBe(true);
    expect(d.userId).toBe(0);
  });

  it("puts Go's field errors under their fields and anything else above the buttons, without a toast", async () => {
    const fake = fakeAccess({ users: [user(1, { role: Role.Admin })] });
    const d = new AccessDialogStore(7, fake.deps);
    await d.load();
    d.reason = 'x'.repeat(501);
    expect(await d.open()).toBeNull();
    expect(d.errors).toEqual({ reason: 'Reason must be at most 500 characters.' });
    expect(d.formError).toBeNull();

    fake.deps.open = vi.fn(() => Promise.reject({ code: 'not_found', message: 'There is no sub-account 7.' }));
    const gone = new AccessDialogStore(7, fake.deps);
    await gone.load();
    expect(await gone.open()).toBeNull();
    expect(gone.formError).toBe('There is no sub-account 7.');
    expect(toasts.items).toEqual([]);
  });
});

describe('CustomerViewStore', () => {
  it("shows Go's first menu until another is picked, and the first again when the picked one goes", async () => {
    const fake = fakeAccess({ view: customerView({ nav: [MENUS.dashboard, MENUS.reports] }) });
    const s = new CustomerViewStore(session(), fake.deps);
    expect(s.current).toBeNull();
    await s.load();
    expect(s.current?.key).toBe('dashboard');
    s.select('reports');
    expect(s.current?.key).toBe('reports');
    fake.state.view = customerView({ nav: [MENUS.agents] });
    await s.load();
    expect(s.current?.key).toBe('agents');
  });

  it('follows the session Go returns: read-only, then changes enabled', async () => {
    const fake = fakeAccess();
    const s = new CustomerViewStore(session(), fake.deps);
    await s.load();
    expect(s.readOnly).toBe(true);
    const err = await s.enableChanges('no');
    expect(err?.field('reason')).toBe('Reason must be at least 3 characters.');
    expect(toasts.items).toEqual([]);
    expect(await s.enableChanges('Ticket 4411')).toBeNull();
    expect(s.readOnly).toBe(false);
    expect(s.view?.session.readOnly).toBe(false);
  });

  it("toasts Go's read-only refusal of a change", async () => {
    const fake = fakeAccess();
    const s = new CustomerViewStore(session(), fake.deps);
    await s.load();
    const err = await s.addUser({ name: 'Cy', email: 'cy@acme.example', role: Role.User, timeZone: 'Europe/Berlin' });
    expect(err?.code).toBe('forbidden');
    expect(toasts.items.map((t) => t.message)).toEqual([
      'Could not add the user: This view of the customer\'s account is read-only: choose "Enable changes" first.',
    ]);
  });

  it('adds a user through the session, for its sub-account, and reads the view again', async () => {
    const fake = fakeAccess();
    const s = new CustomerViewStore(session(), fake.deps);
    await s.load();
    await s.enableChanges('Ticket 4411');
    expect(await s.addUser({ name: 'Cy', email: 'cy@acme.example', role: Role.User, timeZone: 'Europe/Berlin' })).toBeNull();
    expect(fake.deps.addUser).toHaveBeenCalledWith(41, { subAccountId: 7, name: 'Cy', email: 'cy@acme.example', role: Role.User, timeZone: 'Europe/Berlin' });
    expect(s.view?.users.map((u) => u.name)).toEqual(['Dana Lee', 'Sam Roe', 'Cy']);
  });

  it('reads the calls in the customer user\'s zone through the session', async () => {
    const fake = fakeAccess();
    const s = new CustomerViewStore(session({ userTimeZone: 'America/Chicago' }), fake.deps);
    const deps = s.callsDeps();
    expect(deps.timeZone?.()).toBe('America/Chicago');
    await deps.list?.({ subAccountId: 7, direction: '', status: '', fromDate: '', toDate: '', timeZone: 'America/Chicago', sort: 'startedAt', desc: true, offset: 0, limit: 100 });
    expect(fake.deps.calls).toHaveBeenCalledWith(41, expect.objectContaining({ timeZone: 'America/Chicago' }));
  });

  it('leaves even when ending the session fails, saying so', async () => {
    const fake = fakeAccess();
    fake.deps.close = vi.fn(() => Promise.reject({ code: 'internal', message: 'The database is locked.' }));
    const s = new CustomerViewStore(session(), fake.deps);
    await s.close();
    expect(s.closing).toBe(false);
    expect(toasts.items.map((t) => t.message)).toEqual(['Could not end the session: The database is locked.']);
  });

  it('says when the session has ended', async () => {
    const fake = fakeAccess();
    fake.state.open = false;
    const s = new CustomerViewStore(session(), fake.deps);
    await s.load();
    expect(s.error?.code).toBe('not_found');
    expect(s.view).toBeNull();
  });
});
