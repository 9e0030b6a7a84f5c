import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SearchInput from './SearchInput.svelte';

function setup(clearOnEscape: boolean) {
  const query = { search: 'acme', setSearch: vi.fn() };
  const { component } = render(SearchInput, { query, label: 'Search things', placeholder: 'Search  ( / )', clearOnEscape });
  return { query, component, input: screen.getByRole('textbox', { name: 'Search things' }) as HTMLInputElement };
}

describe('SearchInput', () => {
  it("shows the store's search and hands typing to it", async () => {
    const { query, input } = setup(false);
    expect(input.value).toBe('acme');
    await fireEvent.input(input, { target: { value: 'acm' } });
    expect(query.setSearch).toHaveBeenLastCalledWith('acm');
  });

  it('focus() focuses and selects the search (the / shortcut)', () => {
    const { component, input } = setup(false);
    component.focus();
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 4]);
  });

  it.each([
    [false, 0],
    [true, 1],
  ])('clears on Escape only when clearOnEscape is %s', async (clearOnEscape, calls) => {
    const { query, input } = setup(clearOnEscape);
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(query.setSearch).toHaveBeenCalledTimes(calls);
    if (calls) expect(query.setSearch).toHaveBeenCalledWith('');
  });
});
