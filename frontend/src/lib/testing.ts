import { vi } from 'vitest';
import type { Agent, AgentsView, AuditEntry, AuditPage, AuditQuery, SyncStatus } from '../api';

/** For tests: a fetch function whose answers the test releases by hand, in any order. */
export function manualFetch<Q, P>() {
  const calls: { q: Q; resolve: (p: P) => void; reject: (e: unknown) => void }[] = [];
  const fetch = vi.fn(
    (q: Q) =>
      new Promise<P>((resolve, reject) => {
        calls.push({ q, resolve, reject });
      }),
  );
  return { fetch, calls };
}

/** For tests: the sync status Go sends for a connection with automatic sync on. */
export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'on',
    summary: 'Automatic sync is on: polls Vapi for new calls every 15 minutes. No webhook URL is needed.',
    reason: '',
    resume: '',
    resumeTab: '',
    canToggle: true,
    canSyncNow: true,
    syncNowReason: '',
    intervalMinutes: 15,
    ...over,
  };
}

/** For tests: an audit entry with every field Go sends. */
export function auditEntry(id: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2025-11-28T00:00:00Z',
    actor: 'dana',
    asUser: '',
    accessSessionId: 0,
    actorLabel: 'dana',
    action: 'sub_account.create',
    actionLabel: 'Created',
    subAccountId: 7,
    subAccountName: 'Acme',
    subjectKind: '',
    subjectId: '',
    subjectName: '',
    summary: `entry ${id}`,
    ...over,
  };
}

/**
 * For tests: AuditService.List over a log of entries with ids 1…total (a higher id is newer),
 * paged by keyset as Go pages it: newest first; before/after/oldest pick the page; hasOlder and
 * hasNewer say whether more lie beyond it; a search counts at most `cap` matches (totalCapped
 * then). `entries` may grow while a test pages.
 */
export function fakeAuditLog(total: number, cap = 1000) {
  const entries = Array.from({ length: total }, (_, i) => auditEntry(i + 1));
  const list = vi.fn((q: AuditQuery): Promise<AuditPage> => {
    const matching = entries.filter((e) => e.summary.includes(q.search)).sort((a, b) => b.id - a.id);
    let from: number;
    if (q.before > 0) from = matching.findIndex((e) => e.id < q.before);
    else if (q.after > 0) from = Math.max(0, matching.filter((e) => e.id > q.after).length - q.limit);
    else if (q.oldest) from = Math.max(0, matching.length - q.limit);
    else from = 0;
    if (from < 0) from = matching.length;
    const end = q.after > 0 ? matching.filter((e) => e.id > q.after).length : from + q.limit;
    const items = matching.slice(from, Math.min(end, from + q.limit));
    const capped = q.search !== '' && matching.length > cap;
    return Promise.resolve({
      items,
      total: capped ? cap : matching.length,
      totalCapped: capped,
      hasNewer: from > 0,
      hasOlder: from + items.length < matching.length,
    });
  });
  return { list, entries };
}

/** For tests: a stand-in Wails runtime that keeps each event's listener; `uninstall` removes it. */
export function fakeRuntime() {
  const remove = vi.fn();
  const handlers: Record<string, (d: unknown) => void> = {};
  const win = window as { runtime?: unknown };
  win.runtime = {
    EventsOnMultiple: (name: string, cb: (d: unknown) => void) => {
      handlers[name] = cb;
      return remove;
    },
  };
  return { handlers, remove, uninstall: () => delete win.runtime };
}

/** For tests: an agent of a Retell account with every field Go sends, assigned to nobody. */
export function agent(id: number, over: Partial<Agent> = {}): Agent {
  return {
    id,
    agentId: `agent_${id}f2c1e9a0b`,
    kind: 'agent',
    name: `Agent ${id}`,
    number: '',
    prompt: '',
    promptDigest: '',
    ownerId: 0,
    ownerName: '',
    ...over,
  };
}

/** For tests: sub-account 7's agents view, read once, alone on its provider account. */
export function agentsView(over: Partial<AgentsView> = {}): AgentsView {
  return {
    connected: true,
    shared: false,
    sharers: [{ id: 7, name: 'Acme Dental' }],
    agents: [],
    unassigned: 0,
    readAt: '2026-01-15T10:00:00Z',
    ...over,
  };
}
