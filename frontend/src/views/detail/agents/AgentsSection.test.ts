import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentAssignment, AgentsView } from '../../../api';
import { agent, agentsView } from '../../../lib/testing';
import type { AgentsDeps } from '../../../stores/agents.svelte';
import { toasts } from '../../../stores/toasts.svelte';
import AgentsSection from './AgentsSection.svelte';

const PROMPT = 'You are the front desk of Acme Dental. Greet the caller, book, move or cancel appointments, and never give medical advice.';
const DIGEST = '908a346a0bcdc8b696a9621051666e0ed648380fad474be98c6221f6d2ea05de';

const agents = [
  agent(1, { agentId: 'agent_8f2c1e9a0b', name: 'Front desk', prompt: PROMPT, promptDigest: DIGEST, ownerId: 7, ownerName: 'Acme Dental' }),
  agent(2, { agentId: 'agent_41d7b3c2e5', name: 'After hours', ownerId: 9, ownerName: 'Beta Plumbing' }),
];

/** Sub-account 7 on a Retell account it shares with Beta Plumbing (9) and Cole Dental (12). */
function shared(over: Partial<AgentsView> = {}): AgentsView {
  return agentsView({
    shared: true,
    sharers: [
      { id: 7, name: 'Acme Dental' },
      { id: 9, name: 'Beta Plumbing' },
      { id: 12, name: 'Cole Dental' },
    ],
    agents,
    unassigned: 14,
    ...over,
  });
}

async function setup(deps: Partial<AgentsDeps>) {
  const refresh = vi.fn(deps.refresh ?? ((_id: number) => Promise.resolve(agentsView())));
  render(AgentsSection, { subAccountId: 7, providerName: 'Retell AI', deps: { ...deps, refresh } });
  await screen.findByRole('heading', { name: 'Agents' });
  await vi.waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
  return { refresh };
}

describe('AgentsSection', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('lists the agents in a table, each with the sub-account it belongs to', async () => {
    const { refresh } = await setup({ list: () => Promise.resolve(agentsView({ agents })) });
    const table = screen.getByRole('table', { name: 'Agents' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Agent', 'System prompt', 'Assigned to']);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(rows[1]!);
    expect(first.getByText('Front desk')).toBeTruthy();
    expect(first.getByText('agent_8f2c1e9a0b')).toBeTruthy();
    expect(first.getByText('This sub-account (the only one on the account)')).toBeTruthy();
    // No prompt read: a dash, no disclosure.
    expect(within(rows[2]!).queryByText(/Show prompt/)).toBeNull();
    expect(screen.getByText(/^2 agents · read/)).toBeTruthy();
    // Alone on the account: nothing to assign, no note about sharing.
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Refresh agents' })).toBeTruthy();
    // Read before: not read again on opening.
    expect(refresh).not.toHaveBeenCalled();
  });

  it('calls the table "Phone numbers" when every entry is a number', async () => {
    const numbers = [
      agent(3, { agentId: 'PN1f0c', kind: 'number', name: '', number: '+15550003333' }),
      agent(4, { agentId: 'PN2a9d', kind: 'number', name: 'Support line', number: '+15550004444' }),
    ];
    await setup({ list: () => Promise.resolve(agentsView({ agents: numbers })) });
    expect(screen.queryByRole('table', { name: 'Agents' })).toBeNull();
    const table = screen.getByRole('table', { name: 'Phone numbers' });
    expect(within(table).getByRole('columnheader', { name: 'Number' })).toBeTruthy();
    expect(within(table).getByText('+15550003333')).toBeTruthy();
    expect(within(table).getByText('Support line')).toBeTruthy();
    expect(within(table).getAllByText('Phone number')).toHaveLength(2);
    expect(screen.getByText(/^2 phone numbers · read/)).toBeTruthy();
  });

  it('shows an agent\'s prompt behind "Show prompt of <name>"', async () => {
    await setup({ list: () => Promise.resolve(agentsView({ agents })) });
    // A <summary> has no role to find it by: its text, the hidden " of <name>" included, names it.
    const summary = screen.getByText((_t, el) => el?.tagName === 'SUMMARY' && el.textContent === 'Show prompt of Front desk');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    await fireEvent.click(summary);
    expect(details.open).toBe(true);
    expect(within(details).getByText(PROMPT)).toBeTruthy();
    expect(within(details).getByTitle('SHA-256 of the prompt').textContent).toBe(DIGEST.slice(0, 12));
  });

  it('says who else is on a shared account and how many calls belong to nobody', async () => {
    await setup({ list: () => Promise.resolve(shared()) });
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('This Retell AI account is shared with Beta Plumbing, Cole Dental.');
    expect(note.textContent).not.toContain('Acme Dental');
    expect(within(note).getByText('14 calls belong to no sub-account')).toBeTruthy();
  });

  it('words one unassigned call in the singular', async () => {
    await setup({ list: () => Promise.resolve(shared({ unassigned: 1 })) });
    expect(within(screen.getByRole('note')).getByText('1 call belongs to no sub-account')).toBeTruthy();
  });

  it('says that no call is unassigned', async () => {
    await setup({ list: () => Promise.resolve(shared({ unassigned: 0 })) });
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('No call is unassigned.');
    expect(within(note).queryByText(/belongs? to no sub-account/)).toBeNull();
  });

  it('assigns an agent with its "Assign <name> to" menu, only on a shared account', async () => {
    const moved = shared({ agents: [agents[0]!, { ...agents[1]!, ownerId: 12, ownerName: 'Cole Dental' }], unassigned: 9 });
    const assign = vi.fn((_in: AgentAssignment) => Promise.resolve(moved));
    await setup({ list: () => Promise.resolve(shared()), assign });
    const menu = screen.getByRole('combobox', { name: 'Assign After hours to' }) as HTMLSelectElement;
    expect(screen.getByRole('combobox', { name: 'Assign Front desk to' })).toHaveProperty('value', '7');
    expect(menu.value).toBe('9');
    expect(within(menu).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Nobody (unassigned)',
      'Acme Dental (this sub-account)',
      'Beta Plumbing',
      'Cole Dental',
    ]);
    await fireEvent.change(menu, { target: { value: '12' } });
    expect(assign).toHaveBeenCalledWith({ subAccountId: 7, agentRowId: 2, ownerId: 12 });
    await vi.waitFor(() => expect(within(screen.getByRole('note')).getByText('9 calls belong to no sub-account')).toBeTruthy());
    expect(menu.value).toBe('12');
    expect(toasts.items.map((t) => t.message)).toEqual(['Assigned After hours to Cole Dental']);
  });

  it('puts the menu back when Go refuses the assignment', async () => {
    const assign = vi.fn(() => Promise.reject({ code: 'invalid', message: 'Cole Dental is not on this Retell AI account.' }));
    await setup({ list: () => Promise.resolve(shared()), assign });
    const menu = screen.getByRole('combobox', { name: 'Assign After hours to' }) as HTMLSelectElement;
    await fireEvent.change(menu, { target: { value: '12' } });
    await vi.waitFor(() =>
      expect(toasts.items.map((t) => t.message)).toEqual(['Could not assign the agent: Cole Dental is not on this Retell AI account.']),
    );
    await vi.waitFor(() => expect(menu.value).toBe('9'));
    expect(menu).toHaveProperty('disabled', false);
  });

  it('says what happens next when no agent was read yet, and reads them once on opening', async () => {
    const { refresh } = await setup({
      list: () => Promise.resolve(agentsView({ readAt: '' })),
      refresh: () => Promise.reject({ code: 'unavailable', message: 'Retell AI did not answer in time.' }),
    });
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    expect(refresh).toHaveBeenCalledWith(7);
    expect(await screen.findByText('No agents read yet')).toBeTruthy();
    expect(screen.getByText('The agents are read at the next sync, or now with Refresh agents.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    // The read it made by itself is not announced, even when it failed.
    expect(toasts.items).toEqual([]);
  });

  it('says the provider lists none once they were read', async () => {
    await setup({ list: () => Promise.resolve(agentsView()) });
    expect(screen.getByText('No agents read yet')).toBeTruthy();
    expect(screen.getByText('Retell AI lists no agents or phone numbers on this account.')).toBeTruthy();
  });

  it('refreshes the agents by its button and toasts how many it read', async () => {
    let read: (v: AgentsView) => void = () => {};
    const { refresh } = await setup({
      list: () => Promise.resolve(agentsView()),
      refresh: () => new Promise((r) => (read = r)),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh agents' }));
    expect(refresh).toHaveBeenCalledWith(7);
    const busy = await screen.findByRole('button', { name: 'Reading…' });
    expect(busy).toHaveProperty('disabled', true);
    read(agentsView({ agents }));
    expect(await screen.findByRole('table', { name: 'Agents' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh agents' })).toHaveProperty('disabled', false);
    expect(toasts.items.map((t) => t.message)).toEqual(['Read 2 agents from the provider']);
  });

  it('asks for the credentials when the account is not connected', async () => {
    const { refresh } = await setup({ list: () => Promise.resolve(agentsView({ connected: false, readAt: '' })) });
    expect(screen.getByText("Save the credentials to read this account's agents.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refresh agents' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows a load error with Retry', async () => {
    let fail = true;
    await setup({
      list: () => (fail ? Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) : Promise.resolve(agentsView({ agents }))),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the agents: The database is busy.');
    fail = false;
    await fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Agents' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(toasts.items).toEqual([]);
  });
});
