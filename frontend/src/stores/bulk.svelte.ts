import {
  BulkAction,
  cancelBulk,
  exportList,
  onBulkProgress,
  onExportProgress,
  runBulk,
  toAppError,
  type AppError,
  type BulkInput,
  type BulkProgress,
  type BulkResult,
  type ExportProgress,
  type ExportResult,
  type Selection,
} from '../api';
import { pluralCount } from '../lib/format';
import { action } from './action';
import { toasts } from './toasts.svelte';

export interface BulkDeps {
  run: (input: BulkInput) => Promise<BulkResult>;
  cancel: () => Promise<void>;
  export: (sel: Selection) => Promise<ExportResult>;
  onProgress: (fn: (p: BulkProgress) => void) => () => void;
  onExportProgress: (fn: (p: ExportProgress) => void) => () => void;
}

/**
 * A bulk run on the list's selection and the list's export: the run's progress (from Go's events),
 * its Cancel, and its result toasted in Go's words.
 */
export class BulkStore {
  running = $state<BulkAction | null>(null);
  progress = $state<BulkProgress | null>(null);
  cancelling = $state(false);
  exporting = $state(false);
  exportProgress = $state<ExportProgress | null>(null);
  #deps: BulkDeps;

  constructor(deps: Partial<BulkDeps> = {}) {
    this.#deps = {
      run: runBulk,
      cancel: cancelBulk,
      export: exportList,
      onProgress: onBulkProgress,
      onExportProgress,
      ...deps,
    };
  }

  /**
   * Runs the action; the result's message is toasted (as an error when a batch failed). Resolves
   * to the result, or to the error Go refused the run with (nothing changed then).
   */
  async run(input: BulkInput): Promise<BulkResult | AppError> {
    this.running = input.action;
    this.progress = null;
    this.cancelling = false;
    const off = this.#deps.onProgress((p) => (this.progress = p));
    const done: { result?: BulkResult } = {};
    const err = await action(
      async () => {
        done.result = await this.#deps.run(input);
      },
      { toast: false },
    );
    off();
    this.running = null;
    this.progress = null;
    if (err || !done.result) return err ?? toAppError(new Error('The bulk action gave no result.'));
    if (done.result.failed) toasts.error(done.result.message);
    else toasts.success(done.result.message);
    return done.result;
  }

  /** Cancel: the run stops between two batches; its result says what was done. */
  async cancel(): Promise<void> {
    this.cancelling = true;
    await action(() => this.#deps.cancel());
  }

  /** Exports the selection (or the whole query) as CSV through the save dialog. */
  async export(sel: Selection): Promise<void> {
    this.exporting = true;
    this.exportProgress = null;
    const off = this.#deps.onExportProgress((p) => (this.exportProgress = p));
    await action(
      async () => {
        const r = await this.#deps.export(sel);
        if (!r.cancelled) return `Exported ${pluralCount(r.rows, 'sub-account')} to ${r.path}`;
      },
      { busy: (on) => (this.exporting = on) },
    );
    off();
    this.exportProgress = null;
  }
}

export const bulk = new BulkStore();
