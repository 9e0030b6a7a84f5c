import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Role } from '../../../api';
import { toasts } from '../../../stores/toasts.svelte';
import { fakeUsers, user } from './testing';
import UsersTab from './UsersTab.svelte';

function setup(initial = [user(1, { name: 'Alex Admin', email: 'alex@acme.example', role: Role.Admin }), user(2, { name: 'Bea User', email: 'bea@acme.example' })]) {
  const fake = fakeUsers(initial);
  render(UsersTab, { subAccountId: 7, subAccountName: 'Acme', deps: fake.deps, defaultTimeZone: 'Europe/Berlin' });
  return fake;
}

const table = () => screen.getByRole('table', { name: 'Users' });
const names = () => within(table()).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]?.textContent);
const header = (name: string) => within(table()).getByRole('columnheader', { name: new RegExp(`^${name}`) });
const dialog = (name: string) => screen.getByRole('dialog', { name });

describe('UsersTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('lists the users with their role, zone and local time, sortable by column', async () => {
    const fake = setup();
    await screen.findByText('Alex Admin');
    const row = within(table()).getAllByRole('row')[1];
    if (!row) throw new Error('no row');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent?.trim())).toEqual([
      'Alex Admin',
      'alex@acme.example',
      'Admin',
      'Europe/Zurich UTC+01:00',
      'Mon 10:41',
      'Edit Remove',
    ]);
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Local time').hasAttribute('aria-sort')).toBe(false);
    await fireEvent.click(within(header('Name')).getByRole('button'));
    await vi.waitFor(() => expect(names()).toEqual(['Bea User', 'Alex Admin']));
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');
    await fireEvent.click(within(header('Role')).getByRole('button'));
    await vi.waitFor(() => expect(header('Role').getAttribute('aria-sort')).toBe('ascending'));
    expect(fake.list.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'role', desc: false });
  });

  it('offers the first user as an Admin from the empty state', async () => {
    setup([]);
    await screen.findByText('No users yet');
    await fireEvent.click(screen.getByRole('button', { name: 'Add the first user' }));
    const d = dialog('Add user');
    expect((within(d).getByRole('combobox', { name: 'Role' }) as HTMLSelectElement).value).toBe(Role.Admin);
  });

  it('adds a user, and shows a duplicate email under the field', async () => {
    const fake = setup();
    await screen.findByText('Alex Admin');
    await fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const d = dialog('Add user');
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Name' }), { target: { value: 'Cy' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Email' }), { target: { value: 'ALEX@acme.example' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add user' }));
    expect(await within(d).findByText('Another user of this sub-account has this email.')).toBeTruthy();
    expect(toasts.items).toEqual([]);
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Email' }), { target: { value: 'cy@acme.example' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add user' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.create).toHaveBeenLastCalledWith({ subAccountId: 7, name: 'Cy', email: 'cy@acme.example', role: Role.User, timeZone: 'Europe/Berlin' });
    await vi.waitFor(() => expect(names()).toEqual(['Alex Admin', 'Bea User', 'Cy']));
  });

  it('updates a role with "Update User", sending no email', async () => {
    const fake = setup();
    await screen.findByText('Bea User');
    await fireEvent.click(screen.getByRole('button', { name: 'Edit Bea User' }));
    const d = dialog('Edit user');
    expect((within(d).getByRole('textbox', { name: 'Email' }) as HTMLInputElement).readOnly).toBe(true);
    await fireEvent.change(within(d).getByRole('combobox', { name: 'Role' }), { target: { value: Role.Admin } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Update User' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.update).toHaveBeenCalledWith(2, { name: 'Bea User', role: Role.Admin, timeZone: 'Europe/Zurich' });
    await vi.waitFor(() => expect(within(table()).getAllByText('Admin')).toHaveLength(2));
  });

  it('asks before removing, naming the user, and shows the last-Admin refusal', async () => {
    const fake = setup();
    await screen.findByText('Alex Admin');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Alex Admin' }));
    const d = dialog('Remove user?');
    expect(within(d).getByText('This removes Alex Admin (alex@acme.example) from Acme. This cannot be undone.')).toBeTruthy();
    await fireEvent.click(within(d).getByRole('button', { name: 'Remove user' }));
    expect((await within(d).findByRole('alert')).textContent).toMatch(/at least one Admin/);
    await fireEvent.click(within(d).getByRole('button', { name: 'Cancel' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Bea User' }));
    await fireEvent.click(within(dialog('Remove user?')).getByRole('button', { name: 'Remove user' }));
    await vi.waitFor(() => expect(names()).toEqual(['Alex Admin']));
    expect(fake.remove).toHaveBeenLastCalledWith(2);
  });

  it('replaces an email from the edit dialog', async () => {
    const fake = setup();
    await screen.findByText('Bea User');
    await fireEvent.click(screen.getByRole('button', { name: 'Edit Bea User' }));
    await fireEvent.click(within(dialog('Edit user')).getByRole('button', { name: 'Replace email' }));
    const d = dialog('Replace email');
    await fireEvent.input(within(d).getByRole('textbox', { name: 'New email' }), { target: { value: 'alex@acme.example' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Replace email' }));
    expect(await within(d).findByText('Another user of this sub-account has this email.')).toBeTruthy();
    await fireEvent.input(within(d).getByRole('textbox', { name: 'New email' }), { target: { value: 'bea@new.example' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Replace email' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.replaceEmail).toHaveBeenLastCalledWith(2, 'bea@new.example');
    await screen.findByText('bea@new.example');
  });

  it('searches by name or email, and says when nothing matches', async () => {
    const fake = setup();
    await screen.findByText('Alex Admin');
    await fireEvent.input(screen.getByRole('textbox', { name: 'Search users' }), { target: { value: 'zzz' } });
    expect(await screen.findByText('No users match')).toBeTruthy();
    expect(fake.list.mock.calls.at(-1)?.[0]).toMatchObject({ search: 'zzz', offset: 0 });
    await fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    await screen.findByText('Alex Admin');
  });
});
