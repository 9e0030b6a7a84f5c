import { EventsEmit } from '../../wailsjs/runtime/runtime';

/** The event the window sends once its first screen is on screen (see paintreport.go). */
export const PAINTED_EVENT = 'window:painted';

let reported = false;

/**
 * Tells Go, once, that the first screen has been painted: called when the list's first page is in
 * the DOM, it waits for the next frame. Go notes the moment for the start-up bench and starts
 * the work the first screen does not need. Does nothing outside the Wails window.
 */
export function reportPainted(): void {
  if (reported) return;
  reported = true;
  if ((window as { runtime?: unknown }).runtime == null) return;
  requestAnimationFrame(() => EventsEmit(PAINTED_EVENT));
}
