import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { AppError, Role, type User } from '../../../api';
import type { UserFormValues } from '../../../stores/users.svelte';
import { searchZones, user } from './testing';
import UserDialog from './UserDialog.svelte';

function setup(props: { user?: User | null; onsubmit?: (v: UserFormValues) => Promise<AppError | null>; defaultRole?: Role } = {}) {
  const onsubmit = vi.fn(props.onsubmit ?? ((_v: UserFormValues) => Promise.resolve(null)));
  const onclose = vi.fn();
  const onreplaceemail = vi.fn();
  render(UserDialog, {
    user: props.user ?? null,
    defaultRole: props.defaultRole ?? Role.User,
    defaultTimeZone: 'Europe/Berlin',
    timeZones: searchZones,
    onsubmit,
    onreplaceemail,
    onclose,
  });
  return { onsubmit, onclose, onreplaceemail };
}

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const role = () => screen.getByRole('combobox', { name: 'Role' }) as HTMLSelectElement;
const zone = () => screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement;

async function pickZone(typed: string, name: string) {
  await fireEvent.input(zone(), { target: { value: typed } });
  const option = await screen.findByRole('option', { name: new RegExp(`^${name}`) });
  await fireEvent.click(option);
}

describe('UserDialog', () => {
  it('adds a user with a zone found by typing', async () => {
    const { onsubmit, onclose } = setup({ defaultRole: Role.Admin });
    expect(screen.getByRole('dialog', { name: 'Add user' })).toBeTruthy();
    expect(role().value).toBe(Role.Admin);
    expect(zone().value).toBe('Europe/Berlin');
    await fireEvent.input(field('Name'), { target: { value: 'Dana Lee' } });
    await fireEvent.input(field('Email'), { target: { value: ' Dana@ACME.example ' } });
    await fireEvent.change(role(), { target: { value: Role.User } });
    await pickZone('new york', 'America/New_York');
    await fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    // An email field drops the spaces around it; Go lower-cases the domain, not the form.
    expect(onsubmit).toHaveBeenCalledWith({ name: 'Dana Lee', email: 'Dana@ACME.example', role: Role.User, timeZone: 'America/New_York' });
  });

  it("shows Go's field errors under their fields and stays open", async () => {
    const refusal = new AppError('invalid', 'Check the fields.', {
      email: 'Another user of this sub-account has this email.',
      timeZone: 'Pick a time zone from the list.',
    });
    const { onclose } = setup({ onsubmit: () => Promise.resolve(refusal) });
    await fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const message = await screen.findByText('Another user of this sub-account has this email.');
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
    expect(field('Email').getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    expect(zone().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Pick a time zone from the list.')).toBeTruthy();
    expect(onclose).not.toHaveBeenCalled();
  });

  it('shows an error that names no field above the buttons', async () => {
    setup({ onsubmit: () => Promise.resolve(new AppError('not_found', 'That sub-account no longer exists.')) });
    await fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That sub-account no longer exists.');
  });

  it('edits a user with the email read-only, saying why, and saves with "Update User"', async () => {
    const u = user(3, { name: 'Sam', email: 'sam@acme.example', role: Role.User, timeZone: 'Europe/Zurich' });
    const { onsubmit, onclose } = setup({ user: u });
    expect(screen.getByRole('dialog', { name: 'Edit user' })).toBeTruthy();
    const email = field('Email');
    expect(email.readOnly).toBe(true);
    expect(email.value).toBe('sam@acme.example');
    const reason = document.getElementById(email.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent?.trim()).toBe(
      'An email cannot be changed once the user exists. Use “Replace email” to move the user to a new address.',
    );
    expect(screen.getByText('UTC+01:00, Mon 10:41 there now')).toBeTruthy();
    await fireEvent.change(role(), { target: { value: Role.Admin } });
    await fireEvent.click(screen.getByRole('button', { name: 'Update User' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(onsubmit).toHaveBeenCalledWith({ name: 'Sam', email: 'sam@acme.example', role: Role.Admin, timeZone: 'Europe/Zurich' });
  });

  it('hands over to "Replace email"', async () => {
    const { onreplaceemail, onclose } = setup({ user: user(3) });
    await fireEvent.click(screen.getByRole('button', { name: 'Replace email' }));
    expect(onreplaceemail).toHaveBeenCalled();
    expect(onclose).toHaveBeenCalled();
  });
});
