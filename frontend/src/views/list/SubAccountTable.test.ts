import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubAccount } from '../../api';
import { clock } from '../../stores/clock.svelte';
import SubAccountTable from './SubAccountTable.svelte';

function account(id: number, over: Partial<SubAccount> = {}): SubAccount {
  return {
    id,
    name: `Account ${id}`,
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

function setup(items: SubAccount[], picked: number[] = []) {
  const onsort = vi.fn();
  const onopen = vi.fn();
  const onaccess = vi.fn();
  const onselect = vi.fn();
  const onselectpage = vi.fn();
  const pageState = picked.length === 0 ? 'none' : picked.length === items.length ? 'all' : 'some';
  render(SubAccountTable, {
    items,
    sort: { sort: 'name', desc: false },
    busy: false,
    onsort,
    onopen,
    onaccess,
    selected: (id: number) => picked.includes(id),
    pageState,
    onselect,
    onselectpage,
  });
  return { onsort, onopen, onaccess, onselect, onselectpage };
}

const table = () => screen.getByRole('table', { name: 'Sub-accounts' });
/** The cell of a column (by its header's text) in the row of a sub-account. */
function cell(name: string, column: string): HTMLElement {
  const headers = within(table()).getAllByRole('columnheader');
  const col = headers.findIndex((h) => h.textContent?.trim().startsWith(column));
  const row = within(table()).getByRole('button', { name }).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return within(row as HTMLElement).getAllByRole('cell')[col]!;
}
/** The "Minutes left" cell of the row of a sub-account. */
const minutesCell = (name: string) => cell(name, 'Minutes left');
const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ').trim();

describe('SubAccountTable minutes left', () => {
  it('has a sortable "Minutes left" column after "Last call"', async () => {
    const { onsort } = setup([account(1)]);
    const headers = within(table()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers.slice(-3, -1)).toEqual(['Last call', 'Minutes left']);
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

describe('SubAccountTable Access Account and last login', () => {
  const NOW = Date.parse('2026-01-15T12:00:00Z');
  beforeEach(() => {
    clock.now = NOW;
  });

  it('has an "Access Account" button on each row, named for its sub-account, that does not open the row', async () => {
    const a = account(1, { name: 'Acme Dental' });
    const { onaccess, onopen } = setup([a, account(2, { name: 'Birch Law' })]);
    const buttons = within(table()).getAllByRole('button', { name: /^Access Account: / });
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Access Account: Acme Dental', 'Access Account: Birch Law']);
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Access Account', 'Access Account']);
    await fireEvent.click(screen.getByRole('button', { name: 'Access Account: Acme Dental' }));
    expect(onaccess).toHaveBeenCalledExactlyOnceWith(a);
    expect(onopen).not.toHaveBeenCalled();
    // The name stays the first text cell's only text (the row's name as tests and people read it).
    expect(text(within(table()).getAllByRole('row')[1]!.querySelector('td:not(.pick)')!)).toBe('Acme Dental');
  });

  it('says who signed in through Access Account in Last login', () => {
    setup([
      account(1, { lastLoginAt: '2026-01-15T09:00:00Z', lastLoginVia: 'dana' }),
      account(2, { lastLoginAt: '2026-01-15T09:00:00Z', lastLoginVia: '' }),
      account(3, { lastLoginAt: '' }),
    ]);
    expect(text(cell('Account 1', 'Last login'))).toBe('3 hours ago · dana via Access Account');
    expect(text(cell('Account 2', 'Last login'))).toBe('3 hours ago');
    expect(text(cell('Account 3', 'Last login'))).toBe('never');
  });
});

describe('SubAccountTable selection', () => {
  it('has a checkbox per row named for it, and one for the page', async () => {
    const { onselect, onselectpage, onopen } = setup([account(1), account(2), account(3)], [2]);
    const page = screen.getByRole('checkbox', { name: 'Select this page' }) as HTMLInputElement;
    expect(page.indeterminate).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Select Account 2' }) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Select Account 3' }), { shiftKey: true });
    expect(onselect).toHaveBeenCalledWith(3, true);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Select Account 1' }));
    expect(onselect).toHaveBeenLastCalledWith(1, false);
    expect(onopen).not.toHaveBeenCalled();
    await fireEvent.click(page);
    expect(onselectpage).toHaveBeenCalled();
  });
});
