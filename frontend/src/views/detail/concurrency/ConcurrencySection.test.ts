import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConcurrencyInput, ConcurrencyView, PeakPoint } from '../../../api';
import type { ConcurrencyDeps } from '../../../stores/concurrency.svelte';
import { toasts } from '../../../stores/toasts.svelte';
import ConcurrencySection from './ConcurrencySection.svelte';
import PeakChart from './PeakChart.svelte';

function view(over: Partial<ConcurrencyView> = {}): ConcurrencyView {
  return {
    subAccountId: 7,
    provider: 'vapi',
    providerName: 'Vapi',
    limit: 10,
    limitSource: 'manual',
    limitFromApi: false,
    outbound: 8,
    inboundReserved: 2,
    reserve: '2 reserved for incoming calls',
    providerInboundReserved: 0,
    poolName: '',
    pool: { members: [{ id: 7, name: 'Acme', outbound: 8 }], poolLimit: 10, allocated: 8, available: 2, overBy: 0 },
    sharesAccountWith: [],
    peak7d: 3,
    peak30d: 6,
    peakSeries: series(30),
    peakEmpty: '',
    updatedAt: '',
    notice: '',
    ...over,
  };
}

/** n days from 2026-01-01, peaks 0, 1, 2, … 6, 0, … */
function series(n: number): PeakPoint[] {
  return Array.from({ length: n }, (_, i) => ({ day: `2026-01-${String(i + 1).padStart(2, '0')}`, peak: i % 7 }));
}

async function setup(v: ConcurrencyView, deps: Partial<ConcurrencyDeps> = {}) {
  render(ConcurrencySection, { subAccountId: 7, deps: { get: () => Promise.resolve(v), ...deps } });
  await screen.findByRole('heading', { name: 'Concurrent Call Limit' });
  await vi.waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
}

describe('ConcurrencySection', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('asks for a provider first', async () => {
    await setup(view({ provider: '', providerName: '', limit: null, outbound: 0, inboundReserved: 0 }));
    expect(screen.getByText('Connect a voice provider first.')).toBeTruthy();
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it("follows what is typed with Go's reserve for the values as typed", async () => {
    const preview = vi.fn((input: ConcurrencyInput) =>
      Promise.resolve({ inboundReserved: 7, text: `${(input.limit ?? 0) - (input.outbound ?? 0)} reserved for incoming calls` }),
    );
    await setup(view(), { preview });
    expect((screen.getByRole('spinbutton', { name: 'Concurrent call limit' }) as HTMLInputElement).value).toBe('10');
    expect((screen.getByRole('spinbutton', { name: 'Outbound calls' }) as HTMLInputElement).value).toBe('8');
    expect(screen.getByText('2 reserved for incoming calls')).toBeTruthy();
    // Typing asks Go again: the reserve follows the form, not the saved values.
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Outbound calls' }), { target: { value: '3' } });
    expect(await screen.findByText('7 reserved for incoming calls')).toBeTruthy();
    expect(preview).toHaveBeenCalledWith({ limit: 10, outbound: 3, poolName: '' });
    expect(screen.queryByRole('button', { name: /Read limit from/ })).toBeNull();
    expect(screen.queryByRole('table', { name: 'Pool members' })).toBeNull();
  });

  it("reads Go's sentence even where it is not limit − outbound", async () => {
    await setup(view({ limit: 10, outbound: 8, inboundReserved: 5, reserve: '5 reserved for incoming calls' }));
    expect(screen.getByText('5 reserved for incoming calls')).toBeTruthy();
  });

  it('says no limit is set rather than "0 reserved"', async () => {
    const none = 'No limit set: enter the limit to reserve the rest of it for incoming calls.';
    await setup(view({ limit: null, outbound: 0, inboundReserved: 0, reserve: none }));
    expect(screen.getByText(none)).toBeTruthy();
    expect(screen.queryByText(/0 reserved/)).toBeNull();
  });

  it("makes a provider's limit read-only and offers to read it again", async () => {
    const refresh = vi.fn(() =>
      Promise.resolve(view({ limitSource: 'provider', limitFromApi: true, limit: 20, inboundReserved: 12, reserve: '12 reserved for incoming calls', providerInboundReserved: 4, notice: 'Outbound calls were lowered from 25 to 20 to fit Vapi\'s limit.' })),
    );
    await setup(view({ limitSource: 'provider', limitFromApi: true, limit: 15, inboundReserved: 7 }), { refresh });
    const limit = screen.getByRole('spinbutton', { name: 'Concurrent call limit' });
    expect(limit).toHaveProperty('readOnly', true);
    // Read once as the section opened, no button pressed.
    await vi.waitFor(() => expect((limit as HTMLInputElement).value).toBe('20'));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Read from Vapi')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Read limit from Vapi' }));
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(2));
    expect(screen.getByText('12 reserved for incoming calls')).toBeTruthy();
    expect(screen.getByText('Vapi reserves 4 slots for inbound')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain("Outbound calls were lowered from 25 to 20 to fit Vapi's limit.");
  });

  it('saves, and keeps what was typed with the pool message verbatim when Go refuses', async () => {
    const message = 'The pool allows 10 outbound calls and Beta holds 6: at most 4 are left for this sub-account.';
    const save = vi.fn((_id: number, _in: ConcurrencyInput) =>
      Promise.reject({ code: 'invalid', message: 'Check the highlighted fields.', fields: { outbound: message } }),
    );
    await setup(view(), { save });
    const outbound = screen.getByRole('spinbutton', { name: 'Outbound calls' });
    await fireEvent.input(outbound, { target: { value: '9' } });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Pool name' }), { target: { value: 'Shared' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(save).toHaveBeenCalledWith(7, { limit: 10, outbound: 9, poolName: 'Shared' });
    expect((outbound as HTMLInputElement).value).toBe('9');
    expect(outbound.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('textbox', { name: 'Pool name' }) as HTMLInputElement).value).toBe('Shared');
  });

  it('summarises a shared pool', async () => {
    await setup(
      view({
        poolName: 'East',
        pool: {
          members: [
            { id: 7, name: 'Acme', outbound: 8 },
            { id: 9, name: 'Beta', outbound: 1 },
          ],
          poolLimit: 10,
          allocated: 9,
          available: 1,
          overBy: 0,
        },
      }),
    );
    const table = screen.getByRole('table', { name: 'Pool members' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Beta')).toBeTruthy();
    expect(screen.getByText('9 of 10 allocated, 1 available')).toBeTruthy();
  });

  it("says the pool's limit is not known when Go leaves it out", async () => {
    const members = [
      { id: 7, name: 'Acme', outbound: 8 },
      { id: 9, name: 'Beta', outbound: 1 },
    ];
    await setup(view({ limit: null, pool: { members, allocated: 9, available: 0, overBy: 0 } }));
    expect(screen.getByText("9 allocated; the pool's limit is not known")).toBeTruthy();
  });
});

describe('PeakChart', () => {
  it('draws one bar per day and the limit as a line, with an accessible name and a legend', () => {
    const { container } = render(PeakChart, { series: series(30), limit: 5, peak7d: 4, peak30d: 6 });
    const chart = screen.getByRole('img', {
      name: 'Peak concurrent calls per day, Jan 1, 2026 to Jan 30, 2026: highest 4 in 7 days, 6 in 30 days, limit 5',
    });
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(30);
    expect(chart.querySelectorAll('rect.bar.over')).toHaveLength(4); // peaks of 6
    const line = chart.querySelector('line.limit');
    expect(line).not.toBeNull();
    const bar5 = chart.querySelector('rect.bar[data-peak="5"]');
    // The line sits at the top of a bar as tall as the limit.
    expect(line?.getAttribute('y1')).toBe(bar5?.getAttribute('y'));
    expect(container.textContent).toContain('Peak (7 days): 4');
    expect(container.textContent).toContain('Peak (30 days): 6');
    expect(container.textContent).toContain('Limit: 5');
    // A y-axis with round ticks up to the highest bar, and the days in the user's format.
    expect([...container.querySelectorAll('.y-axis .tick')].map((t) => t.textContent)).toEqual(['0', '2', '4', '6']);
    expect(container.querySelector('.days')?.textContent).toBe('Jan 1, 2026Jan 30, 2026');
    expect(chart.querySelector('rect.bar[data-day="2026-01-03"] title')?.textContent).toBe('Jan 3, 2026: 2');
  });

  it("says why it is empty, in Go's words", () => {
    const empty = 'No calls synced yet: the peaks appear after the first sync of the call log.';
    const flat = series(30).map((p) => ({ ...p, peak: 0 }));
    const { container } = render(PeakChart, { series: flat, limit: null, peak7d: 0, peak30d: 0, empty });
    expect(screen.getByText(empty)).toBeTruthy();
    expect(screen.getByRole('img', { name: new RegExp(`${empty.replace('.', '\\.')}$`) })).toBeTruthy();
    expect([...container.querySelectorAll('.y-axis .tick')].map((t) => t.textContent)).toEqual(['0', '1']);
  });

  it.each([['null', null], ['left out', undefined]])('draws no line while the limit is unknown (%s)', (_case, limit) => {
    render(PeakChart, { series: series(12), limit, peak7d: 0, peak30d: 6 });
    const chart = screen.getByRole('img', { name: /limit not set$/ });
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(12);
    expect(chart.querySelector('line.limit')).toBeNull();
    expect(chart.querySelectorAll('rect.bar.over')).toHaveLength(0);
  });
});
