import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ChangeProviderDialog from './ChangeProviderDialog.svelte';

function setup(onconfirm = vi.fn(() => Promise.resolve(true)), callCount = 2400) {
  const onclose = vi.fn();
  render(ChangeProviderDialog, { providerName: 'Vapi', callCount, onconfirm, onclose });
  return { onconfirm, onclose };
}

describe('ChangeProviderDialog', () => {
  it('is a dialog that lists exactly what is deleted and what is kept', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Change voice provider?' });
    const deleted = within(dialog).getByRole('list', { name: 'Deleted' });
    expect(within(deleted).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'the saved credentials (removed from the keychain)',
      'the provider settings',
      'the call-log sync state',
      'the concurrency settings',
    ]);
    expect(within(dialog).getByText('2,400 past calls stay in the call history, tagged with Vapi.')).toBeTruthy();
  });

  it('says "1 past call stays" for a single call', () => {
    setup(undefined, 1);
    expect(screen.getByText('1 past call stays in the call history, tagged with Vapi.')).toBeTruthy();
  });

  it('deletes the configuration and closes', async () => {
    const { onconfirm, onclose } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete configuration' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(onconfirm).toHaveBeenCalledTimes(1);
  });

  it('stays open when the delete failed, and Cancel keeps everything', async () => {
    const { onconfirm, onclose } = setup(vi.fn(() => Promise.resolve(false)));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete configuration' }));
    await vi.waitFor(() => expect(onconfirm).toHaveBeenCalled());
    expect(onclose).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(onconfirm).toHaveBeenCalledTimes(1);
  });
});
