/** True when the event comes from a place where keys type text (so shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** True while any native dialog is open. */
export function dialogOpen(doc: Document = document): boolean {
  return doc.querySelector('dialog[open]') !== null;
}

/** True when a single-key shortcut may run: no modifiers, not typing, no dialog open. */
export function shortcutAllowed(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
  return !isTypingTarget(e.target) && !dialogOpen();
}
