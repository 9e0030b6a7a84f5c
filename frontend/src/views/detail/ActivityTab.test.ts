import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { AuditPage, AuditQuery } from '../../api';
import { fakeAuditLog } from '../../lib/testing';

const backend = vi.hoisted(() => ({ list: (_q: AuditQuery): Promise<AuditPage> => Promise.reject(new Error('not set')) }));
vi.mock('../../../wailsjs/go/backend/AuditService', () => ({ List: (q: AuditQuery) => backend.list(q) }));

import ActivityTab from './ActivityTab.svelte';

describe('ActivityTab', () => {
  it("lists the sub-account's entries with who acted, and loads the older ones", async () => {
    const log = fakeAuditLog(60);
    log.entries[59] = { ...log.entries[59]!, actorLabel: 'dana as customer user owner@x (session 12)' };
    backend.list = log.list;
    render(ActivityTab, { subAccountId: 7 });
    const table = await screen.findByRole('table', { name: 'Activity' });
    expect(within(within(table).getAllByRole('row')[1]!).getByText('dana as customer user owner@x (session 12)')).toBeTruthy();
    expect(screen.getByText('50 of 60')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', before: 0, after: 0, oldest: false, limit: 50 });

    await fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('60 of 60')).toBeTruthy();
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', before: 11, after: 0, oldest: false, limit: 50 });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
