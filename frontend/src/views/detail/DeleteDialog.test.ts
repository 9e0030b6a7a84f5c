import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../api';
import DeleteDialog from './DeleteDialog.svelte';

function setup(ondelete = vi.fn(() => Promise.resolve<AppError | null>(null))) {
  const onclose = vi.fn();
  render(DeleteDialog, { name: 'Acme Dental', ondelete, onclose });
  const input = screen.getByLabelText('Type Acme Dental to confirm');
  const button = screen.getByRole('button', { name: 'Delete sub-account' });
  return { input, button, ondelete, onclose };
}

describe('DeleteDialog', () => {
  it('is a dialog named by its heading that says what is lost', () => {
    setup();
    const dialog = screen.getByRole('dialog', { name: 'Delete sub-account?' });
    expect(screen.getByText(/^This permanently deletes/).textContent).toBe(
      'This permanently deletes “Acme Dental” and all of its data. The audit log keeps a record. This cannot be undone.',
    );
  });

  it('enables the button only when the typed name matches exactly', async () => {
    const { input, button } = setup();
    expect(button).toHaveProperty('disabled', true);
    await fireEvent.input(input, { target: { value: 'acme dental' } });
    expect(button).toHaveProperty('disabled', true);
    await fireEvent.input(input, { target: { value: 'Acme Dental ' } });
    expect(button).toHaveProperty('disabled', true);
    await fireEvent.input(input, { target: { value: 'Acme Dental' } });
    expect(button).toHaveProperty('disabled', false);
  });

  it('deletes with the typed name and closes', async () => {
    const { input, button, ondelete, onclose } = setup();
    await fireEvent.input(input, { target: { value: 'Acme Dental' } });
    await fireEvent.click(button);
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(ondelete).toHaveBeenCalledWith('Acme Dental');
  });

  it("shows Go's confirmName error under the field and stays open", async () => {
    const err = new AppError('invalid', 'Check the name.', { confirmName: 'Type the name exactly.' });
    const { input, button, onclose } = setup(vi.fn(() => Promise.resolve<AppError | null>(err)));
    await fireEvent.input(input, { target: { value: 'Acme Dental' } });
    await fireEvent.click(button);
    const msg = await screen.findByText('Type the name exactly.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(msg.id);
    expect(onclose).not.toHaveBeenCalled();
  });
});
