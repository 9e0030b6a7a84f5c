// For tests only: fixtures of the customer's view and an in-memory AccessService with Go's rules.
import { vi } from 'vitest';
import {
  PlanInterval,
  Role,
  type AccessSessionView,
  type CallPage,
  type CustomerMenu,
  type CustomerView,
  type LicenseView,
  type PreviewCard,
  type User,
  type UserPage,
} from '../../api';
import type { AccessDeps } from '../../stores/access.svelte';
import { searchZones, user } from '../detail/users/testing';

/** For tests: a read-only session of Acme Dental (sub-account 7) as its Admin Dana. */
export function session(over: Partial<AccessSessionView> = {}): AccessSessionView {
  return {
    id: 41,
    subAccountId: 7,
    subAccountName: 'Acme Dental',
    inactive: false,
    userId: 1,
    userName: 'Dana Lee',
    userEmail: 'dana@acme.example',
    userRole: 'admin',
    userTimeZone: 'Europe/Zurich',
    admin: 'alex',
    reason: '',
    startedAt: '2026-01-15T10:00:00Z',
    changesAt: '',
    changesReason: '',
    endedAt: '',
    readOnly: true,
    ...over,
  };
}

/** For tests: a license as Go sends it, 1,234 minutes left of a valid one. */
export function license(over: Partial<LicenseView> = {}): LicenseView {
  return {
    subAccountId: 7,
    licensed: true,
    startedAt: '2025-12-10T00:00:00Z',
    validUntil: '2026-12-31T22:59:00Z',
    timeZone: 'Europe/Zurich',
    expired: false,
    expiringSoon: false,
    freePerCycle: 1000,
    freeLeft: 734,
    addOnLeft: 500,
    minutesLeft: 1234,
    usedThisCycle: 266,
    overage: 0,
    freeExpiresAt: '2026-02-09T23:00:00Z',
    state: 'ok',
    cycleFrom: '2026-01-09T23:00:00Z',
    cycleUntil: '2026-02-09T23:00:00Z',
    forecast: '',
    ...over,
  };
}

/** For tests: a pricing card as Go writes it. */
export function card(name: string, over: Partial<PreviewCard> = {}): PreviewCard {
  return {
    name,
    price: '$49.00',
    priceMinor: 4900,
    currency: 'USD',
    exponent: 2,
    monthlyMinor: 0,
    overageMicros: 35000,
    interval: PlanInterval.Month,
    intervalLabel: 'per month',
    monthlyEquivalent: '',
    includedMinutes: '1,000 minutes included',
    overage: '$0.035 / min',
    bullets: ['Email support'],
    popular: false,
    ...over,
  };
}

const menu = (key: string, label: string, ...features: [string, string][]): CustomerMenu => ({
  key,
  label,
  features: features.map(([k, l]) => ({ key: k, label: l })),
});

/** Go's menus with every feature, in the tree's order. */
export const MENUS = {
  dashboard: menu('dashboard', 'Dashboard'),
  agents: menu('agents', 'Agents', ['agents.list', 'Agent list'], ['agents.edit', 'Edit agents'], ['agents.system_prompts', 'System prompts']),
  contacts: menu(
    'contacts',
    'Contacts',
    ['contacts.view', 'View contacts'],
    ['contacts.edit', 'Create and edit'],
    ['contacts.import', 'Import'],
    ['contacts.export', 'Export'],
    ['contacts.delete', 'Delete'],
  ),
  outbound: menu('outbound', 'Outbound Calling', ['outbound.campaigns', 'Campaigns'], ['outbound.single_calls', 'Single calls'], ['outbound.schedules', 'Schedules']),
  call_logs: menu('call_logs', 'Call Logs', ['call_logs.recordings', 'Recordings'], ['call_logs.transcripts', 'Transcripts']),
  reports: menu('reports', 'Reports', ['reports.calls', 'Call reports'], ['reports.usage', 'Usage reports'], ['reports.export', 'Export']),
  phone_numbers: menu('phone_numbers', 'Phone Numbers'),
  billing: menu('billing', 'Billing', ['billing.plans', 'Plans page'], ['billing.invoices', 'Invoices'], ['billing.payment_method', 'Payment method']),
  settings: menu('settings', 'Settings', ['settings.users', 'Users'], ['settings.api_keys', 'API keys']),
} satisfies Record<string, CustomerMenu>;

/** A menu with only some of its features (keys), as Go publishes a partly hidden menu. */
export function partial(m: CustomerMenu, ...keys: string[]): CustomerMenu {
  return { ...m, features: m.features.filter((f) => keys.includes(f.key)) };
}

/** For tests: the customer's view with every menu, two users, two plans (the second popular). */
export function customerView(over: Partial<CustomerView> = {}): CustomerView {
  return {
    session: session(),
    nav: Object.values(MENUS),
    dashboard: {
      license: license(),
      from: '2026-01-09T23:00:00Z',
      until: '2026-02-09T23:00:00Z',
      callsThisCycle: 12,
      minutesUsed: 266,
      usage: [
        { day: '2026-01-10', calls: 5, minutes: 100 },
        { day: '2026-01-12', calls: 7, minutes: 166 },
      ],
    },
    agents: [
      { id: 1, name: 'Front desk', kind: 'agent', number: '', prompt: 'You answer the phone at Acme Dental.', promptShown: true },
      { id: 2, name: '+41 44 555 01 01', kind: 'number', number: '+41 44 555 01 01', prompt: '', promptShown: true },
    ],
    users: [
      user(1, { name: 'Dana Lee', email: 'dana@acme.example', role: Role.Admin }),
      user(2, { name: 'Sam Roe', email: 'sam@acme.example' }),
    ],
    pricing: {
      visible: true,
      message: '',
      intervals: [PlanInterval.Month],
      cards: [card('Starter'), card('Growth', { price: '$99.00', priceMinor: 9900, popular: true }), card('Scale', { price: '$199.00', priceMinor: 19900 })],
    },
    recordings: true,
    transcripts: true,
    reportsExport: true,
    ...over,
  };
}

const reject = (code: string, message: string, fields: Record<string, string> = {}) => Promise.reject({ code, message, fields });

/**
 * For tests: AccessService over one sub-account, with Go's rules the screens show: the reasons'
 * lengths, the read-only refusal, the open session only. `view` is what View answers (the session
 * in it follows EnableChanges).
 */
export function fakeAccess(start: { view?: CustomerView; users?: User[] } = {}) {
  const state = { view: start.view ?? customerView(), users: start.users ?? [], open: true };
  const sessionNow = () => state.view.session;
  const gone = () => reject('not_found', 'This Access Account session has ended: open the account again.');
  const open: AccessDeps['open'] = vi.fn((input) => {
    if (input.reason.length > 500) return reject('invalid', 'Check the fields.', { reason: 'Reason must be at most 500 characters.' });
    const u = input.userId === 0 ? (state.users.find((x) => x.role === Role.Admin) ?? state.users[0]) : state.users.find((x) => x.id === input.userId);
    if (!u) return reject('invalid', 'Check the fields.', { userId: 'This sub-account has no users yet: add one in Users, then open its account.' });
    state.open = true;
    return Promise.resolve(session({ userId: u.id, userName: u.name, userEmail: u.email, reason: input.reason }));
  });
  const view: AccessDeps['view'] = vi.fn(() => (state.open ? Promise.resolve(state.view) : gone()));
  const enableChanges: AccessDeps['enableChanges'] = vi.fn((_id, reason) => {
    if (!state.open) return gone();
    if (reason.trim().length < 3) return reject('invalid', 'Check the fields.', { reason: 'Reason must be at least 3 characters.' });
    if (!sessionNow().readOnly) return reject('conflict', 'Changes are already enabled in this session.');
    const s = { ...sessionNow(), readOnly: false, changesAt: '2026-01-15T10:05:00Z', changesReason: reason.trim() };
    state.view = { ...state.view, session: s };
    return Promise.resolve(s);
  });
  const readOnly = () => reject('forbidden', 'This view of the customer\'s account is read-only: choose "Enable changes" first.');
  const addUser: AccessDeps['addUser'] = vi.fn((_id, input) => {
    if (sessionNow().readOnly) return readOnly();
    const u = user(100 + state.view.users.length, { ...input });
    state.view = { ...state.view, users: [...state.view.users, u] };
    return Promise.resolve(u);
  });
  const updateUser: AccessDeps['updateUser'] = vi.fn((_id, userId, input) => {
    if (sessionNow().readOnly) return readOnly();
    const old = state.view.users.find((u) => u.id === userId);
    if (!old) return reject('not_found', 'There is no such user.');
    const u = { ...old, ...input };
    state.view = { ...state.view, users: state.view.users.map((x) => (x.id === userId ? u : x)) };
    return Promise.resolve(u);
  });
  const close: AccessDeps['close'] = vi.fn(() => {
    state.open = false;
    return Promise.resolve();
  });
  const users: AccessDeps['users'] = vi.fn(
    (q): Promise<UserPage> => Promise.resolve({ items: state.users.slice(q.offset, q.offset + q.limit), total: state.users.length }),
  );
  const calls: AccessDeps['calls'] = vi.fn(
    (_id, q): Promise<CallPage> =>
      Promise.resolve({ items: [], total: 0, totals: { count: 0, minutes: 0, costs: [] }, offset: q.offset, limit: q.limit }),
  );
  const report: AccessDeps['report'] = vi.fn(() =>
    Promise.resolve({ from: '2025-10-17T22:00:00Z', timeZone: 'Europe/Zurich', days: state.view.dashboard.usage, calls: 12, minutes: 266 }),
  );
  const exportReport: AccessDeps['exportReport'] = vi.fn(() => Promise.resolve({ path: '/tmp/acme-usage.csv', rows: 2, cancelled: false }));
  const deps: AccessDeps = {
    open,
    view,
    calls,
    report,
    exportReport,
    enableChanges,
    addUser,
    updateUser,
    close,
    users,
    timeZones: searchZones,
    onSyncDone: () => () => {},
  };
  return { state, deps };
}
