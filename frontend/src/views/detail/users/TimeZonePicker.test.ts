import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { TimeZone } from '../../../api';
import { searchZones } from './testing';
import TimeZonePicker from './TimeZonePicker.svelte';

function setup(value = '') {
  const onchange = vi.fn((_z: TimeZone) => {});
  render(TimeZonePicker, { id: 'tz', value, search: searchZones, onchange });
  const input = screen.getByRole('combobox') as HTMLInputElement;
  return { input, onchange };
}

const listbox = () => screen.getByRole('listbox', { name: 'Time zones', hidden: true });
const options = () => within(listbox()).queryAllByRole('option', { hidden: true });
const active = (input: HTMLInputElement) => {
  const id = input.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id)?.querySelector('.zone')?.textContent : undefined;
};

describe('TimeZonePicker', () => {
  it('narrows the zones to what is typed, each with its offset and local time', async () => {
    const { input } = setup();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.input(input, { target: { value: 'America' } });
    await vi.waitFor(() => expect(options()).toHaveLength(3));
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(listbox().id);
    expect(options()[1]?.textContent).toMatch(/America\/New_York\s*UTC−05:00\s*04:41/);
    expect(searchZones).toHaveBeenLastCalledWith('America');
  });

  it('moves with the arrows and picks with Enter, without submitting', async () => {
    const { input, onchange } = setup();
    await fireEvent.input(input, { target: { value: 'sao paulo' } });
    await vi.waitFor(() => expect(options()).toHaveLength(1));
    expect(active(input)).toBe('America/Sao_Paulo');
    await fireEvent.input(input, { target: { value: 'america' } });
    await vi.waitFor(() => expect(options()).toHaveLength(3));
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(active(input)).toBe('America/Sao_Paulo');
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(active(input)).toBe('America/New_York');
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(input.value).toBe('America/New_York'));
    expect(onchange).toHaveBeenCalledWith(expect.objectContaining({ name: 'America/New_York' }));
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(await screen.findByText('UTC−05:00, 04:41 there now')).toBeTruthy();
  });

  it('closes with Escape, then undoes the typing, and only then lets Escape through', async () => {
    const { input } = setup('Europe/Zurich');
    await fireEvent.input(input, { target: { value: 'Eur' } });
    await vi.waitFor(() => expect(options()).toHaveLength(2));
    const esc = () => {
      const e = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
      input.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(esc()).toBe(true);
    await vi.waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('false'));
    expect(input.value).toBe('Eur');
    expect(esc()).toBe(true);
    await vi.waitFor(() => expect(input.value).toBe('Europe/Zurich'));
    expect(esc()).toBe(false);
  });

  it('picks a zone clicked in the list', async () => {
    const { input, onchange } = setup();
    await fireEvent.input(input, { target: { value: 'zurich' } });
    const option = await vi.waitFor(() => {
      const o = options()[0];
      if (!o) throw new Error('no option');
      return o;
    });
    await fireEvent.mouseDown(option);
    await fireEvent.click(option);
    expect(input.value).toBe('Europe/Zurich');
    expect(onchange).toHaveBeenCalledTimes(1);
  });

  it('says when nothing matches, and goes back to the picked zone on leaving', async () => {
    const { input } = setup('Europe/Berlin');
    await fireEvent.input(input, { target: { value: 'Atlantis' } });
    expect(await screen.findByText('No time zone matches “Atlantis”.')).toBeTruthy();
    await fireEvent.blur(input);
    expect(input.value).toBe('Europe/Berlin');
  });

  it('shows every zone, the picked one highlighted, when opened without typing', async () => {
    const { input } = setup('Europe/Berlin');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await vi.waitFor(() => expect(options()).toHaveLength(5));
    expect(searchZones).toHaveBeenLastCalledWith('');
    expect(active(input)).toBe('Europe/Berlin');
  });

  it('says to type more when Go listed as many zones as it lists for a query', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ name: `America/Z${i}`, label: `Z${i}`, region: 'America', offset: 'UTC−05:00', localTime: '04:41' }));
    render(TimeZonePicker, { id: 'tz', value: '', search: () => Promise.resolve(many) });
    await fireEvent.input(screen.getByRole('combobox'), { target: { value: 'America' } });
    expect(await screen.findByText('The first 50 matches: type more of the name, such as a city, to find others.')).toBeTruthy();
  });
});
