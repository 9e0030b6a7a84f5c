import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SubAccount } from '../../api';
import SubAccountTable from './SubAccountTable.svelte';

function account(id: number, over: Partial<SubAccount> = {}): SubAccount {
  return {
    id,
    name: `Account ${id}`,
    status: 'active',
    provider: '',
    providerName: '',
    lastLoginAt: '',
    lastCallAt: '',
    createdAt: '2025-11-28T00:00:00Z',
    minutesLeft: null,
    licenseState: '',
    ...over,
  };
}

function setup(items: SubAccount[]) {
  const onsort = vi.fn();
  render(SubAccountTable, { items, sort: { sort: 'name', desc: false }, busy: false, onsort, onopen: vi.fn() });
  return { onsort };
}

const table = () => screen.getByRole('table', { name: 'Sub-accounts' });
/** The "Minutes left" cell of the row of a sub-account. */
function minutesCell(name: string): HTMLElement {
  const headers = within(table()).getAllByRole('columnheader');
  const col = headers.findIndex((h) => h.textContent?.trim().startsWith('Minutes left'));
  const row = within(table()).getByRole('button', { name }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row as HTMLElement).getAllByRole('cell')[col]!;
}

describe('SubAccountTable minutes left', () => {
  it('has a sortable "Minutes left" column after "Last call"', async () => {
    const { onsort } = setup([account(1)]);
    const headers = within(table()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers.slice(-2)).toEqual(['Last call', 'Minutes left']);
    const header = within(table()).getByRole('columnheader', { name: /^Minutes left/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await fireEvent.click(within(header).getByRole('button'));
    expect(onsort).toHaveBeenCalledWith('minutesLeft');
  });

  it('shows a muted dash for a sub-account without a license', () => {
    setup([account(1, { minutesLeft: null }), account(2, { minutesLeft: undefined })]);
    for (const name of ['Account 1', 'Account 2']) {
      const dash = within(minutesCell(name)).getByText('—');
      expect(dash.getAttribute('title')).toBe('No license');
      expect(dash.classList.contains('muted')).toBe(true);
    }
  });

  it.each([
    ['ok', ''],
    ['low', 'Low'],
    ['expiring', 'Expiring soon'],
    ['expired', 'Expired'],
  ] as const)('shows the minutes of a license that is %s with its badge', (licenseState, badge) => {
    setup([account(1, { minutesLeft: 12345, licenseState })]);
    const cell = minutesCell('Account 1');
    expect(within(cell).getByText('12,345')).toBeTruthy();
    expect(cell.textContent?.replace(/\s+/g, ' ').trim()).toBe(badge ? `${badge} 12,345` : '12,345');
  });

  it('shows none left as 0, not as no license', () => {
    setup([account(1, { minutesLeft: 0, licenseState: 'low' })]);
    const cell = minutesCell('Account 1');
    expect(cell.textContent?.replace(/\s+/g, ' ').trim()).toBe('Low 0');
    expect(within(cell).queryByTitle('No license')).toBeNull();
  });

  it('tells a warning badge from a danger one', () => {
    setup([account(1, { minutesLeft: 5, licenseState: 'expiring' }), account(2, { minutesLeft: 5, licenseState: 'expired' })]);
    expect(within(minutesCell('Account 1')).getByText('Expiring soon').classList.contains('danger')).toBe(false);
    expect(within(minutesCell('Account 2')).getByText('Expired').classList.contains('danger')).toBe(true);
  });
});
