import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlanInterval, Role, type Call, type CallPage, type CustomerView as View } from '../../api';
import { toasts } from '../../stores/toasts.svelte';
import CustomerView from './CustomerView.svelte';
import { card, customerView, fakeAccess, MENUS, partial, session } from './testing';

function setup(view: View = customerView()) {
  const fake = fakeAccess({ view });
  const onclosed = vi.fn();
  render(CustomerView, { session: view.session, onclosed, deps: fake.deps });
  return { ...fake, onclosed };
}

const banner = () => screen.getByRole('region', { name: 'Access Account' });
const customerNav = () => screen.getByRole('navigation', { name: 'Customer navigation' });
const navNames = () => within(customerNav()).getAllByRole('button').map((b) => b.textContent?.trim());
const text = (el: HTMLElement) => el.textContent?.replace(/\s+/g, ' ').trim();
/** A table row's cells' texts, joined by spaces. */
const cells = (row: HTMLElement) => Array.from(row.children, (c) => text(c as HTMLElement)).join(' ');

async function openPage(label: string) {
  await fireEvent.click(within(await screen.findByRole('navigation', { name: 'Customer navigation' })).getByRole('button', { name: label }));
  return screen.findByRole('heading', { level: 2, name: label });
}

describe('CustomerView banner', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('says whose account this is, read-only, and enables changes with a reason', async () => {
    const fake = setup();
    expect(text(banner())).toContain('Viewing Acme Dental as Dana Lee (dana@acme.example)');
    expect(within(banner()).getByText('Read-only')).toBeTruthy();
    expect(within(banner()).queryByText(/inactive/)).toBeNull();

    await fireEvent.click(within(banner()).getByRole('button', { name: 'Enable changes' }));
    const d = screen.getByRole('dialog', { name: 'Enable changes' });
    const reason = within(d).getByRole('textbox', { name: 'Reason' });
    expect(reason.hasAttribute('required')).toBe(true);
    await fireEvent.click(within(d).getByRole('button', { name: 'Enable changes' }));
    expect(await within(d).findByText('Reason must be at least 3 characters.')).toBeTruthy();
    expect(within(banner()).getByText('Read-only')).toBeTruthy();

    await fireEvent.input(reason, { target: { value: 'Customer asked for a new user' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Enable changes' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.deps.enableChanges).toHaveBeenLastCalledWith(41, 'Customer asked for a new user');
    expect(within(banner()).getByText('Changes enabled')).toBeTruthy();
    expect(within(banner()).queryByText('Read-only')).toBeNull();
    expect(within(banner()).queryByRole('button', { name: 'Enable changes' })).toBeNull();
  });

  it('cancels "Enable changes" without sending anything', async () => {
    const fake = setup();
    await fireEvent.click(within(banner()).getByRole('button', { name: 'Enable changes' }));
    await fireEvent.click(within(screen.getByRole('dialog', { name: 'Enable changes' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.deps.enableChanges).not.toHaveBeenCalled();
    expect(within(banner()).getByText('Read-only')).toBeTruthy();
  });

  it('warns that an inactive sub-account\'s users cannot sign in', async () => {
    setup(customerView({ session: session({ inactive: true }) }));
    expect(within(banner()).getByText(/Acme Dental is inactive: its users cannot sign in/)).toBeTruthy();
  });

  it('ends the session with "Back to List View"', async () => {
    const fake = setup();
    await fireEvent.click(within(banner()).getByRole('button', { name: 'Back to List View' }));
    await vi.waitFor(() => expect(fake.onclosed).toHaveBeenCalledOnce());
    expect(fake.deps.close).toHaveBeenCalledOnce();
  });
});

describe('CustomerView navigation', () => {
  it("shows exactly Go's menus, in order, and opens the first", async () => {
    const nav = [MENUS.dashboard, partial(MENUS.contacts, 'contacts.view', 'contacts.edit', 'contacts.export'), MENUS.call_logs, MENUS.billing];
    setup(customerView({ nav }));
    await screen.findByRole('navigation', { name: 'Customer navigation' });
    expect(navNames()).toEqual(['Dashboard', 'Contacts', 'Call Logs', 'Billing']);
    expect(within(customerNav()).queryByRole('button', { name: 'Reports' })).toBeNull();
    expect(within(customerNav()).getByRole('button', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 2, name: 'Dashboard' })).toBeTruthy();
  });

  it("lists a partly hidden menu's visible features on its page, and no made-up rows", async () => {
    setup(customerView({ nav: [MENUS.dashboard, partial(MENUS.contacts, 'contacts.view', 'contacts.edit', 'contacts.export')] }));
    await openPage('Contacts');
    expect(screen.getByText("This customer's Contacts: View contacts, Create and edit, Export")).toBeTruthy();
    expect(screen.getByText(/lives in the customer's calling platform, not in Switchboard/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(within(customerNav()).getByRole('button', { name: 'Contacts' }).getAttribute('aria-current')).toBe('page');
  });

  it('says so when every menu is hidden', async () => {
    setup(customerView({ nav: [] }));
    expect(await screen.findByText(/has no menus/)).toBeTruthy();
    expect(within(customerNav()).queryAllByRole('button')).toEqual([]);
  });
});

describe('CustomerView pages', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('shows the Dashboard figures and a chart of the usage by day', async () => {
    setup();
    const dl = await screen.findByLabelText('Dashboard figures');
    expect(text(dl)).toContain('Minutes left 1,234');
    expect(text(dl)).toContain('Calls this cycle 12');
    expect(text(dl)).toContain('Minutes used 266 min');
    const chart = screen.getByRole('img', { name: /^Minutes per day/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(2);
    const table = screen.getByRole('table', { name: 'Usage by day' });
    expect(within(table).getAllByRole('row').map(cells)).toEqual([
      'Day Calls Minutes',
      'Sat, Jan 10, 2026 5 100',
      'Mon, Jan 12, 2026 7 166',
      'Total 12 266',
    ]);
  });

  it('shows the plans in their order, the popular one marked "Most popular"', async () => {
    setup();
    await openPage('Billing');
    const plans = screen.getByRole('list', { name: 'Plans' });
    const cards = within(plans).getAllByRole('listitem').filter((li) => li.parentElement === plans);
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['Starter', 'Growth', 'Scale']);
    expect(within(cards[1]!).getByText('Most popular')).toBeTruthy();
    expect(within(cards[0]!).queryByText('Most popular')).toBeNull();
    expect(within(cards[2]!).queryByText('Most popular')).toBeNull();
  });

  it('shows each interval of the plans in turn', async () => {
    setup(
      customerView({
        pricing: {
          visible: true,
          message: '',
          intervals: [PlanInterval.Month, PlanInterval.Year],
          cards: [card('Starter'), card('Starter yearly', { interval: PlanInterval.Year, popular: true }), card('Growth')],
        },
      }),
    );
    await openPage('Billing');
    const names = () => within(screen.getByRole('list', { name: 'Plans' })).getAllByRole('heading').map((h) => h.textContent);
    expect(names()).toEqual(['Starter', 'Growth']);
    await fireEvent.click(within(screen.getByRole('radiogroup', { name: 'Billing interval' })).getByRole('radio', { name: 'Yearly' }));
    expect(names()).toEqual(['Starter yearly']);
  });

  it("shows Go's message when the customer has no pricing page", async () => {
    setup(customerView({ pricing: { visible: false, message: "Pricing is hidden in the customer's application.", intervals: [], cards: [] } }));
    await openPage('Billing');
    expect(screen.getByText("Pricing is hidden in the customer's application.")).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Plans' })).toBeNull();
  });

  it('lists the agents with their system prompts when shown', async () => {
    setup();
    await openPage('Agents');
    const list = screen.getByRole('list', { name: 'Agents' });
    expect(within(list).getByRole('listitem', { name: 'Front desk' }).textContent).toContain('You answer the phone at Acme Dental.');
  });

  it('hides the prompts Go hides', async () => {
    setup(customerView({ agents: [{ id: 1, name: 'Front desk', kind: 'agent', number: '', prompt: '', promptShown: false }] }));
    await openPage('Agents');
    expect(screen.getByText("System prompts are hidden in this customer's application.")).toBeTruthy();
    expect(screen.queryByText('System prompt')).toBeNull();
  });

  it('shows Recording and Transcript columns only when the customer has them, as where to find them', async () => {
    const call: Call = {
      id: 1,
      provider: 'retell',
      providerName: 'Retell AI',
      providerCallId: 'c1',
      parentCallId: '',
      agentId: 'a1',
      direction: 'in',
      status: 'completed',
      statusLabel: 'Completed',
      statusRaw: 'ended',
      from: '+41445550101',
      to: '+41445550202',
      startedAt: '2026-01-15T09:00:00Z',
      endedAt: '2026-01-15T09:02:00Z',
      durationSec: 120,
      costMicros: 0,
      currency: '',
      cost: '',
      exponent: 0,
      costNote: '',
    };
    const fake = fakeAccess({ view: customerView({ transcripts: false }) });
    fake.deps.calls = vi.fn(
      (_id, q): Promise<CallPage> => Promise.resolve({ items: [call], total: 1, totals: { count: 1, minutes: 2, costs: [] }, offset: q.offset, limit: q.limit }),
    );
    render(CustomerView, { session: session(), onclosed: vi.fn(), deps: fake.deps });
    await openPage('Call Logs');
    const table = await screen.findByRole('table', { name: 'Call logs' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers).toContain('Recording');
    expect(headers).not.toContain('Transcript');
    expect(within(table).getAllByText('In your calling platform').length).toBeGreaterThan(0);
    expect(within(table).queryByText('Retell AI')).toBeNull();
    expect(fake.deps.calls).toHaveBeenCalledWith(41, expect.objectContaining({ sort: 'startedAt', desc: true, timeZone: 'Europe/Zurich' }));
  });

  it('shows the usage report with totals, and "Export CSV" only when the customer may export', async () => {
    const fake = setup();
    await openPage('Reports');
    const table = await screen.findByRole('table', { name: 'Usage by day' });
    expect(cells(within(table).getAllByRole('row').at(-1)!)).toBe('Total 12 266');
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(fake.deps.exportReport).toHaveBeenCalledWith(41));
    await vi.waitFor(() => expect(toasts.items.map((t) => t.message)).toEqual(['Exported 2 days to /tmp/acme-usage.csv']));
  });

  it('offers no "Export CSV" when Go says the customer cannot export', async () => {
    setup(customerView({ reportsExport: false, nav: [partial(MENUS.reports, 'reports.usage')] }));
    await screen.findByRole('table', { name: 'Usage by day' });
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it('keeps "Add user" and "Update User" disabled while read-only, and saves through the session once changes are enabled', async () => {
    const fake = setup();
    await openPage('Settings');
    const users = screen.getByRole('table', { name: 'Users' });
    const add = screen.getByRole('button', { name: 'Add user' }) as HTMLButtonElement;
    const update = within(users).getByRole('button', { name: 'Update User: Sam Roe' }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(update.disabled).toBe(true);
    expect(screen.getByText(/Read-only: choose “Enable changes” above/)).toBeTruthy();

    await fireEvent.click(within(banner()).getByRole('button', { name: 'Enable changes' }));
    const d = screen.getByRole('dialog', { name: 'Enable changes' });
    await fireEvent.input(within(d).getByRole('textbox', { name: 'Reason' }), { target: { value: 'Ticket 4411' } });
    await fireEvent.click(within(d).getByRole('button', { name: 'Enable changes' }));
    await vi.waitFor(() => expect(update.disabled).toBe(false));
    expect(add.disabled).toBe(false);

    await fireEvent.click(update);
    const edit = screen.getByRole('dialog', { name: 'Edit user' });
    await fireEvent.change(within(edit).getByRole('combobox', { name: 'Role' }), { target: { value: Role.Admin } });
    await fireEvent.click(within(edit).getByRole('button', { name: 'Update User' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.deps.updateUser).toHaveBeenCalledWith(41, 2, { name: 'Sam Roe', role: Role.Admin, timeZone: 'Europe/Zurich' });
    await vi.waitFor(() => expect(cells(within(users).getAllByRole('row')[2]!)).toContain('Sam Roe sam@acme.example Admin'));
  });
});
