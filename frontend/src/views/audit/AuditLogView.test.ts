import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditFacets, AuditPage, AuditQuery, ExportProgress, ExportResult } from '../../api';
import { auditEntry, fakeAuditLog } from '../../lib/testing';
import { AuditLogStore, localDayStart, type AuditDeps } from '../../stores/audit.svelte';
import { toasts } from '../../stores/toasts.svelte';
import AuditLogView from './AuditLogView.svelte';

type List = (q: AuditQuery) => Promise<AuditPage>;

const FACETS: AuditFacets = {
  actors: ['dana', 'lee'],
  asUsers: ['owner@acme.example'],
  actions: [
    { code: 'sub_account.create', label: 'Created' },
    { code: 'provider.save', label: 'Saved credentials' },
  ],
};

function show(deps: List | Partial<AuditDeps>, debounceMs = 10) {
  const d = typeof deps === 'function' ? { list: deps } : deps;
  const log = new AuditLogStore({ facets: () => Promise.resolve(FACETS), ...d }, debounceMs);
  render(AuditLogView, { log });
  return log;
}

async function renderView(list: List) {
  show(list);
  return screen.findByRole('table', { name: 'Audit log' });
}

const next = () => screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;
const previous = () => screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement;
const combobox = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent?.trim());

/**
 * AuditService.List over entries 1…n with the filters applied as Go applies them (exact
 * matches), newest first, in one page: enough for the filter bar's tests.
 */
function filteringLog(entries: AuditEntry[]) {
  return vi.fn((q: AuditQuery): Promise<AuditPage> => {
    const items = entries
      .filter(
        (e) =>
          (q.actor === '' || e.actor === q.actor) &&
          (q.action === '' || e.action === q.action) &&
          (q.accessSessionId === 0 || e.accessSessionId === q.accessSessionId) &&
          (q.asUser === '' || (q.asUser === '-' ? e.asUser === '' : e.asUser === q.asUser)) &&
          (q.from === '' || Date.parse(e.at) >= Date.parse(q.from)) &&
          (q.to === '' || Date.parse(e.at) < Date.parse(q.to)) &&
          e.summary.includes(q.search),
      )
      .sort((a, b) => b.id - a.id);
    return Promise.resolve({ items, total: items.length, totalCapped: false, hasOlder: false, hasNewer: false });
  });
}

const entries = [
  auditEntry(1, { actor: 'lee', actorLabel: 'lee', action: 'provider.save', actionLabel: 'Saved credentials', at: '2026-02-27T10:00:00Z' }),
  auditEntry(2, {
    asUser: 'owner@acme.example',
    accessSessionId: 12,
    actorLabel: 'dana as customer user owner@acme.example (session 12)',
    at: '2026-03-01T10:00:00Z',
  }),
  auditEntry(3, { at: '2026-03-02T10:00:00Z' }),
];

describe('AuditLogView', () => {
  afterEach(() => {
    vi.useRealTimers();
    toasts.items = [];
  });

  it('pages with Next and Previous and says which entries it shows', async () => {
    const log = fakeAuditLog(250);
    await renderView(log.list);
    expect(screen.getByText('1–100 of 250')).toBeTruthy();
    expect(screen.getByText('250 entries')).toBeTruthy();
    expect(previous().disabled).toBe(true);

    await fireEvent.click(next());
    expect(await screen.findByText('101–200 of 250')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 151, after: 0, oldest: false }));
    await fireEvent.click(next());
    expect(await screen.findByText('201–250 of 250')).toBeTruthy();
    expect(next().disabled).toBe(true);

    await fireEvent.click(previous());
    expect(await screen.findByText('101–200 of 250')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 0, after: 50, oldest: false }));
    expect(screen.getByText('entry 150')).toBeTruthy();
  });

  it('says "1,000+" when Go stopped counting the matches of a search', async () => {
    show(fakeAuditLog(1200).list);
    await screen.findByText('1–100 of 1,200');
    expect(screen.getByText('1,200 entries')).toBeTruthy();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Search audit log' }), { target: { value: 'entry' } });
    expect(await screen.findByText('1–100 of 1,000+')).toBeTruthy();
    expect(screen.getByText('1,000+ entries')).toBeTruthy();
  });

  it('shows who acted, and as whom, and filters to a session from its row', async () => {
    const list = filteringLog(entries);
    const table = await renderView(list);
    const rows = within(table).getAllByRole('row');
    expect(within(rows[2]!).getByText('dana as customer user owner@acme.example (session 12)')).toBeTruthy();
    expect(within(rows[1]!).getByText('dana')).toBeTruthy();
    expect(within(rows[1]!).queryByRole('button')).toBeNull(); // no session

    await fireEvent.click(within(rows[2]!).getByRole('button', { name: 'Session 12' }));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ accessSessionId: 12, before: 0 }));
    await screen.findByText('1–1 of 1');
    const chip = screen.getByRole('button', { name: 'Remove the filter: session 12' });
    await fireEvent.click(chip);
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ accessSessionId: 0 }));
    await screen.findByText('1–3 of 3');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('filters by actor, "as" user, action and days, and clears them', async () => {
    const list = filteringLog(entries);
    show(list);
    await screen.findByText('1–3 of 3');
    const search = screen.getByRole('search', { name: 'Filter the audit log' });
    for (const name of ['Actor', 'As user', 'Action']) {
      expect(within(search).getByRole('combobox', { name })).toBeTruthy();
    }
    expect(optionTexts(combobox('Actor'))).toEqual(['Any', 'dana', 'lee']);
    expect(optionTexts(combobox('As user'))).toEqual(['Any', 'Not in a session', 'owner@acme.example']);
    expect(optionTexts(combobox('Action'))).toEqual(['Any', 'Created', 'Saved credentials']);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();

    await fireEvent.change(combobox('Actor'), { target: { value: 'lee' } });
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ actor: 'lee', before: 0, after: 0 }));
    await screen.findByText('1–1 of 1');
    await fireEvent.change(combobox('Actor'), { target: { value: '' } });
    await fireEvent.change(combobox('As user'), { target: { value: '-' } });
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ actor: '', asUser: '-' }));
    await screen.findByText('1–2 of 2');
    await fireEvent.change(combobox('Action'), { target: { value: 'provider.save' } });
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ asUser: '-', action: 'provider.save' }));
    await screen.findByText('1–1 of 1');

    // The days are the user's: from the start of the first to the start of the day after the last.
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('1–3 of 3');
    await fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    await fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01' } });
    expect(list).toHaveBeenLastCalledWith(
      expect.objectContaining({ from: localDayStart('2026-03-01'), to: localDayStart('2026-03-02') }),
    );
    expect(localDayStart('2026-03-01')).toBe(new Date(2026, 2, 1).toISOString());
    expect((screen.getByLabelText('To') as HTMLInputElement).min).toBe('2026-03-01');

    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(list).toHaveBeenLastCalledWith(
      expect.objectContaining({ actor: '', asUser: '', action: '', accessSessionId: 0, from: '', to: '' }),
    );
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('');
  });

  it('shows the field error Go gives under the filters, not as a failure to load', async () => {
    const list = vi.fn((q: AuditQuery) =>
      q.to !== '' && Date.parse(q.to) <= Date.parse(q.from)
        ? Promise.reject({ code: 'invalid', message: 'To must be after From.', fields: { to: 'To must be after From.' } })
        : filteringLog(entries)(q),
    );
    const log = show(list);
    await screen.findByText('1–3 of 3');
    await log.setFilter((f) => {
      f.fromDate = '2026-03-05';
      f.toDate = '2026-03-01';
    });
    expect(await screen.findByText('To must be after From.')).toBeTruthy();
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('searches at once on Enter', async () => {
    const list = filteringLog(entries);
    show(list, 60_000);
    await screen.findByText('1–3 of 3');
    const box = screen.getByRole('textbox', { name: 'Search audit log' });
    await fireEvent.input(box, { target: { value: 'entry 2' } });
    expect(list).toHaveBeenCalledTimes(1); // still typing: the debounce waits
    await fireEvent.submit(box.closest('form')!);
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'entry 2' }));
    await screen.findByText('1–1 of 1');
  });

  it('says when no entry matches the filters, and when there are none yet', async () => {
    const log = fakeAuditLog(0);
    show(log.list);
    expect(await screen.findByText('No audit entries yet')).toBeTruthy();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Search audit log' }), { target: { value: 'zzz' } });
    expect(await screen.findByText('No entries match these filters')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'zzz', before: 0, after: 0 }));
  });

  it('shows a load error with Retry', async () => {
    let fail = true;
    const log = fakeAuditLog(3);
    show((q) => (fail ? Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) : log.list(q)));
    expect((await screen.findByRole('alert')).textContent).toContain('The database is busy.');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1–3 of 3')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Export CSV', () => {
  let progress: ((p: ExportProgress) => void) | null;
  let finish: (r: ExportResult) => void;
  const exportFn = vi.fn(
    (_q: AuditQuery) =>
      new Promise<ExportResult>((resolve) => {
        finish = resolve;
      }),
  );
  const deps = (): Partial<AuditDeps> => ({
    list: filteringLog(entries),
    export: exportFn,
    onExportProgress: (fn) => {
      progress = fn;
      return () => (progress = null);
    },
  });

  beforeEach(() => {
    progress = null;
    exportFn.mockClear();
  });
  afterEach(() => {
    toasts.items = [];
  });

  it('exports what the filters select, shows its progress, and toasts the file', async () => {
    show(deps());
    await screen.findByText('1–3 of 3');
    await fireEvent.change(combobox('Actor'), { target: { value: 'dana' } });
    await screen.findByText('1–2 of 2');
    const button = screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement;
    await fireEvent.click(button);
    expect(exportFn).toHaveBeenCalledWith(expect.objectContaining({ actor: 'dana', before: 0, after: 0, oldest: false }));
    expect(button.disabled).toBe(true);
    const bar = await screen.findByRole('progressbar', { name: 'Export progress' });
    progress!({ written: 5000, total: 12001 });
    await vi.waitFor(() => expect(bar.getAttribute('aria-valuetext')).toBe('5,000 of 12,001 entries'));
    expect(bar.getAttribute('aria-valuenow')).toBe('5000');

    finish({ path: '/home/dana/audit-log.csv', rows: 12001, cancelled: false });
    await vi.waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Export progress' })).toBeNull());
    expect(button.disabled).toBe(false);
    expect(toasts.items.map((t) => t.message)).toEqual(['Exported 12,001 entries to /home/dana/audit-log.csv']);
    expect(progress).toBeNull(); // it stopped following the events
  });

  it('says nothing when the save dialog was cancelled', async () => {
    show(deps());
    await screen.findByText('1–3 of 3');
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    finish({ path: '', rows: 0, cancelled: true });
    await vi.waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(toasts.items).toEqual([]);
  });

  it('cannot export an empty result', async () => {
    show({ ...deps(), list: filteringLog([]) });
    await screen.findByText('No audit entries yet');
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
