import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { AuditFacets, AuditPage, AuditQuery } from '../../api';
import { fakeAuditLog } from '../../lib/testing';

const backend = vi.hoisted(() => ({
  list: (_q: AuditQuery): Promise<AuditPage> => Promise.reject(new Error('not set')),
  facets: (): Promise<AuditFacets> => Promise.resolve({ actors: ['dana'], asUsers: [], actions: [] }),
}));
vi.mock('../../../wailsjs/go/backend/AuditService', () => ({
  List: (q: AuditQuery) => backend.list(q),
  Facets: () => backend.facets(),
  ExportCSV: () => Promise.resolve({ path: '', rows: 0, cancelled: true }),
}));

import ActivityTab from './ActivityTab.svelte';

const ANY = { actor: '', asUser: '', action: '', accessSessionId: 0, from: '', to: '' };

describe('ActivityTab', () => {
  it("pages the sub-account's entries with who acted, and filters them like the audit log", async () => {
    const log = fakeAuditLog(60);
    log.entries[59] = { ...log.entries[59]!, accessSessionId: 12, actorLabel: 'dana as customer user owner@x (session 12)' };
    backend.list = log.list;
    render(ActivityTab, { subAccountId: 7 });
    const table = await screen.findByRole('table', { name: 'Activity' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('dana as customer user owner@x (session 12)')).toBeTruthy();
    expect(screen.getByText('1–50 of 60')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...ANY, before: 0, after: 0, oldest: false, limit: 50 });

    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('51–60 of 60')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...ANY, before: 11, after: 0, oldest: false, limit: 50 });

    // The same filter bar as the audit log's.
    const bar = screen.getByRole('search', { name: 'Filter the activity' });
    await fireEvent.change(within(bar).getByRole('combobox', { name: 'Actor' }), { target: { value: 'dana' } });
    expect(log.list).toHaveBeenLastCalledWith(expect.objectContaining({ subAccountId: 7, actor: 'dana', before: 0 }));
    await screen.findByText('1–50 of 60');
    const newest = within(await screen.findByRole('table', { name: 'Activity' })).getAllByRole('row')[1]!;
    await fireEvent.click(within(newest).getByRole('button', { name: 'Session 12' }));
    expect(log.list).toHaveBeenLastCalledWith(expect.objectContaining({ subAccountId: 7, actor: 'dana', accessSessionId: 12 }));
    for (const name of ['From', 'To']) expect(within(bar).getByLabelText(name)).toBeTruthy();
    expect(within(bar).getByRole('button', { name: 'Export CSV' })).toBeTruthy();
  });
});
