import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../../stores/toasts.svelte';
import LicenseTab from './LicenseTab.svelte';
import { fakeLicense, grantRow, licenseView } from './testing';

function setup(initial: ReturnType<typeof grantRow>[] = [], over = {}) {
  const fake = fakeLicense(initial);
  const deps = Object.keys(over).length > 0 ? { ...fake.deps, get: () => Promise.resolve(licenseView(over)) } : fake.deps;
  render(LicenseTab, { subAccountId: 7, subAccountName: 'Acme', deps });
  return fake;
}

const dialog = () => screen.getByRole('dialog', { name: 'Add to license' });
const historyTable = () => screen.getByRole('table', { name: 'License history' });
const header = (name: string) => within(historyTable()).getByRole('columnheader', { name: new RegExp(`^${name}`) });
const remarks = () => within(historyTable()).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[5]?.textContent);
const figure = (term: string) => screen.getByText(term, { selector: 'dt' }).parentElement?.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim();

describe('LicenseTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('offers "Add to license" to an unlicensed sub-account', async () => {
    setup();
    await screen.findByText('No license yet');
    await fireEvent.click(screen.getByRole('button', { name: 'Add to license' }));
    expect(within(dialog()).getByLabelText('New validity date')).toBeTruthy();
    expect(within(dialog()).getByRole('textbox', { name: 'Free minutes per cycle to add' })).toBeTruthy();
    expect(within(dialog()).getByRole('textbox', { name: 'Add-on minutes to add' })).toBeTruthy();
    expect(within(dialog()).getByRole('textbox', { name: 'Internal remarks' })).toBeTruthy();
  });

  it("shows Go's figures in the license's zone", async () => {
    setup([], {
      licensed: true,
      validUntil: '2026-10-31T22:59:00Z',
      timeZone: 'Europe/Berlin',
      freePerCycle: 500,
      freeLeft: 312,
      addOnLeft: 1200,
      usedThisCycle: 188,
      cycleFrom: '2026-10-09T22:00:00Z',
      cycleUntil: '2026-11-09T23:00:00Z',
      forecast: '2027-02-03T10:00:00Z',
    });
    await screen.findByText('Valid until', { selector: 'dt' });
    expect(figure('Valid until')).toBe('Oct 31, 2026, 23:59');
    expect(figure('Free minutes left this cycle')).toBe('312 min of 500 min');
    expect(figure('Add-on minutes left')).toBe('1,200 min');
    expect(figure('Minutes used this cycle')).toBe('188 min');
    expect(figure('This cycle')).toBe('Oct 10, 2026, 00:00 – Nov 9, 2026, 23:59');
    expect(figure('Forecast')).toBe("Minutes run out Feb 3, 2027 at the last 30 days' rate");
  });

  it.each([
    [{ expired: true }, 'Expired'],
    [{ expiringSoon: true }, 'Expires soon'],
  ])('marks the validity %o as "%s"', async (state, text) => {
    setup([], { licensed: true, validUntil: '2026-10-31T22:59:00Z', ...state });
    await screen.findByText('Valid until', { selector: 'dt' });
    expect(figure('Valid until')).toBe(`Oct 31, 2026, 22:59 ${text}`);
  });

  it("adds to the license twice, and shows Go's refusal of an earlier validity under the field", async () => {
    const fake = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Add to license' }));
    let d = dialog();
    await fireEvent.input(within(d).getByLabelText('New validity date'), { target: { value: '2026-12-31' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Free minutes per cycle to add' }), { target: { value: '500' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Internal remarks' }), { target: { value: 'Year one' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.add).toHaveBeenLastCalledWith(7, { validUntil: '2026-12-31', freeMinutes: 500, addOnMinutes: 0, remarks: 'Year one' });
    await vi.waitFor(() => expect(remarks()).toEqual(['Year one']));

    await fireEvent.click(screen.getByRole('button', { name: 'Add to license' }));
    d = dialog();
    const date = within(d).getByLabelText('New validity date');
    await fireEvent.input(date, { target: { value: '2026-06-30' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    const msg = await within(d).findByText('The new validity must be later than the current one.');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(date.getAttribute('aria-describedby')?.split(' ')).toContain(msg.id);
    expect(toasts.items.map((t) => t.kind)).toEqual(['success']);

    await fireEvent.input(date, { target: { value: '' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Add-on minutes to add' }), { target: { value: '1000' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Internal remarks' }), { target: { value: 'Top-up' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await vi.waitFor(() => expect(remarks()).toEqual(['Top-up', 'Year one']));
    expect(figure('Add-on minutes left')).toBe('1,000 min');
  });

  it('says when nothing was added, and refuses an amount that is not a whole number', async () => {
    const fake = setup([grantRow(1, { addOnMinutes: 10 })]);
    await fireEvent.click(await screen.findByRole('button', { name: 'Add to license' }));
    const d = dialog();
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    expect((await within(d).findByRole('alert')).textContent).toBe('Add at least one thing.');
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Add-on minutes to add' }), { target: { value: '1.5' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    expect(await within(d).findByText('Enter a whole number of minutes.')).toBeTruthy();
    expect(fake.add).toHaveBeenCalledTimes(1);
  });

  it('sorts the history by a column header, both ways', async () => {
    const fake = setup([grantRow(1, { remarks: 'small', freeMinutes: 10 }), grantRow(2, { remarks: 'big', freeMinutes: 900 }), grantRow(3, { remarks: 'mid', freeMinutes: 300 })]);
    await vi.waitFor(() => expect(remarks()).toEqual(['mid', 'big', 'small']));
    expect(header('Date').getAttribute('aria-sort')).toBe('descending');
    await fireEvent.click(within(header('Free minutes per cycle')).getByRole('button'));
    await vi.waitFor(() => expect(remarks()).toEqual(['small', 'mid', 'big']));
    expect(header('Free minutes per cycle').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Date').getAttribute('aria-sort')).toBe('none');
    await fireEvent.click(within(header('Free minutes per cycle')).getByRole('button'));
    await vi.waitFor(() => expect(remarks()).toEqual(['big', 'mid', 'small']));
    expect(header('Free minutes per cycle').getAttribute('aria-sort')).toBe('descending');
    expect(fake.history.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'freeMinutes', desc: true, offset: 0 });
  });
});
