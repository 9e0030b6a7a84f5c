import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../../stores/toasts.svelte';
import LicenseTab from './LicenseTab.svelte';
import type { ExportResult, LedgerQuery, LicenseView } from '../../../api';
import { fakeLicense, grantRow, ledgerLine, licenseView, statement, type FakeLicenseOptions } from './testing';

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

/** A licensed sub-account whose view Go answers with `over`; ledger and statements from options. */
function setupLicensed(over: Partial<LicenseView> = {}, options: FakeLicenseOptions = {}) {
  const fake = fakeLicense([grantRow(1, { validUntil: '2026-12-31T22:59:00Z', freeMinutes: 500 })], options);
  const get = vi.fn(() =>
    Promise.resolve(
      licenseView({
        licensed: true,
        validUntil: '2026-12-31T22:59:00Z',
        timeZone: 'Europe/Berlin',
        freePerCycle: 500,
        freeLeft: 312,
        addOnLeft: 1200,
        minutesLeft: 1512,
        state: 'ok',
        cycleFrom: '2026-10-09T22:00:00Z',
        cycleUntil: '2026-11-09T23:00:00Z',
        ...over,
      }),
    ),
  );
  render(LicenseTab, { subAccountId: 7, subAccountName: 'Acme', deps: { ...fake.deps, get } });
  return fake;
}

const ledgerTable = () => screen.findByRole('table', { name: 'Minute ledger' });
const statementsTable = () => screen.findByRole('table', { name: 'Cycle statements' });
const bodyRows = (t: HTMLElement) => within(t).getAllByRole('row').slice(1);
const cellTexts = (r: HTMLElement) => within(r).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('LicenseTab minutes', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('says when the free minutes left expire, in the customer\'s time, only when Go says they do', async () => {
    setupLicensed({ freeExpiresAt: '2026-11-09T22:59:59Z' });
    expect(await screen.findByText("312 free minutes expire Nov 9, 2026, 23:59 (customer's time)")).toBeTruthy();
    expect(figure('Free minutes left this cycle')).toBe('312 min of 500 min');
  });

  it('says nothing of expiry without freeExpiresAt', async () => {
    setupLicensed({ freeExpiresAt: '' });
    await screen.findByText('Valid until', { selector: 'dt' });
    expect(screen.queryByText(/free minutes? expires?/)).toBeNull();
  });

  it.each([
    [120, "Under a tenth of this cycle's minutes left"],
    [0, 'No minutes left'],
  ])('warns on the minute figures when Go says they are low (%i left)', async (minutesLeft, text) => {
    setupLicensed({ state: 'low', minutesLeft, freeLeft: minutesLeft, addOnLeft: 0 });
    const warning = await screen.findByRole('status');
    expect(warning.textContent?.trim()).toBe(text);
    expect(screen.getByText('Free minutes left this cycle', { selector: 'dt' }).parentElement?.classList.contains('soon')).toBe(true);
  });

  it('shows no low warning while the minutes are fine', async () => {
    setupLicensed({ state: 'ok' });
    await screen.findByText('Valid until', { selector: 'dt' });
    expect(screen.queryByText("Under a tenth of this cycle's minutes left")).toBeNull();
    expect(screen.queryByText('No minutes left')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("also shows the cycle in the admin's own zone when it reads differently there", async () => {
    setupLicensed({}, { localTimeZone: 'America/New_York' });
    await screen.findByText('This cycle', { selector: 'dt' });
    expect(figure('This cycle')).toBe('Oct 10, 2026, 00:00 – Nov 9, 2026, 23:59 Your time: Oct 9, 2026, 18:00 – Nov 9, 2026, 17:59');
  });

  it('shows the cycle once when both zones read the same', async () => {
    setupLicensed({}, { localTimeZone: 'Europe/Paris' });
    await screen.findByText('This cycle', { selector: 'dt' });
    expect(figure('This cycle')).toBe('Oct 10, 2026, 00:00 – Nov 9, 2026, 23:59');
  });
});

describe('LicenseTab ledger', () => {
  it('lists where the minutes went, newest first, signed, with the balance split in its tooltip', async () => {
    setupLicensed({}, {
      lines: [
        ledgerLine(2, { at: '2026-10-12T08:30:00Z', minutes: -37, text: '12 calls used 37 minutes', freeBalance: 463, addOnBalance: 1200, balance: 1663 }),
        ledgerLine(1, { at: '2026-10-09T22:00:00Z', kind: 'grant_free', minutes: 500, text: '500 free minutes for cycle 1', remarks: 'Year one', freeBalance: 500, addOnBalance: 1200, balance: 1700 }),
      ],
    });
    const t = await ledgerTable();
    expect(screen.getByRole('heading', { level: 3, name: 'Where the minutes went' })).toBeTruthy();
    expect(within(t).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Date', 'Entry', 'Minutes', 'Balance']);
    const rows = bodyRows(t);
    expect(rows.map(cellTexts)).toEqual([
      ['Oct 12, 2026, 10:30', '12 calls used 37 minutes', '\u221237', '1,663'],
      ['Oct 10, 2026, 00:00', '500 free minutes for cycle 1 Year one', '+500', '1,700'],
    ]);
    expect(within(rows[1]!).getByText('Year one').classList.contains('muted')).toBe(true);
    expect(within(rows[0]!).getByText('1,663').getAttribute('title')).toBe('free 463 + add-on 1,200');
  });

  it('pages the ledger 25 lines at a time', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ledgerLine(30 - i));
    const fake = setupLicensed({}, { lines });
    const t = await ledgerTable();
    expect(bodyRows(t)).toHaveLength(25);
    expect(fake.ledger).toHaveBeenLastCalledWith({ subAccountId: 7, offset: 0, limit: 25 });
    const pager = within(t.parentElement!);
    expect(pager.getByText('1–25 of 30')).toBeTruthy();
    await fireEvent.click(pager.getByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(pager.getByText('26–30 of 30')).toBeTruthy());
    expect(bodyRows(t).map((r) => cellTexts(r)[1])).toEqual(['entry 5', 'entry 4', 'entry 3', 'entry 2', 'entry 1']);
    expect(fake.ledger).toHaveBeenLastCalledWith({ subAccountId: 7, offset: 25, limit: 25 });
  });

  it('says when there is nothing in the ledger yet', async () => {
    setupLicensed();
    expect(await screen.findByText('No ledger entries yet.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Minute ledger' })).toBeNull();
  });

  it('says when the ledger could not load, and retries', async () => {
    const fake = fakeLicense([], { lines: [ledgerLine(1, { text: 'back again' })] });
    let fail = true;
    const ledger = vi.fn((q: LedgerQuery) => (fail ? Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) : fake.deps.ledger(q)));
    render(LicenseTab, { subAccountId: 7, subAccountName: 'Acme', deps: { ...fake.deps, get: () => Promise.resolve(licenseView({ licensed: true })), ledger } });
    const alert = await screen.findByText('Could not load the minute ledger: The database is busy.');
    fail = false;
    await fireEvent.click(within(alert.parentElement!).getByRole('button', { name: 'Retry' }));
    const t = await ledgerTable();
    expect(bodyRows(t).map((r) => cellTexts(r)[1])).toEqual(['back again']);
    expect(screen.queryByText(/Could not load the minute ledger/)).toBeNull();
  });
});

describe('LicenseTab statements', () => {
  afterEach(() => {
    toasts.items = [];
  });

  const twoCycles = [
    statement(2, { from: '2026-10-09T22:00:00Z', until: '2026-11-09T23:00:00Z', openingAddOn: 1200, grantedFree: 500, used: 188, closingFree: 312, closingAddOn: 1200 }),
    statement(1, {
      closed: true,
      from: '2026-09-09T22:00:00Z',
      until: '2026-10-09T22:00:00Z',
      grantedFree: 500,
      grantedAddOn: 1500,
      used: 420,
      usedLate: 4,
      expired: 80,
      closingAddOn: 1200,
    }),
  ];

  it('lists the cycles, newest first, the open one marked', async () => {
    setupLicensed({}, { statements: twoCycles });
    const t = await statementsTable();
    expect(screen.getByRole('heading', { level: 3, name: 'Statements' })).toBeTruthy();
    expect(
      within(t)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.trim()),
    ).toEqual(['Cycle', 'Opening', 'Granted', 'Used', 'Used late', 'Expired', 'Closing', 'Export']);
    expect(bodyRows(t).map(cellTexts)).toEqual([
      ['Cycle 2 open Oct 10, 2026 – Nov 9, 2026', '0 free + 1,200 add-on', '500 free + 0 add-on', '188', '0', '0', '312 free + 1,200 add-on', 'Export CSV'],
      ['Cycle 1 Sep 10, 2026 – Oct 9, 2026', '0 free + 0 add-on', '500 free + 1,500 add-on', '420', '4', '80', '0 free + 1,200 add-on', 'Export CSV'],
    ]);
  });

  it('exports the cycle whose button was pressed, and toasts where it went', async () => {
    const fake = setupLicensed({}, { statements: twoCycles });
    await statementsTable();
    await fireEvent.click(screen.getByRole('button', { name: 'Export statement for cycle 1' }));
    expect(fake.exportStatement).toHaveBeenCalledWith(7, 1);
    await vi.waitFor(() => expect(toasts.items.map((t) => t.message)).toEqual(['Exported the statement for cycle 1 to /home/dana/cycle-1.csv']));
  });

  it('disables the button of a cycle while it exports', async () => {
    const fake = setupLicensed({}, { statements: twoCycles });
    let finish = (_r: ExportResult) => {};
    fake.exportStatement.mockImplementationOnce(() => new Promise<ExportResult>((resolve) => (finish = resolve)));
    await statementsTable();
    const button = screen.getByRole('button', { name: 'Export statement for cycle 2' });
    await fireEvent.click(button);
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    expect((screen.getByRole('button', { name: 'Export statement for cycle 1' }) as HTMLButtonElement).disabled).toBe(false);
    finish({ path: '', rows: 0, cancelled: true });
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(toasts.items).toEqual([]);
    expect(fake.exportStatement).toHaveBeenCalledTimes(1);
  });

  it('reads the ledger and the statements again after "Add to license"', async () => {
    const fake = setup();
    await fireEvent.click(await screen.findByRole('button', { name: 'Add to license' }));
    const d = dialog();
    await fireEvent.input(within(d).getByLabelText('New validity date'), { target: { value: '2026-12-31' } });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Free minutes per cycle to add' }), { target: { value: '500' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Add to license' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const ledger = await ledgerTable();
    expect(bodyRows(ledger).map((r) => cellTexts(r)[1])).toEqual(['500 free minutes per cycle added', 'Valid until extended']);
    const statements = await statementsTable();
    expect(bodyRows(statements).map((r) => cellTexts(r)[0])).toEqual(['Cycle 1 open Jan 11, 2026 – Feb 10, 2026']);
    expect(fake.ledger).toHaveBeenCalledTimes(2);
    expect(fake.listStatements).toHaveBeenCalledTimes(2);
  });
});
