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

  it('is absent until rows have arrived', () => {
    render(Pager, { pages: pages({ loaded: false }) });
    render(Pager, { pages: pages({ items: [] }) });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
