import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Tabs, { type TabItem } from './Tabs.svelte';

type Id = 'general' | 'calls' | 'activity';

const content = (text: string) => createRawSnippet(() => ({ render: () => `<p>${text}</p>` }));

const tabs: TabItem<Id>[] = [
  { id: 'general', label: 'General', panel: content('General content') },
  { id: 'calls', label: 'Calls', panel: content('Calls content') },
  { id: 'activity', label: 'Activity', panel: content('Activity content') },
];

/** Tabs the way a screen uses them: selecting a tab shows its panel. */
function setup(selected: Id = 'calls') {
  const onselect = vi.fn((id: Id) => void rerender({ selected: id }));
  const { rerender } = render(Tabs<Id>, { tabs, selected, prefix: 'detail', label: 'Sections', onselect });
  return { onselect };
}

const tab = (name: string) => screen.getByRole('tab', { name });

describe('Tabs', () => {
  it('shows the selected panel, named by and linked to its tab', () => {
    setup('calls');
    const panel = screen.getByRole('tabpanel', { name: 'Calls' });
    expect(panel.id).toBe('detail-panel-calls');
    expect(panel.getAttribute('aria-labelledby')).toBe('detail-tab-calls');
    expect(tab('Calls').id).toBe('detail-tab-calls');
    expect(tab('Calls').getAttribute('aria-controls')).toBe(panel.id);
    expect(tab('Calls').getAttribute('aria-selected')).toBe('true');
    expect(panel.textContent).toBe('Calls content');
  });

  it('keeps the other panels in the page, hidden and empty', () => {
    setup('calls');
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
    const all = screen.getAllByRole('tabpanel', { hidden: true });
    expect(all.map((p) => [p.id, p.hidden, p.textContent])).toEqual([
      ['detail-panel-general', true, ''],
      ['detail-panel-calls', false, 'Calls content'],
      ['detail-panel-activity', true, ''],
    ]);
    expect(screen.queryByText('General content')).toBeNull();
  });

  it('switches panels on click and with the arrow, Home and End keys', async () => {
    const { onselect } = setup('general');
    await fireEvent.click(tab('Activity'));
    expect(screen.getByRole('tabpanel', { name: 'Activity' }).textContent).toBe('Activity content');
    expect(screen.queryByText('General content')).toBeNull();

    await fireEvent.keyDown(tab('Activity'), { key: 'ArrowRight' });
    expect(onselect).toHaveBeenLastCalledWith('general');
    expect(document.activeElement).toBe(tab('General'));
    await fireEvent.keyDown(tab('General'), { key: 'ArrowLeft' });
    expect(onselect).toHaveBeenLastCalledWith('activity');
    await fireEvent.keyDown(tab('Activity'), { key: 'Home' });
    expect(onselect).toHaveBeenLastCalledWith('general');
    await fireEvent.keyDown(tab('General'), { key: 'End' });
    expect(onselect).toHaveBeenLastCalledWith('activity');
    expect(screen.getByRole('tabpanel', { name: 'Activity' })).toBeTruthy();
    expect(tab('General').tabIndex).toBe(-1);
    expect(tab('Activity').tabIndex).toBe(0);
  });
});
