import { EventsEmit } from '../../wailsjs/runtime/runtime';
import { replaceFirstScreen } from './firstpage';

/** The event the window sends once the list is on screen (see paintreport.go). */
export const PAINTED_EVENT = 'window:painted';
/** The event the window sends once the list on screen answers clicks and keys. */
export const READY_EVENT = 'window:ready';

let ready = false;

/**
 * The first screen is live: called once the list's first page is in the DOM. The app takes the
 * place of the screen Go painted (firstscreen.go); and on the next frame Go hears of it, and
 * starts the work the first screen does not need. Without a screen from Go, this is also the
 * moment the list is first on screen.
 */
export function reportReady(): void {
  if (ready) return;
  ready = true;
  const painted = replaceFirstScreen();
  if ((window as { runtime?: unknown }).runtime == null) return;
  requestAnimationFrame(() => {
    if (!painted) EventsEmit(PAINTED_EVENT);
    EventsEmit(READY_EVENT);
  });
}
