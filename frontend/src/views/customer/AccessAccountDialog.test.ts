import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Role, type SubAccount } from '../../api';
import { toasts } from '../../stores/toasts.svelte';
import { user } from '../detail/users/testing';
import AccessAccountDialog from './AccessAccountDialog.svelte';
import { fakeAccess } from './testing';

const ACME: Pick<SubAccount, 'id' | 'name' | 'status'> = { id: 7, name: 'Acme Dental', status: 'active' };
const USERS = [
  user(1, { name: 'Sam Roe', email: 'sam@acme.example', role: Role.User }),
  user(2, { name: 'Dana Lee', email: 'dana@acme.example', role: Role.Admin }),
  user(3, { name: 'Kim Admin', email: 'kim@acme.example', role: Role.Admin }),
];

function setup(users = USERS, account = ACME) {
  const fake = fakeAccess({ users });
  const onopened = vi.fn();
  const onclose = vi.fn();
  render(AccessAccountDialog, { account, onopened, onclose, deps: fake.deps });
  return { ...fake, onopened, onclose };
}

const dialog = () => screen.getByRole('dialog', { name: 'Access Account' });
const signInAs = () => within(dialog()).getByRole('combobox', { name: 'Sign in as' }) as HTMLSelectElement;

describe('AccessAccountDialog', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it("lists the sub-account's users with the first Admin chosen, and opens as the one picked with a reason", async () => {
    const fake = setup();
    await within(dialog()).findByRole('combobox', { name: 'Sign in as' });
    expect(fake.deps.users).toHaveBeenCalledWith(expect.objectContaining({ subAccountId: 7, sort: 'created', desc: false }));
    expect(within(signInAs()).getAllByRole('option').map((o) => o.textContent?.trim())).toEqual([
      'Sam Roe (sam@acme.example) · User',
      'Dana Lee (dana@acme.example) · Admin',
      'Kim Admin (kim@acme.example) · Admin',
    ]);
    expect(signInAs().selectedOptions[0]?.textContent).toContain('Dana Lee');
    expect(within(dialog()).queryByRole('note')).toBeNull();

    await fireEvent.change(signInAs(), { target: { value: '3' } });
    await fireEvent.input(within(dialog()).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Ticket 4411' } });
    expect(within(dialog()).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await fireEvent.click(within(dialog()).getByRole('button', { name: 'Open account' }));

    await vi.waitFor(() => expect(fake.onopened).toHaveBeenCalledOnce());
    expect(fake.deps.open).toHaveBeenCalledWith({ subAccountId: 7, userId: 3, reason: 'Ticket 4411' });
    expect(fake.onopened.mock.calls[0]?.[0]).toMatchObject({ userName: 'Kim Admin', userEmail: 'kim@acme.example', readOnly: true });
    expect(fake.onclose).toHaveBeenCalledOnce();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when the sub-account has no users, and offers no Open button', async () => {
    const fake = setup([]);
    expect(await within(dialog()).findByText(/has no users yet/)).toBeTruthy();
    expect(within(dialog()).queryByRole('combobox', { name: 'Sign in as' })).toBeNull();
    expect(within(dialog()).queryByRole('button', { name: 'Open account' })).toBeNull();
    await fireEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    expect(fake.onclose).toHaveBeenCalledOnce();
    expect(fake.onopened).not.toHaveBeenCalled();
    expect(fake.deps.open).not.toHaveBeenCalled();
  });

  it('notes that an inactive sub-account\'s users cannot sign in, and still opens it', async () => {
    const fake = setup(USERS, { ...ACME, status: 'inactive' });
    expect(within(dialog()).getByRole('note').textContent).toContain('Acme Dental is inactive: its users cannot sign in. You can still open it.');
    await within(dialog()).findByRole('combobox', { name: 'Sign in as' });
    await fireEvent.click(within(dialog()).getByRole('button', { name: 'Open account' }));
    await vi.waitFor(() => expect(fake.onopened).toHaveBeenCalledOnce());
    expect(fake.deps.open).toHaveBeenCalledWith({ subAccountId: 7, userId: 2, reason: '' });
  });

  it("shows Go's refusal of the reason under the field and stays open", async () => {
    const fake = setup();
    await within(dialog()).findByRole('combobox', { name: 'Sign in as' });
    const reason = within(dialog()).getByRole('textbox', { name: 'Reason' });
    await fireEvent.input(reason, { target: { value: 'x'.repeat(501) } });
    await fireEvent.click(within(dialog()).getByRole('button', { name: 'Open account' }));
    expect(await within(dialog()).findByText('Reason must be at most 500 characters.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(fake.onopened).not.toHaveBeenCalled();
    expect(toasts.items).toEqual([]);
  });
});
