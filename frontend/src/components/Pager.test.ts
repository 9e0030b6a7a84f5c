import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Pager from './Pager.svelte';

function pages(over: Partial<{ loaded: boolean; items: number[]; hasPrevious: boolean }> = {}) {
  return {
    loaded: true,
    items: [1, 2, 3],
    total: 250,
    shownOffset: 100,
    hasPrevious: true,
    hasNext: false,
    previousPage: vi.fn(() => Promise.resolve()),
    nextPage: vi.fn(() => Promise.resolve()),
    ...over,
  };
}

describe('Pager', () => {
  it('shows the range of the rows shown and pages through the store', async () => {
    const p = pages();
    render(Pager, { pages: p });
    expect(screen.getByText('101–103 of 250')).toBeTruthy();
    const next = screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(p.previousPage).toHaveBeenCalledOnce();
  });

  it('jumps to the page typed when Enter is pressed', async () => {
    const goToPage = vi.fn(() => Promise.resolve());
    render(Pager, { pages: { ...pages(), page: 2, pageCount: 3, goToPage } });
    const field = screen.getByRole('spinbutton', { name: 'Page' }) as HTMLInputElement;
    expect(field.value).toBe('2');
    expect(screen.getByText('of 3')).toBeTruthy();
    await fireEvent.input(field, { target: { value: '3' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(goToPage).toHaveBeenCalledWith(3);
  });

  it('offers the page sizes the store has and sets the one chosen', async () => {
    const setPageSize = vi.fn(() => Promise.resolve());
    render(Pager, { pages: { ...pages(), pageSizes: [25, 50, 100], pageSize: 50, setPageSize } });
    const select = screen.getByRole('combobox', { name: 'Rows per page' }) as HTMLSelectElement;
    expect(select.value).toBe('50');
    await fireEvent.change(select, { target: { value: '100' } });
    expect(setPageSize).toHaveBeenCalledWith(100);
  });

  it('has no page field for a single page nor a size choice without sizes', () => {
    render(Pager, { pages: { ...pages(), page: 1, pageCount: 1, goToPage: vi.fn() } });
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('is absent until rows have arrived', () => {
    render(Pager, { pages: pages({ loaded: false }) });
    render(Pager, { pages: pages({ items: [] }) });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
