import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Call, CallPage, CallQuery, ExportProgress, ExportResult } from '../../../api';
import type { CallsDeps } from '../../../stores/calls.svelte';
import { toasts } from '../../../stores/toasts.svelte';
import CallsTab from './CallsTab.svelte';

function call(id: number, over: Partial<Call> = {}): Call {
  return {
    id,
    provider: 'vapi',
    providerName: 'Vapi',
    providerCallId: `c${id}`,
    parentCallId: '',
    agentId: 'asst_5c1d2e',
    direction: 'in',
    status: 'completed',
    statusLabel: 'Completed',
    statusRaw: 'ended',
    from: '+15550001111',
    to: '+15550002222',
    startedAt: '2026-01-15T10:00:00Z',
    endedAt: '2026-01-15T10:01:05Z',
    durationSec: 65,
    costMicros: 250000,
    currency: 'USD',
    cost: '0.25',
    exponent: 2,
    costNote: '',
    ...over,
  };
}

function page(items: Call[], over: Partial<CallPage> = {}): CallPage {
  return {
    items,
    total: items.length,
    totals: { count: items.length, minutes: items.length * 2, costs: [{ currency: 'USD', amountMinor: 1234, amount: '12.34', exponent: 2 }] },
    offset: 0,
    limit: 100,
    ...over,
  };
}

function setup(deps: Partial<CallsDeps>) {
  const list = vi.fn(deps.list ?? ((_q: CallQuery) => Promise.resolve(page([]))));
  render(CallsTab, { subAccountId: 7, subAccountName: 'Acme', deps: { ...deps, list } });
  return { list };
}

describe('CallsTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('shows the totals line from Go, and the calls with their old provider', async () => {
    const retell = call(2, {
      provider: 'retell',
      providerName: 'Retell AI',
      direction: 'out',
      costMicros: 0,
      cost: '',
      currency: '',
      costNote: 'Cost not available from Retell AI',
      durationSec: 5,
    });
    const totals = {
      count: 2,
      minutes: 3,
      costs: [
        { currency: 'EUR', amountMinor: 300, amount: '3.00', exponent: 2 },
        { currency: 'USD', amountMinor: 1234, amount: '12.34', exponent: 2 },
      ],
    };
    setup({ list: () => Promise.resolve(page([call(1), retell], { totals })) });
    const table = await screen.findByRole('table', { name: 'Calls' });
    expect(screen.getByText('2 calls · 3 minutes · €3.00 + $12.34')).toBeTruthy();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(rows[1]!);
    expect(first.getByText('Vapi')).toBeTruthy();
    expect(first.getByText('Inbound')).toBeTruthy();
    expect(first.getByText('1:05')).toBeTruthy();
    expect(first.getByText('$0.25')).toBeTruthy();
    const second = within(rows[2]!);
    expect(second.getByText('Retell AI')).toBeTruthy();
    expect(second.getByText('Outbound')).toBeTruthy();
    expect(second.getByText('0:05')).toBeTruthy();
    expect(second.getByTitle('Cost not available from Retell AI')).toBeTruthy();
  });

  it("shows Go's status word, with the provider's own word in its title", async () => {
    const twilio = call(3, {
      provider: 'twilio',
      providerName: 'Twilio',
      providerCallId: 'CA8f2c1e9a0b7d6c5e4f3a2b1c0d9e8f7a',
      status: 'no_answer',
      statusLabel: 'No answer',
      statusRaw: 'no-answer',
      durationSec: 0,
    });
    const bare = call(4, { status: 'unknown', statusLabel: 'Unknown', statusRaw: '' });
    setup({ list: () => Promise.resolve(page([twilio, bare])) });
    const table = await screen.findByRole('table', { name: 'Calls' });
    const [, first, second] = within(table).getAllByRole('row');
    const status = within(first!).getByText('No answer');
    expect(status.getAttribute('title')).toBe('No answer: Twilio says \u201Cno-answer\u201D');
    expect(within(first!).queryByText('no-answer')).toBeNull();
    // No word from the provider: the title is the status alone (the whole of a cut cell).
    expect(within(second!).getByText('Unknown').getAttribute('title')).toBe('Unknown');
  });

  it('marks a leg of another call with a badge naming its call', async () => {
    const parent = call(5, { provider: 'twilio', providerName: 'Twilio', providerCallId: 'CA11aa', direction: 'in' });
    const leg = call(6, { provider: 'twilio', providerName: 'Twilio', providerCallId: 'CA22bb', parentCallId: 'CA11aa', direction: 'out' });
    setup({ list: () => Promise.resolve(page([parent, leg])) });
    const table = await screen.findByRole('table', { name: 'Calls' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).queryByText('leg')).toBeNull();
    const badge = within(second!).getByText('leg');
    expect(badge.getAttribute('title')).toBe("A leg of call CA11aa: its cost counts, its minutes are the call's");
  });

  it("says why a cost is missing, in Go's words, when the call has no currency", async () => {
    const telnyx = call(7, {
      provider: 'telnyx',
      providerName: 'Telnyx',
      costMicros: 0,
      cost: '',
      currency: '',
      costNote: 'Cost not available from Telnyx',
    });
    setup({ list: () => Promise.resolve(page([call(1), telnyx])) });
    const table = await screen.findByRole('table', { name: 'Calls' });
    const [, priced, unpriced] = within(table).getAllByRole('row');
    const cells = within(unpriced!).getAllByRole('cell');
    const cost = cells.at(-1)!;
    expect(cost.textContent).toBe('—Cost not available from Telnyx');
    expect(within(cost).getByTitle('Cost not available from Telnyx')).toBeTruthy();
    expect(within(cost).getByText('Cost not available from Telnyx')).toBeTruthy();
    const pricedCost = within(priced!).getAllByRole('cell').at(-1)!;
    expect(pricedCost.textContent).toBe('$0.25');
    expect(pricedCost.querySelector('[title]')).toBeNull();
  });

  it('filters by status: the choice reloads the first page with it, and Clear filters resets it', async () => {
    const { list } = setup({ list: (q) => Promise.resolve(q.status === '' ? page([call(1)], { total: 250 }) : page([])) });
    await screen.findByRole('table', { name: 'Calls' });
    const menu = screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement;
    expect(menu.value).toBe('');
    expect(within(menu).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All statuses',
      'Completed',
      'No answer',
      'Busy',
      'Failed',
      'Canceled',
      'In progress',
      'Unknown',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(list.mock.lastCall?.[0]).toMatchObject({ status: '', offset: 100 }));
    await fireEvent.change(menu, { target: { value: 'busy' } });
    expect(await screen.findByText('No calls match')).toBeTruthy();
    expect(list.mock.lastCall?.[0]).toMatchObject({ status: 'busy', direction: '', offset: 0 });
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('table', { name: 'Calls' })).toBeTruthy();
    expect(list.mock.lastCall?.[0]).toMatchObject({ status: '', offset: 0 });
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('');
  });

  it('sorts by a header click and marks it with aria-sort', async () => {
    const { list } = setup({ list: () => Promise.resolve(page([call(1)])) });
    await screen.findByRole('table', { name: 'Calls' });
    const started = screen.getByRole('columnheader', { name: 'Started' });
    expect(started.getAttribute('aria-sort')).toBe('descending');
    await fireEvent.click(screen.getByRole('button', { name: 'Duration' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('columnheader', { name: 'Duration' }).getAttribute('aria-sort')).toBe('ascending'),
    );
    expect(screen.getByRole('columnheader', { name: 'Started' }).getAttribute('aria-sort')).toBe('none');
    expect(list.mock.lastCall?.[0]).toMatchObject({ sort: 'duration', desc: false });
  });

  it('says what to do when there are no calls yet', async () => {
    setup({});
    expect(await screen.findByText('No calls yet')).toBeTruthy();
    expect(screen.getByText('Connect a provider and sync to see calls here.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', true);
  });

  it('offers to clear filters when none match', async () => {
    const { list } = setup({});
    await screen.findByText('No calls yet');
    await fireEvent.change(screen.getByRole('combobox', { name: 'Direction' }), { target: { value: 'web' } });
    expect(await screen.findByText('No calls match')).toBeTruthy();
    expect(list.mock.lastCall?.[0]).toMatchObject({ direction: 'web' });
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No calls yet')).toBeTruthy();
    expect(list.mock.lastCall?.[0]).toMatchObject({ direction: '' });
  });

  it("sends the picked days and the user's zone, and shows Go's date errors under the fields", async () => {
    const { list } = setup({
      timeZone: () => 'Asia/Tokyo',
      list: (q) =>
        q.toDate !== '' && q.fromDate !== '' && q.toDate < q.fromDate
          ? Promise.reject({ code: 'invalid', message: 'Check the dates.', fields: { toDate: 'The last day cannot be before the first.' } })
          : Promise.resolve(page([call(1)])),
    });
    await screen.findByRole('table', { name: 'Calls' });
    await fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2026-01-15' } });
    expect(list.mock.lastCall?.[0]).toMatchObject({ fromDate: '2026-01-15', toDate: '', timeZone: 'Asia/Tokyo' });
    await fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2026-01-10' } });
    expect(list.mock.lastCall?.[0]).toMatchObject({ fromDate: '2026-01-15', toDate: '2026-01-10', timeZone: 'Asia/Tokyo' });
    const message = await screen.findByText('The last day cannot be before the first.');
    const to = screen.getByLabelText('To date');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.contains(message)).toBe(true);
    expect(screen.getByLabelText('From date').getAttribute('aria-invalid')).toBeNull();
    // Only the filter went wrong: no load-error banner.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows Go's time zone error under both date fields", async () => {
    const zone = 'The time zone must be an IANA name such as Europe/Berlin.';
    setup({
      timeZone: () => 'Mars/Olympus',
      list: () => Promise.reject({ code: 'invalid', message: 'Check the dates.', fields: { timeZone: zone } }),
    });
    const message = await screen.findByText(zone);
    for (const name of ['From date', 'To date']) {
      const field = screen.getByLabelText(name);
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.contains(message)).toBe(true);
    }
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a load error with Retry', async () => {
    let fail = true;
    setup({ list: () => (fail ? Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) : Promise.resolve(page([call(1)]))) });
    expect((await screen.findByRole('alert')).textContent).toContain('The database is busy.');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Calls' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the export progress with counts, then toasts the result', async () => {
    let emit: (p: ExportProgress) => void = () => {};
    let finish: (r: ExportResult) => void = () => {};
    setup({
      list: () => Promise.resolve(page([call(1)], { total: 12000 })),
      export: () => new Promise((r) => (finish = r)),
      onExportProgress: (fn) => ((emit = fn), () => {}),
    });
    await screen.findByRole('table', { name: 'Calls' });
    const button = screen.getByRole('button', { name: 'Export CSV' });
    await fireEvent.click(button);
    expect(button).toHaveProperty('disabled', true);
    emit({ written: 5000, total: 12000 });
    const bar = await screen.findByRole('progressbar', { name: 'Export progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('5000');
    expect(bar.getAttribute('aria-valuemax')).toBe('12000');
    expect(bar.getAttribute('aria-valuetext')).toBe('5,000 of 12,000 calls');
    // Calls added meanwhile take the export past the total it started with: never past 100 %.
    emit({ written: 12500, total: 12000 });
    await vi.waitFor(() => expect(bar.getAttribute('aria-valuetext')).toBe('12,500 of 12,500 calls'));
    expect(bar.getAttribute('aria-valuemax')).toBe('12500');
    finish({ path: '/tmp/acme-calls.csv', rows: 12000, cancelled: false });
    await vi.waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Export progress' })).toBeNull());
    expect(toasts.items.map((t) => t.message)).toEqual(['Exported 12,000 calls to /tmp/acme-calls.csv']);
    expect(button).toHaveProperty('disabled', false);
  });
});
