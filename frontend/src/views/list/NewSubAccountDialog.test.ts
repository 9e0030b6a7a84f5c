import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '../../stores/toasts.svelte';
import NewSubAccountDialog from './NewSubAccountDialog.svelte';

// Drives the real api → store → dialog path against a stand-in for the Wails bridge.
function bridge(create: (input: { name: string }) => Promise<unknown>) {
  const List = vi.fn(() => Promise.resolve({ items: null, total: 0, offset: 0, limit: 100 }));
  (window as unknown as { go: unknown }).go = { backend: { SubAccountService: { Create: vi.fn(create), List } } };
  return { List };
}

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
  toasts.items = [];
});

describe('NewSubAccountDialog', () => {
  it("shows Go's field error under the field and keeps what was typed", async () => {
    bridge(() => Promise.reject({ code: 'conflict', message: 'Taken.', fields: { name: 'A sub-account named “Acme” already exists.' } }));
    const onclose = vi.fn();
    render(NewSubAccountDialog, { onclose });
    const input = screen.getByRole('textbox', { name: 'Name' });
    await fireEvent.input(input, { target: { value: 'Acme' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create sub-account' }));

    const msg = await screen.findByText('A sub-account named “Acme” already exists.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(msg.id);
    expect((input as HTMLInputElement).value).toBe('Acme');
    expect(onclose).not.toHaveBeenCalled();
    expect(toasts.items).toEqual([]);
  });

  it('creates, toasts, refreshes the list and closes', async () => {
    const { List } = bridge((input) => Promise.resolve({ id: 1, name: input.name, status: 'active' }));
    const onclose = vi.fn();
    render(NewSubAccountDialog, { onclose });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Acme' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create sub-account' }));

    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(toasts.items.map((t) => t.message)).toEqual(['Created “Acme”']);
    expect(List).toHaveBeenCalled();
  });

  it('toasts an error that names no field and says it in the dialog', async () => {
    bridge(() => Promise.reject('{"code":"unavailable","message":"The database is busy."}'));
    render(NewSubAccountDialog, { onclose: vi.fn() });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Acme' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create sub-account' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The database is busy.');
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', 'The database is busy.']]);
  });
});
