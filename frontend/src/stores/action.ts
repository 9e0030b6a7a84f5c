import { toAppError, type AppError } from '../api';
import { toasts } from './toasts.svelte';

/** How a failure is toasted: its message (true), led by a text ("<text>: <message>"), or not (false). */
export type ToastRule = boolean | string;

export interface ActionOptions {
  /** Set to true while the call runs and back to false once it is over, whatever happened. */
  busy?: (on: boolean) => void;
  /** False once a newer request made this one stale: its outcome is then dropped (busy included). */
  current?: () => boolean;
  /** Takes the error when the call fails (into the store's `error`, under a form's fields…). */
  failed?: (err: AppError) => void;
  /** The failure toast, or a function choosing it for each error. Default: the message. */
  toast?: ToastRule | ((err: AppError) => ToastRule);
}

/** For forms: errors that name a field are shown under it, anything else is toasted. */
export const unlessFields = (err: AppError): boolean => !err.hasFields;

/**
 * Runs one store action the same way everywhere: `busy` while it runs; the text the call returns
 * is toasted as its success; a rejection becomes an AppError, goes to `failed` and is toasted as
 * `toast` says. Never rejects: resolves to the error, or null when the call succeeded.
 */
export async function action(call: () => Promise<string | void>, options: ActionOptions = {}): Promise<AppError | null> {
  const { busy, current = () => true, failed, toast = true } = options;
  busy?.(true);
  try {
    const success = await call();
    if (success && current()) toasts.success(success);
    return null;
  } catch (e) {
    const err = toAppError(e);
    if (current()) {
      failed?.(err);
      const rule = typeof toast === 'function' ? toast(err) : toast;
      if (rule !== false) toasts.error(rule === true ? err : `${rule}: ${err.message}`);
    }
    return err;
  } finally {
    if (current()) busy?.(false);
  }
}
