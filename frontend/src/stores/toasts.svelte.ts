import type { AppError } from '../api';

export type ToastKind = 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** How many times this very message was shown while the toast was up (1 at first). */
  count: number;
}

const DURATION_MS: Record<ToastKind, number> = { success: 4000, error: 8000 };

/**
 * Short-lived result and error messages, shown in the shell's live region. The same message
 * again, while its toast is up, counts on that toast and keeps it up longer instead of stacking
 * another.
 */
export class ToastStore {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(message: string, kind: ToastKind = 'success'): number {
    const same = this.items.find((t) => t.kind === kind && t.message === message);
    const id = same?.id ?? this.#next++;
    if (same) this.items = this.items.map((t) => (t.id === id ? { ...t, count: t.count + 1 } : t));
    else this.items = [...this.items, { id, kind, message, count: 1 }];
    clearTimeout(this.#timers.get(id));
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), DURATION_MS[kind]),
    );
    return id;
  }

  success(message: string): number {
    return this.show(message, 'success');
  }

  error(err: AppError | string): number {
    return this.show(typeof err === 'string' ? err : err.message, 'error');
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastStore();
