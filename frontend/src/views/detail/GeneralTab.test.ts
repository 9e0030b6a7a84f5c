import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubAccount } from '../../api';
import { clock } from '../../stores/clock.svelte';
import { SubAccountDetailStore } from '../../stores/detail.svelte';
import GeneralTab from './GeneralTab.svelte';

function account(over: Partial<SubAccount> = {}): SubAccount {
  return {
    id: 7,
    name: 'Acme Dental',
    status: 'active',
    provider: '',
    providerName: '',
    lastLoginAt: '',
    lastLoginVia: '',
    customerLoginAt: '',
    lastCallAt: '',
    createdAt: '2025-11-28T00:00:00Z',
    minutesLeft: null,
    licenseState: '',
    ...over,
  };
}

async function setup(a: SubAccount) {
  const detail = new SubAccountDetailStore(7, { get: () => Promise.resolve(a) });
  await detail.load();
  render(GeneralTab, { detail, ondeleted: vi.fn() });
}

/** The text of a sign-in line by its term. */
function signIn(term: string): string | undefined {
  const section = screen.getByRole('region', { name: 'Sign-ins' });
  const dt = within(section).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim();
}

describe('GeneralTab sign-ins', () => {
  beforeEach(() => {
    clock.now = Date.parse('2026-01-15T12:00:00Z');
  });

  it("tells an admin's visit through Access Account from the customer's own sign-in", async () => {
    await setup(account({ lastLoginAt: '2026-01-15T09:00:00Z', lastLoginVia: 'dana', customerLoginAt: '2026-01-12T12:00:00Z' }));
    expect(signIn('Last login')).toBe('3 hours ago · dana via Access Account');
    expect(signIn("Customer's own last sign-in")).toBe('3 days ago');
  });

  it('says "none known" when the customer never signed in themselves', async () => {
    await setup(account({ lastLoginAt: '2026-01-15T09:00:00Z', lastLoginVia: 'dana' }));
    expect(signIn("Customer's own last sign-in")).toBe('none known');
  });
});
