import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NavItem, PermissionNodeState, PermissionState, PermissionView, PublishResult } from '../../../api';
import { toasts } from '../../../stores/toasts.svelte';
import PermissionsTab from './PermissionsTab.svelte';

/** Go's state values are a generated enum; the tests write them as the strings Go sends. */
const st = (s: PermissionState) => s as PermissionNodeState['draft'];

function node(key: string, label: string, draft: PermissionState, children: PermissionNodeState[] = [], published = draft): PermissionNodeState {
  return { key, label, draft: st(draft), published: st(published), children };
}

const reports = (state: PermissionState) =>
  node('reports', 'Reports', state, [node('reports.calls', 'Call reports', state === 'shown' ? 'shown' : 'hidden', [], 'shown')], 'shown');

function view(over: Partial<PermissionView> = {}): PermissionView {
  const nav: NavItem[] = [{ key: 'reports', label: 'Reports', features: ['Call reports'], partial: false }];
  return {
    subAccountId: 7,
    nodes: [node('dashboard', 'Dashboard', 'shown'), reports('shown')],
    dirty: false,
    version: 2,
    publishedAt: Date.UTC(2026, 10, 30),
    publishedBy: 'dana',
    navDraft: nav,
    navPublished: nav,
    ...over,
  };
}

async function setup(first: PermissionView, more: Partial<Parameters<typeof render<typeof PermissionsTab>>[1]> = {}) {
  const setVisible = vi.fn((_id: number, _key: string, _visible: boolean) =>
    Promise.resolve(view({ dirty: true, nodes: [node('dashboard', 'Dashboard', 'shown'), reports('hidden')], navDraft: [] })),
  );
  const publish = vi.fn((_id: number) => Promise.resolve<PublishResult>({ view: first, published: false, message: 'Nothing to publish: the draft is the published version.' }));
  render(PermissionsTab, {
    subAccountId: 7,
    subAccountName: 'Acme Dental',
    deps: { get: () => Promise.resolve(first), history: () => Promise.resolve([]), setVisible, publish },
    ...more,
  });
  await screen.findByRole('tree', { name: 'Menus and features' });
  return { setVisible, publish };
}

describe('PermissionsTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('shows each menu as shown, partially hidden or hidden, with its features', async () => {
    await setup(view({ nodes: [node('dashboard', 'Dashboard', 'hidden'), node('reports', 'Reports', 'partial', [node('reports.calls', 'Call reports', 'hidden'), node('reports.usage', 'Usage reports', 'shown')])] }));
    expect(screen.getByRole('treeitem', { name: 'Dashboard' }).getAttribute('aria-checked')).toBe('false');
    const menu = screen.getByRole('treeitem', { name: 'Reports' });
    expect(menu.getAttribute('aria-checked')).toBe('mixed');
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    // Its features are in the group it owns (aria-owns), named after it.
    const features = screen.getByRole('group', { name: 'Reports' });
    expect(menu.getAttribute('aria-owns')).toBe(features.id);
    expect(within(features).getByRole('treeitem', { name: 'Call reports' }).getAttribute('aria-checked')).toBe('false');
    expect(within(features).getByRole('treeitem', { name: 'Usage reports' }).getAttribute('aria-checked')).toBe('true');
  });

  it('moves with the arrow keys and hides the focused node with Space', async () => {
    const { setVisible } = await setup(view());
    const dashboard = screen.getByRole('treeitem', { name: 'Dashboard' });
    dashboard.focus();
    await fireEvent.keyDown(dashboard, { key: 'ArrowDown' });
    const menu = screen.getByRole('treeitem', { name: 'Reports' });
    await vi.waitFor(() => expect(document.activeElement).toBe(menu));
    await fireEvent.keyDown(menu, { key: ' ' });
    expect(setVisible).toHaveBeenCalledWith(7, 'reports', false);
    await screen.findByText(/Unpublished changes/);
    expect(screen.getByRole('treeitem', { name: 'Reports' }).getAttribute('aria-checked')).toBe('false');
    await fireEvent.keyDown(screen.getByRole('treeitem', { name: 'Reports' }), { key: 'ArrowLeft' });
    expect(screen.queryByRole('treeitem', { name: 'Call reports' })).toBeNull();
  });

  it('previews the navigation the draft makes next to the published one', async () => {
    await setup(view());
    await fireEvent.click(within(screen.getByRole('tree')).getByText('Reports'));
    const after = await screen.findByRole('figure', { name: 'After Save & Publish' });
    expect(within(after).getByText(/empty application/)).toBeTruthy();
    const now = screen.getByRole('figure', { name: 'Customer sees now' });
    expect(within(now).getByText('Reports')).toBeTruthy();
  });

  it('says so when there is nothing to publish', async () => {
    const { publish } = await setup(view());
    await fireEvent.click(screen.getByRole('button', { name: 'Save & Publish' }));
    expect(publish).toHaveBeenCalledWith(7);
    await vi.waitFor(() => expect(toasts.items.map((t) => t.message)).toContain('Nothing to publish: the draft is the published version.'));
    expect((screen.getByRole('button', { name: 'Discard changes' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
