import type { AppError } from '../api';

export type ToastKind = 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

const DURATION_MS: Record<ToastKind, number> = { success: 4000, error: 8000 };

/** Short-lived result and error messages, shown in the shell's live region. */
export class ToastStore {
  items = $state<Toast[]>([]);
  #next = 1;

  show(message: string, kind: ToastKind = 'success'): number {
    const id = this.#next++;
    this.items = [...this.items, { id, kind, message }];
    setTimeout(() => this.dismiss(id), DURATION_MS[kind]);
    return id;
  }

  success(message: string): number {
    return this.show(message, 'success');
  }

  error(err: AppError | string): number {
    return this.show(typeof err === 'string' ? err : err.message, 'error');
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastStore();
