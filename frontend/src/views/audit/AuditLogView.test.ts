import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage, AuditQuery } from '../../api';
import { auditEntry, fakeAuditLog } from '../../lib/testing';
import { AuditLogStore } from '../../stores/audit.svelte';
import AuditLogView from './AuditLogView.svelte';

type List = (q: AuditQuery) => Promise<AuditPage>;

function show(list: List) {
  render(AuditLogView, { log: new AuditLogStore(list, 10) });
}

async function renderView(list: List) {
  show(list);
  return screen.findByRole('table', { name: 'Audit log' });
}

const next = () => screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;
const previous = () => screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement;

describe('AuditLogView', () => {
  afterEach(() => {
    vi.useRealTimers();
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

  it('shows who acted, and as whom', async () => {
    const table = await renderView(() =>
      Promise.resolve({
        items: [
          auditEntry(2, {
            asUser: 'owner@x',
            accessSessionId: 12,
            actorLabel: 'dana as customer user owner@x (session 12)',
          }),
          auditEntry(1),
        ],
        total: 2,
        totalCapped: false,
        hasOlder: false,
        hasNewer: false,
      }),
    );
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('dana as customer user owner@x (session 12)')).toBeTruthy();
    expect(within(rows[2]!).getByText('dana')).toBeTruthy();
  });

  it('says when no entry matches the search, and when there are none yet', async () => {
    const log = fakeAuditLog(0);
    show(log.list);
    expect(await screen.findByText('No audit entries yet')).toBeTruthy();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Search audit log' }), { target: { value: 'zzz' } });
    expect(await screen.findByText('No entries match')).toBeTruthy();
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
