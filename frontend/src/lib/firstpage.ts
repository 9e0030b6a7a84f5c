import type { ListPage } from '../api';
import { PAGE_SIZE } from '../stores/subaccounts.svelte';

/**
 * The list Go painted before the script ran (firstscreen.go): its page as JSON, or null when
 * there is none or it is not the page the list starts on.
 */
export function firstPage(): ListPage | null {
  if (!document.getElementById('first-screen')) return null;
  const text = document.getElementById('first-page')?.textContent;
  if (!text) return null;
  const page = JSON.parse(text) as ListPage;
  return page.offset === 0 && page.limit === PAGE_SIZE ? page : null;
}

/**
 * Puts the app in the place of the screen Go painted, once its own list is live. Returns
 * false when there was no such screen (the app's list is then the first one painted).
 */
export function replaceFirstScreen(): boolean {
  const screen = document.getElementById('first-screen');
  if (!screen) return false;
  screen.remove();
  document.getElementById('app')?.removeAttribute('hidden');
  return true;
}
